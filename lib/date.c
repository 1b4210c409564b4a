/* date.c: the date shapes news text uses, turned into ISO YYYY-MM-DD.
 * A date that does not exist (31 November) is not a date. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "newsidx-private.h"

static const char *const months[12] = {
	"january", "february", "march",	    "april",   "may",	   "june",
	"july",	   "august",   "september", "october", "november", "december",
};

int nx_date_month(const char *s, size_t len)
{
	int m;

	if (len && s[len - 1] == '.')
		len--;
	if (len < 3)
		return 0;
	for (m = 0; m < 12; m++) {
		size_t full = strlen(months[m]);

		if (len > full || strncasecmp(s, months[m], len))
			continue;
		/* Full name, the 3-letter form, or "Sept". */
		if (len == full || len == 3 || (m == 8 && len == 4))
			return m + 1;
	}
	return 0;
}

static int valid_ymd(long y, long m, long d)
{
	static const int days[12] = { 31, 29, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };

	if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1)
		return 0;
	if (d > days[m - 1])
		return 0;
	if (m == 2 && d == 29 &&
	    !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

static int put_ymd(long y, long m, long d, char out[11])
{
	if (!valid_ymd(y, m, d))
		return 0;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return 1;
}

/* Read a run of digits (at most max) at *s; -1 if none. */
static long digits(const char **s, int min, int max)
{
	long v = 0;
	int n = 0;

	while (n < max && isdigit((unsigned char)**s)) {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n >= min ? v : -1;
}

static const char *word(const char *s, size_t *len)
{
	const char *start = s;

	while (isalpha((unsigned char)*s))
		s++;
	*len = (size_t)(s - start);
	return start;
}

static const char *skip(const char *s, const char *chars)
{
	while (*s && strchr(chars, *s))
		s++;
	return s;
}

int nx_date_parse(const char *s, int allow_epoch, char out[11])
{
	const char *p;
	long y, m, d;
	size_t len;

	out[0] = '\0';
	if (!s)
		return 0;
	s = skip(s, " \t");
	p = s;

	/* 2025-11-09, 2025-11-09T10:00:00Z, 2025/11/09, 20251109 */
	y = digits(&p, 4, 4);
	if (y >= 0) {
		if (*p == '-' || *p == '/') {
			char sep = *p++;

			m = digits(&p, 1, 2);
			if (m >= 0 && *p == sep) {
				p++;
				d = digits(&p, 1, 2);
				if (d >= 0 && !isdigit((unsigned char)*p))
					return put_ymd(y, m, d, out);
			}
			return 0;
		}
		if (isdigit((unsigned char)*p)) {
			m = digits(&p, 2, 2);
			d = digits(&p, 2, 2);
			if (m >= 0 && d >= 0 && !isdigit((unsigned char)*p))
				return put_ymd(y, m, d, out);
		}
		if (allow_epoch) {
			char *end;
			long long t = strtoll(s, &end, 10);
			time_t tt;
			struct tm tm;

			if (*skip(end, " \t\r\n") || t < 0)
				return 0;
			/* Milliseconds since the epoch, as some feeds give. */
			if (t > 100000000000LL)
				t /= 1000;
			tt = (time_t)t;
			if (!gmtime_r(&tt, &tm))
				return 0;
			return put_ymd(tm.tm_year + 1900L, tm.tm_mon + 1L,
				       tm.tm_mday, out);
		}
		return 0;
	}

	/* RFC 2822: an optional weekday first ("Sun, 09 Nov 2025 ..."). */
	p = word(s, &len);
	if (len >= 3 && !nx_date_month(p, len)) {
		p = skip(p + len, ", ");
		s = p;
	}

	/* 9 November 2025, 09 Nov 2025, 26-FEB-1987 15:01:01.79 */
	p = s;
	d = digits(&p, 1, 2);
	if (d >= 0) {
		p = skip(p, " -");
		p = word(p, &len);
		m = nx_date_month(p, len);
		if (!m)
			return 0;
		p = skip(p + len, " -,.");
		y = digits(&p, 4, 4);
		if (y < 0 || isdigit((unsigned char)*p))
			return 0;
		return put_ymd(y, m, d, out);
	}

	/* November 9, 2025 and Nov. 9 2025 */
	p = word(s, &len);
	m = nx_date_month(p, len);
	if (!m)
		return 0;
	p = skip(p + len, ". ");
	d = digits(&p, 1, 2);
	if (d < 0)
		return 0;
	p = skip(p, ",");
	p = skip(p, " ,");
	y = digits(&p, 4, 4);
	if (y < 0 || isdigit((unsigned char)*p))
		return 0;
	return put_ymd(y, m, d, out);
}
