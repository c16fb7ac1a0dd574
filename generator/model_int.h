/*
 * model_int.h: what the parts of the model stage share (model.c,
 * model_scores.c, model_people.c). Not for other modules.
 */
#ifndef KITGEN_MODEL_INT_H
#define KITGEN_MODEL_INT_H

#include <stddef.h>

struct arena;
struct buf;
struct cand;
struct cand_cache;
struct cand_work;
struct guide;
struct hset;
struct model;
struct outline;
struct ol_session;

/* model.c */
int	 model_same_name(const char *, const char *);
const struct ol_session *model_find_session(const struct outline *,
	     const char *, size_t *);
void	 model_list_sessions(struct buf *, const struct outline *);
int	 model_cmp_cands(const void *, const void *);

/* model_scores.c */
/*
 * A lookup by name remembered: in a table of MEMO_SLOTS per thread, the
 * thing found under scope (an outline, a session) by name, which lives
 * as long as the model.
 */
#define MEMO_SLOTS	4096

struct name_memo {
	const void	*scope;		/* NULL: free */
	const char	*name;
	const void	*found;		/* or NULL: nothing */
	size_t		 idx;
};

struct name_memo *model_memo(struct name_memo *, const void *,
	     const char *, int *);
int	 model_check_scores(struct arena *, struct arena *,
	     struct name_memo *, struct cand *);
void	 model_guide_rules(struct model *);

void	 model_keep_arenas(struct model *, size_t);
struct guide *model_find_guide(struct model *, const char *);

struct cand_work *model_read_cands(struct model *, struct hset *,
	     const struct cand_cache *);
int	 model_build_cands(struct model *, struct cand_work *);
void	 model_cand_work_free(struct cand_work *);

/* model_people.c */
const char *model_folder_name(struct arena *, const char *);
void	 model_interviewers(struct model *);

#endif
