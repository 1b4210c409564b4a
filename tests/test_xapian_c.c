/* test_xapian_c.c: unit tests of the C binding over Xapian (xapian-c.h).
 *
 * Every test works on its own database under one temporary directory made
 * by the group setup and removed by the group teardown.  The hand-made
 * documents are small enough that the expected document ids, their order,
 * counts and messages are known exactly.
 *
 * Callbacks only record what they see; the assertions come after the call
 * returns, because a failing cmocka assertion longjmps and must not jump
 * over the C++ frames of the binding.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xapian-c.h"

#define MAX_ITEMS 32
#define MAX_TERM  64

/* Value slot of the YYYYMMDD date, and of the collapse key. */
#define SLOT_DATE  0
#define SLOT_GROUP 1

static char tmp_dir[] = "/tmp/test_xapian_c.XXXXXX";

/* An output pointer's value before a call that must overwrite it. */
static char poison_byte;
#define POISON ((void *)&poison_byte)

/* ------------------------------------------------------------------ */
/* Helpers */

static void db_path(char *buf, size_t size, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", tmp_dir, name);
	assert_true(n > 0 && (size_t)n < size);
}

/* A new empty writable database called name. */
static xc_db *new_db(const char *name)
{
	char path[PATH_MAX];
	xc_db *db = NULL;

	db_path(path, sizeof path, name);
	assert_int_equal(xc_db_open_writable(path, XC_DB_CREATE_OR_OVERWRITE,
					     XC_DB_NO_SYNC, &db),
			 XC_OK);
	assert_non_null(db);
	return db;
}

static xc_db *open_reader(const char *name)
{
	char path[PATH_MAX];
	xc_db *db = NULL;

	db_path(path, sizeof path, name);
	assert_int_equal(xc_db_open(path, &db), XC_OK);
	assert_non_null(db);
	return db;
}

static unsigned doccount(xc_db *db)
{
	unsigned n = 12345;

	assert_int_equal(xc_db_doccount(db, &n), XC_OK);
	return n;
}

/* A document with text indexed with positions (no stemming), the unique
 * term "Q" + id, the date in SLOT_DATE and group in SLOT_GROUP when not
 * NULL, and the text as its data. */
static xc_doc *make_doc(const char *id, const char *text, const char *date,
			const char *group)
{
	xc_doc *doc = NULL;
	xc_termgen *tg = NULL;
	char unique[MAX_TERM];

	assert_int_equal(xc_doc_new(&doc), XC_OK);
	assert_int_equal(xc_termgen_new(&tg), XC_OK);
	assert_int_equal(xc_termgen_set_document(tg, doc), XC_OK);
	assert_int_equal(
		xc_termgen_index_text(tg, text, strlen(text), 1, NULL, 0),
		XC_OK);
	xc_termgen_destroy(tg);
	snprintf(unique, sizeof unique, "Q%s", id);
	assert_int_equal(xc_doc_add_boolean_term(doc, unique), XC_OK);
	if (date != NULL)
		assert_int_equal(
			xc_doc_add_value(doc, SLOT_DATE, date, strlen(date)),
			XC_OK);
	if (group != NULL)
		assert_int_equal(
			xc_doc_add_value(doc, SLOT_GROUP, group, strlen(group)),
			XC_OK);
	assert_int_equal(xc_doc_set_data(doc, text, strlen(text)), XC_OK);
	return doc;
}

static unsigned add_doc(xc_db *db, const char *id, const char *text,
			const char *date, const char *group)
{
	xc_doc *doc = make_doc(id, text, date, group);
	unsigned docid = 0;

	assert_int_equal(xc_db_add_document(db, doc, &docid), XC_OK);
	xc_doc_destroy(doc);
	assert_int_not_equal(docid, 0);
	return docid;
}

/* The four documents most search tests use; their docids are 1 to 4. */
static xc_db *fruit_db(const char *name)
{
	xc_db *db = new_db(name);

	assert_int_equal(add_doc(db, "a", "apple banana", "20251115", "x"), 1);
	assert_int_equal(
		add_doc(db, "b", "apple apple apple cherry", "20250930", "y"),
		2);
	assert_int_equal(add_doc(db, "c", "banana cherry", "20251201", "x"), 3);
	assert_int_equal(
		add_doc(db, "d", "apple banana cherry date", "20251001", "x"),
		4);
	assert_int_equal(xc_db_commit(db), XC_OK);
	return db;
}

/* Run q on db with stock BM25; returns the match set (first 10). */
static xc_mset *search(xc_db *db, xc_query *q)
{
	xc_enquire *enq = NULL;
	xc_mset *ms = NULL;

	assert_int_equal(xc_enquire_new(db, &enq), XC_OK);
	assert_int_equal(xc_enquire_set_bm25(enq, 1, 0, 1, 0.5, 0.5), XC_OK);
	assert_int_equal(xc_enquire_set_query(enq, q), XC_OK);
	assert_int_equal(xc_enquire_mset(enq, 0, 10, 10, NULL, &ms), XC_OK);
	xc_enquire_destroy(enq);
	assert_non_null(ms);
	return ms;
}

static xc_query *parse(xc_qparser *qp, const char *text, unsigned flags)
{
	xc_query *q = NULL;

	assert_int_equal(xc_qparser_parse(qp, text, flags, NULL, &q), XC_OK);
	assert_non_null(q);
	return q;
}

/* The docids of ms, in rank order, into ids; returns how many. */
static unsigned mset_ids(const xc_mset *ms, unsigned *ids)
{
	unsigned n = xc_mset_size(ms);

	assert_true(n <= MAX_ITEMS);
	for (unsigned i = 0; i < n; i++)
		assert_int_equal(xc_mset_docid(ms, i, &ids[i]), XC_OK);
	return n;
}

/* Parse text with a fresh parser (default op AND, a date range on
 * SLOT_DATE for "date:") and return the docids matched, in rank order. */
static unsigned query_ids(xc_db *db, const char *text, unsigned flags,
			  unsigned *ids)
{
	xc_qparser *qp = NULL;
	xc_query *q;
	xc_mset *ms;
	unsigned n;

	assert_int_equal(xc_qparser_new(&qp), XC_OK);
	assert_int_equal(xc_qparser_set_default_op(qp, XC_OP_AND), XC_OK);
	assert_int_equal(xc_qparser_add_date_range(qp, SLOT_DATE, "date"),
			 XC_OK);
	q = parse(qp, text, flags);
	ms = search(db, q);
	n = mset_ids(ms, ids);
	xc_mset_destroy(ms);
	xc_query_destroy(q);
	xc_qparser_destroy(qp);
	return n;
}

static void assert_ids(const unsigned *got, unsigned n_got,
		       const unsigned *want, unsigned n_want)
{
	assert_int_equal(n_got, n_want);
	for (unsigned i = 0; i < n_want; i++)
		assert_int_equal(got[i], want[i]);
}

struct docids {
	unsigned ids[MAX_ITEMS];
	unsigned n;
	unsigned stop_after; /* 0: never stop */
};

static int collect_docid(void *ctx, unsigned docid)
{
	struct docids *d = ctx;

	if (d->n < MAX_ITEMS)
		d->ids[d->n++] = docid;
	return d->stop_after != 0 && d->n >= d->stop_after;
}

struct terms {
	char term[MAX_ITEMS][MAX_TERM];
	unsigned count[MAX_ITEMS]; /* termfreq or wdf */
	double weight[MAX_ITEMS];
	unsigned n;
	unsigned stop_after;
};

static int add_term(struct terms *t, const char *term, size_t len)
{
	if (t->n < MAX_ITEMS && len < MAX_TERM) {
		memcpy(t->term[t->n], term, len);
		t->term[t->n][len] = '\0';
		t->n++;
	}
	return t->stop_after != 0 && t->n >= t->stop_after;
}

static int collect_term_count(void *ctx, const char *term, size_t len,
			      unsigned count)
{
	struct terms *t = ctx;

	if (t->n < MAX_ITEMS)
		t->count[t->n] = count;
	return add_term(t, term, len);
}

static int collect_term_weight(void *ctx, const char *term, size_t len,
			       double weight)
{
	struct terms *t = ctx;

	if (t->n < MAX_ITEMS)
		t->weight[t->n] = weight;
	return add_term(t, term, len);
}

static int collect_term(void *ctx, const char *term, size_t len)
{
	return add_term(ctx, term, len);
}

static int collect_synonym(void *ctx, const char *synonym)
{
	return add_term(ctx, synonym, strlen(synonym));
}

static void assert_query_is(const xc_query *q, const char *want)
{
	char *desc = NULL;

	assert_int_equal(xc_query_describe(q, &desc), XC_OK);
	assert_string_equal(desc, want);
	free(desc);
}

/* ------------------------------------------------------------------ */
/* Fixture */

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int group_setup(void **state)
{
	(void)state;
	return mkdtemp(tmp_dir) != NULL ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	return nftw(tmp_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ------------------------------------------------------------------ */
/* Status strings and NULL handling */

static void test_status_str(void **state)
{
	(void)state;
	assert_string_equal(xc_status_str(XC_OK), "success");
	assert_string_equal(xc_status_str(XC_LOCKED), "database locked");
	assert_string_equal(xc_status_str(XC_NOT_FOUND), "database not found");
	assert_string_equal(xc_status_str(XC_QUERY_SYNTAX),
			    "query syntax error");
	assert_string_equal(xc_status_str(XC_ERROR), "Xapian error");
	assert_string_equal(xc_status_str((xc_status)15), "unknown status");
}

static void test_destroy_null(void **state)
{
	(void)state;
	xc_db_destroy(NULL);
	xc_doc_destroy(NULL);
	xc_stem_destroy(NULL);
	xc_stopper_destroy(NULL);
	xc_termgen_destroy(NULL);
	xc_query_destroy(NULL);
	xc_qparser_destroy(NULL);
	xc_enquire_destroy(NULL);
	xc_mset_destroy(NULL);
	xc_rset_destroy(NULL);
	assert_string_equal(xc_db_error(NULL), "");
	assert_string_equal(xc_doc_error(NULL), "");
	assert_string_equal(xc_termgen_error(NULL), "");
	assert_string_equal(xc_qparser_error(NULL), "");
	assert_string_equal(xc_enquire_error(NULL), "");
	assert_int_equal(xc_mset_size(NULL), 0);
	assert_int_equal(xc_query_empty(NULL), 1);
}

static void test_null_arguments(void **state)
{
	unsigned n = 7;
	xc_db *db = POISON;

	(void)state;
	assert_int_equal(xc_db_doccount(NULL, &n), XC_INVALID);
	assert_int_equal(n, 0);
	assert_string_equal(xc_last_error(),
			    "InvalidArgumentError: db is NULL");
	assert_int_equal(xc_db_open(NULL, &db), XC_INVALID);
	assert_null(db);
	assert_int_equal(xc_doc_new(NULL), XC_INVALID);
}

/* ------------------------------------------------------------------ */
/* Writing: add, replace, delete, commit, transactions */

static void test_add_document(void **state)
{
	xc_db *db = new_db("add");
	xc_doc *doc = NULL;
	const char *data = NULL, *value = NULL;
	size_t len = 0;
	unsigned docid = 0;

	(void)state;
	assert_int_equal(doccount(db), 0);
	assert_int_equal(add_doc(db, "a", "first text", "20251001", NULL), 1);
	assert_int_equal(add_doc(db, "b", "second text", "20251002", NULL), 2);
	assert_int_equal(doccount(db), 2);

	assert_int_equal(xc_db_get_document(db, 2, &doc), XC_OK);
	assert_int_equal(xc_doc_get_docid(doc, &docid), XC_OK);
	assert_int_equal(docid, 2);
	assert_int_equal(xc_doc_get_data(doc, &data, &len), XC_OK);
	assert_int_equal(len, 11);
	assert_memory_equal(data, "second text", 11);
	assert_int_equal(xc_doc_get_value(doc, SLOT_DATE, &value, &len), XC_OK);
	assert_int_equal(len, 8);
	assert_memory_equal(value, "20251002", 8);
	assert_int_equal(xc_doc_get_value(doc, 9, &value, &len), XC_OK);
	assert_int_equal(len, 0);
	assert_string_equal(value, "");
	xc_doc_destroy(doc);

	assert_int_equal(xc_db_termfreq(db, "text", &docid), XC_OK);
	assert_int_equal(docid, 2);
	assert_int_equal(xc_db_collection_freq(db, "first", &docid), XC_OK);
	assert_int_equal(docid, 1);
	xc_db_destroy(db);
}

static void test_replace_by_term(void **state)
{
	xc_db *db = new_db("replace");
	xc_doc *doc;
	const char *data = NULL;
	size_t len = 0;
	unsigned docid = 0, tf = 0;

	(void)state;
	add_doc(db, "a", "alpha", NULL, NULL);
	add_doc(db, "b", "bravo", NULL, NULL);
	add_doc(db, "c", "charlie", NULL, NULL);

	doc = make_doc("b", "bravo again", NULL, NULL);
	assert_int_equal(xc_db_replace_document_by_term(db, "Qb", doc, &docid),
			 XC_OK);
	xc_doc_destroy(doc);
	assert_int_equal(docid, 2);
	assert_int_equal(doccount(db), 3);
	assert_int_equal(xc_db_get_document(db, 2, &doc), XC_OK);
	assert_int_equal(xc_doc_get_data(doc, &data, &len), XC_OK);
	assert_int_equal(len, 11);
	assert_memory_equal(data, "bravo again", 11);
	xc_doc_destroy(doc);
	assert_int_equal(xc_db_termfreq(db, "again", &tf), XC_OK);
	assert_int_equal(tf, 1);

	/* No document has the term: the new one is added. */
	doc = make_doc("z", "zulu", NULL, NULL);
	assert_int_equal(xc_db_replace_document_by_term(db, "Qz", doc, &docid),
			 XC_OK);
	xc_doc_destroy(doc);
	assert_int_equal(docid, 4);
	assert_int_equal(doccount(db), 4);
	xc_db_destroy(db);
}

/* Re-writing a document's values and boolean terms in place, as the
 * duplicate-cluster pass does; the last docid survives deletions. */
static void test_replace_by_docid(void **state)
{
	xc_db *db = new_db("replace-docid");
	xc_doc *doc;
	const char *value = NULL;
	size_t len = 0;
	unsigned last = 99, tf = 0;

	(void)state;
	assert_int_equal(xc_db_get_lastdocid(db, &last), XC_OK);
	assert_int_equal(last, 0);
	add_doc(db, "a", "alpha", NULL, NULL);
	add_doc(db, "b", "bravo", NULL, NULL);
	assert_int_equal(xc_db_delete_document(db, 2), XC_OK);
	assert_int_equal(xc_db_get_lastdocid(db, &last), XC_OK);
	assert_int_equal(last, 2);

	assert_int_equal(xc_db_get_document(db, 1, &doc), XC_OK);
	assert_int_equal(xc_doc_add_value(doc, 8, "key", 3), XC_OK);
	assert_int_equal(xc_doc_add_boolean_term(doc, "XCLkey"), XC_OK);
	assert_int_equal(xc_doc_remove_term(doc, "Qa"), XC_OK);
	/* A term the document does not have. */
	assert_int_equal(xc_doc_remove_term(doc, "Qnone"), XC_INVALID);
	assert_int_equal(xc_db_replace_document(db, 1, doc), XC_OK);
	assert_int_equal(xc_db_replace_document(db, 0, doc), XC_INVALID);
	xc_doc_destroy(doc);
	assert_int_equal(doccount(db), 1);
	assert_int_equal(xc_db_termfreq(db, "XCLkey", &tf), XC_OK);
	assert_int_equal(tf, 1);
	assert_int_equal(xc_db_termfreq(db, "Qa", &tf), XC_OK);
	assert_int_equal(tf, 0);
	assert_int_equal(xc_db_termfreq(db, "alpha", &tf), XC_OK);
	assert_int_equal(tf, 1);
	assert_int_equal(xc_db_get_document(db, 1, &doc), XC_OK);
	assert_int_equal(xc_doc_get_value(doc, 8, &value, &len), XC_OK);
	assert_int_equal(len, 3);
	assert_memory_equal(value, "key", 3);
	xc_doc_destroy(doc);
	xc_db_destroy(db);
}

static void test_delete_documents(void **state)
{
	xc_db *db = new_db("delete");
	xc_doc *doc = POISON;

	(void)state;
	add_doc(db, "a", "alpha", NULL, NULL);
	add_doc(db, "b", "bravo", NULL, NULL);
	add_doc(db, "c", "charlie", NULL, NULL);

	assert_int_equal(xc_db_delete_document(db, 1), XC_OK);
	assert_int_equal(doccount(db), 2);
	assert_int_equal(xc_db_delete_documents_by_term(db, "Qc"), XC_OK);
	assert_int_equal(doccount(db), 1);
	/* Deleting by an absent term is not an error. */
	assert_int_equal(xc_db_delete_documents_by_term(db, "Qnone"), XC_OK);
	assert_int_equal(doccount(db), 1);

	assert_int_equal(xc_db_get_document(db, 1, &doc), XC_DOC_NOT_FOUND);
	assert_null(doc);
	assert_string_equal(xc_db_error(db),
			    "DocNotFoundError: Document not found: 1");
	assert_string_equal(xc_last_error(),
			    "DocNotFoundError: Document not found: 1");
	assert_int_equal(xc_db_delete_document(db, 99), XC_DOC_NOT_FOUND);
	assert_int_equal(xc_db_get_document(db, 0, &doc), XC_INVALID);
	assert_string_equal(xc_db_error(db),
			    "InvalidArgumentError: Document ID 0 is invalid");
	xc_db_destroy(db);
}

static void test_commit_and_reopen(void **state)
{
	xc_db *w = new_db("reopen");
	xc_db *r;

	(void)state;
	add_doc(w, "a", "alpha", NULL, NULL);
	add_doc(w, "b", "bravo", NULL, NULL);
	assert_int_equal(xc_db_commit(w), XC_OK);

	r = open_reader("reopen");
	assert_int_equal(doccount(r), 2);

	add_doc(w, "c", "charlie", NULL, NULL);
	assert_int_equal(xc_db_commit(w), XC_OK);
	/* A reader stays at its revision until reopened. */
	assert_int_equal(doccount(r), 2);
	assert_int_equal(xc_db_reopen(r), XC_OK);
	assert_int_equal(doccount(r), 3);

	/* Writing through a reader is refused. */
	assert_int_equal(xc_db_commit(r), XC_INVALID);
	assert_string_equal(xc_db_error(r), "InvalidOperationError: database "
					    "handle is read-only");

	assert_int_equal(xc_db_close(w), XC_OK);
	assert_int_equal(xc_db_close(w), XC_OK);
	xc_db_destroy(w);
	xc_db_destroy(r);
}

/* Xapian commits pending changes in the WritableDatabase destructor, so
 * destroying an uncommitted handle does not lose them. */
static void test_destroy_commits_pending(void **state)
{
	xc_db *w = new_db("pending");
	xc_db *r;

	(void)state;
	add_doc(w, "a", "alpha", NULL, NULL);
	xc_db_destroy(w);
	r = open_reader("pending");
	assert_int_equal(doccount(r), 1);
	xc_db_destroy(r);
}

static void test_transactions(void **state)
{
	xc_db *db = new_db("transaction");

	(void)state;
	add_doc(db, "a", "alpha", NULL, NULL);
	assert_int_equal(xc_db_begin_transaction(db), XC_OK);
	add_doc(db, "b", "bravo", NULL, NULL);
	assert_int_equal(doccount(db), 2);
	assert_int_equal(xc_db_cancel_transaction(db), XC_OK);
	assert_int_equal(doccount(db), 1);

	assert_int_equal(xc_db_begin_transaction(db), XC_OK);
	/* commit() inside a transaction is a misuse. */
	assert_int_equal(xc_db_commit(db), XC_INVALID);
	add_doc(db, "c", "charlie", NULL, NULL);
	assert_int_equal(xc_db_commit_transaction(db), XC_OK);
	assert_int_equal(doccount(db), 2);
	assert_int_equal(xc_db_commit_transaction(db), XC_INVALID);
	xc_db_destroy(db);
}

static void test_metadata(void **state)
{
	xc_db *w = new_db("metadata");
	xc_db *r;
	char *value = NULL;

	(void)state;
	assert_int_equal(xc_db_set_metadata(w, "schema", "v1"), XC_OK);
	assert_int_equal(xc_db_get_metadata(w, "schema", &value), XC_OK);
	assert_string_equal(value, "v1");
	free(value);
	assert_int_equal(xc_db_commit(w), XC_OK);

	r = open_reader("metadata");
	assert_int_equal(xc_db_get_metadata(r, "schema", &value), XC_OK);
	assert_string_equal(value, "v1");
	free(value);
	assert_int_equal(xc_db_get_metadata(r, "absent", &value), XC_OK);
	assert_string_equal(value, "");
	free(value);
	assert_int_equal(xc_db_set_metadata(r, "schema", "v2"), XC_INVALID);
	xc_db_destroy(r);
	xc_db_destroy(w);
}

static void test_value_bounds(void **state)
{
	xc_db *db = fruit_db("bounds");
	char *lo = NULL, *hi = NULL;

	(void)state;
	assert_int_equal(xc_db_value_bounds(db, SLOT_DATE, &lo, &hi), XC_OK);
	assert_string_equal(lo, "20250930");
	assert_string_equal(hi, "20251201");
	free(lo);
	free(hi);
	assert_int_equal(xc_db_value_bounds(db, 7, &lo, &hi), XC_OK);
	assert_string_equal(lo, "");
	assert_string_equal(hi, "");
	free(lo);
	free(hi);
	xc_db_destroy(db);
}

/* ------------------------------------------------------------------ */
/* Iteration callbacks */

static void test_postlist(void **state)
{
	xc_db *db = fruit_db("postlist");
	struct docids d = { .n = 0 };

	(void)state;
	assert_int_equal(xc_db_postlist(db, "cherry", collect_docid, &d),
			 XC_OK);
	assert_ids(d.ids, d.n, (const unsigned[]){ 2, 3, 4 }, 3);

	memset(&d, 0, sizeof d);
	d.stop_after = 2;
	assert_int_equal(xc_db_postlist(db, "apple", collect_docid, &d), XC_OK);
	assert_ids(d.ids, d.n, (const unsigned[]){ 1, 2 }, 2);

	memset(&d, 0, sizeof d);
	assert_int_equal(xc_db_postlist(db, "absent", collect_docid, &d),
			 XC_OK);
	assert_int_equal(d.n, 0);
	xc_db_destroy(db);
}

static void test_allterms(void **state)
{
	xc_db *db = fruit_db("allterms");
	struct terms t = { .n = 0 };

	(void)state;
	assert_int_equal(xc_db_allterms(db, "Q", collect_term_count, &t),
			 XC_OK);
	assert_int_equal(t.n, 4);
	assert_string_equal(t.term[0], "Qa");
	assert_string_equal(t.term[3], "Qd");
	assert_int_equal(t.count[0], 1);

	memset(&t, 0, sizeof t);
	assert_int_equal(xc_db_allterms(db, "", collect_term_count, &t), XC_OK);
	/* Sorted bytewise: capitals first. */
	assert_int_equal(t.n, 8);
	assert_string_equal(t.term[0], "Qa");
	assert_string_equal(t.term[4], "apple");
	assert_int_equal(t.count[4], 3);
	assert_string_equal(t.term[5], "banana");
	assert_int_equal(t.count[5], 3);
	assert_string_equal(t.term[6], "cherry");
	assert_int_equal(t.count[6], 3);
	assert_string_equal(t.term[7], "date");
	assert_int_equal(t.count[7], 1);

	memset(&t, 0, sizeof t);
	t.stop_after = 1;
	assert_int_equal(xc_db_allterms(db, "b", collect_term_count, &t),
			 XC_OK);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.term[0], "banana");
	xc_db_destroy(db);
}

static void test_termlist(void **state)
{
	xc_db *db = fruit_db("termlist");
	xc_doc *doc = NULL;
	struct terms t = { .n = 0 };

	(void)state;
	assert_int_equal(xc_db_get_document(db, 2, &doc), XC_OK);
	assert_int_equal(xc_doc_termlist(doc, collect_term_count, &t), XC_OK);
	assert_int_equal(t.n, 3);
	assert_string_equal(t.term[0], "Qb");
	assert_int_equal(t.count[0], 0); /* boolean term: wdf 0 */
	assert_string_equal(t.term[1], "apple");
	assert_int_equal(t.count[1], 3);
	assert_string_equal(t.term[2], "cherry");
	assert_int_equal(t.count[2], 1);
	xc_doc_destroy(doc);

	/* A document being built has its terms too. */
	assert_int_equal(xc_doc_new(&doc), XC_OK);
	assert_int_equal(xc_doc_add_term(doc, "x", 5), XC_OK);
	memset(&t, 0, sizeof t);
	assert_int_equal(xc_doc_termlist(doc, collect_term_count, &t), XC_OK);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.term[0], "x");
	assert_int_equal(t.count[0], 5);
	xc_doc_destroy(doc);
	xc_db_destroy(db);
}

/* ------------------------------------------------------------------ */
/* Searching */

static void test_search_bm25_order(void **state)
{
	xc_db *db = fruit_db("bm25");
	xc_qparser *qp = NULL;
	xc_query *q;
	xc_mset *ms;
	unsigned ids[MAX_ITEMS];
	double w0 = 0, w1 = 0, w2 = 0;

	(void)state;
	assert_int_equal(xc_qparser_new(&qp), XC_OK);
	q = parse(qp, "apple", XC_QP_DEFAULT);
	ms = search(db, q);
	/* Three apples beat one; of the one-apple documents, the shorter
	 * wins. */
	assert_ids(ids, mset_ids(ms, ids), (const unsigned[]){ 2, 1, 4 }, 3);
	assert_int_equal(xc_mset_matches_estimated(ms), 3);
	assert_int_equal(xc_mset_matches_lower_bound(ms), 3);
	assert_int_equal(xc_mset_matches_upper_bound(ms), 3);
	assert_int_equal(xc_mset_weight(ms, 0, &w0), XC_OK);
	assert_int_equal(xc_mset_weight(ms, 1, &w1), XC_OK);
	assert_int_equal(xc_mset_weight(ms, 2, &w2), XC_OK);
	assert_true(w0 > w1 && w1 > w2 && w2 > 0);
	assert_int_equal(xc_mset_docid(ms, 3, &ids[0]), XC_INVALID);
	assert_int_equal(ids[0], 0);
	xc_mset_destroy(ms);
	xc_query_destroy(q);

	/* Default op OR: any of the words. */
	q = parse(qp, "date cherry", XC_QP_DEFAULT);
	ms = search(db, q);
	assert_ids(ids, mset_ids(ms, ids), (const unsigned[]){ 4, 3, 2 }, 3);
	xc_mset_destroy(ms);
	xc_query_destroy(q);
	xc_qparser_destroy(qp);

	/* Default op AND: all of them. */
	assert_ids(ids, query_ids(db, "apple banana", XC_QP_DEFAULT, ids),
		   (const unsigned[]){ 1, 4 }, 2);
	assert_ids(ids, query_ids(db, "banana -apple", XC_QP_DEFAULT, ids),
		   (const unsigned[]){ 3 }, 1);
	assert_ids(ids, query_ids(db, "kiwi", XC_QP_DEFAULT, ids), NULL, 0);
	xc_db_destroy(db);
}

static void test_search_phrase(void **state)
{
	xc_db *db = new_db("phrase");
	unsigned ids[MAX_ITEMS];

	(void)state;
	add_doc(db, "a", "a new york city guide", NULL, NULL);
	add_doc(db, "b", "york is not new", NULL, NULL);
	add_doc(db, "c", "new and shiny york", NULL, NULL);
	assert_int_equal(xc_db_commit(db), XC_OK);

	assert_ids(ids, query_ids(db, "\"new york\"", XC_QP_DEFAULT, ids),
		   (const unsigned[]){ 1 }, 1);
	assert_int_equal(query_ids(db, "new york", XC_QP_DEFAULT, ids), 3);
	/* Without FLAG_PHRASE the quotes are ignored. */
	assert_int_equal(query_ids(db, "\"new york\"", XC_QP_BOOLEAN, ids), 3);
	xc_db_destroy(db);
}

static void test_search_date_range(void **state)
{
	xc_db *db = fruit_db("daterange");
	unsigned ids[MAX_ITEMS];

	(void)state;
	/* Dates: 1: 20251115, 2: 20250930, 3: 20251201, 4: 20251001. */
	assert_ids(ids,
		   query_ids(db, "date:2025-10-01..2025-11-30", XC_QP_DEFAULT,
			     ids),
		   (const unsigned[]){ 1, 4 }, 2);
	assert_ids(ids, query_ids(db, "date:2025-10-01..", XC_QP_DEFAULT, ids),
		   (const unsigned[]){ 1, 3, 4 }, 3);
	assert_ids(ids, query_ids(db, "date:..2025-10-01", XC_QP_DEFAULT, ids),
		   (const unsigned[]){ 2, 4 }, 2);
	assert_ids(ids,
		   query_ids(db, "date:20251001..20251130", XC_QP_DEFAULT, ids),
		   (const unsigned[]){ 1, 4 }, 2);
	assert_ids(ids,
		   query_ids(db, "date:2025-10-01..date:2025-11-30",
			     XC_QP_DEFAULT, ids),
		   (const unsigned[]){ 1, 4 }, 2);
	/* Combined with a word: a filter on the range. */
	assert_ids(
		ids,
		query_ids(db, "cherry date:2025-10-01..", XC_QP_DEFAULT, ids),
		(const unsigned[]){ 3, 4 }, 2);
	xc_db_destroy(db);
}

static void test_value_range_query(void **state)
{
	xc_db *db = fruit_db("valuerange");
	xc_query *q = NULL;
	xc_mset *ms;
	unsigned ids[MAX_ITEMS];

	(void)state;
	assert_int_equal(
		xc_query_new_value_range(SLOT_DATE, "20251001", "20251130", &q),
		XC_OK);
	assert_query_is(q, "Query(VALUE_RANGE 0 20251001 20251130)");
	ms = search(db, q);
	assert_ids(ids, mset_ids(ms, ids), (const unsigned[]){ 1, 4 }, 2);
	xc_mset_destroy(ms);
	xc_query_destroy(q);

	assert_int_equal(
		xc_query_new_value_range(SLOT_DATE, NULL, "20251001", &q),
		XC_OK);
	assert_query_is(q, "Query(VALUE_LE 0 20251001)");
	xc_query_destroy(q);
	assert_int_equal(
		xc_query_new_value_range(SLOT_DATE, "20251001", NULL, &q),
		XC_OK);
	assert_query_is(q, "Query(VALUE_GE 0 20251001)");
	xc_query_destroy(q);
	xc_db_destroy(db);
}

static void test_sort_by_value(void **state)
{
	xc_db *db = fruit_db("sort");
	xc_enquire *enq = NULL;
	xc_query *q = NULL;
	xc_mset *ms = NULL;
	unsigned ids[MAX_ITEMS];

	(void)state;
	assert_int_equal(xc_query_new_match_all(&q), XC_OK);
	assert_int_equal(xc_enquire_new(db, &enq), XC_OK);
	assert_int_equal(xc_enquire_set_query(enq, q), XC_OK);

	assert_int_equal(xc_enquire_set_sort_by_value(enq, SLOT_DATE, 0),
			 XC_OK);
	assert_int_equal(xc_enquire_mset(enq, 0, 10, 0, NULL, &ms), XC_OK);
	assert_ids(ids, mset_ids(ms, ids), (const unsigned[]){ 2, 4, 1, 3 }, 4);
	xc_mset_destroy(ms);

	assert_int_equal(xc_enquire_set_sort_by_value(enq, SLOT_DATE, 1),
			 XC_OK);
	assert_int_equal(xc_enquire_mset(enq, 0, 10, 0, NULL, &ms), XC_OK);
	assert_ids(ids, mset_ids(ms, ids), (const unsigned[]){ 3, 1, 4, 2 }, 4);
	xc_mset_destroy(ms);

	/* A window of the sorted results. */
	assert_int_equal(xc_enquire_mset(enq, 1, 2, 0, NULL, &ms), XC_OK);
	assert_ids(ids, mset_ids(ms, ids), (const unsigned[]){ 1, 4 }, 2);
	xc_mset_destroy(ms);

	/* Back to relevance: all weights equal, so docid order. */
	assert_int_equal(xc_enquire_set_sort_by_value(enq, -1, 0), XC_OK);
	assert_int_equal(xc_enquire_mset(enq, 0, 10, 0, NULL, &ms), XC_OK);
	assert_ids(ids, mset_ids(ms, ids), (const unsigned[]){ 1, 2, 3, 4 }, 4);
	xc_mset_destroy(ms);

	xc_enquire_destroy(enq);
	xc_query_destroy(q);
	xc_db_destroy(db);
}

static void test_collapse(void **state)
{
	xc_db *db = fruit_db("collapse");
	xc_enquire *enq = NULL;
	xc_query *q = NULL;
	xc_mset *ms = NULL;
	unsigned ids[MAX_ITEMS], count = 9;

	(void)state;
	assert_int_equal(xc_query_new_match_all(&q), XC_OK);
	assert_int_equal(xc_enquire_new(db, &enq), XC_OK);
	assert_int_equal(xc_enquire_set_query(enq, q), XC_OK);
	/* Groups: 1 x, 2 y, 3 x, 4 x. */
	assert_int_equal(xc_enquire_set_collapse_key(enq, SLOT_GROUP, 1),
			 XC_OK);
	assert_int_equal(xc_enquire_mset(enq, 0, 10, 10, NULL, &ms), XC_OK);
	assert_ids(ids, mset_ids(ms, ids), (const unsigned[]){ 1, 2 }, 2);
	assert_int_equal(xc_mset_collapse_count(ms, 0, &count), XC_OK);
	assert_int_equal(count, 2);
	assert_int_equal(xc_mset_collapse_count(ms, 1, &count), XC_OK);
	assert_int_equal(count, 0);
	xc_mset_destroy(ms);

	assert_int_equal(xc_enquire_set_collapse_key(enq, -1, 0), XC_OK);
	assert_int_equal(xc_enquire_mset(enq, 0, 10, 10, NULL, &ms), XC_OK);
	assert_int_equal(xc_mset_size(ms), 4);
	xc_mset_destroy(ms);
	xc_enquire_destroy(enq);
	xc_query_destroy(q);
	xc_db_destroy(db);
}

static void test_mset_document(void **state)
{
	xc_db *db = fruit_db("msetdoc");
	xc_query *q = NULL;
	xc_mset *ms;
	xc_doc *doc = NULL;
	const char *data = NULL;
	size_t len = 0;

	(void)state;
	assert_int_equal(xc_query_new_term("date", 1, 0, &q), XC_OK);
	ms = search(db, q);
	assert_int_equal(xc_mset_size(ms), 1);
	assert_int_equal(xc_mset_document(ms, 0, &doc), XC_OK);
	assert_int_equal(xc_doc_get_data(doc, &data, &len), XC_OK);
	assert_int_equal(len, strlen("apple banana cherry date"));
	assert_memory_equal(data, "apple banana cherry date", len);
	xc_doc_destroy(doc);
	assert_int_equal(xc_mset_document(ms, 1, &doc), XC_INVALID);
	assert_null(doc);
	xc_mset_destroy(ms);
	xc_query_destroy(q);
	xc_db_destroy(db);
}

static void test_add_database(void **state)
{
	xc_db *w1 = new_db("multi1");
	xc_db *w2 = new_db("multi2");
	xc_db *r1, *r2;
	struct docids d = { .n = 0 };

	(void)state;
	add_doc(w1, "a", "shared one", NULL, NULL);
	add_doc(w2, "b", "shared two", NULL, NULL);
	add_doc(w2, "c", "three", NULL, NULL);
	assert_int_equal(xc_db_commit(w1), XC_OK);
	assert_int_equal(xc_db_commit(w2), XC_OK);
	r1 = open_reader("multi1");
	r2 = open_reader("multi2");
	assert_int_equal(xc_db_add_database(r1, r2), XC_OK);
	xc_db_destroy(r2);
	assert_int_equal(doccount(r1), 3);
	/* Docids interleave across the two shards. */
	assert_int_equal(xc_db_postlist(r1, "shared", collect_docid, &d),
			 XC_OK);
	assert_ids(d.ids, d.n, (const unsigned[]){ 1, 2 }, 2);
	assert_int_equal(xc_db_add_database(w1, r1), XC_INVALID);
	xc_db_destroy(r1);
	xc_db_destroy(w1);
	xc_db_destroy(w2);
}

/* ------------------------------------------------------------------ */
/* Queries and the query parser */

static void test_query_build(void **state)
{
	xc_query *a = NULL, *b = NULL, *either = NULL, *phrase = NULL;
	xc_query *scaled = NULL, *bad = POISON;
	struct terms t = { .n = 0 };

	(void)state;
	assert_int_equal(xc_query_new_term("a", 1, 1, &a), XC_OK);
	assert_int_equal(xc_query_new_term("b", 2, 2, &b), XC_OK);
	assert_query_is(a, "Query(a@1)");
	assert_int_equal(xc_query_new_combined(XC_OP_OR,
					       (xc_query *const[]){ a, b, a },
					       3, 0, &either),
			 XC_OK);
	assert_query_is(either, "Query((a@1 OR b#2@2 OR a@1))");
	assert_int_equal(xc_query_new_combined(XC_OP_PHRASE,
					       (xc_query *const[]){ a, b }, 2,
					       0, &phrase),
			 XC_OK);
	assert_query_is(phrase, "Query((a@1 PHRASE 2 b#2@2))");
	assert_int_equal(xc_query_new_scaled(a, 2.5, &scaled), XC_OK);
	assert_query_is(scaled, "Query(2.5 * a@1)");
	assert_int_equal(xc_query_new_combined(XC_OP_SCALE_WEIGHT,
					       (xc_query *const[]){ a }, 1, 0,
					       &bad),
			 XC_INVALID);
	assert_null(bad);

	assert_int_equal(xc_query_terms(either, collect_term, &t), XC_OK);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.term[0], "a");
	assert_string_equal(t.term[1], "b");

	assert_int_equal(xc_query_empty(a), 0);
	assert_int_equal(xc_query_new_combined(XC_OP_AND, NULL, 0, 0, &bad),
			 XC_OK);
	assert_int_equal(xc_query_empty(bad), 1);
	assert_query_is(bad, "Query()");
	xc_query_destroy(bad);
	xc_query_destroy(a);
	xc_query_destroy(b);
	xc_query_destroy(either);
	xc_query_destroy(phrase);
	xc_query_destroy(scaled);
}

static void test_qparser_prefixes(void **state)
{
	xc_qparser *qp = NULL;
	xc_query *q;
	const char *stop[] = { "the", "a" };
	xc_stopper *stopper = NULL;

	(void)state;
	assert_int_equal(xc_qparser_new(&qp), XC_OK);
	assert_int_equal(xc_qparser_add_prefix(qp, "title", "S"), XC_OK);
	assert_int_equal(xc_qparser_add_boolean_prefix(qp, "site", "H"), XC_OK);
	q = parse(qp, "title:fox site:example.com", XC_QP_DEFAULT);
	assert_query_is(q, "Query((Sfox@1 FILTER Hexample.com))");
	xc_query_destroy(q);

	assert_int_equal(xc_qparser_parse(qp, "fox", XC_QP_DEFAULT, "XT", &q),
			 XC_OK);
	assert_query_is(q, "Query(XTfox@1)");
	xc_query_destroy(q);

	assert_int_equal(xc_stopper_new(stop, 2, &stopper), XC_OK);
	assert_int_equal(xc_qparser_set_stopper(qp, stopper), XC_OK);
	/* The parser keeps its own copy of the stop words. */
	xc_stopper_destroy(stopper);
	q = parse(qp, "the fox", XC_QP_DEFAULT);
	assert_query_is(q, "Query(fox@2)");
	xc_query_destroy(q);

	assert_int_equal(xc_qparser_set_default_op(qp, XC_OP_AND_NOT),
			 XC_INVALID);
	xc_qparser_destroy(qp);
}

static void test_qparser_syntax_error(void **state)
{
	xc_qparser *qp = NULL;
	xc_query *q = POISON;

	(void)state;
	assert_int_equal(xc_qparser_new(&qp), XC_OK);
	assert_int_equal(
		xc_qparser_parse(qp, "AND AND", XC_QP_DEFAULT, NULL, &q),
		XC_QUERY_SYNTAX);
	assert_null(q);
	assert_string_equal(xc_qparser_error(qp), "QueryParserError: Syntax: "
						  "<expression> AND "
						  "<expression>");
	assert_string_equal(xc_last_error(), xc_qparser_error(qp));

	/* Without FLAG_BOOLEAN the same words are plain terms. */
	q = parse(qp, "AND AND", 0);
	assert_query_is(q, "Query((and@1 OR and@2))");
	xc_query_destroy(q);

	/* With no range processor, "a..b" is a phrase of two words; once
	 * there is one, a range none of them accepts is an error whatever
	 * the flags. */
	q = parse(qp, "a..b", 0);
	assert_query_is(q, "Query((a@1 PHRASE 2 b@2))");
	xc_query_destroy(q);
	assert_int_equal(xc_qparser_add_date_range(qp, SLOT_DATE, "date"),
			 XC_OK);
	q = POISON;
	assert_int_equal(xc_qparser_parse(qp, "a..b", 0, NULL, &q),
			 XC_QUERY_SYNTAX);
	assert_null(q);
	assert_string_equal(xc_qparser_error(qp),
			    "QueryParserError: Unknown range operation");
	assert_int_equal(xc_qparser_parse(qp, "date:soon..later", 0, NULL, &q),
			 XC_QUERY_SYNTAX);
	xc_qparser_destroy(qp);
}

static void test_synonyms(void **state)
{
	xc_db *db = new_db("synonyms");
	xc_qparser *qp = NULL;
	xc_query *q;
	struct terms t = { .n = 0 };

	(void)state;
	add_doc(db, "a", "an automobile", NULL, NULL);
	add_doc(db, "b", "a car", NULL, NULL);
	add_doc(db, "c", "a bicycle", NULL, NULL);
	assert_int_equal(xc_db_add_synonym(db, "car", "automobile"), XC_OK);
	assert_int_equal(xc_db_add_synonym(db, "car", "auto"), XC_OK);
	assert_int_equal(xc_db_commit(db), XC_OK);

	assert_int_equal(xc_db_synonyms(db, "car", collect_synonym, &t), XC_OK);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.term[0], "auto");
	assert_string_equal(t.term[1], "automobile");

	assert_int_equal(xc_qparser_new(&qp), XC_OK);
	assert_int_equal(xc_qparser_set_database(qp, db), XC_OK);
	q = parse(qp, "~car", XC_QP_DEFAULT | XC_QP_SYNONYM);
	assert_query_is(q, "Query((car@1 SYNONYM auto@1 SYNONYM "
			   "automobile@1))");
	{
		xc_mset *ms = search(db, q);
		unsigned ids[MAX_ITEMS];

		assert_int_equal(mset_ids(ms, ids), 2);
		xc_mset_destroy(ms);
	}
	xc_query_destroy(q);
	q = parse(qp, "~car", XC_QP_DEFAULT);
	assert_query_is(q, "Query(car@1)");
	xc_query_destroy(q);

	assert_int_equal(xc_db_add_synonym(db, "cart", "wagon"), XC_OK);
	assert_int_equal(xc_db_add_synonym(db, "bus", "coach"), XC_OK);
	memset(&t, 0, sizeof t);
	assert_int_equal(xc_db_synonym_keys(db, "car", collect_synonym, &t),
			 XC_OK);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.term[0], "car");
	assert_string_equal(t.term[1], "cart");
	memset(&t, 0, sizeof t);
	assert_int_equal(xc_db_synonym_keys(db, "", collect_synonym, &t),
			 XC_OK);
	assert_int_equal(t.n, 3);
	assert_string_equal(t.term[0], "bus");

	assert_int_equal(xc_db_clear_synonyms(db, "car"), XC_OK);
	memset(&t, 0, sizeof t);
	assert_int_equal(xc_db_synonyms(db, "car", collect_synonym, &t), XC_OK);
	assert_int_equal(t.n, 0);
	xc_qparser_destroy(qp);
	xc_db_destroy(db);
}

/* A field processor: "vehicle:N" is the term "wheelsN"; "bad" fails,
 * "oom" runs out of memory. */
static xc_status wheels_field(void *ctx, const char *text, xc_query **out)
{
	char term[64];

	++*(int *)ctx;
	*out = NULL;
	if (!strcmp(text, "bad"))
		return XC_INVALID;
	if (!strcmp(text, "oom"))
		return XC_NOMEM;
	snprintf(term, sizeof term, "wheels%s", text);
	return xc_query_new_term(term, 1, 0, out);
}

static void test_field_processor(void **state)
{
	xc_qparser *qp = NULL;
	xc_query *q = POISON;
	int calls = 0;

	(void)state;
	assert_int_equal(xc_qparser_new(&qp), XC_OK);
	assert_int_equal(
		xc_qparser_add_field_proc(qp, "vehicle", wheels_field, &calls),
		XC_OK);
	q = parse(qp, "vehicle:4 AND red", XC_QP_DEFAULT);
	assert_query_is(q, "Query((wheels4 AND red@2))");
	xc_query_destroy(q);
	assert_int_equal(calls, 1);
	q = POISON;
	assert_int_equal(
		xc_qparser_parse(qp, "vehicle:bad", XC_QP_DEFAULT, NULL, &q),
		XC_QUERY_SYNTAX);
	assert_null(q);
	assert_string_equal(xc_qparser_error(qp),
			    "QueryParserError: cannot expand 'bad'");
	assert_int_equal(
		xc_qparser_parse(qp, "vehicle:oom", XC_QP_DEFAULT, NULL, &q),
		XC_NOMEM);
	assert_null(q);
	assert_int_equal(xc_qparser_add_field_proc(qp, "x", NULL, NULL),
			 XC_INVALID);
	xc_qparser_destroy(qp);
}

static void test_spelling(void **state)
{
	xc_db *db = new_db("spelling");
	xc_termgen *tg = NULL;
	xc_doc *doc = NULL;
	xc_qparser *qp = NULL;
	xc_query *q;
	char *s = NULL;
	const char *text = "hello wonderful world";

	(void)state;
	assert_int_equal(xc_db_add_spelling(db, "xapian", 1), XC_OK);

	/* The term generator feeds the spelling table while indexing. */
	assert_int_equal(xc_termgen_new(&tg), XC_OK);
	assert_int_equal(xc_termgen_set_database(tg, db), XC_OK);
	assert_int_equal(xc_termgen_enable_spelling(tg, 1), XC_OK);
	assert_int_equal(xc_doc_new(&doc), XC_OK);
	assert_int_equal(xc_termgen_set_document(tg, doc), XC_OK);
	assert_int_equal(
		xc_termgen_index_text(tg, text, strlen(text), 1, NULL, 0),
		XC_OK);
	assert_int_equal(xc_db_add_document(db, doc, NULL), XC_OK);
	xc_doc_destroy(doc);
	xc_termgen_destroy(tg);
	assert_int_equal(xc_db_commit(db), XC_OK);

	assert_int_equal(xc_db_spelling_suggestion(db, "xapain", 2, &s), XC_OK);
	assert_string_equal(s, "xapian");
	free(s);
	assert_int_equal(xc_db_spelling_suggestion(db, "wonderfull", 2, &s),
			 XC_OK);
	assert_string_equal(s, "wonderful");
	free(s);
	assert_int_equal(xc_db_spelling_suggestion(db, "zzzzzz", 2, &s), XC_OK);
	assert_string_equal(s, "");
	free(s);

	assert_int_equal(xc_qparser_new(&qp), XC_OK);
	assert_int_equal(xc_qparser_set_database(qp, db), XC_OK);
	q = parse(qp, "helo world", XC_QP_DEFAULT | XC_QP_SPELLING_CORRECTION);
	xc_query_destroy(q);
	assert_int_equal(xc_qparser_corrected_query(qp, &s), XC_OK);
	assert_string_equal(s, "hello world");
	free(s);
	q = parse(qp, "hello world", XC_QP_DEFAULT | XC_QP_SPELLING_CORRECTION);
	xc_query_destroy(q);
	assert_int_equal(xc_qparser_corrected_query(qp, &s), XC_OK);
	assert_string_equal(s, "");
	free(s);
	xc_qparser_destroy(qp);

	/* Spelling needs a writable database. */
	assert_int_equal(xc_termgen_new(&tg), XC_OK);
	{
		xc_db *r = open_reader("spelling");

		assert_int_equal(xc_termgen_set_database(tg, r), XC_INVALID);
		assert_string_equal(xc_termgen_error(tg),
				    "InvalidOperationError: database handle "
				    "is read-only");
		xc_db_destroy(r);
	}
	xc_termgen_destroy(tg);
	xc_db_destroy(db);
}

/* ------------------------------------------------------------------ */
/* Stemmers */

struct strip_s {
	unsigned calls;
	unsigned freed;
	int fail;
	char buf[MAX_TERM];
};

/* Strips one trailing "s"; counts its calls. */
static const char *strip_s(void *ctx, const char *word, size_t len,
			   size_t *out_len)
{
	struct strip_s *s = ctx;

	s->calls++;
	if (s->fail || len >= sizeof s->buf)
		return NULL;
	memcpy(s->buf, word, len);
	if (len > 1 && word[len - 1] == 's')
		len--;
	s->buf[len] = '\0';
	*out_len = len;
	return s->buf;
}

static void free_strip_s(void *ctx)
{
	struct strip_s *s = ctx;

	s->freed++;
}

static void test_custom_stemmer(void **state)
{
	struct strip_s ctx = { .calls = 0 };
	xc_stem *stem = NULL;
	xc_termgen *tg = NULL;
	xc_qparser *qp = NULL;
	xc_doc *doc = NULL;
	xc_query *q;
	struct terms t = { .n = 0 };
	char *out = NULL;
	const char *text = "cats dogs bird cats";

	(void)state;
	assert_int_equal(xc_stem_new_custom(strip_s, &ctx, free_strip_s,
					    "strip-s", &stem),
			 XC_OK);
	assert_int_equal(xc_stem_apply(stem, "horses", &out), XC_OK);
	assert_string_equal(out, "horse");
	free(out);
	assert_int_equal(ctx.calls, 1);

	assert_int_equal(xc_termgen_new(&tg), XC_OK);
	assert_int_equal(xc_termgen_set_stemmer(tg, stem), XC_OK);
	assert_int_equal(xc_termgen_set_stemming_strategy(tg, XC_STEM_SOME),
			 XC_OK);
	assert_int_equal(xc_doc_new(&doc), XC_OK);
	assert_int_equal(xc_termgen_set_document(tg, doc), XC_OK);
	assert_int_equal(
		xc_termgen_index_text(tg, text, strlen(text), 1, NULL, 0),
		XC_OK);
	/* One call per word occurrence. */
	assert_int_equal(ctx.calls, 5);
	assert_int_equal(xc_doc_termlist(doc, collect_term_count, &t), XC_OK);
	assert_int_equal(t.n, 6);
	assert_string_equal(t.term[0], "Zbird");
	assert_string_equal(t.term[1], "Zcat");
	assert_int_equal(t.count[1], 2);
	assert_string_equal(t.term[2], "Zdog");
	assert_string_equal(t.term[3], "bird");
	assert_string_equal(t.term[4], "cats");
	assert_int_equal(t.count[4], 2);
	assert_string_equal(t.term[5], "dogs");
	xc_doc_destroy(doc);

	assert_int_equal(xc_qparser_new(&qp), XC_OK);
	assert_int_equal(xc_qparser_set_stemmer(qp, stem), XC_OK);
	assert_int_equal(xc_qparser_set_stemming_strategy(qp, XC_STEM_SOME),
			 XC_OK);
	q = parse(qp, "cats Dogs", XC_QP_DEFAULT);
	/* Capitalised words are not stemmed under STEM_SOME. */
	assert_query_is(q, "Query((Zcat@1 OR dogs@2))");
	xc_query_destroy(q);

	/* ctx is freed once, when the last user lets go. */
	xc_stem_destroy(stem);
	xc_termgen_destroy(tg);
	assert_int_equal(ctx.freed, 0);
	xc_qparser_destroy(qp);
	assert_int_equal(ctx.freed, 1);
}

static void test_custom_stemmer_nomem(void **state)
{
	struct strip_s ctx = { .fail = 1 };
	xc_stem *stem = NULL;
	char *out = POISON;

	(void)state;
	assert_int_equal(
		xc_stem_new_custom(strip_s, &ctx, NULL, "fails", &stem), XC_OK);
	assert_int_equal(xc_stem_apply(stem, "cats", &out), XC_NOMEM);
	assert_null(out);
	assert_string_equal(xc_last_error(), "std::bad_alloc: out of memory");
	xc_stem_destroy(stem);
	assert_int_equal(ctx.freed, 0);
}

static void test_builtin_stemmer(void **state)
{
	xc_stem *stem = NULL;
	char *out = NULL;

	(void)state;
	assert_int_equal(xc_stem_new_builtin("english", &stem), XC_OK);
	assert_int_equal(xc_stem_apply(stem, "running", &out), XC_OK);
	assert_string_equal(out, "run");
	free(out);
	xc_stem_destroy(stem);

	assert_int_equal(xc_stem_new_builtin("none", &stem), XC_OK);
	assert_int_equal(xc_stem_apply(stem, "running", &out), XC_OK);
	assert_string_equal(out, "running");
	free(out);
	xc_stem_destroy(stem);

	stem = POISON;
	assert_int_equal(xc_stem_new_builtin("klingon", &stem), XC_INVALID);
	assert_null(stem);
	assert_string_equal(xc_last_error(), "InvalidArgumentError: Language "
					     "code klingon unknown");
}

/* ------------------------------------------------------------------ */
/* Snippets and expansion */

static void test_snippet(void **state)
{
	xc_db *db = new_db("snippet");
	xc_query *q = NULL;
	xc_mset *ms;
	char *s = NULL;
	const char *text =
		"The quick brown fox jumps over the lazy dog & <cat>";

	(void)state;
	add_doc(db, "a", text, NULL, NULL);
	assert_int_equal(xc_db_commit(db), XC_OK);
	assert_int_equal(xc_query_new_term("fox", 1, 1, &q), XC_OK);
	ms = search(db, q);

	/* The whole text fits; Xapian escapes it as HTML. */
	assert_int_equal(xc_mset_snippet(ms, text, strlen(text), 200, NULL,
					 XC_SNIPPET_BACKGROUND_MODEL |
						 XC_SNIPPET_EXHAUSTIVE,
					 "[", "]", "...", &s),
			 XC_OK);
	assert_string_equal(s, "The quick brown [fox] jumps over the lazy dog "
			       "&amp; &lt;cat&gt;");
	free(s);

	/* Cut on both sides. */
	assert_int_equal(xc_mset_snippet(ms, text, strlen(text), 20, NULL,
					 XC_SNIPPET_BACKGROUND_MODEL |
						 XC_SNIPPET_EXHAUSTIVE,
					 "[", "]", "...", &s),
			 XC_OK);
	assert_string_equal(s, "...[fox] jumps over the...");
	free(s);

	/* NULL markers are Xapian's defaults. */
	assert_int_equal(xc_mset_snippet(ms, text, strlen(text), 20, NULL, 0,
					 NULL, NULL, NULL, &s),
			 XC_OK);
	assert_string_equal(s, "...<b>fox</b> jumps over the...");
	free(s);

	assert_int_equal(xc_mset_snippet(ms, "nothing here", 12, 200, NULL,
					 XC_SNIPPET_EMPTY_WITHOUT_MATCH, "[",
					 "]", "...", &s),
			 XC_OK);
	assert_string_equal(s, "");
	free(s);
	xc_mset_destroy(ms);
	xc_query_destroy(q);
	xc_db_destroy(db);
}

static void test_eset(void **state)
{
	xc_db *db = new_db("eset");
	xc_enquire *enq = NULL;
	xc_query *q = NULL;
	xc_rset *rset = NULL;
	struct terms t = { .n = 0 };

	(void)state;
	add_doc(db, "a", "the quick brown fox", NULL, NULL);
	add_doc(db, "b", "apple banana kiwi", NULL, NULL);
	add_doc(db, "c", "apple kiwi mango", NULL, NULL);
	add_doc(db, "d", "cherry plum", NULL, NULL);
	assert_int_equal(xc_db_commit(db), XC_OK);

	assert_int_equal(xc_enquire_new(db, &enq), XC_OK);
	assert_int_equal(xc_query_new_term("apple", 1, 1, &q), XC_OK);
	assert_int_equal(xc_enquire_set_query(enq, q), XC_OK);
	assert_int_equal(xc_rset_new(&rset), XC_OK);
	assert_int_equal(xc_rset_add(rset, 2), XC_OK);
	assert_int_equal(xc_rset_add(rset, 3), XC_OK);

	/* kiwi is in both relevant documents and nowhere else. */
	assert_int_equal(
		xc_enquire_eset(enq, 1, rset, 1, collect_term_weight, &t),
		XC_OK);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.term[0], "kiwi");
	assert_true(t.weight[0] > 0);

	memset(&t, 0, sizeof t);
	assert_int_equal(
		xc_enquire_eset(enq, 10, rset, 0, collect_term_weight, &t),
		XC_OK);
	assert_int_equal(t.n, 6); /* apple, banana, kiwi, mango, Qb, Qc */
	{
		int saw_apple = 0;

		for (unsigned i = 0; i < t.n; i++)
			saw_apple |= strcmp(t.term[i], "apple") == 0;
		assert_true(saw_apple);
	}

	memset(&t, 0, sizeof t);
	assert_int_equal(
		xc_enquire_eset(enq, 10, NULL, 1, collect_term_weight, &t),
		XC_OK);
	assert_int_equal(t.n, 0);

	xc_rset_destroy(rset);
	xc_query_destroy(q);
	xc_enquire_destroy(enq);
	xc_db_destroy(db);
}

/* ------------------------------------------------------------------ */
/* Compaction */

static void test_compact(void **state)
{
	xc_db *db = fruit_db("compact-src");
	xc_db *copy;
	char dest[PATH_MAX];

	(void)state;
	assert_int_equal(xc_db_delete_document(db, 2), XC_OK);
	assert_int_equal(xc_db_commit(db), XC_OK);
	db_path(dest, sizeof dest, "compact-dest");
	assert_int_equal(xc_db_compact(db, dest), XC_OK);
	copy = open_reader("compact-dest");
	assert_int_equal(doccount(copy), 3);
	assert_int_equal(doccount(copy), doccount(db));
	xc_db_destroy(copy);
	xc_db_destroy(db);
}

/* ------------------------------------------------------------------ */
/* Errors opening databases */

static void test_open_missing(void **state)
{
	char path[PATH_MAX], want[PATH_MAX + 100];
	xc_db *db = POISON;

	(void)state;
	db_path(path, sizeof path, "missing");
	assert_int_equal(xc_db_open(path, &db), XC_NOT_FOUND);
	assert_null(db);
	snprintf(want, sizeof want,
		 "DatabaseNotFoundError: Couldn't stat '%s' (No such file or "
		 "directory)",
		 path);
	assert_string_equal(xc_last_error(), want);

	assert_int_equal(xc_db_open_writable(path, XC_DB_OPEN, 0, &db),
			 XC_NOT_FOUND);
	assert_null(db);
	assert_true(strstr(xc_last_error(), "No glass database found") != NULL);
}

static void test_open_not_a_database(void **state)
{
	char path[PATH_MAX];
	xc_db *db = NULL;
	FILE *f;

	(void)state;
	/* An empty directory. */
	db_path(path, sizeof path, "emptydir");
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(xc_db_open(path, &db), XC_NOT_FOUND);
	assert_null(db);
	assert_string_equal(xc_last_error(), "DatabaseNotFoundError: Couldn't "
					     "detect type of database");

	/* A regular file is read as a stub listing databases. */
	db_path(path, sizeof path, "notes.txt");
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("hello world\n", f);
	fclose(f);
	assert_int_equal(xc_db_open(path, &db), XC_NOT_FOUND);
	assert_null(db);
	assert_true(strstr(xc_last_error(), ":1: Bad line") != NULL);

	/* An empty file is an empty stub: a database with no documents. */
	db_path(path, sizeof path, "empty.stub");
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(xc_db_open(path, &db), XC_OK);
	assert_int_equal(doccount(db), 0);
	xc_db_destroy(db);
}

static void test_open_locked(void **state)
{
	xc_db *first = new_db("locked");
	xc_db *second = POISON;
	char path[PATH_MAX];

	(void)state;
	db_path(path, sizeof path, "locked");
	/* Xapian's lock is held by a child process, so a second writer in
	 * the same process is refused too. */
	assert_int_equal(
		xc_db_open_writable(path, XC_DB_CREATE_OR_OPEN, 0, &second),
		XC_LOCKED);
	assert_null(second);
	assert_true(strstr(xc_last_error(), "DatabaseLockError: Unable to get "
					    "write lock") != NULL);

	/* Released by close. */
	assert_int_equal(xc_db_close(first), XC_OK);
	assert_int_equal(
		xc_db_open_writable(path, XC_DB_CREATE_OR_OPEN, 0, &second),
		XC_OK);
	xc_db_destroy(second);
	xc_db_destroy(first);
}

static void test_open_writable_actions(void **state)
{
	xc_db *db = new_db("actions");
	xc_db *other = NULL;
	char path[PATH_MAX];

	(void)state;
	add_doc(db, "a", "alpha", NULL, NULL);
	assert_int_equal(xc_db_commit(db), XC_OK);
	xc_db_destroy(db);
	db_path(path, sizeof path, "actions");

	assert_int_equal(xc_db_open_writable(path, XC_DB_CREATE, 0, &other),
			 XC_INVALID);
	assert_null(other);
	assert_true(strstr(xc_last_error(), "a database already exists") !=
		    NULL);

	assert_int_equal(xc_db_open_writable(path, XC_DB_OPEN, 0, &other),
			 XC_OK);
	assert_int_equal(doccount(other), 1);
	xc_db_destroy(other);

	assert_int_equal(xc_db_open_writable(path, XC_DB_CREATE_OR_OVERWRITE,
					     XC_DB_NO_SYNC, &other),
			 XC_OK);
	assert_int_equal(doccount(other), 0);
	xc_db_destroy(other);

	assert_int_equal(xc_db_open_writable(path, (xc_db_action)0, 0, &other),
			 XC_INVALID);
	assert_int_equal(xc_db_open_writable(path, XC_DB_OPEN, 0x1000, &other),
			 XC_INVALID);
	assert_null(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_str),
		cmocka_unit_test(test_destroy_null),
		cmocka_unit_test(test_null_arguments),
		cmocka_unit_test(test_add_document),
		cmocka_unit_test(test_replace_by_term),
		cmocka_unit_test(test_replace_by_docid),
		cmocka_unit_test(test_delete_documents),
		cmocka_unit_test(test_commit_and_reopen),
		cmocka_unit_test(test_destroy_commits_pending),
		cmocka_unit_test(test_transactions),
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_value_bounds),
		cmocka_unit_test(test_postlist),
		cmocka_unit_test(test_allterms),
		cmocka_unit_test(test_termlist),
		cmocka_unit_test(test_search_bm25_order),
		cmocka_unit_test(test_search_phrase),
		cmocka_unit_test(test_search_date_range),
		cmocka_unit_test(test_value_range_query),
		cmocka_unit_test(test_sort_by_value),
		cmocka_unit_test(test_collapse),
		cmocka_unit_test(test_mset_document),
		cmocka_unit_test(test_add_database),
		cmocka_unit_test(test_query_build),
		cmocka_unit_test(test_qparser_prefixes),
		cmocka_unit_test(test_qparser_syntax_error),
		cmocka_unit_test(test_synonyms),
		cmocka_unit_test(test_field_processor),
		cmocka_unit_test(test_spelling),
		cmocka_unit_test(test_custom_stemmer),
		cmocka_unit_test(test_custom_stemmer_nomem),
		cmocka_unit_test(test_builtin_stemmer),
		cmocka_unit_test(test_snippet),
		cmocka_unit_test(test_eset),
		cmocka_unit_test(test_compact),
		cmocka_unit_test(test_open_missing),
		cmocka_unit_test(test_open_not_a_database),
		cmocka_unit_test(test_open_locked),
		cmocka_unit_test(test_open_writable_actions),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
