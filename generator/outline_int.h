/*
 * outline_int.h: what the parts of the outline stage share (outline.c,
 * outline_text.c, outline_match.c, outline_weight.c, outline_sessions.c,
 * outline_schedule.c, outline_fields.c, outline_content.c,
 * outline_scoring.c, outline_decision.c, outline_frontmatter.c). Not for
 * other modules.
 *
 * The block list is first flattened into units: every heading, every
 * logical line of a paragraph or list item (a paragraph of hard-broken
 * "**Label**: value" lines is several), every table row. A heading's
 * section is then a range of unit indexes.
 */
#ifndef KITGEN_OUTLINE_INT_H
#define KITGEN_OUTLINE_INT_H

#include <stddef.h>

#include "duration.h"
#include "outline.h"

struct arena;

enum unit_type {
	UN_HEADING,
	UN_LINE,	/* a paragraph line or a list item's line */
	UN_ROW,		/* a table row */
	UN_CODE,
	UN_OTHER	/* rule, quote opening, raw HTML */
};

/* Keywords that number a session: "Round 4:", "Part A -". */
enum kw {
	KW_NONE, KW_SESSION, KW_ROUND, KW_INTERVIEW, KW_STAGE, KW_PART,
	KW_PHASE, KW_MODULE, KW_BLOCK, KW_STEP, KW_SECTION, KW_DAY, KW_BARE
};

struct unit {
	enum unit_type	 type;
	unsigned	 line;
	unsigned	 level;		/* heading level */
	unsigned	 depth;		/* lists around it (an item's too) */
	int		 item;		/* the first line of a list item */
	int		 ordered;	/* ...of an ordered list */
	int		 header;	/* the head row of a table */
	long		 parent;	/* unit of the enclosing item, or -1 */
	const char	*text;		/* plain, trimmed */
	const char	*rich;		/* with MD_STRONG_OPEN/CLOSE */
	const char *const *cells;
	size_t		 n_cells;

	/* Headings only. */
	long		 end;		/* the unit after its section */
	long		 body_end;	/* the next heading */
	long		 up;		/* any unit: the heading it is under */
	enum kw		 kw;		/* its numbering */
	const char	*number;	/* "4", "A"; NULL without */
	const char	*title;		/* cleaned: no numbering, duration */
	struct minutes	 dur;		/* carried in its text or a line */
	unsigned	 dur_line;
};

/* "**Label**: value" or "Label: value", as read from a line. */
struct label {
	const char	*name;		/* arena strings; NULL: no label */
	const char	*value;		/* "" when nothing follows */
	int		 bold;		/* the label was bold */
	int		 only_bold;	/* the whole line was one bold span */
};

/* A session as first found, before same-named ones are merged. */
struct cand {
	long		 unit;		/* its heading, or -1 */
	long		 entry;		/* its schedule entry unit, or -1 */
	long		 from, to;	/* its section's units */
	long		 parent;	/* the heading it is under, or -1 */
	const char	*title;
	const char	*norm;		/* the title, normalised */
	enum kw		 kw;
	const char	*number;
	struct minutes	 minutes;
	unsigned	 minutes_line;
	const char	*interviewer, *focus, *location;
	unsigned	 line;
	int		 mention;	/* a schedule's mention: no content */
	long		 list;		/* an entry's table or list */
	long		 weight;	/* its section, fields aside */
	long		 group;		/* the candidate it merged into */
};

/* A text and its normalised form, kept by ol_norm_kept. */
struct kept {
	const char	*s;
	const char	*norm;
};

struct ctx {
	struct arena	*a;
	const char	*file;
	struct outline	*ol;
	struct unit	*u;
	size_t		 n;
	size_t		 u_cap;		/* room in u */
	struct cand	*cands;
	size_t		 n_cands;
	long		*in_session;	/* per unit: its session, or -1 */
	size_t		 n_h1;		/* level-1 headings */
	int		 capped;	/* too many candidates */
	long		*intro;		/* per unit: last heading or "...:" */
	long		*para;		/* per unit: last unit not in a list */
	signed char	*field;		/* per unit: a session field's line
					   (1), not (-1), not known yet (0) */
	struct label	*labels;	/* per unit: its label, as read... */
	signed char	*has_label;	/* ...when this is not 0 (1: has) */
	const char	**label_norm;	/* ...its name normalised, or NULL */
	const char	**title_norm;	/* per heading: title normalised */
	struct kept	*kept;		/* ol_norm_kept's table... */
	size_t		 n_kept, kept_cap;	/* ...its entries and size */
};

/* Growing arena arrays without a capacity field (outline.c). */
void	*ol_grow(struct arena *, void *, size_t, size_t);
#define OL_PUSH(a, arr, n) \
	((arr) = ol_grow((a), (arr), (n), sizeof(*(arr))), \
	 memset(&(arr)[(n)], 0, sizeof(*(arr))), &(arr)[(n)++])
void	 ol_note(struct ctx *, unsigned, const char *, ...)
	     __attribute__((format(printf, 3, 4)));

/* outline_text.c */
const char *ol_skip_marks(const char *);
int	 ol_label(struct arena *, const struct unit *, struct label *);
int	 ol_unit_label(struct ctx *, const struct unit *, struct label *);
const char *ol_label_norm(struct ctx *, const struct unit *);
const char *ol_title_norm(struct ctx *, long);
size_t	 ol_numbering(const char *, enum kw *, const char **, struct arena *);
char	*ol_clean_title(struct arena *, const char *, enum kw *,
	     const char **, struct minutes *);
char	*ol_trim(struct arena *, const char *, size_t);
char	*ol_unquote(struct arena *, const char *);
int	 ol_quoted(const char *);
int	 ol_session_kw(enum kw);
int	 ol_is_break(const char *);
void	 ol_cut_label(struct arena *, const char *, const char **,
	     const char **);

/* outline_weight.c */
double	 ol_number(const char *, const char **);
double	 ol_percent(const char *, int);
char	*ol_strip_weight(struct arena *, const char *, double *, double *);
int	 ol_is_level_name(const char *);

/* outline_match.c */
size_t	 ol_cp_at(const char *, unsigned *);
char	*ol_norm(struct arena *, const char *);
int	 ol_has(const char *, const char *);
/* The lists of phrases must be static arrays: known by their address. */
int	 ol_has_any(const char *, const char *const *);
int	 ol_is_any(const char *, const char *const *);
const char *ol_norm_kept(struct ctx *, const char *);

/* outline_sessions.c */
void	 ol_find_sessions(struct ctx *);
struct cand *ol_new_cand(struct ctx *);

/* outline_schedule.c */
int	 ol_table_cols(const struct unit *, const char *const *);
void	 ol_table_entry(struct ctx *, long);
void	 ol_line_entry(struct ctx *, long);

/* outline_content.c */
void	 ol_walk(struct ctx *, struct ol_session *, long, long);

/* outline_fields.c */
void	 ol_fill_session(struct ctx *, struct ol_session *,
	     const struct cand *);

/* outline_scoring.c */
void	 ol_find_scoring(struct ctx *);
int	 ol_scale_line(struct arena *, const struct unit *, struct ol_level *);
long	 ol_list_end(struct ctx *, long);

/* outline_decision.c */
void	 ol_find_decision(struct ctx *);
void	 ol_rule_numbers(struct ol_rule *);

/* outline_frontmatter.c */
int	 ol_apply_frontmatter(struct ctx *, const struct value *);

#endif
