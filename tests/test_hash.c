/* test_hash.c: the 64-bit hash of bytes and the set of hashes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "hash.h"

/* 40 bytes that are not all alike, so that no bit is special. */
static void
fill(unsigned char *b, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		b[i] = (unsigned char)(i * 37 + 11);
}

/* Nothing hashes to something: 0 means "unread" to the cache's callers. */
static void
test_empty_not_zero(void **state)
{
	(void)state;
	assert_true(hash_bytes("", 0, 0) != 0);
	assert_true(hash_str("", 0) != 0);
}

static void
test_deterministic(void **state)
{
	unsigned char	 a[40], b[40];

	(void)state;
	fill(a, sizeof(a));
	memcpy(b, a, sizeof(b));
	/* The same bytes at another address hash alike. */
	assert_true(hash_bytes(a, sizeof(a), 0) == hash_bytes(b, sizeof(b),
	    0));
	assert_true(hash_bytes(a, sizeof(a), 7) == hash_bytes(a, sizeof(a),
	    7));
	assert_true(hash_str("kitgen", 3) == hash_str("kitgen", 3));
	assert_true(hash_u64(5, 9) == hash_u64(5, 9));
	/* Not a constant: different inputs give different hashes. */
	assert_true(hash_str("a", 0) != hash_str("b", 0));
}

/* Every bit of every byte counts: flipping any one changes the hash. */
static void
test_every_bit(void **state)
{
	unsigned char	 b[40];
	uint64_t	 h0, h;
	struct hset	 seen = { NULL, 0, 0, NULL };
	size_t		 i;
	int		 bit;

	(void)state;
	fill(b, sizeof(b));
	h0 = hash_bytes(b, sizeof(b), 0);
	hset_add(&seen, h0);
	for (i = 0; i < sizeof(b); i++) {
		for (bit = 0; bit < 8; bit++) {
			b[i] ^= (unsigned char)(1u << bit);
			h = hash_bytes(b, sizeof(b), 0);
			if (h == h0)
				fail_msg("flipping bit %d of byte %zu does "
				    "not change the hash", bit, i);
			/* And no two flips collide either. */
			if (!hset_add(&seen, h))
				fail_msg("flipping bit %d of byte %zu gives "
				    "the hash of another flip", bit, i);
			b[i] ^= (unsigned char)(1u << bit);
		}
	}
	assert_true(hash_bytes(b, sizeof(b), 0) == h0);
	hset_free(&seen);
}

/* The length counts: a prefix, or trailing zero bytes, hash differently. */
static void
test_length(void **state)
{
	unsigned char	 b[40], z[16];
	size_t		 n;

	(void)state;
	fill(b, sizeof(b));
	for (n = 0; n < sizeof(b); n++)
		if (hash_bytes(b, n, 0) == hash_bytes(b, n + 1, 0))
			fail_msg("%zu bytes and %zu bytes hash alike", n,
			    n + 1);
	assert_true(hash_bytes("", 0, 0) != hash_bytes("\0", 1, 0));
	/* Zero bytes are bytes: 0..15 of them all hash differently. */
	memset(z, 0, sizeof(z));
	for (n = 1; n < sizeof(z); n++)
		if (hash_bytes(z, n - 1, 0) == hash_bytes(z, n, 0))
			fail_msg("%zu and %zu zero bytes hash alike", n - 1, n);
	assert_true(hash_bytes(z, 8, 0) != hash_bytes(z, 16, 0));
}

static void
test_seed(void **state)
{
	unsigned char	 b[40];
	size_t		 n;

	(void)state;
	fill(b, sizeof(b));
	for (n = 0; n <= sizeof(b); n++) {
		assert_true(hash_bytes(b, n, 0) != hash_bytes(b, n, 1));
		assert_true(hash_bytes(b, n, 1) != hash_bytes(b, n, 2));
		assert_true(hash_bytes(b, n, 0) !=
		    hash_bytes(b, n, 0x8000000000000000ull));
	}
	assert_true(hash_str("x", 1) != hash_str("x", 2));
}

/*
 * Lengths 0..17: whole 8-byte words, then a tail of 0..7 bytes. Every
 * tail byte counts, and nothing beyond n bytes is read into the hash.
 */
static void
test_tail(void **state)
{
	unsigned char	 b[32], c[32];
	uint64_t	 h;
	size_t		 n, i;

	(void)state;
	for (n = 0; n <= 17; n++) {
		fill(b, sizeof(b));
		h = hash_bytes(b, n, 0);
		/* What follows the n bytes does not count. */
		memcpy(c, b, sizeof(c));
		for (i = n; i < sizeof(c); i++)
			c[i] = (unsigned char)~c[i];
		if (hash_bytes(c, n, 0) != h)
			fail_msg("bytes after the first %zu change the hash",
			    n);
		/* Each of the n bytes does, the tail's included. */
		for (i = 0; i < n; i++) {
			b[i] ^= 0x80;
			if (hash_bytes(b, n, 0) == h)
				fail_msg("byte %zu of %zu does not count", i,
				    n);
			b[i] ^= 0x80;
			b[i] ^= 0x01;
			if (hash_bytes(b, n, 0) == h)
				fail_msg("bit 0 of byte %zu of %zu does not "
				    "count", i, n);
			b[i] ^= 0x01;
		}
	}
}

static void
test_str(void **state)
{
	static const char *const s[] = { "", "a", "guides/x/index.html",
	    "0123456789abcdef", "0123456789abcdefg", "caf\xc3\xa9" };
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		assert_true(hash_str(s[i], 0) == hash_bytes(s[i], strlen(s[i]),
		    0));
		assert_true(hash_str(s[i], 42) == hash_bytes(s[i],
		    strlen(s[i]), 42));
	}
	/* The terminating NUL is not hashed. */
	assert_true(hash_str("ab", 0) != hash_bytes("ab", 3, 0));
}

static void
test_u64(void **state)
{
	uint64_t	 a = 1, b = 2;

	(void)state;
	assert_true(hash_u64(hash_u64(0, a), b) !=
	    hash_u64(hash_u64(0, b), a));
	a = hash_str("site.yaml", 0);
	b = hash_str("content/guides/g.md", 0);
	assert_true(hash_u64(hash_u64(0, a), b) !=
	    hash_u64(hash_u64(0, b), a));
	/* Both arguments count. */
	assert_true(hash_u64(0, 1) != hash_u64(0, 2));
	assert_true(hash_u64(1, 0) != hash_u64(2, 0));
	assert_true(hash_u64(0, 0) != hash_u64(hash_u64(0, 0), 0));
}

static void
test_hset_add_has(void **state)
{
	struct hset	 s = { NULL, 0, 0, NULL };

	(void)state;
	assert_false(hset_has(&s, 42));
	assert_int_equal(hset_add(&s, 42), 1);
	assert_int_equal(hset_add(&s, 42), 0);
	assert_true(hset_has(&s, 42));
	assert_false(hset_has(&s, 43));
	assert_int_equal(s.len, 1);
	hset_free(&s);
}

/* 100,000 values in, 100,000 others not, through several growths. */
static void
test_hset_many(void **state)
{
	struct hset	 s = { NULL, 0, 0, NULL };
	uint64_t	 i;

	(void)state;
	for (i = 0; i < 100000; i++)
		if (hset_add(&s, hash_u64(1, i)) != 1)
			fail_msg("value %ju was taken as a duplicate",
			    (uintmax_t)i);
	assert_int_equal(s.len, 100000);
	/* Consecutive values too: they fill neighbouring slots. */
	for (i = 1; i <= 100000; i++)
		assert_int_equal(hset_add(&s, i << 20), 1);
	assert_int_equal(s.len, 200000);
	for (i = 0; i < 100000; i++) {
		if (!hset_has(&s, hash_u64(1, i)))
			fail_msg("value %ju is lost", (uintmax_t)i);
		if (!hset_has(&s, (i + 1) << 20))
			fail_msg("value %ju is lost", (uintmax_t)(i + 1) << 20);
		if (hset_has(&s, hash_u64(2, i)))
			fail_msg("value %ju was never added", (uintmax_t)i);
		if (hset_has(&s, (i + 1) << 20 | 1))
			fail_msg("value %ju was never added",
			    (uintmax_t)((i + 1) << 20 | 1));
		if (hset_add(&s, hash_u64(1, i)) != 0)
			fail_msg("value %ju was added twice", (uintmax_t)i);
	}
	assert_int_equal(s.len, 200000);
	/* Split into parts, none more than three quarters full. */
	assert_non_null(s.parts);
	for (i = 0; i < HSET_PARTS; i++)
		assert_true(s.parts[i].len * 4 <= s.parts[i].cap * 3);
	hset_free(&s);
	assert_null(s.parts);
	assert_false(hset_has(&s, hash_u64(1, 0)));
}

/*
 * 0 marks a free slot, so the value 0 is stored as 1: 0 can be added and
 * found, but 0 and 1 are one and the same element of the set.
 */
static void
test_hset_zero(void **state)
{
	struct hset	 s = { NULL, 0, 0, NULL };

	(void)state;
	assert_false(hset_has(&s, 0));
	assert_int_equal(hset_add(&s, 0), 1);
	assert_true(hset_has(&s, 0));
	assert_int_equal(hset_add(&s, 0), 0);
	/* 1 is 0's slot. */
	assert_true(hset_has(&s, 1));
	assert_int_equal(hset_add(&s, 1), 0);
	assert_int_equal(s.len, 1);
	assert_false(hset_has(&s, 2));
	hset_free(&s);

	assert_int_equal(hset_add(&s, 1), 1);
	assert_true(hset_has(&s, 0));
	assert_int_equal(hset_add(&s, 0), 0);
	hset_free(&s);
}

static void
test_hset_free_reuse(void **state)
{
	struct hset	 s = { NULL, 0, 0, NULL };
	uint64_t	 i;

	(void)state;
	for (i = 0; i < 5000; i++)
		hset_add(&s, hash_u64(3, i));
	hset_free(&s);
	assert_null(s.slots);
	assert_int_equal(s.len, 0);
	assert_int_equal(s.cap, 0);
	assert_false(hset_has(&s, hash_u64(3, 0)));
	/* Freeing twice is harmless. */
	hset_free(&s);
	for (i = 0; i < 5000; i++)
		assert_false(hset_has(&s, hash_u64(3, i)));
	/* Reusable: the old values are gone, new ones go in. */
	assert_int_equal(hset_add(&s, hash_u64(3, 0)), 1);
	assert_int_equal(hset_add(&s, hash_u64(4, 0)), 1);
	assert_true(hset_has(&s, hash_u64(3, 0)));
	assert_true(hset_has(&s, hash_u64(4, 0)));
	assert_false(hset_has(&s, hash_u64(3, 1)));
	assert_int_equal(s.len, 2);
	hset_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_not_zero),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_every_bit),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_tail),
		cmocka_unit_test(test_str),
		cmocka_unit_test(test_u64),
		cmocka_unit_test(test_hset_add_has),
		cmocka_unit_test(test_hset_many),
		cmocka_unit_test(test_hset_zero),
		cmocka_unit_test(test_hset_free_reuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
