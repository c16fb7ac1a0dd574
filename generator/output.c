/*
 * output.c: staged output, swapped in whole or updated in place.
 *
 * Every build writes into a staging folder beside the output folder.
 * A first build renames the staged tree into place. Later builds stage
 * only the files whose bytes changed; the commit then moves each
 * replaced or stale file aside into the staging folder and the new one
 * in, undoing every step if one fails, so the previous site stays whole
 * until the new one is complete. A journal written before the first
 * move lets the next build finish a commit that was killed outright.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buffer.h"
#include "diag.h"
#include "files.h"
#include "hash.h"
#include "output.h"
#include "output_int.h"
#include "xalloc.h"

/* The staging folder being written, removed if we are interrupted. */
char *volatile output_live_stage;

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	if (flag == FTW_DP)
		return rmdir(path);
	return unlink(path);
}

/* Removes path and everything below it. Returns 0, or -1 (errno set). */
int
remove_tree(const char *path)
{
	struct stat	 st;

	if (lstat(path, &st) == -1)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	return nftw(path, rm_entry, 32, FTW_DEPTH | FTW_PHYS);
}

static void
on_signal(int sig)
{
	if (output_live_stage != NULL)
		remove_tree(output_live_stage);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
on_exit_cleanup(void)
{
	if (output_live_stage != NULL)
		remove_tree(output_live_stage);
}

/*
 * Returns whether rel is a safe relative path for output: not empty, not
 * absolute, no empty, "." or ".." components, no backslashes or control
 * characters.
 */
int
output_path_ok(const char *rel)
{
	const char	*p = rel, *seg;
	size_t		 n;

	if (*p == '\0' || *p == '/')
		return 0;
	for (seg = p; ; p++) {
		if (*p == '/' || *p == '\0') {
			n = (size_t)(p - seg);
			if (n == 0 || (n == 1 && seg[0] == '.') ||
			    (n == 2 && seg[0] == '.' && seg[1] == '.'))
				return 0;
			if (*p == '\0')
				return 1;
			seg = p + 1;
		} else if ((unsigned char)*p < 0x20 || *p == '\\' ||
		    *p == 0x7f)
			return 0;
	}
}

static char *
sibling(const char *dir, const char *suffix)
{
	const char	*slash = strrchr(dir, '/');
	size_t		 plen = slash ? (size_t)(slash - dir) + 1 : 0;
	char		*p;

	p = xmalloc(strlen(dir) + strlen(suffix) + 3);
	memcpy(p, dir, plen);
	sprintf(p + plen, ".%s%s", dir + plen, suffix);
	return p;
}

/* Returns whether path is a directory, not following a final link. */
int
output_real_dir(const char *path)
{
	struct stat	 st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * Returns whether every folder on the way from dir to dir/rel is a real
 * folder (no symbolic link, nothing else): only then may dir/rel be
 * read, replaced or removed without leaving dir.
 */
int
output_parents_ok(const char *dir, const char *rel)
{
	struct buf	 b = BUF_INIT;
	const char	*p;
	int		 ok = 1;

	for (p = rel; ok && (p = strchr(p, '/')) != NULL; p++) {
		buf_reset(&b);
		buf_printf(&b, "%s/%.*s", dir, (int)(p - rel), rel);
		ok = output_real_dir(buf_cstr(&b));
	}
	buf_free(&b);
	return ok;
}

static struct strlist *walk_into;
static size_t walk_skip;

static int
walk_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	if (flag != FTW_D && flag != FTW_DP && strlen(path) > walk_skip)
		strlist_push(walk_into, path + walk_skip);
	return 0;
}

/*
 * Adds to l every file (and link, and anything not a folder) below dir,
 * relative to it, not following links. Returns 0 or -1 (errno set).
 */
int
output_walk(const char *dir, struct strlist *l)
{
	int	 rc;

	walk_into = l;
	walk_skip = strlen(dir) + 1;
	rc = nftw(dir, walk_entry, 32, FTW_PHYS);
	walk_into = NULL;
	return rc;
}

/*
 * Creates the folders above path below base (base itself exists).
 * Returns 0 or -1.
 */
int
output_make_parents(char *path, size_t base_len)
{
	char	*p;

	for (p = path + base_len + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0755) == -1 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

/*
 * Starts a build into dir (whose parent must exist). When dir holds a
 * site already, only files that change are written and the commit
 * updates it in place; previous, when not NULL, lists the files the
 * last build wrote there (from the build cache; it must live until the
 * commit or the abort), else dir is walked.
 * Returns the handle, or NULL after reporting an I/O error.
 */
struct output *
output_open(const char *dir, const struct strlist *previous)
{
	struct output	*o;
	size_t		 n = strlen(dir), i;
	char		*d;

	d = xstrdup(dir);
	while (n > 1 && d[n - 1] == '/')
		d[--n] = '\0';
	o = xcalloc(1, sizeof(*o));
	o->dir = d;
	o->stage = sibling(d, ".kitgen-staging");
	o->files = path_join(o->stage, "files");
	o->aside = path_join(o->stage, "old");
	o->journal = path_join(o->stage, "journal");
	o->legacy = sibling(d, ".kitgen-old");
	pthread_mutex_init(&o->lock, NULL);

	/* Left over from a build that was killed outright. */
	if (output_real_dir(o->stage) && access(o->journal, F_OK) == 0 &&
	    output_roll_forward(o) != 0) {
		/* Kept, so that the next build can try again. */
		output_free(o);
		return NULL;
	}
	if (remove_tree(o->stage) == -1 || remove_tree(o->legacy) == -1) {
		diag_io(o->stage, "cannot remove a stale staging folder: %s",
		    strerror(errno));
		goto fail;
	}
	o->update = output_real_dir(d);
	if (o->update && previous != NULL)
		o->previous = previous;
	else if (o->update) {
		if (output_walk(d, &o->walked_files) != 0) {
			diag_io(d, "cannot list the previous site: %s",
			    strerror(errno));
			goto fail;
		}
		for (i = 0; i < o->walked_files.len; i++)
			hset_add(&o->existing,
			    hash_str(o->walked_files.items[i], 0));
		o->previous = &o->walked_files;
		o->walked = 1;
	}
	if (mkdir(o->stage, 0755) == -1) {
		diag_io(o->stage, "cannot create the staging folder: %s",
		    strerror(errno));
		goto fail;
	}
	output_live_stage = o->stage;
	{
		static int installed;

		if (!installed) {
			installed = 1;
			atexit(on_exit_cleanup);
			signal(SIGINT, on_signal);
			signal(SIGTERM, on_signal);
			signal(SIGHUP, on_signal);
		}
	}
	if (mkdir(o->files, 0755) == -1) {
		diag_io(o->files, "cannot create the staging folder: %s",
		    strerror(errno));
		output_abort(o);
		return NULL;
	}
	return o;
fail:
	output_abort(o);
	return NULL;
}

/* Returns whether the file at path holds exactly data. */
static int
same_bytes(const char *path, const char *data, size_t len)
{
	struct stat	 st;
	char		 chunk[65536];
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd, same = 0;

	/* A link in the previous site is not followed: it is not ours. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return 0;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size != len)
		goto out;
	while (off < len) {
		n = read(fd, chunk, sizeof(chunk));
		if (n <= 0 || (size_t)n > len - off ||
		    memcmp(chunk, data + off, (size_t)n) != 0)
			goto out;
		off += (size_t)n;
	}
	same = 1;
out:
	close(fd);
	return same;
}


/*
 * Records rel as a file of the new site. Returns 0, or -1 after
 * reporting that two pages have the same path.
 */
static int
claim(struct output *o, const char *rel)
{
	int	 fresh;

	pthread_mutex_lock(&o->lock);
	fresh = hset_add(&o->produced, hash_str(rel, 0));
	pthread_mutex_unlock(&o->lock);
	if (!fresh)
		diag_error(o->dir, 0, 0, "two pages of the site would be "
		    "written to '%s'", rel);
	return fresh ? 0 : -1;
}

/*
 * Makes the folders above path (o->files "/" rel) in the staging folder
 * that this build has not made yet: each folder costs one mkdir, not
 * one per file in it, and a file costs one open. The set holds the
 * hashes of the folders made, relative to o->files.
 * Returns 0, or -1 after reporting the error.
 */
static int
make_folders(struct output *o, char *path)
{
	size_t	 base = strlen(o->files) + 1;
	char	*p;
	uint64_t h;
	int	 made;

	for (p = path + base; (p = strchr(p, '/')) != NULL; p++) {
		h = hash_bytes(path + base, (size_t)(p - path) - base, 0);
		pthread_mutex_lock(&o->lock);
		made = hset_has(&o->folders, h);
		pthread_mutex_unlock(&o->lock);
		if (made)
			continue;
		*p = '\0';
		/* EEXIST: another thread made it since we looked. */
		if (mkdir(path, 0755) == -1 && errno != EEXIST) {
			*p = '/';
			/* A folder above whose hash collides: made now. */
			if (errno == ENOENT &&
			    output_make_parents(path, base - 1) == 0)
				return 0;
			diag_io(path, "cannot create folder: %s",
			    strerror(errno));
			return -1;
		}
		*p = '/';
		pthread_mutex_lock(&o->lock);
		hset_add(&o->folders, h);
		pthread_mutex_unlock(&o->lock);
	}
	return 0;
}

/*
 * Writes data as rel (e.g. "candidates/ada/index.html") in the new site;
 * in an update, a file whose bytes are those on disk is left alone.
 * Returns 0, or -1 after reporting the error (exit status 3; a bad path
 * is reported as an internal error, status 1).
 */
int
output_write(struct output *o, const char *rel, const char *data, size_t len)
{
	char	*path = NULL, *prev = NULL;
	int	 fd = -1, rc = -1;

	if (!output_path_ok(rel)) {
		diag_error(o->dir, 0, 0, "refusing to write '%s': not a "
		    "relative path inside the output folder", rel);
		return -1;
	}
	if (claim(o, rel) != 0)
		return -1;
	if (o->update && (o->walked ? hset_has(&o->existing,
	    hash_str(rel, 0)) : output_parents_ok(o->dir, rel))) {
		prev = path_join(o->dir, rel);
		if (same_bytes(prev, data, len)) {
			pthread_mutex_lock(&o->lock);
			o->kept++;
			pthread_mutex_unlock(&o->lock);
			free(prev);
			return 0;
		}
	}
	path = path_join(o->files, rel);
	if (make_folders(o, path) == -1)
		goto out;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	/* Two folders whose hashes collide: the second is made now. */
	if (fd == -1 && errno == ENOENT) {
		if (output_make_parents(path, strlen(o->files)) == -1) {
			diag_io(path, "cannot create folder: %s",
			    strerror(errno));
			goto out;
		}
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	}
	if (fd == -1) {
		diag_io(path, "cannot create: %s", strerror(errno));
		goto out;
	}
	if (file_write_all(fd, data, len) == -1) {
		diag_io(path, "cannot write: %s", strerror(errno));
		goto out;
	}
	if (close(fd) == -1) {
		fd = -1;
		diag_io(path, "cannot write: %s", strerror(errno));
		goto out;
	}
	fd = -1;
	pthread_mutex_lock(&o->lock);
	o->written++;
	if (o->update)
		strlist_push(&o->changed, rel);
	pthread_mutex_unlock(&o->lock);
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	free(path);
	free(prev);
	return rc;
}

/*
 * Records rel as a file of the new site that was not rendered again: the
 * file of the previous site stands. Returns 0, or -1 as claim().
 */
int
output_keep(struct output *o, const char *rel)
{
	if (claim(o, rel) != 0)
		return -1;
	pthread_mutex_lock(&o->lock);
	o->kept++;
	pthread_mutex_unlock(&o->lock);
	return 0;
}

/*
 * Adds rel to the files of the previous site (beyond those output_open
 * was given), so that it is removed unless this build makes it.
 */
void
output_previous(struct output *o, const char *rel)
{
	if (o->update && !o->walked)
		strlist_push(&o->more, rel);
}

/*
 * Counts n files of the previous site that stand unchanged without
 * being claimed one by one (a candidate's pages kept together): the
 * caller vouches that no page of this build has their paths.
 */
void
output_kept(struct output *o, size_t n)
{
	pthread_mutex_lock(&o->lock);
	o->kept += n;
	pthread_mutex_unlock(&o->lock);
}

/* Returns how many files of l this build has not made (so far). */
static size_t
not_made(const struct output *o, const struct strlist *l)
{
	size_t	 i, n = 0;

	for (i = 0; l != NULL && i < l->len; i++)
		if (!hset_has(&o->produced, hash_str(l->items[i], 0)))
			n++;
	return n;
}

/*
 * Returns how many files of the previous site this build has not made
 * (so far): pages of guides and candidates that went away.
 */
size_t
output_gone(const struct output *o)
{
	return not_made(o, o->previous) + not_made(o, &o->more);
}

/* Returns whether the output folder held a site this build updates. */
int
output_updating(const struct output *o)
{
	return o->update;
}

/* Returns the number of files written anew; *kept gets those unchanged. */
size_t
output_count(const struct output *o, size_t *kept)
{
	if (kept != NULL)
		*kept = o->kept;
	return o->written;
}

void
output_free(struct output *o)
{
	size_t	 i;

	if (output_live_stage == o->stage)
		output_live_stage = NULL;
	pthread_mutex_destroy(&o->lock);
	for (i = 0; i < o->n_acts; i++)
		free(o->acts[i].rel);
	free(o->acts);
	hset_free(&o->produced);
	hset_free(&o->existing);
	hset_free(&o->folders);
	strlist_free(&o->changed);
	strlist_free(&o->walked_files);
	strlist_free(&o->more);
	free(o->dir);
	free(o->stage);
	free(o->files);
	free(o->aside);
	free(o->journal);
	free(o->legacy);
	free(o);
}

/* Removes the staging folder; the previous site stays. Frees o. */
void
output_abort(struct output *o)
{
	if (o == NULL)
		return;
	remove_tree(o->stage);
	output_free(o);
}
