/* newsidx.h: the public C API of libnewsidx.
 *
 * libnewsidx indexes news articles into a Xapian database and searches
 * them.  newsidx-index and newsidx-query are thin programs over this API.
 *
 * Conventions (as notmuch.h and zlib.h):
 *  - Every fallible call returns a newsidx_status; NEWSIDX_OK is 0.
 *  - Outputs come through out-parameters, last, set to NULL on failure.
 *  - Opaque objects have create/destroy pairs; destroy accepts NULL and
 *    cannot fail.  newsidx_db_close() can fail, so durability never depends
 *    on a destructor.
 *  - A returned const char * is borrowed; its lifetime is stated.
 *  - Strings are UTF-8.
 */
#ifndef NEWSIDX_H
#define NEWSIDX_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NEWSIDX_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Status codes */

typedef enum newsidx_status {
	NEWSIDX_OK = 0,
	NEWSIDX_DONE, /* normal end of a sequence, not an error */
	NEWSIDX_NOMEM,
	NEWSIDX_IO,	      /* a file could not be read or written */
	NEWSIDX_BAD_INPUT,    /* an input or record is malformed */
	NEWSIDX_BAD_ARG,      /* a caller passed an invalid argument */
	NEWSIDX_DB_LOCKED,    /* another process is writing the database */
	NEWSIDX_DB_NOT_FOUND, /* no database at that path */
	NEWSIDX_DB_CORRUPT,   /* the database is damaged or not a database */
	NEWSIDX_DB_ERROR,     /* any other database error */
	NEWSIDX_QUERY_SYNTAX, /* the query cannot be parsed */
	NEWSIDX_UNKNOWN_LANG  /* no stemmer for that language */
} newsidx_status;

/* A short English description of status.  Static storage. */
const char *newsidx_status_str(newsidx_status status);

/* ------------------------------------------------------------------ */
/* Articles */

/* A list of strings owned by the article. */
typedef struct newsidx_strlist {
	char **items;
	size_t n;
} newsidx_strlist;

/* One news article.  Every string is malloc'ed and owned by the article
 * (free them all with newsidx_article_clear()); a missing field is NULL or
 * "".  date is ISO "YYYY-MM-DD" or empty: readers leave it empty rather
 * than guess.  id is the article's unique id within the archive; when it is
 * empty the indexer derives one from path (and record when non-zero). */
typedef struct newsidx_article {
	char *id;
	char *title;
	char *body;
	char *date;
	char *source;
	char *place;
	char *url;
	char *path;  /* the input file it came from */
	long record; /* line or record number in the file, 0 if whole */
	newsidx_strlist authors;
	newsidx_strlist topics;
	newsidx_strlist places; /* further places (Reuters <PLACES>) */
	newsidx_strlist people;
	newsidx_strlist orgs;
} newsidx_article;

/* Free everything an article owns and zero it.  Accepts NULL. */
void newsidx_article_clear(newsidx_article *article);

/* Append a copy of s to list.  Returns NEWSIDX_OK or NEWSIDX_NOMEM. */
newsidx_status newsidx_strlist_add(newsidx_strlist *list, const char *s);

/* ------------------------------------------------------------------ */
/* Reading input files */

typedef enum newsidx_format {
	NEWSIDX_FORMAT_AUTO = 0, /* by extension, then by content */
	NEWSIDX_FORMAT_TEXT,	 /* one article per file, optional dateline */
	NEWSIDX_FORMAT_SGML,	 /* Reuters-21578 SGML, many per file */
	NEWSIDX_FORMAT_JSONL,	 /* JSON Lines, one article per line */
	NEWSIDX_FORMAT_HTML	 /* one article page per file */
} newsidx_format;

/* The format named name ("text", "sgml", "jsonl", "html", "auto");
 * NEWSIDX_BAD_ARG if unknown. */
newsidx_status newsidx_format_from_name(const char *name, newsidx_format *out);
const char *newsidx_format_name(newsidx_format format);

typedef struct newsidx_reader newsidx_reader;

/* Open path (plain or gzip-compressed, detected by content) for reading
 * articles in format.  field_map is NULL or a NULL-terminated array of
 * "name=key" strings mapping JSON keys to article fields.
 * Returns NEWSIDX_OK, NEWSIDX_IO (cannot open or read: the message says
 * why), NEWSIDX_BAD_INPUT (not an input this format can read, e.g. a
 * binary file), NEWSIDX_NOMEM.  On failure *out is NULL and, when errmsg
 * is not NULL, *errmsg is a malloc'ed message naming the file (free()). */
newsidx_status newsidx_reader_open(const char *path, newsidx_format format,
				   const char *const *field_map,
				   newsidx_reader **out, char **errmsg);

/* Read the next article into *article (cleared first; the caller clears
 * it after use).  Returns
 *   NEWSIDX_OK        an article was read;
 *   NEWSIDX_DONE      the file is finished;
 *   NEWSIDX_BAD_INPUT one record was bad and skipped: newsidx_reader_message()
 *                     says which and why; call again for the next one;
 *   NEWSIDX_IO        the rest of the file cannot be read (truncated gzip,
 *                     read error): the message says why; stop.
 *   NEWSIDX_NOMEM. */
newsidx_status newsidx_reader_next(newsidx_reader *reader,
				   newsidx_article *article);

/* The message of the last BAD_INPUT or IO result, naming the file and the
 * line or record ("file:line: reason"), or "".  Also notes (not errors)
 * such as Latin-1 transcoding are reported here after NEWSIDX_OK, see
 * newsidx_reader_note().  Borrowed until the next call on reader. */
const char *newsidx_reader_message(const newsidx_reader *reader);

/* A note about the article just read (e.g. "invalid UTF-8, transcoded
 * from Windows-1252"), or "" for none.  Borrowed until the next call. */
const char *newsidx_reader_note(const newsidx_reader *reader);

/* The format actually used (after AUTO detection). */
newsidx_format newsidx_reader_format(const newsidx_reader *reader);

void newsidx_reader_destroy(newsidx_reader *reader);

/* ------------------------------------------------------------------ */
/* Databases */

typedef struct newsidx_db newsidx_db;

enum {
	NEWSIDX_DB_READ = 0,	  /* read-only */
	NEWSIDX_DB_WRITE = 1,	  /* writable; create if missing */
	NEWSIDX_DB_OVERWRITE = 2, /* with WRITE: start a new, empty database */
	NEWSIDX_DB_WAIT = 4,	  /* with WRITE: wait for another writer */
	NEWSIDX_DB_NO_SYNC = 8,	  /* with WRITE: no fsync (bulk builds) */
	NEWSIDX_DB_ATOMIC = 16	  /* with WRITE: nothing is committed until
				    * newsidx_db_close(); destroying the handle
				    * before that discards every change */
};

/* Open the database at path with NEWSIDX_DB_* flags.  lang names the
 * Snowball stemmer ("english", ...; NULL for the database's own, else
 * english).  A new database records its language; a writer whose lang
 * differs from the recorded one fails with NEWSIDX_BAD_ARG, and readers
 * always use the recorded one, so indexing and querying agree.
 * Returns NEWSIDX_OK, NEWSIDX_DB_NOT_FOUND, NEWSIDX_DB_LOCKED,
 * NEWSIDX_DB_CORRUPT, NEWSIDX_DB_ERROR, NEWSIDX_UNKNOWN_LANG,
 * NEWSIDX_BAD_ARG, NEWSIDX_NOMEM.  On failure *out is NULL and, when errmsg
 * is not NULL, *errmsg is a malloc'ed message naming the path (free()). */
newsidx_status newsidx_db_open(const char *path, unsigned flags,
			       const char *lang, newsidx_db **out,
			       char **errmsg);

/* Options for opening databases made of shards (see README). */
typedef struct newsidx_open_opts {
	unsigned timeout_ms; /* for remote shards; 0: 10000 */
	int allow_partial;   /* readers: leave out shards that cannot be
			       * opened instead of failing */
} newsidx_open_opts;

/* As newsidx_db_open(), with opts (NULL for the defaults).  A path that is
 * a stub file, or a directory holding one (XAPIANDB), opens every database
 * it lists ("auto PATH", "glass PATH", "remote HOST:PORT") as one, with
 * collection-wide statistics.  A shard that cannot be opened fails with a
 * message naming it, or with allow_partial is left out: see
 * newsidx_db_missing(). */
newsidx_status newsidx_db_open_ex(const char *path, unsigned flags,
				  const char *lang,
				  const newsidx_open_opts *opts,
				  newsidx_db **out, char **errmsg);

/* The shards left out by allow_partial, comma-separated, or "".
 * Borrowed for the life of db. */
const char *newsidx_db_missing(const newsidx_db *db);

/* Create an empty sharded database at path (which must not exist): n
 * shard databases and the stub listing them.  Writers opened on it route
 * each article to shard newsidx_shard_of(id, n). */
newsidx_status newsidx_db_create_sharded(const char *path, unsigned n,
					 const char *lang, char **errmsg);

/* The shard (0..n-1) of the article with this id: a stable hash. */
unsigned newsidx_shard_of(const char *id, unsigned n);

/* Keep only the articles of shard n of m (newsidx_shard_of(id, m) == n)
 * in what this writer adds; newsidx_db_add_article() returns NEWSIDX_DONE
 * for the others.  m = 0 keeps all. */
newsidx_status newsidx_db_set_shard_filter(newsidx_db *db, unsigned n,
					   unsigned m);

/* The message of the last failure on db, or "".  Borrowed until the next
 * call on db. */
const char *newsidx_db_error(const newsidx_db *db);

/* The stemming language in use. Borrowed for the life of db. */
const char *newsidx_db_lang(const newsidx_db *db);

/* Index (add or replace, by id) one article.  The article is not changed.
 * An article without any text is still indexed (archives keep empty
 * records).  Returns NEWSIDX_OK, NEWSIDX_BAD_INPUT (no id and no path), NEWSIDX_DB_*,
 * NEWSIDX_NOMEM. */
newsidx_status newsidx_db_add_article(newsidx_db *db,
				      const newsidx_article *article);

/* Delete every article that came from the input file path.  *n_deleted
 * (may be NULL) gets how many. */
newsidx_status newsidx_db_delete_file(newsidx_db *db, const char *path,
				      unsigned *n_deleted);

/* Commit pending changes.  Returns NEWSIDX_OK or NEWSIDX_DB_*. */
newsidx_status newsidx_db_commit(newsidx_db *db);

/* Commit (writers) and close; db must still be destroyed. */
newsidx_status newsidx_db_close(newsidx_db *db);

/* Free db.  Uncommitted changes of a writer are discarded: a writer works
 * inside a transaction that only newsidx_db_commit() and
 * newsidx_db_close() commit. */
void newsidx_db_destroy(newsidx_db *db);

/* Number of articles. */
newsidx_status newsidx_db_count(newsidx_db *db, unsigned *out);

/* The comma-separated list of stemming languages libstemmer offers.
 * Static storage. */
const char *newsidx_languages(void);

/* ------------------------------------------------------------------ */
/* Acronyms and aliases */

/* A pairing of two names of one thing, learned from the articles ("ttp"
 * defined as "tehreek e taliban pakistan") or from the user's alias file.
 * Names are normalised: folded, lower case, words separated by one space. */
typedef struct newsidx_alias {
	const char *name;  /* the acronym, or the file's first name */
	const char *alias; /* the long form, or another name */
	unsigned articles; /* articles that define name as alias (learned) */
	int from_file;	   /* from the user's alias file */
	int accepted;	   /* believed, so queries are expanded with it */
} newsidx_alias;

/* Every pairing the database knows, sorted by name then alias: *out
 * (free with newsidx_aliases_free()) and *n.  Pairings seen in too few of
 * the definitions of their name or alias are listed with accepted 0 (see
 * the README).  Returns NEWSIDX_OK, NEWSIDX_DB_*, NEWSIDX_NOMEM. */
newsidx_status newsidx_db_aliases(newsidx_db *db, newsidx_alias **out,
				  size_t *n);
void newsidx_aliases_free(newsidx_alias *aliases, size_t n);

/* ------------------------------------------------------------------ */
/* Batch indexing: what newsidx-index does */

typedef enum newsidx_event {
	NEWSIDX_EVENT_SKIPPED, /* a bad input, reported and skipped */
	NEWSIDX_EVENT_NOTE,    /* something worth saying, not an error */
	NEWSIDX_EVENT_FILE     /* a file is being indexed (verbose) */
} newsidx_event;

typedef struct newsidx_progress {
	unsigned long files_done, files_total;
	unsigned long articles;
	unsigned long long bytes_done, bytes_total;
	double seconds;
} newsidx_progress;

typedef struct newsidx_index_stats {
	unsigned long articles;	 /* articles written */
	unsigned long files;	 /* files read */
	unsigned long added;	 /* files new to the database */
	unsigned long updated;	 /* files changed since they were indexed */
	unsigned long unchanged; /* files skipped as unchanged */
	unsigned long removed;	 /* files gone, their articles pruned */
	unsigned long skipped;	 /* bad inputs: files and records */
	unsigned long long bytes;
	unsigned jobs; /* workers that wrote */
	double seconds;
} newsidx_index_stats;

typedef struct newsidx_index_opts {
	const char *lang;  /* for a new database (NULL: english) */
	unsigned db_flags; /* NEWSIDX_DB_OVERWRITE, NEWSIDX_DB_WAIT */
	newsidx_format format;
	const char *const *field_map;	 /* see newsidx_reader_open() */
	unsigned jobs;			 /* parallel workers; 0: the cores */
	unsigned memory_mb;		 /* memory budget; 0: 256 */
	unsigned shards;		 /* 0: one database, else N shards */
	unsigned shard_of_n, shard_of_m; /* --shard-of N/M (m 0: all) */
	int strict; /* first bad input: nothing committed */
	int prune;  /* remove articles of vanished files */
	int force;  /* re-index unchanged files too */
	/* In directories: read only files whose name matches one of these
	 * fnmatch(3) patterns (NULL: every known extension), and none that
	 * match an exclude pattern.  Files named in paths are always read. */
	const char *const *include;
	const char *const *exclude;
	/* A file of aliases, lines "NAME = NAME [= NAME ...]" and '#'
	 * comments, replacing the ones given before (NULL: keep them). */
	const char *alias_file;
	/* Called for events (serialised, never concurrently); msg is
	 * borrowed for the call. */
	void (*on_event)(void *ctx, newsidx_event event, const char *msg);
	/* Called from the calling thread now and then. */
	void (*on_progress)(void *ctx, const newsidx_progress *progress);
	void *ctx;
} newsidx_index_opts;

void newsidx_index_opts_init(newsidx_index_opts *opts);

/* Index the files and directories in paths (directories recursively:
 * files with a known extension, hidden ones and README, LICENSE and
 * COPYING files left out, symbolic-link loops reported) into the database at db_path, incrementally: files unchanged
 * since they were indexed (size and modification time, else content hash)
 * are skipped, changed ones replaced, and with opts->prune the articles of
 * files that are gone removed.  Commits in batches sized by the memory
 * budget.  A new database is built by opts->jobs parallel workers into
 * shards merged by Xapian's compaction; updates go through one writer.
 * stats (may be NULL) gets the counts.
 * Returns NEWSIDX_OK (bad inputs are counted in stats->skipped and
 * reported through on_event), NEWSIDX_BAD_INPUT (strict mode stopped at a
 * bad input; nothing of the run was committed), NEWSIDX_DB_* (errmsg says
 * what), NEWSIDX_UNKNOWN_LANG, NEWSIDX_NOMEM.  *errmsg (if errmsg is not
 * NULL) is a malloc'ed message or NULL. */
newsidx_status newsidx_index_paths(const char *db_path,
				   const char *const *paths, size_t n_paths,
				   const newsidx_index_opts *opts,
				   newsidx_index_stats *stats, char **errmsg);

/* Compact the database at db_path in place: into a new directory, then
 * swapped in.  Sizes in bytes before and after (may be NULL). */
newsidx_status newsidx_db_compact(const char *db_path, int wait,
				  unsigned long long *bytes_before,
				  unsigned long long *bytes_after,
				  char **errmsg);

typedef struct newsidx_db_stats {
	unsigned articles;
	unsigned long long terms; /* distinct terms */
	char first_date[11];	  /* "" when no article has a date */
	char last_date[11];
	unsigned long long bytes; /* on disk */
	unsigned long files;	  /* input files recorded */
	char lang[32];
} newsidx_db_stats;

newsidx_status newsidx_db_stats_get(const char *db_path, newsidx_db_stats *out,
				    char **errmsg);

/* ------------------------------------------------------------------ */
/* Searching */

typedef enum newsidx_sort {
	NEWSIDX_SORT_RELEVANCE = 0,
	NEWSIDX_SORT_DATE, /* newest first */
	NEWSIDX_SORT_DATE_ASC
} newsidx_sort;

enum {
	NEWSIDX_SEARCH_FREE_TEXT = 1, /* no operators: OR of the words */
	NEWSIDX_SEARCH_NO_SNIPPETS = 2,
	NEWSIDX_SEARCH_EXACT_COUNT = 4, /* count every match, not estimate */
	NEWSIDX_SEARCH_NO_ALIASES = 64, /* no expansion by acronyms/aliases */
	NEWSIDX_SEARCH_EXPLAIN = 128,	/* per hit, each term's contribution */
	/* Spelling (README "Spelling"): offer a corrected query when a word
	 * of the query is unknown or rare and a close word of the index's
	 * own vocabulary makes the query find more articles.  Interactive
	 * queries only (not FREE_TEXT).  See newsidx_results_suggestion(). */
	NEWSIDX_SEARCH_SUGGEST = 8,
	/* SUGGEST, and run the corrected query instead of the query when
	 * there is one; newsidx_results_corrected() says so. */
	NEWSIDX_SEARCH_CORRECT = 16,
	/* Show every near-duplicate (wire copy) as a hit of its own: by
	 * default the copies of an article (its cluster, see README "Wire
	 * copies and similar articles") are one hit, the best-ranked, with
	 * the others in newsidx_hit.duplicates. */
	NEWSIDX_SEARCH_NO_COLLAPSE = 32
};

typedef struct newsidx_search_opts {
	const char *query; /* the query string (see README for syntax) */
	unsigned offset;   /* skip this many hits */
	unsigned limit;	   /* at most this many hits (0: none, count only) */
	newsidx_sort sort;
	const char *since;    /* "YYYY-MM-DD" or NULL */
	const char *until;    /* "YYYY-MM-DD" or NULL */
	unsigned flags;	      /* NEWSIDX_SEARCH_* */
	size_t snippet_len;   /* bytes of snippet to aim for (0: 200) */
	const char *hi_start; /* around matched words in snippets ("" none) */
	const char *hi_end;

	/* Ranking.  newsidx_search_opts_init() sets the defaults (in
	 * brackets), the ones eval/RESULTS.md measured best.  Free-text mode
	 * (NEWSIDX_SEARCH_FREE_TEXT: long natural-language queries, the kind
	 * they were tuned on) uses all of these; an interactive query only
	 * bm25_k1 and bm25_b, so that its operators and fields mean what they
	 * say.  Out of range: newsidx_search_run() fails with BAD_ARG. */
	double bm25_k1;	      /* BM25 term-frequency saturation, >= 0 (2) */
	double bm25_b;	      /* BM25 length normalisation, 0..1 (0.5) */
	int stopwords;	      /* drop English stop words (Snowball's list)
				unless the query has nothing else (1) */
	unsigned prf_docs;    /* pseudo-relevance feedback from the best
				prf_docs hits, in relevance order with
				limit > 0 (0: off) */
	unsigned prf_terms;   /* ... adding this many of their terms (20) */
	double prf_weight;    /* ... weighted prf_weight, the query itself
				1 - prf_weight, 0..1 (0.15) */
	double title_weight;  /* query words found in a title score again,
				scaled by this (0: off) */
	double near_weight;   /* neighbouring query words found within
				near_window words of each other score again,
				scaled by this (0: off) */
	unsigned near_window; /* >= 2 (0: 8) */

	/* Facets and timeline, counted exactly over every match. */
	unsigned facets; /* 1u << newsidx_facet, or-ed (0: none) */
	int timeline;	 /* a newsidx_period (0: none) */

	/* Similar articles: rank the articles most like the one with this
	 * id (its own best terms, as query expansion picks them), leaving
	 * out the article and its near-duplicates.  A non-empty query then
	 * only filters.  An unknown id fails with BAD_ARG.  NULL: off. */
	const char *like;
} newsidx_search_opts;

typedef enum newsidx_facet {
	NEWSIDX_FACET_SOURCE = 0,
	NEWSIDX_FACET_PLACE,
	NEWSIDX_FACET_TOPIC,
	NEWSIDX_FACET_PERSON,
	NEWSIDX_FACET_ORG,
	NEWSIDX_FACET_YEAR,
	NEWSIDX_FACET_MONTH,
	NEWSIDX_N_FACETS
} newsidx_facet;

typedef enum newsidx_period {
	NEWSIDX_PERIOD_NONE = 0,
	NEWSIDX_PERIOD_DAY,
	NEWSIDX_PERIOD_WEEK, /* ISO weeks, "2025-W45" */
	NEWSIDX_PERIOD_MONTH,
	NEWSIDX_PERIOD_YEAR
} newsidx_period;

/* Names ("source", "place", "topic", "person", "org", "year", "month";
 * "day", "week", "month", "year"): NEWSIDX_BAD_ARG when unknown. */
newsidx_status newsidx_facet_from_name(const char *name, newsidx_facet *out);
const char *newsidx_facet_name(newsidx_facet facet);
newsidx_status newsidx_period_from_name(const char *name, newsidx_period *out);
const char *newsidx_period_name(newsidx_period period);

/* Set opts to the defaults: limit 10, relevance, snippets of 200 bytes,
 * no highlighting, and the ranking defaults (see the README's "Ranking"
 * and eval/RESULTS.md for the values and why). */
void newsidx_search_opts_init(newsidx_search_opts *opts);

/* One part of a hit's score (NEWSIDX_SEARCH_EXPLAIN). */
typedef struct newsidx_contribution {
	const char *what; /* "torkham", "cross", "title:torkham",
			     "ttp = tehreek e taliban pakistan" */
	const char *kind; /* "word" (as typed), "stem", "field" (a field's
			     word), "field stem" or "alias" (a name and
			     its aliases, weighed as one) */
	double weight;	  /* BM25 weight of that part alone */
} newsidx_contribution;

/* One hit.  Strings are borrowed from the results and live as long as
 * they do. */
typedef struct newsidx_hit {
	unsigned rank; /* 1-based, counting the offset */
	double score;
	unsigned docid;
	const char *id;
	const char *title;
	const char *date;
	const char *source;
	const char *place;
	const char *path;
	const char *url;
	const char *snippet; /* plain text, with hi_start/hi_end markers */
	const newsidx_strlist *topics;
	const newsidx_strlist *authors;
	/* With NEWSIDX_SEARCH_EXPLAIN: the parts of the query that matched,
	 * heaviest first (else NULL and 0). */
	const newsidx_contribution *explain;
	size_t n_explain;
	/* The ids of the hit's near-duplicates that also match and were
	 * collapsed into it, best first (empty with NO_COLLAPSE). */
	const newsidx_strlist *duplicates;
} newsidx_hit;

typedef struct newsidx_results newsidx_results;

/* Run a search.  Returns NEWSIDX_OK (also when nothing matched),
 * NEWSIDX_QUERY_SYNTAX (newsidx_db_error() says what), NEWSIDX_BAD_ARG
 * (e.g. a malformed --since date, ranking options out of range, an
 * opts->like id that no article has),
 * NEWSIDX_DB_*, NEWSIDX_NOMEM. */
newsidx_status newsidx_search_run(newsidx_db *db,
				  const newsidx_search_opts *opts,
				  newsidx_results **out);

/* Number of hits held (at most opts->limit). */
size_t newsidx_results_size(const newsidx_results *results);

/* Number of matching articles: exact with NEWSIDX_SEARCH_EXACT_COUNT and
 * whenever fewer than 100 match, else Xapian's estimate.  Near-duplicates
 * collapsed into one hit count once (unless NEWSIDX_SEARCH_NO_COLLAPSE). */
unsigned newsidx_results_total(const newsidx_results *results);
/* 1 when newsidx_results_total() is exact, 0 when an estimate. */
int newsidx_results_total_exact(const newsidx_results *results);

/* Hit i (0-based), or NULL when i is out of range.  Borrowed. */
const newsidx_hit *newsidx_results_get(const newsidx_results *results,
				       size_t i);

/* A facet value or a timeline period with its number of matches.  value
 * is borrowed from the results. */
typedef struct newsidx_count {
	const char *value;
	unsigned count;
} newsidx_count;

/* The counts of facet (asked for in opts->facets), most matches first,
 * then by value; entry i, or NULL past the end. */
size_t newsidx_results_facet_size(const newsidx_results *results,
				  newsidx_facet facet);
const newsidx_count *newsidx_results_facet(const newsidx_results *results,
					   newsidx_facet facet, size_t i);
/* The timeline (opts->timeline): every period from the first match's to
 * the last's, in order, empty ones with count 0.  Matches without a date
 * are not in it. */
size_t newsidx_results_timeline_size(const newsidx_results *results);
const newsidx_count *newsidx_results_timeline(const newsidx_results *results,
					      size_t i);

/* The names of the query that were expanded with their aliases: name i
 * (normalised), and its aliases in *aliases[0..*n).  Borrowed from the
 * results. */
size_t newsidx_results_aliases_size(const newsidx_results *results);
const char *newsidx_results_alias(const newsidx_results *results, size_t i,
				  const char *const **aliases, size_t *n);
/* The corrected query offered by NEWSIDX_SEARCH_SUGGEST or _CORRECT (the
 * query with its misspelt words replaced, in lower case: "torkham
 * crossing" for "Torkam crossing"), or "" for none.  It finds at least
 * one article and more than the query (or as many, and more when every
 * word is required).  Borrowed from results. */
const char *newsidx_results_suggestion(const newsidx_results *results);

/* 1 when the results are those of the suggestion (NEWSIDX_SEARCH_CORRECT
 * and there was one), else 0. */
int newsidx_results_corrected(const newsidx_results *results);

void newsidx_results_destroy(newsidx_results *results);

#ifdef __cplusplus
}
#endif

#endif /* NEWSIDX_H */
