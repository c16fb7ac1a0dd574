/*
 * main.c: the kitgen command line: parse options, dispatch a subcommand.
 */
#include <errno.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "diag.h"

/* Which options each subcommand takes. */
enum {
	O_C = 1 << 0, O_OUT = 1 << 1, O_THEME = 1 << 2, O_PUBLIC = 1 << 3,
	O_STRICT = 1 << 4, O_JOBS = 1 << 5, O_QUIET = 1 << 6, O_JSON = 1 << 7,
	O_PORT = 1 << 8, O_PARTIALS = 1 << 9, O_CLEAN = 1 << 10
};
#define N_OPTS	11

struct command {
	const char	*name;
	int		(*fn)(const struct options *);
	unsigned	 opts;
	int		 min_args, max_args;
	const char	*synopsis;
};

static const struct command commands[] = {
	{ "build", cmd_build, O_C | O_OUT | O_THEME | O_PUBLIC | O_STRICT |
	    O_JOBS | O_QUIET | O_CLEAN, 0, 0,
	    "build   [-C DIR] [-o OUT] [--theme NAME] [--public] [--strict]\n"
	    "                 [--jobs N] [--quiet] [--clean]" },
	{ "check", cmd_check, O_C | O_STRICT | O_PUBLIC | O_THEME | O_JOBS |
	    O_QUIET, 0, 0,
	    "check   [-C DIR] [--strict] [--jobs N] [--quiet]" },
	{ "outline", cmd_outline, O_JSON | O_STRICT, 1, 1,
	    "outline [--json] FILE.md" },
	{ "render", cmd_render, O_PARTIALS | O_STRICT, 1, 2,
	    "render  [--partials DIR] TEMPLATE [DATA]" },
	{ "serve", cmd_serve, O_C | O_PORT | O_THEME | O_STRICT, 0, 0,
	    "serve   [-C DIR] [--port N]" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *f)
{
	size_t	 i;

	fputs("usage: kitgen COMMAND [OPTIONS]\n\n", f);
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  kitgen %s\n", commands[i].synopsis);
	fputs("  kitgen --help | --version\n\n"
	    "Commands:\n"
	    "  build    render the site into OUT (default: public/)\n"
	    "  check    load and validate every file; write nothing\n"
	    "  outline  print the structure read from one guide\n"
	    "  render   render one Mustache template against a YAML/JSON file\n"
	    "  serve    build, serve on 127.0.0.1, rebuild on change\n\n"
	    "Options:\n"
	    "  -C DIR          the site's root folder (default: .)\n"
	    "  -o, --output OUT  the output folder (default: DIR/public)\n"
	    "  --theme NAME    use themes/NAME\n"
	    "  --public        leave out candidates and non-public guides\n"
	    "  --strict        treat warnings as errors\n"
	    "  -j, --jobs N    read and render with N threads (default: one per\n"
	    "                  core)\n"
	    "  -q, --quiet     print nothing but diagnostics\n"
	    "  --json          outline: print JSON\n"
	    "  --partials DIR  render: read partial NAME from DIR/NAME.mustache\n"
	    "  --port N        serve: the port (default: 8000)\n\n"
	    "Exit status: 0 success, 1 content errors, 2 usage errors, "
	    "3 I/O errors.\n", f);
}

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("kitgen: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	usage(stderr);
	return EXIT_USAGE;
}

static int
parse_int(const char *s, int lo, int hi, int *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

/*
 * Takes the value of an option given as "--opt VALUE", "--opt=VALUE" or
 * "-xVALUE". Returns it, or NULL when it is missing.
 */
static const char *
opt_value(int argc, char **argv, int *i, const char *eq)
{
	if (eq != NULL)
		return eq;
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

int
main(int argc, char **argv)
{
	struct options	 o;
	const struct command *cmd = NULL;
	char		**pos;
	int		 i, npos = 0, only_args = 0;
	unsigned	 given = 0, bad;
	const char	*given_name[N_OPTS] = { NULL };
	size_t		 j;

#if defined(M_MMAP_THRESHOLD)
	/*
	 * Every arena block (arena.c, 64 KiB) is mapped from the system on
	 * its own, so that a block freed goes back at once: otherwise glibc
	 * keeps the peak of each thread's heap, and memory follows the
	 * timing of the threads instead of what is live. Smaller buffers
	 * made and freed per file (libyaml's 48 KiB) stay on the heap:
	 * mapping each would cost a TLB shootdown on every core.
	 */
	mallopt(M_MMAP_THRESHOLD, 60 * 1024);
#endif

	memset(&o, 0, sizeof(o));
	o.dir = ".";
	o.port = 8000;
	pos = calloc((size_t)argc + 1, sizeof(char *));
	if (pos == NULL)
		return EXIT_IO;

	for (i = 1; i < argc; i++) {
		char		*a = argv[i], *eq = NULL;
		const char	*val;
		unsigned	 want = 0;
		char		 name[64];

		if (only_args || a[0] != '-' || a[1] == '\0') {
			if (cmd == NULL) {
				for (j = 0; j < N_COMMANDS; j++)
					if (strcmp(a, commands[j].name) == 0)
						cmd = &commands[j];
				if (cmd == NULL) {
					free(pos);
					return usage_error("unknown command '%s'", a);
				}
			} else
				pos[npos++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_args = 1;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			free(pos);
			return EXIT_OK;
		}
		if (strcmp(a, "--version") == 0) {
			printf("kitgen %s\n", KITGEN_VERSION);
			free(pos);
			return EXIT_OK;
		}
		snprintf(name, sizeof(name), "%s", a);
		if (a[1] == '-' && (eq = strchr(a, '=')) != NULL) {
			if ((size_t)(eq - a) < sizeof(name))
				name[eq - a] = '\0';
			eq++;
		} else if (a[1] != '-' && a[2] != '\0') {
			/* "-Cdir", "-j4", "-opublic" */
			name[2] = '\0';
			eq = a + 2;
		}

		if (strcmp(name, "-C") == 0) {
			want = O_C;
			if ((val = opt_value(argc, argv, &i, eq)) == NULL)
				goto missing;
			o.dir = val;
		} else if (strcmp(name, "-o") == 0 ||
		    strcmp(name, "--output") == 0) {
			want = O_OUT;
			if ((val = opt_value(argc, argv, &i, eq)) == NULL)
				goto missing;
			o.out = val;
		} else if (strcmp(name, "--theme") == 0) {
			want = O_THEME;
			if ((val = opt_value(argc, argv, &i, eq)) == NULL)
				goto missing;
			o.theme = val;
		} else if (strcmp(name, "--partials") == 0) {
			want = O_PARTIALS;
			if ((val = opt_value(argc, argv, &i, eq)) == NULL)
				goto missing;
			o.partials = val;
		} else if (strcmp(name, "-j") == 0 ||
		    strcmp(name, "--jobs") == 0) {
			want = O_JOBS;
			if ((val = opt_value(argc, argv, &i, eq)) == NULL)
				goto missing;
			if (parse_int(val, 1, 256, &o.jobs) == -1) {
				free(pos);
				return usage_error("--jobs takes a number from "
				    "1 to 256, not '%s'", val);
			}
		} else if (strcmp(name, "--port") == 0) {
			want = O_PORT;
			if ((val = opt_value(argc, argv, &i, eq)) == NULL)
				goto missing;
			if (parse_int(val, 1, 65535, &o.port) == -1) {
				free(pos);
				return usage_error("--port takes a number from "
				    "1 to 65535, not '%s'", val);
			}
		} else if (eq == NULL && strcmp(name, "--public") == 0) {
			want = O_PUBLIC;
			o.public_only = 1;
		} else if (eq == NULL && strcmp(name, "--strict") == 0) {
			want = O_STRICT;
			o.strict = 1;
		} else if (eq == NULL && (strcmp(name, "--quiet") == 0 ||
		    strcmp(name, "-q") == 0)) {
			want = O_QUIET;
			o.quiet = 1;
		} else if (eq == NULL && strcmp(name, "--json") == 0) {
			want = O_JSON;
			o.json = 1;
		} else if (eq == NULL && strcmp(name, "--clean") == 0) {
			want = O_CLEAN;
			o.clean = 1;
		} else {
			free(pos);
			return usage_error("unknown option '%s'", a);
		}
		/* Checked against the command once it is known. */
		for (j = 0; j < N_OPTS; j++)
			if (want == 1u << j && given_name[j] == NULL)
				given_name[j] = a;
		given |= want;
		continue;
missing:
		free(pos);
		return usage_error("option '%s' needs a value", name);
	}

	if (cmd == NULL) {
		free(pos);
		usage(stderr);
		return EXIT_USAGE;
	}
	if ((bad = given & ~cmd->opts) != 0) {
		for (j = 0; j < N_OPTS; j++)
			if (bad & (1u << j))
				break;
		free(pos);
		fprintf(stderr, "kitgen: '%s' does not take the option '%s'\n",
		    cmd->name, given_name[j]);
		fprintf(stderr, "usage: kitgen %s\n", cmd->synopsis);
		return EXIT_USAGE;
	}
	if (npos < cmd->min_args || npos > cmd->max_args) {
		free(pos);
		fprintf(stderr, "kitgen: usage: kitgen %s\n", cmd->synopsis);
		return EXIT_USAGE;
	}
	if (cmd->fn == NULL) {
		free(pos);
		fprintf(stderr, "kitgen: '%s' is not available yet in this "
		    "version\n", cmd->name);
		return EXIT_USAGE;
	}
	o.argc = npos;
	o.argv = pos;
	diag_set_strict(o.strict);
	i = cmd->fn(&o);
	free(pos);
	return i;
}
