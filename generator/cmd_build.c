/*
 * cmd_build.c: kitgen build: the whole pipeline, written out.
 */
#include "commands.h"
#include "site.h"

int
cmd_build(const struct options *o)
{
	return site_build(o, 1);
}
