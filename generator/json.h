/*
 * json.h: a value tree (value.h) written as JSON. Map keys keep their
 * order, so the same tree always gives the same bytes; strings are
 * escaped and always valid UTF-8 (a bad byte becomes U+FFFD); a float
 * that is integral keeps a ".0" so that readers see a float.
 */
#ifndef KITGEN_JSON_H
#define KITGEN_JSON_H

#include <stddef.h>

struct buf;
struct value;

void	 json_write(struct buf *, const struct value *, int indent);
void	 json_put_string(struct buf *, const char *, size_t);
void	 json_put_double(struct buf *, double);

#endif
