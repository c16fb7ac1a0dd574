/*
 * outline.h: the structure a careful reader sees in an interview guide,
 * inferred from the Markdown stage's block list (markdown.h) and the
 * front matter, following the conventions of DESIGN.md ("Understanding a
 * guide"): sessions with their segments, questions and probes, rubrics
 * and flags; the guide's rating scale, weighted criteria, pass mark and
 * decision rules. Front matter may state any of it; explicit wins.
 *
 * Everything lives in the arena given to outline_guide and dies with it.
 * Numbers that a guide may leave out are OL_NONE (negative) when it does,
 * as in debrief.h.
 */
#ifndef KITGEN_OUTLINE_H
#define KITGEN_OUTLINE_H

#include <stddef.h>

#include "duration.h"

struct arena;
struct frontmatter;
struct md_doc;
struct value;

#define OL_NONE		(-1.0)
#define OL_HAS(x)	((x) >= 0)

/* One timed part of a session's agenda. */
struct ol_segment {
	const char	*title;
	struct minutes	 minutes;
	unsigned	 line;
};

struct ol_question {
	const char	*text;
	const char	**probes;	/* follow-up probes, in order */
	size_t		 n_probes;
	unsigned	 line;
};

/* A rubric item of a session, or a row of the guide's criteria table. */
struct ol_criterion {
	const char	*name;
	const char	*description;	/* the table's notes; or NULL */
	double		 weight;	/* a fraction (20% is 0.2) or OL_NONE */
	double		 min_score;	/* or OL_NONE */
	unsigned	 line;
};

struct ol_session {
	const char	*id;		/* the title's slug, unique */
	const char	*title;		/* without numbering and duration */
	const char	*heading;	/* the heading as written, or NULL */
	unsigned	 line;		/* of the heading (or entry, or key) */
	struct minutes	 minutes;
	unsigned	 minutes_line;	/* where the duration is stated */
	const char	*interviewer;	/* each NULL when not stated */
	const char	*focus;
	const char	*location;
	struct ol_segment *segments;
	size_t		 n_segments;
	struct ol_question *questions;
	size_t		 n_questions;
	struct ol_criterion *rubric;
	size_t		 n_rubric;
	unsigned	 rubric_line;
	const char	**green;	/* green flags */
	size_t		 n_green;
	const char	**red;		/* red flags */
	size_t		 n_red;
	int		 explicit;	/* stated in the front matter */
};

/* One level of the rating scale: "**5 - Exceptional**: ...". */
struct ol_level {
	int		 score;
	const char	*label;
	const char	*description;	/* or NULL */
	unsigned	 line;
};

/* A decision rule: "**Hire**: Average score ≥4.0, no scores below 3". */
struct ol_rule {
	const char	*label;
	const char	*description;	/* or NULL */
	double		 min_average;	/* each OL_NONE when not stated */
	double		 max_average;	/* "average below 3.5": 3.5 */
	double		 min_each;	/* "no scores below 3": 3 */
	unsigned	 line;
};

enum ol_type {
	OL_GUIDE,	/* an interview guide */
	OL_SCRIPT,	/* an interview script, read close to word for word */
	OL_PAGE		/* a plain handbook page: no sessions */
};

/* A warning found while reading, reported by outline_warn. */
struct ol_note {
	unsigned	 line;
	const char	*msg;
};

struct outline {
	const char	*source;	/* the path as given */
	const char	*title;		/* or NULL */
	enum ol_type	 type;
	const struct value *front_matter;	/* a map, as parsed */

	struct ol_session *sessions;
	size_t		 n_sessions;
	struct minutes	 total_minutes;	/* the sessions' known durations */

	struct ol_level	*scale;
	size_t		 n_scale;
	struct ol_criterion *criteria;
	size_t		 n_criteria;
	double		 pass_mark;	/* or OL_NONE */
	struct ol_rule	*decision;
	size_t		 n_decision;

	/* Where things were stated, for the checks of outline_warn. */
	struct minutes	 stated_total;	/* "Total Interview Time: 255 min" */
	struct minutes	 breaks;	/* timed breaks between sessions */
	unsigned	 stated_total_line;
	unsigned	 scale_line, criteria_line, pass_mark_line;
	unsigned	 decision_line;
	struct ol_note	*notes;
	size_t		 n_notes;
	const char	*body;		/* the Markdown text read */
	size_t		 body_len;
	unsigned	 body_line;
};

int	 outline_guide(struct arena *, const char *path,
	     const struct frontmatter *, const struct md_doc *,
	     struct outline *);
void	 outline_warn(const struct outline *);
struct value *outline_to_value(struct arena *, const struct outline *);
const struct ol_session *outline_session(const struct outline *,
	     const char *);
const char *outline_type_name(enum ol_type);
/* Deep copies into an arena (outline_copy.c): no notes, no blocks. */
void	 outline_copy(struct arena *, struct outline *,
	     const struct outline *);
void	 markdown_toc_copy(struct arena *, struct md_doc *,
	     const struct md_doc *);

#endif
