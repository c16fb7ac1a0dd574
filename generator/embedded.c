/*
 * embedded.c: lookup in the files compiled into the binary.
 */
#include <stdlib.h>
#include <string.h>

#include "embedded.h"

static int
cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct embedded_file *)elem)->path);
}

/* Returns the embedded file at path ("templates/x.mustache"), or NULL. */
const struct embedded_file *
embedded_find(const char *path)
{
	return bsearch(path, embedded_files, embedded_count,
	    sizeof(embedded_files[0]), cmp);
}
