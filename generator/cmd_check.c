/*
 * cmd_check.c: kitgen check: load and validate a whole site, write nothing.
 */
#include "commands.h"
#include "site.h"

int
cmd_check(const struct options *o)
{
	return site_build(o, 0);
}
