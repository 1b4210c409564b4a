/* reader_text.c: plain-text articles, one per file.
 *
 * The first non-empty line is the headline.  Header lines under it
 * ("Date: 2025-11-09", "Source: Dawn", "Place: Peshawar", "By: ...") are
 * metadata and leave the body.  A dateline (see dateline.c) in the first
 * lines of the body gives source, place and date where no header did.
 * BBC-style files (headline, blank line, body) are the same shape.
 */
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"

/* How many non-empty body lines may come before the dateline. */
#define DATELINE_SEARCH_LINES 6

typedef struct line_span {
	const char *start;
	size_t len;
} line_span;

/* The line at *p (up to "\n"), advancing *p past it. */
static line_span next_line(const char **p)
{
	line_span l;
	const char *nl = strchr(*p, '\n');

	l.start = *p;
	l.len = nl ? (size_t)(nl - *p) : strlen(*p);
	*p = nl ? nl + 1 : *p + l.len;
	while (l.len && (l.start[l.len - 1] == '\r'))
		l.len--;
	return l;
}

static int blank(line_span l)
{
	size_t i;

	for (i = 0; i < l.len; i++)
		if (l.start[i] != ' ' && l.start[i] != '\t')
			return 0;
	return 1;
}

static char *squeezed(const char *s, size_t len)
{
	char *copy = nx_strndup(s, len);

	if (copy)
		nx_text_squeeze(copy);
	return copy;
}

newsidx_status nx_text_parse_article(const char *text, int year_hint,
				     newsidx_article *a)
{
	const char *p = text, *body_start;
	line_span l;
	nx_dateline meta, dl;
	char author[128] = "";
	int n_seen = 0;

	memset(&meta, 0, sizeof meta);
	do {
		if (!*p)
			return NEWSIDX_BAD_INPUT;
		l = next_line(&p);
	} while (blank(l));
	a->title = squeezed(l.start, l.len);
	if (!a->title)
		return NEWSIDX_NOMEM;

	/* Header lines right under the headline, blank lines between. */
	body_start = p;
	while (*p) {
		const char *here = p;
		char *copy;
		int is_header;

		l = next_line(&p);
		if (blank(l)) {
			body_start = p;
			continue;
		}
		copy = nx_strndup(l.start, l.len);
		if (!copy)
			return NEWSIDX_NOMEM;
		is_header =
			nx_dateline_header(copy, &meta, author, sizeof author);
		free(copy);
		if (!is_header) {
			body_start = here;
			break;
		}
		body_start = p;
	}

	/* A dateline opens one of the first lines of the body. */
	p = body_start;
	while (*p && n_seen < DATELINE_SEARCH_LINES) {
		char *copy;
		int found;

		l = next_line(&p);
		if (blank(l))
			continue;
		n_seen++;
		copy = nx_strndup(l.start, l.len < 400 ? l.len : 400);
		if (!copy)
			return NEWSIDX_NOMEM;
		found = nx_dateline_parse(copy, year_hint, &dl);
		free(copy);
		if (found) {
			if (!meta.source[0])
				memcpy(meta.source, dl.source,
				       sizeof meta.source);
			if (!meta.place[0])
				memcpy(meta.place, dl.place, sizeof meta.place);
			if (!meta.date[0])
				memcpy(meta.date, dl.date, sizeof meta.date);
			break;
		}
	}

	a->body = strdup(body_start);
	a->date = strdup(meta.date);
	a->source = strdup(meta.source);
	a->place = strdup(meta.place);
	if (!a->body || !a->date || !a->source || !a->place)
		return NEWSIDX_NOMEM;
	nx_trim(a->body);
	/* One-line fields: a stray "\r" or tab inside a line goes too. */
	nx_text_squeeze(a->source);
	nx_text_squeeze(a->place);
	nx_text_squeeze(author);
	if (author[0] && newsidx_strlist_add(&a->authors, author) != NEWSIDX_OK)
		return NEWSIDX_NOMEM;
	return NEWSIDX_OK;
}

static newsidx_status text_next(newsidx_reader *r, newsidx_article *a)
{
	nx_buf text = { 0 };
	newsidx_status rc;
	size_t fixed = 0;

	if (r->state)
		return NEWSIDX_DONE;
	r->state = r; /* one article per file */
	rc = nx_input_read_all(r->in, &text, NX_MAX_ARTICLE);
	if (rc == NEWSIDX_NOMEM) {
		nx_buf_free(&text);
		return rc;
	}
	if (rc == NEWSIDX_BAD_INPUT) {
		nx_buf_free(&text);
		return nx_reader_fail(r, NEWSIDX_BAD_INPUT, 0,
				      "article larger than %u MiB, skipped",
				      NX_MAX_ARTICLE / (1024u * 1024u));
	}
	if (rc == NEWSIDX_IO) {
		/* A damaged file yields no article: its text is incomplete. */
		nx_buf_free(&text);
		return nx_reader_fail(r, NEWSIDX_IO, 0, "%s",
				      nx_input_error(r->in));
	}
	if (nx_text_looks_binary((const unsigned char *)text.data, text.len)) {
		nx_buf_free(&text);
		return nx_reader_fail(r, NEWSIDX_BAD_INPUT, 0,
				      "binary data, not text");
	}
	if (nx_text_clean_buf(&text, &fixed) != NEWSIDX_OK) {
		nx_buf_free(&text);
		return NEWSIDX_NOMEM;
	}
	if (fixed)
		nx_reader_set_note(r, "invalid UTF-8, transcoded from "
				      "Windows-1252");
	rc = nx_text_parse_article(text.data, 0, a);
	nx_buf_free(&text);
	if (rc == NEWSIDX_BAD_INPUT)
		return nx_reader_fail(r, rc, 0, "no text in file");
	return rc;
}

const nx_reader_ops nx_reader_text = {
	"text", NEWSIDX_FORMAT_TEXT, NULL, text_next, NULL,
};
