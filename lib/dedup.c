/* dedup.c: near-duplicate articles (wire copies) and their clusters.
 *
 * The same agency story run by several outlets differs by a headline, a
 * cut paragraph, an added sentence.  Its body is compared, not its title:
 *
 *  - Words: the folded body (text.c), ASCII lower-cased, split into runs
 *    of letters and digits (bytes >= 0x80 count as letters, so words of
 *    other scripts are kept whole).  A body of fewer than
 *    NX_DEDUP_MIN_WORDS words is too short to judge: no signature, never
 *    clustered.
 *  - Shingles: every run of NX_DEDUP_SHINGLE (3) consecutive words,
 *    hashed.  Three words rather than four or five: an edited word spoils
 *    fewer shingles (on the test set of eval/DEDUP.md, recall 0.80 with
 *    3 words at threshold 0.4, 0.78 with 4 words at 0.35, for the same
 *    precision).
 *  - MinHash: for each of NX_DEDUP_K (60) mixes (splitmix64 of the
 *    shingle hash xor a fixed seed), the smallest value over the
 *    shingles, kept as 32 bits.  The share of equal positions of two
 *    signatures estimates the Jaccard similarity of the two shingle sets.
 *    Stored big-endian in value slot NX_SLOT_MINHASH.
 *  - LSH: the signature cut into NX_DEDUP_BANDS (30) bands of
 *    NX_DEDUP_ROWS (2) values; each band hashed into a boolean term "XMH"
 *    + 2 hex digits of band number + 8 of hash.  Articles that share a
 *    band term are candidates: a pair of Jaccard 0.4 shares one with
 *    probability 1 - (1 - 0.4^2)^30 = 0.995, a pair of 0.2 with 0.71.
 *  - Near-duplicates: candidates whose estimated Jaccard is at least
 *    NX_DEDUP_THRESHOLD (0.4) and whose dates (when both have one) are at
 *    most NX_DEDUP_MAX_DAYS (3) apart: copies of a story run within days,
 *    while the same template filled in on other days (money market
 *    reports, price postings) is another story.
 *  - Clusters (nx_dedup_finish, after each indexing run): the articles
 *    added in the run (docids above each shard's last one before it),
 *    earliest first (date, then id), each join the cluster of their most
 *    similar near-duplicate whose leader (the member whose id is the key)
 *    is also a near-duplicate of theirs; else they lead a new cluster
 *    with their near-duplicates not yet in one (or, when one of those is
 *    earlier, join it as its leader).  Clusters are stars around their
 *    leader, not chains: union-find made clusters of 35 daily reports in
 *    Reuters, each a little like the one before.  The key is the
 *    leader's id; an existing cluster keeps it.  Articles are read from
 *    the database as needed: the pass holds only the id and date of each
 *    article of the run.  Every member carries the key in value slot
 *    NX_SLOT_CLUSTER (the collapse key of searches) and the boolean term
 *    "XCL" + key; articles without copies carry neither.
 *
 * The constants were chosen on the Reuters-derived test set of
 * eval/DEDUP.md, which gives the precision and recall they reach.
 */
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"
#include "xapian-c.h"

/* ------------------------------------------------------------------ */
/* Signatures */

static uint64_t splitmix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

/* The hashes of the words of text[0..len) into *out (malloc'ed), their
 * number into *n. */
static newsidx_status word_hashes(const char *text, size_t len, uint64_t **out,
				  size_t *n)
{
	uint64_t *hashes = NULL;
	size_t cap = 0, count = 0, i = 0;
	char word[256];

	*out = NULL;
	*n = 0;
	while (i < len) {
		size_t w = 0;

		while (i < len && !word_byte((unsigned char)text[i]))
			i++;
		if (i >= len)
			break;
		while (i < len && word_byte((unsigned char)text[i])) {
			char c = text[i++];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (w < sizeof word)
				word[w++] = c;
		}
		if (count == cap) {
			size_t ncap = cap ? 2 * cap : 256;
			uint64_t *more = realloc(hashes, ncap * sizeof *more);

			if (!more) {
				free(hashes);
				return NEWSIDX_NOMEM;
			}
			hashes = more;
			cap = ncap;
		}
		hashes[count++] = nx_hash64(word, w);
	}
	*out = hashes;
	*n = count;
	return NEWSIDX_OK;
}

newsidx_status nx_dedup_signature(const char *body, size_t len,
				  uint32_t sig[NX_DEDUP_K], int *has_sig)
{
	uint64_t mins[NX_DEDUP_K], *words = NULL;
	char *folded;
	size_t n = 0, i, j;
	newsidx_status rc;

	*has_sig = 0;
	if (!body || !len)
		return NEWSIDX_OK;
	folded = nx_text_fold(body, len);
	if (!folded)
		return NEWSIDX_NOMEM;
	rc = word_hashes(folded, strlen(folded), &words, &n);
	free(folded);
	if (rc != NEWSIDX_OK)
		return rc;
	if (n < NX_DEDUP_MIN_WORDS || n < NX_DEDUP_SHINGLE) {
		free(words);
		return NEWSIDX_OK;
	}
	for (j = 0; j < NX_DEDUP_K; j++)
		mins[j] = UINT64_MAX;
	for (i = 0; i + NX_DEDUP_SHINGLE <= n; i++) {
		uint64_t h = 0;

		for (j = 0; j < NX_DEDUP_SHINGLE; j++)
			h = splitmix64(h ^ words[i + j]);
		for (j = 0; j < NX_DEDUP_K; j++) {
			uint64_t v = splitmix64(h ^ (0x5bd1e995ULL * (j + 1)));

			if (v < mins[j])
				mins[j] = v;
		}
	}
	free(words);
	for (j = 0; j < NX_DEDUP_K; j++)
		sig[j] = (uint32_t)(mins[j] >> 32);
	*has_sig = 1;
	return NEWSIDX_OK;
}

double nx_dedup_similarity(const uint32_t a[NX_DEDUP_K],
			   const uint32_t b[NX_DEDUP_K])
{
	unsigned same = 0, j;

	for (j = 0; j < NX_DEDUP_K; j++)
		same += a[j] == b[j];
	return (double)same / NX_DEDUP_K;
}

void nx_dedup_encode(const uint32_t sig[NX_DEDUP_K],
		     unsigned char out[NX_DEDUP_SIG_BYTES])
{
	unsigned j;

	for (j = 0; j < NX_DEDUP_K; j++) {
		out[4 * j] = (unsigned char)(sig[j] >> 24);
		out[4 * j + 1] = (unsigned char)(sig[j] >> 16);
		out[4 * j + 2] = (unsigned char)(sig[j] >> 8);
		out[4 * j + 3] = (unsigned char)sig[j];
	}
}

int nx_dedup_decode(const char *value, size_t len, uint32_t sig[NX_DEDUP_K])
{
	const unsigned char *p = (const unsigned char *)value;
	unsigned j;

	if (len != NX_DEDUP_SIG_BYTES)
		return 0;
	for (j = 0; j < NX_DEDUP_K; j++)
		sig[j] = (uint32_t)p[4 * j] << 24 |
			 (uint32_t)p[4 * j + 1] << 16 |
			 (uint32_t)p[4 * j + 2] << 8 | (uint32_t)p[4 * j + 3];
	return 1;
}

/* The 32-bit hash of a band of sig, as its term spells it. */
static uint32_t band_hash(const uint32_t sig[NX_DEDUP_K], unsigned band)
{
	uint64_t h = band;
	unsigned r;

	for (r = 0; r < NX_DEDUP_ROWS; r++)
		h = splitmix64(h ^ sig[band * NX_DEDUP_ROWS + r]);
	return (uint32_t)(h >> 32);
}

void nx_dedup_band_term(const uint32_t sig[NX_DEDUP_K], unsigned band,
			char out[NX_DEDUP_BAND_TERM])
{
	snprintf(out, NX_DEDUP_BAND_TERM, "XMH%02x%08x", band & 0xffu,
		 (unsigned)band_hash(sig, band));
}

int nx_dedup_add_to_doc(struct xc_doc *doc, const char *body)
{
	uint32_t sig[NX_DEDUP_K];
	unsigned char bytes[NX_DEDUP_SIG_BYTES];
	char term[NX_DEDUP_BAND_TERM];
	int has_sig = 0;
	unsigned band;
	xc_status xrc;

	if (nx_dedup_signature(body, body ? strlen(body) : 0, sig, &has_sig) !=
	    NEWSIDX_OK)
		return XC_NOMEM;
	if (!has_sig)
		return XC_OK;
	nx_dedup_encode(sig, bytes);
	xrc = xc_doc_add_value(doc, NX_SLOT_MINHASH, (const char *)bytes,
			       sizeof bytes);
	for (band = 0; xrc == XC_OK && band < NX_DEDUP_BANDS; band++) {
		nx_dedup_band_term(sig, band, term);
		xrc = xc_doc_add_boolean_term(doc, term);
	}
	return xrc;
}

/* ------------------------------------------------------------------ */
/* Clusters */

/* An article looked at by the pass: one added in this run, or one of its
 * candidates.  Read from the database each time: the pass keeps nothing
 * per article, so its memory does not grow with the run. */
typedef struct node {
	unsigned shard, docid;
	uint32_t sig[NX_DEDUP_K];
	char *id;  /* value NX_SLOT_ID */
	char *key; /* its cluster key, NULL when none */
	long day;  /* days since 1970 of its date, NO_DAY if none */
	char date[9];
	double similarity; /* to the article being placed */
} node;

#define NO_DAY (-1000000000L)

typedef struct pass {
	newsidx_db *db;
	newsidx_status rc;
	xc_status xrc;
	/* The article being placed, the shard the postlist walk is in, the
	 * candidates seen (as shard << 32 | docid) and those that are its
	 * near-duplicates. */
	node cur;
	unsigned shard;
	uint64_t *seen;
	size_t n_seen, cap_seen;
	node *matches;
	size_t n_matches, cap_matches;
	unsigned long n_written;
	/* A run into an empty database: the bands of its articles, each
	 * band's sorted by hash, stand in for the band terms' postlists
	 * (which cost three quarters of the pass on Reuters).  NULL when
	 * the database had articles or the bands would take more than
	 * max_band_memory (the indexing memory budget): about 370 bytes
	 * an article, so the default 256 MB holds 700,000 articles. */
	struct band_entry *bands[NX_DEDUP_BANDS];
	/* Of the run's articles, by .run: where they are (shard << 32 |
	 * docid), and their signatures cut to 16 bits, enough to tell
	 * which candidates are worth reading (cutting can only add equal
	 * values, so no near-duplicate is passed over). */
	uint64_t *where;
	uint16_t (*sigs)[NX_DEDUP_K];
	size_t n_bands;
	size_t max_band_memory;
} pass;

typedef struct band_entry {
	uint32_t hash;
	unsigned run; /* the article: p->where[run], p->sigs[run] */
} band_entry;

static double similarity16(const uint32_t a[NX_DEDUP_K],
			   const uint16_t b[NX_DEDUP_K])
{
	unsigned i, same = 0;

	for (i = 0; i < NX_DEDUP_K; i++)
		same += (uint16_t)a[i] == b[i];
	return (double)same / NX_DEDUP_K;
}

/* Days since 1970-01-01 of "YYYYMMDD" (Howard Hinnant's days_from_civil). */
static long day_number(const char *date)
{
	long y = 0, m, d, era, yoe, doy, doe;
	int i;

	for (i = 0; i < 8; i++)
		if (date[i] < '0' || date[i] > '9')
			return NO_DAY;
	for (i = 0; i < 4; i++)
		y = y * 10 + (date[i] - '0');
	m = (date[4] - '0') * 10 + (date[5] - '0');
	d = (date[6] - '0') * 10 + (date[7] - '0');
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void node_clear(node *nd)
{
	free(nd->id);
	free(nd->key);
	memset(nd, 0, sizeof *nd);
}

static char *value_copy(xc_doc *doc, unsigned slot, xc_status *xrc)
{
	const char *v = NULL;
	size_t len = 0;
	char *s;

	if (*xrc != XC_OK)
		return NULL;
	*xrc = xc_doc_get_value(doc, slot, &v, &len);
	if (*xrc != XC_OK || !len)
		return NULL;
	s = nx_strndup(v, len);
	if (!s)
		*xrc = XC_NOMEM;
	return s;
}

/* Read document docid of shard into nd; *ok 0 when it is gone or has no
 * signature (nd is then clear). */
static xc_status read_node(newsidx_db *db, unsigned shard, unsigned docid,
			   node *nd, int *ok)
{
	xc_doc *doc = NULL;
	const char *v = NULL;
	size_t len = 0;
	xc_status xrc;

	*ok = 0;
	memset(nd, 0, sizeof *nd);
	xrc = xc_db_get_document(db->shards[shard], docid, &doc);
	if (xrc == XC_DOC_NOT_FOUND)
		return XC_OK;
	if (xrc == XC_OK)
		xrc = xc_doc_get_value(doc, NX_SLOT_MINHASH, &v, &len);
	if (xrc != XC_OK || !nx_dedup_decode(v, len, nd->sig)) {
		xc_doc_destroy(doc);
		return xrc;
	}
	nd->shard = shard;
	nd->docid = docid;
	nd->id = value_copy(doc, NX_SLOT_ID, &xrc);
	nd->key = value_copy(doc, NX_SLOT_CLUSTER, &xrc);
	if (xrc == XC_OK)
		xrc = xc_doc_get_value(doc, NX_SLOT_DATE, &v, &len);
	if (xrc == XC_OK && len == 8)
		memcpy(nd->date, v, 8);
	nd->day = nd->date[0] ? day_number(nd->date) : NO_DAY;
	xc_doc_destroy(doc);
	if (xrc != XC_OK || !nd->id) {
		node_clear(nd);
		return xrc;
	}
	*ok = 1;
	return XC_OK;
}

/* Whether two articles were published close enough in time to be copies
 * of one story (undated articles always are). */
static int close_in_time(const node *a, const node *b)
{
	long gap = a->day - b->day;

	return a->day == NO_DAY || b->day == NO_DAY ||
	       (gap <= NX_DEDUP_MAX_DAYS && gap >= -NX_DEDUP_MAX_DAYS);
}

static int push_seen(pass *p, uint64_t which)
{
	size_t i;

	for (i = 0; i < p->n_seen; i++)
		if (p->seen[i] == which)
			return 0;
	if (p->n_seen == p->cap_seen) {
		size_t cap = p->cap_seen ? 2 * p->cap_seen : 64;
		uint64_t *more = realloc(p->seen, cap * sizeof *more);

		if (!more) {
			p->rc = NEWSIDX_NOMEM;
			return 0;
		}
		p->seen = more;
		p->cap_seen = cap;
	}
	p->seen[p->n_seen++] = which;
	return 1;
}

/* A candidate of p->cur in shard p->shard: kept in p->matches when it is
 * a near-duplicate. */
static int compare_candidate(void *ctx, unsigned docid)
{
	pass *p = ctx;
	node cand;
	int ok = 0;

	if ((p->shard == p->cur.shard && docid == p->cur.docid) ||
	    !push_seen(p, (uint64_t)p->shard << 32 | docid))
		return p->rc != NEWSIDX_OK;
	p->xrc = read_node(p->db, p->shard, docid, &cand, &ok);
	if (p->xrc != XC_OK)
		return 1;
	if (!ok)
		return 0;
	cand.similarity = nx_dedup_similarity(p->cur.sig, cand.sig);
	if (cand.similarity < NX_DEDUP_THRESHOLD ||
	    !close_in_time(&p->cur, &cand)) {
		node_clear(&cand);
		return 0;
	}
	if (p->n_matches == p->cap_matches) {
		size_t cap = p->cap_matches ? 2 * p->cap_matches : 16;
		node *more = realloc(p->matches, cap * sizeof *more);

		if (!more) {
			node_clear(&cand);
			p->rc = NEWSIDX_NOMEM;
			return 1;
		}
		p->matches = more;
		p->cap_matches = cap;
	}
	p->matches[p->n_matches++] = cand;
	return 0;
}

/* Whether a is earlier than b: dated before undated, older first, then
 * by id. */
static int earlier(const node *a, const node *b)
{
	int cmp;

	if (a->date[0] != b->date[0])
		return a->date[0] != '\0';
	cmp = memcmp(a->date, b->date, 8);
	if (cmp)
		return cmp < 0;
	return strcmp(a->id, b->id) < 0;
}

static int cmp_similarity(const void *a, const void *b)
{
	const node *x = a, *y = b;

	if (x->similarity != y->similarity)
		return x->similarity > y->similarity ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Give the article nd the cluster key (its value and XCL term). */
static xc_status set_key(pass *p, node *nd, const char *key)
{
	xc_doc *doc = NULL;
	char *term = nx_db_key_term("XCL", key), *copy = nx_strdup(key);
	xc_status xrc = term && copy ? XC_OK : XC_NOMEM;

	if (xrc == XC_OK)
		xrc = xc_db_get_document(p->db->shards[nd->shard], nd->docid,
					 &doc);
	if (xrc == XC_OK)
		xrc = xc_doc_add_boolean_term(doc, term);
	if (xrc == XC_OK)
		xrc = xc_doc_add_value(doc, NX_SLOT_CLUSTER, key, strlen(key));
	if (xrc == XC_OK)
		xrc = xc_db_replace_document(p->db->shards[nd->shard],
					     nd->docid, doc);
	xc_doc_destroy(doc);
	free(term);
	if (xrc == XC_OK) {
		free(nd->key);
		nd->key = copy;
		p->n_written++;
	} else {
		free(copy);
	}
	return xrc;
}

/* Place p->cur (new in this run, no key yet) among its near-duplicates
 * p->matches, most similar first:
 *  - into the cluster of the most similar one that has a cluster whose
 *    leader (the member whose id is the key) is p->cur or also one of
 *    its near-duplicates: clusters are stars around their leader, never
 *    chains, so a series of reports on one template, each a little like
 *    the last, does not become one cluster;
 *  - else into a new cluster with those of them that have none, led by
 *    the earliest; when that is not p->cur, only p->cur and the leader
 *    are known to be alike, and only they join. */
static xc_status place(pass *p)
{
	node *leader = &p->cur;
	size_t k, j, joined = 0;
	xc_status xrc = XC_OK;

	for (k = 0; k < p->n_matches; k++) {
		const char *key = p->matches[k].key;

		if (!key)
			continue;
		if (!strcmp(key, p->cur.id))
			return set_key(p, &p->cur, key);
		for (j = 0; j < p->n_matches; j++)
			if (!strcmp(p->matches[j].id, key))
				return set_key(p, &p->cur, key);
	}
	for (k = 0; k < p->n_matches; k++)
		if (!p->matches[k].key && earlier(&p->matches[k], leader))
			leader = &p->matches[k];
	if (leader != &p->cur) {
		xrc = set_key(p, leader, leader->id);
		if (xrc == XC_OK)
			xrc = set_key(p, &p->cur, leader->id);
		return xrc;
	}
	/* Near-duplicates all in clusters that would not take it: alone. */
	for (k = 0; xrc == XC_OK && k < p->n_matches; k++)
		if (!p->matches[k].key) {
			xrc = set_key(p, &p->matches[k], p->cur.id);
			joined++;
		}
	if (xrc == XC_OK && joined)
		xrc = set_key(p, &p->cur, p->cur.id);
	return xrc;
}

newsidx_status nx_dedup_last_docids(newsidx_db *db, unsigned *last)
{
	unsigned k;
	xc_status xrc = XC_OK;

	for (k = 0; k < db->n_shards && xrc == XC_OK; k++)
		xrc = xc_db_get_lastdocid(db->shards[k], &last[k]);
	if (xrc != XC_OK)
		return nx_db_fail(db, nx_status_from_xc(xrc),
				  "%s: reading the last document id: %s",
				  db->path, xc_last_error());
	return NEWSIDX_OK;
}

/* Find the near-duplicates of p->cur and place it. */
static int cmp_band_entry(const void *a, const void *b)
{
	const band_entry *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->run < y->run ? -1 : x->run > y->run;
}

/* The candidates of p->cur from the bands in memory. */
static void candidates_in_memory(pass *p)
{
	unsigned band;

	for (band = 0;
	     p->xrc == XC_OK && p->rc == NEWSIDX_OK && band < NX_DEDUP_BANDS;
	     band++) {
		const band_entry *e = p->bands[band];
		uint32_t hash = band_hash(p->cur.sig, band);
		size_t lo = 0, hi = p->n_bands;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (e[mid].hash < hash)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* Only near-duplicates are read from the database: on the
		 * 100k benchmark corpus, whose articles are recombined from
		 * the same sentences, almost every candidate is not one. */
		for (; lo < p->n_bands && e[lo].hash == hash; lo++) {
			uint64_t at = p->where[e[lo].run];

			if (similarity16(p->cur.sig, p->sigs[e[lo].run]) <
			    NX_DEDUP_THRESHOLD)
				continue;
			p->shard = (unsigned)(at >> 32);
			if (compare_candidate(p, (unsigned)at))
				break;
		}
	}
}

static xc_status place_one(pass *p)
{
	char term[NX_DEDUP_BAND_TERM];
	unsigned band, j;
	size_t k;

	p->n_seen = 0;
	p->n_matches = 0;
	p->xrc = XC_OK;
	if (p->bands[0])
		candidates_in_memory(p);
	for (band = 0; !p->bands[0] && p->xrc == XC_OK && p->rc == NEWSIDX_OK &&
		       band < NX_DEDUP_BANDS;
	     band++) {
		nx_dedup_band_term(p->cur.sig, band, term);
		for (j = 0; p->xrc == XC_OK && p->rc == NEWSIDX_OK &&
			    j < p->db->n_shards;
		     j++) {
			xc_status xrc;

			p->shard = j;
			xrc = xc_db_postlist(p->db->shards[j], term,
					     compare_candidate, p);
			if (p->xrc == XC_OK)
				p->xrc = xrc;
		}
	}
	if (p->xrc == XC_OK && p->rc == NEWSIDX_OK) {
		if (p->n_matches)
			qsort(p->matches, p->n_matches, sizeof *p->matches,
			      cmp_similarity);
		p->xrc = place(p);
	}
	for (k = 0; k < p->n_matches; k++)
		node_clear(&p->matches[k]);
	return p->xrc;
}

/* An article of the run, in the order they are placed. */
typedef struct run_article {
	unsigned shard, docid;
	char *id;
	char date[9];
} run_article;

/* Add nd's bands as article i of the run to p->bands; 0 (and none kept)
 * when they would take more than p->max_band_memory or memory is short:
 * the postlists serve then. */
static int add_bands(pass *p, const node *nd, size_t i)
{
	unsigned band;

	if ((i + 1) * (NX_DEDUP_BANDS * sizeof(band_entry) + sizeof *p->sigs +
		       sizeof *p->where) >
	    p->max_band_memory)
		goto drop;
	/* Grown at powers of two, as the run is. */
	if (i == 0 || (i >= 256 && !(i & (i - 1)))) {
		size_t cap = i < 256 ? 256 : 2 * i;
		uint16_t(*sigs)[NX_DEDUP_K] =
			realloc(p->sigs, cap * sizeof *sigs);
		uint64_t *where;

		if (!sigs)
			goto drop;
		p->sigs = sigs;
		where = realloc(p->where, cap * sizeof *where);
		if (!where)
			goto drop;
		p->where = where;
		for (band = 0; band < NX_DEDUP_BANDS; band++) {
			band_entry *more =
				realloc(p->bands[band], cap * sizeof *more);

			if (!more)
				goto drop;
			p->bands[band] = more;
		}
	}
	for (band = 0; band < NX_DEDUP_K; band++)
		p->sigs[i][band] = (uint16_t)nd->sig[band];
	p->where[i] = (uint64_t)nd->shard << 32 | nd->docid;
	for (band = 0; band < NX_DEDUP_BANDS; band++) {
		p->bands[band][i].hash = band_hash(nd->sig, band);
		p->bands[band][i].run = (unsigned)i;
	}
	return 1;
drop:
	for (band = 0; band < NX_DEDUP_BANDS; band++) {
		free(p->bands[band]);
		p->bands[band] = NULL;
	}
	free(p->sigs);
	p->sigs = NULL;
	free(p->where);
	p->where = NULL;
	return 0;
}

static int cmp_run_article(const void *a, const void *b)
{
	const run_article *x = a, *y = b;
	int cmp;

	if (x->date[0] != y->date[0])
		return x->date[0] ? -1 : 1;
	cmp = memcmp(x->date, y->date, 8);
	return cmp ? cmp : strcmp(x->id, y->id);
}

newsidx_status nx_dedup_finish(newsidx_db *db, const unsigned *last_before,
			       size_t max_memory, unsigned long *n_clustered)
{
	pass p;
	run_article *run = NULL;
	size_t n_run = 0, cap_run = 0, i;
	unsigned k, docid, end = 0;
	xc_status xrc = XC_OK;
	int fresh;

	if (n_clustered)
		*n_clustered = 0;
	memset(&p, 0, sizeof p);
	p.db = db;
	p.max_band_memory = max_memory;
	for (k = 0; k < db->n_shards && !last_before[k]; k++)
		;
	fresh = k == db->n_shards;
	/* The articles of this run: above each shard's last id before. */
	for (k = 0; k < db->n_shards && xrc == XC_OK && p.rc == NEWSIDX_OK;
	     k++) {
		xrc = xc_db_get_lastdocid(db->shards[k], &end);
		for (docid = last_before[k] + 1;
		     xrc == XC_OK && p.rc == NEWSIDX_OK && docid <= end;
		     docid++) {
			int ok = 0;

			xrc = read_node(db, k, docid, &p.cur, &ok);
			if (xrc == XC_OK && ok && n_run == cap_run) {
				size_t cap = cap_run ? 2 * cap_run : 256;
				run_article *more =
					realloc(run, cap * sizeof *more);

				if (!more)
					p.rc = NEWSIDX_NOMEM;
				else {
					run = more;
					cap_run = cap;
				}
			}
			if (xrc == XC_OK && ok && p.rc == NEWSIDX_OK && fresh)
				fresh = add_bands(&p, &p.cur, n_run);
			if (xrc == XC_OK && ok && p.rc == NEWSIDX_OK) {
				run[n_run].shard = k;
				run[n_run].docid = docid;
				run[n_run].id = p.cur.id;
				memcpy(run[n_run].date, p.cur.date, 9);
				p.cur.id = NULL;
				n_run++;
			}
			node_clear(&p.cur);
		}
	}
	/* Earliest first, whatever the shards: the same clusters from one
	 * database or several. */
	if (n_run)
		qsort(run, n_run, sizeof *run, cmp_run_article);
	p.n_bands = fresh ? n_run : 0;
	for (k = 0; k < NX_DEDUP_BANDS && p.n_bands; k++)
		qsort(p.bands[k], p.n_bands, sizeof *p.bands[k],
		      cmp_band_entry);
	for (i = 0; xrc == XC_OK && p.rc == NEWSIDX_OK && i < n_run; i++) {
		int ok = 0;

		xrc = read_node(db, run[i].shard, run[i].docid, &p.cur, &ok);
		/* Placed already with an earlier article of the run. */
		if (xrc == XC_OK && ok && !p.cur.key)
			xrc = place_one(&p);
		node_clear(&p.cur);
	}
	for (i = 0; i < n_run; i++)
		free(run[i].id);
	free(run);
	free(p.seen);
	free(p.matches);
	for (k = 0; k < NX_DEDUP_BANDS; k++)
		free(p.bands[k]);
	free(p.sigs);
	free(p.where);
	if (n_clustered)
		*n_clustered = p.n_written;
	if (xrc != XC_OK)
		return nx_db_fail(db, nx_status_from_xc(xrc),
				  "%s: clustering near-duplicate articles: %s",
				  db->path, xc_last_error());
	if (p.rc != NEWSIDX_OK)
		return nx_db_fail(db, p.rc,
				  "%s: clustering near-duplicate articles: %s",
				  db->path, newsidx_status_str(p.rc));
	return NEWSIDX_OK;
}
