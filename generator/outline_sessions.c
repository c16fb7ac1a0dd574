/*
 * outline_sessions.c: which parts of a guide are its sessions.
 *
 * A session is a heading that carries a duration, or one numbered as a
 * Session, Round or Part, that is not inside another session. Headings
 * that only hold sessions (the guide's title, "Onsite Loop (4 hours)",
 * a schedule) are containers, not sessions. A session named twice (a
 * schedule, then its own section) is one session. Schedule lists and
 * tables fill in what the headings leave out, and are the sessions when
 * a guide has no session headings at all.
 */
#include <string.h>

#include "arena.h"
#include "buffer.h"
#include "duration.h"
#include "outline_int.h"

#define OL_MAX_CANDS	1000

/* Titles made only of these words name a container ("Interview Schedule"). */
static const char *const meta_words[] = { "interview", "interviews",
	"overview", "schedule", "agenda", "summary", "logistics", "format",
	"structure", "process", "plan", "details", "at", "a", "glance", "the",
	"loop", "onsite", "on", "site", "day", "timeline", "itinerary",
	"total", "time", "of", "and", "information", "info", "general", "key",
	"guide", "kit", "handbook", "full", "complete", "entire", "virtual",
	"in", "person", "sessions", "rounds", "stages", "hiring", "our",
	"your", "this", "for", "candidate", "flow", "script", "1", "2", "3",
	"4", "5", NULL };

/* ...and at least one of these. */
static const char *const meta_strong[] = { "overview", "schedule",
	"agenda", "summary", "logistics", "structure", "process", "plan",
	"timeline", "itinerary", "loop", "onsite", "day", "guide", "kit",
	"handbook", "total", "sessions", "rounds", "stages", "interviews",
	"flow", "script", NULL };

/* Labels of the fields a session states right under its heading. */
static const char *const field_labels[] = { "interviewer", "interviewers",
	"interviewer s", "interviewed by", "panel", "panelists", "led by",
	"conducted by", "focus", "focus area", "focus areas", "location",
	"where", "room", "venue", "duration", "time", "length", "timing",
	"format", "who", "owner", "host", "setting", NULL };

/* Returns whether a title only names a container ("Interview Schedule"). */
static int
is_meta_title(struct ctx *c, const char *title)
{
	char	*n = ol_norm(c->a, title), *w, *save = NULL;
	int	 strong = 0;

	if (*n == '\0')
		return 0;
	for (w = strtok_r(n, " ", &save); w != NULL; w = strtok_r(NULL, " ",
	    &save)) {
		if (!ol_is_any(w, meta_words))
			return 0;
		if (ol_is_any(w, meta_strong))
			strong = 1;
	}
	return strong;
}

/*
 * Whether u (one of c's units) is a "**Label**: value" line with a
 * session field's label. Kept per unit: a session's lines are asked
 * about again for each heading around them.
 */
static int
is_field_line(struct ctx *c, const struct unit *u)
{
	struct label	 l;
	size_t		 i = (size_t)(u - c->u);

	if (c->field == NULL)
		c->field = arena_zalloc(c->a, c->n + 1);
	if (c->field[i] == 0)
		c->field[i] = u->type == UN_LINE && ol_unit_label(c, u, &l) &&
		    ol_is_any(ol_label_norm(c, u), field_labels) ? 1 : -1;
	return c->field[i] > 0;
}

/* Returns how many headings inside heading h carry a duration. */
static int
timed_inside(struct ctx *c, long h)
{
	long	 i;
	int	 n = 0;

	for (i = h + 1; i < c->u[h].end; i++)
		if (c->u[i].type == UN_HEADING && c->u[i].dur.known)
			n++;
	return n;
}

/*
 * Whether the headings inside h look like sessions of their own: two or
 * more numbered "Session N", "Round N", "Interview N", or stating an
 * interviewer. (Then h holds sessions; "Part A" under a round does not.)
 */
static int
sessions_inside(struct ctx *c, long h)
{
	long	 i, j;
	int	 n = 0, has;

	if (ol_session_kw(c->u[h].kw))
		return 0;
	for (i = h + 1; i < c->u[h].end; i++) {
		if (c->u[i].type != UN_HEADING)
			continue;
		has = c->u[i].kw == KW_SESSION || c->u[i].kw == KW_ROUND ||
		    c->u[i].kw == KW_INTERVIEW || c->u[i].kw == KW_STAGE;
		for (j = i + 1; !has && j < c->u[i].body_end; j++)
			if (is_field_line(c, &c->u[j])) {
				struct label	 l;

				const char	*name;

				ol_unit_label(c, &c->u[j], &l);
				name = ol_label_norm(c, &c->u[j]);
				has = ol_has(name, "interviewer") ||
				    ol_has(name, "interviewers");
			}
		n += has;
	}
	return n >= 2;
}

/* Whether h is the guide's title: its only level-1 heading. */
static int
is_title_heading(struct ctx *c, long h)
{
	return c->u[h].level == 1 && c->n_h1 == 1;
}

/*
 * Whether timed heading h only holds sessions: the title, a schedule or
 * "Onsite (4 hours)" with timed headings inside, or one whose headings
 * inside are numbered sessions.
 */
static int
is_container(struct ctx *c, long h)
{
	/* "## Interview Overview" with "Duration: 4 hours" states a total. */
	if (is_meta_title(c, c->u[h].title))
		return 1;
	if (timed_inside(c, h) == 0)
		return 0;
	/* "## Day 1 (3 hours)" holds the day's sessions. */
	return is_title_heading(c, h) || sessions_inside(c, h) ||
	    c->u[h].kw == KW_DAY;
}

/* Returns the heading that unit k is under, or -1. */
static long
enclosing(struct ctx *c, long k)
{
	return c->u[k].up;
}

/* Whether the section of heading h has nothing but session fields. */
static int
is_mention(struct ctx *c, long h)
{
	long	 i;

	for (i = h + 1; i < c->u[h].end; i++) {
		if (c->u[i].type == UN_OTHER)
			continue;
		if (!is_field_line(c, &c->u[i]))
			return 0;
	}
	return 1;
}

/*
 * Returns a new candidate, or NULL past OL_MAX_CANDS: merging them is
 * quadratic, and no guide has that many sessions.
 */
struct cand *
ol_new_cand(struct ctx *c)
{
	struct cand	*k;

	if (c->n_cands >= OL_MAX_CANDS) {
		if (!c->capped)
			ol_note(c, 0, "more than %d sessions and schedule "
			    "entries; the rest are not read as sessions",
			    OL_MAX_CANDS);
		c->capped = 1;
		return NULL;
	}
	k = OL_PUSH(c->a, c->cands, c->n_cands);

	k->unit = k->entry = k->parent = -1;
	k->group = (long)c->n_cands - 1;
	return k;
}

/* Returns how much a candidate's section holds beyond its fields. */
static long
weight(struct ctx *c, const struct cand *k)
{
	long	 i, w = 0;

	for (i = k->from; i < k->to; i++)
		if (c->u[i].type != UN_OTHER && !is_field_line(c, &c->u[i]))
			w++;
	return w;
}

/* Adds the session heading h as a candidate. */
static void
add_heading(struct ctx *c, long h)
{
	struct unit	*u = &c->u[h];
	struct cand	*k = ol_new_cand(c);

	if (k == NULL)
		return;
	k->unit = h;
	k->from = h + 1;
	k->to = u->end;
	k->parent = enclosing(c, h);
	k->title = u->title;
	k->norm = ol_title_norm(c, h);
	k->kw = u->kw;
	k->number = u->number;
	k->minutes = u->dur;
	k->minutes_line = u->dur_line ? u->dur_line : u->line;
	k->line = u->line;
	k->mention = is_mention(c, h);
	k->weight = weight(c, k);
}

/* Whether normalised titles a and b name the same thing. */
static int
related(const char *a, const char *b)
{
	static const char *const weak[] = { "the", "and", "with", "for", "of",
	    "a", "an", "to", "interview", "session", "round", NULL };
	const char	*short_, *long_, *p, *e;
	char		 w[64];
	int		 words = 0;

	if (strcmp(a, b) == 0)
		return 1;
	if (*a == '\0' || *b == '\0')
		return 0;
	short_ = strlen(a) < strlen(b) ? a : b;
	long_ = short_ == a ? b : a;
	if (ol_has(long_, short_))
		return 1;
	/* "Technical Screen" and "Technical Phone Screen" */
	for (p = short_; *p != '\0'; p = *e ? e + 1 : e) {
		e = strchr(p, ' ');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) >= sizeof(w))
			return 0;
		memcpy(w, p, (size_t)(e - p));
		w[e - p] = '\0';
		if (ol_is_any(w, weak))
			continue;
		if (!ol_has(long_, w))
			return 0;
		words++;
	}
	return words >= 2;
}

/* Whether candidates x and y are one session named twice. */
static int
same_session(const struct cand *x, const struct cand *y)
{
	int	 mention = x->mention || y->mention;

	/* Two rows of one schedule are two sessions. */
	if (x->entry >= 0 && y->entry >= 0 && x->list == y->list)
		return 0;

	if (x->kw == y->kw && ol_session_kw(x->kw) && x->number != NULL &&
	    y->number != NULL) {
		if (strcmp(x->number, y->number) != 0)
			return 0;
		return mention || related(x->norm, y->norm);
	}
	/*
	 * The same title twice: a schedule and a section, unless both say
	 * much (then two rounds of the same kind).
	 */
	if (strcmp(x->norm, y->norm) == 0)
		return x->parent != y->parent || mention || (x->unit >= 0 &&
		    y->unit >= 0 && (x->weight <= 3 || y->weight <= 3));
	/* A table or list row is never the section itself. */
	return mention && (x->parent != y->parent || x->entry >= 0 ||
	    y->entry >= 0) && related(x->norm, y->norm);
}

/* Notes, for every unit, what introduces it and where its list began. */
static void
index_units(struct ctx *c)
{
	long	 intro = -1, para = -1;
	size_t	 i;

	c->intro = arena_alloc(c->a, (c->n + 1) * sizeof(long));
	c->para = arena_alloc(c->a, (c->n + 1) * sizeof(long));
	for (i = 0; i < c->n; i++) {
		const struct unit *u = &c->u[i];
		size_t	 n = strlen(u->text);

		c->intro[i] = intro;
		c->para[i] = para;
		if (u->type == UN_HEADING || (u->type == UN_LINE &&
		    u->depth == 0 && n > 0 && u->text[n - 1] == ':'))
			intro = (long)i;
		if (u->type != UN_LINE || u->depth == 0)
			para = (long)i;
	}
}

/* Returns the root of candidate i's group. */
static long
root(struct ctx *c, long i)
{
	while (c->cands[i].group != i)
		i = c->cands[i].group;
	return i;
}

/* A schedule entry finds the heading that gives its section, if any. */
static void
entry_section(struct ctx *c, struct cand *e)
{
	size_t	 i;

	for (i = 0; i < c->n; i++) {
		if (c->u[i].type != UN_HEADING ||
		    strcmp(ol_title_norm(c, (long)i), e->norm) != 0)
			continue;
		e->unit = (long)i;
		e->line = c->u[i].line;
		e->from = (long)i + 1;
		e->to = c->u[i].end;
		e->mention = 0;
		return;
	}
}

/* Marks the units of candidate k as inside session s. */
static void
mark(struct ctx *c, const struct cand *k, long s)
{
	long	 i;

	if (k->unit >= 0)
		c->in_session[k->unit] = s;
	for (i = k->from; i < k->to; i++)
		c->in_session[i] = s;
}

/*
 * Returns the groups' roots in the order their sessions are first
 * named, and their number in *n.
 */
static long *
order_groups(struct ctx *c, size_t *n)
{
	long		*order = arena_alloc(c->a, (c->n_cands + 1) *
			    sizeof(long));
	unsigned	*first = arena_alloc(c->a, (c->n_cands + 1) *
			    sizeof(unsigned));
	size_t		 i, j, r;
	long		 g, tl;
	unsigned	 tf;

	*n = 0;
	for (i = 0; i < c->n_cands; i++) {
		g = root(c, (long)i);
		for (r = 0; r < *n && order[r] != g; r++)
			;
		if (r == *n) {
			order[*n] = g;
			first[(*n)++] = c->cands[i].line;
		} else if (c->cands[i].line < first[r])
			first[r] = c->cands[i].line;
	}
	for (r = 1; r < *n; r++)
		for (j = r; j > 0 && first[j - 1] > first[j]; j--) {
			tl = order[j];
			tf = first[j];
			order[j] = order[j - 1];
			first[j] = first[j - 1];
			order[j - 1] = tl;
			first[j - 1] = tf;
		}
	return order;
}

/* Notes a session that two places give different durations. */
static void
conflict(struct ctx *c, const struct ol_session *s, const struct cand *k)
{
	struct buf	 b = BUF_INIT;

	if (!k->minutes.known || !s->minutes.known ||
	    (k->minutes.min == s->minutes.min &&
	    k->minutes.max == s->minutes.max))
		return;
	duration_format(&b, &k->minutes);
	buf_puts(&b, " here, but ");
	duration_format(&b, &s->minutes);
	ol_note(c, k->minutes_line, "session '%s' lasts %s at line %u",
	    s->title, buf_cstr(&b), s->minutes_line);
	buf_free(&b);
}

/*
 * Returns the candidate of group g whose section says the most (a
 * schedule's row says least): its title and heading name the session.
 */
static long
primary(struct ctx *c, long g)
{
	long	 best = g, bw = -1;
	size_t	 j;

	for (j = (size_t)g; j < c->n_cands; j++)
		if (root(c, (long)j) == g && c->cands[j].entry < 0 &&
		    c->cands[j].weight > bw) {
			bw = c->cands[j].weight;
			best = (long)j;
		}
	return best;
}

/* Makes the sessions of the outline from the candidates' groups. */
static void
build(struct ctx *c)
{
	struct outline	*ol = c->ol;
	struct ol_session *s;
	size_t		 j, r, n_roots;
	long		*order = order_groups(c, &n_roots), g, best;
	const struct cand *k;

	for (r = 0; r < n_roots; r++) {
		g = order[r];
		best = primary(c, g);
		k = &c->cands[best];
		s = OL_PUSH(c->a, ol->sessions, ol->n_sessions);
		s->title = k->title;
		if (k->unit >= 0)
			s->heading = c->u[k->unit].text;
		s->line = k->line;
		ol_fill_session(c, s, k);
		mark(c, k, (long)ol->n_sessions - 1);
		for (j = (size_t)g; j < c->n_cands; j++) {
			k = &c->cands[j];
			if ((long)j == best || root(c, (long)j) != g)
				continue;
			conflict(c, s, k);
			ol_fill_session(c, s, k);
			mark(c, k, (long)ol->n_sessions - 1);
		}
	}
}

/*
 * A schedule of session headings whose sessions have no section of
 * their own elsewhere under a timed or numbered heading: a heading of
 * the same title, outside every session, gives the section.
 */
static void
detail_sections(struct ctx *c, size_t n)
{
	size_t	 i, j, h;
	char	*in = arena_zalloc(c->a, c->n + 1);

	for (i = 0; i < n; i++)
		for (h = (size_t)c->cands[i].unit; (long)h < c->cands[i].to;
		    h++)
			in[h] = 1;
	for (i = 0; i < n; i++) {
		int	 content = 0;

		if (c->cands[i].group != (long)i)
			continue;
		for (j = i; j < n; j++)
			if (c->cands[j].group == (long)i &&
			    !c->cands[j].mention)
				content = 1;
		if (content)
			continue;
		for (h = 0; h < c->n; h++) {
			struct cand	*k;

			if (in[h] || c->u[h].type != UN_HEADING ||
			    strcmp(ol_title_norm(c, (long)h),
			    c->cands[i].norm) != 0)
				continue;
			add_heading(c, (long)h);
			if (c->n_cands == 0 || c->cands[c->n_cands - 1].unit !=
			    (long)h)
				break;
			k = &c->cands[c->n_cands - 1];
			k->group = (long)i;
			for (j = h; (long)j < k->to; j++)
				in[j] = 1;
			break;
		}
	}
}

/*
 * Finds the sessions: session headings first, merged when one is named
 * twice; then schedule entries, merged into them or, when there are no
 * session headings, standing for them.
 */
void
ol_find_sessions(struct ctx *c)
{
	int		 kw_timed[KW_BARE + 1] = { 0 }, any_timed = 0;
	size_t		 i, j, n_head;
	long		 k;
	struct unit	*u;

	index_units(c);
	for (i = 0; i < c->n; i++) {
		u = &c->u[i];
		if (u->type == UN_HEADING && u->dur.known &&
		    !is_title_heading(c, (long)i)) {
			kw_timed[u->kw] = 1;
			any_timed = 1;
		}
		if (u->type == UN_LINE && u->depth > 0) {
			struct duration_match	 dm;
			enum kw			 kw;
			const char		*num;

			ol_numbering(ol_skip_marks(u->text), &kw, &num, c->a);
			if (ol_session_kw(kw) && duration_in(u->text,
			    strlen(u->text), &dm))
				kw_timed[kw] = 1;
		}
	}

	for (i = 0; i < c->n;) {
		u = &c->u[i];
		if (u->type != UN_HEADING) {
			i++;
			continue;
		}
		if (ol_is_break(ol_title_norm(c, (long)i))) {
			/* No session, but in the time a guide states. */
			minutes_add(&c->ol->breaks, &u->dur);
			i = (size_t)u->end;
			continue;
		}
		if (((u->dur.known &&
		    !is_container(c, (long)i)) || (!u->dur.known &&
		    ol_session_kw(u->kw) && !(timed_inside(c, (long)i) &&
		    sessions_inside(c, (long)i)) &&
		    (kw_timed[u->kw] || !any_timed)))) {
			add_heading(c, (long)i);
			i = (size_t)u->end;
			continue;
		}
		i++;
	}
	n_head = c->n_cands;
	for (j = 1; j < n_head; j++)
		for (i = 0; i < j; i++)
			if (c->cands[i].group == (long)i &&
			    same_session(&c->cands[i], &c->cands[j])) {
				c->cands[j].group = (long)i;
				break;
			}
	detail_sections(c, n_head);
	n_head = c->n_cands;

	/* Schedule lists and tables outside the sessions found. */
	for (j = 0; j < n_head; j++)
		for (k = c->cands[j].unit; k < c->cands[j].to; k++)
			c->in_session[k] = 0;
	for (i = 0; i < c->n; i++) {
		if (c->in_session[i] >= 0)
			continue;
		if (c->u[i].type == UN_ROW)
			ol_table_entry(c, (long)i);
		else if (c->u[i].type == UN_LINE)
			ol_line_entry(c, (long)i);
	}
	for (j = n_head; j < c->n_cands; j++) {
		struct cand	*e = &c->cands[j];

		if (n_head == 0) {
			entry_section(c, e);
			for (i = n_head; i < j; i++)
				if (c->cands[i].group == (long)i &&
				    same_session(&c->cands[i], e)) {
					e->group = (long)i;
					break;
				}
			continue;
		}
		/* A schedule fills in the sessions it names... */
		e->group = -1;
		for (i = 0; i < n_head && e->group < 0; i++)
			if (same_session(&c->cands[i], e))
				e->group = root(c, (long)i);
	}
	/*
	 * ...and when it names two or more of them, it is the schedule of
	 * the day: what else it lists (but breaks) is a session too.
	 */
	for (j = n_head; n_head > 0 && j < c->n_cands; j++) {
		size_t	 matched = 0;

		if (c->cands[j].group >= 0)
			continue;
		for (i = n_head; i < c->n_cands; i++)
			matched += c->cands[i].list == c->cands[j].list &&
			    c->cands[i].group >= 0 &&
			    c->cands[i].group < (long)n_head;
		if (matched >= 2)
			c->cands[j].group = (long)j;
	}
	/* Unmatched entries beside session headings are dropped. */
	for (j = n_head, k = (long)n_head; j < c->n_cands; j++) {
		if (c->cands[j].group < 0)
			continue;
		c->cands[k] = c->cands[j];
		if (c->cands[k].group == (long)j)
			c->cands[k].group = k;
		k++;
	}
	if (n_head == 0)
		for (j = 0; j < (size_t)k; j++)
			c->cands[j].group = root(c, (long)j);
	c->n_cands = (size_t)k;
	for (i = 0; i < c->n; i++)
		c->in_session[i] = -1;
	build(c);
}
