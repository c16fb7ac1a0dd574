/*
 * cmd_check.c: kitgen check: load and validate a whole site, write nothing.
 */
#include <stdio.h>

#include "commands.h"
#include "diag.h"
#include "load.h"

int
cmd_check(const struct options *o)
{
	struct site	 s;
	int		 st;

	site_load(&s, o->dir);
	st = diag_exit_status();
	diag_print_summary("check");
	if (st == EXIT_OK && !o->quiet)
		fprintf(stderr, "kitgen: check: %zu page%s and %zu "
		    "candidate%s, no errors\n", s.n_docs,
		    s.n_docs == 1 ? "" : "s", s.n_cands,
		    s.n_cands == 1 ? "" : "s");
	site_free(&s);
	return st;
}
