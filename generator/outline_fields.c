/*
 * outline_fields.c: a session's fields (interviewer, focus, location,
 * right under its heading) and its segments (its agenda), and putting
 * together what each place that names a session says about it.
 */
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buffer.h"
#include "duration.h"
#include "markdown.h"
#include "outline_int.h"

static const char *const candidate_w[] = { "candidate", "the candidate",
	NULL };

/* Joins the texts of the items right under unit k ("Interviewers:" list). */
static const char *
items_under(struct ctx *c, long k, long to, const char *sep)
{
	struct buf	 b = BUF_INIT;
	const char	*out;
	long		 i;
	unsigned	 d = 0;

	/* Under a heading, a paragraph says it too ("### Interviewer"). */
	if (c->u[k].type == UN_HEADING && k + 1 < to &&
	    c->u[k + 1].type == UN_LINE && c->u[k + 1].depth == 0)
		return c->u[k + 1].text;
	for (i = k + 1; i < to && c->u[i].type == UN_LINE; i++) {
		if (!c->u[i].item && c->u[i].depth == 0)
			break;
		if (d == 0)
			d = c->u[i].depth;
		if (c->u[i].depth != d)
			continue;
		/* "### Participants": the candidate is not an interviewer. */
		if (ol_is_any(ol_norm(c->a, c->u[i].text), candidate_w))
			continue;
		if (b.len > 0)
			buf_puts(&b, sep);
		buf_puts(&b, c->u[i].text);
	}
	out = b.len > 0 ? arena_strdup(c->a, buf_cstr(&b)) : NULL;
	buf_free(&b);
	return out;
}

/* Returns whether s ends with end. */
static int
ends_with(const char *s, const char *end)
{
	size_t	 n = strlen(s), k = strlen(end);

	return n >= k && strcmp(s + n - k, end) == 0;
}

/* Interviewer, focus and location: labelled lines right under the heading. */
static void
fields(struct ctx *c, struct ol_session *s, long h, long to)
{
	static const char *const who[] = { "interviewer", "interviewers",
	    "interviewer s", "interviewed by", "panel", "panelists", "led by",
	    "conducted by", "who", "owner", "host", "interview panel",
	    "participants", NULL };
	static const char *const focus[] = { "focus", "focus area",
	    "focus areas", "assesses", "evaluates", "competencies",
	    "skills assessed", "what we assess", "objective", "objectives",
	    "goal", "goals", "purpose", NULL };
	static const char *const where[] = { "location", "where", "room",
	    "venue", "setting", "place", NULL };
	static const char *const details[] = { "logistics", "details",
	    "session details", "format", "overview", "setup", "at a glance",
	    "info", "information", "session info", NULL };
	long		 i, end = h >= 0 ? c->u[h].body_end : to;
	struct label	 l;

	for (i = h + 1; i < to; i++) {
		struct unit	*u = &c->u[i];
		const char	*n, *v;
		const char	**dst = NULL;

		if (u->type == UN_HEADING) {
			const char	*sep;

			n = ol_title_norm(c, i);
			sep = u->level > 0 && ol_is_any(n, focus) ? "; " : ", ";
			/* The items only when they are the field's value. */
			if (ol_is_any(n, who) && s->interviewer == NULL)
				s->interviewer = items_under(c, i, u->body_end,
				    sep);
			else if (ol_is_any(n, focus) && s->focus == NULL)
				s->focus = items_under(c, i, u->body_end, sep);
			/* "### Logistics": its lines are the session's too. */
			if (ol_is_any(n, details))
				end = u->body_end;
			continue;
		}
		if (i >= end || u->type != UN_LINE || u->depth > 1 ||
		    !ol_unit_label(c, u, &l))
			continue;
		n = ol_label_norm(c, u);
		if (ol_is_any(n, who) || ends_with(n, " interviewer") ||
		    ends_with(n, " interviewers") ||
		    ends_with(n, " interviewer s"))
			dst = &s->interviewer;
		else if (ol_is_any(n, focus) || ends_with(n, " focus"))
			dst = &s->focus;
		else if (ol_is_any(n, where))
			dst = &s->location;
		if (dst == NULL || *dst != NULL)
			continue;
		v = l.value[0] != '\0' ? l.value : items_under(c, i, end, ", ");
		if (v != NULL && *v != '\0')
			*dst = v;
	}
}

/* Adds a segment to s; an untitled one is left out. */
static void
add_segment(struct ctx *c, struct ol_session *s, const char *title,
    const struct minutes *m, unsigned line)
{
	struct ol_segment *g;

	if (title == NULL || *title == '\0')
		return;
	g = OL_PUSH(c->a, s->segments, s->n_segments);
	g->title = title;
	g->minutes = *m;
	g->line = line;
}

/*
 * Whether a duration opening a line is set apart from what follows, as
 * in "5 min: Intro" or "(10 min) Coding", not "30-minute debrief".
 */
static int
lead_sep(const char *t, const struct duration_match *dm)
{
	const char	*p = t + dm->end;

	if (dm->start > 0 && (t[dm->start - 1] == '(' ||
	    t[dm->start - 1] == '['))
		return 1;
	while (*p == ' ' || *p == '*' || *p == '_')
		p++;
	return *p == ':' || *p == '-' || *p == '|' || *p == ')' ||
	    strncmp(p, "\xE2\x80\x93", 3) == 0 ||
	    strncmp(p, "\xE2\x80\x94", 3) == 0;
}

/*
 * Reads an agenda's time offsets at the start of t: "0-5 min: Intro",
 * "**5–20 min** Coding". Returns the bytes taken (0 for none).
 */
static size_t
offsets(const char *t, unsigned *a, unsigned *b)
{
	const char	*p = ol_skip_marks(t), *q;
	size_t		 k;

	*a = *b = 0;
	if (*p < '0' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++)
		*a = *a * 10 + (unsigned)(*p - '0');
	if (*p == '-')
		p++;
	else if (strncmp(p, "\xE2\x80\x93", 3) == 0)
		p += 3;
	else
		return 0;
	if (*p < '0' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++)
		*b = *b * 10 + (unsigned)(*p - '0');
	while (*p == ' ')
		p++;
	for (q = p; (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'); q++)
		;
	k = (size_t)(q - p);
	if (!(k == 1 && *p == 'm') && !(k >= 3 && strncasecmp(p, "minutes",
	    k) == 0 && k <= 7) && !(k == 4 && strncasecmp(p, "mins", 4) == 0))
		return 0;
	if (*b <= *a)
		return 0;
	while (*q == ' ' || *q == ':' || *q == '-' || *q == ')' ||
	    *q == MD_STRONG_CLOSE)
		q++;
	return (size_t)(q - t);
}

/* A row of an agenda table: | Time | Activity |, | Segment | Minutes |. */
static void
row_segment(struct ctx *c, struct ol_session *s, const struct unit *head,
    const struct unit *u)
{
	static const char *const dur_w[] = { "duration", "length", "time",
	    "minutes", "mins", "min", "timing", NULL };
	struct duration_match	 dm;
	const char		*d;
	int			 dc, nc;

	if ((dc = ol_table_cols(head, dur_w)) < 0 || (size_t)dc >= u->n_cells)
		return;
	nc = dc == 0 ? 1 : 0;
	d = u->cells[dc];
	if ((size_t)nc >= u->n_cells || !(duration_in(d, strlen(d), &dm) ||
	    duration_parse(d, strlen(d), &dm.m)))
		return;
	add_segment(c, s, ol_clean_title(c->a, u->cells[nc], NULL, NULL,
	    NULL), &dm.m, u->line);
}

/*
 * Segments: the timed headings one level down; or,
 * without them, bold lines, list items and table rows with a duration
 * at their start or end.
 */
static void
segments(struct ctx *c, struct ol_session *s, long from, long to)
{
	static const char *const not_segment_w[] = { "duration", "time",
	    "length", "total", "timing", "timebox", NULL };
	struct duration_match	 dm;
	long			 i, head = -1;
	char			*used;
	int			 by_offset = 0;
	unsigned		 oa, ob;
	size_t			 k;
	size_t			 before = s->n_segments;

	/* Its timed sub-headings one level down (the next level there is). */
	for (i = from; i < to; i++)
		if (c->u[i].type == UN_HEADING && c->u[i].up == from - 1 &&
		    c->u[i].dur.known)
			add_segment(c, s, c->u[i].title, &c->u[i].dur,
			    c->u[i].line);
	if (s->n_segments > before || to <= from)
		return;
	used = arena_zalloc(c->a, (size_t)(to - from));
	/* An agenda of offsets ("0-5 min", "5-20 min") gives differences. */
	for (i = from; i < to && !by_offset; i++)
		if (c->u[i].type == UN_LINE && c->u[i].item) {
			unsigned a, b;

			if (offsets(c->u[i].text, &a, &b))
				by_offset = a == 0 ? 1 : -1;
		}
	for (i = from; i < to; i++) {
		struct unit	*u = &c->u[i];
		struct label	 l;
		const char	*t = u->text;
		char		*title;

		if (u->type == UN_ROW) {
			if (u->header)
				head = i;
			else if (head >= 0)
				row_segment(c, s, &c->u[head], u);
			continue;
		}
		if (u->type != UN_LINE)
			continue;
		if (u->parent >= from && used[u->parent - from]) {
			used[i - from] = 1;
			continue;
		}
		if (!u->item && !(ol_unit_label(c, u, &l) && l.only_bold))
			continue;
		/* "- **Duration:** 60 minutes" is a field, not a segment. */
		if (u->item && ol_unit_label(c, u, &l) && !l.only_bold &&
		    ol_has_any(ol_label_norm(c, u), not_segment_w))
			continue;
		if (by_offset == 1 && u->item &&
		    (k = offsets(t, &oa, &ob)) > 0) {
			dm.m.known = 1;
			dm.m.min = dm.m.max = ob - oa;
			title = ol_clean_title(c->a, t + k, NULL, NULL, NULL);
		} else if (duration_at_end(t, strlen(t), &dm)) {
			title = ol_clean_title(c->a, t, NULL, NULL, NULL);
		} else if (duration_at_start(t, strlen(t), &dm) &&
		    dm.end < strlen(t) && lead_sep(t, &dm)) {
			title = ol_clean_title(c->a, t, NULL, NULL, NULL);
		} else
			continue;
		used[i - from] = 1;
		add_segment(c, s, title, &dm.m, u->line);
	}
}

/*
 * Adds what candidate k says about a session to s: scalars that s does
 * not have yet, and its segments, questions, rubric and flags.
 */
void
ol_fill_session(struct ctx *c, struct ol_session *s, const struct cand *k)
{
	if (!s->minutes.known && k->minutes.known) {
		s->minutes = k->minutes;
		s->minutes_line = k->minutes_line;
	}
	if (k->unit >= 0) {
		fields(c, s, k->unit, k->to);
		segments(c, s, k->from, k->to);
		ol_walk(c, s, k->from, k->to);
	}
	if (s->interviewer == NULL)
		s->interviewer = k->interviewer;
	if (s->focus == NULL)
		s->focus = k->focus;
	if (s->location == NULL)
		s->location = k->location;
}
