/*
 * cmd_render.c: kitgen render [--partials DIR] TEMPLATE [DATA]: renders
 * one Mustache template against a YAML or JSON file, to stdout, exactly
 * the bytes rendered. Partial NAME is read from DIR/NAME.mustache.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buffer.h"
#include "commands.h"
#include "diag.h"
#include "files.h"
#include "mustache.h"
#include "value.h"
#include "xalloc.h"
#include "yaml_load.h"

/*
 * Returns whether a partial's name stays inside the partials folder: not
 * empty, not absolute, no ".." part. A dynamic name comes from the data.
 */
static int
safe_name(const char *name)
{
	const char	*p;
	size_t		 n;

	if (name[0] == '\0' || name[0] == '/')
		return 0;
	for (p = name; *p != '\0'; p += n + (p[n] == '/')) {
		n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 0;
	}
	return 1;
}

/*
 * The loader: partial name is DIR/name.mustache. Returns 1 with the text,
 * 0 when there is no such file, -1 after reporting an I/O error.
 */
static int
load_partial(void *arg, const char *name, struct mustache_source *src)
{
	const char	*dir = arg;
	struct stat	 st;
	char		*file, *path;
	size_t		 n = strlen(name);

	if (!safe_name(name))
		return 0;
	file = xmalloc(n + sizeof(".mustache"));
	memcpy(file, name, n);
	memcpy(file + n, ".mustache", sizeof(".mustache"));
	path = path_join(dir, file);
	free(file);
	if (stat(path, &st) == -1 && (errno == ENOENT || errno == ENOTDIR)) {
		free(path);
		return 0;
	}
	if (file_read_text(path, FILE_MAX_SIZE, &src->text, &src->len) != 0) {
		free(path);
		return -1;
	}
	src->path = path;
	return 1;
}

/*
 * Renders o->argv[0] against o->argv[1] (if given) to stdout. Returns the
 * exit status: 0, 1 for template or data errors, 3 for unreadable files.
 */
int
cmd_render(const struct options *o)
{
	struct arena		*a = NULL;
	const struct value	*data = NULL;
	struct mustache_set	*set = NULL;
	const struct mustache_tmpl *t;
	struct buf		 out = BUF_INIT;
	char			*text = NULL, *dir = NULL;
	size_t			 len;

	if (o->partials != NULL) {
		if (!is_dir(o->partials)) {
			diag_io(o->partials, "not a folder");
			goto out;
		}
		dir = xstrdup(o->partials);
	}
	if (file_read_text(o->argv[0], FILE_MAX_SIZE, &text, &len) != 0)
		goto out;
	if (o->argc > 1) {
		a = arena_new();
		if ((data = yaml_load_file(a, o->argv[1], FILE_MAX_SIZE)) ==
		    NULL)
			goto out;
	}
	set = mustache_set_new(dir != NULL ? load_partial : NULL, dir);
	if ((t = mustache_compile(set, NULL, o->argv[0], text, len)) == NULL ||
	    mustache_render(set, t, data, &out) == -1)
		goto out;
	/* Under --strict a warning counted as an error: print nothing. */
	if (diag_errors() > 0)
		goto out;
	if ((out.len > 0 && fwrite(out.data, 1, out.len, stdout) != out.len) ||
	    fflush(stdout) == EOF)
		diag_io("stdout", "cannot write: %s", strerror(errno));
out:
	mustache_set_free(set);
	buf_free(&out);
	free(text);
	free(dir);
	arena_free(a);
	return diag_exit_status();
}
