/* facets.c: facet counts and timelines over every match of a query.
 *
 * Counting uses Xapian's built-in ValueCountMatchSpy on the facet slots of
 * the schema (newsidx-private.h), the one kind of spy a remote shard
 * (xapian-tcpsrv) can run, so facets work across any sharding.  List-valued
 * facets (places, topics, people, organisations) are stored as the joined
 * list of distinct values: the spy counts each list, and here each list's
 * count goes to every value in it, which is exact because a value appears
 * once per list.  Years, months and timelines come from the date slot's
 * per-day counts.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsidx-private.h"
#include "xapian-c.h"

struct nx_facets {
	unsigned wanted;  /* 1u << newsidx_facet */
	int period;	  /* newsidx_period */
	xc_spy *spies[7]; /* by slot; NULL when not needed */
	newsidx_count *counts[NEWSIDX_N_FACETS];
	size_t n_counts[NEWSIDX_N_FACETS];
	newsidx_count *timeline;
	size_t n_timeline;
	char **strings; /* every value string, owned */
	size_t n_strings, cap_strings;
};

static const char *const facet_names[NEWSIDX_N_FACETS] = {
	"source", "place", "topic", "person", "org", "year", "month",
};
static const char *const period_names[] = { "none", "day", "week", "month",
					    "year" };

NX_EXPORT newsidx_status newsidx_facet_from_name(const char *name,
						 newsidx_facet *out)
{
	int i;

	for (i = 0; i < NEWSIDX_N_FACETS; i++) {
		if (!strcmp(name, facet_names[i])) {
			*out = (newsidx_facet)i;
			return NEWSIDX_OK;
		}
	}
	return NEWSIDX_BAD_ARG;
}

NX_EXPORT const char *newsidx_facet_name(newsidx_facet facet)
{
	return (unsigned)facet < NEWSIDX_N_FACETS ? facet_names[facet] : "";
}

NX_EXPORT newsidx_status newsidx_period_from_name(const char *name,
						  newsidx_period *out)
{
	int i;

	for (i = NEWSIDX_PERIOD_DAY; i <= NEWSIDX_PERIOD_YEAR; i++) {
		if (!strcmp(name, period_names[i])) {
			*out = (newsidx_period)i;
			return NEWSIDX_OK;
		}
	}
	return NEWSIDX_BAD_ARG;
}

NX_EXPORT const char *newsidx_period_name(newsidx_period period)
{
	return (unsigned)period <= NEWSIDX_PERIOD_YEAR ? period_names[period]
						       : "";
}

/* The slot a facet is counted from. */
static unsigned facet_slot(int facet)
{
	switch (facet) {
	case NEWSIDX_FACET_SOURCE:
		return NX_SLOT_SOURCE;
	case NEWSIDX_FACET_PLACE:
		return NX_SLOT_PLACES;
	case NEWSIDX_FACET_TOPIC:
		return NX_SLOT_TOPICS;
	case NEWSIDX_FACET_PERSON:
		return NX_SLOT_PEOPLE;
	case NEWSIDX_FACET_ORG:
		return NX_SLOT_ORGS;
	default:
		return NX_SLOT_DATE;
	}
}

int nx_facets_wanted(const newsidx_search_opts *opts)
{
	return (opts->facets & ((1u << NEWSIDX_N_FACETS) - 1)) ||
	       opts->timeline != NEWSIDX_PERIOD_NONE;
}

void nx_facets_destroy(nx_facets *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < 7; i++)
		xc_spy_destroy(f->spies[i]);
	for (i = 0; i < NEWSIDX_N_FACETS; i++)
		free(f->counts[i]);
	free(f->timeline);
	for (i = 0; i < f->n_strings; i++)
		free(f->strings[i]);
	free(f->strings);
	free(f);
}

newsidx_status nx_facets_new(const newsidx_search_opts *opts, xc_enquire *enq,
			     nx_facets **out)
{
	nx_facets *f = calloc(1, sizeof *f);
	int i;

	*out = NULL;
	if (!f)
		return NEWSIDX_NOMEM;
	if ((unsigned)opts->timeline > NEWSIDX_PERIOD_YEAR) {
		free(f);
		return NEWSIDX_BAD_ARG;
	}
	f->wanted = opts->facets & ((1u << NEWSIDX_N_FACETS) - 1);
	f->period = opts->timeline;
	for (i = 0; i < NEWSIDX_N_FACETS; i++) {
		unsigned slot = facet_slot(i);

		if (!(f->wanted & (1u << i)) || f->spies[slot])
			continue;
		if (xc_spy_new(slot, &f->spies[slot]) != XC_OK ||
		    xc_enquire_add_spy(enq, f->spies[slot]) != XC_OK) {
			nx_facets_destroy(f);
			return NEWSIDX_NOMEM;
		}
	}
	if (f->period && !f->spies[NX_SLOT_DATE] &&
	    (xc_spy_new(NX_SLOT_DATE, &f->spies[NX_SLOT_DATE]) != XC_OK ||
	     xc_enquire_add_spy(enq, f->spies[NX_SLOT_DATE]) != XC_OK)) {
		nx_facets_destroy(f);
		return NEWSIDX_NOMEM;
	}
	*out = f;
	return NEWSIDX_OK;
}

/* Gathering (value, count) pairs, then merging equal values. */
typedef struct pairs {
	newsidx_count *v;
	size_t n, cap;
	nx_facets *f;
	int fail;
	int split;   /* joined lists */
	size_t keep; /* date facets: 4 (year) or 6 (month) digits, else 0 */
} pairs;

static char *keep_string(nx_facets *f, const char *s, size_t len)
{
	char *copy;

	if (f->n_strings == f->cap_strings) {
		size_t cap = f->cap_strings ? f->cap_strings * 2 : 64;
		char **grown = realloc(f->strings, cap * sizeof *grown);

		if (!grown)
			return NULL;
		f->strings = grown;
		f->cap_strings = cap;
	}
	copy = nx_strndup(s, len);
	if (copy)
		f->strings[f->n_strings++] = copy;
	return copy;
}

static void add_pair(pairs *p, const char *value, size_t len, unsigned count)
{
	char *s;

	if (p->fail || !len)
		return;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		newsidx_count *grown = realloc(p->v, cap * sizeof *grown);

		if (!grown) {
			p->fail = 1;
			return;
		}
		p->v = grown;
		p->cap = cap;
	}
	s = keep_string(p->f, value, len);
	if (!s) {
		p->fail = 1;
		return;
	}
	p->v[p->n].value = s;
	p->v[p->n].count = count;
	p->n++;
}

static int on_value(void *ctx, const char *value, size_t len, unsigned count)
{
	pairs *p = ctx;

	if (p->keep) {
		char buf[8];

		if (len < 8)
			return 0; /* not a date */
		if (p->keep == 4) {
			add_pair(p, value, 4, count);
		} else {
			memcpy(buf, value, 4);
			buf[4] = '-';
			memcpy(buf + 5, value + 4, 2);
			add_pair(p, buf, 7, count);
		}
	} else if (p->split) {
		const char *end = value + len;

		while (value < end) {
			const char *sep = memchr(value, NX_FACET_SEP,
						 (size_t)(end - value));
			size_t n = sep ? (size_t)(sep - value)
				       : (size_t)(end - value);

			add_pair(p, value, n, count);
			value += n + (sep ? 1 : 0);
		}
	} else {
		add_pair(p, value, len, count);
	}
	return p->fail;
}

static int by_value(const void *a, const void *b)
{
	return strcmp(((const newsidx_count *)a)->value,
		      ((const newsidx_count *)b)->value);
}

static int by_count(const void *a, const void *b)
{
	const newsidx_count *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->value, y->value);
}

/* Sort by value, add up equal values, in place; returns the new size. */
static size_t merge(newsidx_count *v, size_t n)
{
	size_t i, o = 0;

	if (!n)
		return 0;
	qsort(v, n, sizeof *v, by_value);
	for (i = 1; i < n; i++) {
		if (!strcmp(v[i].value, v[o].value))
			v[o].count += v[i].count;
		else
			v[++o] = v[i];
	}
	return o + 1;
}

/* Days since 1970-01-01 for "YYYYMMDD", and back. */
static long day_number(const char *v)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = (v[0] - '0') * 1000 + (v[1] - '0') * 100 +
		     (v[2] - '0') * 10 + (v[3] - '0') - 1900;
	tm.tm_mon = (v[4] - '0') * 10 + (v[5] - '0') - 1;
	tm.tm_mday = (v[6] - '0') * 10 + (v[7] - '0');
	return (long)(timegm(&tm) / 86400);
}

/* The label of the period holding day d. */
static void period_label(int period, long d, char out[16])
{
	time_t t = (time_t)d * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	switch (period) {
	case NEWSIDX_PERIOD_DAY:
		strftime(out, 16, "%Y-%m-%d", &tm);
		break;
	case NEWSIDX_PERIOD_WEEK:
		strftime(out, 16, "%G-W%V", &tm);
		break;
	case NEWSIDX_PERIOD_MONTH:
		strftime(out, 16, "%Y-%m", &tm);
		break;
	default:
		strftime(out, 16, "%Y", &tm);
		break;
	}
}

static newsidx_status build_timeline(nx_facets *f, const newsidx_count *days,
				     size_t n_days)
{
	long first, last, d;
	size_t i = 0, cap = 0;
	char label[16], prev[16] = "";

	if (!n_days)
		return NEWSIDX_OK;
	first = day_number(days[0].value);
	last = day_number(days[n_days - 1].value);
	for (d = first; d <= last; d++) {
		period_label(f->period, d, label);
		if (strcmp(label, prev)) {
			if (f->n_timeline == cap) {
				size_t c = cap ? cap * 2 : 64;
				newsidx_count *g =
					realloc(f->timeline, c * sizeof *g);

				if (!g)
					return NEWSIDX_NOMEM;
				f->timeline = g;
				cap = c;
			}
			f->timeline[f->n_timeline].value =
				keep_string(f, label, strlen(label));
			if (!f->timeline[f->n_timeline].value)
				return NEWSIDX_NOMEM;
			f->timeline[f->n_timeline].count = 0;
			f->n_timeline++;
			memcpy(prev, label, sizeof prev);
		}
		while (i < n_days && day_number(days[i].value) == d)
			f->timeline[f->n_timeline - 1].count += days[i++].count;
	}
	return NEWSIDX_OK;
}

newsidx_status nx_facets_collect(nx_facets *f)
{
	int i;

	for (i = 0; i < NEWSIDX_N_FACETS; i++) {
		pairs p;

		if (!(f->wanted & (1u << i)))
			continue;
		memset(&p, 0, sizeof p);
		p.f = f;
		p.split = i >= NEWSIDX_FACET_PLACE && i <= NEWSIDX_FACET_ORG;
		p.keep = i == NEWSIDX_FACET_YEAR    ? 4
			 : i == NEWSIDX_FACET_MONTH ? 6
						    : 0;
		if (xc_spy_values(f->spies[facet_slot(i)], on_value, &p) !=
			    XC_OK ||
		    p.fail) {
			free(p.v);
			return NEWSIDX_NOMEM;
		}
		p.n = merge(p.v, p.n);
		if (p.n)
			qsort(p.v, p.n, sizeof *p.v, by_count);
		f->counts[i] = p.v;
		f->n_counts[i] = p.n;
	}
	if (f->period) {
		pairs p;
		newsidx_status rc;

		memset(&p, 0, sizeof p);
		p.f = f;
		if (xc_spy_values(f->spies[NX_SLOT_DATE], on_value, &p) !=
			    XC_OK ||
		    p.fail) {
			free(p.v);
			return NEWSIDX_NOMEM;
		}
		/* The spy gives values in sorted order: days ascending. */
		while (p.n && strlen(p.v[p.n - 1].value) != 8)
			p.n--;
		rc = build_timeline(f, p.v, p.n);
		free(p.v);
		if (rc != NEWSIDX_OK)
			return rc;
	}
	return NEWSIDX_OK;
}

size_t nx_facets_size(const nx_facets *f, int facet)
{
	return f && (unsigned)facet < NEWSIDX_N_FACETS ? f->n_counts[facet] : 0;
}

const newsidx_count *nx_facets_get(const nx_facets *f, int facet, size_t i)
{
	return i < nx_facets_size(f, facet) ? &f->counts[facet][i] : NULL;
}

size_t nx_facets_timeline_size(const nx_facets *f)
{
	return f ? f->n_timeline : 0;
}

const newsidx_count *nx_facets_timeline(const nx_facets *f, size_t i)
{
	return i < nx_facets_timeline_size(f) ? &f->timeline[i] : NULL;
}
