/* acronym.c: acronym definitions in news text.
 *
 * News defines its acronyms in two shapes, "Tehreek-e-Taliban Pakistan
 * (TTP)" and "TTP (Tehreek-e-Taliban Pakistan)".  The way they are
 * recognised follows Schwartz and Hearst ("A simple algorithm for
 * identifying abbreviation definitions in biomedical text", 2003), made
 * stricter for news: the acronym is 2 to 10 capital letters (digits and
 * '&' allowed but not matched); the long form is the shortest run of words
 * before the parenthesis (or the whole text inside it) in which every
 * word, and every part of a hyphenated word, gives the next letter of the
 * acronym by its first letter, except short connecting words ("of",
 * "the", "e" in Tehreek-e-Taliban, "i" in Tehrik-i-Taliban), which may be
 * skipped.  The first word must give the first letter and start with a
 * capital, unless the whole long form is in lower case ("gross domestic
 * product (GDP)").  Words are not looked for across sentence punctuation,
 * and a possessive "'s" is not part of the name.
 *
 * Pure C over the text: alias.c turns what is found into index terms, and
 * tests/fuzz/fuzz_acronym.c fuzzes it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"

#define ALIAS_MIN_LETTERS 2
#define ALIAS_MAX_LETTERS 10

static const char *const connectors[] = {
	"a",  "al", "and", "at", "da",	"de",  "del", "der", "des",
	"di", "du", "e",   "el", "for", "i",   "in",  "la",  "le",
	"of", "on", "the", "to", "ul",	"van", "von", "y",   "&",
};

typedef struct span {
	const char *s;
	size_t len;
} span;

static int is_stop_byte(const char *p)
{
	unsigned char c = (unsigned char)*p;

	if (c == 0xE2 && (unsigned char)p[1] == 0x80)
		return 1; /* General Punctuation: quotes, dashes */
	return c == '\n' || c == '\r' || strchr(".,;:!?()[]{}\"", c) != NULL;
}

static int is_connector(span w)
{
	size_t i, k;

	for (i = 0; i < sizeof connectors / sizeof connectors[0]; i++) {
		if (strlen(connectors[i]) != w.len)
			continue;
		for (k = 0; k < w.len; k++)
			if (tolower((unsigned char)w.s[k]) != connectors[i][k])
				break;
		if (k == w.len)
			return 1;
	}
	return 0;
}

/* The letters of an acronym (lower-cased) into letters; 0 if s[0..len) is
 * not one. */
static size_t acronym_letters(const char *s, size_t len,
			      char letters[ALIAS_MAX_LETTERS + 1])
{
	size_t i, n = 0;

	if (len < ALIAS_MIN_LETTERS || len > 2 * ALIAS_MAX_LETTERS ||
	    !(s[0] >= 'A' && s[0] <= 'Z'))
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z') {
			if (n == ALIAS_MAX_LETTERS)
				return 0;
			letters[n++] = (char)(s[i] - 'A' + 'a');
		} else if (!(s[i] >= '0' && s[i] <= '9') && s[i] != '&') {
			return 0;
		}
	}
	letters[n] = '\0';
	return n >= ALIAS_MIN_LETTERS ? n : 0;
}

/* Whether parts[i..n) spell letters[j..): each part gives the next letter
 * by its first letter, connectors may be skipped (not the first or the
 * last part). */
static int spells(const span *parts, size_t n, size_t i, const char *letters,
		  size_t n_letters, size_t j)
{
	int c;

	if (i == n)
		return j == n_letters;
	if (n - i > 2 * (n_letters - j) + 2)
		return 0;
	c = tolower((unsigned char)parts[i].s[0]);
	if (j < n_letters && c == letters[j] &&
	    spells(parts, n, i + 1, letters, n_letters, j + 1))
		return 1;
	return i > 0 && i + 1 < n && is_connector(parts[i]) &&
	       spells(parts, n, i + 1, letters, n_letters, j);
}

/* Split s[0..len) into parts at spaces and hyphens; at most max parts,
 * returns the number, or max + 1 when there are more. */
static size_t split_parts(const char *s, size_t len, span *parts, size_t max)
{
	size_t i = 0, n = 0;

	while (i < len) {
		size_t start;

		while (i < len && (s[i] == ' ' || s[i] == '-' || s[i] == '\t'))
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && s[i] != ' ' && s[i] != '-' && s[i] != '\t')
			i++;
		if (n == max)
			return max + 1;
		parts[n].s = s + start;
		parts[n].len = i - start;
		n++;
	}
	return n;
}

/* Whether the case of a long form is acceptable: it starts with a capital,
 * or it is all lower case. */
static int case_ok(const char *s, size_t len)
{
	size_t i;

	if (s[0] >= 'A' && s[0] <= 'Z')
		return 1;
	for (i = 0; i < len; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			return 0;
	return 1;
}

/* The form names are compared in: folded, ASCII lower case, every run of
 * other characters than letters and digits one space.  NULL on OOM, ""
 * when nothing is left. */
char *nx_alias_normalise(const char *s, size_t len)
{
	char *folded = nx_text_fold(s, len), *out, *p;
	const unsigned char *q;
	int space = 0;

	if (!folded)
		return NULL;
	out = malloc(strlen(folded) + 1);
	if (!out) {
		free(folded);
		return NULL;
	}
	p = out;
	for (q = (const unsigned char *)folded; *q; q++) {
		/* General Punctuation (quotes, dashes) is not a letter. */
		int punct = q[0] == 0xE2 && q[1] == 0x80 && q[2];
		int word = !punct && (isalnum(*q) || *q >= 0x80);

		if (punct)
			q += 2;
		if (!word) {
			space = p != out;
			continue;
		}
		if (space)
			*p++ = ' ';
		space = 0;
		*p++ = (char)tolower(*q);
	}
	*p = '\0';
	free(folded);
	return out;
}

/* The definitions found, "acronym:long form", each once. */
typedef nx_strs found;

/* Record acronym letters' long form long_s[0..long_len) as a term. */
static void record(found *f, const char *acronym, size_t acr_len,
		   const char *long_s, size_t long_len)
{
	char *acr, *lng, *term = NULL;

	/* "Chicago Board of Trade's (CBT)": the possessive is not the name. */
	if (long_len > 2 && !memcmp(long_s + long_len - 2, "'s", 2))
		long_len -= 2;
	else if (long_len > 4 &&
		 !memcmp(long_s + long_len - 4, "\xE2\x80\x99s", 4))
		long_len -= 4;
	acr = nx_alias_normalise(acronym, acr_len);
	lng = nx_alias_normalise(long_s, long_len);

	if (acr && lng && lng[0] && strlen(lng) <= NX_ALIAS_MAX_LONG)
		term = nx_asprintf("%s:%s", acr, lng);
	else if (!acr || !lng)
		f->nomem = 1;
	free(acr);
	free(lng);
	if (term && !nx_strs_has(f, term, strlen(term)))
		nx_strs_add(f, term, strlen(term));
	free(term);
}

/* "Long Form (ACR)": inner is the acronym, the long form ends at end. */
static void long_before(found *f, const char *text, const char *end,
			const char *acr, size_t acr_len, const char *letters,
			size_t n_letters)
{
	span parts[4 * ALIAS_MAX_LETTERS + 8];
	const char *p = end, *from;
	size_t max_words =
		n_letters + 5 < 2 * n_letters ? n_letters + 5 : 2 * n_letters;
	size_t words = 0, n, k;
	int in_word = 0;

	/* Back to sentence punctuation, or over max_words words. */
	while (p > text) {
		const char *c = p - 1;

		if (is_stop_byte(c) || (c - text >= 2 && is_stop_byte(c - 2)))
			break;
		if (*c == ' ') {
			if (in_word && ++words == max_words)
				break;
			in_word = 0;
		} else {
			in_word = 1;
		}
		p--;
	}
	while (p < end && *p == ' ')
		p++;
	if (p >= end)
		return;
	/* The shortest run of words that spells the acronym. */
	for (from = end; from > p;) {
		from--;
		while (from > p && from[-1] != ' ')
			from--;
		n = split_parts(from, (size_t)(end - from), parts,
				sizeof parts / sizeof parts[0]);
		if (n > sizeof parts / sizeof parts[0])
			return;
		for (k = 0; k < n; k++)
			if (!isalnum((unsigned char)parts[k].s[0]) &&
			    parts[k].s[0] != '&')
				break;
		if (k < n)
			continue;
		if (n > 1 && spells(parts, n, 0, letters, n_letters, 0) &&
		    case_ok(from, (size_t)(end - from))) {
			record(f, acr, acr_len, from, (size_t)(end - from));
			return;
		}
	}
}

/* "ACR (Long Form)": the acronym ends at acr_end, inner is the long form. */
static void long_inside(found *f, const char *acr, size_t acr_len,
			const char *letters, size_t n_letters,
			const char *inner, size_t inner_len)
{
	span parts[4 * ALIAS_MAX_LETTERS + 8];
	size_t n, k;

	for (k = 0; k < inner_len; k++)
		if (is_stop_byte(inner + k))
			return;
	n = split_parts(inner, inner_len, parts,
			sizeof parts / sizeof parts[0]);
	if (n < 2 || n > sizeof parts / sizeof parts[0])
		return;
	for (k = 0; k < n; k++)
		if (!isalnum((unsigned char)parts[k].s[0]) &&
		    parts[k].s[0] != '&')
			return;
	if (spells(parts, n, 0, letters, n_letters, 0) &&
	    case_ok(inner, inner_len))
		record(f, acr, acr_len, inner, inner_len);
}

/* The definitions in text, as "acronym:long form" (normalised), each
 * once: *out (free with nx_acronyms_free()) and *n. */
newsidx_status nx_acronyms_find(const char *text, char ***out, size_t *n)
{
	found f = { 0 };
	const char *open;

	*out = NULL;
	*n = 0;
	for (open = strchr(text, '('); open; open = strchr(open + 1, '(')) {
		const char *close = open + 1, *inner, *before;
		char letters[ALIAS_MAX_LETTERS + 1];
		size_t inner_len, n_letters;

		while (*close && *close != ')' && *close != '(' &&
		       *close != '\n' && close - open < 200)
			close++;
		if (*close != ')')
			continue;
		inner = open + 1;
		inner_len = (size_t)(close - inner);
		while (inner_len && *inner == ' ')
			inner++, inner_len--;
		while (inner_len && inner[inner_len - 1] == ' ')
			inner_len--;
		if (!inner_len)
			continue;
		before = open;
		while (before > text && before[-1] == ' ')
			before--;
		n_letters = acronym_letters(inner, inner_len, letters);
		if (n_letters) {
			long_before(&f, text, before, inner, inner_len, letters,
				    n_letters);
		} else {
			const char *w = before;

			while (w > text && w[-1] != ' ' && !is_stop_byte(w - 1))
				w--;
			n_letters = acronym_letters(w, (size_t)(before - w),
						    letters);
			if (n_letters)
				long_inside(&f, w, (size_t)(before - w),
					    letters, n_letters, inner,
					    inner_len);
		}
	}
	if (f.nomem) {
		nx_strs_free(&f);
		return NEWSIDX_NOMEM;
	}
	*out = f.items;
	*n = f.n;
	return NEWSIDX_OK;
}

void nx_acronyms_free(char **pairs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(pairs[i]);
	free(pairs);
}
