/* xapian-c.cc: the C binding over Xapian declared in include/xapian-c.h.
 *
 * This is the only file of newsidx that includes <xapian.h>.  Each handle
 * is a plain struct owning C++ objects; each extern "C" entry point runs
 * its body through guard(), which catches every exception, maps it to an
 * xc_status (status_of_current()) and keeps Error::get_description() both
 * on the handle involved and in a thread-local slot for xc_last_error().
 * Nothing thrown ever reaches the C caller.
 *
 * Lifetimes: Xapian's objects are reference-counted handles, so copying a
 * Database, Stem or Document into another object shares the same internals.
 * Stoppers and range processors are given to Xapian after release(), so the
 * term generator or query parser keeps them alive as long as it needs them.
 */
#include <xapian.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <new>
#include <string>
#include <system_error>
#include <unordered_set>
#include <utility>
#include <vector>

#include "xapian-c.h"

/* The header promises that its enums hold Xapian's own values. */
#define SAME_VALUE(c, x) static_assert(int(c) == int(x), #c " != " #x)
SAME_VALUE(XC_QP_BOOLEAN, Xapian::QueryParser::FLAG_BOOLEAN);
SAME_VALUE(XC_QP_PHRASE, Xapian::QueryParser::FLAG_PHRASE);
SAME_VALUE(XC_QP_LOVEHATE, Xapian::QueryParser::FLAG_LOVEHATE);
SAME_VALUE(XC_QP_BOOLEAN_ANY_CASE, Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE);
SAME_VALUE(XC_QP_WILDCARD, Xapian::QueryParser::FLAG_WILDCARD);
SAME_VALUE(XC_QP_PURE_NOT, Xapian::QueryParser::FLAG_PURE_NOT);
SAME_VALUE(XC_QP_PARTIAL, Xapian::QueryParser::FLAG_PARTIAL);
SAME_VALUE(XC_QP_SPELLING_CORRECTION,
	   Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
SAME_VALUE(XC_QP_SYNONYM, Xapian::QueryParser::FLAG_SYNONYM);
SAME_VALUE(XC_QP_AUTO_SYNONYMS, Xapian::QueryParser::FLAG_AUTO_SYNONYMS);
SAME_VALUE(XC_QP_AUTO_MULTIWORD_SYNONYMS,
	   Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS);
SAME_VALUE(XC_QP_DEFAULT, Xapian::QueryParser::FLAG_DEFAULT);
SAME_VALUE(XC_OP_AND, Xapian::Query::OP_AND);
SAME_VALUE(XC_OP_OR, Xapian::Query::OP_OR);
SAME_VALUE(XC_OP_AND_NOT, Xapian::Query::OP_AND_NOT);
SAME_VALUE(XC_OP_XOR, Xapian::Query::OP_XOR);
SAME_VALUE(XC_OP_AND_MAYBE, Xapian::Query::OP_AND_MAYBE);
SAME_VALUE(XC_OP_FILTER, Xapian::Query::OP_FILTER);
SAME_VALUE(XC_OP_NEAR, Xapian::Query::OP_NEAR);
SAME_VALUE(XC_OP_PHRASE, Xapian::Query::OP_PHRASE);
SAME_VALUE(XC_OP_SCALE_WEIGHT, Xapian::Query::OP_SCALE_WEIGHT);
SAME_VALUE(XC_OP_ELITE_SET, Xapian::Query::OP_ELITE_SET);
SAME_VALUE(XC_OP_SYNONYM, Xapian::Query::OP_SYNONYM);
SAME_VALUE(XC_OP_MAX, Xapian::Query::OP_MAX);
SAME_VALUE(XC_STEM_NONE, Xapian::TermGenerator::STEM_NONE);
SAME_VALUE(XC_STEM_SOME, Xapian::TermGenerator::STEM_SOME);
SAME_VALUE(XC_STEM_ALL, Xapian::TermGenerator::STEM_ALL);
SAME_VALUE(XC_STEM_ALL_Z, Xapian::TermGenerator::STEM_ALL_Z);
SAME_VALUE(XC_STEM_SOME_FULL_POS, Xapian::TermGenerator::STEM_SOME_FULL_POS);
SAME_VALUE(XC_STEM_NONE, Xapian::QueryParser::STEM_NONE);
SAME_VALUE(XC_STEM_SOME, Xapian::QueryParser::STEM_SOME);
SAME_VALUE(XC_STEM_ALL, Xapian::QueryParser::STEM_ALL);
SAME_VALUE(XC_STEM_ALL_Z, Xapian::QueryParser::STEM_ALL_Z);
SAME_VALUE(XC_STEM_SOME_FULL_POS, Xapian::QueryParser::STEM_SOME_FULL_POS);
SAME_VALUE(XC_SNIPPET_BACKGROUND_MODEL, Xapian::MSet::SNIPPET_BACKGROUND_MODEL);
SAME_VALUE(XC_SNIPPET_EXHAUSTIVE, Xapian::MSet::SNIPPET_EXHAUSTIVE);
SAME_VALUE(XC_SNIPPET_EMPTY_WITHOUT_MATCH,
	   Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH);
#undef SAME_VALUE

/* ------------------------------------------------------------------ */
/* Handles */

struct xc_db {
	/* db is the handle; wdb is the same object when writable, else
	 * NULL. */
	std::unique_ptr<Xapian::Database> db;
	Xapian::WritableDatabase *wdb = nullptr;
	bool closed = false;
	std::string err;
};

struct xc_doc {
	Xapian::Document doc;
	std::string err;
	/* Backs the borrowed strings of xc_doc_get_data/get_value. */
	std::string scratch;
};

struct xc_stem {
	Xapian::Stem stem;
};

struct xc_stopper {
	/* Xapian's stoppers cannot be copied: each user gets its own. */
	std::vector<std::string> words;
};

struct xc_termgen {
	Xapian::TermGenerator tg;
	std::string err;
};

struct xc_query {
	Xapian::Query q;
};

struct xc_qparser {
	Xapian::QueryParser qp;
	std::string err;
};

struct xc_enquire {
	explicit xc_enquire(const Xapian::Database &db) : enq(db)
	{
	}
	Xapian::Enquire enq;
	std::string err;
};

/* Xapian's built-in ValueCountMatchSpy: the one kind of spy xapian-tcpsrv
 * can run on a remote shard. */
struct xc_spy {
	explicit xc_spy(Xapian::valueno slot) : spy(slot)
	{
	}
	Xapian::ValueCountMatchSpy spy;
};

struct xc_mset {
	Xapian::MSet ms;
};

struct xc_rset {
	Xapian::RSet rs;
};

/* ------------------------------------------------------------------ */
/* Errors */

static thread_local std::string last_error;

/* Which status the exception being handled maps to.  Xapian::Error has no
 * virtual functions, so dynamic_cast cannot tell the classes apart;
 * rethrowing lets the catch clauses do it.  The most derived classes come
 * first: DatabaseVersionError and DatabaseNotFoundError derive from
 * DatabaseOpeningError, NetworkTimeoutError from NetworkError. */
static xc_status status_of_current() noexcept
{
	try {
		throw;
	} catch (const Xapian::DatabaseLockError &) {
		return XC_LOCKED;
	} catch (const Xapian::DatabaseVersionError &) {
		return XC_VERSION;
	} catch (const Xapian::DatabaseNotFoundError &) {
		return XC_NOT_FOUND;
	} catch (const Xapian::DatabaseOpeningError &) {
		return XC_NOT_FOUND;
	} catch (const Xapian::DatabaseCorruptError &) {
		return XC_CORRUPT;
	} catch (const Xapian::DatabaseModifiedError &) {
		return XC_MODIFIED;
	} catch (const Xapian::QueryParserError &) {
		return XC_QUERY_SYNTAX;
	} catch (const Xapian::DocNotFoundError &) {
		return XC_DOC_NOT_FOUND;
	} catch (const Xapian::InvalidArgumentError &) {
		return XC_INVALID;
	} catch (const Xapian::InvalidOperationError &) {
		return XC_INVALID;
	} catch (const Xapian::NetworkError &) {
		return XC_NETWORK;
	} catch (...) {
		return XC_ERROR;
	}
}

static void set_message(std::string &slot, const char *msg) noexcept
{
	try {
		slot = msg;
	} catch (...) {
		/* Short enough for the small-string buffer: no allocation. */
		slot.clear();
		try {
			slot = "out of memory";
		} catch (...) {
		}
	}
}

/* Keep msg on the handle (handle_err may be NULL) and for xc_last_error();
 * returns status. */
static xc_status fail(std::string *handle_err, xc_status status,
		      const char *msg) noexcept
{
	set_message(last_error, msg);
	if (handle_err != nullptr)
		set_message(*handle_err, msg);
	return status;
}

/* The same from a message that has to be built, which can itself fail. */
static xc_status fail_with(std::string *handle_err, xc_status status,
			   const Xapian::Error &e) noexcept
{
	try {
		const std::string description = e.get_description();
		return fail(handle_err, status, description.c_str());
	} catch (...) {
		return fail(handle_err, status, e.get_type());
	}
}

/* Run body, turning every exception into a status: the one try/catch
 * behind every extern "C" function that returns an xc_status. */
template <typename Body>
static xc_status guard(std::string *handle_err, Body &&body) noexcept
{
	try {
		body();
		return XC_OK;
	} catch (const Xapian::Error &e) {
		return fail_with(handle_err, status_of_current(), e);
	} catch (const std::bad_alloc &) {
		return fail(handle_err, XC_NOMEM,
			    "std::bad_alloc: out of memory");
	} catch (const std::exception &e) {
		return fail(handle_err, XC_ERROR, e.what());
	} catch (...) {
		return fail(handle_err, XC_ERROR, "unknown C++ exception");
	}
}

/* The same for the few entry points that return a value rather than a
 * status: fallback on failure. */
template <typename T, typename Body>
static T guard_value(T fallback, Body &&body) noexcept
{
	T result = fallback;
	if (guard(nullptr, [&] { result = body(); }) != XC_OK)
		return fallback;
	return result;
}

template <typename Handle> static std::string *err_of(Handle *h) noexcept
{
	return h != nullptr ? &h->err : nullptr;
}

/* A required pointer argument. */
template <typename T> static T &need(T *p, const char *what)
{
	if (p == nullptr)
		throw Xapian::InvalidArgumentError(std::string(what) +
						   " is NULL");
	return *p;
}

/* A required string argument (the template would dereference it). */
static const char *need(const char *s, const char *what)
{
	if (s == nullptr)
		throw Xapian::InvalidArgumentError(std::string(what) +
						   " is NULL");
	return s;
}

static Xapian::WritableDatabase &writable(xc_db *db)
{
	need(db, "db");
	if (db->wdb == nullptr)
		throw Xapian::InvalidOperationError(
			"database handle is read-only");
	return *db->wdb;
}

static std::string str_or_empty(const char *s)
{
	return s != nullptr ? std::string(s) : std::string();
}

/* A string of length len that may be NULL when len is 0. */
static std::string bytes(const char *s, size_t len, const char *what)
{
	if (s == nullptr && len != 0)
		throw Xapian::InvalidArgumentError(std::string(what) +
						   " is NULL");
	return len != 0 ? std::string(s, len) : std::string();
}

struct free_deleter {
	void operator()(char *p) const noexcept
	{
		free(p);
	}
};
using c_string = std::unique_ptr<char, free_deleter>;

/* A malloc'ed copy for the caller to free(). */
static c_string dup_string(const std::string &s)
{
	char *p = static_cast<char *>(malloc(s.size() + 1));
	if (p == nullptr)
		throw std::bad_alloc();
	memcpy(p, s.data(), s.size());
	p[s.size()] = '\0';
	return c_string(p);
}

template <typename T> static void clear_out(T **out) noexcept
{
	if (out != nullptr)
		*out = nullptr;
}

template <typename T> static void zero_out(T *out) noexcept
{
	if (out != nullptr)
		*out = T();
}

extern "C" {

const char *xc_status_str(xc_status status)
{
	switch (status) {
	case XC_OK:
		return "success";
	case XC_NOMEM:
		return "out of memory";
	case XC_LOCKED:
		return "database locked";
	case XC_NOT_FOUND:
		return "database not found";
	case XC_CORRUPT:
		return "database corrupt";
	case XC_MODIFIED:
		return "database modified";
	case XC_VERSION:
		return "unsupported database version";
	case XC_QUERY_SYNTAX:
		return "query syntax error";
	case XC_DOC_NOT_FOUND:
		return "document not found";
	case XC_INVALID:
		return "invalid argument or operation";
	case XC_NETWORK:
		return "network error";
	case XC_ERROR:
		return "Xapian error";
	}
	return "unknown status";
}

const char *xc_last_error(void)
{
	return last_error.c_str();
}

/* ------------------------------------------------------------------ */
/* Databases */

xc_status xc_db_open(const char *path, xc_db **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		auto h = std::make_unique<xc_db>();
		h->db = std::make_unique<Xapian::Database>(need(path, "path"));
		*out = h.release();
	});
}

/* Whether a glass database exists at path (what GlassDatabase checks). */
static bool glass_exists(const char *path) noexcept
{
	try {
		std::error_code ec;
		return std::filesystem::exists(
			std::filesystem::path(path) / "iamglass", ec);
	} catch (...) {
		return false;
	}
}

xc_status xc_db_open_remote(const char *host, unsigned port,
			    unsigned timeout_ms, unsigned connect_timeout_ms,
			    xc_db **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		if (port == 0 || port > 65535)
			throw Xapian::InvalidArgumentError("port out of range");
		auto h = std::make_unique<xc_db>();
		h->db = std::make_unique<Xapian::Database>(
			Xapian::Remote::open(need(host, "host"), port,
					     timeout_ms, connect_timeout_ms));
		*out = h.release();
	});
}

xc_status xc_db_open_writable(const char *path, xc_db_action action, int flags,
			      xc_db **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		need(path, "path");
		int xflags = Xapian::DB_BACKEND_GLASS;
		switch (action) {
		case XC_DB_CREATE_OR_OPEN:
			xflags |= Xapian::DB_CREATE_OR_OPEN;
			break;
		case XC_DB_CREATE:
			xflags |= Xapian::DB_CREATE;
			break;
		case XC_DB_CREATE_OR_OVERWRITE:
			xflags |= Xapian::DB_CREATE_OR_OVERWRITE;
			break;
		case XC_DB_OPEN:
			xflags |= Xapian::DB_OPEN;
			break;
		default:
			throw Xapian::InvalidArgumentError(
				"xc_db_open_writable: unknown action");
		}
		if ((flags & ~(XC_DB_NO_SYNC | XC_DB_RETRY_LOCK)) != 0)
			throw Xapian::InvalidArgumentError(
				"xc_db_open_writable: unknown flags");
		if (flags & XC_DB_NO_SYNC)
			xflags |= Xapian::DB_NO_SYNC;
		if (flags & XC_DB_RETRY_LOCK)
			xflags |= Xapian::DB_RETRY_LOCK;

		auto h = std::make_unique<xc_db>();
		try {
			auto wdb = std::make_unique<Xapian::WritableDatabase>(
				path, xflags);
			h->wdb = wdb.get();
			h->db = std::move(wdb);
		} catch (const Xapian::DatabaseCreateError &e) {
			/* Xapian reports "already exists" as a creation
			 * failure; the header promises XC_INVALID. */
			if (action == XC_DB_CREATE && glass_exists(path))
				throw Xapian::InvalidOperationError(
					e.get_msg(), e.get_context());
			throw;
		}
		*out = h.release();
	});
}

xc_status xc_db_add_database(xc_db *db, xc_db *other)
{
	return guard(err_of(db), [&] {
		need(db, "db");
		if (db->wdb != nullptr)
			throw Xapian::InvalidOperationError(
				"xc_db_add_database: db is writable");
		db->db->add_database(*need(other, "other").db);
	});
}

xc_status xc_db_reopen(xc_db *db)
{
	return guard(err_of(db), [&] { need(db, "db").db->reopen(); });
}

xc_status xc_db_commit(xc_db *db)
{
	return guard(err_of(db), [&] { writable(db).commit(); });
}

xc_status xc_db_close(xc_db *db)
{
	return guard(err_of(db), [&] {
		need(db, "db");
		/* Closing twice does nothing, as in Xapian. */
		if (db->closed)
			return;
		/* Commit explicitly: close() would abort an open transaction
		 * silently, and the failure of an implicit commit is easy to
		 * lose. */
		if (db->wdb != nullptr)
			db->wdb->commit();
		db->db->close();
		db->closed = true;
	});
}

void xc_db_destroy(xc_db *db)
{
	delete db;
}

const char *xc_db_error(const xc_db *db)
{
	return db != nullptr ? db->err.c_str() : "";
}

xc_status xc_db_doccount(xc_db *db, unsigned *out)
{
	zero_out(out);
	return guard(err_of(db), [&] {
		unsigned n = need(db, "db").db->get_doccount();
		need(out, "out") = n;
	});
}

xc_status xc_db_get_lastdocid(xc_db *db, unsigned *out)
{
	zero_out(out);
	return guard(err_of(db), [&] {
		unsigned n = need(db, "db").db->get_lastdocid();
		need(out, "out") = n;
	});
}

xc_status xc_db_termfreq(xc_db *db, const char *term, unsigned *out)
{
	zero_out(out);
	return guard(err_of(db), [&] {
		unsigned n =
			need(db, "db").db->get_termfreq(need(term, "term"));
		need(out, "out") = n;
	});
}

xc_status xc_db_collection_freq(xc_db *db, const char *term, unsigned *out)
{
	zero_out(out);
	return guard(err_of(db), [&] {
		unsigned n = need(db, "db").db->get_collection_freq(
			need(term, "term"));
		need(out, "out") = n;
	});
}

xc_status xc_db_value_bounds(xc_db *db, unsigned slot, char **lo, char **hi)
{
	clear_out(lo);
	clear_out(hi);
	return guard(err_of(db), [&] {
		need(db, "db");
		need(lo, "lo");
		need(hi, "hi");
		c_string lo_s = dup_string(db->db->get_value_lower_bound(slot));
		c_string hi_s = dup_string(db->db->get_value_upper_bound(slot));
		*lo = lo_s.release();
		*hi = hi_s.release();
	});
}

xc_status xc_db_get_metadata(xc_db *db, const char *key, char **out)
{
	clear_out(out);
	return guard(err_of(db), [&] {
		need(out, "out");
		c_string s = dup_string(
			need(db, "db").db->get_metadata(need(key, "key")));
		*out = s.release();
	});
}

xc_status xc_db_set_metadata(xc_db *db, const char *key, const char *value)
{
	return guard(err_of(db), [&] {
		writable(db).set_metadata(need(key, "key"),
					  need(value, "value"));
	});
}

xc_status xc_db_begin_transaction(xc_db *db)
{
	return guard(err_of(db), [&] { writable(db).begin_transaction(true); });
}

xc_status xc_db_commit_transaction(xc_db *db)
{
	return guard(err_of(db), [&] { writable(db).commit_transaction(); });
}

xc_status xc_db_cancel_transaction(xc_db *db)
{
	return guard(err_of(db), [&] { writable(db).cancel_transaction(); });
}

xc_status xc_db_add_document(xc_db *db, xc_doc *doc, unsigned *docid)
{
	zero_out(docid);
	return guard(err_of(db), [&] {
		unsigned id = writable(db).add_document(need(doc, "doc").doc);
		if (docid != nullptr)
			*docid = id;
	});
}

xc_status xc_db_replace_document_by_term(xc_db *db, const char *unique_term,
					 xc_doc *doc, unsigned *docid)
{
	zero_out(docid);
	return guard(err_of(db), [&] {
		unsigned id = writable(db).replace_document(
			need(unique_term, "unique_term"), need(doc, "doc").doc);
		if (docid != nullptr)
			*docid = id;
	});
}

xc_status xc_db_delete_document(xc_db *db, unsigned docid)
{
	return guard(err_of(db), [&] { writable(db).delete_document(docid); });
}

xc_status xc_db_replace_document(xc_db *db, unsigned docid, xc_doc *doc)
{
	return guard(err_of(db), [&] {
		if (docid == 0)
			throw Xapian::InvalidArgumentError(
				"document id 0 is invalid");
		writable(db).replace_document(docid, need(doc, "doc").doc);
	});
}

xc_status xc_db_delete_documents_by_term(xc_db *db, const char *term)
{
	return guard(err_of(db),
		     [&] { writable(db).delete_document(need(term, "term")); });
}

xc_status xc_db_get_document(xc_db *db, unsigned docid, xc_doc **out)
{
	clear_out(out);
	return guard(err_of(db), [&] {
		need(out, "out");
		auto h = std::make_unique<xc_doc>();
		h->doc = need(db, "db").db->get_document(docid);
		*out = h.release();
	});
}

xc_status xc_db_postlist(xc_db *db, const char *term,
			 int (*fn)(void *ctx, unsigned docid), void *ctx)
{
	return guard(err_of(db), [&] {
		need(db, "db");
		need(fn, "fn");
		const std::string t = need(term, "term");
		for (auto it = db->db->postlist_begin(t);
		     it != db->db->postlist_end(t); ++it) {
			if (fn(ctx, *it) != 0)
				break;
		}
	});
}

xc_status xc_db_metadata_keys(xc_db *db, const char *prefix,
			      int (*fn)(void *ctx, const char *key, size_t len),
			      void *ctx)
{
	return guard(err_of(db), [&] {
		need(db, "db");
		need(fn, "fn");
		const std::string p = str_or_empty(prefix);
		for (auto it = db->db->metadata_keys_begin(p);
		     it != db->db->metadata_keys_end(p); ++it) {
			const std::string key = *it;
			if (fn(ctx, key.c_str(), key.size()) != 0)
				break;
		}
	});
}

xc_status xc_db_allterms(xc_db *db, const char *prefix,
			 int (*fn)(void *ctx, const char *term, size_t len,
				   unsigned termfreq),
			 void *ctx)
{
	return guard(err_of(db), [&] {
		need(db, "db");
		need(fn, "fn");
		const std::string p = str_or_empty(prefix);
		for (auto it = db->db->allterms_begin(p);
		     it != db->db->allterms_end(p); ++it) {
			const std::string term = *it;
			if (fn(ctx, term.c_str(), term.size(),
			       it.get_termfreq()) != 0)
				break;
		}
	});
}

xc_status xc_db_add_spelling(xc_db *db, const char *word, unsigned freq_inc)
{
	return guard(err_of(db), [&] {
		writable(db).add_spelling(need(word, "word"), freq_inc);
	});
}

xc_status xc_db_add_synonym(xc_db *db, const char *term, const char *synonym)
{
	return guard(err_of(db), [&] {
		writable(db).add_synonym(need(term, "term"),
					 need(synonym, "synonym"));
	});
}

xc_status xc_db_clear_synonyms(xc_db *db, const char *term)
{
	return guard(err_of(db),
		     [&] { writable(db).clear_synonyms(need(term, "term")); });
}

xc_status xc_db_synonyms(xc_db *db, const char *term,
			 int (*fn)(void *ctx, const char *synonym), void *ctx)
{
	return guard(err_of(db), [&] {
		need(db, "db");
		need(fn, "fn");
		const std::string t = need(term, "term");
		for (auto it = db->db->synonyms_begin(t);
		     it != db->db->synonyms_end(t); ++it) {
			const std::string synonym = *it;
			if (fn(ctx, synonym.c_str()) != 0)
				break;
		}
	});
}

xc_status xc_db_synonym_keys(xc_db *db, const char *prefix,
			     int (*fn)(void *ctx, const char *key), void *ctx)
{
	return guard(err_of(db), [&] {
		need(db, "db");
		need(fn, "fn");
		const std::string p = str_or_empty(prefix);
		for (auto it = db->db->synonym_keys_begin(p);
		     it != db->db->synonym_keys_end(p); ++it) {
			const std::string key = *it;
			if (fn(ctx, key.c_str()) != 0)
				break;
		}
	});
}

xc_status xc_db_spelling_suggestion(xc_db *db, const char *word,
				    unsigned max_edit_distance, char **out)
{
	clear_out(out);
	return guard(err_of(db), [&] {
		need(out, "out");
		c_string s =
			dup_string(need(db, "db").db->get_spelling_suggestion(
				need(word, "word"), max_edit_distance));
		*out = s.release();
	});
}

xc_status xc_db_compact(xc_db *db, const char *dest)
{
	return guard(err_of(db), [&] {
		need(db, "db").db->compact(need(dest, "dest"),
					   Xapian::DBCOMPACT_MULTIPASS |
						   Xapian::DB_BACKEND_GLASS);
	});
}

/* ------------------------------------------------------------------ */
/* Documents */

xc_status xc_doc_new(xc_doc **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		*out = new xc_doc();
	});
}

void xc_doc_destroy(xc_doc *doc)
{
	delete doc;
}

const char *xc_doc_error(const xc_doc *doc)
{
	return doc != nullptr ? doc->err.c_str() : "";
}

xc_status xc_doc_set_data(xc_doc *doc, const char *data, size_t len)
{
	return guard(err_of(doc), [&] {
		need(doc, "doc").doc.set_data(bytes(data, len, "data"));
	});
}

xc_status xc_doc_get_data(xc_doc *doc, const char **data, size_t *len)
{
	clear_out(data);
	zero_out(len);
	return guard(err_of(doc), [&] {
		need(doc, "doc");
		need(data, "data");
		need(len, "len");
		doc->scratch = doc->doc.get_data();
		*data = doc->scratch.c_str();
		*len = doc->scratch.size();
	});
}

xc_status xc_doc_add_term(xc_doc *doc, const char *term, unsigned wdf_inc)
{
	return guard(err_of(doc), [&] {
		need(doc, "doc").doc.add_term(need(term, "term"), wdf_inc);
	});
}

xc_status xc_doc_add_boolean_term(xc_doc *doc, const char *term)
{
	return guard(err_of(doc), [&] {
		need(doc, "doc").doc.add_boolean_term(need(term, "term"));
	});
}

xc_status xc_doc_remove_term(xc_doc *doc, const char *term)
{
	return guard(err_of(doc), [&] {
		need(doc, "doc").doc.remove_term(need(term, "term"));
	});
}

xc_status xc_doc_add_value(xc_doc *doc, unsigned slot, const char *value,
			   size_t len)
{
	return guard(err_of(doc), [&] {
		need(doc, "doc")
			.doc.add_value(slot, bytes(value, len, "value"));
	});
}

xc_status xc_doc_get_value(xc_doc *doc, unsigned slot, const char **out,
			   size_t *len)
{
	clear_out(out);
	zero_out(len);
	return guard(err_of(doc), [&] {
		need(doc, "doc");
		need(out, "out");
		need(len, "len");
		doc->scratch = doc->doc.get_value(slot);
		*out = doc->scratch.c_str();
		*len = doc->scratch.size();
	});
}

xc_status xc_doc_get_docid(xc_doc *doc, unsigned *out)
{
	zero_out(out);
	return guard(err_of(doc), [&] {
		unsigned id = need(doc, "doc").doc.get_docid();
		need(out, "out") = id;
	});
}

xc_status xc_doc_termlist(xc_doc *doc,
			  int (*fn)(void *ctx, const char *term, size_t len,
				    unsigned wdf),
			  void *ctx)
{
	return guard(err_of(doc), [&] {
		need(doc, "doc");
		need(fn, "fn");
		for (auto it = doc->doc.termlist_begin();
		     it != doc->doc.termlist_end(); ++it) {
			const std::string term = *it;
			if (fn(ctx, term.c_str(), term.size(), it.get_wdf()) !=
			    0)
				break;
		}
	});
}

/* ------------------------------------------------------------------ */
/* Stemmers */

namespace
{

/* A stemming algorithm supplied from C. */
class CStemmer : public Xapian::StemImplementation
{
      public:
	CStemmer(xc_stem_fn fn, void *ctx, void (*free_ctx)(void *),
		 std::string description)
	    : fn_(fn), ctx_(ctx), free_ctx_(free_ctx),
	      description_(std::move(description))
	{
	}

	~CStemmer() override
	{
		if (free_ctx_ != nullptr)
			free_ctx_(ctx_);
	}

	std::string operator()(const std::string &word) override
	{
		size_t out_len = 0;
		const char *stem =
			fn_(ctx_, word.data(), word.size(), &out_len);
		if (stem == nullptr)
			throw std::bad_alloc();
		return std::string(stem, out_len);
	}

	std::string get_description() const override
	{
		return description_;
	}

      private:
	xc_stem_fn fn_;
	void *ctx_;
	void (*free_ctx_)(void *);
	std::string description_;
};

} // namespace

xc_status xc_stem_new_custom(xc_stem_fn fn, void *ctx, void (*free_ctx)(void *),
			     const char *description, xc_stem **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		need(fn, "fn");
		/* Everything that can fail comes before the CStemmer exists,
		 * so a failure never calls free_ctx: ctx stays the caller's. */
		auto h = std::make_unique<xc_stem>();
		std::string desc = str_or_empty(description);
		auto *impl = new CStemmer(fn, ctx, free_ctx, std::move(desc));
		h->stem = Xapian::Stem(impl);
		*out = h.release();
	});
}

xc_status xc_stem_new_builtin(const char *language, xc_stem **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		auto h = std::make_unique<xc_stem>();
		h->stem = Xapian::Stem(need(language, "language"));
		*out = h.release();
	});
}

xc_status xc_stem_apply(xc_stem *stem, const char *word, char **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		c_string s =
			dup_string(need(stem, "stem").stem(need(word, "word")));
		*out = s.release();
	});
}

void xc_stem_destroy(xc_stem *stem)
{
	delete stem;
}

xc_status xc_stopper_new(const char *const *words, size_t n_words,
			 xc_stopper **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		if (words == nullptr && n_words != 0)
			throw Xapian::InvalidArgumentError("words is NULL");
		auto h = std::make_unique<xc_stopper>();
		for (size_t i = 0; i < n_words; i++)
			h->words.emplace_back(need(words[i], "words[i]"));
		*out = h.release();
	});
}

void xc_stopper_destroy(xc_stopper *stopper)
{
	delete stopper;
}

/* A stopper built from stopper's words and owned by Xapian (released:
 * reference-counted), so the C handle may be destroyed independently of the
 * term generators and parsers using it. */
static const Xapian::Stopper *shared_stopper(xc_stopper *stopper)
{
	if (stopper == nullptr)
		return nullptr;
	auto *s = new Xapian::SimpleStopper(stopper->words.begin(),
					    stopper->words.end());
	return s->release();
}

/* ------------------------------------------------------------------ */
/* Term generator */

xc_status xc_termgen_new(xc_termgen **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		*out = new xc_termgen();
	});
}

void xc_termgen_destroy(xc_termgen *tg)
{
	delete tg;
}

const char *xc_termgen_error(const xc_termgen *tg)
{
	return tg != nullptr ? tg->err.c_str() : "";
}

xc_status xc_termgen_set_stemmer(xc_termgen *tg, xc_stem *stem)
{
	return guard(err_of(tg), [&] {
		need(tg, "tg").tg.set_stemmer(need(stem, "stem").stem);
	});
}

xc_status xc_termgen_set_stemming_strategy(xc_termgen *tg,
					   xc_stem_strategy strategy)
{
	return guard(err_of(tg), [&] {
		need(tg, "tg");
		if (strategy < XC_STEM_NONE || strategy > XC_STEM_SOME_FULL_POS)
			throw Xapian::InvalidArgumentError(
				"unknown stemming strategy");
		tg->tg.set_stemming_strategy(
			static_cast<Xapian::TermGenerator::stem_strategy>(
				strategy));
	});
}

xc_status xc_termgen_set_stopper(xc_termgen *tg, xc_stopper *stopper)
{
	return guard(err_of(tg), [&] {
		need(tg, "tg").tg.set_stopper(shared_stopper(stopper));
	});
}

xc_status xc_termgen_set_database(xc_termgen *tg, xc_db *db)
{
	return guard(err_of(tg),
		     [&] { need(tg, "tg").tg.set_database(writable(db)); });
}

xc_status xc_termgen_enable_spelling(xc_termgen *tg, int on)
{
	return guard(err_of(tg), [&] {
		const int spelling = Xapian::TermGenerator::FLAG_SPELLING;
		need(tg, "tg").tg.set_flags(on ? spelling : 0, ~spelling);
	});
}

xc_status xc_termgen_set_document(xc_termgen *tg, xc_doc *doc)
{
	return guard(err_of(tg), [&] {
		need(tg, "tg").tg.set_document(need(doc, "doc").doc);
	});
}

xc_status xc_termgen_index_text(xc_termgen *tg, const char *text, size_t len,
				unsigned wdf_inc, const char *prefix,
				int without_positions)
{
	return guard(err_of(tg), [&] {
		need(tg, "tg");
		const std::string t = bytes(text, len, "text");
		const std::string p = str_or_empty(prefix);
		if (without_positions)
			tg->tg.index_text_without_positions(t, wdf_inc, p);
		else
			tg->tg.index_text(t, wdf_inc, p);
	});
}

xc_status xc_termgen_increase_termpos(xc_termgen *tg, unsigned delta)
{
	return guard(err_of(tg),
		     [&] { need(tg, "tg").tg.increase_termpos(delta); });
}

/* ------------------------------------------------------------------ */
/* Queries */

static void give_query(Xapian::Query q, xc_query **out)
{
	auto h = std::make_unique<xc_query>();
	h->q = std::move(q);
	*out = h.release();
}

xc_status xc_query_new_term(const char *term, unsigned wqf, unsigned pos,
			    xc_query **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		give_query(Xapian::Query(need(term, "term"), wqf, pos), out);
	});
}

xc_status xc_query_new_match_all(xc_query **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		give_query(Xapian::Query::MatchAll, out);
	});
}

xc_status xc_query_new_combined(xc_query_op op, xc_query *const *subs, size_t n,
				unsigned window, xc_query **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		switch (op) {
		case XC_OP_AND:
		case XC_OP_OR:
		case XC_OP_AND_NOT:
		case XC_OP_XOR:
		case XC_OP_AND_MAYBE:
		case XC_OP_FILTER:
		case XC_OP_NEAR:
		case XC_OP_PHRASE:
		case XC_OP_ELITE_SET:
		case XC_OP_SYNONYM:
		case XC_OP_MAX:
			break;
		default:
			throw Xapian::InvalidArgumentError(
				"xc_query_new_combined: operator does not "
				"combine subqueries");
		}
		if (subs == nullptr && n != 0)
			throw Xapian::InvalidArgumentError("subs is NULL");
		std::vector<Xapian::Query> v;
		v.reserve(n);
		for (size_t i = 0; i < n; i++)
			v.push_back(need(subs[i], "subs[i]").q);
		give_query(Xapian::Query(static_cast<Xapian::Query::op>(op),
					 v.begin(), v.end(), window),
			   out);
	});
}

xc_status xc_query_new_value_range(unsigned slot, const char *lo,
				   const char *hi, xc_query **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		Xapian::Query q;
		if (lo != nullptr && hi != nullptr)
			q = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot,
					  lo, hi);
		else if (hi != nullptr)
			q = Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
		else
			/* Both ends open: Xapian makes VALUE_GE "" match all
			 * documents (an absent value is ""). */
			q = Xapian::Query(Xapian::Query::OP_VALUE_GE, slot,
					  lo != nullptr ? lo : "");
		give_query(std::move(q), out);
	});
}

xc_status xc_query_new_scaled(xc_query *q, double factor, xc_query **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		give_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
					 need(q, "q").q, factor),
			   out);
	});
}

int xc_query_empty(const xc_query *q)
{
	return guard_value(1, [&] { return q == nullptr || q->q.empty(); });
}

xc_status xc_query_describe(const xc_query *q, char **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		c_string s = dup_string(need(q, "q").q.get_description());
		*out = s.release();
	});
}

xc_status xc_query_terms(const xc_query *q,
			 int (*fn)(void *ctx, const char *term, size_t len),
			 void *ctx)
{
	return guard(nullptr, [&] {
		need(q, "q");
		need(fn, "fn");
		/* get_terms_begin() is in query position order but repeats a
		 * term at each position; get_unique_terms_begin() sorts. */
		std::unordered_set<std::string> seen;
		for (auto it = q->q.get_terms_begin();
		     it != q->q.get_terms_end(); ++it) {
			const std::string term = *it;
			if (!seen.insert(term).second)
				continue;
			if (fn(ctx, term.c_str(), term.size()) != 0)
				break;
		}
	});
}

void xc_query_destroy(xc_query *q)
{
	delete q;
}

/* ------------------------------------------------------------------ */
/* Query parser */

xc_status xc_qparser_new(xc_qparser **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		*out = new xc_qparser();
	});
}

void xc_qparser_destroy(xc_qparser *qp)
{
	delete qp;
}

const char *xc_qparser_error(const xc_qparser *qp)
{
	return qp != nullptr ? qp->err.c_str() : "";
}

xc_status xc_qparser_set_stemmer(xc_qparser *qp, xc_stem *stem)
{
	return guard(err_of(qp), [&] {
		need(qp, "qp").qp.set_stemmer(need(stem, "stem").stem);
	});
}

xc_status xc_qparser_set_stemming_strategy(xc_qparser *qp,
					   xc_stem_strategy strategy)
{
	return guard(err_of(qp), [&] {
		need(qp, "qp");
		if (strategy < XC_STEM_NONE || strategy > XC_STEM_SOME_FULL_POS)
			throw Xapian::InvalidArgumentError(
				"unknown stemming strategy");
		qp->qp.set_stemming_strategy(
			static_cast<Xapian::QueryParser::stem_strategy>(
				strategy));
	});
}

xc_status xc_qparser_set_stopper(xc_qparser *qp, xc_stopper *stopper)
{
	return guard(err_of(qp), [&] {
		need(qp, "qp").qp.set_stopper(shared_stopper(stopper));
	});
}

xc_status xc_qparser_set_database(xc_qparser *qp, xc_db *db)
{
	return guard(err_of(qp), [&] {
		need(qp, "qp").qp.set_database(*need(db, "db").db);
	});
}

xc_status xc_qparser_set_default_op(xc_qparser *qp, xc_query_op op)
{
	return guard(err_of(qp), [&] {
		/* Xapian rejects the operators it cannot use here. */
		need(qp, "qp").qp.set_default_op(
			static_cast<Xapian::Query::op>(op));
	});
}

xc_status xc_qparser_add_prefix(xc_qparser *qp, const char *field,
				const char *prefix)
{
	return guard(err_of(qp), [&] {
		need(qp, "qp").qp.add_prefix(need(field, "field"),
					     need(prefix, "prefix"));
	});
}

xc_status xc_qparser_add_boolean_prefix(xc_qparser *qp, const char *field,
					const char *prefix)
{
	return guard(err_of(qp), [&] {
		need(qp, "qp").qp.add_boolean_prefix(need(field, "field"),
						     need(prefix, "prefix"));
	});
}

namespace
{

/* A field processor supplied from C.  A failure of the C function becomes
 * an exception that the parse's guard maps back to its status. */
class CFieldProc : public Xapian::FieldProcessor
{
      public:
	CFieldProc(xc_field_fn fn, void *ctx) : fn_(fn), ctx_(ctx)
	{
	}

	Xapian::Query operator()(const std::string &text) override
	{
		xc_query *q = nullptr;
		const xc_status rc = fn_(ctx_, text.c_str(), &q);
		if (rc == XC_NOMEM)
			throw std::bad_alloc();
		if (rc != XC_OK || q == nullptr) {
			xc_query_destroy(q);
			throw Xapian::QueryParserError("cannot expand '" +
						       text + "'");
		}
		Xapian::Query result = q->q;
		xc_query_destroy(q);
		return result;
	}

      private:
	xc_field_fn fn_;
	void *ctx_;
};

} // namespace

xc_status xc_qparser_add_field_proc(xc_qparser *qp, const char *field,
				    xc_field_fn fn, void *ctx)
{
	return guard(err_of(qp), [&] {
		need(qp, "qp");
		need(fn, "fn");
		auto *proc = new CFieldProc(fn, ctx);
		qp->qp.add_prefix(need(field, "field"), proc->release());
	});
}

xc_status xc_qparser_add_date_range(xc_qparser *qp, unsigned slot,
				    const char *field)
{
	return guard(err_of(qp), [&] {
		need(qp, "qp");
		/* The range processor sees the whole first word, field and
		 * colon included ("date:2025-10-01"), and strips the prefix
		 * before parsing the date.  RP_REPEATED also accepts the
		 * field on the end ("date:A..date:B"). */
		const std::string str = std::string(need(field, "field")) + ":";
		auto *rp = new Xapian::DateRangeProcessor(slot, str,
							  Xapian::RP_REPEATED);
		qp->qp.add_rangeprocessor(rp->release());
	});
}

xc_status xc_qparser_parse(xc_qparser *qp, const char *query, unsigned flags,
			   const char *default_prefix, xc_query **out)
{
	clear_out(out);
	return guard(err_of(qp), [&] {
		need(qp, "qp");
		need(out, "out");
		give_query(qp->qp.parse_query(need(query, "query"), flags,
					      str_or_empty(default_prefix)),
			   out);
	});
}

xc_status xc_qparser_corrected_query(xc_qparser *qp, char **out)
{
	clear_out(out);
	return guard(err_of(qp), [&] {
		need(out, "out");
		c_string s = dup_string(
			need(qp, "qp").qp.get_corrected_query_string());
		*out = s.release();
	});
}

/* ------------------------------------------------------------------ */
/* Enquire, match sets, expand sets */

xc_status xc_enquire_new(xc_db *db, xc_enquire **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		*out = new xc_enquire(*need(db, "db").db);
	});
}

void xc_enquire_destroy(xc_enquire *enq)
{
	delete enq;
}

const char *xc_enquire_error(const xc_enquire *enq)
{
	return enq != nullptr ? enq->err.c_str() : "";
}

xc_status xc_enquire_set_query(xc_enquire *enq, xc_query *q)
{
	return guard(err_of(enq),
		     [&] { need(enq, "enq").enq.set_query(need(q, "q").q); });
}

xc_status xc_enquire_set_bm25(xc_enquire *enq, double k1, double k2, double k3,
			      double b, double min_normlen)
{
	return guard(err_of(enq), [&] {
		need(enq, "enq")
			.enq.set_weighting_scheme(
				Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
	});
}

xc_status xc_enquire_set_sort_by_relevance_then_value(xc_enquire *enq,
						      unsigned slot,
						      int reverse)
{
	return guard(err_of(enq), [&] {
		need(enq, "enq")
			.enq.set_sort_by_relevance_then_value(
				static_cast<Xapian::valueno>(slot),
				reverse != 0);
	});
}

xc_status xc_enquire_set_sort_by_value(xc_enquire *enq, int slot, int reverse)
{
	return guard(err_of(enq), [&] {
		need(enq, "enq");
		if (slot < 0)
			enq->enq.set_sort_by_relevance();
		else
			enq->enq.set_sort_by_value_then_relevance(
				static_cast<Xapian::valueno>(slot),
				reverse != 0);
	});
}

xc_status xc_enquire_set_collapse_key(xc_enquire *enq, int slot, unsigned max)
{
	return guard(err_of(enq), [&] {
		need(enq, "enq");
		if (slot < 0)
			enq->enq.set_collapse_key(Xapian::BAD_VALUENO);
		else
			enq->enq.set_collapse_key(
				static_cast<Xapian::valueno>(slot), max);
	});
}

xc_status xc_enquire_mset(xc_enquire *enq, unsigned first, unsigned max_items,
			  unsigned check_at_least, xc_rset *rset, xc_mset **out)
{
	clear_out(out);
	return guard(err_of(enq), [&] {
		need(enq, "enq");
		need(out, "out");
		auto h = std::make_unique<xc_mset>();
		h->ms = enq->enq.get_mset(first, max_items, check_at_least,
					  rset != nullptr ? &rset->rs
							  : nullptr);
		*out = h.release();
	});
}

xc_status xc_spy_new(unsigned slot, xc_spy **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		*out = new xc_spy(static_cast<Xapian::valueno>(slot));
	});
}

void xc_spy_destroy(xc_spy *spy)
{
	delete spy;
}

xc_status xc_enquire_add_spy(xc_enquire *enq, xc_spy *spy)
{
	return guard(err_of(enq), [&] {
		need(enq, "enq").enq.add_matchspy(&need(spy, "spy").spy);
	});
}

xc_status xc_spy_values(xc_spy *spy,
			int (*fn)(void *ctx, const char *value, size_t len,
				  unsigned count),
			void *ctx)
{
	return guard(nullptr, [&] {
		need(spy, "spy");
		need(fn, "fn");
		for (auto it = spy->spy.values_begin();
		     it != spy->spy.values_end(); ++it) {
			const std::string v = *it;
			if (fn(ctx, v.data(), v.size(), it.get_termfreq()) != 0)
				break;
		}
	});
}

xc_status xc_spy_total(xc_spy *spy, unsigned *out)
{
	zero_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		*out = need(spy, "spy").spy.get_total();
	});
}

xc_status xc_rset_new(xc_rset **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		*out = new xc_rset();
	});
}

xc_status xc_rset_add(xc_rset *rset, unsigned docid)
{
	return guard(nullptr,
		     [&] { need(rset, "rset").rs.add_document(docid); });
}

void xc_rset_destroy(xc_rset *rset)
{
	delete rset;
}

xc_status xc_enquire_eset(xc_enquire *enq, unsigned max_terms, xc_rset *rset,
			  int exclude_query_terms,
			  int (*fn)(void *ctx, const char *term, size_t len,
				    double weight),
			  void *ctx)
{
	return guard(err_of(enq), [&] {
		need(enq, "enq");
		need(fn, "fn");
		const Xapian::RSet empty;
		const int flags =
			exclude_query_terms
				? 0
				: Xapian::Enquire::INCLUDE_QUERY_TERMS;
		Xapian::ESet eset = enq->enq.get_eset(
			max_terms, rset != nullptr ? rset->rs : empty, flags);
		for (auto it = eset.begin(); it != eset.end(); ++it) {
			const std::string term = *it;
			if (fn(ctx, term.c_str(), term.size(),
			       it.get_weight()) != 0)
				break;
		}
	});
}

void xc_mset_destroy(xc_mset *ms)
{
	delete ms;
}

unsigned xc_mset_size(const xc_mset *ms)
{
	return guard_value(0u, [&] { return need(ms, "ms").ms.size(); });
}

unsigned xc_mset_matches_estimated(const xc_mset *ms)
{
	return guard_value(
		0u, [&] { return need(ms, "ms").ms.get_matches_estimated(); });
}

unsigned xc_mset_matches_lower_bound(const xc_mset *ms)
{
	return guard_value(0u, [&] {
		return need(ms, "ms").ms.get_matches_lower_bound();
	});
}

unsigned xc_mset_matches_upper_bound(const xc_mset *ms)
{
	return guard_value(0u, [&] {
		return need(ms, "ms").ms.get_matches_upper_bound();
	});
}

/* Item i of ms, checked: MSet::operator[] does not check its index. */
static Xapian::MSetIterator mset_item(const xc_mset *ms, unsigned i)
{
	need(ms, "ms");
	if (i >= ms->ms.size())
		throw Xapian::InvalidArgumentError(
			"match set index out of range");
	return ms->ms[i];
}

xc_status xc_mset_docid(const xc_mset *ms, unsigned i, unsigned *out)
{
	zero_out(out);
	return guard(nullptr, [&] {
		unsigned id = *mset_item(ms, i);
		need(out, "out") = id;
	});
}

xc_status xc_mset_weight(const xc_mset *ms, unsigned i, double *out)
{
	zero_out(out);
	return guard(nullptr, [&] {
		double w = mset_item(ms, i).get_weight();
		need(out, "out") = w;
	});
}

xc_status xc_mset_collapse_count(const xc_mset *ms, unsigned i, unsigned *out)
{
	zero_out(out);
	return guard(nullptr, [&] {
		unsigned n = mset_item(ms, i).get_collapse_count();
		need(out, "out") = n;
	});
}

xc_status xc_mset_document(const xc_mset *ms, unsigned i, xc_doc **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(out, "out");
		auto h = std::make_unique<xc_doc>();
		h->doc = mset_item(ms, i).get_document();
		*out = h.release();
	});
}

xc_status xc_mset_snippet(const xc_mset *ms, const char *text, size_t len,
			  size_t length, xc_stem *stem, unsigned flags,
			  const char *hi_start, const char *hi_end,
			  const char *omit, char **out)
{
	clear_out(out);
	return guard(nullptr, [&] {
		need(ms, "ms");
		need(out, "out");
		const Xapian::Stem stemmer =
			stem != nullptr ? stem->stem : Xapian::Stem();
		c_string s = dup_string(ms->ms.snippet(
			bytes(text, len, "text"), length, stemmer, flags,
			hi_start != nullptr ? hi_start : "<b>",
			hi_end != nullptr ? hi_end : "</b>",
			omit != nullptr ? omit : "..."));
		*out = s.release();
	});
}

} /* extern "C" */
