/* reader_html.c: one news article page per file, parsed with libxml2's
 * forgiving HTML parser.
 *
 * Where each field comes from, first found wins:
 *   title   <meta property="og:title">, the first <h1> (one outside page
 *           chrome preferred), <title>
 *   date    <meta property="article:published_time">, <time datetime>,
 *           JSON-LD datePublished
 *   source  <meta property="og:site_name">, JSON-LD publisher.name
 *   url, id <link rel="canonical">, <meta property="og:url">
 *   authors <meta name="author">, <meta property="article:author"> (not
 *           profile URLs); else JSON-LD author
 *   topics  <meta property="article:tag">, <meta name="keywords"> and
 *           news_keywords (comma-separated)
 *   body    the text of the longest top-level <article>; else the <p>
 *           elements of <main>, else of <body>; else all the text of
 *           <main> or <body>.  Never script, style, noscript, nav,
 *           header, footer, aside, form, iframe, svg, template or
 *           comments.  Blocks (p, headings, li, br, div, ...) end lines;
 *           white space within them is squeezed.
 * JSON-LD is <script type="application/ld+json">, parsed with json-c; the
 * article is the first object (top level, in an array or in @graph) with
 * datePublished, else the first with an author or publisher.
 *
 * Encoding: bytes that are valid UTF-8 are UTF-8.  Otherwise a declared
 * <meta charset> (or http-equiv Content-Type) is used, Latin-1 meaning
 * Windows-1252 as browsers take it; with none, or a false claim of UTF-8,
 * the bytes are transcoded as Windows-1252 and the article gets a note.
 * libxml2 needs the whole page: it is read into memory, at most
 * NX_MAX_ARTICLE bytes.
 */
#include <json-c/json.h>
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "newsidx-private.h"

typedef struct page {
	newsidx_reader *r;
	newsidx_status rc; /* sticky: NOMEM stops everything */
	char *og_title, *h1_clean, *h1_any, *title_tag;
	char *pub_time, *time_dt, *site_name, *canonical, *og_url;
	newsidx_strlist authors, topics;
	/* JSON-LD: from the best article object so far. */
	int ld_strength;
	char *ld_date, *ld_publisher;
	newsidx_strlist ld_authors;
	/* Body candidates. */
	nx_buf article_text;
	xmlNodePtr main_node, body_node;
	int skip_depth;	   /* inside elements whose text is not the story */
	int article_depth; /* inside an <article> */
} page;

static const char *const skip_elements[] = {
	"script", "style", "noscript", "nav", "header",	  "footer",
	"aside",  "form",  "iframe",   "svg", "template", NULL,
};

static const char *const block_elements[] = {
	"p",	   "div",	 "h1",	    "h2",  "h3",     "h4",
	"h5",	   "h6",	 "li",	    "ul",  "ol",     "dl",
	"dt",	   "dd",	 "br",	    "hr",  "tr",     "table",
	"section", "article",	 "main",    "pre", "figure", "figcaption",
	"address", "blockquote", "caption", "td",  "th",     NULL,
};

static int name_in(const xmlChar *name, const char *const *names)
{
	int i;

	for (i = 0; names[i]; i++)
		if (!xmlStrcasecmp(name, (const xmlChar *)names[i]))
			return 1;
	return 0;
}

static int is_element(const xmlNode *node, const char *name)
{
	return node->type == XML_ELEMENT_NODE &&
	       !xmlStrcasecmp(node->name, (const xmlChar *)name);
}

/* Walk the subtree under top in document order without recursion (pages
 * nest deeply).  enter returns 1 to go into the node (leave is then
 * called after its children), 0 to skip it and its children. */
typedef int (*enter_fn)(xmlNodePtr node, void *ctx);
typedef void (*leave_fn)(xmlNodePtr node, void *ctx);

static void walk(xmlNodePtr top, enter_fn enter, leave_fn leave, void *ctx)
{
	xmlNodePtr node = top;

	for (;;) {
		int entered = enter(node, ctx);

		if (entered && node->children) {
			node = node->children;
			continue;
		}
		if (entered && leave)
			leave(node, ctx);
		while (node != top && !node->next) {
			node = node->parent;
			if (leave)
				leave(node, ctx);
		}
		if (node == top)
			return;
		node = node->next;
	}
}

/**************************************************************************
 * Text of a subtree: blocks end lines, white space squeezed.
 */
typedef struct text_ctx {
	nx_buf *out;
	int space; /* white space seen since the last character */
	newsidx_status rc;
} text_ctx;

static void text_newline(text_ctx *t)
{
	t->space = 0;
	if (t->out->len && t->out->data[t->out->len - 1] != '\n' &&
	    nx_buf_putc(t->out, '\n') != NEWSIDX_OK)
		t->rc = NEWSIDX_NOMEM;
}

static void text_append(text_ctx *t, const char *s)
{
	for (; *s && t->rc == NEWSIDX_OK; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		    *s == '\f') {
			t->space = 1;
			continue;
		}
		if (t->space && t->out->len &&
		    t->out->data[t->out->len - 1] != '\n' &&
		    nx_buf_putc(t->out, ' ') != NEWSIDX_OK)
			t->rc = NEWSIDX_NOMEM;
		t->space = 0;
		if (nx_buf_putc(t->out, *s) != NEWSIDX_OK)
			t->rc = NEWSIDX_NOMEM;
	}
}

static int text_enter(xmlNodePtr node, void *ctx)
{
	text_ctx *t = ctx;

	if (node->type == XML_TEXT_NODE ||
	    node->type == XML_CDATA_SECTION_NODE) {
		if (node->content)
			text_append(t, (const char *)node->content);
		return 0;
	}
	if (node->type != XML_ELEMENT_NODE)
		return 0;
	if (name_in(node->name, skip_elements))
		return 0;
	if (name_in(node->name, block_elements))
		text_newline(t);
	return 1;
}

static void text_leave(xmlNodePtr node, void *ctx)
{
	if (node->type == XML_ELEMENT_NODE &&
	    name_in(node->name, block_elements))
		text_newline(ctx);
}

/* Append the text of node to out, ending with a newline if any. */
static newsidx_status node_text(xmlNodePtr node, nx_buf *out)
{
	text_ctx t = { out, 0, NEWSIDX_OK };

	if (nx_buf_reserve(out, 0) != NEWSIDX_OK)
		return NEWSIDX_NOMEM;
	walk(node, text_enter, text_leave, &t);
	text_newline(&t);
	return t.rc;
}

/* The text of node on one line, malloc'ed. */
static char *node_line(xmlNodePtr node)
{
	nx_buf b = { 0 };

	if (node_text(node, &b) != NEWSIDX_OK) {
		nx_buf_free(&b);
		return NULL;
	}
	nx_text_squeeze(b.data);
	return nx_buf_steal(&b);
}

/* The <p> elements under a container, one per line. */
static int para_enter(xmlNodePtr node, void *ctx)
{
	text_ctx *t = ctx;

	if (node->type != XML_ELEMENT_NODE ||
	    name_in(node->name, skip_elements))
		return 0;
	if (is_element(node, "p")) {
		if (node_text(node, t->out) != NEWSIDX_OK)
			t->rc = NEWSIDX_NOMEM;
		return 0;
	}
	return 1;
}

/**************************************************************************
 * Metadata
 */

/* Set *field to a copy of s unless it is set already or s is empty. */
static void take(page *pg, char **field, const char *s)
{
	if (*field || !s)
		return;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (!*s)
		return;
	*field = strdup(s);
	if (!*field)
		pg->rc = NEWSIDX_NOMEM;
}

/* Add s (or each comma-separated part when split) to list, cleaned,
 * without duplicates. */
static void add_item(page *pg, newsidx_strlist *list, const char *s, int split)
{
	while (s && *s && pg->rc == NEWSIDX_OK) {
		size_t len = split ? strcspn(s, ",") : strlen(s), i;
		char *item = nx_strndup(s, len);

		if (!item ||
		    nx_reader_clean_field(pg->r, &item, 1) != NEWSIDX_OK) {
			free(item);
			pg->rc = NEWSIDX_NOMEM;
			return;
		}
		for (i = 0; i < list->n && strcmp(list->items[i], item); i++)
			;
		if (item[0] && i == list->n &&
		    newsidx_strlist_add(list, item) != NEWSIDX_OK)
			pg->rc = NEWSIDX_NOMEM;
		free(item);
		s += len;
		if (*s == ',')
			s++;
	}
}

static int is_url(const char *s)
{
	return !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8);
}

static char *prop(xmlNodePtr node, const char *name)
{
	return (char *)xmlGetProp(node, (const xmlChar *)name);
}

static void meta_element(page *pg, xmlNodePtr node)
{
	char *keys[2], *content = prop(node, "content");
	int i;

	if (!content)
		return;
	keys[0] = prop(node, "property");
	keys[1] = prop(node, "name");
	for (i = 0; i < 2; i++) {
		const char *key = keys[i];

		if (!key)
			continue;
		if (!strcasecmp(key, "og:title"))
			take(pg, &pg->og_title, content);
		else if (!strcasecmp(key, "article:published_time"))
			take(pg, &pg->pub_time, content);
		else if (!strcasecmp(key, "og:site_name"))
			take(pg, &pg->site_name, content);
		else if (!strcasecmp(key, "og:url"))
			take(pg, &pg->og_url, content);
		else if ((!strcasecmp(key, "author") ||
			  !strcasecmp(key, "article:author")) &&
			 !is_url(content))
			add_item(pg, &pg->authors, content, 0);
		else if (!strcasecmp(key, "article:tag"))
			add_item(pg, &pg->topics, content, 0);
		else if (!strcasecmp(key, "keywords") ||
			 !strcasecmp(key, "news_keywords"))
			add_item(pg, &pg->topics, content, 1);
	}
	xmlFree(keys[0]);
	xmlFree(keys[1]);
	xmlFree(content);
}

static void link_element(page *pg, xmlNodePtr node)
{
	char *rel = prop(node, "rel"), *href;
	const char *p;
	int canonical = 0;

	/* rel is a list of words. */
	for (p = rel; p && *p;) {
		size_t len = strcspn(p, " \t\n\r");

		if (len == 9 && !strncasecmp(p, "canonical", 9))
			canonical = 1;
		p += len;
		p += strspn(p, " \t\n\r");
	}
	xmlFree(rel);
	if (!canonical)
		return;
	href = prop(node, "href");
	take(pg, &pg->canonical, href);
	xmlFree(href);
}

/* The "name" of a JSON-LD value: a string or an object with a name. */
static const char *ld_name(struct json_object *v)
{
	struct json_object *name;

	if (json_object_is_type(v, json_type_object) &&
	    json_object_object_get_ex(v, "name", &name))
		v = name;
	return json_object_is_type(v, json_type_string)
		       ? json_object_get_string(v)
		       : NULL;
}

static void ld_clear(page *pg)
{
	size_t i;

	free(pg->ld_date);
	free(pg->ld_publisher);
	pg->ld_date = pg->ld_publisher = NULL;
	for (i = 0; i < pg->ld_authors.n; i++)
		free(pg->ld_authors.items[i]);
	free(pg->ld_authors.items);
	memset(&pg->ld_authors, 0, sizeof pg->ld_authors);
}

/* Consider one JSON-LD object (and the objects of its @graph). */
static void ld_object(page *pg, struct json_object *o)
{
	struct json_object *v, *author = NULL, *publisher = NULL, *date = NULL;
	int strength;
	size_t i, n;

	if (!json_object_is_type(o, json_type_object))
		return;
	if (json_object_object_get_ex(o, "@graph", &v) &&
	    json_object_is_type(v, json_type_array)) {
		n = json_object_array_length(v);
		for (i = 0; i < n; i++)
			ld_object(pg, json_object_array_get_idx(v, i));
	}
	json_object_object_get_ex(o, "datePublished", &date);
	json_object_object_get_ex(o, "author", &author);
	json_object_object_get_ex(o, "publisher", &publisher);
	strength = json_object_is_type(date, json_type_string) ? 2
		   : (author || publisher)		       ? 1
							       : 0;
	if (strength <= pg->ld_strength)
		return;
	ld_clear(pg);
	pg->ld_strength = strength;
	if (strength == 2)
		take(pg, &pg->ld_date, json_object_get_string(date));
	if (json_object_is_type(publisher, json_type_array))
		publisher = json_object_array_get_idx(publisher, 0);
	if (publisher)
		take(pg, &pg->ld_publisher, ld_name(publisher));
	if (json_object_is_type(author, json_type_array)) {
		n = json_object_array_length(author);
		for (i = 0; i < n; i++)
			add_item(pg, &pg->ld_authors,
				 ld_name(json_object_array_get_idx(author, i)),
				 0);
	} else if (author) {
		add_item(pg, &pg->ld_authors, ld_name(author), 0);
	}
}

static void ld_script(page *pg, xmlNodePtr node)
{
	char *type = prop(node, "type");
	xmlChar *text;
	struct json_object *root;
	int is_ld = type && !strcasecmp(type, "application/ld+json");

	xmlFree(type);
	if (!is_ld)
		return;
	text = xmlNodeGetContent(node);
	if (!text)
		return;
	root = json_tokener_parse((const char *)text);
	xmlFree(text);
	if (json_object_is_type(root, json_type_array)) {
		size_t i, n = json_object_array_length(root);

		for (i = 0; i < n; i++)
			ld_object(pg, json_object_array_get_idx(root, i));
	} else {
		ld_object(pg, root);
	}
	json_object_put(root);
}

/* The longest top-level <article> outside page chrome is the story. */
static void article_element(page *pg, xmlNodePtr node)
{
	nx_buf text = { 0 };

	if (node_text(node, &text) != NEWSIDX_OK) {
		pg->rc = NEWSIDX_NOMEM;
	} else if (text.len > pg->article_text.len) {
		nx_buf tmp = pg->article_text;

		pg->article_text = text;
		text = tmp;
	}
	nx_buf_free(&text);
}

static int meta_enter(xmlNodePtr node, void *ctx)
{
	page *pg = ctx;

	if (node->type == XML_DOCUMENT_NODE ||
	    node->type == XML_HTML_DOCUMENT_NODE)
		return 1;
	if (node->type != XML_ELEMENT_NODE || pg->rc != NEWSIDX_OK)
		return 0;
	if (is_element(node, "meta")) {
		meta_element(pg, node);
	} else if (is_element(node, "link")) {
		link_element(pg, node);
	} else if (is_element(node, "script")) {
		ld_script(pg, node);
		return 0;
	} else if (is_element(node, "title")) {
		/* Not an <svg> icon's title. */
		if (!pg->title_tag && !pg->skip_depth &&
		    !(pg->title_tag = node_line(node)))
			pg->rc = NEWSIDX_NOMEM;
	} else if (is_element(node, "h1")) {
		char **field = pg->skip_depth ? &pg->h1_any : &pg->h1_clean;

		if (!*field) {
			char *line = node_line(node);

			if (!line)
				pg->rc = NEWSIDX_NOMEM;
			else if (line[0])
				*field = line;
			else
				free(line);
		}
	} else if (is_element(node, "time")) {
		char *dt = prop(node, "datetime");
		char iso[11];

		if (dt && nx_date_parse(dt, 0, iso))
			take(pg, &pg->time_dt, dt);
		xmlFree(dt);
	} else if (is_element(node, "article")) {
		if (!pg->skip_depth && !pg->article_depth)
			article_element(pg, node);
		pg->article_depth++;
	} else if (is_element(node, "main")) {
		if (!pg->main_node && !pg->skip_depth)
			pg->main_node = node;
	} else if (is_element(node, "body")) {
		if (!pg->body_node)
			pg->body_node = node;
	}
	if (name_in(node->name, skip_elements))
		pg->skip_depth++;
	return 1;
}

static void meta_leave(xmlNodePtr node, void *ctx)
{
	page *pg = ctx;

	if (node->type != XML_ELEMENT_NODE)
		return;
	if (is_element(node, "article"))
		pg->article_depth--;
	if (name_in(node->name, skip_elements))
		pg->skip_depth--;
}

/**************************************************************************
 * Encoding
 */

/* The charset a <meta> in the first bytes declares, into out; 0 if none. */
static int declared_charset(const char *data, size_t len, char *out,
			    size_t size)
{
	const char *end = data + (len < 4096 ? len : 4096), *p = data;

	while (p < end) {
		const char *tag = NULL, *gt, *q;
		size_t n = 0;

		for (; p + 5 <= end; p++)
			if (p[0] == '<' && !strncasecmp(p + 1, "meta", 4)) {
				tag = p;
				break;
			}
		if (!tag)
			return 0;
		gt = memchr(tag, '>', (size_t)(end - tag));
		if (!gt)
			return 0;
		for (q = tag; q + 7 <= gt; q++) {
			if (strncasecmp(q, "charset", 7))
				continue;
			q += 7;
			while (q < gt && (*q == ' ' || *q == '"' || *q == '\''))
				q++;
			if (q >= gt || *q != '=')
				continue;
			q++;
			while (q < gt && (*q == ' ' || *q == '"' || *q == '\''))
				q++;
			while (q + n < gt && n + 1 < size &&
			       (strchr("-_.:", q[n]) ||
				(q[n] >= '0' && q[n] <= '9') ||
				(q[n] >= 'a' && q[n] <= 'z') ||
				(q[n] >= 'A' && q[n] <= 'Z')))
				n++;
			if (n) {
				memcpy(out, q, n);
				out[n] = '\0';
				return 1;
			}
		}
		p = gt + 1;
	}
	return 0;
}

/* Whether libxml2 can decode charset. */
static int known_charset(const char *charset)
{
	xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(charset);

	if (!h)
		return 0;
	xmlCharEncCloseFunc(h);
	return 1;
}

/* Choose the encoding to tell libxml2; may transcode page to UTF-8. */
static newsidx_status choose_encoding(newsidx_reader *r, nx_buf *html,
				      char *enc, size_t size)
{
	char charset[48];

	if (nx_text_valid_utf8(html->data, html->len)) {
		snprintf(enc, size, "UTF-8");
		return NEWSIDX_OK;
	}
	if (declared_charset(html->data, html->len, charset, sizeof charset) &&
	    strcasecmp(charset, "utf-8") && strcasecmp(charset, "utf8")) {
		static const char *const latin1[] = {
			"iso-8859-1", "iso8859-1", "latin1",	 "latin-1",
			"l1",	      "us-ascii",  "ascii",	 "iso_8859-1",
			"cp819",      "ibm819",	   "iso-ir-100", NULL,
		};
		int i;

		for (i = 0; latin1[i]; i++)
			if (!strcasecmp(charset, latin1[i]))
				snprintf(charset, sizeof charset,
					 "windows-1252");
		if (known_charset(charset)) {
			snprintf(enc, size, "%s", charset);
			return NEWSIDX_OK;
		}
	}
	/* No usable declaration: Windows-1252, the web's default. */
	snprintf(enc, size, "UTF-8");
	if (nx_text_clean_buf(html, NULL) != NEWSIDX_OK)
		return NEWSIDX_NOMEM;
	nx_reader_set_note(r, "invalid UTF-8, transcoded from Windows-1252");
	return NEWSIDX_OK;
}

/**************************************************************************
 * The reader
 */
static void page_free(page *pg)
{
	newsidx_strlist *lists[2] = { &pg->authors, &pg->topics };
	size_t i, k;

	free(pg->og_title);
	free(pg->h1_clean);
	free(pg->h1_any);
	free(pg->title_tag);
	free(pg->pub_time);
	free(pg->time_dt);
	free(pg->site_name);
	free(pg->canonical);
	free(pg->og_url);
	for (k = 0; k < 2; k++) {
		for (i = 0; i < lists[k]->n; i++)
			free(lists[k]->items[i]);
		free(lists[k]->items);
	}
	ld_clear(pg);
	nx_buf_free(&pg->article_text);
}

static char *first_of(char *a, char *b, char *c, char *d)
{
	return a ? a : b ? b : c ? c : d;
}

/* Move the strings of from into to (to is empty). */
static void move_list(newsidx_strlist *to, newsidx_strlist *from)
{
	*to = *from;
	memset(from, 0, sizeof *from);
}

static newsidx_status page_body(page *pg, char **body)
{
	nx_buf text = { 0 };
	xmlNodePtr box = pg->main_node ? pg->main_node : pg->body_node;

	if (pg->article_text.len) {
		*body = nx_buf_steal(&pg->article_text);
		return *body ? NEWSIDX_OK : NEWSIDX_NOMEM;
	}
	if (nx_buf_reserve(&text, 0) != NEWSIDX_OK)
		return NEWSIDX_NOMEM;
	if (box) {
		text_ctx t = { &text, 0, NEWSIDX_OK };

		walk(box, para_enter, NULL, &t);
		if (t.rc == NEWSIDX_OK && !text.len)
			t.rc = node_text(box, &text);
		if (t.rc != NEWSIDX_OK) {
			nx_buf_free(&text);
			return t.rc;
		}
	}
	*body = nx_buf_steal(&text);
	return *body ? NEWSIDX_OK : NEWSIDX_NOMEM;
}

static newsidx_status page_article(newsidx_reader *r, page *pg,
				   newsidx_article *a)
{
	const char *dates[3] = { pg->pub_time, pg->time_dt, pg->ld_date };
	char iso[11] = "";
	const char *title =
		first_of(pg->og_title, pg->h1_clean, pg->h1_any, pg->title_tag);
	const char *url = pg->canonical ? pg->canonical : pg->og_url;
	const char *source = pg->site_name ? pg->site_name : pg->ld_publisher;
	newsidx_status rc;
	int i;

	for (i = 0; i < 3 && !iso[0]; i++)
		if (dates[i])
			nx_date_parse(dates[i], 0, iso);
	a->title = strdup(title ? title : "");
	a->date = strdup(iso);
	a->source = strdup(source ? source : "");
	a->place = strdup("");
	a->url = strdup(url ? url : "");
	a->id = strdup(url ? url : "");
	if (!a->title || !a->date || !a->source || !a->place || !a->url ||
	    !a->id)
		return NEWSIDX_NOMEM;
	rc = page_body(pg, &a->body);
	if (rc != NEWSIDX_OK)
		return rc;
	if ((rc = nx_reader_clean_field(r, &a->title, 1)) ||
	    (rc = nx_reader_clean_field(r, &a->body, 0)) ||
	    (rc = nx_reader_clean_field(r, &a->source, 1)) ||
	    (rc = nx_reader_clean_field(r, &a->url, 1)) ||
	    (rc = nx_reader_clean_field(r, &a->id, 1)))
		return rc;
	nx_trim(a->body);
	move_list(&a->authors, pg->authors.n ? &pg->authors : &pg->ld_authors);
	move_list(&a->topics, &pg->topics);
	if (!a->title[0] && !a->body[0])
		return nx_reader_fail(r, NEWSIDX_BAD_INPUT, 0,
				      "no article text found");
	return NEWSIDX_OK;
}

static newsidx_status html_next(newsidx_reader *r, newsidx_article *a)
{
	nx_buf html = { 0 };
	newsidx_status rc;
	char enc[48];
	htmlDocPtr doc;
	page pg;

	if (r->state)
		return NEWSIDX_DONE;
	r->state = r; /* one article per file */
	rc = nx_input_read_all(r->in, &html, NX_MAX_ARTICLE);
	if (rc != NEWSIDX_OK) {
		nx_buf_free(&html);
		if (rc == NEWSIDX_BAD_INPUT)
			return nx_reader_fail(r, rc, 0,
					      "page larger than %u MiB, "
					      "skipped",
					      NX_MAX_ARTICLE / (1024u * 1024u));
		if (rc == NEWSIDX_IO)
			return nx_reader_fail(r, rc, 0, "%s",
					      nx_input_error(r->in));
		return rc;
	}
	rc = choose_encoding(r, &html, enc, sizeof enc);
	if (rc != NEWSIDX_OK) {
		nx_buf_free(&html);
		return rc;
	}
	doc = htmlReadMemory(html.data, (int)html.len, NULL, enc,
			     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
				     HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
				     HTML_PARSE_IGNORE_ENC);
	nx_buf_free(&html);
	if (!doc)
		return nx_reader_fail(r, NEWSIDX_BAD_INPUT, 0,
				      "no article text found");
	memset(&pg, 0, sizeof pg);
	pg.r = r;
	walk((xmlNodePtr)doc, meta_enter, meta_leave, &pg);
	rc = pg.rc == NEWSIDX_OK ? page_article(r, &pg, a) : pg.rc;
	page_free(&pg);
	xmlFreeDoc(doc);
	return rc;
}

const nx_reader_ops nx_reader_html = {
	"html", NEWSIDX_FORMAT_HTML, NULL, html_next, NULL,
};
