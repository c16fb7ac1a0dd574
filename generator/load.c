/*
 * load.c: find and read every input file of a site.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "files.h"
#include "hash.h"
#include "load.h"
#include "value.h"
#include "xalloc.h"
#include "yaml_load.h"

/* Returns root/rel, freshly allocated. */
char *
site_path(const struct site *s, const char *rel)
{
	return path_join(s->root, rel);
}

/*
 * Returns whether something other than a folder is at path, after
 * reporting it: content/ or content/candidates/ as a file would make a
 * site silently empty.
 */
static int
not_a_folder(const char *path)
{
	struct stat	 st;

	if (lstat(path, &st) == -1 || is_dir(path))
		return 0;
	diag_error(path, 0, 0, "must be a folder, not %s", S_ISLNK(st.st_mode) ?
	    "a symbolic link that leads nowhere" : "a file");
	return 1;
}

/* Names d after the file at path, under content_dir; nothing is read. */
static void
list_doc(const char *path, const char *content_dir, struct doc *d)
{
	size_t	 skip = strlen(content_dir), n;

	memset(d, 0, sizeof(*d));
	d->path = xstrdup(path);
	if (strncmp(path, content_dir, skip) == 0 && path[skip] == '/')
		skip++;
	else
		skip = 0;
	n = strlen(path + skip);
	d->rel = xstrndup(path + skip, n > 3 ? n - 3 : n);
}

/*
 * Reads the Markdown file d of site s and parses its front matter into
 * arena a; safe to call for different docs on different threads. A doc
 * already read (ok), or given its text by the caller, is not read again.
 * Returns 0, or -1 after reporting an error.
 */
int
site_read_doc(const struct site *s, struct doc *d, struct arena *a)
{
	if (d->ok)
		return 0;
	if (d->text == NULL && file_read_text(d->path, s->cfg.max_file_size,
	    &d->text, &d->len) != 0)
		return -1;
	if (frontmatter_parse(a, d->path, d->text, d->len, &d->fm) != 0)
		return -1;
	d->ok = 1;
	return 0;
}

/*
 * Reads the candidate file c of site s and parses its YAML into arena a
 * (c->data), unless the caller gave its data; safe to call for
 * different files on different threads.
 * Returns 0, or -1 after reporting an error.
 */
int
site_read_cand(const struct site *s, struct candidate_file *c,
    struct arena *a)
{
	char	*text;
	size_t	 len;

	if (c->data != NULL)
		return 0;
	if (file_read_text(c->path, s->cfg.max_file_size, &text, &len) != 0)
		return -1;
	c->hash = hash_bytes(text, len, 0);
	c->data = yaml_load(a, c->path, text, len, 0);
	free(text);
	return c->data != NULL ? 0 : -1;
}

/* Returns whether path is a real folder (not a link to one). */
static int
real_dir(const char *path)
{
	struct stat	 st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Returns whether path names a Markdown file (".md", as dir_walk). */
static int
has_md_ext(const char *path)
{
	size_t	 n = strlen(path);

	return n >= 3 && strcmp(path + n - 3, ".md") == 0;
}

/*
 * Loads the site at root: site.yaml, then every Markdown file and, when
 * with_candidates, every candidate file, each reported on as it is read.
 * Returns 0 when everything loaded, else -1 (diagnostics say why).
 */
int
site_load(struct site *s, const char *root, int with_candidates)
{
	static const char *const md[] = { ".md", NULL };
	static const char *const yml[] = { ".yaml", ".yml", NULL };
	static const char *const md_yml[] = { ".md", ".yaml", ".yml", NULL };
	struct strlist	 files = { NULL, 0, 0 }, cands = { NULL, 0, 0 };
	char		*cfgpath, *content, *canddir;
	size_t		 i, j;
	int		 rc = 0;

	memset(s, 0, sizeof(*s));
	s->root = xstrdup(root);
	s->arena = arena_new();
	config_defaults(&s->cfg);

	/* Every file read from here on (templates and themes too) must
	 * really be inside the site: site_free lifts this. */
	if (!is_dir(root) || files_confine(root) != 0) {
		diag_io(root, "no such folder");
		return -1;
	}
	cfgpath = site_path(s, "site.yaml");
	if (config_load(s->arena, cfgpath, &s->cfg) != 0)
		rc = -1;
	free(cfgpath);

	content = site_path(s, "content");
	canddir = path_join(content, "candidates");
	if (not_a_folder(content) || (with_candidates && not_a_folder(canddir)))
		rc = -1;
	if (is_dir(content) && with_candidates && real_dir(canddir)) {
		/*
		 * The candidates' folder (thousands of files) is read once,
		 * for its Markdown files too.
		 */
		if (dir_walk_skip(content, md, &files, s->cfg.max_files,
		    canddir) != 0 || dir_walk(canddir, md_yml, &cands,
		    s->cfg.max_files) != 0)
			rc = -1;
		for (i = j = 0; i < cands.len; i++)
			if (has_md_ext(cands.items[i]))
				strlist_take(&files, cands.items[i]);
			else
				cands.items[j++] = cands.items[i];
		cands.len = j;
	} else if (is_dir(content)) {
		if (dir_walk(content, md, &files, s->cfg.max_files) != 0)
			rc = -1;
		if (with_candidates && is_dir(canddir) &&
		    dir_walk(canddir, yml, &cands, s->cfg.max_files) != 0)
			rc = -1;
	}
	strlist_sort(&files);
	strlist_sort(&cands);
	if (files.len + cands.len > s->cfg.max_files) {
		/* At the setting when there is one: that is what to raise. */
		const struct value *v = s->cfg.raw == NULL ? NULL :
		    value_map_getc(s->cfg.raw, "max_files");

		diag_error(v ? v->file : content, v ? v->line : 0,
		    v ? v->col : 0, "more than %zu input files in content/ "
		    "(max_files in site.yaml)", s->cfg.max_files);
		rc = -1;
		goto out;
	}

	/* Links out of the site are refused before anything is read. */
	{
		size_t	 k;

		for (k = 0; k < 2; k++) {
			struct strlist *l = k == 0 ? &files : &cands;

			for (i = j = 0; i < l->len; i++) {
				if (file_inside(l->items[i]))
					l->items[j++] = l->items[i];
				else {
					free(l->items[i]);
					rc = -1;
				}
			}
			l->len = j;
		}
	}

	s->docs = xcalloc(files.len + 1, sizeof(*s->docs));
	for (i = 0; i < files.len; i++)
		list_doc(files.items[i], content, &s->docs[s->n_docs++]);
	s->cands = xcalloc(cands.len + 1, sizeof(*s->cands));
	for (i = 0; i < cands.len; i++) {
		s->cands[i].path = cands.items[i];
		cands.items[i] = NULL;
	}
	s->n_cands = cands.len;
out:
	strlist_free(&files);
	strlist_free(&cands);
	free(content);
	free(canddir);
	return rc;
}

void
site_free(struct site *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n_docs; i++) {
		free(s->docs[i].path);
		free(s->docs[i].rel);
		free(s->docs[i].text);
	}
	free(s->docs);
	for (i = 0; i < s->n_cands; i++)
		free(s->cands[i].path);
	free(s->cands);
	arena_free(s->arena);
	free(s->root);
	memset(s, 0, sizeof(*s));
	files_confine(NULL);
}
