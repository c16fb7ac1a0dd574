/*
 * putfile.h: writing a site's files in tests.
 */
#ifndef KITGEN_TEST_PUTFILE_H
#define KITGEN_TEST_PUTFILE_H

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"

/* Writes text as dir/rel, making the folders on the way (cmocka asserts). */
static void
put_in(const char *dir, const char *rel, const char *text)
{
	char	*p = path_join(dir, rel), *slash;
	FILE	*f;

	for (slash = strchr(p + strlen(dir) + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(p, 0755);
		*slash = '/';
	}
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

#endif
