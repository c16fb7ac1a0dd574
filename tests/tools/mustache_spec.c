/*
 * mustache_spec.c: runs the official Mustache specification against the
 * engine.
 *
 *   mustache_spec SPECDIR                  through the library
 *   mustache_spec --kitgen KITGEN SPECDIR  through "KITGEN render"
 *
 * Reads every spec file but ~lambdas (lambdas need code in the data)
 * with our YAML loader, runs each test, prints each failure with its file
 * and test name, and ends with "MODE: N passed, M failed". In the second
 * form each test's template, data (as JSON) and partials are written to
 * a temporary folder and "KITGEN render --partials DIR TEMPLATE DATA" must
 * print exactly the expected bytes and exit 0.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buffer.h"
#include "diag.h"
#include "files.h"
#include "mustache.h"
#include "value.h"
#include "xalloc.h"
#include "yaml_load.h"

static const char *const spec_files[] = {
	"comments", "delimiters", "interpolation", "inverted", "partials",
	"sections", "~dynamic-names", "~inheritance",
};

static unsigned	 n_errors;	/* diag errors during the current test */

/* Diagnostics are expected (the spec has missing names on purpose):
 * count the errors, print nothing. */
static void
sink(void *arg, const struct diag *d)
{
	(void)arg;
	if (d->level != DIAG_WARNING)
		n_errors++;
}

/* Appends the text of scalar v ("" when absent). */
static void
scalar_text(struct buf *b, const struct value *v)
{
	buf_reset(b);
	if (v != NULL)
		value_put_scalar(b, v);
}

/* The loader: partials come from the test's "partials" map. Returns 1
 * with a copy, or 0. */
static int
load_partial(void *arg, const char *name, struct mustache_source *src)
{
	const struct value	*partials = arg, *p;
	struct buf		 b = BUF_INIT;

	if ((p = value_map_getc(partials, name)) == NULL)
		return 0;
	value_put_scalar(&b, p);
	src->len = b.len;
	src->text = buf_detach(&b, NULL);
	src->path = xstrdup(name);
	return 1;
}

/* Renders a test through the library into out. Returns 0, or -1. */
static int
run_library(const struct value *test, const char *tmpl, size_t len,
    struct buf *out)
{
	struct mustache_set	*set;
	const struct mustache_tmpl *t;
	int			 rc = -1, i;

	set = mustache_set_new(load_partial,
	    (void *)value_map_getc(test, "partials"));
	if ((t = mustache_compile(set, NULL, "template", tmpl, len)) == NULL)
		goto out;
	/* Twice: a compiled template renders the same every time. */
	for (i = 0; i < 2; i++) {
		buf_reset(out);
		if (mustache_render(set, t, value_map_getc(test, "data"),
		    out) == -1)
			goto out;
	}
	rc = 0;
out:
	mustache_set_free(set);
	return rc;
}

/* Appends v as JSON. */
static void
json(struct buf *b, const struct value *v)
{
	size_t	 i;
	unsigned char ch;

	switch (v->type) {
	case VALUE_NULL:
		buf_puts(b, "null");
		break;
	case VALUE_BOOL:
	case VALUE_INT:
	case VALUE_FLOAT:
		value_put_scalar(b, v);
		break;
	case VALUE_STRING:
		buf_putc(b, '"');
		for (i = 0; i < v->u.str.len; i++) {
			ch = (unsigned char)v->u.str.ptr[i];
			if (ch == '"' || ch == '\\')
				buf_printf(b, "\\%c", ch);
			else if (ch == '\n')
				buf_puts(b, "\\n");
			else if (ch == '\r')
				buf_puts(b, "\\r");
			else if (ch == '\t')
				buf_puts(b, "\\t");
			else if (ch < 0x20)
				buf_printf(b, "\\u%04x", ch);
			else
				buf_putc(b, (char)ch);
		}
		buf_putc(b, '"');
		break;
	case VALUE_SEQ:
		buf_putc(b, '[');
		for (i = 0; i < v->u.seq.len; i++) {
			if (i > 0)
				buf_puts(b, ", ");
			json(b, v->u.seq.items[i]);
		}
		buf_putc(b, ']');
		break;
	case VALUE_MAP:
		buf_putc(b, '{');
		for (i = 0; i < v->u.map.len; i++) {
			if (i > 0)
				buf_puts(b, ", ");
			json(b, v->u.map.pairs[i].key);
			buf_puts(b, ": ");
			json(b, v->u.map.pairs[i].val);
		}
		buf_putc(b, '}');
		break;
	}
}

/* Writes n bytes to path. Returns 0, or -1 after printing why. */
static int
write_file(const char *path, const char *s, size_t n)
{
	FILE	*f;

	if ((f = fopen(path, "wb")) == NULL ||
	    (n > 0 && fwrite(s, 1, n, f) != n) || fclose(f) == EOF) {
		fprintf(stderr, "mustache_spec: %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Runs "kitgen render" on the test, written out below dir. Returns 0 with
 * its output in out, or -1 (it failed to run, or exited non-zero).
 */
static int
run_kitgen(const char *kitgen, const char *dir, const struct value *test,
    const char *tmpl, size_t len, struct buf *out)
{
	const struct value	*partials = value_map_getc(test, "partials");
	const struct value	*data = value_map_getc(test, "data");
	struct buf		 b = BUF_INIT, text = BUF_INIT;
	char			*tpath, *dpath, *pdir, *ppath, chunk[4096];
	int			 fd[2], st, rc = -1;
	pid_t			 pid;
	ssize_t			 n;
	size_t			 i;

	tpath = path_join(dir, "template.mustache");
	dpath = path_join(dir, "data.json");
	pdir = path_join(dir, "partials");
	if (mkdir(pdir, 0700) == -1) {
		fprintf(stderr, "mustache_spec: %s: %s\n", pdir,
		    strerror(errno));
		goto out;
	}
	for (i = 0; partials != NULL && partials->type == VALUE_MAP &&
	    i < partials->u.map.len; i++) {
		buf_reset(&b);
		buf_printf(&b, "%s.mustache",
		    partials->u.map.pairs[i].key->u.str.ptr);
		ppath = path_join(pdir, buf_cstr(&b));
		scalar_text(&text, partials->u.map.pairs[i].val);
		st = write_file(ppath, text.data, text.len);
		free(ppath);
		if (st == -1)
			goto out;
	}
	buf_reset(&b);
	if (data != NULL)
		json(&b, data);
	else
		buf_puts(&b, "{}");
	buf_putc(&b, '\n');
	if (write_file(tpath, tmpl, len) == -1 ||
	    write_file(dpath, b.data, b.len) == -1)
		goto out;

	if (pipe(fd) == -1 || (pid = fork()) == -1) {
		perror("mustache_spec: pipe/fork");
		goto out;
	}
	if (pid == 0) {
		int	 null = open("/dev/null", O_WRONLY);

		dup2(fd[1], 1);
		if (null != -1)
			dup2(null, 2);
		close(fd[0]);
		close(fd[1]);
		execl(kitgen, "kitgen", "render", "--partials", pdir, tpath,
		    dpath, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	buf_reset(out);
	while ((n = read(fd[0], chunk, sizeof(chunk))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		buf_put(out, chunk, (size_t)n);
	}
	close(fd[0]);
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		rc = 0;
	else
		fprintf(stderr, "mustache_spec: kitgen render exited with "
		    "%d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
out:
	/* Leave the folder empty for the next test. */
	for (i = 0; partials != NULL && partials->type == VALUE_MAP &&
	    i < partials->u.map.len; i++) {
		buf_reset(&b);
		buf_printf(&b, "%s.mustache",
		    partials->u.map.pairs[i].key->u.str.ptr);
		ppath = path_join(pdir, buf_cstr(&b));
		unlink(ppath);
		free(ppath);
	}
	rmdir(pdir);
	unlink(tpath);
	unlink(dpath);
	free(tpath);
	free(dpath);
	free(pdir);
	buf_free(&b);
	buf_free(&text);
	return rc;
}

/* Prints s visibly: newlines and tabs as escapes. */
static void
show(const char *label, const char *s, size_t n)
{
	size_t	 i;

	printf("      %s \"", label);
	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			fputs("\\n", stdout);
		else if (s[i] == '\r')
			fputs("\\r", stdout);
		else if (s[i] == '\t')
			fputs("\\t", stdout);
		else
			putchar(s[i]);
	}
	puts("\"");
}

int
main(int argc, char **argv)
{
	const char		*kitgen = NULL, *specdir, *mode;
	char			 tmpdir[] = "/tmp/mustache-spec.XXXXXX";
	char			 file[64];
	struct arena		*a;
	struct value		*root, *tests, *test;
	struct buf		 tmpl = BUF_INIT, want = BUF_INIT,
				 got = BUF_INIT;
	char			*path;
	unsigned		 pass = 0, fail = 0;
	size_t			 f, i;
	int			 rc;

	if (argc == 4 && strcmp(argv[1], "--kitgen") == 0) {
		kitgen = argv[2];
		specdir = argv[3];
	} else if (argc == 2)
		specdir = argv[1];
	else {
		fprintf(stderr, "usage: mustache_spec [--kitgen KITGEN] "
		    "SPECDIR\n");
		return 2;
	}
	mode = kitgen != NULL ? "kitgen render" : "library";
	if (kitgen != NULL && mkdtemp(tmpdir) == NULL) {
		perror("mustache_spec: mkdtemp");
		return 1;
	}
	diag_set_sink(sink, NULL);
	a = arena_new();
	for (f = 0; f < sizeof(spec_files) / sizeof(spec_files[0]); f++) {
		snprintf(file, sizeof(file), "%s.yml", spec_files[f]);
		path = path_join(specdir, file);
		root = yaml_load_file(a, path, FILE_MAX_SIZE);
		free(path);
		tests = value_map_getc(root, "tests");
		if (tests == NULL || tests->type != VALUE_SEQ) {
			printf("FAIL  %s: %s: cannot read the tests\n", mode,
			    file);
			fail++;
			continue;
		}
		for (i = 0; i < tests->u.seq.len; i++) {
			test = tests->u.seq.items[i];
			scalar_text(&tmpl, value_map_getc(test, "template"));
			scalar_text(&want, value_map_getc(test, "expected"));
			buf_cstr(&tmpl);
			n_errors = 0;
			if (kitgen != NULL)
				rc = run_kitgen(kitgen, tmpdir, test,
				    buf_cstr(&tmpl), tmpl.len, &got);
			else
				rc = run_library(test, buf_cstr(&tmpl),
				    tmpl.len, &got);
			if (rc == 0 && n_errors == 0 && got.len == want.len &&
			    memcmp(buf_cstr(&got), buf_cstr(&want),
			    want.len) == 0) {
				pass++;
				continue;
			}
			fail++;
			printf("FAIL  %s: %s: %s\n", mode, file,
			    value_cstr(value_map_getc(test, "name")) != NULL ?
			    value_cstr(value_map_getc(test, "name")) : "?");
			show("template", tmpl.data, tmpl.len);
			show("expected", want.data, want.len);
			show("got     ", got.data, got.len);
		}
	}
	if (kitgen != NULL)
		rmdir(tmpdir);
	printf("%s: %u passed, %u failed\n", mode, pass, fail);
	arena_free(a);
	buf_free(&tmpl);
	buf_free(&want);
	buf_free(&got);
	diag_set_sink(NULL, NULL);
	return fail > 0;
}
