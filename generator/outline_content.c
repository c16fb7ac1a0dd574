/*
 * outline_content.c: what a session asks and scores: its questions and
 * their follow-up probes, its rubric, its green and red flags.
 *
 * Questions, rubrics and flags come from one walk over the session's
 * units with a small state: the kind of list that the last heading or
 * intro line ("**Follow-up Probes**:", "Example questions:", "### Green
 * Flags") announced, and the last question, which probes attach to.
 */
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buffer.h"
#include "duration.h"
#include "markdown.h"
#include "outline_int.h"

enum mode { M_NONE, M_OTHER, M_QUESTIONS, M_PROBES, M_RUBRIC, M_GREEN, M_RED };

struct walk {
	struct ctx		*c;
	struct ol_session	*s;
	enum mode	 mode;
	int		 from_heading;	/* the mode came from a heading */
	unsigned	 head_level;	/* ...of this level */
	long		 intro;		/* or from this intro line */
	int		 probes_ask;	/* "Follow-up Questions": may ask */
	long		 last_q;	/* index in s->questions, or -1 */
	long		 last_q_unit;	/* ...and its unit */
	long		 intro_q;	/* what an intro's probes follow */
	int		 after_q;	/* right after a "**Question**:" line */
	int		 pending_q;	/* "**Question 2:**": text is next */
	const char	*pending_text;	/* "### Question 2: Topic": or this */
	long		 pending_unit;
	unsigned	 top;		/* depth of the region's first item */
	size_t		 rub_start;	/* s->n_rubric when the region began */
	struct label	*plain_rub;	/* plain "Name: text" items there */
	unsigned	*plain_line;
	size_t		 n_plain;
	long		*qmap;		/* unit - from: its question, or -1 */
	long		*rmap;		/* unit - from: its rubric item or -1 */
	long		 from;
};

static const char *const probe_w[] = { "follow up", "follow ups",
	"followup", "followups", "probes", "probe", "probing questions",
	"dig deeper", "deeper probes", "follow on", NULL };
static const char *const decision_w[] = { "decision", "decisions",
	"recommendation", "outcome", "verdict", "next steps", NULL };
static const char *const question_w[] = { "questions", "question bank",
	"prompts", "questions to ask", "sample questions", "ask", NULL };
static const char *const not_question_w[] = { "candidate questions",
	"candidates questions", "questions from the candidate",
	"questions from candidate", "questions from candidates", "q and a",
	"qa", "your questions", "questions for us", "their questions",
	"questions they", "reverse", NULL };
static const char *const rubric_w[] = { "rubric", "scoring",
	"evaluation criteria",
	"assessment criteria", "scoring criteria", "grading", "scorecard",
	"evaluation", "competencies", "criteria", "scoring guide",
	"what to evaluate", "what we evaluate", "assessment rubric", NULL };
static const char *const green_w[] = { "green flags", "green flag", "green",
	"positive signals", "positive indicators", "strong signals",
	"signs of strength", "positive signs", "what good looks like",
	"what great looks like", "strong answers include", NULL };
static const char *const red_w[] = { "red flags", "red flag", "red",
	"warning signs", "concerns", "negative signals", "negative indicators",
	"dealbreakers", "deal breakers", "watch outs", "watch out for",
	"pitfalls", "negative signs", "concerning signals", "yellow flags",
	NULL };
static const char *const note_w[] = { "listen for", "look for", "expected",
	"expected answer", "expected answers", "good answer", "strong answer",
	"weak answer", "note", "notes", "tip", "tips", "why", "purpose",
	"hint", "hints", "answer", "ideal answer", "sample answer", "reminder",
	"context", "specific to candidate", "time", "duration", "goal",
	"looking for", "signals", NULL };
static const char *const weak_q_w[] = { "scenario", "challenge", "task",
	"exercise", "problem", "case", "case study", "problem statement",
	"design prompt", "coding prompt", "prompt", "ask", NULL };

/* Returns the kind of list a heading or intro named by n announces. */
static enum mode
classify(const char *n)
{
	if (ol_has_any(n, probe_w))
		return M_PROBES;
	if (ol_has_any(n, green_w))
		return M_GREEN;
	if (ol_has_any(n, red_w))
		return M_RED;
	if (ol_has_any(n, decision_w))
		return M_OTHER;
	if (ol_has_any(n, rubric_w))
		return M_RUBRIC;
	if (ol_has_any(n, question_w) && !ol_has_any(n, not_question_w))
		return M_QUESTIONS;
	return M_NONE;
}

/* Whether label n names a question: "Question", "Primary Question", "Q3". */
static int
is_question_label(const char *n)
{
	size_t	 k = strlen(n);
	const char *q;

	if (ol_has_any(n, probe_w))
		return 0;
	if ((q = strstr(n, "question")) != NULL && (q == n || q[-1] == ' ')) {
		q += 8;
		if (*q == '\0')
			return 1;
		if (*q == ' ' && strchr(q + 1, ' ') == NULL &&
		    strlen(q + 1) <= 3)
			return 1;	/* "question 2", "question a" */
		return 0;
	}
	if (n[0] == 'q' && k >= 1 && k <= 4) {
		size_t	 i = n[1] == ' ' ? 2 : 1;

		for (; i < k; i++)
			if (n[i] < '0' || n[i] > '9')
				return 0;
		return 1;
	}
	return 0;
}

/*
 * Whether a bold line with nothing after it may introduce a list: a few
 * words, not a question of its own ("**Tell me about a time...?**").
 */
static int
short_label(const char *s)
{
	size_t	 n = strlen(s), words = 1;

	if (n > 0 && (s[n - 1] == '?' || s[n - 1] == '.' || ol_quoted(s)))
		return 0;
	for (; *s != '\0'; s++)
		words += *s == ' ';
	return words <= 8;
}

/* Whether a line opens the way interview questions do. */
static int
asks(const char *t)
{
	/* Said to the candidate, not to the interviewer ("Share the doc"). */
	static const char *const verbs[] = { "how ", "what ", "why ", "when ",
	    "where ", "which ", "who ", "tell me", "tell us", "walk me",
	    "walk us", "give me", "give us", "talk me", "talk us",
	    "describe a time", "describe your", "describe how you",
	    "describe when", "describe a situation", "describe a project",
	    "explain how you", "explain your", "share an example",
	    "share a time", "imagine ", "suppose ", "can you ", "could you ",
	    "would you ", "have you ", "do you ", "did you ", NULL };
	const char *const *v;

	t = ol_skip_marks(t);
	for (v = verbs; *v != NULL; v++)
		if (strncasecmp(t, *v, strlen(*v)) == 0)
			return 1;
	return 0;
}

/*
 * Whether an item of a numbered list reads as a prompt: a sentence of
 * four words or more ("1. Explain how a hash map grows.").
 */
static int
prompt(const struct unit *u)
{
	size_t	 n = strlen(u->text), words = 1, i;

	if (!u->ordered || n == 0 || (u->text[n - 1] != '.' &&
	    u->text[n - 1] != '?'))
		return 0;
	for (i = 0; i < n; i++)
		words += u->text[i] == ' ';
	return words >= 4;
}

/* Whether a line reads as a question: quoted, or asking. */
static int
looks_question(const char *t)
{
	size_t	 n = strlen(t);

	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '"' || t[n - 1] == ')'))
		n--;
	return ol_quoted(t) || (n > 0 && t[n - 1] == '?') || (n >= 4 &&
	    memcmp(t + n - 4, "?\xE2\x80\x9D", 4) == 0);
}

/* Returns the question of the item u is in, or -1. */
static long
parent_question(struct walk *w, const struct unit *u)
{
	if (u->parent < w->from || u->parent < 0)
		return -1;
	return w->qmap[u->parent - w->from];
}

/* Adds a question read at unit; it becomes the one probes follow. */
static void
add_question(struct walk *w, long unit, const char *text)
{
	struct ol_question *q;

	if (text == NULL || *text == '\0')
		return;
	q = OL_PUSH(w->c->a, w->s->questions, w->s->n_questions);
	q->text = text;
	q->line = w->c->u[unit].line;
	w->last_q = (long)w->s->n_questions - 1;
	w->last_q_unit = unit;
	if (unit >= w->from)
		w->qmap[unit - w->from] = w->last_q;
}

/* Adds a follow-up probe to question q. */
static void
add_probe(struct walk *w, long q, const char *text)
{
	struct ol_question *qq = &w->s->questions[q];

	if (text == NULL || *text == '\0')
		return;
	*(const char **)OL_PUSH(w->c->a, qq->probes, qq->n_probes) = text;
}

/*
 * Splits "“A?” “B?”" or "Resistance faced? How convinced? Lessons?"
 * into probes (or questions when there is no question to follow up).
 */
static void
add_probes(struct walk *w, long unit, long q, const char *v)
{
	struct arena	*a = w->c->a;
	const char	*p = v, *open, *close;
	int		 n = 0;

	/* Quoted parts, when the text is only those. */
	while ((open = strstr(p, "\xE2\x80\x9C")) != NULL &&
	    (close = strstr(open + 3, "\xE2\x80\x9D")) != NULL) {
		const char *t = ol_trim(a, open + 3,
		    (size_t)(close - open - 3));

		if (q >= 0)
			add_probe(w, q, t);
		else
			add_question(w, unit, t);
		n++;
		p = close + 3;
	}
	if (n > 0)
		return;
	for (p = v; *p != '\0'; p = close) {
		close = strchr(p, '?');
		close = close != NULL ? close + 1 : p + strlen(p);
		if (close - p < 2 && *close == '\0')
			break;
		{
			char *t = ol_unquote(a, ol_trim(a, p,
			    (size_t)(close - p)));

			if (*t == '\0')
				continue;
			if (q >= 0)
				add_probe(w, q, t);
			else
				add_question(w, unit, t);
		}
	}
}

/* Whether an item is a bold heading for the items under it. */
static int
is_category(struct walk *w, long i, const struct label *l)
{
	return l->only_bold && (size_t)(i + 1) < w->c->n &&
	    w->c->u[i + 1].parent == i;
}

/* Adds a green (m is M_GREEN) or red flag. */
static void
add_flag(struct walk *w, enum mode m, const char *t)
{
	if (m == M_GREEN)
		*(const char **)OL_PUSH(w->c->a, w->s->green,
		    w->s->n_green) = t;
	else
		*(const char **)OL_PUSH(w->c->a, w->s->red, w->s->n_red) = t;
}

/* Reads a weight or minimum at the start of a rubric description. */
static const char *
lead_weight(struct arena *a, const char *v, double *weight)
{
	const char	*e, *p = v;
	double		 x;

	if (*p == '(')
		p++;
	x = ol_number(p, &e);
	if (x < 0 || e == p || p != (*v == '(' ? v + 1 : v))
		return v;
	while (*e == ' ')
		e++;
	if (*e != '%')
		return v;
	*weight = x / 100;
	e++;
	if (*v == '(' && *e == ')')
		e++;
	while (*e == ' ' || *e == ':' || *e == '-' || *e == ',')
		e++;
	if (strncmp(e, "\xE2\x80\x93", 3) == 0 ||
	    strncmp(e, "\xE2\x80\x94", 3) == 0)
		e += 3;
	return ol_trim(a, e, strlen(e));
}

/*
 * Adds a rubric item named name ("Service Design (20%)": the weight is
 * taken out of the name) unless it is a score level or already there.
 */
static void
add_rubric(struct walk *w, long unit, const char *name, const char *value)
{
	struct ctx	*c = w->c;
	struct ol_criterion *r;
	double		 weight, min;
	const char	*n;
	size_t		 i;

	name = ol_strip_weight(c->a, name, &weight, &min);
	if (ol_is_level_name(name))
		return;
	{
		enum kw		 kw;
		const char	*num;
		size_t		 k = ol_numbering(name, &kw, &num, c->a);

		if (kw == KW_BARE)
			name += k;	/* "**1. Communication**" */
	}
	if (*name == '\0' || strlen(name) > 80)
		return;
	if (weight < 0 && value != NULL)
		value = lead_weight(c->a, value, &weight);
	n = ol_norm_kept(c, name);
	for (i = 0; i < w->s->n_rubric; i++)
		if (strcmp(ol_norm_kept(c, w->s->rubric[i].name), n) == 0)
			return;
	r = OL_PUSH(c->a, w->s->rubric, w->s->n_rubric);
	r->name = name;
	r->description = value != NULL && *value != '\0' ? value : NULL;
	r->weight = weight;
	r->min_score = min;
	r->line = c->u[unit].line;
	if (w->s->rubric_line == 0)
		w->s->rubric_line = r->line;
	if (unit >= w->from)
		w->rmap[unit - w->from] = (long)w->s->n_rubric - 1;
}

/*
 * Ends a rubric region: plain "Name: text" items count when nothing bold
 * did; items that are all score levels ("Strong", "Weak") are a scale.
 */
static void
close_region(struct walk *w)
{
	static const char *const level_w[] = { "strong", "weak", "adequate",
	    "exceptional", "poor", "excellent", "good", "fair", "meets",
	    "exceeds", "below", "above", "average", "outstanding",
	    "unsatisfactory", "satisfactory", "needs improvement",
	    "does not meet", "meets expectations", "exceeds expectations",
	    "below expectations", "strong hire", "hire", "no hire",
	    "lean hire", "lean no hire", "strong no hire", "insufficient",
	    "developing", "proficient", "expert", "novice", "competent",
	    "acceptable", "unacceptable", "great", "okay", "ok", "bad", NULL };
	size_t	 i, levels = 0;

	if (w->mode == M_RUBRIC && w->s->n_rubric == w->rub_start)
		for (i = 0; i < w->n_plain; i++)
			add_rubric(w, w->intro >= 0 ? w->intro : w->from,
			    w->plain_rub[i].name, w->plain_rub[i].value);
	for (i = w->rub_start; i < w->s->n_rubric; i++)
		levels += ol_is_any(ol_norm_kept(w->c, w->s->rubric[i].name),
		    level_w);
	if (w->mode == M_RUBRIC && levels >= 2 &&
	    levels == w->s->n_rubric - w->rub_start)
		w->s->n_rubric = w->rub_start;
	w->n_plain = 0;
	w->mode = M_NONE;
	w->intro = -1;
	w->top = 0;
}

/* Starts the kind of list m that heading or intro line n announces. */
static void
open_region(struct walk *w, enum mode m, const char *n, long intro)
{
	close_region(w);
	w->mode = m;
	w->intro = intro;
	w->from_heading = intro < 0;
	w->rub_start = w->s->n_rubric;
	w->probes_ask = m == M_PROBES && (ol_has(n, "questions") ||
	    ol_has(n, "question"));
	/*
	 * The question the probes follow up: the last one, or for an intro
	 * inside a list, the item it is under or a sibling just before it.
	 */
	w->intro_q = w->last_q;
	if (intro >= 0 && w->c->u[intro].depth > 0) {
		const struct unit *u = &w->c->u[intro];

		w->intro_q = parent_question(w, u);
		if (w->intro_q < 0 && w->last_q >= 0 &&
		    w->c->u[w->last_q_unit].depth == u->depth &&
		    w->c->u[w->last_q_unit].parent == u->parent)
			w->intro_q = w->last_q;
	}
}

/* A table in a session: a rubric with weights, flags, or questions. */
static long
table(struct walk *w, long h)
{
	static const char *const weight_w[] = { "weight", "weighting", "%",
	    "percentage", NULL };
	static const char *const name_w[] = { "criterion", "criteria",
	    "competency", "category", "area", "dimension", "skill",
	    "attribute", "name", NULL };
	static const char *const desc_w[] = { "description", "what",
	    "evidence", "notes", "look for", "indicators", "definition",
	    "signals", NULL };
	static const char *const min_w[] = { "min", "minimum", "threshold",
	    "bar", NULL };
	static const char *const q_w[] = { "question", "questions", "prompt",
	    NULL };
	struct ctx	*c = w->c;
	struct unit	*head = &c->u[h];
	int		 wc, nc, dc, mc, gc, rc, qc;
	long		 i;

	wc = ol_table_cols(head, weight_w);
	nc = ol_table_cols(head, name_w);
	dc = ol_table_cols(head, desc_w);
	mc = ol_table_cols(head, min_w);
	gc = ol_table_cols(head, green_w);
	rc = ol_table_cols(head, red_w);
	qc = ol_table_cols(head, q_w);
	for (i = h + 1; (size_t)i < c->n && c->u[i].type == UN_ROW &&
	    !c->u[i].header; i++) {
		const struct unit *u = &c->u[i];
		const char *const *cl = u->cells;
		size_t	 k = u->n_cells;

		if (gc >= 0 && (size_t)gc < k && *cl[gc] != '\0')
			add_flag(w, M_GREEN, cl[gc]);
		if (rc >= 0 && (size_t)rc < k && *cl[rc] != '\0')
			add_flag(w, M_RED, cl[rc]);
		if (gc >= 0 || rc >= 0)
			continue;
		if (qc >= 0 && (size_t)qc < k && *cl[qc] != '\0') {
			add_question(w, i, ol_unquote(c->a, cl[qc]));
			continue;
		}
		if (wc >= 0 || w->mode == M_RUBRIC || nc == 0) {
			int	 n = nc >= 0 && nc != wc ? nc : 0;
			const char *desc;
			size_t	 before = w->s->n_rubric;

			if ((size_t)n >= k || *cl[n] == '\0')
				continue;
			desc = dc >= 0 && (size_t)dc < k ? cl[dc] :
			    wc < 0 && k > 1 && n == 0 ? cl[1] : NULL;
			add_rubric(w, i, cl[n], desc);
			if (w->s->n_rubric > before) {
				struct ol_criterion *r = &w->s->rubric[before];

				if (wc >= 0 && (size_t)wc < k)
					r->weight = ol_percent(cl[wc], strchr(
					    head->cells[wc], '%') != NULL);
				if (mc >= 0 && (size_t)mc < k && mc != wc)
					r->min_score = ol_number(cl[mc], NULL);
			}
		}
	}
	return i;
}

/* A "Question 2: Topic" heading with no question under it asks the topic. */
static void
flush_pending(struct walk *w)
{
	if (w->pending_text != NULL && *w->pending_text != '\0')
		add_question(w, w->pending_unit, w->pending_text);
	w->pending_text = NULL;
	w->pending_q = 0;
}

/* Handles a flag or rubric line of a region. Returns 1 when it did. */
static int
region_line(struct walk *w, long i, const struct label *l, int has)
{
	struct ctx	*c = w->c;
	struct unit	*u = &c->u[i];

	if (w->mode == M_GREEN || w->mode == M_RED) {
		if (!u->item && !w->from_heading)
			return 0;
		if (w->top == 0)
			w->top = u->depth;
		if (u->depth == w->top) {
			const char *t = ol_trim(c->a, u->text, strlen(u->text));

			add_flag(w, w->mode, t);
		}
		return 1;
	}
	if (w->mode != M_RUBRIC)
		return 0;
	if (has && l->bold) {
		if (w->top == 0 || u->depth <= w->top) {
			w->top = u->depth;
			add_rubric(w, i, l->name, l->value);
			return 1;
		}
	} else if (has && (w->top == 0 || u->depth <= w->top)) {
		struct label *p = OL_PUSH(c->a, w->plain_rub, w->n_plain);

		*p = *l;
		return 1;
	}
	/* Text under a rubric item describes it. */
	if (u->parent >= w->from && w->rmap[u->parent - w->from] >= 0) {
		struct ol_criterion *r;

		r = &w->s->rubric[w->rmap[u->parent - w->from]];

		r->description = r->description == NULL ? u->text :
		    arena_printf(c->a, "%s; %s", r->description, u->text);
		return 1;
	}
	return 0;
}

/* One line of the walk. */
static void
line(struct walk *w, long i)
{
	struct ctx	*c = w->c;
	struct unit	*u = &c->u[i];
	struct label	 l;
	int		 has = ol_unit_label(c, u, &l);
	const char	*n = has ? ol_label_norm(c, u) : "";
	size_t		 len = strlen(u->text);
	long		 pq = parent_question(w, u);
	enum mode	 m;

	/* A list announced by an intro line ends where the list does. */
	if (w->mode != M_NONE && !w->from_heading && w->intro >= 0) {
		unsigned	 d = c->u[w->intro].depth;

		if (!(u->depth > d || (d == 0 && u->item && u->depth > 0)))
			close_region(w);
	}
	if (u->depth == 0)
		w->after_q = w->after_q && u->item;
	if (w->pending_q) {
		w->pending_q = 0;
		if (!has || !l.bold) {
			add_question(w, i, ol_unquote(c->a, u->text));
			w->pending_text = NULL;
			return;
		}
		flush_pending(w);
	}

	/* An intro: "**Follow-up Probes**:", "Example questions:". */
	if ((has && l.value[0] == '\0' && short_label(l.name) &&
	    !(w->mode == M_RUBRIC && l.bold) &&
	    !((w->mode == M_GREEN || w->mode == M_RED) && u->item)) ||
	    (!has && len > 0 && u->text[len - 1] == ':' && len < 80)) {
		const char *in = has ? n : ol_norm(c->a, u->text);

		if (is_question_label(in)) {
			w->pending_q = 1;
			return;
		}
		m = classify(in);
		if (w->mode == M_QUESTIONS && m == M_NONE && l.only_bold &&
		    u->item)
			return;	/* a category of questions */
		open_region(w, m != M_NONE ? m : M_OTHER, in, i);
		return;
	}
	if (region_line(w, i, &l, has))
		return;

	if (has && l.value[0] != '\0') {
		/* Of classify's answers only the flags' count here. */
		int	 probe = ol_has_any(n, probe_w);

		m = probe ? M_PROBES : ol_has_any(n, green_w) ? M_GREEN :
		    ol_has_any(n, red_w) ? M_RED : M_NONE;
		if ((m == M_GREEN || m == M_RED) && !l.only_bold) {
			/* "**Red flags:** blames others; vague answers" */
			char	*v = arena_strdup(c->a, l.value), *p;
			char	*save = NULL;

			for (p = strtok_r(v, strchr(v, ';') ? ";" : ",", &save);
			    p != NULL; p = strtok_r(NULL, strchr(l.value, ';') ?
			    ";" : ",", &save)) {
				const char *t = ol_trim(c->a, p, strlen(p));

				if (*t != '\0')
					add_flag(w, m, t);
			}
			return;
		}
		if (probe) {
			add_probes(w, i, pq >= 0 ? pq : w->last_q, l.value);
			return;
		}
		if (is_question_label(n)) {
			add_question(w, i, ol_unquote(c->a, l.value));
			w->after_q = 1;
			return;
		}
		if (ol_is_any(n, weak_q_w) && (looks_question(l.value) ||
		    strchr(l.value, ' ') != NULL)) {
			add_question(w, i, ol_unquote(c->a, l.value));
			w->after_q = 1;
			return;
		}
		if (ol_is_any(n, note_w) || !ol_quoted(l.value))
			return;
		/* "**Background**: “Walk me through...”" */
		if (pq >= 0)
			add_probe(w, pq, ol_unquote(c->a, l.value));
		else
			add_question(w, i, ol_unquote(c->a, l.value));
		return;
	}

	if (w->mode == M_PROBES && u->item) {
		long	 q = pq >= 0 ? pq : w->intro_q;

		if (q >= 0)
			add_probe(w, q, ol_unquote(c->a, u->text));
		else if (looks_question(u->text) || w->probes_ask)
			add_question(w, i, ol_unquote(c->a, u->text));
		return;
	}
	if (w->mode == M_QUESTIONS && (u->item || w->from_heading)) {
		if (has && is_category(w, i, &l))
			return;
		if (pq >= 0)
			add_probe(w, pq, ol_unquote(c->a, u->text));
		else if (u->item || looks_question(u->text))
			add_question(w, i, ol_unquote(c->a, u->text));
		return;
	}
	if (ol_quoted(u->text) || (u->text[0] == 'Q' && u->text[1] >= '0' &&
	    u->text[1] <= '9') || (u->item && w->mode == M_NONE &&
	    (looks_question(u->text) || asks(u->text) || prompt(u)))) {
		const char	*t = u->text;

		if (t[0] == 'Q' && t[1] >= '0' && t[1] <= '9') {
			for (t++; *t >= '0' && *t <= '9'; t++)
				;
			while (*t == ':' || *t == '.' || *t == ')' || *t == ' ')
				t++;
		}
		if (pq >= 0)
			add_probe(w, pq, ol_unquote(c->a, t));
		else
			add_question(w, i, ol_unquote(c->a, t));
		return;
	}
	if (w->after_q && u->item && w->mode == M_NONE && w->last_q >= 0) {
		add_probe(w, w->last_q, ol_unquote(c->a, u->text));
		return;
	}
	if (u->item) {
		/* Flag marks: "🚩 Blames others", "🟢 Asks first". */
		const char	*t = ol_skip_marks(u->text);

		if (strncmp(u->rich, "\xF0\x9F\x9A\xA9", 4) == 0 ||
		    strncmp(u->rich, "\xF0\x9F\x94\xB4", 4) == 0)
			add_flag(w, M_RED, ol_trim(c->a, t, strlen(t)));
		else if (strncmp(u->rich, "\xF0\x9F\x9F\xA2", 4) == 0)
			add_flag(w, M_GREEN, ol_trim(c->a, t, strlen(t)));
	}
}

/*
 * A heading of the walk: it may start a kind of list ("### Green
 * Flags"), ask a question ("#### Question 2: Concurrency"), or be a
 * rubric item itself ("#### Depth (30%)" under "### Evaluation").
 * Returns the last unit it used.
 */
static long
heading(struct walk *w, long i)
{
	struct ctx	*c = w->c;
	struct unit	*u = &c->u[i];
	const char	*n = ol_title_norm(c, i), *colon;
	enum mode	 m = classify(n);
	long		 k = i + 1;
	int		 para = k < u->body_end && c->u[k].type == UN_LINE &&
			    c->u[k].depth == 0;

	if (w->mode == M_RUBRIC && w->from_heading &&
	    u->level > w->head_level && m == M_NONE &&
	    strchr(u->title, '%') != NULL) {
		add_rubric(w, i, u->title, para ? c->u[k].text : NULL);
		return para ? k : i;
	}
	if (!w->from_heading || u->level <= w->head_level)
		close_region(w);
	if (w->pending_q)
		flush_pending(w);
	w->last_q = -1;
	w->after_q = 0;
	if (m != M_NONE) {
		open_region(w, m, n, -1);
		w->head_level = u->level;
	} else if (is_question_label(n))
		w->pending_q = 1;
	else if ((colon = strchr(u->text, ':')) != NULL &&
	    is_question_label(ol_norm(c->a, arena_strndup(c->a, u->text,
	    (size_t)(colon - u->text))))) {
		/* The question is the line under it, or else the topic. */
		w->pending_q = 1;
		w->pending_unit = i;
		w->pending_text = ol_unquote(c->a, ol_clean_title(c->a,
		    colon + 1, NULL, NULL, NULL));
	}
	return i;
}

/* Adds the questions, probes, rubric and flags of units [from, to) to s. */
void
ol_walk(struct ctx *c, struct ol_session *s, long from, long to)
{
	struct walk	 w;
	long		 i;

	if (to <= from)
		return;
	memset(&w, 0, sizeof(w));
	w.c = c;
	w.s = s;
	w.intro = -1;
	w.last_q = w.intro_q = w.last_q_unit = -1;
	w.from = from;
	w.rub_start = s->n_rubric;
	w.qmap = arena_alloc(c->a, (size_t)(to - from) * sizeof(long));
	w.rmap = arena_alloc(c->a, (size_t)(to - from) * sizeof(long));
	for (i = 0; i < to - from; i++)
		w.qmap[i] = w.rmap[i] = -1;
	for (i = from; i < to; i++) {
		struct unit	*u = &c->u[i];

		switch (u->type) {
		case UN_HEADING:
			i = heading(&w, i);
			break;
		case UN_ROW:
			if (u->header)
				i = table(&w, i) - 1;
			break;
		case UN_LINE:
			line(&w, i);
			break;
		default:
			break;
		}
	}
	if (w.pending_q)
		flush_pending(&w);
	close_region(&w);
}
