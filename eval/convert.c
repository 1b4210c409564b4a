/* convert.c: nx-eval-convert, the classic test collections in the input
 * newsidx-index reads.
 *
 *   nx-eval-convert COLLECTION SRCDIR OUTDIR
 *
 * COLLECTION is one of cran cacm cisi med adi npl lisa; SRCDIR holds its
 * files as distributed (../shared/corpora/ir/COLLECTION).  OUTDIR gets
 *
 *   docs.jsonl   one {"id","title","body"} object per line (the JSON Lines
 *                reader of newsidx-index, and the FTS5 baseline, read it)
 *   queries.tsv  "QID<TAB>text", the text on one line
 *   qrels        TREC qrels, "QID 0 DOCID GAIN", GAIN >= 1 relevant
 *
 * and one summary line goes to stdout.  What is taken from each format, and
 * the quirks handled (eval/README.md says the same):
 *
 *  SMART (cran cacm cisi med adi): ".I n" starts a record, ".X" lines
 *  start fields.  Documents: title = .T, body = .W then .K (keywords) then
 *  .A (authors); .B .C .N .X are left out.  Queries: .T (CISI has some)
 *  then .W.  CR line ends are dropped.  Query ids are the numbers in the
 *  file, except Cranfield, whose cran.qry numbers 001..365 with gaps while
 *  cran.qrels numbers the same queries 1..225 in order of appearance: the
 *  queries are renumbered 1..225.  Cranfield grades 1..4 (1 = a complete
 *  answer, 4 = minimum interest) become gains 5 - grade (1 -> 4 ... 4 ->
 *  1); grade -1 ("no relevance") becomes a judged non-relevant 0.  The other
 *  collections are binary: every pair listed has gain 1.  Cranfield
 *  documents 471 and 995 have no text: documents without text are left
 *  out (newsidx-index would reject them), and the summary says so.
 *  NPL: "n" line, text lines, "/" line, for documents and queries; rlv-ass
 *  is "q" then relevant ids, "/" terminated.  No titles.
 *  LISA: "Document n", title lines up to a blank line, abstract up to a
 *  line of '*'; ids 1993-1997 do not exist and 1998-2001 appear twice with
 *  the same text: the second copy is skipped.  Queries are "n" then text
 *  ending in "#".  LISA.REL is damaged (query 21's list is cut short and
 *  followed by part of query 34's and by query 35's, and queries 22 and 23
 *  are missing), so the judgements are taken from LISARJ.NUM ("q count
 *  ids..."), which agrees with LISA.REL wherever LISA.REL is intact.
 */
#include <ctype.h>
#include <errno.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *prog = "nx-eval-convert";

/* A growable string. */
typedef struct str {
	char *s;
	size_t len, cap;
} str;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)))
__attribute__((noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void str_add(str *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = realloc(b->s, cap);
		if (!b->s)
			die("out of memory");
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Append a line of text, separated from what is there by one space. */
static void str_add_text(str *b, const char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	if (!*line)
		return;
	if (b->len)
		str_add(b, " ", 1);
	str_add(b, line, strlen(line));
}

static void str_clear(str *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

static const char *str_get(const str *b)
{
	return b->s ? b->s : "";
}

/* Collapse runs of white space into one space and trim, in place. */
static void squeeze(char *s)
{
	char *w = s;
	const char *r;
	int space = 1;

	for (r = s; *r; r++) {
		if (isspace((unsigned char)*r)) {
			if (!space)
				*w++ = ' ';
			space = 1;
		} else {
			*w++ = *r;
			space = 0;
		}
	}
	if (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
}

/* Read a whole line without its line end (\n, \r\n); NULL at EOF. */
static char *get_line(FILE *f, char **buf, size_t *cap)
{
	ssize_t n = getline(buf, cap, f);

	if (n < 0)
		return NULL;
	while (n > 0 && ((*buf)[n - 1] == '\n' || (*buf)[n - 1] == '\r'))
		(*buf)[--n] = '\0';
	return *buf;
}

static FILE *open_in(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		die("%s: %s", path, strerror(errno));
	return f;
}

/* ------------------------------------------------------------------ */
/* Output */

typedef struct out {
	FILE *docs, *queries, *qrels;
	const char *dir;
	unsigned n_docs, n_queries, n_qrels, n_skipped, n_empty;
	/* Ids written, to skip duplicates (ids are small numbers here). */
	unsigned char *seen;
	size_t n_seen;
	str skipped; /* the duplicate ids skipped, for the summary */
	str empty;   /* the ids of empty documents, skipped */
} out;

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		die("%s: %s", path, strerror(errno));
	return f;
}

static void close_out(FILE *f, const char *dir, const char *name)
{
	if (fclose(f) != 0)
		die("%s/%s: %s", dir, name, strerror(errno));
}

static void put_doc(out *o, unsigned id, char *title, char *body)
{
	json_object *obj;
	char idbuf[16];

	if (id >= o->n_seen) {
		size_t n = (id + 1) * 2;

		o->seen = realloc(o->seen, n);
		if (!o->seen)
			die("out of memory");
		memset(o->seen + o->n_seen, 0, n - o->n_seen);
		o->n_seen = n;
	}
	snprintf(idbuf, sizeof idbuf, "%u", id);
	if (o->seen[id]) {
		o->n_skipped++;
		str_add_text(&o->skipped, idbuf);
		return;
	}
	o->seen[id] = 1;
	squeeze(title);
	squeeze(body);
	if (!*title && !*body) {
		/* newsidx-index rejects articles without text. */
		o->n_empty++;
		str_add_text(&o->empty, idbuf);
		return;
	}
	obj = json_object_new_object();
	json_object_object_add(obj, "id", json_object_new_string(idbuf));
	json_object_object_add(obj, "title", json_object_new_string(title));
	json_object_object_add(obj, "body", json_object_new_string(body));
	fprintf(o->docs, "%s\n",
		json_object_to_json_string_ext(
			obj, JSON_C_TO_STRING_PLAIN |
				     JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(obj);
	o->n_docs++;
}

static void put_query(out *o, unsigned qid, char *text)
{
	char *p;

	for (p = text; *p; p++)
		if (*p == '\t')
			*p = ' ';
	squeeze(text);
	fprintf(o->queries, "%u\t%s\n", qid, text);
	o->n_queries++;
}

static void put_qrel(out *o, unsigned qid, unsigned docid, int gain)
{
	fprintf(o->qrels, "%u 0 %u %d\n", qid, docid, gain);
	o->n_qrels++;
}

/* ------------------------------------------------------------------ */
/* SMART format */

typedef struct smart_rec {
	unsigned id;
	str t, w, k, a;
} smart_rec;

/* Whether line is a field marker (".T", ".I 12"); its letter in *field. */
static int smart_marker(const char *line, char *field)
{
	if (line[0] != '.' || !isupper((unsigned char)line[1]) ||
	    (line[2] != '\0' && line[2] != ' '))
		return 0;
	*field = line[1];
	return 1;
}

/* Call fn for each record of a SMART file. */
static void smart_read(FILE *f, void (*fn)(void *ctx, smart_rec *r), void *ctx)
{
	smart_rec r;
	char *buf = NULL, *line;
	size_t cap = 0;
	char field = 0;
	int have = 0;

	memset(&r, 0, sizeof r);
	while ((line = get_line(f, &buf, &cap)) != NULL) {
		char m;

		if (smart_marker(line, &m)) {
			field = m;
			if (m == 'I') {
				if (have)
					fn(ctx, &r);
				str_clear(&r.t);
				str_clear(&r.w);
				str_clear(&r.k);
				str_clear(&r.a);
				r.id = (unsigned)strtoul(line + 2, NULL, 10);
				have = 1;
			}
			continue;
		}
		switch (field) {
		case 'T':
			str_add_text(&r.t, line);
			break;
		case 'W':
			str_add_text(&r.w, line);
			break;
		case 'K':
			str_add_text(&r.k, line);
			break;
		case 'A':
			str_add_text(&r.a, line);
			break;
		default:
			break;
		}
	}
	if (have)
		fn(ctx, &r);
	free(buf);
	free(r.t.s);
	free(r.w.s);
	free(r.k.s);
	free(r.a.s);
}

static void smart_doc(void *ctx, smart_rec *r)
{
	str body = { 0 };
	char *title = strdup(str_get(&r->t));

	if (!title)
		die("out of memory");
	str_add_text(&body, str_get(&r->w));
	str_add_text(&body, str_get(&r->k));
	str_add_text(&body, str_get(&r->a));
	str_add(&body, "", 0);
	put_doc(ctx, r->id, title, body.s);
	free(title);
	free(body.s);
}

typedef struct query_ctx {
	out *o;
	int renumber; /* Cranfield: 1, 2, ... in order of appearance */
	unsigned n;
} query_ctx;

static void smart_query(void *ctx, smart_rec *r)
{
	query_ctx *qc = ctx;
	str text = { 0 };

	qc->n++;
	str_add_text(&text, str_get(&r->t));
	str_add_text(&text, str_get(&r->w));
	str_add(&text, "", 0);
	put_query(qc->o, qc->renumber ? qc->n : r->id, text.s);
	free(text.s);
}

/* Qrels where each line starts "Q DOC" (CACM, CISI, ADI), or "Q 0 DOC"
 * when trec; every pair relevant. */
static void pairs_qrels(out *o, FILE *f, int trec)
{
	char *buf = NULL, *line;
	size_t cap = 0;

	while ((line = get_line(f, &buf, &cap)) != NULL) {
		unsigned q, d, zero;

		if (trec ? sscanf(line, "%u %u %u", &q, &zero, &d) == 3
			 : sscanf(line, "%u %u", &q, &d) == 2)
			put_qrel(o, q, d, 1);
		else if (line[strspn(line, " \t")])
			die("bad qrels line: '%s'", line);
	}
	free(buf);
}

static void cran_qrels(out *o, FILE *f)
{
	char *buf = NULL, *line;
	size_t cap = 0;

	while ((line = get_line(f, &buf, &cap)) != NULL) {
		unsigned q, d;
		int grade;

		if (sscanf(line, "%u %u %d", &q, &d, &grade) != 3) {
			if (line[strspn(line, " \t")])
				die("cran.qrels: bad line '%s'", line);
			continue;
		}
		if (grade >= 1 && grade <= 4)
			put_qrel(o, q, d, 5 - grade);
		else if (grade == -1)
			put_qrel(o, q, d, 0);
		else
			die("cran.qrels: unknown grade %d", grade);
	}
	free(buf);
}

static void convert_smart(out *o, const char *src, const char *docs,
			  const char *queries, const char *qrels, int cran,
			  int trec_qrels)
{
	FILE *f;
	query_ctx qc = { o, cran, 0 };

	f = open_in(src, docs);
	smart_read(f, smart_doc, o);
	fclose(f);
	f = open_in(src, queries);
	smart_read(f, smart_query, &qc);
	fclose(f);
	f = open_in(src, qrels);
	if (cran)
		cran_qrels(o, f);
	else
		pairs_qrels(o, f, trec_qrels);
	fclose(f);
}

/* ------------------------------------------------------------------ */
/* NPL */

/* Records "n" / lines / "/": fn gets the number and the joined text. */
static void npl_read(FILE *f, void (*fn)(void *ctx, unsigned id, str *text),
		     void *ctx)
{
	char *buf = NULL, *line;
	size_t cap = 0;
	str text = { 0 };
	unsigned id = 0;
	int in = 0;

	while ((line = get_line(f, &buf, &cap)) != NULL) {
		const char *p = line + strspn(line, " \t");

		if (!in) {
			if (!*p)
				continue;
			id = (unsigned)strtoul(p, NULL, 10);
			str_clear(&text);
			in = 1;
		} else if (!strcmp(p, "/")) {
			str_add(&text, "", 0);
			fn(ctx, id, &text);
			in = 0;
		} else {
			str_add_text(&text, line);
		}
	}
	free(buf);
	free(text.s);
}

static void npl_doc(void *ctx, unsigned id, str *text)
{
	char empty[1] = "";

	put_doc(ctx, id, empty, text->s);
}

static void npl_query(void *ctx, unsigned id, str *text)
{
	put_query(ctx, id, text->s);
}

static void npl_rel(void *ctx, unsigned id, str *text)
{
	char *p = text->s, *end;

	for (;;) {
		unsigned long d = strtoul(p, &end, 10);

		if (end == p)
			break;
		put_qrel(ctx, id, (unsigned)d, 1);
		p = end;
	}
}

static void convert_npl(out *o, const char *src)
{
	FILE *f;

	f = open_in(src, "doc-text");
	npl_read(f, npl_doc, o);
	fclose(f);
	f = open_in(src, "query-text");
	npl_read(f, npl_query, o);
	fclose(f);
	f = open_in(src, "rlv-ass");
	npl_read(f, npl_rel, o);
	fclose(f);
}

/* ------------------------------------------------------------------ */
/* LISA */

static int blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

static void lisa_docs(out *o, FILE *f)
{
	char *buf = NULL, *line;
	size_t cap = 0;
	str title = { 0 }, body = { 0 };
	unsigned id = 0;
	int state = 0; /* 0 between, 1 title, 2 body */

	while ((line = get_line(f, &buf, &cap)) != NULL) {
		if (state == 0) {
			if (!strncmp(line, "Document", 8)) {
				id = (unsigned)strtoul(line + 8, NULL, 10);
				str_clear(&title);
				str_clear(&body);
				state = 1;
			}
		} else if (line[0] == '*' && line[strspn(line, "*")] == '\0') {
			str_add(&title, "", 0);
			str_add(&body, "", 0);
			put_doc(o, id, title.s, body.s);
			state = 0;
		} else if (state == 1) {
			if (blank(line))
				state = 2;
			else
				str_add_text(&title, line);
		} else {
			str_add_text(&body, line);
		}
	}
	if (state != 0)
		die("LISA: document %u does not end with a line of '*'", id);
	free(buf);
	free(title.s);
	free(body.s);
}

static void lisa_queries(out *o, FILE *f)
{
	char *buf = NULL, *line;
	size_t cap = 0;
	str text = { 0 };
	unsigned id = 0;
	int in = 0;

	while ((line = get_line(f, &buf, &cap)) != NULL) {
		char *hash;

		if (!in) {
			if (blank(line))
				continue;
			id = (unsigned)strtoul(line, NULL, 10);
			str_clear(&text);
			in = 1;
			continue;
		}
		hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		str_add_text(&text, line);
		if (hash) {
			str_add(&text, "", 0);
			put_query(o, id, text.s);
			in = 0;
		}
	}
	free(buf);
	free(text.s);
}

/* LISARJ.NUM: a stream of numbers "q count id1 .. idcount". */
static void lisa_qrels(out *o, FILE *f)
{
	unsigned q, n, i, d;

	while (fscanf(f, "%u %u", &q, &n) == 2) {
		for (i = 0; i < n; i++) {
			if (fscanf(f, "%u", &d) != 1)
				die("LISARJ.NUM: query %u is cut short", q);
			put_qrel(o, q, d, 1);
		}
	}
	if (!feof(f))
		die("LISARJ.NUM: not a list of numbers");
}

static void convert_lisa(out *o, const char *src)
{
	static const char *const parts[] = {
		"LISA0.001", "LISA0.501", "LISA1.001", "LISA1.501", "LISA2.001",
		"LISA2.501", "LISA3.001", "LISA3.501", "LISA4.001", "LISA4.501",
		"LISA5.001", "LISA5.501", "LISA5.627", "LISA5.850",
	};
	size_t i;
	FILE *f;

	for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		f = open_in(src, parts[i]);
		lisa_docs(o, f);
		fclose(f);
	}
	f = open_in(src, "LISA.QUE");
	lisa_queries(o, f);
	fclose(f);
	f = open_in(src, "LISARJ.NUM");
	lisa_qrels(o, f);
	fclose(f);
}

/* ------------------------------------------------------------------ */

int main(int argc, char **argv)
{
	const char *coll, *src;
	out o;

	if (argc != 4) {
		fprintf(stderr,
			"Usage: %s COLLECTION SRCDIR OUTDIR\n"
			"COLLECTION: cran cacm cisi med adi npl lisa\n",
			prog);
		return 2;
	}
	coll = argv[1];
	src = argv[2];
	memset(&o, 0, sizeof o);
	o.dir = argv[3];
	if (mkdir(o.dir, 0777) != 0 && errno != EEXIST)
		die("%s: %s", o.dir, strerror(errno));
	o.docs = open_out(o.dir, "docs.jsonl");
	o.queries = open_out(o.dir, "queries.tsv");
	o.qrels = open_out(o.dir, "qrels");
	if (!strcmp(coll, "cran"))
		convert_smart(&o, src, "cran.all.1400", "cran.qry",
			      "cran.qrels", 1, 0);
	else if (!strcmp(coll, "cacm"))
		convert_smart(&o, src, "cacm.all", "query.text", "qrels.text",
			      0, 0);
	else if (!strcmp(coll, "cisi"))
		convert_smart(&o, src, "CISI.ALL", "CISI.QRY", "CISI.REL", 0,
			      0);
	else if (!strcmp(coll, "med"))
		convert_smart(&o, src, "MED.ALL", "MED.QRY", "MED.REL", 0, 1);
	else if (!strcmp(coll, "adi"))
		convert_smart(&o, src, "ADI.ALL", "ADI.QRY", "ADI.REL", 0, 0);
	else if (!strcmp(coll, "npl"))
		convert_npl(&o, src);
	else if (!strcmp(coll, "lisa"))
		convert_lisa(&o, src);
	else
		die("unknown collection '%s'", coll);
	close_out(o.docs, o.dir, "docs.jsonl");
	close_out(o.queries, o.dir, "queries.tsv");
	close_out(o.qrels, o.dir, "qrels");
	printf("%s: %u documents, %u queries, %u judgements", coll, o.n_docs,
	       o.n_queries, o.n_qrels);
	if (o.n_skipped)
		printf("; %u duplicate document ids skipped (%s)", o.n_skipped,
		       str_get(&o.skipped));
	if (o.n_empty)
		printf("; %u empty documents skipped (%s)", o.n_empty,
		       str_get(&o.empty));
	printf("\n");
	free(o.seen);
	free(o.empty.s);
	free(o.skipped.s);
	return 0;
}
