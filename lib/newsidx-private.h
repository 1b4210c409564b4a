/* newsidx-private.h: internals shared between the modules of libnewsidx.
 * One banner section per module.  Nothing here is part of the public API. */
#ifndef NEWSIDX_PRIVATE_H
#define NEWSIDX_PRIVATE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "newsidx.h"

#define NX_EXPORT __attribute__((visibility("default")))

/* Largest article (or line of a JSON Lines file) a reader accepts; larger
 * ones are reported and skipped without being held in memory. */
#define NX_MAX_ARTICLE (32u * 1024u * 1024u)

/**************************************************************************
 * buf.c: growable byte buffers and string helpers
 */
typedef struct nx_buf {
	char *data; /* always NUL-terminated when non-NULL */
	size_t len;
	size_t cap;
} nx_buf;

newsidx_status nx_buf_reserve(nx_buf *b, size_t extra);
newsidx_status nx_buf_append(nx_buf *b, const char *s, size_t len);
newsidx_status nx_buf_puts(nx_buf *b, const char *s);
newsidx_status nx_buf_putc(nx_buf *b, char c);
newsidx_status nx_buf_printf(nx_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void nx_buf_reset(nx_buf *b); /* len = 0, keeps memory */
void nx_buf_free(nx_buf *b);
/* Hand the data over (malloc'ed, "" if empty) and reset b; NULL on OOM. */
char *nx_buf_steal(nx_buf *b);

/* strdup that accepts NULL (gives NULL). */
char *nx_strdup(const char *s);
char *nx_strndup(const char *s, size_t n);
/* malloc'ed printf; NULL on OOM. */
char *nx_vasprintf(const char *fmt, va_list ap);
char *nx_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Trim ASCII white space in place; returns s. */
char *nx_trim(char *s);
int nx_str_empty(const char *s);
/* 64-bit FNV-1a. */
uint64_t nx_hash64(const void *data, size_t len);
/* A growable list of malloc'ed strings; a failed add sets nomem (and
 * makes later adds no-ops), so callbacks can add and check once. */
typedef struct nx_strs {
	char **items;
	size_t n, cap;
	int nomem;
} nx_strs;
/* Append a copy of s[0..len); returns non-zero on OOM. */
int nx_strs_add(nx_strs *l, const char *s, size_t len);
/* Whether l holds s[0..len). */
int nx_strs_has(const nx_strs *l, const char *s, size_t len);
void nx_strs_free(nx_strs *l);

/**************************************************************************
 * input.c: reading plain or gzip-compressed files as a stream (the only
 * module that includes zlib.h)
 */
typedef struct nx_input nx_input;

/* Open path; gzip is detected by its magic bytes, whatever the name.
 * On failure *errmsg gets a malloc'ed "path: reason". */
newsidx_status nx_input_open(const char *path, nx_input **out, char **errmsg);
/* Read from an in-memory buffer instead (fuzz targets, tests). */
newsidx_status nx_input_open_mem(const char *name, const void *data, size_t len,
				 nx_input **out);
void nx_input_close(nx_input *in);
int nx_input_is_gzip(const nx_input *in);
const char *nx_input_name(const nx_input *in);
/* Up to n bytes from the start of the (decompressed) stream without
 * consuming them; returns the number available (fewer at EOF). */
size_t nx_input_peek(nx_input *in, const unsigned char **p, size_t n);
/* Next line without its "\n" (and "\r\n") into line (replaced).  Returns
 * OK, DONE at end of input, BAD_INPUT when the line is longer than max (it
 * is consumed to its end but not kept; line is empty), IO on a read error
 * or truncated gzip (nx_input_error() says why). *line_no counts lines. */
newsidx_status nx_input_getline(nx_input *in, nx_buf *line, size_t max);
/* The rest of the input appended to out.  BAD_INPUT when more than max
 * bytes (the rest is consumed, out holds the first max). */
newsidx_status nx_input_read_all(nx_input *in, nx_buf *out, size_t max);
/* Line number of the last line returned by nx_input_getline() (1-based). */
long nx_input_line(const nx_input *in);
/* Why the last IO failure happened ("unexpected end of gzip data"). */
const char *nx_input_error(const nx_input *in);

/**************************************************************************
 * text.c: text hygiene and normalisation (the only module that includes
 * utf8proc.h)
 */
/* Valid UTF-8 for s[0..len): valid sequences are kept, other bytes are
 * taken as Windows-1252 (Latin-1 where 1252 has no character); NUL and
 * C0 controls other than \t \n \r become spaces; the result is NFC.
 * *n_fixed (may be NULL) gets the number of bytes transcoded.  Returns a
 * malloc'ed string, NULL on OOM. */
char *nx_text_clean(const char *s, size_t len, size_t *n_fixed);
/* Same, in place on an nx_buf. */
newsidx_status nx_text_clean_buf(nx_buf *b, size_t *n_fixed);
/* Whether s[0..len) is valid UTF-8. */
int nx_text_valid_utf8(const char *s, size_t len);
/* The form words are indexed and searched in: NFKC, and diacritics taken
 * off Latin letters (Erdoğan -> Erdogan).  Case is kept (Xapian folds it,
 * and query operators are case-sensitive).  s must be valid UTF-8.
 * Returns a malloc'ed string, NULL on OOM. */
char *nx_text_fold(const char *s, size_t len);
/* The class of the character at s[0..len) (len > 0): 'L' a letter or a
 * combining mark, 'N' a number, 0 anything else (also an invalid byte).
 * *n gets its length in bytes (1 for an invalid byte). */
int nx_text_char_class(const char *s, size_t len, size_t *n);
/* s[0..len) lower-cased by Unicode's simple case mapping (as Xapian folds
 * terms).  Invalid bytes are kept.  Malloc'ed, NULL on OOM. */
char *nx_text_lower(const char *s, size_t len);
/* The code points of s[0..len) into out[0..cap): their number, or cap + 1
 * when s holds more (out then holds the first cap).  An invalid byte is
 * one code point (its byte value). */
size_t nx_text_decode(const char *s, size_t len, int32_t *out, size_t cap);
/* Whether data looks binary (NUL bytes or mostly control bytes). */
int nx_text_looks_binary(const unsigned char *data, size_t len);
/* Collapse runs of white space into one space, trim; in place. */
void nx_text_squeeze(char *s);
/* Decode HTML/SGML character references (&amp; &lt; &gt; &quot; &apos;
 * &#N; &#xN;) in place; references to C0 controls are removed. */
void nx_text_decode_entities(char *s);

/**************************************************************************
 * date.c: dates in news text
 */
/* Parse a date in one of the shapes news uses ("2025-11-09",
 * "2025-11-09T10:00:00Z", "November 9, 2025", "9 November 2025",
 * "Nov 9, 2025", "Sun, 09 Nov 2025 10:00:00 +0000", "26-FEB-1987
 * 15:01:01.79", epoch seconds when allow_epoch) into ISO "YYYY-MM-DD" in
 * out[11].  Returns 1 on success, 0 if s is not such a date (out "").
 * Validates the day of the month. */
int nx_date_parse(const char *s, int allow_epoch, char out[11]);
/* Month number 1..12 for an English month name or abbreviation at
 * s[0..len), else 0. */
int nx_date_month(const char *s, size_t len);

/**************************************************************************
 * dateline.c: datelines of plain-text articles
 */
typedef struct nx_dateline {
	char source[128];
	char place[128];
	char date[11];	 /* "YYYY-MM-DD" or "" */
	size_t consumed; /* bytes of the line that are the dateline */
} nx_dateline;

/* Recognise a dateline at the start of line (a line of the article's
 * first lines), in the shapes:
 *   "Example.com | Istanbul, Turkey | November 9, 2025 — text"
 *   "ISLAMABAD, Nov 10 (Reuters) - text"   (year from year_hint or empty)
 *   "KABUL (AP) — text"
 * year_hint is a year to complete dates without one (0: leave empty).
 * Returns 1 and fills d, or 0. */
int nx_dateline_parse(const char *line, int year_hint, nx_dateline *d);
/* Recognise a header line "Date: 2025-11-09" / "Published: 9 November
 * 2025" (also Source:, Place:, By:, Author:); fills the matching field of
 * d and returns 1, else 0. */
int nx_dateline_header(const char *line, nx_dateline *d, char *author,
		       size_t author_size);

/**************************************************************************
 * reader.c and reader_*.c: the format readers
 */
typedef struct nx_reader_ops {
	const char *name;
	newsidx_format format;
	/* Called once after the input is open; may read ahead. */
	newsidx_status (*init)(newsidx_reader *r);
	/* As newsidx_reader_next(); set messages with nx_reader_fail(). */
	newsidx_status (*next)(newsidx_reader *r, newsidx_article *a);
	void (*fini)(newsidx_reader *r);
} nx_reader_ops;

struct newsidx_reader {
	const nx_reader_ops *ops;
	nx_input *in;
	char *path;
	const char *const *field_map;
	void *state;	/* the format's own */
	long n_records; /* articles and bad records so far */
	nx_buf message;
	nx_buf note;
};

extern const nx_reader_ops nx_reader_text;
extern const nx_reader_ops nx_reader_sgml;
extern const nx_reader_ops nx_reader_jsonl;
extern const nx_reader_ops nx_reader_html;

/* Set the reader's message to "path:line: reason" (line 0: "path: reason")
 * and return status. */
newsidx_status nx_reader_fail(newsidx_reader *r, newsidx_status status,
			      long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Set the note for the article just read. */
void nx_reader_set_note(newsidx_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Clean a field in place: valid UTF-8 (noting transcoding on the reader),
 * squeezed white space when squeeze.  Returns OK or NOMEM. */
newsidx_status nx_reader_clean_field(newsidx_reader *r, char **field,
				     int squeeze);
/* Open a reader over an already open input (fuzz targets and tests). */
newsidx_status nx_reader_open_input(nx_input *in, newsidx_format format,
				    const char *const *field_map,
				    newsidx_reader **out, char **errmsg);
/* Detect the format from the file name (".sgm", ".jsonl.gz", ...);
 * NEWSIDX_FORMAT_AUTO when the name says nothing. */
newsidx_format nx_format_from_name(const char *path);
/* Detect the format from the first bytes of content. */
newsidx_format nx_format_sniff(const unsigned char *p, size_t n);

/* Plain-text reader internals, for tests: parse one article held in text
 * (valid UTF-8) into a (title, body, dateline fields). */
newsidx_status nx_text_parse_article(const char *text, int year_hint,
				     newsidx_article *a);

/**************************************************************************
 * stem.c: Snowball stemmers from libstemmer, plugged into Xapian (the only
 * module that includes libstemmer.h)
 */
struct xc_stem;
/* A new Xapian stemmer for language backed by its own libstemmer stemmer
 * (one per thread: libstemmer is not thread-safe).  Returns OK,
 * UNKNOWN_LANG or NOMEM. */
newsidx_status nx_stem_new(const char *lang, struct xc_stem **out);
/* Whether libstemmer knows lang. */
int nx_stem_known(const char *lang);

/**************************************************************************
 * db.c: the index schema, and database handles
 *
 * The schema, written down once (FTS5 documents its format the same way):
 *
 * Terms (Xapian glass; free text through the term generator with the
 * database's Snowball stemmer, STEM_SOME: Z-prefixed stems plus the
 * unstemmed words, with positions; all text is folded first, see text.c):
 *   (none)  title (wdf NX_TITLE_WDF per word) and body words
 *   S       title words                           title:
 *   XSRC    source words                          source:
 *   XPL     place words: dateline place + places  place:
 *   XTO     topic words                           topic:
 *   XPE     person words                          person:
 *   XOR     organisation words                    org:
 *   A       author words                          author:
 *   Q       unique id, boolean: "Q" + id          id:
 *   XF      input file, boolean: "XF" + path      (replace/prune by file)
 *   XY      year, boolean: "XY2025"               year:
 *   XAL     an acronym the article defines, boolean: "XAL" + "ttp:tehreek e
 *           taliban pakistan" (acronym.c, alias.c)
 *   XMH     MinHash band, boolean: "XMH" + band (2 hex) + hash (8 hex)
 *           (near-duplicate candidates, dedup.c)
 *   XCL     cluster of near-duplicates, boolean: "XCL" + key (dedup.c)
 * Ids and paths longer than NX_MAX_TERM_KEY bytes are cut and followed by
 * "#" and a 64-bit hash in hex, so every term stays under Xapian's limit.
 *
 * Values:
 *   0  date, "YYYYMMDD" (ranges, sorting); absent when unknown
 *   1  source as written (facets)
 *   2  id, to order equal scores the same way in any sharding
 *   3  places (dateline place, then the place list), 4 topics, 5 people,
 *      6 organisations: each the distinct values joined by "\x1f", for
 *      facets (Xapian's value-count spy counts each joined list; search.c
 *      splits them, which keeps counts exact and works on remote shards)
 *   7  MinHash signature of the body: NX_DEDUP_K 32-bit values, big-endian
 *      (absent for bodies too short to judge)
 *   8  cluster key of near-duplicates (wire copies): the id of the
 *      cluster's earliest member; absent for articles without copies.
 *      Searches collapse on it (dedup.c)
 *
 * Document data: one JSON object,
 *   {"id","title","date","source","place","url","path",
 *    "authors":[],"topics":[],"places":[],"people":[],"orgs":[],"text"}
 * "text" is the body, kept for snippets; empty keys are left out.
 *
 * Metadata: "newsidx.lang" the stemming language; "newsidx.schema" "1";
 * "nx.file:" + path, the state of an input file (batch.c);
 * "nx.aliases.user" the alias file's pairs, lines "name\x1falias".
 *
 * Synonym table: the believed aliases, both ways, rewritten after each
 * indexing run from the XAL terms and the alias file (alias.c).
 *
 * A sharded database is a directory holding shard0..shardN-1, each a
 * database of this schema, and a Xapian stub file XAPIANDB listing them
 * ("auto shard0" ...), so Xapian opens the directory as one database.  An
 * article lives in shard nx_shard_of(id, N); the metadata lives in shard0.
 * A cluster stub may also list "remote HOST:PORT" lines (xapian-tcpsrv).
 */
#define NX_SLOT_DATE	  0
#define NX_SLOT_SOURCE	  1
#define NX_SLOT_ID	  2
#define NX_SLOT_PLACES	  3
#define NX_SLOT_TOPICS	  4
#define NX_SLOT_PEOPLE	  5
#define NX_SLOT_ORGS	  6
#define NX_SLOT_MINHASH	  7
#define NX_SLOT_CLUSTER	  8
#define NX_FACET_SEP	  '\x1f'
#define NX_TITLE_WDF	  3
#define NX_MAX_TERM_KEY	  180
#define NX_SCHEMA_VERSION "1"

struct xc_db;
struct xc_stem;
struct xc_termgen;

struct newsidx_db {
	struct xc_db *xdb;
	struct xc_stem *stem;
	struct xc_termgen *tg; /* writers */
	int writable;
	int atomic; /* one transaction until close: commit does nothing */
	int in_txn; /* a transaction is open (writers always have one) */
	/* Writers of a sharded database hold every shard; shards[0] is xdb
	 * and keeps the metadata.  A plain database has one shard. */
	struct xc_db **shards;
	unsigned n_shards;
	/* --shard-of n/m: only articles with nx_shard_of(id, m) == n. */
	unsigned route_n, route_m;
	/* Readers: the shards left out under allow_partial ("" none). */
	nx_buf missing;
	int has_remote; /* some shard is remote (no synonym table there) */
	char lang[32];
	char *path;
	nx_buf err;
};

/* Set db's error message to "context: detail" and return status. */
newsidx_status nx_db_fail(newsidx_db *db, newsidx_status status,
			  const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Which of n shards the article with this id belongs to: a stable hash. */
unsigned nx_shard_of(const char *id, unsigned n);
/* The boolean term prefix+key, hashed when long; malloc'ed. */
char *nx_db_key_term(const char *prefix, const char *key);

/**************************************************************************
 * dedup.c: near-duplicate articles (wire copies): MinHash signatures at
 * index time, clusters after each run (see the overview in dedup.c)
 */
#define NX_DEDUP_SHINGLE   3   /* words per shingle */
#define NX_DEDUP_K	   60  /* MinHash values per signature */
#define NX_DEDUP_BANDS	   30  /* LSH bands ... */
#define NX_DEDUP_ROWS	   2   /* ... of this many values */
#define NX_DEDUP_MIN_WORDS 25  /* shorter bodies are not judged */
#define NX_DEDUP_THRESHOLD 0.4 /* estimated Jaccard of copies */
#define NX_DEDUP_MAX_DAYS  3   /* copies of a story appear within this */
#define NX_DEDUP_SIG_BYTES (4 * NX_DEDUP_K)
#define NX_DEDUP_BAND_TERM 14 /* "XMH" + 2 + 8 hex digits + NUL */
/* What the signature adds to the index per article, for commit budgets. */
#define NX_DEDUP_INDEX_BYTES (NX_DEDUP_SIG_BYTES + NX_DEDUP_BANDS * 64)
struct xc_doc;
/* The MinHash signature of body[0..len) (valid UTF-8, not yet folded)
 * into sig; *has_sig 0 when the body is too short to judge.  OK or
 * NOMEM. */
newsidx_status nx_dedup_signature(const char *body, size_t len,
				  uint32_t sig[NX_DEDUP_K], int *has_sig);
/* The estimated Jaccard similarity of two signatures, 0..1. */
double nx_dedup_similarity(const uint32_t a[NX_DEDUP_K],
			   const uint32_t b[NX_DEDUP_K]);
/* A signature as the bytes of value NX_SLOT_MINHASH, and back (0 when
 * the value is not a signature). */
void nx_dedup_encode(const uint32_t sig[NX_DEDUP_K],
		     unsigned char out[NX_DEDUP_SIG_BYTES]);
int nx_dedup_decode(const char *value, size_t len, uint32_t sig[NX_DEDUP_K]);
/* The LSH term of band (0..NX_DEDUP_BANDS-1) of sig. */
void nx_dedup_band_term(const uint32_t sig[NX_DEDUP_K], unsigned band,
			char out[NX_DEDUP_BAND_TERM]);
/* Add the signature value and band terms of body to doc (nothing for a
 * short body); returns an xc_status. */
int nx_dedup_add_to_doc(struct xc_doc *doc, const char *body);
/* Each shard's last document id into last[0..db->n_shards): taken
 * before a run, so that nx_dedup_finish() knows the run's articles. */
newsidx_status nx_dedup_last_docids(newsidx_db *db, unsigned *last);
/* The pass after indexing: cluster the articles added since last_before
 * (from nx_dedup_last_docids) with their near-duplicates, old or new, and
 * write the cluster keys.  Into an empty database, the run's bands are
 * held in memory when they fit in max_memory bytes.  *n_clustered (may be
 * NULL) gets the number of articles in the clusters touched.  OK, NOMEM,
 * DB_* (db's error says what). */
newsidx_status nx_dedup_finish(newsidx_db *db, const unsigned *last_before,
			       size_t max_memory, unsigned long *n_clustered);

/**************************************************************************
 * facets.c: facet counts and timelines
 */
typedef struct nx_facets nx_facets;
struct xc_enquire;
/* Whether opts asks for facets or a timeline. */
int nx_facets_wanted(const newsidx_search_opts *opts);
/* Spies for what opts asks, added to enq. */
newsidx_status nx_facets_new(const newsidx_search_opts *opts,
			     struct xc_enquire *enq, nx_facets **out);
/* After the match: turn the spies' counts into facets and a timeline. */
newsidx_status nx_facets_collect(nx_facets *f);
size_t nx_facets_size(const nx_facets *f, int facet);
const newsidx_count *nx_facets_get(const nx_facets *f, int facet, size_t i);
size_t nx_facets_timeline_size(const nx_facets *f);
const newsidx_count *nx_facets_timeline(const nx_facets *f, size_t i);
void nx_facets_destroy(nx_facets *f);

/**************************************************************************
 * acronym.c: acronym definitions in text
 */
#define NX_ALIAS_MAX_LONG 160 /* bytes of a normalised name */
/* The definitions in text (raw article text), as "acronym:long form"
 * normalised by nx_alias_normalise(), each once: *pairs (free with
 * nx_acronyms_free()) and *n.  Returns OK or NOMEM. */
newsidx_status nx_acronyms_find(const char *text, char ***pairs, size_t *n);
void nx_acronyms_free(char **pairs, size_t n);
/* s[0..len) folded, lower case, runs of non-alphanumerics one space;
 * malloc'ed, NULL on OOM. */
char *nx_alias_normalise(const char *s, size_t len);

/**************************************************************************
 * alias.c: acronyms and aliases learned from the text
 */
typedef struct nx_alias_query nx_alias_query;
struct xc_doc;
struct xc_qparser;
/* Add to doc the XAL terms of the definitions found in text (raw article
 * text).  Sticky on rc, an xc_status. */
int nx_alias_index(struct xc_doc *doc, int rc, const char *text);
/* Read the user's alias file: *stored gets its pairs in the form
 * nx_alias_finish() stores; *errmsg names the file and line on failure. */
newsidx_status nx_alias_parse_file(const char *path, char **stored,
				   char **errmsg);
/* After indexing: store user_pairs (when not NULL) and rewrite the synonym
 * table from the evidence.  db is a writer. */
newsidx_status nx_alias_finish(newsidx_db *db, const char *user_pairs);
/* The query string q (folded) with the names that have aliases replaced
 * by references to the field processor nx_alias_attach() installs;
 * *out malloc'ed, *aq to free with nx_alias_query_free() after parsing. */
newsidx_status nx_alias_rewrite(newsidx_db *db, const char *q,
				nx_alias_query **aq, char **out);
int nx_alias_attach(nx_alias_query *aq, struct xc_qparser *qp);
/* The names expanded: key i, its synonyms and its expansion query. */
struct xc_query;
size_t nx_alias_query_size(const nx_alias_query *aq);
const char *nx_alias_query_key(const nx_alias_query *aq, size_t i,
			       const char *const **synonyms, size_t *n,
			       const struct xc_query **query);
void nx_alias_query_free(nx_alias_query *aq);

/**************************************************************************
 * explain.c: each hit's score, part by part
 */
typedef struct nx_explain nx_explain;
/* Weigh the parts of final (with its alias expansions) for hits[0..n),
 * setting their explain and n_explain, which point into *out. */
newsidx_status nx_explain_hits(newsidx_db *db, const newsidx_search_opts *opts,
			       const struct xc_query *final,
			       const nx_alias_query *aliases, newsidx_hit *hits,
			       size_t n, nx_explain **out);
void nx_explain_free(nx_explain *ex);

/**************************************************************************
 * search.c: running queries
 */
/* The number of articles query matches under opts (its dates and mode; no
 * hits, snippets, facets or feedback), into *out: exact when count_to is 0
 * or the number is below count_to, else at least count_to (counting stops
 * there).  With all_words, words without an operator between them must
 * all match (default AND, in interactive queries).  As
 * newsidx_search_run() for statuses and messages. */
newsidx_status nx_search_count(newsidx_db *db, const newsidx_search_opts *opts,
			       const char *query, int all_words,
			       unsigned count_to, unsigned *out);
/* The query fields of free-text prefixes (field:word), as the schema
 * has them: the parser's and --explain's one table. */
typedef struct nx_field {
	const char *field;
	const char *prefix;
} nx_field;
#define NX_N_FREE_FIELDS 7
extern const nx_field nx_free_fields[NX_N_FREE_FIELDS];
/* An internal search flag, past the public NEWSIDX_SEARCH_* ones: the
 * parser's default operator is AND. */
#define NX_SEARCH_ALL_WORDS (1u << 30)

/**************************************************************************
 * spell.c: spelling suggestions from the index's own vocabulary
 */
/* The Damerau-Levenshtein distance (optimal string alignment: adjacent
 * transpositions count one, no substring is edited twice) between a and
 * b, counted in code points, or max + 1 when it is more than max.  Words
 * longer than NX_SPELL_MAX_LEN code points are max + 1 from anything. */
#define NX_SPELL_MAX_LEN 40
unsigned nx_spell_distance(const char *a, size_t a_len, const char *b,
			   size_t b_len, unsigned max);
/* The corrected query for opts->query (see spell.c for when there is
 * one), malloc'ed into *out: "" for none.  Returns OK, NOMEM, or the
 * status of counting the query (*out is then ""). */
newsidx_status nx_spell_suggest(newsidx_db *db, const newsidx_search_opts *opts,
				char **out);

/**************************************************************************
 * fs.c: database directories on disk
 */
/* Remove a file or a directory tree; errors are ignored. */
void nx_fs_remove_tree(const char *path);
/* Put the database directory fresh in the place of path: path is renamed
 * to path.old, fresh to path, then path.old removed.  Returns 1 on
 * success. */
int nx_fs_swap_in(const char *path, const char *fresh);
/* A swap interrupted between its two renames leaves path.new and no path:
 * finish it. */
void nx_fs_recover_swap(const char *path);
/* Bytes used by the files under path. */
unsigned long long nx_fs_size(const char *path);

/**************************************************************************
 * status.c
 */
/* Map a binding status to a newsidx status. */
newsidx_status nx_status_from_xc(int xrc);

#endif /* NEWSIDX_PRIVATE_H */
