/* reader_jsonl.c: JSON Lines, one article object per line.
 *
 * Each non-blank line is parsed with json-c's tokener and must be an
 * object.  Article fields come from the first of these keys that holds a
 * usable value (news crawlers and datasets disagree on names):
 *
 *   id      id, url, guid                  string or number
 *   title   title, headline                string
 *   body    body, text, content, article, maintext
 *   date    date, published, publish_date, date_publish, datePublished
 *           (a date string nx_date_parse() knows, or epoch seconds or
 *           milliseconds as a number or string)
 *   source  source, source_domain, site, outlet  (string or {"name": ..})
 *   author  author, authors     (string, {"name": ..}, or a list of them)
 *   place   place, location     (string or {"name": ..})
 *   topics  topics, tags, keywords, category
 *           (a list, or a string of comma-separated topics)
 *   url     url
 *
 * A field map entry "field=key" (--field) tries key first for that field.
 * Other keys and nested values are ignored.  A bad line (invalid JSON, not
 * an object, no title and no body, longer than NX_MAX_ARTICLE) is reported
 * as BAD_INPUT with its line number and the next call goes on with the next
 * line.  The record number of an article is its line number.
 */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"

enum field {
	F_ID,
	F_TITLE,
	F_BODY,
	F_DATE,
	F_SOURCE,
	F_AUTHOR,
	F_PLACE,
	F_TOPICS,
	F_URL,
	N_FIELDS
};

static const char *const field_names[N_FIELDS] = {
	"id",	  "title", "body",   "date", "source",
	"author", "place", "topics", "url",
};

/* The default keys of each field, in order of preference. */
static const char *const default_keys[N_FIELDS][6] = {
	[F_ID] = { "id", "url", "guid", NULL },
	[F_TITLE] = { "title", "headline", NULL },
	[F_BODY] = { "body", "text", "content", "article", "maintext", NULL },
	[F_DATE] = { "date", "published", "publish_date", "date_publish",
		     "datePublished", NULL },
	[F_SOURCE] = { "source", "source_domain", "site", "outlet", NULL },
	[F_AUTHOR] = { "author", "authors", NULL },
	[F_PLACE] = { "place", "location", NULL },
	[F_TOPICS] = { "topics", "tags", "keywords", "category", NULL },
	[F_URL] = { "url", NULL },
};

typedef struct jsonl_state {
	nx_buf line;
	json_tokener *tok;
	const char *mapped[N_FIELDS]; /* the --field key, or NULL */
	long line_no;
} jsonl_state;

static int has_text(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 1;
	return 0;
}

/* Whether v is a value field can use. */
static int usable(enum field field, struct json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_string:
		return has_text(json_object_get_string(v));
	case json_type_int:
	case json_type_double:
		return field == F_ID || field == F_DATE;
	case json_type_object:
		return (field == F_SOURCE || field == F_AUTHOR ||
			field == F_PLACE) &&
		       json_object_object_get_ex(v, "name", NULL);
	case json_type_array:
		return (field == F_AUTHOR || field == F_TOPICS) &&
		       json_object_array_length(v) > 0;
	case json_type_null:
	case json_type_boolean:
	default:
		return 0;
	}
}

/* The value of field in obj: the mapped key first, then the defaults. */
static struct json_object *lookup(const jsonl_state *st,
				  struct json_object *obj, enum field field,
				  const char **key)
{
	struct json_object *v;
	int i;

	if (st->mapped[field] &&
	    json_object_object_get_ex(obj, st->mapped[field], &v) &&
	    usable(field, v)) {
		*key = st->mapped[field];
		return v;
	}
	for (i = 0; default_keys[field][i]; i++) {
		if (json_object_object_get_ex(obj, default_keys[field][i],
					      &v) &&
		    usable(field, v)) {
			*key = default_keys[field][i];
			return v;
		}
	}
	*key = NULL;
	return NULL;
}

/* A malloc'ed copy of a string or number value (NUL characters, which
 * JSON can escape, become spaces); NULL for other types or on OOM. */
static char *value_text(struct json_object *v)
{
	const char *s;
	size_t len, i;
	char *copy;

	switch (json_object_get_type(v)) {
	case json_type_string:
		s = json_object_get_string(v);
		len = (size_t)json_object_get_string_len(v);
		break;
	case json_type_int:
	case json_type_double:
		s = json_object_get_string(v);
		len = strlen(s);
		break;
	default:
		return NULL;
	}
	copy = nx_strndup(s, len);
	if (copy)
		for (i = 0; i < len; i++)
			if (!copy[i])
				copy[i] = ' ';
	return copy;
}

/* The text of a string, or of the "name" of an object. */
static char *name_text(struct json_object *v)
{
	struct json_object *name;

	if (json_object_is_type(v, json_type_object))
		return json_object_object_get_ex(v, "name", &name)
			       ? value_text(name)
			       : NULL;
	return value_text(v);
}

/* Clean s (taken over) and add it to list unless empty or already there. */
static newsidx_status add_clean(newsidx_reader *r, newsidx_strlist *list,
				char *s)
{
	newsidx_status rc;
	size_t i;

	if (!s)
		return NEWSIDX_OK;
	rc = nx_reader_clean_field(r, &s, 1);
	if (rc == NEWSIDX_OK && s[0]) {
		for (i = 0; i < list->n && strcmp(list->items[i], s); i++)
			;
		if (i == list->n)
			rc = newsidx_strlist_add(list, s);
	}
	free(s);
	return rc;
}

/* Add "a, b, c" to list as three items. */
static newsidx_status add_split(newsidx_reader *r, newsidx_strlist *list,
				const char *s)
{
	while (*s) {
		size_t len = strcspn(s, ",");
		char *item = nx_strndup(s, len);
		newsidx_status rc;

		if (!item)
			return NEWSIDX_NOMEM;
		rc = add_clean(r, list, item);
		if (rc != NEWSIDX_OK)
			return rc;
		s += len;
		if (*s == ',')
			s++;
	}
	return NEWSIDX_OK;
}

/* Authors: a name, an object with a name, or a list of them.  Topics: a
 * comma-separated string or a list. */
static newsidx_status add_values(newsidx_reader *r, enum field field,
				 struct json_object *v, newsidx_strlist *list)
{
	newsidx_status rc = NEWSIDX_OK;
	size_t i, n;

	if (!v)
		return NEWSIDX_OK;
	if (!json_object_is_type(v, json_type_array)) {
		char *s = name_text(v);

		if (!s)
			return NEWSIDX_OK;
		if (field == F_TOPICS) {
			rc = add_split(r, list, s);
			free(s);
			return rc;
		}
		return add_clean(r, list, s);
	}
	n = json_object_array_length(v);
	for (i = 0; i < n && rc == NEWSIDX_OK; i++) {
		struct json_object *item = json_object_array_get_idx(v, i);

		if (json_object_is_type(item, json_type_string) ||
		    json_object_is_type(item, json_type_object))
			rc = add_clean(r, list, name_text(item));
	}
	return rc;
}

/* A string field: copied, cleaned (squeezed when squeeze), "" if absent. */
static newsidx_status string_field(newsidx_reader *r, const jsonl_state *st,
				   struct json_object *obj, enum field field,
				   int squeeze, char **out)
{
	const char *key;
	struct json_object *v = lookup(st, obj, field, &key);

	*out = v ? name_text(v) : strdup("");
	if (!*out)
		*out = strdup("");
	if (!*out)
		return NEWSIDX_NOMEM;
	if (nx_reader_clean_field(r, out, squeeze) != NEWSIDX_OK)
		return NEWSIDX_NOMEM;
	nx_trim(*out);
	return NEWSIDX_OK;
}

static newsidx_status date_field(newsidx_reader *r, const jsonl_state *st,
				 struct json_object *obj, newsidx_article *a)
{
	const char *key;
	struct json_object *v = lookup(st, obj, F_DATE, &key);
	char iso[11] = "";
	char *text;

	if (v && json_object_is_type(v, json_type_double)) {
		/* Epoch seconds with a fraction: whole seconds suffice. */
		double t = json_object_get_double(v);

		text = t >= 0 && t < 1e15 ? nx_asprintf("%lld", (long long)t)
					  : strdup("");
	} else {
		text = v ? value_text(v) : strdup("");
	}
	if (!text || nx_reader_clean_field(r, &text, 1) != NEWSIDX_OK) {
		free(text);
		return NEWSIDX_NOMEM;
	}
	if (text[0] && !nx_date_parse(text, 1, iso)) {
		size_t len = strlen(text);

		/* Quote at most 40 bytes, cut at a character boundary. */
		if (len > 40) {
			len = 40;
			while (len && ((unsigned char)text[len] & 0xC0) == 0x80)
				len--;
		}
		nx_reader_set_note(r,
				   "line %ld: %s \"%.*s\" is not a date "
				   "newsidx knows, left empty",
				   st->line_no, key, (int)len, text);
	}
	free(text);
	a->date = strdup(iso);
	return a->date ? NEWSIDX_OK : NEWSIDX_NOMEM;
}

static newsidx_status fill_article(newsidx_reader *r, jsonl_state *st,
				   struct json_object *obj, newsidx_article *a)
{
	const char *key;
	struct json_object *v;
	newsidx_status rc;

	v = lookup(st, obj, F_ID, &key);
	if (v) {
		a->id = value_text(v);
		if (!a->id || nx_reader_clean_field(r, &a->id, 1))
			return NEWSIDX_NOMEM;
		if (!strcmp(key, "url") && !(a->url = strdup(a->id)))
			return NEWSIDX_NOMEM;
	}
	if (!a->url && (v = lookup(st, obj, F_URL, &key)) != NULL) {
		a->url = value_text(v);
		if (!a->url || nx_reader_clean_field(r, &a->url, 1))
			return NEWSIDX_NOMEM;
	}
	if ((rc = string_field(r, st, obj, F_TITLE, 1, &a->title)) ||
	    (rc = string_field(r, st, obj, F_BODY, 0, &a->body)) ||
	    (rc = string_field(r, st, obj, F_SOURCE, 1, &a->source)) ||
	    (rc = string_field(r, st, obj, F_PLACE, 1, &a->place)) ||
	    (rc = date_field(r, st, obj, a)) ||
	    (rc = add_values(r, F_AUTHOR, lookup(st, obj, F_AUTHOR, &key),
			     &a->authors)) ||
	    (rc = add_values(r, F_TOPICS, lookup(st, obj, F_TOPICS, &key),
			     &a->topics)))
		return rc;
	a->record = st->line_no;
	if (!a->title[0] && !a->body[0])
		return nx_reader_fail(r, NEWSIDX_BAD_INPUT, st->line_no,
				      "no title or body");
	return NEWSIDX_OK;
}

/* Parse the line in st->line; *obj gets the value or NULL with the
 * reader's message set. */
static newsidx_status parse_line(newsidx_reader *r, jsonl_state *st,
				 const char *text, size_t len,
				 struct json_object **obj)
{
	enum json_tokener_error err;
	size_t end;

	json_tokener_reset(st->tok);
	*obj = json_tokener_parse_ex(st->tok, text, (int)len);
	err = json_tokener_get_error(st->tok);
	end = json_tokener_get_parse_end(st->tok);
	if (err == json_tokener_continue) {
		/* A bare number may go on: the end of the line ends it. */
		*obj = json_tokener_parse_ex(st->tok, "", 1);
		err = json_tokener_get_error(st->tok);
		end = len;
	}
	if (err == json_tokener_success) {
		while (end < len && (text[end] == ' ' || text[end] == '\t' ||
				     text[end] == '\r'))
			end++;
		if (end < len) {
			json_object_put(*obj);
			*obj = NULL;
			err = json_tokener_error_parse_unexpected;
		}
	} else {
		json_object_put(*obj);
		*obj = NULL;
	}
	if (!*obj)
		return nx_reader_fail(
			r, NEWSIDX_BAD_INPUT, st->line_no, "invalid JSON (%s)",
			json_tokener_error_desc(
				err == json_tokener_success
					? json_tokener_error_parse_eof
					: err));
	return NEWSIDX_OK;
}

static newsidx_status jsonl_next(newsidx_reader *r, newsidx_article *a)
{
	jsonl_state *st = r->state;

	for (;;) {
		newsidx_status rc =
			nx_input_getline(r->in, &st->line, NX_MAX_ARTICLE);
		struct json_object *obj;
		const char *text;
		size_t len;

		st->line_no = nx_input_line(r->in);
		if (rc == NEWSIDX_DONE || rc == NEWSIDX_NOMEM)
			return rc;
		if (rc == NEWSIDX_IO)
			return nx_reader_fail(r, NEWSIDX_IO, st->line_no, "%s",
					      nx_input_error(r->in));
		if (rc == NEWSIDX_BAD_INPUT)
			return nx_reader_fail(r, NEWSIDX_BAD_INPUT, st->line_no,
					      "line longer than %u MiB, "
					      "skipped",
					      NX_MAX_ARTICLE / (1024u * 1024u));
		text = st->line.data;
		len = st->line.len;
		if (st->line_no == 1 && len >= 3 &&
		    !memcmp(text, "\xEF\xBB\xBF", 3)) {
			text += 3;
			len -= 3;
		}
		if (strspn(text, " \t\r") == len)
			continue;
		if (!nx_text_valid_utf8(text, len))
			nx_reader_set_note(r,
					   "line %ld: invalid UTF-8, "
					   "transcoded from Windows-1252",
					   st->line_no);
		rc = parse_line(r, st, text, len, &obj);
		if (rc != NEWSIDX_OK)
			return rc;
		if (!json_object_is_type(obj, json_type_object)) {
			rc = nx_reader_fail(
				r, NEWSIDX_BAD_INPUT, st->line_no,
				"not a JSON object (%s)",
				json_type_to_name(json_object_get_type(obj)));
			json_object_put(obj);
			return rc;
		}
		rc = fill_article(r, st, obj, a);
		json_object_put(obj);
		return rc;
	}
}

static newsidx_status jsonl_init(newsidx_reader *r)
{
	jsonl_state *st = calloc(1, sizeof *st);
	size_t i;
	int f;

	if (!st)
		return NEWSIDX_NOMEM;
	r->state = st;
	st->tok = json_tokener_new();
	if (!st->tok)
		return NEWSIDX_NOMEM;
	for (i = 0; r->field_map && r->field_map[i]; i++) {
		const char *entry = r->field_map[i];
		const char *eq = strchr(entry, '=');

		if (!eq || eq == entry || !eq[1])
			return nx_reader_fail(r, NEWSIDX_BAD_ARG, 0,
					      "field map \"%s\": not "
					      "field=key",
					      entry);
		for (f = 0; f < N_FIELDS; f++)
			if (strlen(field_names[f]) == (size_t)(eq - entry) &&
			    !strncmp(entry, field_names[f],
				     (size_t)(eq - entry)))
				break;
		if (f == N_FIELDS)
			return nx_reader_fail(
				r, NEWSIDX_BAD_ARG, 0,
				"field map \"%s\": no field "
				"\"%.*s\" (id, title, body, date, "
				"source, author, place, topics, "
				"url)",
				entry, (int)(eq - entry), entry);
		st->mapped[f] = eq + 1;
	}
	return NEWSIDX_OK;
}

static void jsonl_fini(newsidx_reader *r)
{
	jsonl_state *st = r->state;

	if (!st)
		return;
	if (st->tok)
		json_tokener_free(st->tok);
	nx_buf_free(&st->line);
	free(st);
	r->state = NULL;
}

const nx_reader_ops nx_reader_jsonl = {
	"jsonl", NEWSIDX_FORMAT_JSONL, jsonl_init, jsonl_next, jsonl_fini,
};
