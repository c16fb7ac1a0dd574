/*
 * config.c: site.yaml.
 */
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "candidate.h"
#include "config.h"
#include "diag.h"
#include "files.h"
#include "tz.h"
#include "value.h"
#include "yaml_load.h"

enum kind { K_STRING, K_SIZE, K_COUNT };

struct key {
	const char	*name;
	enum kind	 kind;
	size_t		 off;
};

#define S(f)	offsetof(struct config, f)

static const struct key keys[] = {
	{ "title",		K_STRING,	S(title) },
	{ "base_url",		K_STRING,	S(base_url) },
	{ "theme",		K_STRING,	S(theme) },
	{ "language",		K_STRING,	S(language) },
	{ "timezone",		K_STRING,	S(timezone) },
	{ "organisation",	K_STRING,	S(organisation) },
	{ "organization",	K_STRING,	S(organisation) },
	{ "visibility",		K_STRING,	S(visibility) },
	{ "output",		K_STRING,	S(output) },
	{ "max_file_size",	K_SIZE,		S(max_file_size) },
	{ "max_files",		K_COUNT,	S(max_files) },
};

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->title = "Interview handbook";
	c->base_url = "";
	c->theme = "default";
	c->language = "en";
	c->timezone = "UTC";
	c->organisation = "";
	c->visibility = "internal";
	c->output = "public";
	c->max_file_size = FILE_MAX_SIZE;
	c->max_files = 100000;
}

/*
 * Returns whether the output setting stays inside the site: a relative
 * path with no ".." part (the site itself or its own folders are refused
 * later, by the build, as -o's are).
 */
static int
output_ok(const char *out)
{
	const char	*p;
	size_t		 k;

	if (out[0] == '/')
		return 0;
	for (p = out; ; p += k + 1) {
		k = strcspn(p, "/");
		if (k == 2 && p[0] == '.' && p[1] == '.')
			return 0;
		if (p[k] == '\0')
			break;
	}
	for (p = out; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\')
			return 0;
	return 1;
}

static int
set_key(const struct key *k, const struct value *v, struct config *c)
{
	char	*base = (char *)c + k->off;

	if (k->kind == K_STRING) {
		if (v->type != VALUE_STRING) {
			diag_error(v->file, v->line, v->col, "'%s' must be a "
			    "string, not %s", k->name, value_type_name(v->type));
			return -1;
		}
		*(const char **)(void *)base = v->u.str.ptr;
		return 0;
	}
	if (v->type != VALUE_INT || v->u.integer < 1) {
		diag_error(v->file, v->line, v->col, "'%s' must be a positive "
		    "integer", k->name);
		return -1;
	}
	*(size_t *)(void *)base = (size_t)v->u.integer;
	return 0;
}

/*
 * Reads site.yaml at path over the defaults already in c; a missing file
 * is fine. Unknown keys are warnings. Returns 0, or -1 after errors.
 */
int
config_load(struct arena *a, const char *path, struct config *c)
{
	struct value	*root;
	struct value_pair *p;
	size_t		 i, j;
	int		 rc = 0;

	if (!is_file(path))
		return 0;
	if ((root = yaml_load_file(a, path, FILE_MAX_SIZE)) == NULL)
		return -1;
	if (root->type == VALUE_NULL)
		return 0;
	if (root->type != VALUE_MAP) {
		diag_error(path, root->line, root->col, "site.yaml must be a map "
		    "of settings, not %s", value_type_name(root->type));
		return -1;
	}
	c->raw = root;
	for (i = 0; i < root->u.map.len; i++) {
		p = &root->u.map.pairs[i];
		for (j = 0; j < sizeof(keys) / sizeof(keys[0]); j++)
			if (strcmp(keys[j].name, p->key->u.str.ptr) == 0)
				break;
		if (j == sizeof(keys) / sizeof(keys[0])) {
			diag_warning(path, p->key->line, p->key->col,
			    "unknown key '%s' in site.yaml (known: title, "
			    "base_url, theme, language, timezone, organisation, "
			    "visibility, output, max_file_size, max_files)",
			    p->key->u.str.ptr);
			continue;
		}
		if (set_key(&keys[j], p->val, c) == -1)
			rc = -1;
	}
	if (*c->base_url != '\0' && (!url_scheme_ok(c->base_url) ||
	    strncasecmp(c->base_url, "mailto:", 7) == 0)) {
		p = value_map_find(root, "base_url", 8);
		diag_error(path, p->val->line, p->val->col, "base_url '%s' must "
		    "be an absolute http or https URL", c->base_url);
		rc = -1;
	}
	if (!tz_valid(c->timezone)) {
		p = value_map_find(root, "timezone", 8);
		diag_error(path, p->val->line, p->val->col, "unknown time zone "
		    "'%s' (an IANA name such as Europe/London)", c->timezone);
		rc = -1;
	}
	if (!output_ok(c->output)) {
		/* A shared repository must not point kitgen elsewhere. */
		p = value_map_find(root, "output", 6);
		diag_error(path, p->val->line, p->val->col, "output '%s' must be "
		    "a folder inside the site: a relative path without '..' "
		    "(use -o to build elsewhere)", c->output);
		rc = -1;
	}
	if (strcmp(c->visibility, "public") != 0 &&
	    strcmp(c->visibility, "internal") != 0) {
		p = value_map_find(root, "visibility", 10);
		diag_error(path, p ? p->val->line : 1, p ? p->val->col : 1,
		    "visibility must be 'public' or 'internal', not '%s'",
		    c->visibility);
		rc = -1;
	}
	return rc;
}
