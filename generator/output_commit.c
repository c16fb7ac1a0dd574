/*
 * output_commit.c: putting the new site in place, whole (a first build)
 * or file by file (an update), undoing every step if one fails; and
 * finishing an update that was killed outright, from its journal.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buffer.h"
#include "diag.h"
#include "output.h"
#include "output_int.h"
#include "xalloc.h"

/*
 * Finishes a commit that a previous build started and could not end
 * (it was killed): the stale files listed in the journal go, the staged
 * files go in. Returns 0, or -1 after reporting an I/O error.
 */
int
output_roll_forward(struct output *o)
{
	struct strlist	 staged = { NULL, 0, 0 };
	char		*text = NULL, *line, *save = NULL, *from, *to;
	size_t		 len, i;
	int		 rc = 0;

	/* Ours, beside the output folder: not confined to the site. */
	if (file_read_quiet(o->journal, 1u << 30, &text, &len) != 0) {
		diag_io(o->journal, "cannot read: %s", strerror(errno));
		return -1;
	}
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (!output_path_ok(line) || !output_parents_ok(o->dir, line))
			continue;
		to = path_join(o->dir, line);
		remove_tree(to);
		free(to);
	}
	free(text);
	if (output_real_dir(o->files) && output_walk(o->files, &staged) != 0)
		rc = -1;
	for (i = 0; rc == 0 && i < staged.len; i++) {
		from = path_join(o->files, staged.items[i]);
		to = path_join(o->dir, staged.items[i]);
		if (!output_parents_ok(o->dir, staged.items[i])) {
			/* Whatever is in the way was the previous site's. */
			char *p;

			for (p = to + strlen(o->dir) + 1;
			    (p = strchr(p, '/')) != NULL; p++) {
				*p = '\0';
				if (!output_real_dir(to))
					remove_tree(to);
				*p = '/';
			}
		}
		if (output_make_parents(to, strlen(o->dir)) != 0 ||
		    (output_real_dir(to) && remove_tree(to) != 0) ||
		    rename(from, to) != 0) {
			diag_io(to, "cannot finish the interrupted update of "
			    "the site: %s", strerror(errno));
			rc = -1;
		}
		free(from);
		free(to);
	}
	strlist_free(&staged);
	return rc;
}

static void
record(struct output *o, enum act what, const char *rel)
{
	o->acts = xreallocarray(o->acts, o->n_acts + 1, sizeof(*o->acts));
	o->acts[o->n_acts].what = what;
	o->acts[o->n_acts].rel = xstrdup(rel);
	o->n_acts++;
}

/*
 * Moves dir/rel into the staging folder, to be deleted or put back.
 * Returns 0, or -1 after reporting the error.
 */
static int
move_aside(struct output *o, const char *rel)
{
	char	*from = path_join(o->dir, rel), *to = path_join(o->aside, rel);
	int	 rc = -1;

	if (output_make_parents(to, strlen(o->stage)) != 0) {
		diag_io(to, "cannot create folder: %s", strerror(errno));
		goto out;
	}
	if (rename(from, to) != 0) {
		diag_io(from, "cannot move the previous file aside: %s",
		    strerror(errno));
		goto out;
	}
	record(o, ACT_ASIDE, rel);
	rc = 0;
out:
	free(from);
	free(to);
	return rc;
}

/*
 * Makes every folder above dir/rel a real folder, moving aside what is
 * in the way. Returns 0, or -1 after reporting the error.
 */
static int
place_parents(struct output *o, const char *rel)
{
	struct buf	 b = BUF_INIT;
	const char	*p;
	struct stat	 st;
	int		 rc = 0;

	for (p = rel; rc == 0 && (p = strchr(p, '/')) != NULL; p++) {
		buf_reset(&b);
		buf_put(&b, rel, (size_t)(p - rel));
		{
			char *full = path_join(o->dir, buf_cstr(&b));

			if (lstat(full, &st) == 0 && !S_ISDIR(st.st_mode) &&
			    move_aside(o, buf_cstr(&b)) != 0)
				rc = -1;
			else if (rc == 0 && (lstat(full, &st) != 0 ||
			    !S_ISDIR(st.st_mode))) {
				if (mkdir(full, 0755) != 0) {
					diag_io(full, "cannot create folder: "
					    "%s", strerror(errno));
					rc = -1;
				} else
					record(o, ACT_MKDIR, buf_cstr(&b));
			}
			free(full);
		}
	}
	buf_free(&b);
	return rc;
}

/* Undoes every step of the commit so far, last first. */
static void
roll_back(struct output *o)
{
	char	*d, *s;

	while (o->n_acts > 0) {
		struct action *a = &o->acts[--o->n_acts];

		d = path_join(o->dir, a->rel);
		switch (a->what) {
		case ACT_PLACED:
			s = path_join(o->files, a->rel);
			rename(d, s);
			break;
		case ACT_ASIDE:
			s = path_join(o->aside, a->rel);
			rename(s, d);
			break;
		default:
			s = NULL;
			rmdir(d);
			break;
		}
		free(s);
		free(d);
		free(a->rel);
	}
	unlink(o->journal);
}

/* Writes the journal: the stale files, then renamed into place. */
static int
write_journal(struct output *o, const struct strlist *stale)
{
	struct buf	 b = BUF_INIT;
	char		*tmp = path_join(o->stage, "journal.tmp");
	size_t		 i;
	int		 fd, rc = -1;

	for (i = 0; i < stale->len; i++)
		buf_printf(&b, "%s\n", stale->items[i]);
	if (buf_failed(&b))
		die_oom();
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd == -1) {
		diag_io(tmp, "cannot create: %s", strerror(errno));
		goto out;
	}
	if (file_write_all(fd, b.data != NULL ? b.data : "", b.len) != 0) {
		diag_io(tmp, "cannot write: %s", strerror(errno));
		close(fd);
		goto out;
	}
	if (close(fd) != 0) {
		diag_io(tmp, "cannot write: %s", strerror(errno));
		goto out;
	}
	if (rename(tmp, o->journal) != 0) {
		diag_io(o->journal, "cannot write: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	buf_free(&b);
	free(tmp);
	return rc;
}

/* Removes the folders above rel that the removal of stale files left empty. */
static void
prune(struct output *o, const char *rel)
{
	char	*p = path_join(o->dir, rel), *slash;
	size_t	 base = strlen(o->dir);

	while ((slash = strrchr(p, '/')) != NULL && (size_t)(slash - p) > base) {
		*slash = '\0';
		if (rmdir(p) != 0)
			break;
	}
	free(p);
}

/* The update commit: see the top of the file. */
static int
commit_update(struct output *o)
{
	struct strlist	 stale = { NULL, 0, 0 };
	sigset_t	 all, saved;
	size_t		 i;
	char		*p;
	int		 rc = -1;

	for (i = 0; o->previous != NULL && i < o->previous->len; i++)
		if (!hset_has(&o->produced,
		    hash_str(o->previous->items[i], 0)))
			strlist_push(&stale, o->previous->items[i]);
	for (i = 0; i < o->more.len; i++)
		if (!hset_has(&o->produced, hash_str(o->more.items[i], 0)))
			strlist_push(&stale, o->more.items[i]);
	strlist_sort(&o->changed);
	if (stale.len == 0 && o->changed.len == 0) {
		remove_tree(o->stage);
		rc = 0;
		goto out;
	}
	if (write_journal(o, &stale) != 0) {
		remove_tree(o->stage);
		goto out;
	}
	/* From here the commit runs to its end or is undone whole. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &saved);
	output_live_stage = NULL;
	for (i = 0; i < stale.len; i++) {
		struct stat st;

		if (!output_parents_ok(o->dir, stale.items[i]))
			continue;
		p = path_join(o->dir, stale.items[i]);
		if (lstat(p, &st) == 0) {
			if (move_aside(o, stale.items[i]) != 0) {
				free(p);
				goto undo;
			}
			o->removed++;
		}
		free(p);
	}
	for (i = 0; i < o->changed.len; i++) {
		const char *rel = o->changed.items[i];
		char *from, *to;
		struct stat st;

		if (place_parents(o, rel) != 0)
			goto undo;
		to = path_join(o->dir, rel);
		if (lstat(to, &st) == 0 && move_aside(o, rel) != 0) {
			free(to);
			goto undo;
		}
		from = path_join(o->files, rel);
		if (rename(from, to) != 0) {
			diag_io(to, "cannot move the new file in place: %s",
			    strerror(errno));
			free(from);
			free(to);
			goto undo;
		}
		record(o, ACT_PLACED, rel);
		free(from);
		free(to);
	}
	unlink(o->journal);
	for (i = 0; i < stale.len; i++)
		prune(o, stale.items[i]);
	remove_tree(o->stage);
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	rc = 0;
	goto out;
undo:
	roll_back(o);
	o->removed = 0;
	remove_tree(o->stage);
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
out:
	strlist_free(&stale);
	return rc;
}

/* The first build: the staged tree becomes the output folder. */
static int
commit_new(struct output *o)
{
	char	*prev = path_join(o->stage, "previous");
	int	 had = access(o->dir, F_OK) == 0 || errno != ENOENT;
	int	 rc = -1;

	/* Not a folder (a file, a link): moved aside, then removed. */
	if (had && rename(o->dir, prev) == -1) {
		diag_io(o->dir, "cannot move the previous site aside: %s",
		    strerror(errno));
		goto out;
	}
	if (rename(o->files, o->dir) == -1) {
		diag_io(o->dir, "cannot move the new site in place: %s",
		    strerror(errno));
		if (had)
			rename(prev, o->dir);
		goto out;
	}
	rc = 0;
out:
	remove_tree(o->stage);
	free(prev);
	return rc;
}

/*
 * Makes the new site the output folder's content; *removed, when not
 * NULL, gets the number of files of the previous site removed. Returns
 * 0, or -1 after an I/O error, with the previous site in place. Frees o
 * either way.
 */
int
output_commit(struct output *o, size_t *removed)
{
	int	 rc;

	rc = o->update ? commit_update(o) : commit_new(o);
	if (removed != NULL)
		*removed = o->removed;
	output_free(o);
	return rc;
}

