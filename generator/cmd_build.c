/*
 * cmd_build.c: kitgen build: load, render and write the site.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "commands.h"
#include "diag.h"
#include "files.h"
#include "load.h"
#include "output.h"
#include "value.h"
#include "xalloc.h"

/*
 * Returns the canonical form of path, which need not exist yet (its
 * parent must): NULL when even the parent cannot be resolved.
 */
static char *
resolve(const char *path)
{
	char	 buf[PATH_MAX], *slash, *parent, *r;
	const char *base;

	if (realpath(path, buf) != NULL)
		return xstrdup(buf);
	parent = xstrdup(path);
	if ((slash = strrchr(parent, '/')) != NULL) {
		*slash = '\0';
		base = path + (slash - parent) + 1;
		if (*parent == '\0')
			strcpy(parent, "/");
	} else {
		strcpy(parent, ".");
		base = path;
	}
	if (realpath(parent, buf) == NULL) {
		free(parent);
		return NULL;
	}
	free(parent);
	r = path_join(buf, base);
	return r;
}

/* Returns whether a is b or a folder that contains b. */
static int
contains(const char *a, const char *b)
{
	size_t	 n = strlen(a);

	return strncmp(a, b, n) == 0 && (b[n] == '\0' || b[n] == '/' ||
	    (n == 1 && a[0] == '/'));
}

/*
 * Refuses an output folder that would overwrite the site's own files:
 * the root, content/, templates/, themes/, or a folder above them.
 * Returns 0, or -1 after printing why.
 */
static int
check_output_dir(const char *root, const char *out)
{
	static const char *const kept[] = { "content", "templates", "themes" };
	char	*r_out, *r_root, *p, *r;
	size_t	 i;
	int	 rc = 0;

	if ((r_out = resolve(out)) == NULL) {
		fprintf(stderr, "kitgen: the folder that would hold the output "
		    "folder '%s' does not exist\n", out);
		return -1;
	}
	r_root = resolve(root);
	if (r_root != NULL && contains(r_out, r_root)) {
		fprintf(stderr, "kitgen: the output folder '%s' would replace "
		    "the site itself; choose another with -o\n", out);
		rc = -1;
	}
	for (i = 0; rc == 0 && r_root != NULL && i < 3; i++) {
		p = path_join(r_root, kept[i]);
		r = resolve(p);
		if (r != NULL && (contains(r_out, r) || contains(r, r_out))) {
			fprintf(stderr, "kitgen: the output folder '%s' would "
			    "overwrite the site's %s/ folder; choose another "
			    "with -o\n", out, kept[i]);
			rc = -1;
		}
		free(p);
		free(r);
	}
	free(r_out);
	free(r_root);
	return rc;
}

/* The index until the full site renderer lands: every page and candidate. */
static void
render_index(const struct site *s, struct buf *b)
{
	size_t	 i;
	const struct value *name, *title;

	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"");
	buf_put_html(b, s->cfg.language, strlen(s->cfg.language));
	buf_puts(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>");
	buf_put_html(b, s->cfg.title, strlen(s->cfg.title));
	buf_puts(b, "</title>\n</head>\n<body>\n<main>\n<h1>");
	buf_put_html(b, s->cfg.title, strlen(s->cfg.title));
	buf_puts(b, "</h1>\n<h2>Guides</h2>\n<ul>\n");
	for (i = 0; i < s->n_docs; i++) {
		title = value_map_getc(s->docs[i].fm.meta, "title");
		buf_puts(b, "<li>");
		if (value_cstr(title) != NULL)
			buf_put_html(b, title->u.str.ptr, title->u.str.len);
		else
			buf_put_html(b, s->docs[i].rel, strlen(s->docs[i].rel));
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n<h2>Candidates</h2>\n<ul>\n");
	for (i = 0; i < s->n_cands; i++) {
		name = value_map_getc(s->cands[i].data, "name");
		buf_puts(b, "<li>");
		if (value_cstr(name) != NULL)
			buf_put_html(b, name->u.str.ptr, name->u.str.len);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n</main>\n</body>\n</html>\n");
}

int
cmd_build(const struct options *o)
{
	struct site	 s;
	struct output	*out = NULL;
	struct buf	 page = BUF_INIT;
	char		*outdir;
	int		 st;

	if (site_load(&s, o->dir) != 0 || diag_errors() > 0) {
		st = diag_exit_status();
		diag_print_summary("build");
		site_free(&s);
		return st;
	}
	outdir = o->out != NULL ? xstrdup(o->out) :
	    site_path(&s, s.cfg.output);
	if (check_output_dir(o->dir, outdir) == -1) {
		free(outdir);
		site_free(&s);
		return EXIT_USAGE;
	}
	if ((out = output_open(outdir)) == NULL)
		goto done;
	render_index(&s, &page);
	if (buf_failed(&page)) {
		diag_io(outdir, "out of memory");
		output_abort(out);
		goto done;
	}
	if (output_write(out, "index.html", page.data, page.len) != 0 ||
	    diag_errors() > 0) {
		output_abort(out);
		goto done;
	}
	if (output_commit(out) == 0 && !o->quiet)
		fprintf(stderr, "kitgen: built %s/index.html\n", outdir);
done:
	st = diag_exit_status();
	diag_print_summary("build");
	buf_free(&page);
	free(outdir);
	site_free(&s);
	return st;
}
