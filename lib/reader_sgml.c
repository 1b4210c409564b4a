/* reader_sgml.c: Reuters-21578 SGML, many stories per file.
 *
 * A file is a <!DOCTYPE lewis ...> line and then records:
 *
 *   <REUTERS TOPICS="YES" ... OLDID="5544" NEWID="1">
 *   <DATE>26-FEB-1987 15:01:01.79</DATE>
 *   <TOPICS><D>cocoa</D></TOPICS>
 *   <PLACES><D>el-salvador</D><D>usa</D></PLACES>
 *   <PEOPLE></PEOPLE> <ORGS></ORGS> <EXCHANGES>...  <UNKNOWN>...
 *   <TEXT>&#2;
 *   <TITLE>BAHIA COCOA REVIEW</TITLE>
 *   <DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers ...
 *    Reuter
 *   &#3;</BODY></TEXT>
 *   </REUTERS>
 *
 * The file is read a line at a time and one record is accumulated (at most
 * NX_MAX_ARTICLE bytes), so memory does not grow with the file.  The
 * record tags are alone on their lines in the real collection; an end tag
 * is also found within a line.  <TEXT TYPE="BRIEF"> stories have only a
 * title (their "Blah blah blah." filler is not text); TYPE="UNPROC"
 * stories are untagged text whose first line serves as the title.
 *
 * Article fields: id "reuters:NEWID", title, body (without the closing
 * "Reuter" sign-off), date from <DATE>, place from the <DATELINE> city,
 * source "Reuters", authors from <AUTHOR> ("By Janie Gabbett, Reuters" ->
 * "Janie Gabbett"), record = the line of the <REUTERS> tag, and the
 * <TOPICS>, <PLACES>, <PEOPLE> and <ORGS> lists.  Character references are
 * decoded; the control references the wire format carries (&#2; &#3;
 * ...) vanish.
 *
 * A record that never ends (the next <REUTERS> tag or the end of the file
 * comes first) or has no NEWID is reported as BAD_INPUT and skipped; the
 * records after it are read as usual.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "newsidx-private.h"

typedef struct span {
	const char *start;
	const char *end;
} span;

typedef struct sgml_state {
	nx_buf line;
	nx_buf rec;    /* the record being accumulated */
	long rec_line; /* line of its <REUTERS> tag */
	long bad_line; /* first line of it that is not valid UTF-8, or 0 */
	int in_rec;
	int too_big; /* the record passed NX_MAX_ARTICLE: not kept */
	int pending; /* line holds a <REUTERS> tag not yet handled */
	int failed;  /* the input failed: every call returns IO */
} sgml_state;

/* First occurrence of needle (ASCII, any case) in [s, end), or NULL. */
static const char *find_ci(const char *s, const char *end, const char *needle)
{
	size_t n = strlen(needle);

	for (; s && s < end && (size_t)(end - s) >= n; s++)
		if (!strncasecmp(s, needle, n))
			return s;
	return NULL;
}

/* Find the element <name ...>content</name> in [s, end).  A missing end
 * tag makes the content run to end.  Returns 1 and fills attrs (between
 * the name and ">") and content, or 0. */
static int find_element(const char *s, const char *end, const char *name,
			span *attrs, span *content)
{
	size_t n = strlen(name);
	const char *p = s, *gt, *close;
	char end_tag[32];

	for (;;) {
		p = p < end ? memchr(p, '<', (size_t)(end - p)) : NULL;
		if (!p)
			return 0;
		if ((size_t)(end - p) > n + 1 && !strncasecmp(p + 1, name, n) &&
		    (p[n + 1] == '>' || p[n + 1] == ' ' || p[n + 1] == '\t' ||
		     p[n + 1] == '\n' || p[n + 1] == '\r'))
			break;
		p++;
	}
	gt = memchr(p, '>', (size_t)(end - p));
	if (!gt)
		return 0;
	snprintf(end_tag, sizeof end_tag, "</%s>", name);
	close = find_ci(gt + 1, end, end_tag);
	if (attrs) {
		attrs->start = p + 1 + n;
		attrs->end = gt;
	}
	content->start = gt + 1;
	content->end = close ? close : end;
	return 1;
}

/* The value of attribute name in attrs (NAME="v", NAME='v' or NAME=v),
 * copied to out; "" when absent. */
static void attr_value(span attrs, const char *name, char *out, size_t size)
{
	const char *p = attrs.start, *v, *stop;
	size_t n = strlen(name), len;

	out[0] = '\0';
	while ((p = find_ci(p, attrs.end, name)) != NULL) {
		int word_start = p == attrs.start || p[-1] == ' ' ||
				 p[-1] == '\t' || p[-1] == '\n';

		v = p + n;
		p++;
		if (!word_start)
			continue;
		while (v < attrs.end && (*v == ' ' || *v == '\t'))
			v++;
		if (v >= attrs.end || *v != '=')
			continue;
		v++;
		while (v < attrs.end && (*v == ' ' || *v == '\t'))
			v++;
		if (v < attrs.end && (*v == '"' || *v == '\'')) {
			stop = memchr(v + 1, *v, (size_t)(attrs.end - v - 1));
			v++;
			if (!stop)
				stop = attrs.end;
		} else {
			stop = v;
			while (stop < attrs.end && *stop != ' ' &&
			       *stop != '\t' && *stop != '\n')
				stop++;
		}
		len = (size_t)(stop - v);
		if (len >= size)
			len = size - 1;
		memcpy(out, v, len);
		out[len] = '\0';
		return;
	}
}

static int numeric(const char *s)
{
	return s[0] && strspn(s, "0123456789") == strlen(s);
}

/* A malloc'ed copy of sp with character references decoded. */
static char *span_text(span sp)
{
	char *s = nx_strndup(sp.start, (size_t)(sp.end - sp.start));

	if (s)
		nx_text_decode_entities(s);
	return s;
}

/* Add each <D>value</D> of the element name in [s, end) to list. */
static newsidx_status add_list(newsidx_reader *r, const char *s,
			       const char *end, const char *name,
			       newsidx_strlist *list)
{
	span content, item;
	const char *p;

	if (!find_element(s, end, name, NULL, &content))
		return NEWSIDX_OK;
	p = content.start;
	while (p < content.end &&
	       find_element(p, content.end, "D", NULL, &item)) {
		char *value = span_text(item);
		newsidx_status rc;

		if (!value)
			return NEWSIDX_NOMEM;
		rc = nx_reader_clean_field(r, &value, 1);
		if (rc == NEWSIDX_OK && value[0])
			rc = newsidx_strlist_add(list, value);
		free(value);
		if (rc != NEWSIDX_OK)
			return rc;
		p = item.end;
	}
	return NEWSIDX_OK;
}

/* The city of a dateline: "SALVADOR, Feb 26 -" -> "SALVADOR",
 * "ROLLING MEADOWS, Ill., March 3 -" -> "ROLLING MEADOWS".  Lines
 * without a comma ("SILVER -") name no place.  In place. */
static void dateline_city(char *dateline)
{
	char *comma = strchr(dateline, ',');
	const char *p;
	int letters = 0;

	if (!comma || comma - dateline > 60) {
		dateline[0] = '\0';
		return;
	}
	*comma = '\0';
	for (p = dateline; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (unsigned char)*p >= 0x80)
			letters++;
	if (!letters)
		dateline[0] = '\0';
	nx_trim(dateline);
}

/* "By Janie Gabbett, Reuters" -> "Janie Gabbett", in place. */
static void author_name(char *s)
{
	size_t len;

	if (!strncasecmp(s, "by ", 3))
		memmove(s, s + 3, strlen(s + 3) + 1);
	len = strlen(s);
	if (len >= 9 && !strcasecmp(s + len - 9, ", Reuters"))
		s[len - 9] = '\0';
	nx_trim(s);
}

/* Drop the "Reuter" sign-off that closes a story, in place. */
static void drop_signoff(char *body)
{
	size_t len = strlen(body);
	char *last;

	if (len < 6 || strcasecmp(body + len - 6, "Reuter"))
		return;
	last = body + len - 6;
	while (last > body && (last[-1] == ' ' || last[-1] == '\t'))
		last--;
	if (last == body || last[-1] == '\n') {
		*last = '\0';
		nx_trim(body);
	}
}

/* Split untagged text into its first non-empty line (the title) and the
 * rest (the body); text is consumed. */
static newsidx_status split_first_line(char *text, newsidx_article *a)
{
	char *p = text, *nl;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	nl = strchr(p, '\n');
	a->title = nx_strndup(p, nl ? (size_t)(nl - p) : strlen(p));
	a->body = strdup(nl ? nl + 1 : "");
	free(text);
	return a->title && a->body ? NEWSIDX_OK : NEWSIDX_NOMEM;
}

static newsidx_status text_fields(newsidx_reader *r, const char *s,
				  const char *end, newsidx_article *a)
{
	span text, attrs, sp;
	char type[16];
	int has_title, has_body;
	newsidx_status rc;

	if (!find_element(s, end, "TEXT", &attrs, &text))
		return NEWSIDX_OK;
	attr_value(attrs, "TYPE", type, sizeof type);
	has_title = find_element(text.start, text.end, "TITLE", NULL, &sp);
	if (has_title && !(a->title = span_text(sp)))
		return NEWSIDX_NOMEM;
	has_body = find_element(text.start, text.end, "BODY", NULL, &sp);
	if (has_body && !(a->body = span_text(sp)))
		return NEWSIDX_NOMEM;
	if (!strcasecmp(type, "UNPROC") || (!has_title && !has_body)) {
		char *raw = span_text(text);

		free(a->title);
		free(a->body);
		a->title = a->body = NULL;
		if (!raw)
			return NEWSIDX_NOMEM;
		rc = split_first_line(raw, a);
		if (rc != NEWSIDX_OK)
			return rc;
	}
	if (find_element(text.start, text.end, "DATELINE", NULL, &sp)) {
		if (!(a->place = span_text(sp)))
			return NEWSIDX_NOMEM;
		rc = nx_reader_clean_field(r, &a->place, 1);
		if (rc != NEWSIDX_OK)
			return rc;
		dateline_city(a->place);
	}
	if (find_element(text.start, text.end, "AUTHOR", NULL, &sp)) {
		char *author = span_text(sp);

		if (!author)
			return NEWSIDX_NOMEM;
		rc = nx_reader_clean_field(r, &author, 1);
		if (rc == NEWSIDX_OK) {
			author_name(author);
			if (author[0])
				rc = newsidx_strlist_add(&a->authors, author);
		}
		free(author);
		if (rc != NEWSIDX_OK)
			return rc;
	}
	return NEWSIDX_OK;
}

/* Turn the accumulated record into *a. */
static newsidx_status parse_record(newsidx_reader *r, sgml_state *st,
				   newsidx_article *a)
{
	const char *s = st->rec.data, *end = s + st->rec.len, *text_at;
	span attrs, sp;
	char newid[32], date[11] = "";
	newsidx_status rc;

	if (!find_element(s, end, "REUTERS", &attrs, &sp))
		return nx_reader_fail(r, NEWSIDX_BAD_INPUT, st->rec_line,
				      "<REUTERS> tag not closed, record "
				      "skipped");
	attr_value(attrs, "NEWID", newid, sizeof newid);
	if (!numeric(newid))
		return nx_reader_fail(r, NEWSIDX_BAD_INPUT, st->rec_line,
				      "record without a numeric NEWID, "
				      "skipped");
	if (st->too_big)
		return nx_reader_fail(r, NEWSIDX_BAD_INPUT, 0,
				      "record NEWID %s (line %ld): larger "
				      "than %u MiB, skipped",
				      newid, st->rec_line,
				      NX_MAX_ARTICLE / (1024u * 1024u));
	if (st->bad_line)
		nx_reader_set_note(r,
				   "record NEWID %s: invalid UTF-8 at line "
				   "%ld, transcoded from Windows-1252",
				   newid, st->bad_line);

	/* The metadata elements come before <TEXT>: search only there, so
	 * that nothing in a story is taken for them. */
	text_at = find_ci(sp.start, end, "<TEXT");
	if (!text_at)
		text_at = end;
	if (find_element(sp.start, text_at, "DATE", NULL, &sp)) {
		char *raw = span_text(sp);

		if (!raw)
			return NEWSIDX_NOMEM;
		nx_date_parse(raw, 0, date);
		free(raw);
	}
	if ((rc = add_list(r, s, text_at, "TOPICS", &a->topics)) ||
	    (rc = add_list(r, s, text_at, "PLACES", &a->places)) ||
	    (rc = add_list(r, s, text_at, "PEOPLE", &a->people)) ||
	    (rc = add_list(r, s, text_at, "ORGS", &a->orgs)) ||
	    (rc = text_fields(r, text_at, end, a)))
		return rc;

	a->id = nx_asprintf("reuters:%s", newid);
	a->date = strdup(date);
	a->source = strdup("Reuters");
	if (!a->title)
		a->title = strdup("");
	if (!a->body)
		a->body = strdup("");
	if (!a->place)
		a->place = strdup("");
	if (!a->id || !a->date || !a->source || !a->title || !a->body ||
	    !a->place)
		return NEWSIDX_NOMEM;
	a->record = st->rec_line;
	if ((rc = nx_reader_clean_field(r, &a->title, 1)) ||
	    (rc = nx_reader_clean_field(r, &a->body, 0)))
		return rc;
	nx_trim(a->body);
	drop_signoff(a->body);
	/* The collection has an empty story (NEWID 12793); it is still one
	 * of the 21,578 and keeps its id, date and categories. */
	if (!a->title[0] && !a->body[0])
		nx_reader_set_note(r, "record NEWID %s: no text", newid);
	return NEWSIDX_OK;
}

/* The record in st->rec has no end tag: report it. */
static newsidx_status unterminated(newsidx_reader *r, sgml_state *st)
{
	const char *s = st->rec.data;
	const char *gt = s ? memchr(s, '>', st->rec.len) : NULL;
	span attrs;
	char newid[32] = "";

	if (gt) {
		attrs.start = s;
		attrs.end = gt;
		attr_value(attrs, "NEWID", newid, sizeof newid);
	}
	if (!numeric(newid))
		return nx_reader_fail(r, NEWSIDX_BAD_INPUT, 0,
				      "record without NEWID (line %ld): no "
				      "</REUTERS> end tag",
				      st->rec_line);
	return nx_reader_fail(r, NEWSIDX_BAD_INPUT, 0,
			      "record NEWID %s (line %ld): no </REUTERS> end "
			      "tag",
			      newid, st->rec_line);
}

/* Whether line opens a record: "<REUTERS" then space or ">". */
static int opens_record(const nx_buf *line)
{
	const char *p = line->data;

	while (*p == ' ' || *p == '\t')
		p++;
	return !strncasecmp(p, "<REUTERS", 8) &&
	       (p[8] == ' ' || p[8] == '\t' || p[8] == '>' || p[8] == '\0');
}

/* Add line (or its first len bytes) and a newline to the record. */
static newsidx_status keep_line(sgml_state *st, size_t len)
{
	if (st->too_big)
		return NEWSIDX_OK;
	if (st->rec.len + len + 1 > NX_MAX_ARTICLE) {
		st->too_big = 1;
		/* Keep the <REUTERS> line for the NEWID; drop the rest. */
		return NEWSIDX_OK;
	}
	if (nx_buf_append(&st->rec, st->line.data, len) != NEWSIDX_OK ||
	    nx_buf_putc(&st->rec, '\n') != NEWSIDX_OK)
		return NEWSIDX_NOMEM;
	return NEWSIDX_OK;
}

static newsidx_status sgml_init(newsidx_reader *r)
{
	sgml_state *st = calloc(1, sizeof *st);

	if (!st)
		return NEWSIDX_NOMEM;
	r->state = st;
	return NEWSIDX_OK;
}

static newsidx_status sgml_next(newsidx_reader *r, newsidx_article *a)
{
	sgml_state *st = r->state;
	newsidx_status rc;

	if (st->failed)
		return nx_reader_fail(r, NEWSIDX_IO, 0, "%s",
				      nx_input_error(r->in));
	for (;;) {
		const char *end_tag;

		if (!st->pending) {
			rc = nx_input_getline(r->in, &st->line, NX_MAX_ARTICLE);
			if (rc == NEWSIDX_DONE) {
				if (!st->in_rec)
					return NEWSIDX_DONE;
				st->in_rec = 0;
				return unterminated(r, st);
			}
			if (rc == NEWSIDX_IO) {
				/* The record cut off here is incomplete. */
				st->failed = 1;
				return nx_reader_fail(
					r, NEWSIDX_IO, nx_input_line(r->in),
					"%s", nx_input_error(r->in));
			}
			if (rc == NEWSIDX_BAD_INPUT) {
				if (st->in_rec)
					st->too_big = 1;
				continue;
			}
			if (rc != NEWSIDX_OK)
				return rc;
		}
		st->pending = 0;
		if (opens_record(&st->line)) {
			if (st->in_rec) {
				/* Handle this line again on the next call. */
				st->pending = 1;
				st->in_rec = 0;
				return unterminated(r, st);
			}
			st->in_rec = 1;
			st->too_big = 0;
			st->bad_line = 0;
			st->rec_line = nx_input_line(r->in);
			nx_buf_reset(&st->rec);
			if (nx_buf_reserve(&st->rec, 0) != NEWSIDX_OK)
				return NEWSIDX_NOMEM;
		}
		if (!st->in_rec)
			continue;
		if (!st->bad_line &&
		    !nx_text_valid_utf8(st->line.data, st->line.len))
			st->bad_line = nx_input_line(r->in);
		end_tag = find_ci(st->line.data, st->line.data + st->line.len,
				  "</REUTERS>");
		rc = keep_line(st, end_tag ? (size_t)(end_tag - st->line.data)
					   : st->line.len);
		if (rc != NEWSIDX_OK)
			return rc;
		if (end_tag) {
			st->in_rec = 0;
			return parse_record(r, st, a);
		}
	}
}

static void sgml_fini(newsidx_reader *r)
{
	sgml_state *st = r->state;

	if (!st)
		return;
	nx_buf_free(&st->line);
	nx_buf_free(&st->rec);
	free(st);
	r->state = NULL;
}

const nx_reader_ops nx_reader_sgml = {
	"sgml", NEWSIDX_FORMAT_SGML, sgml_init, sgml_next, sgml_fini,
};
