/*
 * mustache_bench.c: how fast the Mustache engine renders a packet-sized
 * page: a layout with inheritance, three partials, a 20-item section.
 *
 *   mustache_bench DIR N [OUTDIR]
 *
 * Renders DIR/packet.mustache (inheritance) and DIR/packet_flat.mustache
 * (the same page written out, as mustache.js needs it) against
 * DIR/data.json, N times each after a warm-up, into one reused buffer,
 * and prints renders/s and MB/s for each. With OUTDIR, writes each page
 * there, for the caller to compare with mustache.js's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buffer.h"
#include "files.h"
#include "mustache.h"
#include "value.h"
#include "xalloc.h"
#include "yaml_load.h"

/* The loader: DIR/name.mustache. Returns 1, 0 or -1 (mustache.h). */
static int
load(void *arg, const char *name, struct mustache_source *src)
{
	struct buf	 b = BUF_INIT;

	buf_printf(&b, "%s/%s.mustache", (const char *)arg, name);
	if (!is_file(buf_cstr(&b))) {
		buf_free(&b);
		return 0;
	}
	src->path = buf_detach(&b, NULL);
	return file_read(src->path, FILE_MAX_SIZE, &src->text, &src->len) == 0 ?
	    1 : -1;
}

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Times n renders of name. Returns 0, or -1 after printing why. */
static int
bench(struct mustache_set *set, const char *name, const struct value *data,
    long n, const char *outdir)
{
	const struct mustache_tmpl *t;
	struct buf	 out = BUF_INIT;
	double		 t0, secs;
	size_t		 bytes = 0;
	long		 i;
	FILE		*f;
	char		 path[4096];

	if ((t = mustache_get(set, name)) == NULL ||
	    mustache_link(set, t) == -1) {
		fprintf(stderr, "mustache_bench: %s does not compile\n", name);
		return -1;
	}
	for (i = 0; i < n / 100 + 1; i++) {
		buf_reset(&out);
		if (mustache_render(set, t, data, &out) == -1)
			return -1;
	}
	t0 = now();
	for (i = 0; i < n; i++) {
		buf_reset(&out);
		mustache_render(set, t, data, &out);
		bytes += out.len;
	}
	secs = now() - t0;
	printf("kitgen %s: %ld renders in %.3f s: %.0f renders/s, %.1f MB/s "
	    "(%zu bytes each)\n", name, n, secs, (double)n / secs,
	    (double)bytes / 1e6 / secs, out.len);
	if (outdir != NULL) {
		snprintf(path, sizeof(path), "%s/kitgen-%s.html", outdir, name);
		if ((f = fopen(path, "wb")) == NULL ||
		    fwrite(out.data, 1, out.len, f) != out.len ||
		    fclose(f) == EOF) {
			perror(path);
			return -1;
		}
	}
	buf_free(&out);
	return 0;
}

int
main(int argc, char **argv)
{
	struct mustache_set	*set;
	struct arena		*a;
	struct value		*data;
	struct buf		 b = BUF_INIT;
	long			 n;
	int			 rc = 0;

	if (argc < 3 || (n = strtol(argv[2], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: mustache_bench DIR N [OUTDIR]\n");
		return 2;
	}
	a = arena_new();
	buf_printf(&b, "%s/data.json", argv[1]);
	if ((data = yaml_load_file(a, buf_cstr(&b), FILE_MAX_SIZE)) == NULL)
		return 1;
	set = mustache_set_new(load, argv[1]);
	if (bench(set, "packet", data, n, argc > 3 ? argv[3] : NULL) == -1 ||
	    bench(set, "packet_flat", data, n, argc > 3 ? argv[3] : NULL) == -1)
		rc = 1;
	mustache_set_free(set);
	arena_free(a);
	buf_free(&b);
	return rc;
}
