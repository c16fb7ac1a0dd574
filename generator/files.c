/*
 * files.c: reading input files and walking folders.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "files.h"
#include "hash.h"
#include "utf8.h"
#include "xalloc.h"

/* The real path of the folder file_read is confined to, or NULL. */
static char	*confine_root;
/*
 * Files that dir_walk found under the confinement through real folders
 * only, not links: inside by construction, so file_read need not
 * resolve their path (a realpath costs a readlink per component).
 */
static struct hset plain;

/*
 * From now on, file_read reads only files whose real path (symbolic
 * links followed) is inside root; NULL lifts the confinement. A site's
 * files are confined to the site, so that a link in content/,
 * templates/ or themes/ cannot publish a file from elsewhere.
 * Returns 0, or -1 when root cannot be resolved (nothing reported).
 */
int
files_confine(const char *root)
{
	char	 buf[PATH_MAX];

	free(confine_root);
	confine_root = NULL;
	hset_free(&plain);
	if (root == NULL)
		return 0;
	if (realpath(root, buf) == NULL)
		return -1;
	confine_root = xstrdup(buf);
	return 0;
}

/*
 * Resolves path into real (PATH_MAX bytes). Returns 1 when it is inside
 * the confinement (or there is none: real is then path); 0 after
 * reporting a link that leads outside or nowhere (a content error); -1
 * when it cannot be resolved otherwise (opening it will say why).
 */
static int
resolve_inside(const char *path, char *real)
{
	struct stat	 st;
	size_t		 n;

	if (confine_root == NULL || hset_has(&plain, hash_str(path, 0))) {
		if (strlen(path) >= PATH_MAX)
			return -1;
		strcpy(real, path);
		return 1;
	}
	if (realpath(path, real) == NULL) {
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
			diag_error(path, 0, 0, "a symbolic link that leads "
			    "nowhere");
			return 0;
		}
		return -1;
	}
	n = strlen(confine_root);
	if (strcmp(confine_root, "/") != 0 && (strncmp(real, confine_root,
	    n) != 0 || (real[n] != '/' && real[n] != '\0'))) {
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
			diag_error(path, 0, 0, "a symbolic link that leads "
			    "outside the site is not read");
		else
			diag_error(path, 0, 0, "not read: a symbolic link to a "
			    "folder on its path leads outside the site");
		return 0;
	}
	return 1;
}

/*
 * Returns whether path may be read under the confinement of
 * files_confine (reporting why not): a file that does not resolve at
 * all passes, for file_read to report.
 */
int
file_inside(const char *path)
{
	char	 real[PATH_MAX];

	return resolve_inside(path, real) != 0;
}

/*
 * Reads the whole of path into a NUL-terminated allocation.
 * Returns 0 on success; -1 after reporting an I/O error (exit 3), or -2
 * after reporting a content error: a file larger than limit bytes, or a
 * symbolic link out of the folder of files_confine.
 */
int
file_read(const char *path, size_t limit, char **datap, size_t *lenp)
{
	struct stat	 st;
	char		*data = NULL, real[PATH_MAX];
	size_t		 len = 0, cap;
	ssize_t		 n;
	int		 fd, rc = -1;

	*datap = NULL;
	*lenp = 0;
	/* The path checked is the path opened. */
	switch (resolve_inside(path, real)) {
	case 0:
		return -2;
	case -1:
		if (strlen(path) >= PATH_MAX) {
			diag_io(path, "cannot open: %s", strerror(ENAMETOOLONG));
			return -1;
		}
		strcpy(real, path);
		break;
	}
	/* Non-blocking: opening a FIFO must not wait for a writer. */
	if ((fd = open(real, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1) {
		diag_io(path, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		diag_io(path, "cannot stat: %s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_io(path, "not a regular file");
		goto out;
	}
	if ((unsigned long long)st.st_size > limit) {
		diag_error(path, 0, 0, "file is %llu bytes, over the limit of "
		    "%zu bytes (max_file_size in site.yaml)",
		    (unsigned long long)st.st_size, limit);
		rc = -2;
		goto out;
	}
	/*
	 * One byte more than stat said is asked for (and one for the NUL):
	 * a read that stops short of it, at the length stat said, found
	 * the end, so the usual file takes one read, not a second to see
	 * the end. A file that grew fills the byte and is read on.
	 */
	cap = (size_t)st.st_size + 2;
	data = xmalloc(cap);
	for (;;) {
		if (len + 1 == cap) {
			char	 probe[512];

			/*
			 * Past what stat said. Finding the end with a small
			 * read, not a doubled buffer, keeps the heap from
			 * fragmenting when a site's texts are read one
			 * after another.
			 */
			if ((n = read(fd, probe, sizeof(probe))) == 0)
				break;
			if (n == -1) {
				if (errno == EINTR)
					continue;
				diag_io(path, "cannot read: %s",
				    strerror(errno));
				goto out;
			}
			/*
			 * The file grew while we read it: something else is
			 * writing it, a fault of the moment (exit status 3).
			 */
			if (len + (size_t)n > limit) {
				diag_io(path, "the file grew past the limit of "
				    "%zu bytes while it was read", limit);
				goto out;
			}
			cap = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
			if (cap < len + (size_t)n + 1)
				cap = len + (size_t)n + 1;
			data = xrealloc(data, cap);
			memcpy(data + len, probe, (size_t)n);
			len += (size_t)n;
			continue;
		}
		n = read(fd, data + len, cap - 1 - len);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			diag_io(path, "cannot read: %s", strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > limit) {
			diag_io(path, "the file grew past the limit of "
			    "%zu bytes while it was read", limit);
			goto out;
		}
		/*
		 * A regular file reads short only at its end; at another
		 * length than stat's (it shrank) the next read makes sure.
		 */
		if (len + 1 < cap && len == (size_t)st.st_size)
			break;
	}
	/* A file that shrank or grew: give back what is not used. */
	if (cap > len + 2)
		data = xrealloc(data, len + 1);
	data[len] = '\0';
	*datap = data;
	*lenp = len;
	data = NULL;
	rc = 0;
out:
	free(data);
	close(fd);
	return rc;
}

/* Returns a new "a/b" (just b when a is "" or "."). */
char *
path_join(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b);
	char	*p;

	if (la == 0 || (la == 1 && a[0] == '.'))
		return xstrdup(b);
	while (la > 1 && a[la - 1] == '/')
		la--;
	p = xmalloc(la + 1 + lb + 1);
	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

int
is_dir(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
is_file(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int
has_ext(const char *name, const char *const *exts)
{
	size_t	 n = strlen(name), e;

	for (; *exts != NULL; exts++) {
		e = strlen(*exts);
		if (n > e && strcmp(name + n - e, *exts) == 0)
			return 1;
	}
	return 0;
}

/*
 * Appends to out every file below dir whose name ends in one of exts
 * (NULL-terminated; NULL for every file), as "dir/sub/name", skipping
 * names that start with a dot; when max is not 0, it stops once out
 * holds more than max, so that a folder of millions of files costs no
 * memory. Under files_confine, a symbolic link to a folder is reported:
 * an error when it leads out of the site, else a warning that it is not
 * followed. Returns 0, or -1 after an error. The caller sorts.
 */
static int	 walk(const char *, const char *const *, struct strlist *,
		     size_t, int, const char *);

int
dir_walk(const char *dir, const char *const *exts, struct strlist *out,
    size_t max)
{
	char	 real[PATH_MAX];
	int	 inside;

	/* Only a folder found inside can vouch for its files. */
	inside = confine_root != NULL && resolve_inside(dir, real) == 1;
	return walk(dir, exts, out, max, inside, NULL);
}

/* As dir_walk, but the folder skip (a path under dir) is not entered. */
int
dir_walk_skip(const char *dir, const char *const *exts, struct strlist *out,
    size_t max, const char *skip)
{
	char	 real[PATH_MAX];
	int	 inside;

	inside = confine_root != NULL && resolve_inside(dir, real) == 1;
	return walk(dir, exts, out, max, inside, skip);
}

static int
walk(const char *dir, const char *const *exts, struct strlist *out,
    size_t max, int inside, const char *skip)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st, target;
	char		*p;
	int		 rc = 0;

	if ((d = opendir(dir)) == NULL) {
		diag_io(dir, "cannot open folder: %s", strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL && (max == 0 || out->len <= max)) {
		if (de->d_name[0] == '.')
			continue;
		p = path_join(dir, de->d_name);
		/* The kind from the folder itself spares an lstat per file. */
		if (de->d_type == DT_REG) {
			if (exts == NULL || has_ext(de->d_name, exts)) {
				if (inside)
					hset_add(&plain, hash_str(p, 0));
				strlist_take(out, p);
				continue;
			}
		} else if (lstat(p, &st) == -1) {
			diag_io(p, "cannot stat: %s", strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			if ((skip == NULL || strcmp(p, skip) != 0) &&
			    walk(p, exts, out, max, inside, skip) == -1)
				rc = -1;
		} else if (S_ISLNK(st.st_mode) && confine_root != NULL &&
		    stat(p, &target) == 0 && S_ISDIR(target.st_mode)) {
			/* Not followed (no loops); said, not passed over. */
			if (!file_inside(p))
				rc = -1;
			else
				diag_warning(p, 0, 0, "a symbolic link to a "
				    "folder is not followed");
		} else if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) &&
		    (exts == NULL || has_ext(de->d_name, exts))) {
			strlist_push(out, p);
			if (inside && S_ISREG(st.st_mode))
				hset_add(&plain, hash_str(p, 0));
		}
		free(p);
	}
	closedir(d);
	return rc;
}

void
strlist_push(struct strlist *l, const char *s)
{
	strlist_take(l, xstrdup(s));
}

/* Appends s, which l now owns (frees). */
void
strlist_take(struct strlist *l, char *s)
{
	if (l->len == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->items = xreallocarray(l->items, l->cap, sizeof(char *));
	}
	l->items[l->len++] = s;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
strlist_sort(struct strlist *l)
{
	if (l->len > 1)
		qsort(l->items, l->len, sizeof(char *), cmpstr);
}

void
strlist_free(struct strlist *l)
{
	size_t	 i;

	if (l == NULL)
		return;
	for (i = 0; i < l->len; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->len = l->cap = 0;
}

/*
 * Reads the whole of path like file_read, but reports nothing: for
 * files kitgen only compares (the build cache, hashes of inputs whose
 * reading is reported elsewhere). Only regular files, at most limit
 * bytes. Returns 0, or -1 (*datap NULL).
 */
int
file_read_quiet(const char *path, size_t limit, char **datap, size_t *lenp)
{
	struct stat	 st;
	char		*data = NULL;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd;

	*datap = NULL;
	*lenp = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size > limit)
		goto fail;
	data = xmalloc((size_t)st.st_size + 1);
	while (len < (size_t)st.st_size) {
		n = read(fd, data + len, (size_t)st.st_size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		len += (size_t)n;
	}
	data[len] = '\0';
	close(fd);
	*datap = data;
	*lenp = len;
	return 0;
fail:
	free(data);
	close(fd);
	return -1;
}

/*
 * Reads a text file like file_read, then repairs it to valid UTF-8,
 * warning once per file, at the first problem, about what was replaced.
 * Returns what file_read returns.
 */
int
file_read_text(const char *path, size_t limit, char **datap, size_t *lenp)
{
	struct utf8_report r;
	char		*fixed;
	size_t		 n;
	int		 rc;

	if ((rc = file_read(path, limit, datap, lenp)) != 0)
		return rc;
	if ((fixed = utf8_sanitize(*datap, *lenp, &n, &r)) == NULL)
		return 0;
	free(*datap);
	*datap = fixed;
	*lenp = n;
	if (r.invalid > 0)
		diag_warning(path, r.line, r.col, "invalid UTF-8: %zu "
		    "sequence%s replaced by U+FFFD%s", r.invalid,
		    r.invalid == 1 ? "" : "s",
		    r.nuls ? ", and NUL bytes too" : "");
	else if (r.nuls > 0)
		diag_warning(path, r.line, r.col, "%zu NUL byte%s replaced by "
		    "U+FFFD", r.nuls, r.nuls == 1 ? "" : "s");
	else
		diag_warning(path, r.line, r.col, "a byte order mark (U+FEFF) "
		    "inside the text was removed");
	return 0;
}

/*
 * Returns the regular file at path mapped read-only (*len set), or NULL
 * (an empty file too): neither it nor its folder may be a symbolic link,
 * so a cache is read only from where kitgen writes it. For caches that
 * are only ever replaced by a rename, never written in place: the
 * mapping stays whole while it is used. Unmap with munmap.
 */
void *
file_map(const char *path, size_t *len)
{
	struct stat	 st;
	const char	*slash = strrchr(path, '/');
	char		*dir;
	void		*p;
	int		 fd, ok = 1;

	if (slash != NULL && slash != path) {
		dir = xstrndup(path, (size_t)(slash - path));
		ok = lstat(dir, &st) == 0 && S_ISDIR(st.st_mode);
		free(dir);
	}
	if (!ok || (fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uintmax_t)st.st_size > SIZE_MAX / 2) {
		close(fd);
		return NULL;
	}
	*len = (size_t)st.st_size;
	p = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

/*
 * Writes len bytes of data to fd, however many write calls it takes.
 * Returns 0, or -1 (errno set).
 */
int
file_write_all(int fd, const char *data, size_t len)
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
 * Makes the folder path, or checks that what is there is a real folder:
 * a symbolic link there must not take what is written elsewhere.
 * Returns 0, or -1 (errno set; ENOTDIR when something else is there).
 */
int
dir_make_real(const char *path)
{
	struct stat	 st;

	if (mkdir(path, 0755) == 0)
		return 0;
	if (errno != EEXIST)
		return -1;
	if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}
