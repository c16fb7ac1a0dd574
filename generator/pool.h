/*
 * pool.h: run a function over 0..n-1 on several threads. Each call gets
 * the index of the thread that runs it (0..jobs-1), so callers can keep
 * per-thread arenas; the order of the calls is not fixed, so callers
 * hold their diagnostics (diag_queue_begin) and report them in order.
 */
#ifndef KITGEN_POOL_H
#define KITGEN_POOL_H

#include <stddef.h>

typedef void (*pool_fn)(void *arg, size_t i, size_t thread);

size_t	 pool_threads(size_t n, int jobs);
void	 pool_run(size_t n, size_t threads, pool_fn, void *arg);

#endif
