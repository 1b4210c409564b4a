/* text.c: text hygiene.  Everything that goes into the index is valid UTF-8:
 * bytes that are not are taken as Windows-1252 (the usual culprit in news
 * archives; Latin-1 where 1252 has no character).  Stored text is NFC;
 * the text given to the term generator and the query parser is "folded":
 * NFKC with the diacritics of Latin letters removed, so Erdoğan and
 * erdogan meet.  Unicode tables come from utf8proc; this is the only module
 * that includes utf8proc.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "newsidx-private.h"

/* Windows-1252 for 0x80..0x9F; 0 where it has no character. */
static const unsigned short cp1252[32] = {
	0x20AC, 0,	0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,	0x017D, 0,
	0,	0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,	0x017E, 0x0178,
};

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if invalid
 * (overlong forms, surrogates and values past U+10FFFF are invalid). */
static size_t utf8_seq(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*cp = ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0;
		if (c == 0xED && s[1] >= 0xA0)
			return 0;
		*cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) |
		      (s[2] & 0x3Fu);
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		*cp = ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
		      ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
		return 4;
	}
	return 0;
}

static size_t put_utf8(unsigned char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xC0 | (cp >> 6));
		out[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xE0 | (cp >> 12));
		out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (unsigned char)(0xF0 | (cp >> 18));
	out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int nx_text_valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	unsigned cp;

	while (i < len) {
		size_t k = utf8_seq(p + i, len - i, &cp);

		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

char *nx_text_clean(const char *s, size_t len, size_t *n_fixed)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char *tmp, *o;
	size_t i = 0, fixed = 0;
	utf8proc_uint8_t *nfc;

	if (n_fixed)
		*n_fixed = 0;
	/* Each input byte becomes at most 3 output bytes. */
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	tmp = malloc(len * 3 + 1);
	if (!tmp)
		return NULL;
	o = tmp;
	/* A byte-order mark at the start says nothing to a reader. */
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < len) {
		unsigned cp;
		size_t k = utf8_seq(p + i, len - i, &cp);

		if (k) {
			if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
				cp = ' ';
			else if (cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
				cp = ' ';
			o += put_utf8(o, cp);
			i += k;
			continue;
		}
		cp = p[i];
		if (cp >= 0x80 && cp < 0xA0)
			cp = cp1252[cp - 0x80] ? cp1252[cp - 0x80] : ' ';
		o += put_utf8(o, cp);
		fixed++;
		i++;
	}
	*o = '\0';
	if (n_fixed)
		*n_fixed = fixed;
	nfc = utf8proc_NFC(tmp);
	free(tmp);
	return (char *)nfc;
}

newsidx_status nx_text_clean_buf(nx_buf *b, size_t *n_fixed)
{
	char *clean;

	if (!b->data)
		return nx_buf_reserve(b, 0);
	clean = nx_text_clean(b->data, b->len, n_fixed);
	if (!clean)
		return NEWSIDX_NOMEM;
	free(b->data);
	b->data = clean;
	b->len = strlen(clean);
	b->cap = b->len + 1;
	return NEWSIDX_OK;
}

/* Latin letters whose diacritic is part of the letter in Unicode (no
 * decomposition), folded by hand. */
static utf8proc_int32_t fold_letter(utf8proc_int32_t cp)
{
	switch (cp) {
	case 0x0131: /* ı */
		return 'i';
	case 0x0130: /* İ decomposes, but keep it simple */
		return 'I';
	case 0x0141:
		return 'L';
	case 0x0142:
		return 'l';
	case 0x00D8:
		return 'O';
	case 0x00F8:
		return 'o';
	case 0x0110:
		return 'D';
	case 0x0111:
		return 'd';
	case 0x2018:
	case 0x2019:
	case 0x02BC:
		return '\'';
	default:
		return cp;
	}
}

static int is_latin(utf8proc_int32_t cp)
{
	return (cp >= 'A' && cp < 0x250) || (cp >= 0x1E00 && cp < 0x1F00);
}

char *nx_text_fold(const char *s, size_t len)
{
	utf8proc_int32_t *cps;
	utf8proc_ssize_t n, i, j;
	utf8proc_int32_t base = 0;
	const int opts = UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE;
	size_t cap;

	n = utf8proc_decompose((const utf8proc_uint8_t *)s,
			       (utf8proc_ssize_t)len, NULL, 0, opts);
	if (n < 0)
		return NULL;
	/* The buffer is reused for the UTF-8 result: 4 bytes per code point
	 * is enough, plus the terminator. */
	cap = (size_t)n + 1;
	cps = malloc(cap * sizeof *cps);
	if (!cps)
		return NULL;
	n = utf8proc_decompose((const utf8proc_uint8_t *)s,
			       (utf8proc_ssize_t)len, cps,
			       (utf8proc_ssize_t)cap, opts);
	if (n < 0) {
		free(cps);
		return NULL;
	}
	for (i = j = 0; i < n; i++) {
		utf8proc_int32_t cp = cps[i];
		utf8proc_category_t cat = utf8proc_category(cp);

		if (cat == UTF8PROC_CATEGORY_MN && is_latin(base))
			continue;
		if (cat != UTF8PROC_CATEGORY_MN)
			base = cp;
		cps[j++] = fold_letter(cp);
	}
	n = utf8proc_reencode(cps, j, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) {
		free(cps);
		return NULL;
	}
	return (char *)cps;
}

int nx_text_char_class(const char *s, size_t len, size_t *n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t got;

	got = utf8proc_iterate((const utf8proc_uint8_t *)s,
			       (utf8proc_ssize_t)len, &cp);
	if (got <= 0) {
		*n = 1;
		return 0;
	}
	*n = (size_t)got;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return 'L';
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 'N';
	default:
		return 0;
	}
}

char *nx_text_lower(const char *s, size_t len)
{
	nx_buf out = { 0 };
	size_t i = 0;

	if (nx_buf_reserve(&out, len + 1) != NEWSIDX_OK)
		return NULL;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t got, n;

		got = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				       (utf8proc_ssize_t)(len - i), &cp);
		if (got <= 0) {
			n = 1;
			enc[0] = (utf8proc_uint8_t)s[i];
			got = 1;
		} else {
			n = utf8proc_encode_char(utf8proc_tolower(cp), enc);
		}
		if (nx_buf_append(&out, (const char *)enc, (size_t)n) !=
		    NEWSIDX_OK) {
			nx_buf_free(&out);
			return NULL;
		}
		i += (size_t)got;
	}
	return nx_buf_steal(&out);
}

size_t nx_text_decode(const char *s, size_t len, int32_t *out, size_t cap)
{
	size_t i = 0, n = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t got;

		if (n == cap)
			return cap + 1;
		got = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				       (utf8proc_ssize_t)(len - i), &cp);
		if (got <= 0) {
			cp = (unsigned char)s[i];
			got = 1;
		}
		out[n++] = cp;
		i += (size_t)got;
	}
	return n;
}

int nx_text_looks_binary(const unsigned char *data, size_t len)
{
	size_t i, ctrl = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = data[i];

		if (c == 0)
			return 1;
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
		    c != '\f' && c != 0x1b && c != 0x02 && c != 0x03)
			ctrl++;
	}
	return len > 0 && ctrl * 10 > len;
}

void nx_text_squeeze(char *s)
{
	char *o = s, *start = s;
	int space = 1;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		    *s == '\f' || *s == '\v') {
			if (!space)
				*o++ = ' ';
			space = 1;
		} else {
			*o++ = *s;
			space = 0;
		}
	}
	if (o > start && o[-1] == ' ')
		o--;
	*o = '\0';
}

static const struct {
	const char *name;
	unsigned cp;
} entities[] = {
	{ "amp", '&' },	     { "lt", '<' },	  { "gt", '>' },
	{ "quot", '"' },     { "apos", '\'' },	  { "nbsp", 0xA0 },
	{ "mdash", 0x2014 }, { "ndash", 0x2013 }, { "hellip", 0x2026 },
	{ "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C },
	{ "rdquo", 0x201D }, { "pound", 0xA3 },	  { "euro", 0x20AC },
	{ "copy", 0xA9 },
};

void nx_text_decode_entities(char *s)
{
	char *o = s;

	while (*s) {
		unsigned long cp = 0;
		char *end = NULL;
		int known = 0;

		if (*s != '&') {
			*o++ = *s++;
			continue;
		}
		if (s[1] == '#') {
			int hex = s[2] == 'x' || s[2] == 'X';
			char *digits = s + 2 + hex;

			if ((hex ? isxdigit((unsigned char)*digits)
				 : isdigit((unsigned char)*digits)) &&
			    (cp = strtoul(digits, &end, hex ? 16 : 10),
			     *end == ';'))
				known = 1;
		} else {
			size_t k;

			for (k = 0; k < sizeof entities / sizeof entities[0];
			     k++) {
				size_t n = strlen(entities[k].name);

				if (!strncmp(s + 1, entities[k].name, n) &&
				    s[1 + n] == ';') {
					cp = entities[k].cp;
					end = s + 1 + n;
					known = 1;
					break;
				}
			}
		}
		if (!known) {
			*o++ = *s++;
			continue;
		}
		s = end + 1;
		/* Control references (Reuters' &#2; &#3; ...) carry no text. */
		if (cp < 0x20 && cp != '\t' && cp != '\n')
			continue;
		if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000) ||
		    cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
			continue;
		/* The reference is at least as long as its UTF-8 ("&#N;"
		 * is 4+ bytes for 1..4 byte characters; named ones are
		 * listed with short enough code points). */
		o += put_utf8((unsigned char *)o, (unsigned)cp);
	}
	*o = '\0';
}
