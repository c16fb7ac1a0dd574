/*
 * xalloc.h: allocation that never returns NULL. Running out of memory
 * prints one line and exits with status 3 (an I/O-class failure), after
 * the atexit handlers have removed any staging folder.
 */
#ifndef KITGEN_XALLOC_H
#define KITGEN_XALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
void	 die_oom(void) __attribute__((noreturn));

#endif
