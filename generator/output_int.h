/*
 * output_int.h: what output.c (staging) and output_commit.c (putting
 * the new site in place) share.
 */
#ifndef KITGEN_OUTPUT_INT_H
#define KITGEN_OUTPUT_INT_H

#include <pthread.h>
#include <stddef.h>

#include "files.h"
#include "hash.h"

/* What the commit did, undone in reverse when a later step fails. */
enum act { ACT_ASIDE, ACT_PLACED, ACT_MKDIR };

struct action {
	enum act	 what;
	char		*rel;
};

struct output {
	char		*dir;		/* the output folder */
	char		*stage;		/* ".NAME.kitgen-staging" beside it */
	char		*files;		/* stage/files: what this build wrote */
	char		*aside;		/* stage/old: what the commit replaced */
	char		*journal;	/* stage/journal: the commit under way */
	char		*legacy;	/* ".NAME.kitgen-old" of older versions */
	int		 update;	/* dir exists: updated in place */
	pthread_mutex_t	 lock;
	size_t		 written;	/* files written anew */
	size_t		 kept;		/* files unchanged */
	size_t		 removed;	/* files of the previous site removed */
	struct hset	 produced;	/* hashes of every path of this build */
	struct hset	 folders;	/* hashes of the folders staged */
	struct strlist	 changed;	/* update: paths written into files */
	const struct strlist *previous;	/* update: the previous site's files */
	struct strlist	 more;		/* update: more of them (units) */
	struct strlist	 walked_files;	/* them, when dir was walked */
	struct hset	 existing;	/* their hashes, when walked */
	int		 walked;	/* previous came from walking dir */
	struct action	*acts;
	size_t		 n_acts;
};

/* The staging folder being written, removed if we are interrupted. */
extern char *volatile output_live_stage;

int	 output_real_dir(const char *);
int	 output_parents_ok(const char *, const char *);
int	 output_make_parents(char *, size_t);
int	 output_walk(const char *, struct strlist *);
void	 output_free(struct output *);
int	 output_roll_forward(struct output *);

#endif
