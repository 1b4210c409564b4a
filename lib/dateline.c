/* dateline.c: the dateline that opens a news story, and the header lines
 * ("Date: ...") some plain-text archives put under the headline.
 *
 * Shapes recognised at the start of a line:
 *   A  "Example.com | Istanbul, Turkey | November 9, 2025 — The talks"
 *      (source | place | date, or source | date), then a dash;
 *   B  "ISLAMABAD, Nov 10 (Reuters) - Pakistan said"
 *      "PESHAWAR, Pakistan, Nov. 10, 2025 (AP) — ..."
 *   C  "KABUL (AP) — Afghan officials"  "KABUL, Afghanistan (AP) — ..."
 * B and C need an agency in parentheses or a date, so that an ordinary
 * sentence in capitals is not taken for a dateline.  A date without a year
 * gets year_hint, or stays empty: no date is better than a wrong one.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "newsidx-private.h"

/* Length of a dash separator at s (" - ", " — ", " – ", " -- "), counting
 * the spaces around it; 0 if none. */
static size_t dash_at(const char *s)
{
	const char *p = s;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!strncmp(p, "\xE2\x80\x94", 3) || !strncmp(p, "\xE2\x80\x93", 3))
		p += 3;
	else if (!strncmp(p, "--", 2))
		p += 2;
	else if (*p == '-')
		p++;
	else
		return 0;
	while (*p == ' ' || *p == '\t')
		p++;
	return (size_t)(p - s);
}

static void copy_field(char *dst, size_t size, const char *s, size_t len)
{
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len >= size) {
		/* Cut at a character boundary: the text is UTF-8. */
		len = size - 1;
		while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
}

/* A date at s followed by a dash: "November 9, 2025 —".  Returns the
 * length of date plus dash, 0 if not. */
static size_t date_then_dash(const char *s, char date[11])
{
	const char *p = s;
	size_t k;

	/* The date runs up to the dash; try each dash position. */
	for (; *p && p - s < 40; p++) {
		char buf[48];

		k = dash_at(p);
		if (!k || p == s)
			continue;
		if ((size_t)(p - s) >= sizeof buf)
			break;
		memcpy(buf, s, (size_t)(p - s));
		buf[p - s] = '\0';
		if (nx_date_parse(buf, 0, date))
			return (size_t)(p - s) + k;
	}
	return 0;
}

static int shape_a(const char *line, nx_dateline *d)
{
	const char *bar1 = strchr(line, '|'), *bar2, *rest;
	int has_place;
	size_t k;

	if (!bar1 || bar1 - line > 80 || bar1 == line)
		return 0;
	bar2 = strchr(bar1 + 1, '|');
	has_place = bar2 && bar2 - bar1 <= 80;
	rest = has_place ? bar2 + 1 : bar1 + 1;
	while (*rest == ' ')
		rest++;
	k = date_then_dash(rest, d->date);
	if (!k)
		return 0;
	copy_field(d->source, sizeof d->source, line, (size_t)(bar1 - line));
	if (has_place)
		copy_field(d->place, sizeof d->place, bar1 + 1,
			   (size_t)(bar2 - bar1 - 1));
	d->consumed = (size_t)(rest - line) + k;
	return 1;
}

/* An upper-case place name: "ISLAMABAD", "NEW DELHI", "DERA ISMAIL KHAN",
 * "ST. LOUIS".  Returns its length, 0 if none. */
static size_t caps_place(const char *s)
{
	const char *p = s;
	int letters = 0;

	while (*p) {
		unsigned char c = (unsigned char)*p;

		if (isupper(c))
			letters++;
		else if (islower(c))
			return 0;
		else if (!(c == ' ' || c == '.' || c == '-' || c == '\'' ||
			   c >= 0x80))
			break;
		p++;
		if (p - s > 48)
			return 0;
	}
	while (p > s && (p[-1] == ' '))
		p--;
	return letters >= 2 ? (size_t)(p - s) : 0;
}

/* ", Pakistan" or ", New South Wales": capitalised words.  Length or 0. */
static size_t title_words(const char *s)
{
	const char *p = s;

	if (!isupper((unsigned char)*p))
		return 0;
	while (*p && (isalpha((unsigned char)*p) || *p == ' ' || *p == '.' ||
		      *p == '-' || (unsigned char)*p >= 0x80)) {
		if (*p == ' ' && !isupper((unsigned char)p[1]))
			break;
		p++;
		if (p - s > 40)
			return 0;
	}
	return (size_t)(p - s);
}

/* "Nov 10", "Nov. 10, 2025", "November 10": fills date (year_hint when no
 * year).  Returns the length, 0 if not a date. */
static size_t month_day(const char *s, int year_hint, char date[11])
{
	const char *p = s, *w = s;
	int m, day = 0, year = 0, nd = 0;
	char iso[11];

	while (isalpha((unsigned char)*p))
		p++;
	if (*p == '.')
		p++;
	m = nx_date_month(w, (size_t)(p - w));
	if (!m || *p != ' ')
		return 0;
	p++;
	while (isdigit((unsigned char)*p) && nd < 2) {
		day = day * 10 + (*p++ - '0');
		nd++;
	}
	if (!nd || isdigit((unsigned char)*p))
		return 0;
	if (p[0] == ',' && p[1] == ' ' && isdigit((unsigned char)p[2]) &&
	    isdigit((unsigned char)p[3]) && isdigit((unsigned char)p[4]) &&
	    isdigit((unsigned char)p[5]) && !isdigit((unsigned char)p[6])) {
		year = (p[2] - '0') * 1000 + (p[3] - '0') * 100 +
		       (p[4] - '0') * 10 + (p[5] - '0');
		p += 6;
	}
	if (!year)
		year = year_hint;
	date[0] = '\0';
	if (year) {
		char buf[32];

		snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, m, day);
		if (nx_date_parse(buf, 0, iso))
			memcpy(date, iso, 11);
		else
			return 0;
	} else if (day < 1 || day > 31) {
		return 0;
	}
	return (size_t)(p - s);
}

static int shape_bc(const char *line, int year_hint, nx_dateline *d)
{
	const char *p = line;
	size_t k, place_len;
	int have_date = 0, have_agency = 0;
	char date[11] = "";

	place_len = caps_place(p);
	if (!place_len)
		return 0;
	p += place_len;
	/* ", Country" and/or ", Nov 10" */
	while (*p == ',' && p[1] == ' ') {
		if ((k = month_day(p + 2, year_hint, date))) {
			have_date = 1;
			p += 2 + k;
		} else if (!have_date && (k = title_words(p + 2))) {
			p += 2 + k;
			place_len = (size_t)(p - line);
		} else {
			break;
		}
	}
	while (*p == ' ')
		p++;
	if (*p == '(') {
		const char *close = strchr(p, ')');

		if (!close || close - p > 40 || close == p + 1)
			return 0;
		copy_field(d->source, sizeof d->source, p + 1,
			   (size_t)(close - p - 1));
		have_agency = 1;
		p = close + 1;
	}
	k = dash_at(p);
	if (!k || (!have_agency && !have_date))
		return 0;
	copy_field(d->place, sizeof d->place, line, place_len);
	memcpy(d->date, date, sizeof d->date);
	d->consumed = (size_t)(p - line) + k;
	return 1;
}

int nx_dateline_parse(const char *line, int year_hint, nx_dateline *d)
{
	nx_dateline tmp;

	memset(&tmp, 0, sizeof tmp);
	while (*line == ' ' || *line == '\t')
		line++;
	if (shape_a(line, &tmp) || shape_bc(line, year_hint, &tmp)) {
		*d = tmp;
		return 1;
	}
	return 0;
}

int nx_dateline_header(const char *line, nx_dateline *d, char *author,
		       size_t author_size)
{
	static const char *const date_keys[] = {
		"date",	   "published", "publication date",
		"pubdate", "dated",	NULL
	};
	const char *colon = strchr(line, ':');
	const char *value;
	size_t klen;
	int i;

	if (!colon || colon == line || colon - line > 20)
		return 0;
	klen = (size_t)(colon - line);
	value = colon + 1;
	while (*value == ' ' || *value == '\t')
		value++;
	if (!*value)
		return 0;
	for (i = 0; date_keys[i]; i++) {
		if (klen == strlen(date_keys[i]) &&
		    !strncasecmp(line, date_keys[i], klen)) {
			char iso[11];

			if (!nx_date_parse(value, 0, iso))
				return 0;
			memcpy(d->date, iso, sizeof iso);
			return 1;
		}
	}
	if ((klen == 6 && !strncasecmp(line, "source", 6)) ||
	    (klen == 6 && !strncasecmp(line, "outlet", 6))) {
		copy_field(d->source, sizeof d->source, value, strlen(value));
		return 1;
	}
	if ((klen == 5 && !strncasecmp(line, "place", 5)) ||
	    (klen == 8 && !strncasecmp(line, "location", 8)) ||
	    (klen == 8 && !strncasecmp(line, "dateline", 8))) {
		copy_field(d->place, sizeof d->place, value, strlen(value));
		return 1;
	}
	if ((klen == 2 && !strncasecmp(line, "by", 2)) ||
	    (klen == 6 && !strncasecmp(line, "author", 6))) {
		if (author && author_size)
			copy_field(author, author_size, value, strlen(value));
		return 1;
	}
	return 0;
}
