/*
 * cmd_outline.c: kitgen outline [--json] FILE.md: the structure read from
 * one guide, as JSON (the schema of shared/corpus/README.md) or as a
 * summary for a person. The guide's diagnostics go to stderr; stdout
 * has the outline and nothing else.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "buffer.h"
#include "commands.h"
#include "diag.h"
#include "duration.h"
#include "files.h"
#include "frontmatter.h"
#include "json.h"
#include "markdown.h"
#include "outline.h"
#include "value.h"
#include "xalloc.h"

/* Appends a duration label, or "no duration". */
static void
put_minutes(struct buf *b, const struct minutes *m)
{
	if (m->known)
		duration_format(b, m);
	else
		buf_puts(b, "no duration");
}

/* Appends "what: a; b; c" on a line, nothing for an empty list. */
static void
put_list(struct buf *b, const char *what, const char *const *s, size_t n)
{
	size_t	 i;

	if (n == 0)
		return;
	buf_printf(b, "   %s:", what);
	for (i = 0; i < n; i++)
		buf_printf(b, "%s %s", i ? ";" : "", s[i]);
	buf_putc(b, '\n');
}

/* Appends session number k + 1 for a person to read. */
static void
put_session(struct buf *b, size_t k, const struct ol_session *s)
{
	size_t	 i;

	buf_printf(b, "%zu. %s (", k + 1, s->title);
	put_minutes(b, &s->minutes);
	buf_printf(b, ") [id %s, line %u]\n", s->id, s->line);
	if (s->interviewer != NULL)
		buf_printf(b, "   Interviewer: %s\n", s->interviewer);
	if (s->focus != NULL)
		buf_printf(b, "   Focus: %s\n", s->focus);
	if (s->location != NULL)
		buf_printf(b, "   Location: %s\n", s->location);
	if (s->n_segments > 0) {
		buf_puts(b, "   Segments:");
		for (i = 0; i < s->n_segments; i++) {
			buf_printf(b, "%s %s (", i ? ";" : "",
			    s->segments[i].title);
			put_minutes(b, &s->segments[i].minutes);
			buf_putc(b, ')');
		}
		buf_putc(b, '\n');
	}
	for (i = 0; i < s->n_questions; i++) {
		buf_printf(b, "   Q: %s", s->questions[i].text);
		if (s->questions[i].n_probes > 0)
			buf_printf(b, " (%zu probe%s)",
			    s->questions[i].n_probes,
			    s->questions[i].n_probes == 1 ? "" : "s");
		buf_putc(b, '\n');
	}
	if (s->n_rubric > 0) {
		buf_puts(b, "   Rubric:");
		for (i = 0; i < s->n_rubric; i++) {
			buf_printf(b, "%s %s", i ? ";" : "", s->rubric[i].name);
			if (OL_HAS(s->rubric[i].weight)) {
				buf_puts(b, " ");
				value_put_number(b,
				    round(s->rubric[i].weight * 1000) / 10);
				buf_puts(b, "%");
			}
		}
		buf_putc(b, '\n');
	}
	put_list(b, "Green flags", s->green, s->n_green);
	put_list(b, "Red flags", s->red, s->n_red);
}

/* The summary for a person. */
static void
summary(struct buf *b, const struct outline *ol)
{
	size_t	 i;

	buf_printf(b, "%s (%s)\n", ol->title ? ol->title : ol->source,
	    outline_type_name(ol->type));
	buf_printf(b, "%zu session%s, ", ol->n_sessions,
	    ol->n_sessions == 1 ? "" : "s");
	put_minutes(b, &ol->total_minutes);
	buf_puts(b, " in all\n\n");
	for (i = 0; i < ol->n_sessions; i++)
		put_session(b, i, &ol->sessions[i]);
	if (ol->n_scale > 0) {
		buf_puts(b, "\nRating scale:");
		for (i = 0; i < ol->n_scale; i++)
			buf_printf(b, "%s %d %s", i ? "," : "",
			    ol->scale[i].score, ol->scale[i].label);
		buf_putc(b, '\n');
	}
	if (ol->n_criteria > 0) {
		buf_puts(b, "Criteria:");
		for (i = 0; i < ol->n_criteria; i++) {
			const struct ol_criterion *cr = &ol->criteria[i];

			buf_printf(b, "%s %s", i ? ";" : "", cr->name);
			if (OL_HAS(cr->weight)) {
				buf_puts(b, " ");
				value_put_number(b,
				    round(cr->weight * 1000) / 10);
				buf_puts(b, "%");
			}
			if (OL_HAS(ol->criteria[i].min_score)) {
				buf_puts(b, " min ");
				value_put_number(b, ol->criteria[i].min_score);
			}
		}
		buf_putc(b, '\n');
	}
	if (OL_HAS(ol->pass_mark)) {
		buf_puts(b, "Pass mark: ");
		value_put_number(b, ol->pass_mark);
		buf_putc(b, '\n');
	}
	if (ol->n_decision > 0) {
		buf_puts(b, "Decision:\n");
		for (i = 0; i < ol->n_decision; i++)
			buf_printf(b, "   %s%s%s\n", ol->decision[i].label,
			    ol->decision[i].description ? ": " : "",
			    ol->decision[i].description ?
			    ol->decision[i].description : "");
	}
}

/*
 * kitgen outline [--json] FILE.md. Returns the exit status: 0, 1 for
 * content errors (or warnings under --strict), 3 when unreadable.
 */
int
cmd_outline(const struct options *o)
{
	const char		*path = o->argv[0];
	struct arena		*a = NULL;
	struct frontmatter	 fm;
	struct md_doc		 doc;
	struct outline		 ol;
	struct buf		 html = BUF_INIT, out = BUF_INIT;
	char			*text = NULL;
	size_t			 len;
	int			 st;

	if (file_read_text(path, FILE_MAX_SIZE, &text, &len) != 0)
		goto out;
	a = arena_new();
	frontmatter_parse(a, path, text, len, &fm);
	if (markdown_render(a, path, fm.body, fm.body_len, fm.body_line, 0,
	    &html, &doc) != 0)
		goto out;
	outline_guide(a, path, &fm, &doc, &ol);
	outline_warn(&ol);
	if (o->json) {
		json_write(&out, outline_to_value(a, &ol), 2);
		buf_putc(&out, '\n');
	} else
		summary(&out, &ol);
	if (buf_failed(&out))
		die_oom();
	fwrite(out.data, 1, out.len, stdout);
	if (fflush(stdout) != 0)
		diag_io("<stdout>", "cannot write the outline");
out:
	st = diag_exit_status();
	diag_print_summary("outline");
	buf_free(&html);
	buf_free(&out);
	arena_free(a);
	free(text);
	return st;
}
