/*
 * floor.c: the floor kitgen is measured against: one C process that reads
 * every guide of a site, renders it with md4c-html and writes one HTML
 * file per guide. No templates, no outline, no links: what any C
 * generator must at least do.
 *
 * usage: floor CONTENT_DIR OUT_DIR
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <md4c-html.h>

#include "buffer.h"
#include "files.h"

static void
append(const MD_CHAR *s, MD_SIZE n, void *arg)
{
	buf_put(arg, s, n);
}

int
main(int argc, char **argv)
{
	static const char *const md[] = { ".md", NULL };
	struct strlist	 files = { NULL, 0, 0 };
	struct buf	 out = BUF_INIT, path = BUF_INIT;
	char		*text;
	size_t		 i, len;
	FILE		*f;

	if (argc != 3) {
		fprintf(stderr, "usage: floor CONTENT_DIR OUT_DIR\n");
		return 2;
	}
	if (dir_walk(argv[1], md, &files, 0) != 0)
		return 3;
	strlist_sort(&files);
	mkdir(argv[2], 0755);
	for (i = 0; i < files.len; i++) {
		if (file_read(files.items[i], FILE_MAX_SIZE, &text, &len) != 0)
			return 3;
		buf_reset(&out);
		md_html(text, (MD_SIZE)len, append, &out, MD_DIALECT_GITHUB, 0);
		buf_reset(&path);
		buf_printf(&path, "%s/%zu.html", argv[2], i);
		if ((f = fopen(path.data, "w")) == NULL ||
		    fwrite(out.data, 1, out.len, f) != out.len || fclose(f) != 0)
			return 3;
		free(text);
	}
	printf("%zu pages\n", files.len);
	strlist_free(&files);
	buf_free(&out);
	buf_free(&path);
	return 0;
}
