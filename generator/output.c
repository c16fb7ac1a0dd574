/*
 * output.c: staged output, swapped in whole.
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

#include "diag.h"
#include "files.h"
#include "output.h"
#include "xalloc.h"

struct output {
	char		*dir;		/* the output folder */
	char		*stage;		/* where this build writes */
	char		*old;		/* the previous site, if any */
	pthread_mutex_t	 lock;
	size_t		 written;	/* files written anew */
	size_t		 kept;		/* files linked unchanged */
};

/* The staging folder being written, removed if we are interrupted. */
static char *volatile live_stage;

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
	if (live_stage != NULL)
		remove_tree(live_stage);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
on_exit_cleanup(void)
{
	if (live_stage != NULL)
		remove_tree(live_stage);
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

/*
 * Starts a build into dir (whose parent must exist).
 * Returns the handle, or NULL after reporting an I/O error.
 */
struct output *
output_open(const char *dir)
{
	struct output	*o;
	size_t		 n = strlen(dir);
	char		*d;

	d = xstrdup(dir);
	while (n > 1 && d[n - 1] == '/')
		d[--n] = '\0';
	o = xcalloc(1, sizeof(*o));
	o->dir = d;
	o->stage = sibling(d, ".kitgen-staging");
	o->old = sibling(d, ".kitgen-old");
	pthread_mutex_init(&o->lock, NULL);

	/* Left over from a build that was killed outright. */
	if (remove_tree(o->stage) == -1 || remove_tree(o->old) == -1) {
		diag_io(o->stage, "cannot remove a stale staging folder: %s",
		    strerror(errno));
		goto fail;
	}
	if (mkdir(o->stage, 0755) == -1) {
		diag_io(o->stage, "cannot create the staging folder: %s",
		    strerror(errno));
		goto fail;
	}
	live_stage = o->stage;
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
	return o;
fail:
	free(o->dir);
	free(o->stage);
	free(o->old);
	pthread_mutex_destroy(&o->lock);
	free(o);
	return NULL;
}

/* Creates the folders above path (inside the stage). Returns 0 or -1. */
static int
make_parents(char *path, size_t stage_len)
{
	char	*p;

	for (p = path + stage_len + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0755) == -1 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
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

static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, data, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Writes data as rel (e.g. "candidates/ada/index.html") in the new site.
 * Returns 0, or -1 after reporting the error (exit status 3; a bad path
 * is reported as an internal error, status 1).
 */
int
output_write(struct output *o, const char *rel, const char *data, size_t len)
{
	char	*path = NULL, *prev = NULL;
	int	 fd = -1, rc = -1, kept = 0;

	if (!output_path_ok(rel)) {
		diag_error(o->dir, 0, 0, "refusing to write '%s': not a "
		    "relative path inside the output folder", rel);
		return -1;
	}
	path = path_join(o->stage, rel);
	prev = path_join(o->dir, rel);
	if (same_bytes(prev, data, len)) {
		if (link(prev, path) == 0)
			kept = 1;
		else if (errno == ENOENT && make_parents(path,
		    strlen(o->stage)) == 0 && link(prev, path) == 0)
			kept = 1;
	}
	if (!kept) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd == -1 && errno == ENOENT) {
			if (make_parents(path, strlen(o->stage)) == -1) {
				diag_io(path, "cannot create folder: %s",
				    strerror(errno));
				goto out;
			}
			fd = open(path, O_WRONLY | O_CREAT | O_EXCL |
			    O_CLOEXEC, 0644);
		}
		if (fd == -1 && errno == EEXIST) {
			/* Only a bug upstream names one page twice. */
			diag_error(o->dir, 0, 0, "two pages of the site would be "
			    "written to '%s'", rel);
			goto out;
		}
		if (fd == -1) {
			diag_io(path, "cannot create: %s", strerror(errno));
			goto out;
		}
		if (write_all(fd, data, len) == -1) {
			diag_io(path, "cannot write: %s", strerror(errno));
			goto out;
		}
		if (close(fd) == -1) {
			fd = -1;
			diag_io(path, "cannot write: %s", strerror(errno));
			goto out;
		}
		fd = -1;
	}
	pthread_mutex_lock(&o->lock);
	if (kept)
		o->kept++;
	else
		o->written++;
	pthread_mutex_unlock(&o->lock);
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	free(path);
	free(prev);
	return rc;
}

/* Returns the number of files written anew; *kept gets those unchanged. */
size_t
output_count(const struct output *o, size_t *kept)
{
	if (kept != NULL)
		*kept = o->kept;
	return o->written;
}

static void
output_free(struct output *o)
{
	if (live_stage == o->stage)
		live_stage = NULL;
	pthread_mutex_destroy(&o->lock);
	free(o->dir);
	free(o->stage);
	free(o->old);
	free(o);
}

/*
 * Swaps the new site in and removes the previous one.
 * Returns 0, or -1 after an I/O error, with the previous site in place.
 * Frees o either way.
 */
int
output_commit(struct output *o)
{
	int	 had_old = is_dir(o->dir) || access(o->dir, F_OK) == 0;
	int	 rc = -1;

	if (had_old && rename(o->dir, o->old) == -1) {
		diag_io(o->dir, "cannot move the previous site aside: %s",
		    strerror(errno));
		remove_tree(o->stage);
		goto out;
	}
	if (rename(o->stage, o->dir) == -1) {
		diag_io(o->dir, "cannot move the new site in place: %s",
		    strerror(errno));
		if (had_old)
			rename(o->old, o->dir);
		remove_tree(o->stage);
		goto out;
	}
	live_stage = NULL;
	if (had_old && remove_tree(o->old) == -1)
		diag_warning(o->old, 0, 0, "cannot remove the previous site: "
		    "%s", strerror(errno));
	rc = 0;
out:
	output_free(o);
	return rc;
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
