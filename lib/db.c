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
	char *msg;

	va_start(ap, fmt);
	msg = nx_vasprintf(fmt, ap);
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
		    !strcmp(e->d_name, "iamchert") ||
		    !strcmp(e->d_name, "XAPIANDB"))
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

#define DEFAULT_TIMEOUT_MS 10000

unsigned nx_shard_of(const char *id, unsigned n)
{
	return n ? (unsigned)(nx_hash64(id, strlen(id)) % n) : 0;
}

NX_EXPORT unsigned newsidx_shard_of(const char *id, unsigned n)
{
	return nx_shard_of(id, n);
}

/* The stub file of path: path itself if it is a file, path/XAPIANDB if
 * that exists; NULL for a plain database directory.  Malloc'ed. */
static char *stub_of(const char *path)
{
	struct stat st;
	char *inner;

	if (stat(path, &st) != 0)
		return NULL;
	if (S_ISREG(st.st_mode))
		return strdup(path);
	inner = nx_asprintf("%s/XAPIANDB", path);
	if (inner && stat(inner, &st) == 0 && S_ISREG(st.st_mode))
		return inner;
	free(inner);
	return NULL;
}

typedef struct stub_line {
	char kind[16]; /* "local" or "remote" */
	char *where;   /* path (made absolute) or host:port */
	char *label;   /* the line as written, for messages */
} stub_line;

static void free_lines(stub_line *lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(lines[i].where);
		free(lines[i].label);
	}
	free(lines);
}

/* Read a stub file: "auto|glass|chert PATH" and "remote HOST:PORT" lines,
 * blank lines and "#" comments.  Relative paths are relative to the
 * stub's directory. */
static newsidx_status read_stub(newsidx_db *db, const char *stub,
				stub_line **out, size_t *n_out)
{
	FILE *f = fopen(stub, "r");
	char line[4096], *dir, *slash;
	stub_line *lines = NULL;
	size_t n = 0;
	long line_no = 0;

	*out = NULL;
	*n_out = 0;
	if (!f)
		return nx_db_fail(db, NEWSIDX_DB_NOT_FOUND, "%s: %s", stub,
				  strerror(errno));
	dir = strdup(stub);
	if (!dir) {
		fclose(f);
		return NEWSIDX_NOMEM;
	}
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	while (fgets(line, sizeof line, f)) {
		char kind[16], arg[4000];
		stub_line *grown, *l;

		line_no++;
		nx_trim(line);
		if (!line[0] || line[0] == '#')
			continue;
		if (sscanf(line, "%15s %3999s", kind, arg) != 2 ||
		    (strcmp(kind, "auto") && strcmp(kind, "glass") &&
		     strcmp(kind, "chert") && strcmp(kind, "remote"))) {
			free_lines(lines, n);
			free(dir);
			fclose(f);
			return nx_db_fail(db, NEWSIDX_DB_CORRUPT,
					  "%s:%ld: not a stub line: %s", stub,
					  line_no, line);
		}
		grown = realloc(lines, (n + 1) * sizeof *lines);
		if (!grown) {
			free_lines(lines, n);
			free(dir);
			fclose(f);
			return NEWSIDX_NOMEM;
		}
		lines = grown;
		l = &lines[n++];
		memset(l, 0, sizeof *l);
		snprintf(l->kind, sizeof l->kind, "%s",
			 strcmp(kind, "remote") ? "local" : "remote");
		/* Xapian also accepts "remote tcp HOST:PORT" style; take the
		 * last word as the address. */
		if (!strcmp(kind, "remote") && strrchr(line, ' '))
			snprintf(arg, sizeof arg, "%s", strrchr(line, ' ') + 1);
		if (!strcmp(kind, "remote") || arg[0] == '/')
			l->where = strdup(arg);
		else
			l->where = nx_asprintf("%s/%s", dir, arg);
		l->label = strdup(line);
		if (!l->where || !l->label) {
			free_lines(lines, n);
			free(dir);
			fclose(f);
			return NEWSIDX_NOMEM;
		}
	}
	free(dir);
	fclose(f);
	if (!n)
		return nx_db_fail(db, NEWSIDX_DB_CORRUPT,
				  "%s: the stub file lists no database", stub);
	*out = lines;
	*n_out = n;
	return NEWSIDX_OK;
}

static xc_status open_remote(const char *where, unsigned timeout_ms,
			     xc_db **out)
{
	char host[256];
	const char *colon = strrchr(where, ':');
	unsigned long port;
	char *end;

	*out = NULL;
	if (!colon || colon == where || (size_t)(colon - where) >= sizeof host)
		return XC_INVALID;
	memcpy(host, where, (size_t)(colon - where));
	host[colon - where] = '\0';
	port = strtoul(colon + 1, &end, 10);
	if (*end || !port || port > 65535)
		return XC_INVALID;
	return xc_db_open_remote(host, (unsigned)port, timeout_ms, timeout_ms,
				 out);
}

/* Readers: every database of the stub as one; missing shards fail or,
 * with allow_partial, are noted in db->missing. */
static newsidx_status open_stub_reader(newsidx_db *db, const char *stub,
				       const newsidx_open_opts *o)
{
	stub_line *lines;
	size_t n, i;
	newsidx_status rc = read_stub(db, stub, &lines, &n);
	unsigned timeout =
		o && o->timeout_ms ? o->timeout_ms : DEFAULT_TIMEOUT_MS;

	if (rc != NEWSIDX_OK)
		return rc;
	for (i = 0; i < n && rc == NEWSIDX_OK; i++) {
		xc_db *sub = NULL;
		xc_status xrc;

		if (!strcmp(lines[i].kind, "remote")) {
			xrc = open_remote(lines[i].where, timeout, &sub);
			db->has_remote = 1;
		} else
			xrc = xc_db_open(lines[i].where, &sub);
		if (xrc != XC_OK) {
			const char *why = xc_last_error();

			if (o && o->allow_partial) {
				if (db->missing.len)
					nx_buf_puts(&db->missing, ", ");
				nx_buf_puts(&db->missing, lines[i].label);
				continue;
			}
			rc = nx_db_fail(db, NEWSIDX_DB_ERROR,
					"%s: shard '%s' is unavailable: %s",
					db->path, lines[i].label,
					why[0] ? why : xc_status_str(xrc));
			break;
		}
		if (!db->xdb) {
			db->xdb = sub;
		} else {
			xrc = xc_db_add_database(db->xdb, sub);
			xc_db_destroy(sub);
			if (xrc != XC_OK)
				rc = xc_fail(db, xrc, lines[i].label);
		}
	}
	if (rc == NEWSIDX_OK && !db->xdb)
		rc = nx_db_fail(db, NEWSIDX_DB_ERROR,
				"%s: no shard is available (%s)", db->path,
				db->missing.data ? db->missing.data : "");
	free_lines(lines, n);
	return rc;
}

/* Writers: every local shard of the stub, each locked. */
static newsidx_status open_stub_writer(newsidx_db *db, const char *stub,
				       xc_db_action action, int xflags)
{
	stub_line *lines;
	size_t n, i;
	newsidx_status rc = read_stub(db, stub, &lines, &n);

	if (rc != NEWSIDX_OK)
		return rc;
	db->shards = calloc(n, sizeof *db->shards);
	if (!db->shards) {
		free_lines(lines, n);
		return NEWSIDX_NOMEM;
	}
	for (i = 0; i < n && rc == NEWSIDX_OK; i++) {
		xc_status xrc;

		if (strcmp(lines[i].kind, "local")) {
			rc = nx_db_fail(db, NEWSIDX_BAD_ARG,
					"%s: cannot write to '%s': shards are "
					"written where they are stored",
					db->path, lines[i].label);
			break;
		}
		xrc = xc_db_open_writable(lines[i].where, action, xflags,
					  &db->shards[i]);
		if (xrc == XC_LOCKED)
			rc = nx_db_fail(db, NEWSIDX_DB_LOCKED,
					"%s: database is locked: another "
					"newsidx-index is writing to it",
					db->path);
		else if (xrc != XC_OK)
			rc = xc_fail(db, xrc, lines[i].label);
		else
			db->n_shards = (unsigned)i + 1;
	}
	free_lines(lines, n);
	if (rc == NEWSIDX_OK)
		db->xdb = db->shards[0];
	return rc;
}

NX_EXPORT newsidx_status newsidx_db_open(const char *path, unsigned flags,
					 const char *lang, newsidx_db **out,
					 char **errmsg)
{
	return newsidx_db_open_ex(path, flags, lang, NULL, out, errmsg);
}

/* For every shard of a writer, in reverse (shard0, with the metadata,
 * last), while fn succeeds. */
static xc_status each_shard(newsidx_db *db, xc_status (*fn)(xc_db *))
{
	xc_status xrc = XC_OK;
	unsigned k;

	for (k = db->n_shards; k-- > 0 && xrc == XC_OK;)
		xrc = fn(db->shards[k]);
	return xrc;
}

NX_EXPORT newsidx_status newsidx_db_open_ex(const char *path, unsigned flags,
					    const char *lang,
					    const newsidx_open_opts *o,
					    newsidx_db **out, char **errmsg)
{
	newsidx_db *db;
	xc_status xrc = XC_OK;
	newsidx_status rc;
	char *stored = NULL, *stub;

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
	stub = stub_of(path);
	if (flags & NEWSIDX_DB_WRITE) {
		int xflags = 0;
		xc_db_action action = (flags & NEWSIDX_DB_OVERWRITE)
					      ? XC_DB_CREATE_OR_OVERWRITE
					      : XC_DB_CREATE_OR_OPEN;

		if (flags & NEWSIDX_DB_NO_SYNC)
			xflags |= XC_DB_NO_SYNC;
		if (flags & NEWSIDX_DB_WAIT)
			xflags |= XC_DB_RETRY_LOCK;
		db->writable = 1;
		if (stub) {
			rc = open_stub_writer(db, stub, action, xflags);
			free(stub);
			if (rc != NEWSIDX_OK)
				return open_failed(db, rc, errmsg);
		} else {
			db->shards = calloc(1, sizeof *db->shards);
			if (!db->shards)
				return open_failed(db, NEWSIDX_NOMEM, errmsg);
			xrc = xc_db_open_writable(path, action, xflags,
						  &db->shards[0]);
			if (xrc == XC_OK) {
				db->n_shards = 1;
				db->xdb = db->shards[0];
			}
		}
	} else if (stub) {
		rc = open_stub_reader(db, stub, o);
		free(stub);
		if (rc != NEWSIDX_OK)
			return open_failed(db, rc, errmsg);
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
		unsigned k;

		for (k = 0; k < db->n_shards && xrc == XC_OK; k++) {
			xrc = xc_db_get_metadata(db->shards[k],
						 "newsidx.schema", &schema);
			if (xrc == XC_OK && !schema[0]) {
				xrc = xc_db_set_metadata(db->shards[k],
							 "newsidx.lang",
							 db->lang);
				if (xrc == XC_OK)
					xrc = xc_db_set_metadata(
						db->shards[k], "newsidx.schema",
						NX_SCHEMA_VERSION);
			}
			free(schema);
			schema = NULL;
		}
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
			xrc = each_shard(db, xc_db_commit);
		if (xrc == XC_OK)
			xrc = each_shard(db, xc_db_begin_transaction);
		db->in_txn = xrc == XC_OK;
		db->atomic = (flags & NEWSIDX_DB_ATOMIC) != 0;
		if (xrc != XC_OK)
			return open_failed(db, xc_fail(db, xrc, "setting up"),
					   errmsg);
	}
	*out = db;
	return NEWSIDX_OK;
}

NX_EXPORT const char *newsidx_db_missing(const newsidx_db *db)
{
	return db->missing.data ? db->missing.data : "";
}

NX_EXPORT newsidx_status newsidx_db_set_shard_filter(newsidx_db *db, unsigned n,
						     unsigned m)
{
	if (m && n >= m)
		return nx_db_fail(db, NEWSIDX_BAD_ARG,
				  "shard %u of %u does not exist", n, m);
	db->route_n = n;
	db->route_m = m;
	return NEWSIDX_OK;
}

NX_EXPORT newsidx_status newsidx_db_create_sharded(const char *path, unsigned n,
						   const char *lang,
						   char **errmsg)
{
	struct stat st;
	nx_buf stub = { 0 };
	char *tmp = NULL, *stub_path = NULL;
	unsigned k;
	FILE *f;

	if (errmsg)
		*errmsg = NULL;
	if (n < 1 || n > 1024) {
		if (errmsg)
			*errmsg = nx_asprintf("%s: %u shards: use 1 to 1024",
					      path, n);
		return NEWSIDX_BAD_ARG;
	}
	if (stat(path, &st) == 0) {
		if (errmsg)
			*errmsg = nx_asprintf("%s: already exists", path);
		return NEWSIDX_BAD_ARG;
	}
	if (mkdir(path, 0777) != 0) {
		if (errmsg)
			*errmsg = nx_asprintf("%s: %s", path, strerror(errno));
		return NEWSIDX_IO;
	}
	for (k = 0; k < n; k++) {
		char *shard = nx_asprintf("%s/shard%u", path, k);
		newsidx_db *db = NULL;
		newsidx_status rc;

		if (!shard)
			return NEWSIDX_NOMEM;
		rc = newsidx_db_open(shard, NEWSIDX_DB_WRITE, lang, &db,
				     errmsg);
		free(shard);
		if (rc == NEWSIDX_OK)
			rc = newsidx_db_close(db);
		newsidx_db_destroy(db);
		if (rc != NEWSIDX_OK) {
			nx_fs_remove_tree(path);
			return rc;
		}
		nx_buf_printf(&stub, "auto shard%u\n", k);
	}
	/* The stub appears whole or not at all. */
	tmp = nx_asprintf("%s/XAPIANDB.tmp", path);
	stub_path = nx_asprintf("%s/XAPIANDB", path);
	f = tmp ? fopen(tmp, "w") : NULL;
	if (!f || fputs(stub.data, f) < 0 || fclose(f) != 0 ||
	    rename(tmp, stub_path) != 0) {
		if (errmsg)
			*errmsg = nx_asprintf("%s: cannot write the stub file",
					      path);
		nx_buf_free(&stub);
		free(tmp);
		free(stub_path);
		nx_fs_remove_tree(path);
		return NEWSIDX_IO;
	}
	nx_buf_free(&stub);
	free(tmp);
	free(stub_path);
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
	xc_status xrc = XC_OK;
	unsigned k, n;

	if (db->writable) {
		*out = 0;
		for (k = 0; k < db->n_shards && xrc == XC_OK; k++) {
			xrc = xc_db_doccount(db->shards[k], &n);
			*out += n;
		}
	} else {
		xrc = xc_db_doccount(db->xdb, out);
	}

	return xrc == XC_OK ? NEWSIDX_OK : xc_fail(db, xrc, "counting");
}

NX_EXPORT newsidx_status newsidx_db_commit(newsidx_db *db)
{
	xc_status xrc;

	if (!db->writable || db->atomic)
		return NEWSIDX_OK;
	/* Shard0, with the file states, commits last: after a crash in
	 * between, the next run redoes what a state does not vouch for. */
	xrc = each_shard(db, xc_db_commit_transaction);
	db->in_txn = 0;
	if (xrc == XC_OK) {
		xrc = each_shard(db, xc_db_begin_transaction);
		db->in_txn = xrc == XC_OK;
	}
	return xrc == XC_OK ? NEWSIDX_OK : xc_fail(db, xrc, "commit failed");
}

NX_EXPORT newsidx_status newsidx_db_close(newsidx_db *db)
{
	xc_status xrc = XC_OK;

	if (!db->writable)
		xrc = xc_db_close(db->xdb);
	if (db->writable && db->in_txn) {
		xrc = each_shard(db, xc_db_commit_transaction);
		db->in_txn = 0;
	}
	if (db->writable && xrc == XC_OK)
		xrc = each_shard(db, xc_db_close);
	return xrc == XC_OK ? NEWSIDX_OK : xc_fail(db, xrc, "close failed");
}

NX_EXPORT void newsidx_db_destroy(newsidx_db *db)
{
	unsigned k;

	if (!db)
		return;
	if (db->in_txn)
		each_shard(db, xc_db_cancel_transaction);
	xc_termgen_destroy(db->tg);
	xc_stem_destroy(db->stem);
	if (db->shards) {
		for (k = 0; k < db->n_shards; k++)
			xc_db_destroy(db->shards[k]);
		free(db->shards);
	} else {
		xc_db_destroy(db->xdb);
	}
	nx_buf_free(&db->err);
	nx_buf_free(&db->missing);
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

/* Append s to the joined list b unless it is empty or there already. */
static newsidx_status join_distinct(nx_buf *b, const char *s)
{
	const char *p = b->data;
	size_t n = strlen(s);

	if (!n || memchr(s, NX_FACET_SEP, n))
		return NEWSIDX_OK;
	while (p && *p) {
		const char *end = strchr(p, NX_FACET_SEP);
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == n && !memcmp(p, s, n))
			return NEWSIDX_OK;
		p = end ? end + 1 : p + len;
	}
	if (b->len && nx_buf_putc(b, NX_FACET_SEP) != NEWSIDX_OK)
		return NEWSIDX_NOMEM;
	return nx_buf_puts(b, s);
}

/* A facet slot: first, then the list, distinct, joined (see schema). */
static xc_status add_list_value(xc_doc *doc, xc_status rc, unsigned slot,
				const char *first, const newsidx_strlist *list)
{
	nx_buf b = { 0 };
	size_t i;

	if (rc != XC_OK)
		return rc;
	if (first && join_distinct(&b, first) != NEWSIDX_OK)
		rc = XC_NOMEM;
	for (i = 0; rc == XC_OK && i < list->n; i++)
		if (join_distinct(&b, list->items[i]) != NEWSIDX_OK)
			rc = XC_NOMEM;
	if (rc == XC_OK && b.len)
		rc = xc_doc_add_value(doc, slot, b.data, b.len);
	nx_buf_free(&b);
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
	if (db->route_m && nx_shard_of(id, db->route_m) != db->route_n) {
		free(id);
		return NEWSIDX_DONE; /* another machine's shard */
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
		xrc = xc_doc_add_value(doc, NX_SLOT_ID, id, strlen(id));
	xrc = add_list_value(doc, xrc, NX_SLOT_PLACES, a->place, &a->places);
	xrc = add_list_value(doc, xrc, NX_SLOT_TOPICS, NULL, &a->topics);
	xrc = add_list_value(doc, xrc, NX_SLOT_PEOPLE, NULL, &a->people);
	xrc = add_list_value(doc, xrc, NX_SLOT_ORGS, NULL, &a->orgs);
	xrc = nx_alias_index(doc, xrc, a->body);
	/* Near-duplicate signature and band terms (dedup.c). */
	if (xrc == XC_OK)
		xrc = (xc_status)nx_dedup_add_to_doc(doc, a->body);
	if (xrc == XC_OK)
		xrc = xc_doc_set_data(doc, data, strlen(data));
	if (xrc == XC_OK)
		xrc = xc_db_replace_document_by_term(
			db->shards[nx_shard_of(id, db->n_shards)], qterm, doc,
			NULL);
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
	unsigned n = 0, k;
	xc_status xrc = XC_OK;

	if (n_deleted)
		*n_deleted = 0;
	if (!term)
		return NEWSIDX_NOMEM;
	if (!db->writable) {
		free(term);
		return nx_db_fail(db, NEWSIDX_BAD_ARG,
				  "%s: database is open read-only", db->path);
	}
	for (k = 0; k < db->n_shards && xrc == XC_OK; k++) {
		unsigned here = 0;

		xrc = xc_db_postlist(db->shards[k], term, count_doc, &here);
		if (xrc == XC_OK && here)
			xrc = xc_db_delete_documents_by_term(db->shards[k],
							     term);
		n += here;
	}
	free(term);
	if (xrc != XC_OK)
		return xc_fail(db, xrc, path);
	if (n_deleted)
		*n_deleted = n;
	return NEWSIDX_OK;
}
