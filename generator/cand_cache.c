/*
 * cand_cache.c: the candidates cache, read whole and written whole.
 *
 *	"kitgen candidates cache 1\n" VERSION "\n"
 *	u64 key, u64 count
 *	count records: u32 length, then the record (see put_record)
 *
 * Numbers in the machine's byte order: the cache never leaves the
 * machine that wrote it, and one written elsewhere fails the checks and
 * is ignored. Strings are a u32 length (UINT32_MAX: none) and the bytes
 * with a NUL, so a candidate taken from the cache points into it. Every
 * length is checked against what is left: a damaged file costs a full
 * read of the candidates, never a crash.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buffer.h"
#include "cand_cache.h"
#include "candidate.h"
#include "files.h"
#include "hash.h"
#include "model.h"
#include "xalloc.h"

#define MAGIC		"kitgen candidates cache 2\n" KITGEN_VERSION "\n"
#define NONE		UINT32_MAX
#define REF		0x80000000u	/* a string written before, at offset */
#define STABLE_SECS	2	/* a file changed more recently is not kept */
#define STAMP_BYTES	(7 * 8)	/* a record's stamp, after its path */
#define SAVE_CHUNK	(64 * 1024)	/* written in pieces of about this */

struct record {
	const char	*path;
	const char	*data;		/* after the path */
	const char	*end;
};

struct cand_cache {
	char		*text;		/* the file, mapped */
	size_t		 len;
	struct record	*r;
	size_t		 n;
	size_t		*slots;		/* by hash of path: index + 1 */
	size_t		 cap;
};

/* Returns the cache file's path. */
static char *
cache_path(const char *site)
{
	char	*dir = path_join(site, ".kitgen"), *p;

	p = path_join(dir, "candidates.cache");
	free(dir);
	return p;
}

/*
 * Fills *st with the stamp of the file at path, taken now: name in the
 * folder open as dirfd, when dirfd is not -1 (a lookup of one name, not
 * of the whole path). Returns 0, or -1 (errno set).
 */
int
file_stamp_at(int dirfd, const char *path, const char *name,
    struct file_stamp *st)
{
	struct stat	 sb;

	memset(st, 0, sizeof(*st));
	if (dirfd != -1 ? fstatat(dirfd, name, &sb, 0) != 0 :
	    stat(path, &sb) != 0)
		return -1;
	st->dev = (uint64_t)sb.st_dev;
	st->ino = (uint64_t)sb.st_ino;
	st->size = (uint64_t)sb.st_size;
	st->mtime_s = (int64_t)sb.st_mtim.tv_sec;
	st->mtime_ns = (int64_t)sb.st_mtim.tv_nsec;
	st->ctime_s = (int64_t)sb.st_ctim.tv_sec;
	st->ctime_ns = (int64_t)sb.st_ctim.tv_nsec;
	st->taken = (int64_t)time(NULL);
	return 0;
}

/* Fills *st with the stamp of the file at path. Returns 0 or -1. */
int
file_stamp(const char *path, struct file_stamp *st)
{
	return file_stamp_at(-1, path, NULL, st);
}

/* Returns whether two stamps are of the same version of a file. */
static int
same_stamp(const struct file_stamp *a, const struct file_stamp *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	    a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns &&
	    a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

/* A cursor over a record; any read past its end sets bad. */
struct reader {
	const char	*p, *end;
	const char	*file;		/* the whole file, for REF strings */
	size_t		 len;
	int		 bad;
};

/* Copies the next n bytes to v, or zeroes v and sets bad. */
static void
get_bytes(struct reader *r, void *v, size_t n)
{
	if ((size_t)(r->end - r->p) < n) {
		r->bad = 1;
		memset(v, 0, n);
	} else {
		memcpy(v, r->p, n);
		r->p += n;
	}
}

static uint32_t
get_u32(struct reader *r)
{
	uint32_t	 v;

	get_bytes(r, &v, sizeof(v));
	return v;
}

static uint64_t
get_u64(struct reader *r)
{
	uint64_t	 v;

	get_bytes(r, &v, sizeof(v));
	return v;
}

/*
 * Returns the string written before at offset off of the file (its
 * length, bytes and NUL there), or NULL with bad set.
 */
static const char *
get_ref(struct reader *r, size_t off)
{
	uint32_t	 n;

	if (r->file == NULL || off > r->len || r->len - off < sizeof(n)) {
		r->bad = 1;
		return NULL;
	}
	memcpy(&n, r->file + off, sizeof(n));
	off += sizeof(n);
	if ((n & REF) || r->len - off <= n || r->file[off + n] != '\0') {
		r->bad = 1;
		return NULL;
	}
	return r->file + off;
}

/*
 * Returns the next string, pointing into the cache, or NULL: written
 * there, or a reference to where the same string was written before.
 */
static const char *
get_str(struct reader *r)
{
	uint32_t	 n = get_u32(r);
	const char	*s;

	if (r->bad || n == NONE)
		return NULL;
	if (n & REF)
		return get_ref(r, n & ~REF);
	if ((size_t)(r->end - r->p) <= n || r->p[n] != '\0') {
		r->bad = 1;
		return NULL;
	}
	s = r->p;
	r->p += (size_t)n + 1;
	return s;
}

static struct cand_pos
get_pos(struct reader *r)
{
	struct cand_pos	 p;

	p.line = get_u32(r);
	p.col = get_u32(r);
	return p;
}

/*
 * Returns a count read from r, at most what the bytes left could hold
 * at min bytes each, else 0 with bad set.
 */
static size_t
get_count(struct reader *r, size_t min)
{
	uint32_t	 n = get_u32(r);

	if ((size_t)n > (size_t)(r->end - r->p) / min) {
		r->bad = 1;
		return 0;
	}
	return n;
}


/*
 * Returns the cache of site for key (kitgen and site.yaml), or NULL when
 * there is none that can be used.
 */
struct cand_cache *
cand_cache_load(const char *site, uint64_t key)
{
	struct cand_cache *c = NULL;
	struct reader	 r;
	char		*path = cache_path(site), *text = NULL;
	size_t		 len, n, i, j;

	if ((text = file_map(path, &len)) == NULL)
		goto fail;
	if (len < sizeof(MAGIC) - 1 || memcmp(text, MAGIC, sizeof(MAGIC) - 1))
		goto fail;
	r.p = text + sizeof(MAGIC) - 1;
	r.end = text + len;
	r.file = NULL;
	r.len = 0;
	r.bad = 0;
	if (get_u64(&r) != key || r.bad)
		goto fail;
	n = (size_t)get_u64(&r);
	if (r.bad || n > len / 8)
		goto fail;
	c = xcalloc(1, sizeof(*c));
	c->text = text;
	c->len = len;
	text = NULL;
	c->r = xcalloc(n + 1, sizeof(*c->r));
	for (c->cap = 16; c->cap < 2 * n; c->cap *= 2)
		;
	c->slots = xcalloc(c->cap, sizeof(*c->slots));
	for (i = 0; i < n; i++) {
		struct reader rec;
		size_t	 rlen = get_u32(&r);

		if (r.bad || rlen > (size_t)(r.end - r.p))
			goto fail;
		rec.p = r.p;
		rec.end = r.p + rlen;
		rec.file = NULL;	/* a path is never a reference */
		rec.len = 0;
		rec.bad = 0;
		r.p += rlen;
		c->r[i].path = get_str(&rec);
		if (rec.bad || c->r[i].path == NULL)
			goto fail;
		c->r[i].data = rec.p;
		c->r[i].end = rec.end;
		for (j = hash_str(c->r[i].path, 0) & (c->cap - 1);
		    c->slots[j] != 0; j = (j + 1) & (c->cap - 1))
			;
		c->slots[j] = i + 1;
	}
	c->n = n;
	free(path);
	return c;
fail:
	cand_cache_free(c);
	if (text != NULL)
		munmap(text, len);
	free(path);
	return NULL;
}

void
cand_cache_free(struct cand_cache *c)
{
	if (c == NULL)
		return;
	if (c->text != NULL)
		munmap(c->text, c->len);
	free(c->r);
	free(c->slots);
	free(c);
}

/* Returns the record of path, or NULL. */
static const struct record *
find(const struct cand_cache *c, const char *path)
{
	size_t	 j;

	if (c == NULL || c->n == 0)
		return NULL;
	for (j = hash_str(path, 0) & (c->cap - 1); c->slots[j] != 0;
	    j = (j + 1) & (c->cap - 1))
		if (strcmp(c->r[c->slots[j] - 1].path, path) == 0)
			return &c->r[c->slots[j] - 1];
	return NULL;
}

/* Returns the number of candidates the cache holds. */
size_t
cand_cache_count(const struct cand_cache *c)
{
	return c != NULL ? c->n : 0;
}

/*
 * Returns the place of path among the candidates of the cache (the
 * order of the build that wrote it), or SIZE_MAX when it holds none.
 */
size_t
cand_cache_rank(const struct cand_cache *c, const char *path)
{
	const struct record *r = find(c, path);

	return r != NULL ? (size_t)(r - c->r) : SIZE_MAX;
}

/* Reads a candidate from r into *c, arrays in a. */
static void
get_candidate(struct reader *r, struct arena *a, struct candidate *c)
{
	size_t	 i, j, n;

	c->root = get_pos(r);
	c->id = get_str(r);
	c->id_node = get_pos(r);
	c->name = get_str(r);
	c->role = get_str(r);
	c->guide_ref = get_str(r);
	c->guide_node = get_pos(r);
	c->timezone = get_str(r);
	c->location = get_str(r);
	c->summary = get_str(r);
	c->has_date = (int)get_u32(r);
	c->date.year = (int)get_u32(r);
	c->date.month = (int)get_u32(r);
	c->date.day = (int)get_u32(r);
	c->n_links = n = get_count(r, 8);
	c->links = arena_zalloc(a, (n + 1) * sizeof(*c->links));
	for (i = 0; i < n; i++) {
		c->links[i].label = get_str(r);
		c->links[i].url = get_str(r);
	}
	c->n_slots = n = get_count(r, 40);
	c->slots = arena_zalloc(a, (n + 1) * sizeof(*c->slots));
	for (i = 0; i < n && !r->bad; i++) {
		struct cand_slot *s = &c->slots[i];

		s->node = get_pos(r);
		s->session = get_pos(r);
		s->session_ref = get_str(r);
		s->interviewer = get_str(r);
		s->email = get_str(r);
		s->room = get_str(r);
		s->focus = get_str(r);
		s->focus_html = get_str(r);
		s->n_probes = get_count(r, 4);
		s->probes = arena_zalloc(a, (s->n_probes + 1) *
		    sizeof(*s->probes));
		for (j = 0; j < s->n_probes; j++)
			s->probes[j] = get_str(r);
		s->start = (int)get_u32(r);
		s->start_node = get_pos(r);
	}
	c->n_scores = n = get_count(r, 28);
	c->scores = arena_zalloc(a, (n + 1) * sizeof(*c->scores));
	for (i = 0; i < n && !r->bad; i++) {
		struct cand_scores *s = &c->scores[i];

		s->session = get_pos(r);
		s->session_ref = get_str(r);
		s->n_scores = get_count(r, 20);
		s->scores = arena_zalloc(a, (s->n_scores + 1) *
		    sizeof(*s->scores));
		for (j = 0; j < s->n_scores; j++) {
			uint64_t bits = get_u64(r);

			s->scores[j].criterion = get_str(r);
			s->scores[j].node = get_pos(r);
			memcpy(&s->scores[j].rating, &bits, sizeof(bits));
		}
		s->recommendation = get_str(r);
		s->recommendation_node = get_pos(r);
	}
}

/*
 * Fills *st with the stamp the cache holds for the candidate at rank.
 * Returns 0, or -1 when there is none (or it is damaged).
 */
int
cand_cache_stamp(const struct cand_cache *cache, size_t rank,
    struct file_stamp *st)
{
	struct reader	 r;

	if (cache == NULL || rank >= cache->n)
		return -1;
	r.p = cache->r[rank].data;
	r.end = cache->r[rank].end;
	r.file = NULL;
	r.len = 0;
	r.bad = 0;
	memset(st, 0, sizeof(*st));
	st->dev = get_u64(&r);
	st->ino = get_u64(&r);
	st->size = get_u64(&r);
	st->mtime_s = (int64_t)get_u64(&r);
	st->mtime_ns = (int64_t)get_u64(&r);
	st->ctime_s = (int64_t)get_u64(&r);
	st->ctime_ns = (int64_t)get_u64(&r);
	return r.bad ? -1 : 0;
}

/*
 * Looks up the candidate at rank in the cache (cand_cache_rank), whose
 * file's stamp is st. Returns 1 when the cache holds it as it is now,
 * with *c (its arrays in a, strings in the cache, which must outlive
 * it), *hash (of the file's bytes) and *summary_html set; else 0.
 */
int
cand_cache_get(const struct cand_cache *cache, size_t rank,
    const struct file_stamp *st, struct arena *a, struct candidate *c,
    uint64_t *hash, const char **summary_html)
{
	const struct record *rec;
	struct file_stamp was;
	struct reader	 r;

	if (cache == NULL || rank >= cache->n)
		return 0;
	rec = &cache->r[rank];
	if (cand_cache_stamp(cache, rank, &was) != 0 || !same_stamp(&was, st))
		return 0;
	r.p = rec->data + STAMP_BYTES;
	r.end = rec->end;
	r.file = cache->text;
	r.len = cache->len;
	r.bad = 0;
	*hash = get_u64(&r);
	memset(c, 0, sizeof(*c));
	c->path = rec->path;
	*summary_html = get_str(&r);
	get_candidate(&r, a, c);
	return !r.bad && r.p == r.end && c->id != NULL && c->name != NULL;
}

static void
put_u32(struct buf *b, uint32_t v)
{
	buf_put(b, (const char *)&v, sizeof(v));
}

static void
put_u64(struct buf *b, uint64_t v)
{
	buf_put(b, (const char *)&v, sizeof(v));
}

static void
put_str(struct buf *b, const char *s)
{
	size_t	 n;

	if (s == NULL) {
		put_u32(b, NONE);
		return;
	}
	n = strlen(s);
	put_u32(b, (uint32_t)n);
	buf_put(b, s, n + 1);
}

/* Strings written once per cache; later ones refer to them. */
struct writer {
	struct buf	 b;
	size_t		 base;		/* bytes written before b's */
	struct shared {
		uint64_t	 h;
		const char	*s;	/* NULL: free */
		uint32_t	 off;
	}		*t;
	size_t		 cap, n;
};

/*
 * Appends s, a string that many candidates have (a session, a name, a
 * room): written the first time, then as a reference to that place,
 * so that the cache holds it once and a build reads it once.
 */
static void
put_shared(struct writer *w, const char *s)
{
	struct shared	*old, *e;
	uint64_t	 h;
	size_t		 i, k, off;

	if (s == NULL) {
		put_u32(&w->b, NONE);
		return;
	}
	if (2 * (w->n + 1) > w->cap) {
		old = w->t;
		k = w->cap;
		w->cap = w->cap ? 2 * w->cap : 1024;
		w->t = xcalloc(w->cap, sizeof(*w->t));
		for (i = 0; i < k; i++) {
			if (old[i].s == NULL)
				continue;
			for (e = &w->t[old[i].h & (w->cap - 1)]; e->s != NULL;
			    e = &w->t[(size_t)(e - w->t + 1) & (w->cap - 1)])
				;
			*e = old[i];
		}
		free(old);
	}
	h = hash_str(s, 7);
	for (e = &w->t[h & (w->cap - 1)]; e->s != NULL;
	    e = &w->t[(size_t)(e - w->t + 1) & (w->cap - 1)])
		if (e->h == h && strcmp(e->s, s) == 0) {
			put_u32(&w->b, REF | e->off);
			return;
		}
	off = w->base + w->b.len;
	put_str(&w->b, s);
	/* Far into a huge cache: written out each time. */
	if (off < REF) {
		e->h = h;
		e->s = s;
		e->off = (uint32_t)off;
		w->n++;
	}
}

static void
put_pos(struct buf *b, struct cand_pos p)
{
	put_u32(b, p.line);
	put_u32(b, p.col);
}

/* Appends candidate k of m, what get_candidate reads, as a record. */
static void
put_record(struct writer *w, const struct cand *k)
{
	struct buf	*b = &w->b;
	const struct candidate *c = &k->c;
	const struct file_stamp *st = &k->stamp;
	size_t	 i, j, at = b->len;
	uint32_t len;

	put_u32(b, 0);		/* the length, set below */
	put_str(b, c->path);
	put_u64(b, st->dev);
	put_u64(b, st->ino);
	put_u64(b, st->size);
	put_u64(b, (uint64_t)st->mtime_s);
	put_u64(b, (uint64_t)st->mtime_ns);
	put_u64(b, (uint64_t)st->ctime_s);
	put_u64(b, (uint64_t)st->ctime_ns);
	put_u64(b, k->file_hash);
	put_str(b, k->summary_html);
	put_pos(b, c->root);
	put_str(b, c->id);
	put_pos(b, c->id_node);
	put_str(b, c->name);
	put_shared(w, c->role);
	put_shared(w, c->guide_ref);
	put_pos(b, c->guide_node);
	put_shared(w, c->timezone);
	put_shared(w, c->location);
	put_str(b, c->summary);
	put_u32(b, (uint32_t)c->has_date);
	put_u32(b, (uint32_t)c->date.year);
	put_u32(b, (uint32_t)c->date.month);
	put_u32(b, (uint32_t)c->date.day);
	put_u32(b, (uint32_t)c->n_links);
	for (i = 0; i < c->n_links; i++) {
		put_shared(w, c->links[i].label);
		put_str(b, c->links[i].url);
	}
	put_u32(b, (uint32_t)c->n_slots);
	for (i = 0; i < c->n_slots; i++) {
		const struct cand_slot *s = &c->slots[i];

		put_pos(b, s->node);
		put_pos(b, s->session);
		put_shared(w, s->session_ref);
		put_shared(w, s->interviewer);
		put_shared(w, s->email);
		put_shared(w, s->room);
		put_str(b, s->focus);
		put_str(b, s->focus_html);
		put_u32(b, (uint32_t)s->n_probes);
		for (j = 0; j < s->n_probes; j++)
			put_shared(w, s->probes[j]);
		put_u32(b, (uint32_t)s->start);
		put_pos(b, s->start_node);
	}
	put_u32(b, (uint32_t)c->n_scores);
	for (i = 0; i < c->n_scores; i++) {
		const struct cand_scores *s = &c->scores[i];

		put_pos(b, s->session);
		put_shared(w, s->session_ref);
		put_u32(b, (uint32_t)s->n_scores);
		for (j = 0; j < s->n_scores; j++) {
			uint64_t bits;

			memcpy(&bits, &s->scores[j].rating, sizeof(bits));
			put_u64(b, bits);
			put_shared(w, s->scores[j].criterion);
			put_pos(b, s->scores[j].node);
		}
		put_shared(w, s->recommendation);
		put_pos(b, s->recommendation_node);
	}
	if (buf_failed(b))
		return;
	len = (uint32_t)(b->len - at - sizeof(len));
	memcpy(b->data + at, &len, sizeof(len));
}

/* Returns whether candidate k may be kept: read quietly, file settled. */
static int
keepable(const struct cand *k)
{
	const struct file_stamp *st = &k->stamp;

	return k->quiet && st->taken != 0 &&
	    st->mtime_s + STABLE_SECS <= st->taken &&
	    st->ctime_s + STABLE_SECS <= st->taken;
}

/*
 * Writes the cache of site for key from model m, unless it would hold
 * what old holds already. Returns 0, or -1 (errno set); then the next
 * build reads every candidate file.
 */
int
cand_cache_save(const char *site, uint64_t key, const struct cand_cache *old,
    const struct model *m)
{
	struct writer	 w;
	char		*path, *tmp, *dir;
	size_t		 i, n = 0, fresh = 0;
	int		 fd, rc = -1;

	for (i = 0; i < m->n_cands; i++)
		if (keepable(&m->cands[i])) {
			n++;
			fresh += !m->cands[i].cached;
		}
	if (fresh == 0 && (old != NULL ? old->n : 0) == n)
		return 0;
	memset(&w, 0, sizeof(w));
	path = cache_path(site);
	/* Nothing to keep: no file. */
	if (n == 0) {
		rc = unlink(path) == 0 || errno == ENOENT ? 0 : -1;
		free(path);
		return rc;
	}
	/* Two builds of the site at once each write their own. */
	tmp = xmalloc(strlen(path) + 32);
	sprintf(tmp, "%s.%ld.tmp", path, (long)getpid());
	/* A link in the repository must not take the cache elsewhere. */
	dir = path_join(site, ".kitgen");
	if (dir_make_real(dir) != 0)
		goto out;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
	    O_NOFOLLOW, 0644)) == -1)
		goto out;
	buf_puts(&w.b, MAGIC);
	put_u64(&w.b, key);
	put_u64(&w.b, n);
	/* In pieces: a cache of thousands is megabytes, not held whole. */
	for (i = 0; i <= m->n_cands; i++) {
		if (i < m->n_cands && keepable(&m->cands[i]))
			put_record(&w, &m->cands[i]);
		if (w.b.len < SAVE_CHUNK && i < m->n_cands)
			continue;
		if (buf_failed(&w.b))
			errno = ENOMEM;
		if (buf_failed(&w.b) ||
		    file_write_all(fd, w.b.data, w.b.len) != 0) {
			close(fd);
			unlink(tmp);
			goto out;
		}
		w.base += w.b.len;
		buf_reset(&w.b);
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(dir);
	free(tmp);
	free(path);
	buf_free(&w.b);
	free(w.t);
	return rc;
}
