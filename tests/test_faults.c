/*
 * test_faults.c: kitgen build when the system fails it: a full disk, an
 * unwritable output folder, a swap that cannot happen, an input that
 * disappears, cannot be read or grows while it is read. Each must give a
 * clear error and exit status 3, leave the previous site byte for byte,
 * and leave no staging folder behind.
 *
 * The faults are injected by wrapping the system calls at link time
 * (-Wl,--wrap=write and so on, see the Makefile), so this runs for any
 * user; tests/suites/faults.sh does the same for real on a small tmpfs
 * when run as root.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "buffer.h"
#include "commands.h"
#include "diagcap.h"
#include "files.h"
#include "output.h"
#include "site.h"

enum call { C_NONE, C_WRITE, C_OPEN_W, C_OPEN_R, C_READ, C_MKDIR, C_RENAME,
    C_LINK, C_CLOSE_W, C_GROW, C_DIE, C_COUNT };

/* The fault armed: from the nth call of kind (1-based) on, calls fail
 * with err. */
static struct {
	enum call	 kind;
	int		 nth;
	int		 err;
	const char	*path;		/* opens and reads: only paths with this */
	int		 calls[C_COUNT];
	int		 fired;
	int		 once;		/* only the nth fails */
} f;

static int	 reading_fd = -1;	/* C_READ, C_GROW: the fd to fail */
static char	 writing[1024];		/* C_CLOSE_W: fds open for writing */
static char	 caching[1024];		/* fds of the build cache */

/*
 * Whether path is the build cache's: its I/O comes after the commit and
 * a failure there is not an error (the next build renders everything),
 * so the faults here leave it alone.
 */
static int
is_cache(const char *path)
{
	return strstr(path, "/.kitgen") != NULL;
}

int	__real_open(const char *, int, ...);
ssize_t	__real_write(int, const void *, size_t);
ssize_t	__real_read(int, void *, size_t);
int	__real_mkdir(const char *, mode_t);
int	__real_rename(const char *, const char *);
int	__real_link(const char *, const char *);
int	__real_close(int);
int	__wrap_open(const char *, int, ...);
ssize_t	__wrap_write(int, const void *, size_t);
ssize_t	__wrap_read(int, void *, size_t);
int	__wrap_mkdir(const char *, mode_t);
int	__wrap_rename(const char *, const char *);
int	__wrap_link(const char *, const char *);
int	__wrap_close(int);

/*
 * Returns whether this call of kind is to fail: the nth and every one
 * after it, as a disk that is full stays full.
 */
static int
hit(enum call kind)
{
	if (kind != f.kind)
		return 0;
	if (++f.calls[kind] < f.nth || f.nth <= 0 ||
	    (f.once && f.calls[kind] > f.nth))
		return 0;
	f.fired++;
	errno = f.err;
	return 1;
}

static void
arm(enum call kind, int nth, int err, const char *path)
{
	memset(&f, 0, sizeof(f));
	f.kind = kind;
	f.nth = nth;
	f.err = err;
	f.path = path;
	reading_fd = -1;
}

int
__wrap_open(const char *path, int flags, ...)
{
	va_list	 ap;
	mode_t	 mode = 0;
	int	 fd;

	va_start(ap, flags);
	if (flags & O_CREAT)
		mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	if ((flags & O_CREAT) && !is_cache(path) && hit(C_OPEN_W))
		return -1;
	if (!(flags & O_CREAT) && f.path != NULL && strstr(path, f.path) &&
	    (f.kind == C_OPEN_R ? hit(C_OPEN_R) : 0))
		return -1;
	fd = __real_open(path, flags, mode);
	if (fd >= 0 && fd < (int)sizeof(writing)) {
		writing[fd] = (flags & O_CREAT) != 0;
		caching[fd] = is_cache(path);
	}
	if (fd >= 0 && !(flags & O_CREAT) && f.path != NULL &&
	    strstr(path, f.path) != NULL)
		reading_fd = fd;
	return fd;
}

ssize_t
__wrap_write(int fd, const void *buf, size_t n)
{
	if (!(fd >= 0 && fd < (int)sizeof(caching) && caching[fd]) &&
	    hit(C_WRITE))
		return -1;
	return __real_write(fd, buf, n);
}

ssize_t
__wrap_read(int fd, void *buf, size_t n)
{
	ssize_t	 k;

	if (fd == reading_fd && hit(C_READ))
		return -1;
	k = __real_read(fd, buf, n);
	/*
	 * Growing: the file never ends, whatever fstat said; a read that
	 * would stop short gets bytes written since.
	 */
	if (fd == reading_fd && f.kind == C_GROW && k >= 0 &&
	    (size_t)k < n) {
		f.fired = 1;
		memset((char *)buf + k, 'x', n - (size_t)k);
		return (ssize_t)n;
	}
	return k;
}

int
__wrap_mkdir(const char *path, mode_t mode)
{
	if (!is_cache(path) && hit(C_MKDIR))
		return -1;
	return __real_mkdir(path, mode);
}

int
__wrap_rename(const char *from, const char *to)
{
	/* C_DIE: killed outright before the nth rename. */
	if (f.kind == C_DIE && ++f.calls[C_DIE] == f.nth)
		_exit(99);
	if (!is_cache(to) && hit(C_RENAME))
		return -1;
	return __real_rename(from, to);
}

int
__wrap_link(const char *from, const char *to)
{
	if (hit(C_LINK))
		return -1;
	return __real_link(from, to);
}

int
__wrap_close(int fd)
{
	int	 w = fd >= 0 && fd < (int)sizeof(writing) && writing[fd] &&
		     !caching[fd];

	if (fd >= 0 && fd < (int)sizeof(writing))
		writing[fd] = 0;
	if (fd == reading_fd)
		reading_fd = -1;
	if (w && hit(C_CLOSE_W)) {
		__real_close(fd);
		errno = f.err;
		return -1;
	}
	return __real_close(fd);
}

static char	 root[64], site[96], out[96];
static struct buf before;

static void
put(const char *rel, const char *text)
{
	char	*p = path_join(site, rel), *s;
	FILE	*fp;

	for (s = strchr(p + strlen(site) + 1, '/'); s != NULL;
	    s = strchr(s + 1, '/')) {
		*s = '\0';
		__real_mkdir(p, 0755);
		*s = '/';
	}
	fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	free(p);
}

/* Sets b to every file below dir: relative path, size, bytes, sorted. */
static void
snapshot(const char *dir, struct buf *b)
{
	struct strlist	 l = { NULL, 0, 0 };
	char		*data;
	size_t		 i, n;

	buf_reset(b);
	if (dir_walk(dir, NULL, &l, 0) != 0)
		return;
	strlist_sort(&l);
	for (i = 0; i < l.len; i++) {
		assert_int_equal(file_read(l.items[i], 1 << 24, &data, &n), 0);
		buf_printf(b, "%s %zu\n", l.items[i] + strlen(dir) + 1, n);
		buf_put(b, data, n);
		free(data);
	}
	strlist_free(&l);
}

/* Writes the files of snapshot b below dir, which must not exist. */
static void
restore(const char *dir, const struct buf *b)
{
	const char	*p = b->data, *end = b->data + b->len;
	char		 rel[512], *path, *s;
	size_t		 len;
	int		 fd;

	assert_int_equal(__real_mkdir(dir, 0755), 0);
	while (p < end) {
		assert_int_equal(sscanf(p, "%511s %zu", rel, &len), 2);
		p = strchr(p, '\n') + 1;
		path = path_join(dir, rel);
		for (s = path + strlen(dir) + 1; (s = strchr(s, '/')) != NULL;
		    s++) {
			*s = '\0';
			__real_mkdir(path, 0755);
			*s = '/';
		}
		fd = __real_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		assert_true(fd >= 0);
		assert_int_equal(__real_write(fd, p, len), (ssize_t)len);
		__real_close(fd);
		free(path);
		p += len;
	}
}

/* Returns whether root holds anything but the site and its output. */
static int
leftovers(void)
{
	char	*p;
	int	 found;

	p = path_join(root, ".public.kitgen-staging");
	found = access(p, F_OK) == 0;
	free(p);
	p = path_join(root, ".public.kitgen-old");
	found |= access(p, F_OK) == 0;
	free(p);
	return found;
}

static int
build_into(const char *dir, int jobs)
{
	struct options	 o;

	memset(&o, 0, sizeof(o));
	o.dir = site;
	o.out = dir;
	o.quiet = 1;
	o.jobs = jobs;
	diagcap_start(NULL);
	return site_build(&o, 1);
}

static int
build(int jobs)
{
	return build_into(out, jobs);
}

/*
 * The site, built once; then its title changes so that every page of
 * the next build differs from the one on disk (the assets do not).
 */
static int
setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/kitgen-faults-XXXXXX");
	if (mkdtemp(root) == NULL)
		return -1;
	snprintf(site, sizeof(site), "%s/site", root);
	snprintf(out, sizeof(out), "%s/public", root);
	__real_mkdir(site, 0755);
	put("site.yaml", "title: Faults\n");
	put("content/guides/screen.md", "---\nid: screen\n---\n"
	    "# Screen\n\n## Session 1: Coding (45 min)\n\n"
	    "**Question**: Reverse a list.\n\n"
	    "## Session 2: Design (30 min)\n\nDesign a queue.\n");
	put("content/candidates/ada.yaml", "id: ada\nname: Ada\nguide: screen\n"
	    "date: 2026-12-01\npanel:\n  - session: coding\n"
	    "    interviewer: Eve\n    start: \"10:00\"\n"
	    "  - session: design\n    interviewer: Bob\n    start: \"11:00\"\n");
	arm(C_NONE, 0, 0, NULL);
	if (build(1) != 0)
		return -1;
	snapshot(out, &before);
	put("site.yaml", "title: Faults again\n");
	return 0;
}

/* Each test starts from the previous site as it was. */
static int
reset(void **state)
{
	(void)state;
	arm(C_NONE, 0, 0, NULL);
	remove_tree(out);
	restore(out, &before);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arm(C_NONE, 0, 0, NULL);
	remove_tree(root);
	buf_free(&before);
	return diagcap_stop(NULL);
}

/* The previous site is as it was and nothing is left over. */
static void
assert_intact(void)
{
	struct buf	 now = BUF_INIT;

	snapshot(out, &now);
	assert_int_equal(now.len, before.len);
	assert_memory_equal(now.data, before.data, now.len);
	assert_false(leftovers());
	buf_free(&now);
}

/*
 * Fails the nth call of kind (and every one after it, unless once) for
 * every n the build makes.
 */
static void
each_call(enum call kind, int err, const char *msg, int once)
{
	char	*copy = path_join(root, "copy");
	int	 n, total;

	/* Count the calls on a copy of the previous site. */
	restore(copy, &before);
	arm(C_NONE, 0, 0, NULL);
	f.kind = kind;
	f.nth = -1;
	assert_int_equal(build_into(copy, 1), 0);
	total = f.calls[kind];
	assert_true(total > 0);
	remove_tree(copy);
	free(copy);

	for (n = 1; n <= total; n++) {
		arm(kind, n, err, NULL);
		f.once = once;
		assert_int_equal(build(1), EXIT_IO);
		assert_true(f.fired >= 1);
		if (strstr(diagcap(), msg) == NULL)
			fail_msg("call %d of %d: no '%s' in:\n%s", n, total, msg,
			    diagcap());
		assert_intact();
	}
}

static void
every_call(enum call kind, int err, const char *msg)
{
	each_call(kind, err, msg, 0);
}

static void
test_disk_full_on_write(void **state)
{
	(void)state;
	every_call(C_WRITE, ENOSPC, "cannot write: No space left on device");
}

static void
test_disk_full_on_create(void **state)
{
	(void)state;
	every_call(C_OPEN_W, ENOSPC, "cannot create: No space left on device");
}

static void
test_disk_full_on_close(void **state)
{
	(void)state;
	every_call(C_CLOSE_W, EIO, "cannot write: Input/output error");
}

static void
test_folders(void **state)
{
	(void)state;
	/* The first mkdir is the staging folder's. */
	arm(C_MKDIR, 1, EROFS, NULL);
	assert_int_equal(build(1), EXIT_IO);
	assert_true(diagcap_has(".public.kitgen-staging:1:1: error: cannot "
	    "create the staging folder: Read-only file system"));
	assert_intact();
	every_call(C_MKDIR, ENOSPC, "No space left on device");
	/* Then stage/files, then a folder of the new site. */
	arm(C_MKDIR, 3, EACCES, NULL);
	assert_int_equal(build(2), EXIT_IO);
	assert_true(diagcap_has("cannot create folder: Permission denied"));
	assert_intact();
}

/*
 * The commit: a previous site is updated in place, each replaced file
 * moved aside and the new one moved in; a rename that fails undoes
 * every step before it.
 */
static void
test_swap(void **state)
{
	(void)state;
	each_call(C_RENAME, EIO, "Input/output error", 1);
	each_call(C_RENAME, EXDEV, "Invalid cross-device link", 1);
	/* A first build: the staged tree cannot become the output. */
	remove_tree(out);
	arm(C_RENAME, 1, EIO, NULL);
	assert_int_equal(build(1), EXIT_IO);
	assert_true(diagcap_has("public:1:1: error: cannot move the new site "
	    "in place: Input/output error"));
	assert_false(is_dir(out));
	assert_false(leftovers());
}

static void
test_threads(void **state)
{
	int	 n;

	(void)state;
	for (n = 2; n <= 8; n += 3) {
		arm(C_WRITE, n, ENOSPC, NULL);
		assert_int_equal(build(2), EXIT_IO);
		assert_true(diagcap_has("No space left on device"));
		assert_intact();
	}
}

static void
test_inputs(void **state)
{
	char	 cc[160];

	(void)state;
	/* Read, not taken from the candidates cache of an earlier build. */
	snprintf(cc, sizeof(cc), "%s/.kitgen/candidates.cache", site);
	unlink(cc);
	/* A file that disappears between the listing and the reading. */
	arm(C_OPEN_R, 1, ENOENT, "content/candidates/ada.yaml");
	f.once = 1;
	assert_int_equal(build(1), EXIT_IO);
	assert_true(diagcap_has("content/candidates/ada.yaml:1:1: error: "
	    "cannot open: No such file or directory"));
	assert_intact();
	arm(C_READ, 1, EIO, "content/guides/screen.md");
	assert_int_equal(build(1), EXIT_IO);
	assert_true(diagcap_has("content/guides/screen.md:1:1: error: "
	    "cannot read: Input/output error"));
	assert_intact();
	/* A file that grows while it is read: stopped at the limit. */
	arm(C_GROW, 0, 0, "content/guides/screen.md");
	assert_int_equal(build(1), EXIT_IO);
	assert_int_equal(f.fired, 1);
	assert_true(diagcap_has("content/guides/screen.md:1:1: error: the "
	    "file grew past the limit of 16777216 bytes while it was read"));
	assert_intact();
	/* A template that disappears mid-build. */
	put("templates/index.mustache", "{{>missing-later}}\n");
	put("templates/missing-later.mustache", "x\n");
	arm(C_OPEN_R, 1, ENOENT, "templates/missing-later.mustache");
	assert_int_equal(build(1), EXIT_IO);
	assert_true(diagcap_has("templates/missing-later.mustache:1:1: error: "
	    "cannot open: No such file or directory"));
	assert_intact();
}

/*
 * A build killed outright in the middle of its commit (no signal can be
 * caught): the next build finishes the commit from the journal, then
 * builds, and the site is what a build from scratch makes.
 */
static void
test_killed_commit(void **state)
{
	char		*fresh = path_join(root, "fresh");
	struct buf	 want = BUF_INIT, now = BUF_INIT;
	pid_t		 pid;
	int		 status, n;

	(void)state;
	assert_int_equal(build_into(fresh, 1), 0);
	snapshot(fresh, &want);
	remove_tree(fresh);
	for (n = 2; n <= 6; n += 2) {
		remove_tree(out);
		restore(out, &before);
		fflush(NULL);
		if ((pid = fork()) == 0) {
			arm(C_DIE, n, 0, NULL);
			build(1);
			_exit(0);
		}
		assert_true(pid > 0);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 99);
		assert_true(leftovers());
		arm(C_NONE, 0, 0, NULL);
		if (build(1) != 0)
			fail_msg("rename %d: the build after the kill failed:\n%s",
			    n, diagcap());
		snapshot(out, &now);
		assert_int_equal(now.len, want.len);
		assert_memory_equal(now.data, want.data, now.len);
		assert_false(leftovers());
	}
	buf_free(&want);
	buf_free(&now);
	free(fresh);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_disk_full_on_write, reset),
		cmocka_unit_test_setup(test_disk_full_on_create, reset),
		cmocka_unit_test_setup(test_disk_full_on_close, reset),
		cmocka_unit_test_setup(test_folders, reset),
		cmocka_unit_test_setup(test_swap, reset),
		cmocka_unit_test_setup(test_threads, reset),
		cmocka_unit_test_setup(test_inputs, reset),
		cmocka_unit_test_setup(test_killed_commit, reset),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
