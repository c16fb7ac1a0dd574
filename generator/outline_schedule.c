/*
 * outline_schedule.c: schedule lists and tables ("| Session | Duration |
 * Interviewer |", "- Session 2: Design (45 min)") outside the sessions
 * found under headings. Each entry becomes a candidate session, which
 * outline_sessions.c merges into the session it names or keeps as one.
 */
#include <string.h>

#include "arena.h"
#include "duration.h"
#include "outline_int.h"

/* Words that make a list or table a schedule of sessions. */
static const char *const schedule_words[] = { "schedule", "agenda",
	"overview", "timeline", "itinerary", "loop", "structure", "format",
	"plan", "process", "flow", "rounds", "sessions", "stages",
	"interviews", "day", "onsite", "at a glance", "breakdown", "outline",
	NULL };

/* Returns the index of the column whose head names one of w, or -1. */
int
ol_table_cols(const struct unit *head, const char *const *w)
{
	size_t	 i;
	char	 tmp[128];

	for (i = 0; i < head->n_cells; i++) {
		size_t	 k, j = 0;
		const char *s = head->cells[i];

		/* ASCII lower case, punctuation as spaces, as ol_norm does. */
		for (k = 0; s[k] != '\0' && j + 1 < sizeof(tmp); k++) {
			char	 ch = s[k];

			if (ch >= 'A' && ch <= 'Z')
				ch += 32;
			if (!((ch >= 'a' && ch <= 'z') ||
			    (ch >= '0' && ch <= '9') || ch == '%' ||
			    (unsigned char)ch >= 0x80))
				ch = ' ';
			if (ch == ' ' && (j == 0 || tmp[j - 1] == ' '))
				continue;
			tmp[j++] = ch;
		}
		while (j > 0 && tmp[j - 1] == ' ')
			j--;
		tmp[j] = '\0';
		if (ol_has_any(tmp, w))
			return (int)i;
	}
	return -1;
}

/* Returns the head row of the table that row k is in, or -1. */
static long
table_head(struct ctx *c, long k)
{
	for (; k >= 0 && c->u[k].type == UN_ROW; k--)
		if (c->u[k].header)
			return k;
	return -1;
}

/* Whether the text just before unit k names a schedule. */
static int
schedule_context(struct ctx *c, long k)
{
	long	 i = c->intro[k];

	if (i < 0)
		return 0;
	return ol_has_any(ol_norm(c->a, c->u[i].type == UN_HEADING ?
	    c->u[i].title : c->u[i].text), schedule_words);
}

/* Returns the heading that unit k is under, or -1. */
static long
enclosing(struct ctx *c, long k)
{
	return c->u[k].up;
}

/* Returns cell col of row u, or NULL. */
static const char *
cell(const struct unit *u, int col)
{
	if (col < 0 || (size_t)col >= u->n_cells)
		return NULL;
	return u->cells[col];
}

/* Returns cell col of row u trimmed, or NULL when empty or "-". */
static const char *
cell_or_null(struct ctx *c, const struct unit *u, int col)
{
	const char	*s = cell(u, col);

	if (s == NULL)
		return NULL;
	s = ol_trim(c->a, s, strlen(s));
	return *s == '\0' || strcmp(s, "-") == 0 ? NULL : s;
}

/* Returns the first cell of row u with words in it, not column skip. */
static const char *
first_words(struct ctx *c, const struct unit *u, int skip)
{
	size_t	 i;

	for (i = 0; i < u->n_cells; i++)
		if ((int)i != skip && strpbrk(ol_norm(c->a, u->cells[i]),
		    "abcdefghijklmnopqrstuvwxyz") != NULL)
			return u->cells[i];
	return NULL;
}

/* Reads a table row of a schedule as a candidate entry. */
void
ol_table_entry(struct ctx *c, long k)
{
	static const char *const name_w[] = { "session", "round", "interview",
	    "stage", "part", "activity", "module", "block", "segment", "topic",
	    "name", "title", "event", "step", NULL };
	static const char *const dur_w[] = { "duration", "length", "time",
	    "minutes", "mins", "timing", "how long", "slot", NULL };
	static const char *const bare_w[] = { "minutes", "mins", "min", NULL };
	static const char *const who_w[] = { "interviewer", "interviewers",
	    "who", "panel", "panelist", "panelists", "led by", "owner", "host",
	    "with", NULL };
	static const char *const focus_w[] = { "focus", "assesses",
	    "competencies", "purpose", "goal", "objective", "areas",
	    "evaluates", "skills", NULL };
	static const char *const where_w[] = { "location", "room", "where",
	    "venue", "place", NULL };
	struct unit		*u = &c->u[k], *head;
	struct duration_match	 dm;
	struct cand		*e;
	long			 h;
	int			 ncol, dcol;
	const char		*name, *d, *norm;
	enum kw			 kw;
	const char		*num;
	char			*title;

	if (u->header || (h = table_head(c, k)) < 0)
		return;
	head = &c->u[h];
	dcol = ol_table_cols(head, dur_w);
	if ((ncol = ol_table_cols(head, name_w)) < 0)
		ncol = 0;
	if (dcol == ncol)
		return;
	if ((name = cell(u, ncol)) == NULL || *name == '\0')
		return;
	/* "| 1 | Portfolio Review | 60 min |": the name is the words. */
	if (strpbrk(ol_norm(c->a, name), "abcdefghijklmnopqrstuvwxyz") ==
	    NULL)
		name = first_words(c, u, dcol);
	if (name == NULL)
		return;
	d = cell(u, dcol);
	memset(&dm, 0, sizeof(dm));
	/* A bare number is minutes only under a "Minutes" head. */
	if (d != NULL && !duration_in(d, strlen(d), &dm) &&
	    (ol_table_cols(head, bare_w) != dcol ||
	    duration_parse(d, strlen(d), &dm.m) == 0))
		memset(&dm, 0, sizeof(dm));
	title = ol_clean_title(c->a, name, &kw, &num, NULL);
	if (!dm.m.known && !(ol_session_kw(kw) && dcol >= 0))
		return;
	norm = ol_norm(c->a, title);
	if (ol_is_break(norm))
		return;
	if ((e = ol_new_cand(c)) == NULL)
		return;
	e->entry = k;
	e->list = h;
	e->parent = enclosing(c, k);
	e->title = title;
	e->norm = norm;
	e->kw = kw;
	e->number = num;
	e->minutes = dm.m;
	e->minutes_line = e->line = u->line;
	e->interviewer = cell_or_null(c, u, ol_table_cols(head, who_w));
	e->focus = cell_or_null(c, u, ol_table_cols(head, focus_w));
	e->location = cell_or_null(c, u, ol_table_cols(head, where_w));
	e->mention = 1;
}

/*
 * Returns who a schedule line names after its duration: "(45 min) —
 * Dana Whitfield", "45 min, with Omar". NULL when nothing like a name
 * follows.
 */
static const char *
after_duration(struct ctx *c, const char *t, size_t i)
{
	const char	*p = t + i, *v;
	size_t		 n, words = 1;

	while (*p == ')' || *p == ']' || *p == ' ')
		p++;
	if (*p == '-' || *p == '|' || *p == ',' || *p == ':')
		p++;
	else if (strncmp(p, "\xE2\x80\x93", 3) == 0 ||
	    strncmp(p, "\xE2\x80\x94", 3) == 0)
		p += 3;
	else if (strncmp(p, "with ", 5) != 0)
		return NULL;
	while (*p == ' ')
		p++;
	if (strncmp(p, "with ", 5) == 0)
		p += 5;
	v = ol_trim(c->a, p, strlen(p));
	if ((n = strlen(v)) == 0 || n > 60 || strpbrk(v, ".?!:;") != NULL)
		return NULL;
	for (p = v; *p != '\0'; p++)
		words += *p == ' ';
	return words <= 6 ? v : NULL;
}

/* Reads a line of a schedule list ("Session 2: Design (45 min)"). */
void
ol_line_entry(struct ctx *c, long k)
{
	struct unit		*u = &c->u[k];
	struct duration_match	 dm;
	struct cand		*e;
	enum kw			 kw;
	const char		*num, *t = u->text, *norm;
	char			*title;
	size_t			 n = strlen(t);

	if (!duration_in(t, n, &dm))
		return;
	/* The title is what comes before the duration, else after it. */
	if (dm.start > 0) {
		size_t	 end = dm.end;

		while (end < n && (t[end] == ')' || t[end] == ']' ||
		    t[end] == ' '))
			end++;
		title = ol_clean_title(c->a, arena_strndup(c->a, t, end), &kw,
		    &num, NULL);
	}
	else
		title = ol_clean_title(c->a, t, &kw, &num, NULL);
	if (*title == '\0' || strlen(title) > 80)
		return;
	if (!ol_session_kw(kw) && !(u->item && schedule_context(c, k)))
		return;
	norm = ol_norm(c->a, title);
	if (ol_is_break(norm))
		return;
	if ((e = ol_new_cand(c)) == NULL)
		return;
	e->entry = k;
	e->parent = enclosing(c, k);
	e->title = title;
	e->norm = norm;
	e->kw = kw;
	e->number = num;
	e->minutes = dm.m;
	e->minutes_line = e->line = u->line;
	e->mention = 1;
	e->interviewer = after_duration(c, t, dm.end);
	/* Its list: under its item, or after the text before it. */
	e->list = u->parent >= 0 ? u->parent : -2 - c->para[k];
}
