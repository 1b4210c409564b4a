/* spell.c: spelling suggestions from the index's own vocabulary.
 *
 * Xapian's spelling table is not used: feeding it slows indexing,
 * xapian-tcpsrv does not serve it, and it offers nothing for a word that is
 * in it however rare (a misspelling indexed once, like "Torkam" in
 * corpus/, is).  The vocabulary is the unprefixed terms instead: the
 * folded, lower-case words of titles and bodies (newsidx-private.h), which
 * plain, sharded and remote databases all serve.
 *
 * The words of the query that are ordinary search words are looked at:
 * not the operators AND OR NOT XOR NEAR ADJ, not a field name (a word right
 * before ':') nor the value after it (a word, a "phrase" or a (group)), not
 * a wildcard, not a word with digits, '_' or an apostrophe, not a word of
 * fewer than MIN_LEN letters.  Words inside a "phrase" are looked at: a
 * misspelt phrase is common, and the corrected phrase is checked like the
 * rest.  A word is rare when the articles it matches (as the parser takes
 * it: its stem's, unless it starts with a capital or is in a phrase) are
 * at most max(RARE_MIN, articles / RARE_PER); only then are candidates
 * looked for:
 *  - unprefixed terms with the same first letter, iterated from it (they
 *    are lower-case and prefixed terms start with a capital, so the range
 *    holds only words), of letters only, of a length within reach;
 *  - within Damerau-Levenshtein distance 1, or 2 for a word of 6 letters
 *    or more that the index does not have at all;
 *  - not of the word's Snowball stem ("trades" is no misspelling of
 *    "trade", it is the same search);
 *  - in at least MARGIN articles when the word is in none, FACTOR_1 times
 *    as many when it is in one, FACTOR times as many when it is in more.
 * Those bounds were set on a sample of 150 words found in 1 to 50 of the
 * 100,000 articles of the benchmark corpus (recombined Reuters and BBC
 * text, typos included).  With distance 2 for every word of 6 letters,
 * 3 times the articles and RARE_PER 2000 (rare up to 50 articles), 68
 * were offered a word, about half of them wrongly (turtle -> title,
 * boiling -> building, gloves -> globes), while every real typo among
 * them (receioved, fsical, captial, repsectively...) was one edit away
 * from a word in more than 10 times as many articles.  With these bounds
 * 22 are offered a word: 14 clear typos, 4 clearly not (buckling ->
 * bucking, bloke -> broke, ringo -> ring, bride -> bridge), 4 unclear
 * (prot -> port).  A word seen once is the classic typo, hence its lower
 * bar (Torkam, once in corpus/, against Torkham in 9 articles).  RARE_PER
 * 2000 would add 7, 4 of them typos (captial, delcared) and 3 not
 * (dearth -> death, loch -> lock): an archive with fewer typos than this
 * one would see mostly the wrong kind.
 *
 * The closest candidate wins, then the one in most articles, then the
 * first in alphabetical order.  Closeness comes first because most
 * misspellings are one edit away, and a frequent word two edits away is
 * more often another word than what was meant.  The query with each such
 * word replaced by its candidate (lower-case, so stemmed like any word) is
 * then offered only if, under the same dates, it finds at least one
 * article and more than the query; when both find as many (an ORed query
 * whose other words match the same articles), the counts with every word
 * required must say more.  So no field name, and nothing that finds
 * nothing, is ever offered.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"
#include "xapian-c.h"

#define MIN_LEN	  4
#define RARE_MIN  2
#define RARE_PER  10000
#define MARGIN	  2
#define FACTOR_1  3
#define FACTOR	  10
#define MAX_WORDS 32

static unsigned min3(unsigned a, unsigned b, unsigned c)
{
	unsigned m = a < b ? a : b;

	return m < c ? m : c;
}

/* Optimal string alignment distance between a[0..n) and b[0..m), both at
 * most NX_SPELL_MAX_LEN long, or max + 1 when over max.  Row minimums
 * never decrease (a transposition is never cheaper than the substitution
 * it spans), so a row wholly over max ends the work. */
static unsigned osa(const int32_t *a, size_t n, const int32_t *b, size_t m,
		    unsigned max)
{
	unsigned rows[3][NX_SPELL_MAX_LEN + 1];
	unsigned *before = rows[0], *prev = rows[1], *cur = rows[2], *t;
	size_t i, j;

	if ((n > m ? n - m : m - n) > max)
		return max + 1;
	for (j = 0; j <= m; j++)
		prev[j] = (unsigned)j;
	for (i = 1; i <= n; i++) {
		unsigned row_min;

		cur[0] = (unsigned)i;
		row_min = cur[0];
		for (j = 1; j <= m; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			unsigned v = min3(prev[j] + 1, cur[j - 1] + 1,
					  prev[j - 1] + cost);

			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && before[j - 2] + 1 < v)
				v = before[j - 2] + 1;
			cur[j] = v;
			if (v < row_min)
				row_min = v;
		}
		if (row_min > max)
			return max + 1;
		t = before;
		before = prev;
		prev = cur;
		cur = t;
	}
	return prev[m] <= max ? prev[m] : max + 1;
}

unsigned nx_spell_distance(const char *a, size_t a_len, const char *b,
			   size_t b_len, unsigned max)
{
	int32_t ca[NX_SPELL_MAX_LEN], cb[NX_SPELL_MAX_LEN];
	size_t n = nx_text_decode(a, a_len, ca, NX_SPELL_MAX_LEN);
	size_t m = nx_text_decode(b, b_len, cb, NX_SPELL_MAX_LEN);

	if (n > NX_SPELL_MAX_LEN || m > NX_SPELL_MAX_LEN)
		return max + 1;
	return osa(ca, n, cb, m, max);
}

/* A word of the query that may be corrected. */
typedef struct spell_word {
	size_t start, len; /* in the query */
	int stemmed;	   /* the parser stems it */
} spell_word;

/* The search for one word's best candidate. */
typedef struct candidates {
	newsidx_db *db;
	int32_t cps[NX_SPELL_MAX_LEN];
	size_t n_cps;
	const char *stem; /* the word's */
	unsigned need;	  /* a candidate's least term frequency */
	unsigned max_dist;
	char *best;
	unsigned best_dist, best_freq;
	newsidx_status rc;
} candidates;

static const char *const operators[] = { "AND", "OR",	"NOT",
					 "XOR", "NEAR", "ADJ" };

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The end of the value of a field that starts at q[i]: a "phrase", a
 * (group), or up to white space. */
static size_t skip_value(const char *q, size_t len, size_t i)
{
	if (i < len && q[i] == '"') {
		const char *end = memchr(q + i + 1, '"', len - i - 1);

		return end ? (size_t)(end - q) + 1 : len;
	}
	if (i < len && q[i] == '(') {
		unsigned depth = 0;

		for (; i < len; i++) {
			if (q[i] == '(')
				depth++;
			else if (q[i] == ')' && --depth == 0)
				return i + 1;
		}
		return len;
	}
	while (i < len && !is_space(q[i]))
		i++;
	return i;
}

static int is_operator(const char *w, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof operators / sizeof operators[0]; i++)
		if (strlen(operators[i]) == len &&
		    !memcmp(operators[i], w, len))
			return 1;
	return 0;
}

/* The words of q that may be corrected, into words[0..MAX_WORDS); their
 * number. */
static size_t find_words(const char *q, spell_word *words)
{
	size_t len = strlen(q), i = 0, n_words = 0;
	int in_phrase = 0;

	while (i < len && n_words < MAX_WORDS) {
		size_t n, start = i;
		int cls = nx_text_char_class(q + i, len - i, &n), plain = 1;

		if (q[i] == '"') {
			in_phrase = !in_phrase;
			i++;
			continue;
		}
		if (!cls) {
			i += n;
			continue;
		}
		/* A word: letters and numbers, '_' and inner apostrophes. */
		while (i < len) {
			size_t next;

			cls = nx_text_char_class(q + i, len - i, &n);
			if (cls == 'N' || q[i] == '_')
				plain = 0;
			else if (q[i] == '\'' && i + 1 < len &&
				 nx_text_char_class(q + i + 1, len - i - 1,
						    &next))
				plain = 0;
			else if (cls != 'L')
				break;
			i += n;
		}
		if (i + 1 < len && q[i] == ':' && !is_space(q[i + 1])) {
			/* A field name, and its value (in a phrase, the
			 * value is a word of the phrase). */
			i = in_phrase ? i + 1 : skip_value(q, len, i + 1);
			continue;
		}
		if ((i < len && q[i] == '*') || !plain ||
		    is_operator(q + start, i - start))
			continue;
		words[n_words].start = start;
		words[n_words].len = i - start;
		words[n_words].stemmed =
			!in_phrase && !(q[start] >= 'A' && q[start] <= 'Z');
		n_words++;
	}
	return n_words;
}

static int take_candidate(void *ctx, const char *term, size_t len,
			  unsigned termfreq)
{
	candidates *c = ctx;
	int32_t cps[NX_SPELL_MAX_LEN];
	size_t i, n_chars = 0, n;
	unsigned dist;
	char *stem = NULL;
	xc_status xrc;

	if (termfreq < c->need)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)term[i];

		if (b < 0x80 && !(b >= 'a' && b <= 'z'))
			return 0;
		n_chars += (b & 0xC0) != 0x80;
	}
	if ((n_chars > c->n_cps ? n_chars - c->n_cps : c->n_cps - n_chars) >
	    c->max_dist)
		return 0;
	n = nx_text_decode(term, len, cps, NX_SPELL_MAX_LEN);
	if (n > NX_SPELL_MAX_LEN)
		return 0;
	dist = osa(c->cps, c->n_cps, cps, n, c->max_dist);
	if (dist > c->max_dist ||
	    (c->best && (dist > c->best_dist ||
			 (dist == c->best_dist && termfreq <= c->best_freq))))
		return 0;
	{
		char *word = nx_strndup(term, len);

		if (!word) {
			c->rc = NEWSIDX_NOMEM;
			return 1;
		}
		xrc = xc_stem_apply(c->db->stem, word, &stem);
		if (xrc != XC_OK) {
			free(word);
			c->rc = nx_status_from_xc(xrc);
			return 1;
		}
		if (!strcmp(stem, c->stem)) {
			free(word);
			free(stem);
			return 0;
		}
		free(stem);
		free(c->best);
		c->best = word;
		c->best_dist = dist;
		c->best_freq = termfreq;
	}
	return 0;
}

/* The best candidate for the word w of q, or NULL (*out, malloc'ed). */
static newsidx_status correct_word(newsidx_db *db, const char *q,
				   const spell_word *w, unsigned rare_max,
				   char **out)
{
	candidates c;
	char *folded = NULL, *lower = NULL, *stem = NULL, *zstem = NULL;
	char prefix[8];
	unsigned freq = 0, stem_freq = 0;
	size_t n;
	xc_status xrc;

	*out = NULL;
	memset(&c, 0, sizeof c);
	folded = nx_text_fold(q + w->start, w->len);
	if (folded)
		lower = nx_text_lower(folded, strlen(folded));
	free(folded);
	if (!lower)
		return NEWSIDX_NOMEM;
	c.n_cps = nx_text_decode(lower, strlen(lower), c.cps, NX_SPELL_MAX_LEN);
	if (c.n_cps < MIN_LEN || c.n_cps > NX_SPELL_MAX_LEN) {
		free(lower);
		return NEWSIDX_OK;
	}
	xrc = xc_db_termfreq(db->xdb, lower, &freq);
	if (xrc == XC_OK)
		xrc = xc_stem_apply(db->stem, lower, &stem);
	if (xrc == XC_OK && w->stemmed) {
		zstem = nx_asprintf("Z%s", stem);
		xrc = zstem ? xc_db_termfreq(db->xdb, zstem, &stem_freq)
			    : XC_NOMEM;
		if (stem_freq > freq)
			freq = stem_freq;
	}
	free(zstem);
	if (xrc != XC_OK || freq > rare_max) {
		free(lower);
		free(stem);
		return xrc == XC_OK ? NEWSIDX_OK : nx_status_from_xc(xrc);
	}
	c.db = db;
	c.stem = stem;
	c.need = freq == 0 ? MARGIN : freq == 1 ? FACTOR_1 : freq * FACTOR;
	c.max_dist = freq == 0 && c.n_cps >= 6 ? 2 : 1;
	c.rc = NEWSIDX_OK;
	/* The first letter, whole (lower[0] may start a longer sequence). */
	for (n = 1; lower[n] && ((unsigned char)lower[n] & 0xC0) == 0x80 &&
		    n + 1 < sizeof prefix;
	     n++)
		;
	memcpy(prefix, lower, n);
	prefix[n] = '\0';
	xrc = xc_db_allterms(db->xdb, prefix, take_candidate, &c);
	free(lower);
	free(stem);
	if (xrc != XC_OK || c.rc != NEWSIDX_OK) {
		free(c.best);
		return c.rc != NEWSIDX_OK ? c.rc : nx_status_from_xc(xrc);
	}
	*out = c.best;
	return NEWSIDX_OK;
}

newsidx_status nx_spell_suggest(newsidx_db *db, const newsidx_search_opts *opts,
				char **out)
{
	spell_word words[MAX_WORDS];
	const char *q = opts->query;
	nx_buf fixed = { 0 };
	newsidx_status rc = NEWSIDX_OK;
	unsigned doccount = 0, before[2] = { 0, 0 }, after[2] = { 0, 0 };
	unsigned rare_max;
	size_t n_words, i, pos = 0, n_fixed = 0;
	xc_status xrc;

	*out = NULL;
	if (!q || (opts->flags & NEWSIDX_SEARCH_FREE_TEXT) ||
	    !nx_text_valid_utf8(q, strlen(q)))
		return (*out = nx_strdup("")) ? NEWSIDX_OK : NEWSIDX_NOMEM;
	n_words = find_words(q, words);
	xrc = n_words ? xc_db_doccount(db->xdb, &doccount) : XC_OK;
	if (xrc != XC_OK)
		rc = nx_status_from_xc(xrc);
	rare_max =
		doccount / RARE_PER > RARE_MIN ? doccount / RARE_PER : RARE_MIN;
	for (i = 0; i < n_words && rc == NEWSIDX_OK; i++) {
		char *best = NULL;

		rc = correct_word(db, q, &words[i], rare_max, &best);
		if (rc == NEWSIDX_OK && best) {
			if (nx_buf_append(&fixed, q + pos,
					  words[i].start - pos) != NEWSIDX_OK ||
			    nx_buf_puts(&fixed, best) != NEWSIDX_OK)
				rc = NEWSIDX_NOMEM;
			pos = words[i].start + words[i].len;
			n_fixed++;
		}
		free(best);
	}
	if (rc == NEWSIDX_OK && n_fixed)
		rc = nx_buf_puts(&fixed, q + pos);
	/* [0]: as the query is run; [1], only when those are equal: with
	 * every word required, which tells "torkham crossing" (8 articles
	 * with both words) from "Torkam crossing" (none) where the ORed
	 * counts are the same (19). */
	for (i = 0; i < 2 && rc == NEWSIDX_OK && n_fixed; i++) {
		if (i == 1 && after[0] != before[0])
			break;
		rc = nx_search_count(db, opts, q, (int)i, 0, &before[i]);
		/* Only "more than before" matters: the count stops there,
		 * and is exact when it is not more. */
		if (rc == NEWSIDX_OK)
			rc = nx_search_count(db, opts, fixed.data, (int)i,
					     before[i] + 1, &after[i]);
	}
	if (rc != NEWSIDX_OK || !n_fixed || after[0] == 0 ||
	    after[0] < before[0] ||
	    (after[0] == before[0] && after[1] <= before[1]))
		nx_buf_reset(&fixed);
	*out = nx_buf_steal(&fixed);
	if (!*out) {
		nx_buf_free(&fixed);
		return NEWSIDX_NOMEM;
	}
	return rc;
}
