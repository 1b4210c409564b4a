/* xapian-c.h: a small C binding over the Xapian C++ API.
 *
 * This is the only header through which C code in newsidx reaches Xapian.
 * The implementation (lib/xapian-c/) is the only code that includes
 * <xapian.h>.  Every entry point catches every exception and turns it into
 * an xc_status; no exception and no C++ type ever crosses into C.
 *
 * Conventions:
 *  - Handles are opaque.  Each _new or _open call has a matching _destroy that
 *    accepts NULL and cannot fail.  xc_db_commit() and xc_db_close() can fail
 *    and return a status, so durability never depends on a destructor.
 *  - Outputs come through out-parameters, last; they are set to NULL/0 on
 *    failure.
 *  - On failure the description of the Xapian error is kept both on the
 *    handle involved (xc_db_error(), xc_enquire_error(), ...) and in a
 *    thread-local slot read by xc_last_error(), which is the only place
 *    constructors that fail can leave it.
 *  - Strings are UTF-8, NUL-terminated unless a length is given.  A string
 *    the caller must free says so and names the function (free()).
 *  - Handles are not thread-safe: one thread uses a handle at a time.
 */
#ifndef XAPIAN_C_H
#define XAPIAN_C_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum xc_status {
	XC_OK = 0,
	XC_NOMEM,	  /* std::bad_alloc */
	XC_LOCKED,	  /* DatabaseLockError: another writer holds the lock */
	XC_NOT_FOUND,	  /* DatabaseNotFoundError, DatabaseOpeningError */
	XC_CORRUPT,	  /* DatabaseCorruptError */
	XC_MODIFIED,	  /* DatabaseModifiedError: reopen and retry */
	XC_VERSION,	  /* DatabaseVersionError: unsupported format */
	XC_QUERY_SYNTAX,  /* QueryParserError */
	XC_DOC_NOT_FOUND, /* DocNotFoundError */
	XC_INVALID,	  /* InvalidArgumentError, InvalidOperationError */
	XC_NETWORK,	  /* NetworkError, NetworkTimeoutError */
	XC_ERROR	  /* any other Xapian::Error or C++ exception */
} xc_status;

/* A short fixed English description of a status ("database locked"). */
const char *xc_status_str(xc_status status);

/* The description of the error of the last failing call made by this thread,
 * or "" if none.  Borrowed: valid until the next failing call in this thread. */
const char *xc_last_error(void);

/* ------------------------------------------------------------------ */
/* Databases */

typedef struct xc_db xc_db;

/* How xc_db_open_writable() treats an existing or missing database. */
typedef enum xc_db_action {
	XC_DB_CREATE_OR_OPEN = 1,
	XC_DB_CREATE = 2, /* fail with XC_INVALID if it exists */
	XC_DB_CREATE_OR_OVERWRITE = 3,
	XC_DB_OPEN = 4 /* fail with XC_NOT_FOUND if missing */
} xc_db_action;

/* Flags for xc_db_open_writable(), or-ed. */
enum {
	XC_DB_NO_SYNC = 0x10,	/* Xapian::DB_NO_SYNC: no fsync at commit */
	XC_DB_RETRY_LOCK = 0x20 /* Xapian::DB_RETRY_LOCK: wait for the lock */
};

/* Open a database read-only.  path may be a database directory or a stub
 * file listing several (local or "remote" lines).
 * Returns XC_OK, XC_NOT_FOUND, XC_CORRUPT, XC_VERSION, XC_NETWORK, XC_NOMEM,
 * XC_ERROR. */
xc_status xc_db_open(const char *path, xc_db **out);

/* Open the database served by xapian-tcpsrv at host:port, read-only.
 * timeout_ms bounds each operation, connect_timeout_ms the connection
 * (0: no limit).  Returns XC_OK, XC_NETWORK (cannot connect, timed out),
 * XC_INVALID, XC_NOMEM, XC_ERROR. */
xc_status xc_db_open_remote(const char *host, unsigned port,
			    unsigned timeout_ms, unsigned connect_timeout_ms,
			    xc_db **out);

/* Open a database for writing (glass backend), with an xc_db_action and
 * flags.  Returns XC_OK, XC_LOCKED, XC_NOT_FOUND, XC_INVALID, XC_CORRUPT,
 * XC_VERSION, XC_NOMEM, XC_ERROR. */
xc_status xc_db_open_writable(const char *path, xc_db_action action, int flags,
			      xc_db **out);

/* Add the sub-databases of other to db (read-only handles only), so db
 * searches them all as one.  other stays owned by the caller. */
xc_status xc_db_add_database(xc_db *db, xc_db *other);

/* Reopen at the latest committed revision (readers; after XC_MODIFIED). */
xc_status xc_db_reopen(xc_db *db);

/* Commit pending changes (writable handles).  Can fail. */
xc_status xc_db_commit(xc_db *db);

/* Close: a writable handle commits first.  The handle must still be
 * destroyed afterwards. */
xc_status xc_db_close(xc_db *db);

/* Free the handle.  Xapian's destructor commits pending changes of a
 * writable handle outside a transaction, but a failure there cannot be
 * reported, so call xc_db_commit() or xc_db_close(); inside a transaction
 * the pending changes are discarded. */
void xc_db_destroy(xc_db *db);

/* The last error on this handle, or "".  Borrowed until the next call. */
const char *xc_db_error(const xc_db *db);

xc_status xc_db_doccount(xc_db *db, unsigned *out);
/* The highest document id used so far (0 for a new database); ids above
 * it are what later additions get. */
xc_status xc_db_get_lastdocid(xc_db *db, unsigned *out);
xc_status xc_db_termfreq(xc_db *db, const char *term, unsigned *out);
xc_status xc_db_collection_freq(xc_db *db, const char *term, unsigned *out);
/* Lowest and highest value in slot across the database; *lo and *hi are
 * malloc'ed strings (free()), "" when the slot is empty everywhere. */
xc_status xc_db_value_bounds(xc_db *db, unsigned slot, char **lo, char **hi);

/* Metadata; *out is malloc'ed (free()), "" when the key is absent. */
xc_status xc_db_get_metadata(xc_db *db, const char *key, char **out);
xc_status xc_db_set_metadata(xc_db *db, const char *key, const char *value);

/* Call fn for each user metadata key starting with prefix, in sorted
 * order, until fn returns non-zero. */
xc_status xc_db_metadata_keys(xc_db *db, const char *prefix,
			      int (*fn)(void *ctx, const char *key, size_t len),
			      void *ctx);

/* Transactions (writable handles): flushed, i.e. committed at the end. */
xc_status xc_db_begin_transaction(xc_db *db);
xc_status xc_db_commit_transaction(xc_db *db);
xc_status xc_db_cancel_transaction(xc_db *db);

typedef struct xc_doc xc_doc;

/* Add, replace or delete documents (writable handles). */
xc_status xc_db_add_document(xc_db *db, xc_doc *doc, unsigned *docid);
/* Replace the document indexed by unique_term (or add it if none has it);
 * all other documents with that term are deleted. */
xc_status xc_db_replace_document_by_term(xc_db *db, const char *unique_term,
					 xc_doc *doc, unsigned *docid);
xc_status xc_db_delete_document(xc_db *db, unsigned docid);
/* Replace document docid with doc (add it under that id if there is
 * none).  Changing only values and boolean terms is cheap in Xapian. */
xc_status xc_db_replace_document(xc_db *db, unsigned docid, xc_doc *doc);
xc_status xc_db_delete_documents_by_term(xc_db *db, const char *term);

/* Fetch a document; *out must be freed with xc_doc_destroy(). */
xc_status xc_db_get_document(xc_db *db, unsigned docid, xc_doc **out);

/* Call fn for each document id indexed by term, in ascending order, until
 * fn returns non-zero.  XC_OK also when the term is absent. */
xc_status xc_db_postlist(xc_db *db, const char *term,
			 int (*fn)(void *ctx, unsigned docid), void *ctx);

/* Call fn for each term starting with prefix (all terms for ""), in sorted
 * order, with its term frequency, until fn returns non-zero. */
xc_status xc_db_allterms(xc_db *db, const char *prefix,
			 int (*fn)(void *ctx, const char *term, size_t len,
				   unsigned termfreq),
			 void *ctx);

/* Spelling and synonym tables (writable handles for the add_ calls). */
xc_status xc_db_add_spelling(xc_db *db, const char *word, unsigned freq_inc);
xc_status xc_db_add_synonym(xc_db *db, const char *term, const char *synonym);
xc_status xc_db_clear_synonyms(xc_db *db, const char *term);
/* Call fn for each synonym of term. */
xc_status xc_db_synonyms(xc_db *db, const char *term,
			 int (*fn)(void *ctx, const char *synonym), void *ctx);
/* Call fn for each term with synonyms that starts with prefix (all for
 * ""), in sorted order, until fn returns non-zero. */
xc_status xc_db_synonym_keys(xc_db *db, const char *prefix,
			     int (*fn)(void *ctx, const char *key), void *ctx);
/* Xapian's spelling suggestion for word, max_edit_distance edits away;
 * *out malloc'ed (free()), "" when none. */
xc_status xc_db_spelling_suggestion(xc_db *db, const char *word,
				    unsigned max_edit_distance, char **out);

/* Compact db into a new database at dest (Xapian::Database::compact), with
 * full multipass compaction. */
xc_status xc_db_compact(xc_db *db, const char *dest);

/* ------------------------------------------------------------------ */
/* Documents */

xc_status xc_doc_new(xc_doc **out);
void xc_doc_destroy(xc_doc *doc);
const char *xc_doc_error(const xc_doc *doc);

xc_status xc_doc_set_data(xc_doc *doc, const char *data, size_t len);
/* *data is borrowed: valid until the next call on doc or its destruction. */
xc_status xc_doc_get_data(xc_doc *doc, const char **data, size_t *len);
xc_status xc_doc_add_term(xc_doc *doc, const char *term, unsigned wdf_inc);
xc_status xc_doc_add_boolean_term(xc_doc *doc, const char *term);
/* Remove term from doc, with all its wdf; XC_INVALID when the document
 * does not have it. */
xc_status xc_doc_remove_term(xc_doc *doc, const char *term);
xc_status xc_doc_add_value(xc_doc *doc, unsigned slot, const char *value,
			   size_t len);
/* *out borrowed like xc_doc_get_data(); "" when the slot is empty. */
xc_status xc_doc_get_value(xc_doc *doc, unsigned slot, const char **out,
			   size_t *len);
xc_status xc_doc_get_docid(xc_doc *doc, unsigned *out);
/* Call fn for each term of the document with its wdf, until non-zero. */
xc_status xc_doc_termlist(xc_doc *doc,
			  int (*fn)(void *ctx, const char *term, size_t len,
				    unsigned wdf),
			  void *ctx);

/* ------------------------------------------------------------------ */
/* Stemmers */

typedef struct xc_stem xc_stem;

/* A stemming function supplied from C.  It returns the stem of word[0..len)
 * and its length in *out_len; the returned memory is borrowed and must stay
 * valid until the next call with the same ctx.  NULL means out of memory. */
typedef const char *(*xc_stem_fn)(void *ctx, const char *word, size_t len,
				  size_t *out_len);

/* A stemmer that calls fn(ctx, ...) through a Xapian::StemImplementation.
 * ctx stays owned by the caller and must outlive the stemmer and every term
 * generator or query parser it was given to; free_ctx, when not NULL, is
 * called with ctx when the last Xapian reference to it goes away.
 * description names it in Xapian's get_description(). */
xc_status xc_stem_new_custom(xc_stem_fn fn, void *ctx, void (*free_ctx)(void *),
			     const char *description, xc_stem **out);
/* Xapian's own built-in stemmer for language ("none" for no stemming). */
xc_status xc_stem_new_builtin(const char *language, xc_stem **out);
/* Stem one word; *out malloc'ed (free()). */
xc_status xc_stem_apply(xc_stem *stem, const char *word, char **out);
void xc_stem_destroy(xc_stem *stem);

/* Stopper: a set of stop words for term generators and query parsers. */
typedef struct xc_stopper xc_stopper;
xc_status xc_stopper_new(const char *const *words, size_t n_words,
			 xc_stopper **out);
void xc_stopper_destroy(xc_stopper *stopper);

/* ------------------------------------------------------------------ */
/* Term generator */

typedef struct xc_termgen xc_termgen;

typedef enum xc_stem_strategy {
	XC_STEM_NONE = 0,
	XC_STEM_SOME = 1, /* stems as Z-prefixed terms, plus unstemmed */
	XC_STEM_ALL = 2,
	XC_STEM_ALL_Z = 3,
	XC_STEM_SOME_FULL_POS = 4
} xc_stem_strategy;

xc_status xc_termgen_new(xc_termgen **out);
void xc_termgen_destroy(xc_termgen *tg);
const char *xc_termgen_error(const xc_termgen *tg);
/* The stemmer is copied (reference-counted); stem may be destroyed after. */
xc_status xc_termgen_set_stemmer(xc_termgen *tg, xc_stem *stem);
xc_status xc_termgen_set_stemming_strategy(xc_termgen *tg,
					   xc_stem_strategy strategy);
xc_status xc_termgen_set_stopper(xc_termgen *tg, xc_stopper *stopper);
/* Also feed the spelling table of db (writable) with the words indexed. */
xc_status xc_termgen_set_database(xc_termgen *tg, xc_db *db);
xc_status xc_termgen_enable_spelling(xc_termgen *tg, int on);
/* The document the following index calls add terms to (not owned). */
xc_status xc_termgen_set_document(xc_termgen *tg, xc_doc *doc);
/* Index text[0..len) with wdf_inc per occurrence and an optional prefix
 * (NULL or "" for none); positions unless without_positions. */
xc_status xc_termgen_index_text(xc_termgen *tg, const char *text, size_t len,
				unsigned wdf_inc, const char *prefix,
				int without_positions);
xc_status xc_termgen_increase_termpos(xc_termgen *tg, unsigned delta);

/* ------------------------------------------------------------------ */
/* Queries */

typedef struct xc_query xc_query;

typedef enum xc_query_op {
	XC_OP_AND = 0,
	XC_OP_OR = 1,
	XC_OP_AND_NOT = 2,
	XC_OP_XOR = 3,
	XC_OP_AND_MAYBE = 4,
	XC_OP_FILTER = 5,
	XC_OP_NEAR = 6,
	XC_OP_PHRASE = 7,
	XC_OP_SCALE_WEIGHT = 9,
	XC_OP_ELITE_SET = 10,
	XC_OP_SYNONYM = 13,
	XC_OP_MAX = 14
} xc_query_op;

xc_status xc_query_new_term(const char *term, unsigned wqf, unsigned pos,
			    xc_query **out);
/* The query that matches all documents. */
xc_status xc_query_new_match_all(xc_query **out);
/* Combine n subqueries with op (each is copied; the caller keeps them).
 * window applies to NEAR/PHRASE (0: number of subqueries). */
xc_status xc_query_new_combined(xc_query_op op, xc_query *const *subs, size_t n,
				unsigned window, xc_query **out);
/* Documents whose value in slot is within [lo, hi]; lo or hi NULL for an
 * open end. */
xc_status xc_query_new_value_range(unsigned slot, const char *lo,
				   const char *hi, xc_query **out);
/* q scaled by factor (OP_SCALE_WEIGHT). */
xc_status xc_query_new_scaled(xc_query *q, double factor, xc_query **out);
int xc_query_empty(const xc_query *q);
/* Xapian's description of the query; *out malloc'ed (free()). */
xc_status xc_query_describe(const xc_query *q, char **out);
/* Call fn for each distinct term in the query, in order of first
 * appearance, until non-zero. */
xc_status xc_query_terms(const xc_query *q,
			 int (*fn)(void *ctx, const char *term, size_t len),
			 void *ctx);
void xc_query_destroy(xc_query *q);

/* ------------------------------------------------------------------ */
/* Query parser */

typedef struct xc_qparser xc_qparser;

/* Parser flags, as Xapian::QueryParser's. */
enum {
	XC_QP_BOOLEAN = 1,
	XC_QP_PHRASE = 2,
	XC_QP_LOVEHATE = 4,
	XC_QP_BOOLEAN_ANY_CASE = 8,
	XC_QP_WILDCARD = 16,
	XC_QP_PURE_NOT = 32,
	XC_QP_PARTIAL = 64,
	XC_QP_SPELLING_CORRECTION = 128,
	XC_QP_SYNONYM = 256,
	XC_QP_AUTO_SYNONYMS = 512,
	XC_QP_AUTO_MULTIWORD_SYNONYMS = 1024,
	XC_QP_DEFAULT = 7 /* BOOLEAN | PHRASE | LOVEHATE */
};

xc_status xc_qparser_new(xc_qparser **out);
void xc_qparser_destroy(xc_qparser *qp);
const char *xc_qparser_error(const xc_qparser *qp);
xc_status xc_qparser_set_stemmer(xc_qparser *qp, xc_stem *stem);
xc_status xc_qparser_set_stemming_strategy(xc_qparser *qp,
					   xc_stem_strategy strategy);
xc_status xc_qparser_set_stopper(xc_qparser *qp, xc_stopper *stopper);
/* The database used for wildcards, spelling and synonyms (not owned; must
 * outlive the parser's use). */
xc_status xc_qparser_set_database(xc_qparser *qp, xc_db *db);
/* XC_OP_AND or XC_OP_OR (the default) between bare terms. */
xc_status xc_qparser_set_default_op(xc_qparser *qp, xc_query_op op);
/* field:text searches terms with prefix (free text). */
xc_status xc_qparser_add_prefix(xc_qparser *qp, const char *field,
				const char *prefix);
/* field:value filters on the boolean term prefix+value. */
xc_status xc_qparser_add_boolean_prefix(xc_qparser *qp, const char *field,
					const char *prefix);
/* field:text is handed to fn (Xapian::FieldProcessor), whose query (put
 * in *out, owned by the parser afterwards) stands for it.  fn returns
 * XC_OK, or a failure that the parse returns (XC_QUERY_SYNTAX with the
 * message set by fn through xc_qparser_error's slot is not kept: report
 * details through ctx).  ctx must outlive the parser's use. */
typedef xc_status (*xc_field_fn)(void *ctx, const char *text, xc_query **out);
xc_status xc_qparser_add_field_proc(xc_qparser *qp, const char *field,
				    xc_field_fn fn, void *ctx);
/* field:A..B (e.g. date:2025-10-01..2025-11-30) becomes a range on slot,
 * whose values are YYYYMMDD (Xapian::DateRangeProcessor). */
xc_status xc_qparser_add_date_range(xc_qparser *qp, unsigned slot,
				    const char *field);
/* Parse.  Syntax errors return XC_QUERY_SYNTAX with Xapian's message on
 * the parser.  default_prefix applies to bare terms (NULL for none). */
xc_status xc_qparser_parse(xc_qparser *qp, const char *query, unsigned flags,
			   const char *default_prefix, xc_query **out);
/* The corrected query string after XC_QP_SPELLING_CORRECTION, "" if none;
 * *out malloc'ed (free()). */
xc_status xc_qparser_corrected_query(xc_qparser *qp, char **out);

/* ------------------------------------------------------------------ */
/* Enquire, match sets, expand sets */

typedef struct xc_enquire xc_enquire;
typedef struct xc_mset xc_mset;
typedef struct xc_rset xc_rset;

/* db must outlive the enquire. */
xc_status xc_enquire_new(xc_db *db, xc_enquire **out);
void xc_enquire_destroy(xc_enquire *enq);
const char *xc_enquire_error(const xc_enquire *enq);
/* The query is copied. */
xc_status xc_enquire_set_query(xc_enquire *enq, xc_query *q);
/* BM25 with Xapian's parameter names (stock: 1, 0, 1, 0.5, 0.5). */
xc_status xc_enquire_set_bm25(xc_enquire *enq, double k1, double k2, double k3,
			      double b, double min_normlen);
/* Sort by value in slot (reverse: descending), relevance as tie-break;
 * slot < 0 restores relevance order. */
xc_status xc_enquire_set_sort_by_value(xc_enquire *enq, int slot, int reverse);
/* Relevance order, ties broken by the value in slot (ascending unless
 * reverse), so equal scores come out in the same order however the
 * documents are spread over databases. */
xc_status xc_enquire_set_sort_by_relevance_then_value(xc_enquire *enq,
						      unsigned slot,
						      int reverse);
/* Collapse on the value in slot (at most max per key); slot < 0: off. */
xc_status xc_enquire_set_collapse_key(xc_enquire *enq, int slot, unsigned max);
/* Run the match: items [first, first+max_items); check_at_least makes the
 * count exact up to that many. */
xc_status xc_enquire_mset(xc_enquire *enq, unsigned first, unsigned max_items,
			  unsigned check_at_least, xc_rset *rset,
			  xc_mset **out);

/* Match spies: count the values in a slot over every document the match
 * looks at (all matches when check_at_least covers them).  Xapian's
 * ValueCountMatchSpy, which remote shards can run too.  The spy must
 * outlive the enquire it is added to. */
typedef struct xc_spy xc_spy;
xc_status xc_spy_new(unsigned slot, xc_spy **out);
void xc_spy_destroy(xc_spy *spy);
xc_status xc_enquire_add_spy(xc_enquire *enq, xc_spy *spy);
/* Each value seen, in sorted order, with how many documents had it. */
xc_status xc_spy_values(xc_spy *spy,
			int (*fn)(void *ctx, const char *value, size_t len,
				  unsigned count),
			void *ctx);
/* How many documents the spy saw. */
xc_status xc_spy_total(xc_spy *spy, unsigned *out);

xc_status xc_rset_new(xc_rset **out);
xc_status xc_rset_add(xc_rset *rset, unsigned docid);
void xc_rset_destroy(xc_rset *rset);

/* The best max_terms expansion terms for rset, skipping the query's own
 * terms when exclude_query_terms; fn gets each term and its weight. */
xc_status xc_enquire_eset(xc_enquire *enq, unsigned max_terms, xc_rset *rset,
			  int exclude_query_terms,
			  int (*fn)(void *ctx, const char *term, size_t len,
				    double weight),
			  void *ctx);

void xc_mset_destroy(xc_mset *ms);
unsigned xc_mset_size(const xc_mset *ms);
unsigned xc_mset_matches_estimated(const xc_mset *ms);
unsigned xc_mset_matches_lower_bound(const xc_mset *ms);
unsigned xc_mset_matches_upper_bound(const xc_mset *ms);
xc_status xc_mset_docid(const xc_mset *ms, unsigned i, unsigned *out);
xc_status xc_mset_weight(const xc_mset *ms, unsigned i, double *out);
/* Number of documents collapsed into item i (0 without collapsing). */
xc_status xc_mset_collapse_count(const xc_mset *ms, unsigned i, unsigned *out);
xc_status xc_mset_document(const xc_mset *ms, unsigned i, xc_doc **out);
/* Xapian's MSet::snippet of text[0..len) for this match set's query: about
 * length bytes, matches wrapped in hi_start/hi_end, omit where cut.  The
 * result is HTML-escaped by Xapian; *out malloc'ed (free()). */
xc_status xc_mset_snippet(const xc_mset *ms, const char *text, size_t len,
			  size_t length, xc_stem *stem, unsigned flags,
			  const char *hi_start, const char *hi_end,
			  const char *omit, char **out);
enum {
	XC_SNIPPET_BACKGROUND_MODEL = 1,
	XC_SNIPPET_EXHAUSTIVE = 2,
	XC_SNIPPET_EMPTY_WITHOUT_MATCH = 4
};

#ifdef __cplusplus
}
#endif

#endif /* XAPIAN_C_H */
