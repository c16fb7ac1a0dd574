/*
 * diag.h: every error and warning kitgen reports passes through here.
 *
 * Printed on stderr as "file:line:col: error|warning: message" (line and
 * column 1-based), counted, and turned into the exit status:
 *   0 success, 1 content errors, 2 usage errors, 3 I/O errors.
 * Under --strict a warning is reported and counted as an error.
 * Safe to call from several threads.
 */
#ifndef KITGEN_DIAG_H
#define KITGEN_DIAG_H

#include <stddef.h>

enum exit_status {
	EXIT_OK = 0,		/* built or checked without errors */
	EXIT_CONTENT = 1,	/* the content (YAML, Markdown, templates) has errors */
	EXIT_USAGE = 2,		/* bad command line or option */
	EXIT_IO = 3		/* a file could not be read or written */
};

enum diag_level {
	DIAG_WARNING,		/* reported; an error under --strict */
	DIAG_ERROR,		/* a content error: exit status 1 */
	DIAG_IO			/* an I/O error: exit status 3 */
};

/* One diagnostic, as handed to a sink. */
struct diag {
	enum diag_level	 level;	/* after --strict promotion */
	const char	*file;	/* never NULL ("kitgen" when no file) */
	unsigned	 line;	/* 1-based; 0 when the whole file is meant */
	unsigned	 col;	/* 1-based; 0 when unknown */
	const char	*msg;
};

typedef void (*diag_sink)(void *arg, const struct diag *);

/* Diagnostics held back (diag_queue_begin); zero-initialise. */
struct diag_queue {
	void		*items;
	size_t		 n;
};

void	 diag_error(const char *, unsigned, unsigned, const char *, ...)
	     __attribute__((format(printf, 4, 5)));
void	 diag_warning(const char *, unsigned, unsigned, const char *, ...)
	     __attribute__((format(printf, 4, 5)));
void	 diag_io(const char *, const char *, ...)
	     __attribute__((format(printf, 2, 3)));
void	 diag_report(enum diag_level, const char *, unsigned, unsigned,
	     const char *, ...) __attribute__((format(printf, 5, 6)));

void	 diag_set_strict(int);
int	 diag_strict(void);
void	 diag_set_sink(diag_sink, void *);
void	 diag_reset(void);
unsigned diag_errors(void);
unsigned diag_warnings(void);
unsigned diag_thread_count(void);
void	 diag_queue_begin(struct diag_queue *);
void	 diag_queue_end(void);
void	 diag_queue_flush(struct diag_queue *);
void	 diag_queue_discard(struct diag_queue *);
int	 diag_exit_status(void);
void	 diag_print_summary(const char *);

#endif
