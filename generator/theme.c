/*
 * theme.c: templates and assets, from the site or built in.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "diag.h"
#include "embedded.h"
#include "files.h"
#include "hash.h"
#include "links.h"
#include "output.h"
#include "theme.h"
#include "value.h"
#include "xalloc.h"

/*
 * Returns whether name can be a template or theme name: letters, digits,
 * '-', '_' and inner single '/', no "..": it becomes part of a path.
 */
int
theme_name_ok(const char *name)
{
	const char	*p;

	if (*name == '\0' || *name == '/' || strstr(name, "..") != NULL ||
	    strstr(name, "//") != NULL || name[strlen(name) - 1] == '/' ||
	    strlen(name) > 128)
		return 0;
	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    *p == '/' || *p == '.'))
			return 0;
	return 1;
}

static int
built_in_theme(const char *name)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, n;
	int		 found = 0;

	buf_printf(&b, "themes/%s/", name);
	n = b.len;
	for (i = 0; i < embedded_count && !found; i++)
		found = strncmp(embedded_files[i].path, b.data, n) == 0;
	buf_free(&b);
	return found;
}

/*
 * Opens theme name for the site at site, reading files of at most
 * max_size bytes. where is the site.yaml value that names the theme, or
 * NULL for --theme. Returns 0; -1 after reporting at where that there is
 * no such theme; -2 after printing that --theme names none (a usage
 * error, exit status 2).
 */
int
theme_open(struct theme *t, const char *site, const char *name,
    size_t max_size, const struct value *where)
{
	char	*dir, *p;
	int	 ok;

	memset(t, 0, sizeof(*t));
	t->max_size = max_size;
	ok = theme_name_ok(name) && strchr(name, '/') == NULL;
	if (ok) {
		t->site = xstrdup(site);
		t->name = xstrdup(name);
		p = path_join(site, "themes");
		dir = path_join(p, name);
		t->in_site = is_dir(dir);
		free(p);
		free(dir);
		t->built_in = built_in_theme(name);
		if (t->in_site || t->built_in)
			return 0;
		theme_close(t);
	}
	if (where == NULL) {
		fprintf(stderr, ok ? "kitgen: --theme: no theme '%s': there is "
		    "no themes/%s/ folder and no built-in theme of that name\n" :
		    "kitgen: --theme: '%s' is not a theme name\n", name, name);
		return -2;
	}
	if (ok)
		diag_error(where->file, where->line, where->col, "no theme '%s': "
		    "there is no themes/%s/ folder and no built-in theme of that "
		    "name", name, name);
	else
		diag_error(where->file, where->line, where->col, "'%s' is not a "
		    "theme name: a folder under themes/ is", name);
	return -1;
}

void
theme_close(struct theme *t)
{
	if (t == NULL)
		return;
	free(t->site);
	free(t->name);
	memset(t, 0, sizeof(*t));
}

/*
 * Reads the template at path, if there is anything of that name (a link
 * that leads nowhere is reported, not passed over). Returns 0, 1 when
 * there is nothing there, -1 after an error.
 */
static int
from_file(const char *path, size_t limit, char **text, size_t *len,
    char **pathp)
{
	struct stat	 st;

	if (lstat(path, &st) == -1)
		return 1;
	if (file_read_text(path, limit, text, len) != 0)
		return -1;
	*pathp = xstrdup(path);
	return 0;
}

static int
from_embedded(const char *path, char **text, size_t *len, char **pathp)
{
	const struct embedded_file *f = embedded_find(path);

	if (f == NULL)
		return 1;
	*text = xstrndup((const char *)f->data, f->len);
	*len = f->len;
	/* Diagnostics name the file as it stands in kitgen's sources. */
	*pathp = xstrdup(path);
	return 0;
}

/*
 * Finds template name (without ".mustache"). On success *text (to free),
 * *len and *path (for diagnostics, to free) are set.
 * Returns 0 when found, 1 when there is no such template, -1 after an
 * error reading it.
 */
int
theme_template(const struct theme *t, const char *name, char **text,
    size_t *len, char **path)
{
	struct buf	 b = BUF_INIT;
	char		*full;
	int		 rc;

	*text = *path = NULL;
	*len = 0;
	if (!theme_name_ok(name))
		return 1;
	buf_printf(&b, "templates/%s.mustache", name);
	full = path_join(t->site, b.data);
	rc = from_file(full, t->max_size, text, len, path);
	free(full);
	if (rc == 1 && t->in_site) {
		buf_reset(&b);
		buf_printf(&b, "themes/%s/templates/%s.mustache", t->name, name);
		full = path_join(t->site, b.data);
		rc = from_file(full, t->max_size, text, len, path);
		free(full);
	}
	if (rc == 1 && t->built_in) {
		buf_reset(&b);
		buf_printf(&b, "themes/%s/templates/%s.mustache", t->name, name);
		rc = from_embedded(b.data, text, len, path);
	}
	if (rc == 1) {
		buf_reset(&b);
		buf_printf(&b, "templates/%s.mustache", name);
		rc = from_embedded(b.data, text, len, path);
	}
	buf_free(&b);
	return rc;
}

static int
write_asset(struct output *o, struct links *l, struct strlist *written,
    const char *rel, const char *data, size_t len)
{
	struct buf	 b = BUF_INIT;
	int		 rc;

	buf_printf(&b, "assets/%s", rel);
	rc = output_write(o, b.data, data, len);
	if (rc == 0 && l != NULL)
		links_add_file(l, b.data);
	if (rc == 0 && written != NULL)
		strlist_push(written, b.data);
	buf_free(&b);
	return rc;
}

/*
 * Returns whether the asset name is text that a browser reads as UTF-8
 * (and so is repaired like any input text); images and fonts are not.
 */
static int
text_asset(const char *name)
{
	static const char *const exts[] = { ".css", ".js", ".mjs", ".html",
	    ".htm", ".svg", ".txt", ".json", ".xml", ".map", ".ics", NULL };
	size_t	 n = strlen(name), i, e;

	for (i = 0; exts[i] != NULL; i++) {
		e = strlen(exts[i]);
		if (n > e && strcmp(name + n - e, exts[i]) == 0)
			return 1;
	}
	return 0;
}

/* Returns whether list (sorted or not) holds s. */
static int
listed(const struct strlist *l, const char *s)
{
	size_t	 i;

	for (i = 0; i < l->len; i++)
		if (strcmp(l->items[i], s) == 0)
			return 1;
	return 0;
}

/*
 * Writes the theme's assets under assets/: the site theme's files, then
 * the built-in files of the theme (or of the default theme) that the
 * site theme does not replace. Returns 0, or -1 after an error.
 */
int
theme_write_assets(const struct theme *t, struct output *o, struct links *l,
    struct strlist *written)
{
	struct strlist	 files = { NULL, 0, 0 }, done = { NULL, 0, 0 };
	struct buf	 prefix = BUF_INIT;
	char		*dir = NULL, *p, *data;
	const char	*rel;
	size_t		 i, n, len;
	int		 rc = 0;

	if (t->in_site) {
		p = path_join(t->site, "themes");
		buf_printf(&prefix, "%s/assets", t->name);
		dir = path_join(p, prefix.data);
		free(p);
		if (is_dir(dir) && dir_walk(dir, NULL, &files, 0) != 0)
			rc = -1;
		strlist_sort(&files);
		for (i = 0; i < files.len && rc == 0; i++) {
			rel = files.items[i] + strlen(dir) + 1;
			if ((text_asset(rel) ? file_read_text : file_read)(
			    files.items[i], t->max_size, &data, &len) != 0) {
				rc = -1;
				break;
			}
			if (write_asset(o, l, written, rel, data, len) != 0)
				rc = -1;
			strlist_push(&done, rel);
			free(data);
		}
	}
	buf_reset(&prefix);
	buf_printf(&prefix, "themes/%s/assets/", t->built_in ? t->name :
	    "default");
	n = prefix.len;
	for (i = 0; i < embedded_count && rc == 0; i++) {
		if (strncmp(embedded_files[i].path, prefix.data, n) != 0)
			continue;
		rel = embedded_files[i].path + n;
		if (listed(&done, rel))
			continue;
		if (write_asset(o, l, written, rel, (const char *)embedded_files[i].data,
		    embedded_files[i].len) != 0)
			rc = -1;
	}
	strlist_free(&files);
	strlist_free(&done);
	buf_free(&prefix);
	free(dir);
	return rc;
}

/* Adds each file below dir to paths and the hash of its bytes to *hashes. */
static void
hash_tree(const struct theme *t, const char *dir, struct strlist *paths,
    uint64_t **hashes)
{
	struct strlist	 files = { NULL, 0, 0 };
	char		*data;
	size_t		 i, len;

	if (!is_dir(dir) || dir_walk(dir, NULL, &files, 0) != 0) {
		strlist_free(&files);
		return;
	}
	strlist_sort(&files);
	for (i = 0; i < files.len; i++) {
		*hashes = xreallocarray(*hashes, paths->len + 1,
		    sizeof(**hashes));
		/* Unreadable: the build reports it if it is used. */
		(*hashes)[paths->len] = 0;
		if (file_read_quiet(files.items[i], t->max_size, &data,
		    &len) == 0) {
			(*hashes)[paths->len] = hash_bytes(data, len, 0);
			free(data);
		}
		strlist_push(paths, files.items[i]);
	}
	strlist_free(&files);
}

/*
 * Adds to paths every file the theme can take templates and assets
 * from, and to *hashes the hash of each one's bytes: the site's
 * templates/ and themes/NAME/ folders, and the files built into kitgen
 * (as one entry). For the build cache: a page depends on all of them.
 */
void
theme_inputs(const struct theme *t, struct strlist *paths, uint64_t **hashes)
{
	char		*p;
	struct buf	 b = BUF_INIT;
	uint64_t	 h = 0;
	size_t		 i;

	p = path_join(t->site, "templates");
	hash_tree(t, p, paths, hashes);
	free(p);
	if (t->in_site) {
		buf_printf(&b, "themes/%s", t->name);
		p = path_join(t->site, buf_cstr(&b));
		hash_tree(t, p, paths, hashes);
		free(p);
	}
	buf_free(&b);
	for (i = 0; i < embedded_count; i++)
		h = hash_bytes(embedded_files[i].data, embedded_files[i].len,
		    hash_str(embedded_files[i].path, h));
	*hashes = xreallocarray(*hashes, paths->len + 1, sizeof(**hashes));
	(*hashes)[paths->len] = h;
	strlist_push(paths, "(built into kitgen)");
}
