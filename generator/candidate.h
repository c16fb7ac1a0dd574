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

struct cand_link {
	const char	*label;
	const char	*url;		/* http, https or mailto */
};

struct cand_slot {
	const struct value *node;	/* the slot's map, for positions */
	const struct value *session;	/* the session reference as written */
	const char	*session_ref;	/* its text */
	const char	*interviewer;	/* or NULL */
	const char	*email;		/* or NULL */
	const char	*room;		/* or NULL */
	const char	*focus;		/* Markdown, or NULL */
	const char	**probes;
	size_t		 n_probes;
	int		 start;		/* minutes after midnight, or -1 */
	const struct value *start_node;
};

struct cand_score {
	const char	*criterion;
	const struct value *node;	/* the rating, for positions */
	double		 rating;
};

struct cand_scores {
	const struct value *session;	/* the session key as written */
	const char	*session_ref;
	struct cand_score *scores;
	size_t		 n_scores;
	const char	*recommendation;	/* or NULL */
	const struct value *recommendation_node;
};

struct candidate {
	const char	*path;
	const struct value *root;
	const char	*id;
	const char	*name;
	const char	*role;		/* or NULL */
	const char	*guide_ref;
	const struct value *guide_node;
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
int	 candidate_id_ok(const char *);
int	 url_scheme_ok(const char *);

#endif
