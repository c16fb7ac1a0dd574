/*
 * model.h: the third stage: everything the pages need, resolved and
 * checked. Guides are rendered and outlined; candidates are checked
 * against their guide (sessions, criteria, the rating scale), against
 * each other (duplicate ids) and against the clock (overlapping slots);
 * interviewers are gathered across candidates; debriefs are computed.
 * Every problem is reported, not only the first.
 */
#ifndef KITGEN_MODEL_H
#define KITGEN_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "cand_cache.h"
#include "candidate.h"
#include "debrief.h"
#include "markdown.h"
#include "outline.h"

struct arena;
struct site;
struct doc;

struct guide {
	struct doc	*doc;
	const char	*id;		/* front matter id, else the file name */
	const char	*title;
	const char	*role;		/* or NULL */
	int		 is_public;	/* visibility: public */
	struct outline	 ol;
	struct md_doc	 md;		/* its table of contents, no blocks */
	const char	*path;		/* "guides/ID/index.html" */
	size_t		 session_count;	/* of ol, even when light */
	int		 md_links;	/* its body links to Markdown files:
					   its page is made last */
	int		 light;		/* page written, no candidate uses
					   it: ol keeps only title, type
					   and total; md nothing */
	size_t		 seq;		/* its place in file order */
	const struct db_rule *rules;	/* its decision rules, or NULL */
	int		 no_page;	/* shares its id, or left out by
					   --public: never streamed */
};

struct slot {
	const struct cand_slot	*cs;
	const struct ol_session	*session;	/* NULL when unknown */
	size_t			 session_index;
	const char		*dir;		/* URL folder, unique per candidate */
	int			 start, end;	/* minutes, or -1 */
	long			 interviewer;	/* index in the model, or -1 */
	uint64_t		 name_hash;	/* of cs->interviewer, or 0 */
	const char		*focus_html;	/* or NULL */
};

struct cand {
	struct candidate c;
	uint64_t	 file_hash;	/* of the file's bytes (load.h) */
	struct file_stamp stamp;	/* of the file when it was read */
	int		 cached;	/* taken from the candidates cache */
	int		 quiet;		/* read and resolved without a
					   diagnostic */
	struct guide	*g;		/* NULL when unknown */
	struct slot	*slots;
	size_t		 n_slots;
	const char	*summary_html;	/* or NULL */
	int		 scored;
	struct db_result db;
	struct db_session *db_sessions;	/* the scored sessions, guide order */
	size_t		 n_db_sessions;
	const struct ol_session **db_session_of;
	const struct db_rule *rules;	/* the guide's, or the defaults */
	size_t		 n_rules;
};

struct slot_ref {
	size_t		 cand, slot;
};

struct interviewer {
	const char	*slug;
	const char	*name;
	const char	*email;		/* the first one given, or NULL */
	struct slot_ref	*slots;		/* by date, time, candidate */
	size_t		 n_slots;
};

struct model {
	struct site		*site;
	struct arena		*a;
	int			 public_only;
	struct guide		*guides;	/* sorted by id */
	size_t			 n_guides;
	struct cand		*cands;		/* by date, name, id */
	size_t			 n_cands;
	struct interviewer	*ivs;		/* by name */
	size_t			 n_ivs;
	struct arena		**keep;		/* outlines, one per thread */
	size_t			 n_keep;
};

/*
 * What model_build calls as it goes, so that a build can write each
 * guide's page while its Markdown is at hand, instead of keeping every
 * guide's text until the end. Any of them may be NULL.
 */
struct model_hooks {
	/*
	 * Called once, before any guide is read.
	 * Returns whether to call guide.
	 */
	int	(*guides)(void *arg, const struct model *);
	/*
	 * Called on a worker thread for each guide outlined without error
	 * that has a page (not no_page) and no links to other guides'
	 * Markdown (md_links), with its HTML and the thread's
	 * scratch arena. Returns 1 when the page is written (or kept),
	 * 0 when it is left to the caller, -1 after reporting an error.
	 */
	int	(*guide)(void *arg, const struct model *, struct guide *,
		    const char *html, struct arena *);
	void	*arg;
	/* Candidates read by an earlier build, or NULL. */
	const struct cand_cache *cands;
};

int	 model_build(struct model *, struct site *, int public_only,
	     const struct model_hooks *);
void	 model_set_jobs(int);
size_t	 model_threads(size_t);
void	 model_free(struct model *);
const char *model_guide_html(const struct model *, const struct guide *,
	     struct arena *);
const char *recommendation_default(size_t);
size_t	 recommendation_count(const struct cand *);
const char *recommendation_label(const struct cand *, size_t);

#endif
