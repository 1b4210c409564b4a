/* db.c: opening newsidx databases and indexing articles into them.
 * The schema (term prefixes, value slots, document data) is described in
 * newsidx-private.h, next to its constants. */
#include <dirent.h>
#include <errno.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "newsidx-private.h"
#include "xapian-c.h"

#define DEFAULT_LANG "english"

newsidx_status nx_db_fail(newsidx_db *db, newsidx_status status,
			  const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	nx_buf_reset(&db->err);
	nx_buf_puts(&db->err, msg ? msg : newsidx_status_str(status));
	free(msg);
	return status;
}

/* Fail with the binding's message for a failed call. */
static newsidx_status xc_fail(newsidx_db *db, xc_status xrc, const char *what)
{
	const char *detail = xc_last_error();

	return nx_db_fail(db, nx_status_from_xc(xrc), "%s: %s: %s", db->path,
			  what, detail[0] ? detail : xc_status_str(xrc));
}

char *nx_db_key_term(const char *prefix, const char *key)
{
	size_t len = strlen(key);

	if (len <= NX_MAX_TERM_KEY)
		return nx_asprintf("%s%s", prefix, key);
	return nx_asprintf("%s%.*s#%016llx", prefix, NX_MAX_TERM_KEY - 20, key,
			   (unsigned long long)nx_hash64(key, len));
}

static newsidx_status open_failed(newsidx_db *db, newsidx_status rc,
				  char **errmsg)
{
	if (errmsg)
		*errmsg = nx_strdup(db->err.data ? db->err.data
						 : newsidx_status_str(rc));
	newsidx_db_destroy(db);
	return rc;
}

/* Xapian creates a database in any directory it is given; refuse a path
 * that holds something else, so a typo cannot scatter index files into a
 * directory of articles or overwrite a file. */
static newsidx_status check_writable_path(newsidx_db *db)
{
	struct stat st;
	DIR *dir;
	struct dirent *e;
	int empty = 1, xapian = 0;

	if (stat(db->path, &st) != 0)
		return NEWSIDX_OK; /* a new database */
	if (!S_ISDIR(st.st_mode))
		return nx_db_fail(db, NEWSIDX_DB_CORRUPT,
				  "%s: cannot open database: not a database "
				  "directory",
				  db->path);
	dir = opendir(db->path);
	if (!dir)
		return nx_db_fail(db, NEWSIDX_DB_ERROR,
				  "%s: cannot open database: %s", db->path,
				  strerror(errno));
	while ((e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		empty = 0;
		if (!strcmp(e->d_name, "iamglass") ||
		    !strcmp(e->d_name, "iamchert"))
			xapian = 1;
	}
	closedir(dir);
	if (!empty && !xapian)
		return nx_db_fail(db, NEWSIDX_DB_CORRUPT,
				  "%s: cannot open database: the directory "
				  "holds other files and no database",
				  db->path);
	return NEWSIDX_OK;
}

NX_EXPORT newsidx_status newsidx_db_open(const char *path, unsigned flags,
					 const char *lang, newsidx_db **out,
					 char **errmsg)
{
	newsidx_db *db;
	xc_status xrc;
	newsidx_status rc;
	char *stored = NULL;

	*out = NULL;
	if (errmsg)
		*errmsg = NULL;
	db = calloc(1, sizeof *db);
	if (!db || !(db->path = strdup(path))) {
		free(db);
		return NEWSIDX_NOMEM;
	}
	if (lang && !nx_stem_known(lang)) {
		nx_db_fail(db, NEWSIDX_UNKNOWN_LANG,
			   "unknown language '%s'; available: %s", lang,
			   newsidx_languages());
		return open_failed(db, NEWSIDX_UNKNOWN_LANG, errmsg);
	}
	if ((flags & NEWSIDX_DB_WRITE) &&
	    (rc = check_writable_path(db)) != NEWSIDX_OK)
		return open_failed(db, rc, errmsg);
	if (flags & NEWSIDX_DB_WRITE) {
		int xflags = 0;

		if (flags & NEWSIDX_DB_NO_SYNC)
			xflags |= XC_DB_NO_SYNC;
		if (flags & NEWSIDX_DB_WAIT)
			xflags |= XC_DB_RETRY_LOCK;
		xrc = xc_db_open_writable(path,
					  (flags & NEWSIDX_DB_OVERWRITE)
						  ? XC_DB_CREATE_OR_OVERWRITE
						  : XC_DB_CREATE_OR_OPEN,
					  xflags, &db->xdb);
		db->writable = 1;
	} else {
		xrc = xc_db_open(path, &db->xdb);
	}
	if (xrc != XC_OK) {
		const char *why = xc_last_error();

		rc = nx_status_from_xc(xrc);
		if (rc == NEWSIDX_DB_LOCKED)
			nx_db_fail(
				db, rc,
				"%s: database is locked: another newsidx-index "
				"is writing to it",
				path);
		else if (rc == NEWSIDX_DB_NOT_FOUND &&
			 !(flags & NEWSIDX_DB_WRITE))
			nx_db_fail(db, rc, "%s: no newsidx database here (%s)",
				   path, why);
		else
			nx_db_fail(db, rc, "%s: cannot open database: %s", path,
				   why[0] ? why : xc_status_str(xrc));
		return open_failed(db, rc, errmsg);
	}

	/* The recorded language wins for readers; writers must match it. */
	xrc = xc_db_get_metadata(db->xdb, "newsidx.lang", &stored);
	if (xrc != XC_OK)
		return open_failed(db, xc_fail(db, xrc, "reading metadata"),
				   errmsg);
	if (stored[0]) {
		if (lang && strcmp(lang, stored) && db->writable) {
			nx_db_fail(db, NEWSIDX_BAD_ARG,
				   "%s: database was built with --lang %s, not "
				   "%s",
				   path, stored, lang);
			free(stored);
			return open_failed(db, NEWSIDX_BAD_ARG, errmsg);
		}
		snprintf(db->lang, sizeof db->lang, "%s", stored);
	} else {
		snprintf(db->lang, sizeof db->lang, "%s",
			 lang ? lang : DEFAULT_LANG);
	}
	free(stored);
	rc = nx_stem_new(db->lang, &db->stem);
	if (rc != NEWSIDX_OK) {
		nx_db_fail(db, rc, "%s: cannot make a stemmer for '%s'", path,
			   db->lang);
		return open_failed(db, rc, errmsg);
	}
	if (db->writable) {
		char *schema = NULL;

		xrc = xc_db_get_metadata(db->xdb, "newsidx.schema", &schema);
		if (xrc == XC_OK && !schema[0]) {
			xrc = xc_db_set_metadata(db->xdb, "newsidx.lang",
						 db->lang);
			if (xrc == XC_OK)
				xrc = xc_db_set_metadata(db->xdb,
							 "newsidx.schema",
							 NX_SCHEMA_VERSION);
		}
		free(schema);
		if (xrc == XC_OK)
			xrc = xc_termgen_new(&db->tg);
		if (xrc == XC_OK)
			xrc = xc_termgen_set_stemmer(db->tg, db->stem);
		if (xrc == XC_OK)
			xrc = xc_termgen_set_stemming_strategy(db->tg,
							       XC_STEM_SOME);
		/* Writers work inside a transaction: what is not committed
		 * is discarded, never half-written by a destructor.  The
		 * metadata of a new database is committed first, so even an
		 * empty run leaves a database. */
		if (xrc == XC_OK)
			xrc = xc_db_commit(db->xdb);
		if (xrc == XC_OK)
			xrc = xc_db_begin_transaction(db->xdb);
		db->in_txn = xrc == XC_OK;
		db->atomic = (flags & NEWSIDX_DB_ATOMIC) != 0;
		if (xrc != XC_OK)
			return open_failed(db, xc_fail(db, xrc, "setting up"),
					   errmsg);
	}
	*out = db;
	return NEWSIDX_OK;
}

NX_EXPORT const char *newsidx_db_error(const newsidx_db *db)
{
	return db->err.data ? db->err.data : "";
}

NX_EXPORT const char *newsidx_db_lang(const newsidx_db *db)
{
	return db->lang;
}

NX_EXPORT newsidx_status newsidx_db_count(newsidx_db *db, unsigned *out)
{
	xc_status xrc = xc_db_doccount(db->xdb, out);

	return xrc == XC_OK ? NEWSIDX_OK : xc_fail(db, xrc, "counting");
}

NX_EXPORT newsidx_status newsidx_db_commit(newsidx_db *db)
{
	xc_status xrc;

	if (!db->writable || db->atomic)
		return NEWSIDX_OK;
	xrc = xc_db_commit_transaction(db->xdb);
	db->in_txn = 0;
	if (xrc == XC_OK) {
		xrc = xc_db_begin_transaction(db->xdb);
		db->in_txn = xrc == XC_OK;
	}
	return xrc == XC_OK ? NEWSIDX_OK : xc_fail(db, xrc, "commit failed");
}

NX_EXPORT newsidx_status newsidx_db_close(newsidx_db *db)
{
	xc_status xrc = XC_OK;

	if (db->in_txn) {
		xrc = xc_db_commit_transaction(db->xdb);
		db->in_txn = 0;
	}
	if (xrc == XC_OK)
		xrc = xc_db_close(db->xdb);

	return xrc == XC_OK ? NEWSIDX_OK : xc_fail(db, xrc, "close failed");
}

NX_EXPORT void newsidx_db_destroy(newsidx_db *db)
{
	if (!db)
		return;
	if (db->in_txn)
		xc_db_cancel_transaction(db->xdb);
	xc_termgen_destroy(db->tg);
	xc_stem_destroy(db->stem);
	xc_db_destroy(db->xdb);
	nx_buf_free(&db->err);
	free(db->path);
	free(db);
}

/* ------------------------------------------------------------------ */
/* Indexing */

static void json_put_str(json_object *o, const char *key, const char *value)
{
	if (!nx_str_empty(value))
		json_object_object_add(o, key, json_object_new_string(value));
}

static void json_put_list(json_object *o, const char *key,
			  const newsidx_strlist *list)
{
	json_object *arr;
	size_t i;

	if (!list->n)
		return;
	arr = json_object_new_array();
	for (i = 0; i < list->n; i++)
		json_object_array_add(arr,
				      json_object_new_string(list->items[i]));
	json_object_object_add(o, key, arr);
}

/* The document data: see the schema. */
static char *article_data(const newsidx_article *a, const char *id)
{
	json_object *o = json_object_new_object();
	char *data;

	if (!o)
		return NULL;
	json_put_str(o, "id", id);
	json_put_str(o, "title", a->title);
	json_put_str(o, "date", a->date);
	json_put_str(o, "source", a->source);
	json_put_str(o, "place", a->place);
	json_put_str(o, "url", a->url);
	json_put_str(o, "path", a->path);
	json_put_list(o, "authors", &a->authors);
	json_put_list(o, "topics", &a->topics);
	json_put_list(o, "places", &a->places);
	json_put_list(o, "people", &a->people);
	json_put_list(o, "orgs", &a->orgs);
	json_put_str(o, "text", a->body);
	data = nx_strdup(json_object_to_json_string_ext(
		o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return data;
}

/* Index folded text with the term generator; sticky rc. */
static xc_status index_field(xc_termgen *tg, xc_status rc, const char *text,
			     unsigned wdf, const char *prefix)
{
	char *folded;

	if (rc != XC_OK || nx_str_empty(text))
		return rc;
	folded = nx_text_fold(text, strlen(text));
	if (!folded)
		return XC_NOMEM;
	rc = xc_termgen_index_text(tg, folded, strlen(folded), wdf, prefix, 0);
	if (rc == XC_OK)
		rc = xc_termgen_increase_termpos(tg, 100);
	free(folded);
	return rc;
}

static xc_status index_list(xc_termgen *tg, xc_status rc,
			    const newsidx_strlist *list, const char *prefix)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		rc = index_field(tg, rc, list->items[i], 1, prefix);
	return rc;
}

static xc_status add_key_term(xc_doc *doc, xc_status rc, const char *prefix,
			      const char *key)
{
	char *term;

	if (rc != XC_OK)
		return rc;
	term = nx_db_key_term(prefix, key);
	if (!term)
		return XC_NOMEM;
	rc = xc_doc_add_boolean_term(doc, term);
	free(term);
	return rc;
}

/* The article's id: its own, else its path and record number. */
static char *article_id(const newsidx_article *a)
{
	if (!nx_str_empty(a->id))
		return strdup(a->id);
	if (a->record > 0)
		return nx_asprintf("%s#%ld", a->path ? a->path : "", a->record);
	return strdup(a->path ? a->path : "");
}

NX_EXPORT newsidx_status newsidx_db_add_article(newsidx_db *db,
						const newsidx_article *a)
{
	xc_doc *doc = NULL;
	xc_status xrc;
	char *id = NULL, *data = NULL, *qterm = NULL;
	char date_value[9];
	newsidx_status rc = NEWSIDX_OK;

	if (!db->writable)
		return nx_db_fail(db, NEWSIDX_BAD_ARG,
				  "%s: database is open read-only", db->path);
	id = article_id(a);
	if (!id || !id[0]) {
		free(id);
		return nx_db_fail(db, NEWSIDX_BAD_INPUT, "article has no id");
	}
	data = article_data(a, id);
	qterm = nx_db_key_term("Q", id);
	xrc = (data && qterm) ? xc_doc_new(&doc) : XC_NOMEM;
	if (xrc == XC_OK)
		xrc = xc_termgen_set_document(db->tg, doc);
	/* Title words count NX_TITLE_WDF times in the free text, and alone
	 * under S; the gap of 100 positions keeps phrases inside fields. */
	xrc = index_field(db->tg, xrc, a->title, NX_TITLE_WDF, "");
	xrc = index_field(db->tg, xrc, a->body, 1, "");
	xrc = index_field(db->tg, xrc, a->title, 1, "S");
	xrc = index_field(db->tg, xrc, a->source, 1, "XSRC");
	xrc = index_field(db->tg, xrc, a->place, 1, "XPL");
	xrc = index_list(db->tg, xrc, &a->places, "XPL");
	xrc = index_list(db->tg, xrc, &a->topics, "XTO");
	xrc = index_list(db->tg, xrc, &a->people, "XPE");
	xrc = index_list(db->tg, xrc, &a->orgs, "XOR");
	xrc = index_list(db->tg, xrc, &a->authors, "A");
	if (xrc == XC_OK)
		xrc = xc_doc_add_boolean_term(doc, qterm);
	if (!nx_str_empty(a->path))
		xrc = add_key_term(doc, xrc, "XF", a->path);
	if (xrc == XC_OK && a->date && strlen(a->date) == 10) {
		char year[8];

		memcpy(date_value, a->date, 4);
		memcpy(date_value + 4, a->date + 5, 2);
		memcpy(date_value + 6, a->date + 8, 2);
		date_value[8] = '\0';
		xrc = xc_doc_add_value(doc, NX_SLOT_DATE, date_value, 8);
		snprintf(year, sizeof year, "%.4s", a->date);
		xrc = add_key_term(doc, xrc, "XY", year);
	}
	if (xrc == XC_OK && !nx_str_empty(a->source))
		xrc = xc_doc_add_value(doc, NX_SLOT_SOURCE, a->source,
				       strlen(a->source));
	if (xrc == XC_OK)
		xrc = xc_doc_set_data(doc, data, strlen(data));
	if (xrc == XC_OK)
		xrc = xc_db_replace_document_by_term(db->xdb, qterm, doc, NULL);
	if (xrc != XC_OK)
		rc = xc_fail(db, xrc, id);
	xc_doc_destroy(doc);
	free(qterm);
	free(data);
	free(id);
	return rc;
}

static int count_doc(void *ctx, unsigned docid)
{
	(void)docid;
	++*(unsigned *)ctx;
	return 0;
}

NX_EXPORT newsidx_status newsidx_db_delete_file(newsidx_db *db,
						const char *path,
						unsigned *n_deleted)
{
	char *term = nx_db_key_term("XF", path);
	unsigned n = 0;
	xc_status xrc;

	if (n_deleted)
		*n_deleted = 0;
	if (!term)
		return NEWSIDX_NOMEM;
	xrc = xc_db_postlist(db->xdb, term, count_doc, &n);
	if (xrc == XC_OK && n)
		xrc = xc_db_delete_documents_by_term(db->xdb, term);
	free(term);
	if (xrc != XC_OK)
		return xc_fail(db, xrc, path);
	if (n_deleted)
		*n_deleted = n;
	return NEWSIDX_OK;
}
