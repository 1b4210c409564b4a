/* reader.c: opening input files as streams of articles, whatever their
 * format.  The format comes from --format, else from the file name, else
 * from the first bytes; each format is a set of nx_reader_ops in its own
 * reader_*.c.  Messages always name the file, and the line or record. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "newsidx-private.h"

NX_EXPORT void newsidx_article_clear(newsidx_article *a)
{
	newsidx_strlist *lists[5];
	size_t i, k;

	if (!a)
		return;
	free(a->id);
	free(a->title);
	free(a->body);
	free(a->date);
	free(a->source);
	free(a->place);
	free(a->url);
	free(a->path);
	lists[0] = &a->authors;
	lists[1] = &a->topics;
	lists[2] = &a->places;
	lists[3] = &a->people;
	lists[4] = &a->orgs;
	for (k = 0; k < 5; k++) {
		for (i = 0; i < lists[k]->n; i++)
			free(lists[k]->items[i]);
		free(lists[k]->items);
	}
	memset(a, 0, sizeof *a);
}

NX_EXPORT newsidx_status newsidx_strlist_add(newsidx_strlist *list,
					     const char *s)
{
	char **items;
	char *copy;

	/* Capacity is implicit: 4, then doubled whenever n reaches a power
	 * of two. */
	if (list->n == 0 || (list->n >= 4 && (list->n & (list->n - 1)) == 0)) {
		size_t cap = list->n ? list->n * 2 : 4;

		items = realloc(list->items, cap * sizeof *items);
		if (!items)
			return NEWSIDX_NOMEM;
		list->items = items;
	}
	copy = strdup(s);
	if (!copy)
		return NEWSIDX_NOMEM;
	list->items[list->n++] = copy;
	return NEWSIDX_OK;
}

static const struct {
	const char *name;
	newsidx_format format;
} format_names[] = {
	{ "auto", NEWSIDX_FORMAT_AUTO }, { "text", NEWSIDX_FORMAT_TEXT },
	{ "sgml", NEWSIDX_FORMAT_SGML }, { "jsonl", NEWSIDX_FORMAT_JSONL },
	{ "html", NEWSIDX_FORMAT_HTML },
};

NX_EXPORT newsidx_status newsidx_format_from_name(const char *name,
						  newsidx_format *out)
{
	size_t i;

	for (i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
		if (!strcasecmp(name, format_names[i].name)) {
			*out = format_names[i].format;
			return NEWSIDX_OK;
		}
	}
	return NEWSIDX_BAD_ARG;
}

NX_EXPORT const char *newsidx_format_name(newsidx_format format)
{
	size_t i;

	for (i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
		if (format_names[i].format == format)
			return format_names[i].name;
	return "unknown";
}

static int ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && !strncasecmp(s + len - n, suffix, n);
}

newsidx_format nx_format_from_name(const char *path)
{
	static const struct {
		const char *ext;
		newsidx_format format;
	} exts[] = {
		{ ".txt", NEWSIDX_FORMAT_TEXT },
		{ ".text", NEWSIDX_FORMAT_TEXT },
		{ ".sgm", NEWSIDX_FORMAT_SGML },
		{ ".sgml", NEWSIDX_FORMAT_SGML },
		{ ".jsonl", NEWSIDX_FORMAT_JSONL },
		{ ".ndjson", NEWSIDX_FORMAT_JSONL },
		{ ".json", NEWSIDX_FORMAT_JSONL },
		{ ".html", NEWSIDX_FORMAT_HTML },
		{ ".htm", NEWSIDX_FORMAT_HTML },
		{ ".xhtml", NEWSIDX_FORMAT_HTML },
	};
	const char *base = strrchr(path, '/');
	size_t len, i;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (ends_with(base, len, ".gz"))
		len -= 3;
	for (i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (ends_with(base, len, exts[i].ext))
			return exts[i].format;
	return NEWSIDX_FORMAT_AUTO;
}

newsidx_format nx_format_sniff(const unsigned char *p, size_t n)
{
	size_t i = 0;

	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < n &&
	       (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i < n && p[i] == '{')
		return NEWSIDX_FORMAT_JSONL;
	if (i < n && p[i] == '<') {
		const char *s = (const char *)p + i;
		size_t left = n - i;

		if (left >= 8 && !strncasecmp(s, "<REUTERS", 8))
			return NEWSIDX_FORMAT_SGML;
		if (left >= 15 && !strncasecmp(s, "<!DOCTYPE lewis", 15))
			return NEWSIDX_FORMAT_SGML;
		return NEWSIDX_FORMAT_HTML;
	}
	return NEWSIDX_FORMAT_TEXT;
}

static const nx_reader_ops *ops_for(newsidx_format format)
{
	switch (format) {
	case NEWSIDX_FORMAT_SGML:
		return &nx_reader_sgml;
	case NEWSIDX_FORMAT_JSONL:
		return &nx_reader_jsonl;
	case NEWSIDX_FORMAT_HTML:
		return &nx_reader_html;
	case NEWSIDX_FORMAT_TEXT:
	case NEWSIDX_FORMAT_AUTO:
	default:
		return &nx_reader_text;
	}
}

newsidx_status nx_reader_open_input(nx_input *in, newsidx_format format,
				    const char *const *field_map,
				    newsidx_reader **out, char **errmsg)
{
	newsidx_reader *r;
	newsidx_status rc;
	const unsigned char *head;
	size_t n;

	*out = NULL;
	if (errmsg)
		*errmsg = NULL;
	n = nx_input_peek(in, &head, 4096);
	if (format == NEWSIDX_FORMAT_AUTO)
		format = nx_format_from_name(nx_input_name(in));
	if (format == NEWSIDX_FORMAT_AUTO)
		format = nx_format_sniff(head, n);
	r = calloc(1, sizeof *r);
	if (!r) {
		nx_input_close(in);
		return NEWSIDX_NOMEM;
	}
	r->in = in;
	r->ops = ops_for(format);
	r->field_map = field_map;
	r->path = strdup(nx_input_name(in));
	if (!r->path) {
		newsidx_reader_destroy(r);
		return NEWSIDX_NOMEM;
	}
	if (n == 0 && !nx_input_error(in)[0]) {
		if (errmsg)
			*errmsg = nx_asprintf("%s: empty file", r->path);
		newsidx_reader_destroy(r);
		return NEWSIDX_BAD_INPUT;
	}
	if (nx_text_looks_binary(head, n)) {
		if (errmsg)
			*errmsg =
				nx_asprintf("%s: binary file (not %s), skipped",
					    r->path, r->ops->name);
		newsidx_reader_destroy(r);
		return NEWSIDX_BAD_INPUT;
	}
	rc = r->ops->init ? r->ops->init(r) : NEWSIDX_OK;
	if (rc != NEWSIDX_OK) {
		if (errmsg)
			*errmsg = strdup(r->message.data ? r->message.data
							 : "cannot read");
		newsidx_reader_destroy(r);
		return rc;
	}
	*out = r;
	return NEWSIDX_OK;
}

NX_EXPORT newsidx_status newsidx_reader_open(const char *path,
					     newsidx_format format,
					     const char *const *field_map,
					     newsidx_reader **out,
					     char **errmsg)
{
	nx_input *in;
	newsidx_status rc;

	*out = NULL;
	rc = nx_input_open(path, &in, errmsg);
	if (rc != NEWSIDX_OK)
		return rc;
	return nx_reader_open_input(in, format, field_map, out, errmsg);
}

NX_EXPORT newsidx_status newsidx_reader_next(newsidx_reader *r,
					     newsidx_article *a)
{
	newsidx_status rc;

	newsidx_article_clear(a);
	nx_buf_reset(&r->message);
	nx_buf_reset(&r->note);
	rc = r->ops->next(r, a);
	if (rc == NEWSIDX_OK || rc == NEWSIDX_BAD_INPUT)
		r->n_records++;
	if (rc == NEWSIDX_OK && !a->path) {
		a->path = strdup(r->path);
		if (!a->path)
			rc = NEWSIDX_NOMEM;
	}
	if (rc != NEWSIDX_OK)
		newsidx_article_clear(a);
	return rc;
}

NX_EXPORT const char *newsidx_reader_message(const newsidx_reader *r)
{
	return r->message.data ? r->message.data : "";
}

NX_EXPORT const char *newsidx_reader_note(const newsidx_reader *r)
{
	return r->note.data ? r->note.data : "";
}

NX_EXPORT newsidx_format newsidx_reader_format(const newsidx_reader *r)
{
	return r->ops->format;
}

NX_EXPORT void newsidx_reader_destroy(newsidx_reader *r)
{
	if (!r)
		return;
	if (r->ops && r->ops->fini)
		r->ops->fini(r);
	nx_input_close(r->in);
	nx_buf_free(&r->message);
	nx_buf_free(&r->note);
	free(r->path);
	free(r);
}

newsidx_status nx_reader_fail(newsidx_reader *r, newsidx_status status,
			      long line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = nx_vasprintf(fmt, ap);
	va_end(ap);
	nx_buf_reset(&r->message);
	if (line > 0)
		nx_buf_printf(&r->message, "%s:%ld: %s", r->path, line,
			      msg ? msg : "error");
	else
		nx_buf_printf(&r->message, "%s: %s", r->path,
			      msg ? msg : "error");
	free(msg);
	return status;
}

void nx_reader_set_note(newsidx_reader *r, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = nx_vasprintf(fmt, ap);
	va_end(ap);
	if (!msg)
		return;
	if (r->note.len)
		nx_buf_puts(&r->note, "; ");
	nx_buf_puts(&r->note, msg);
	free(msg);
}

newsidx_status nx_reader_clean_field(newsidx_reader *r, char **field,
				     int squeeze)
{
	size_t fixed = 0;
	char *clean;

	if (!*field)
		return NEWSIDX_OK;
	clean = nx_text_clean(*field, strlen(*field), &fixed);
	if (!clean)
		return NEWSIDX_NOMEM;
	free(*field);
	*field = clean;
	if (squeeze)
		nx_text_squeeze(clean);
	if (fixed && !strstr(newsidx_reader_note(r), "invalid UTF-8"))
		nx_reader_set_note(r, "invalid UTF-8, transcoded from "
				      "Windows-1252");
	return NEWSIDX_OK;
}
