/*
 * context_int.h: the labels every page context shows (context.c), made
 * by hand rather than by printf: a guide page has hundreds of them.
 * Not for other modules.
 */
#ifndef KITGEN_CONTEXT_INT_H
#define KITGEN_CONTEXT_INT_H

struct arena;
struct minutes;

const char	*label_minutes(struct arena *, const struct minutes *);
const char	*label_g(struct arena *, double, const char *);
const char	*label_clock(struct arena *, int);
const char	*label_offset(struct arena *, int);

#endif
