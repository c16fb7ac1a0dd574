/*
 * candidate.h: a candidate file (content/candidates/ID.yaml), read and
 * checked field by field. Checks that need the guide (sessions, criteria,
 * the rating scale) and the other candidates happen in model.c.
 */
#ifndef KITGEN_CANDIDATE_H
#define KITGEN_CANDIDATE_H

#include <stddef.h>

#include "tz.h"

struct arena;
struct value;

#define CAND_MAX_SLOTS	100	/* interviews in one candidate's panel */

/* Where a value was written in the file (1-based; 0 when unknown). */
struct cand_pos {
	unsigned	 line, col;
};

struct cand_link {
	const char	*label;
	const char	*url;		/* http, https or mailto */
};

struct cand_slot {
	struct cand_pos	 node;		/* the slot's map */
	struct cand_pos	 session;	/* the session reference */
	const char	*session_ref;	/* its text */
	const char	*interviewer;	/* or NULL */
	const char	*email;		/* or NULL */
	const char	*room;		/* or NULL */
	const char	*focus;		/* Markdown, or NULL */
	const char	*focus_html;	/* it as HTML, once the model has it */
	const char	**probes;
	size_t		 n_probes;
	int		 start;		/* minutes after midnight, or -1 */
	struct cand_pos	 start_node;	/* or 0:0 without a start */
};

struct cand_score {
	const char	*criterion;
	struct cand_pos	 node;		/* the rating */
	double		 rating;
};

struct cand_scores {
	struct cand_pos	 session;	/* the session key */
	const char	*session_ref;
	struct cand_score *scores;
	size_t		 n_scores;
	const char	*recommendation;	/* or NULL */
	struct cand_pos	 recommendation_node;
};

struct candidate {
	const char	*path;
	struct cand_pos	 root;		/* the file's map */
	const char	*id;
	struct cand_pos	 id_node;
	const char	*name;
	const char	*role;		/* or NULL */
	const char	*guide_ref;
	struct cand_pos	 guide_node;
	const char	*timezone;	/* the file's, else the site's */
	const char	*location;	/* or NULL */
	const char	*summary;	/* Markdown, or NULL */
	int		 has_date;
	struct date	 date;
	struct cand_link *links;
	size_t		 n_links;
	struct cand_slot *slots;
	size_t		 n_slots;
	struct cand_scores *scores;
	size_t		 n_scores;
};

int	 candidate_parse(struct arena *, const char *path,
	     const struct value *, const char *default_tz, struct candidate *);
/* Strings candidate_copy made, to share: zero-initialise. */
struct cand_strings {
	const char	**slots;
	size_t		  cap, len;
};

void	 candidate_copy(struct arena *, struct cand_strings *,
	     struct candidate *, const struct candidate *);
void	 cand_strings_free(struct cand_strings *);
int	 candidate_id_ok(const char *);
int	 url_scheme_ok(const char *);

#endif
