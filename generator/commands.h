/*
 * commands.h: the subcommands of the kitgen command line, each in its own
 * cmd_*.c, all called by main.c with the options it parsed.
 */
#ifndef KITGEN_COMMANDS_H
#define KITGEN_COMMANDS_H

struct options {
	const char	*dir;		/* -C: the site root ("." by default) */
	const char	*out;		/* -o: output folder, or NULL */
	const char	*theme;		/* --theme, or NULL */
	const char	*partials;	/* render --partials DIR, or NULL */
	int		 public_only;	/* --public */
	int		 strict;	/* --strict */
	int		 quiet;		/* --quiet */
	int		 json;		/* outline --json */
	int		 clean;		/* build --clean: ignore the cache */
	int		 jobs;		/* --jobs N; 0: one per core */
	int		 port;		/* serve --port N */
	int		 argc;		/* positional arguments after the command */
	char		**argv;
};

/* Each returns the process exit status (diag.h). */
int	 cmd_build(const struct options *);
int	 cmd_check(const struct options *);
int	 cmd_outline(const struct options *);
int	 cmd_render(const struct options *);
int	 cmd_serve(const struct options *);

#endif
