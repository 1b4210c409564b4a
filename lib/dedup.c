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
 *  - Shingles: every run of NX_DEDUP_SHINGLE consecutive words, hashed.
 *  - MinHash: for each of NX_DEDUP_K mixes (splitmix64 of the shingle hash
 *    xor a fixed seed), the smallest value over the shingles, kept as 32
 *    bits.  The share of equal positions of two signatures estimates the
 *    Jaccard similarity of the two shingle sets.  Stored big-endian in
 *    value slot NX_SLOT_MINHASH.
 *  - LSH: the signature cut into NX_DEDUP_BANDS bands of NX_DEDUP_ROWS
 *    rows; each band hashed into a boolean term "XMH" + 2 hex digits of
 *    band number + 8 of hash.  Two articles that share a band term are
 *    candidates; with 20 bands of 3 rows, a pair of Jaccard 0.5 shares one
 *    with probability 0.93, a pair of 0.7 with 0.9999.
 *  - Clusters (nx_dedup_finish, after each indexing run): each article
 *    added in the run is compared with its candidates; those whose
 *    estimated Jaccard is at least NX_DEDUP_THRESHOLD are one cluster
 *    (union-find: transitive).  A cluster's key is the id of its earliest
 *    member (date, then id), or the key it already had: an existing
 *    cluster keeps its key, and when a new article joins two clusters the
 *    smaller key wins and the other cluster's members move to it.  Every
 *    member carries the key in value slot NX_SLOT_CLUSTER (the collapse
 *    key of searches) and the boolean term "XCL" + key; articles without
 *    copies carry neither.
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

void nx_dedup_band_term(const uint32_t sig[NX_DEDUP_K], unsigned band,
			char out[NX_DEDUP_BAND_TERM])
{
	uint64_t h = band;
	unsigned r;

	for (r = 0; r < NX_DEDUP_ROWS; r++)
		h = splitmix64(h ^ sig[band * NX_DEDUP_ROWS + r]);
	snprintf(out, NX_DEDUP_BAND_TERM, "XMH%02x%08x", band & 0xffu,
		 (unsigned)(h >> 32));
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

/* An article looked at by the pass: one added in this run, or a
 * candidate already in the database. */
typedef struct node {
	unsigned shard, docid;
	uint32_t sig[NX_DEDUP_K];
	char *id;  /* value NX_SLOT_ID */
	char *key; /* its cluster key now, NULL when none */
	char date[9];
	int is_new;
	size_t parent; /* union-find */
	size_t seen;   /* last node compared with, + 1 */
} node;

typedef struct pass {
	newsidx_db *db;
	node *nodes;
	size_t n, cap;
	/* Open addressing: (shard, docid) -> node index + 1. */
	size_t *slots;
	size_t n_slots;
	newsidx_status rc;
	/* For the postlist walk. */
	size_t current;
	unsigned shard;
} pass;

static size_t slot_of(const pass *p, unsigned shard, unsigned docid)
{
	uint64_t h = splitmix64((uint64_t)shard << 32 | docid);
	size_t i = (size_t)h & (p->n_slots - 1);

	while (p->slots[i]) {
		const node *nd = &p->nodes[p->slots[i] - 1];

		if (nd->shard == shard && nd->docid == docid)
			break;
		i = (i + 1) & (p->n_slots - 1);
	}
	return i;
}

static newsidx_status grow(pass *p)
{
	size_t i;

	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		node *more = realloc(p->nodes, cap * sizeof *more);

		if (!more)
			return NEWSIDX_NOMEM;
		p->nodes = more;
		p->cap = cap;
	}
	if (2 * (p->n + 1) > p->n_slots) {
		size_t n_slots = p->n_slots ? 2 * p->n_slots : 128;

		free(p->slots);
		p->slots = calloc(n_slots, sizeof *p->slots);
		if (!p->slots)
			return NEWSIDX_NOMEM;
		p->n_slots = n_slots;
		for (i = 0; i < p->n; i++)
			p->slots[slot_of(p, p->nodes[i].shard,
					 p->nodes[i].docid)] = i + 1;
	}
	return NEWSIDX_OK;
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

/* The node of (shard, docid), loaded from the database when new to the
 * pass: *index gets it, or (size_t)-1 when the document is gone or has
 * no signature. */
static xc_status load_node(pass *p, unsigned shard, unsigned docid, int is_new,
			   size_t *index)
{
	xc_doc *doc = NULL;
	const char *v = NULL;
	size_t len = 0, i;
	xc_status xrc;
	node *nd;

	*index = (size_t)-1;
	if (grow(p) != NEWSIDX_OK)
		return XC_NOMEM;
	i = slot_of(p, shard, docid);
	if (p->slots[i]) {
		*index = p->slots[i] - 1;
		return XC_OK;
	}
	xrc = xc_db_get_document(p->db->shards[shard], docid, &doc);
	if (xrc == XC_DOC_NOT_FOUND)
		return XC_OK;
	if (xrc == XC_OK)
		xrc = xc_doc_get_value(doc, NX_SLOT_MINHASH, &v, &len);
	nd = &p->nodes[p->n];
	memset(nd, 0, sizeof *nd);
	if (xrc != XC_OK || !nx_dedup_decode(v, len, nd->sig)) {
		xc_doc_destroy(doc);
		return xrc;
	}
	nd->shard = shard;
	nd->docid = docid;
	nd->is_new = is_new;
	nd->parent = p->n;
	nd->id = value_copy(doc, NX_SLOT_ID, &xrc);
	nd->key = value_copy(doc, NX_SLOT_CLUSTER, &xrc);
	if (xrc == XC_OK)
		xrc = xc_doc_get_value(doc, NX_SLOT_DATE, &v, &len);
	if (xrc == XC_OK && len == 8)
		memcpy(nd->date, v, 8);
	xc_doc_destroy(doc);
	if (xrc != XC_OK || !nd->id) {
		free(nd->id);
		free(nd->key);
		return xrc;
	}
	p->slots[i] = p->n + 1;
	*index = p->n++;
	return XC_OK;
}

static size_t find(pass *p, size_t i)
{
	while (p->nodes[i].parent != i) {
		p->nodes[i].parent = p->nodes[p->nodes[i].parent].parent;
		i = p->nodes[i].parent;
	}
	return i;
}

static void unite(pass *p, size_t a, size_t b)
{
	a = find(p, a);
	b = find(p, b);
	if (a != b)
		p->nodes[a < b ? b : a].parent = a < b ? a : b;
}

/* A candidate of node p->current in shard p->shard. */
static int compare_candidate(void *ctx, unsigned docid)
{
	pass *p = ctx;
	size_t c;
	xc_status xrc;

	xrc = load_node(p, p->shard, docid, 0, &c);
	if (xrc != XC_OK) {
		p->rc = nx_status_from_xc(xrc);
		return 1;
	}
	if (c == (size_t)-1 || c == p->current ||
	    p->nodes[c].seen == p->current + 1)
		return 0;
	p->nodes[c].seen = p->current + 1;
	if (nx_dedup_similarity(p->nodes[p->current].sig, p->nodes[c].sig) >=
	    NX_DEDUP_THRESHOLD)
		unite(p, p->current, c);
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

/* Give document docid of shard the cluster key (old: the one it has, or
 * NULL). */
static xc_status set_key(newsidx_db *db, unsigned shard, unsigned docid,
			 const char *old, const char *key)
{
	xc_doc *doc = NULL;
	char *term = NULL;
	xc_status xrc;

	xrc = xc_db_get_document(db->shards[shard], docid, &doc);
	if (xrc == XC_OK && old) {
		term = nx_db_key_term("XCL", old);
		xrc = term ? xc_doc_remove_term(doc, term) : XC_NOMEM;
		/* A key without its term (an interrupted run) is mended. */
		if (xrc == XC_INVALID)
			xrc = XC_OK;
		free(term);
	}
	if (xrc == XC_OK) {
		term = nx_db_key_term("XCL", key);
		xrc = term ? xc_doc_add_boolean_term(doc, term) : XC_NOMEM;
		free(term);
	}
	if (xrc == XC_OK)
		xrc = xc_doc_add_value(doc, NX_SLOT_CLUSTER, key, strlen(key));
	if (xrc == XC_OK)
		xrc = xc_db_replace_document(db->shards[shard], docid, doc);
	xc_doc_destroy(doc);
	return xrc;
}

typedef struct moved {
	newsidx_db *db;
	unsigned shard;
	const char *old, *key;
	unsigned *docids;
	size_t n, cap;
	int nomem;
} moved;

static int collect_docid(void *ctx, unsigned docid)
{
	moved *m = ctx;

	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 16;
		unsigned *more = realloc(m->docids, cap * sizeof *more);

		if (!more) {
			m->nomem = 1;
			return 1;
		}
		m->docids = more;
		m->cap = cap;
	}
	m->docids[m->n++] = docid;
	return 0;
}

/* Move every article of cluster old to cluster key. */
static xc_status move_cluster(newsidx_db *db, const char *old, const char *key)
{
	char *term = nx_db_key_term("XCL", old);
	moved m;
	xc_status xrc = term ? XC_OK : XC_NOMEM;
	unsigned k;
	size_t i;

	memset(&m, 0, sizeof m);
	for (k = 0; xrc == XC_OK && k < db->n_shards; k++) {
		m.n = 0;
		xrc = xc_db_postlist(db->shards[k], term, collect_docid, &m);
		if (xrc == XC_OK && m.nomem)
			xrc = XC_NOMEM;
		for (i = 0; xrc == XC_OK && i < m.n; i++)
			xrc = set_key(db, k, m.docids[i], old, key);
	}
	free(m.docids);
	free(term);
	return xrc;
}

/* Settle a cluster (members: node indexes): choose its key and write it
 * where it differs. */
static xc_status settle(pass *p, const size_t *members, size_t n)
{
	const char *key = NULL;
	size_t i, j, first = members[0];
	xc_status xrc = XC_OK;

	for (i = 0; i < n; i++) {
		const node *nd = &p->nodes[members[i]];

		if (nd->key && (!key || strcmp(nd->key, key) < 0))
			key = nd->key;
		if (earlier(nd, &p->nodes[first]))
			first = members[i];
	}
	if (!key)
		key = p->nodes[first].id;
	/* Other clusters joined through this run's articles move whole,
	 * each once. */
	for (i = 0; xrc == XC_OK && i < n; i++) {
		const char *old = p->nodes[members[i]].key;

		if (!old || !strcmp(old, key))
			continue;
		for (j = 0; j < i; j++)
			if (p->nodes[members[j]].key &&
			    !strcmp(p->nodes[members[j]].key, old))
				break;
		if (j == i)
			xrc = move_cluster(p->db, old, key);
	}
	/* Every member with a key has it now; the others get it. */
	for (i = 0; xrc == XC_OK && i < n; i++) {
		const node *nd = &p->nodes[members[i]];

		if (!nd->key)
			xrc = set_key(p->db, nd->shard, nd->docid, NULL, key);
	}
	return xrc;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
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

newsidx_status nx_dedup_finish(newsidx_db *db, const unsigned *last_before,
			       unsigned long *n_clustered)
{
	pass p;
	size_t i, n_new, *order = NULL, *roots = NULL;
	unsigned k, docid, band, end, j;
	xc_status xrc = XC_OK;
	char term[NX_DEDUP_BAND_TERM];

	if (n_clustered)
		*n_clustered = 0;
	memset(&p, 0, sizeof p);
	p.db = db;
	/* The articles of this run: above each shard's last id before. */
	for (k = 0; k < db->n_shards && xrc == XC_OK; k++) {
		xrc = xc_db_get_lastdocid(db->shards[k], &end);
		for (docid = last_before[k] + 1; xrc == XC_OK && docid <= end;
		     docid++)
			xrc = load_node(&p, k, docid, 1, &i);
	}
	n_new = p.n;
	for (i = 0; xrc == XC_OK && i < n_new && p.rc == NEWSIDX_OK; i++) {
		p.current = i;
		for (band = 0; xrc == XC_OK && band < NX_DEDUP_BANDS; band++) {
			nx_dedup_band_term(p.nodes[i].sig, band, term);
			for (j = 0; xrc == XC_OK && j < db->n_shards &&
				    p.rc == NEWSIDX_OK;
			     j++) {
				p.shard = j;
				xrc = xc_db_postlist(db->shards[j], term,
						     compare_candidate, &p);
			}
		}
	}
	/* Each cluster with an article of this run, members in node order. */
	if (xrc == XC_OK && p.rc == NEWSIDX_OK && p.n) {
		order = malloc(p.n * sizeof *order);
		roots = malloc(p.n * sizeof *roots);
		if (!order || !roots)
			p.rc = NEWSIDX_NOMEM;
	}
	if (xrc == XC_OK && p.rc == NEWSIDX_OK && p.n) {
		size_t start, n_order = 0;

		for (i = 0; i < p.n; i++) {
			p.nodes[i].seen = 0;
			roots[i] = find(&p, i);
		}
		/* Sort node indexes by root (stable by index: root * n + i). */
		for (i = 0; i < p.n; i++)
			order[n_order++] = roots[i] * p.n + i;
		qsort(order, n_order, sizeof *order, cmp_size);
		for (start = 0; start < n_order && xrc == XC_OK;) {
			size_t root = order[start] / p.n, stop = start, m;
			int any_new = 0;

			while (stop < n_order && order[stop] / p.n == root)
				stop++;
			for (m = start; m < stop; m++) {
				order[m] %= p.n;
				any_new |= p.nodes[order[m]].is_new;
			}
			if (stop - start > 1 && any_new) {
				xrc = settle(&p, order + start, stop - start);
				if (n_clustered)
					*n_clustered += stop - start;
			}
			start = stop;
		}
	}
	for (i = 0; i < p.n; i++) {
		free(p.nodes[i].id);
		free(p.nodes[i].key);
	}
	free(p.nodes);
	free(p.slots);
	free(order);
	free(roots);
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
