/* buf.c: growable byte buffers and small string helpers. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"

newsidx_status nx_buf_reserve(nx_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > SIZE_MAX - b->len - 1)
		return NEWSIDX_NOMEM;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return NEWSIDX_OK;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = realloc(b->data, cap);
	if (!p)
		return NEWSIDX_NOMEM;
	/* A first allocation must be a string too ("" until appended to). */
	p[b->len] = '\0';
	b->data = p;
	b->cap = cap;
	return NEWSIDX_OK;
}

newsidx_status nx_buf_append(nx_buf *b, const char *s, size_t len)
{
	if (nx_buf_reserve(b, len) != NEWSIDX_OK)
		return NEWSIDX_NOMEM;
	if (len)
		memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
	return NEWSIDX_OK;
}

newsidx_status nx_buf_puts(nx_buf *b, const char *s)
{
	return nx_buf_append(b, s, strlen(s));
}

newsidx_status nx_buf_putc(nx_buf *b, char c)
{
	return nx_buf_append(b, &c, 1);
}

newsidx_status nx_buf_printf(nx_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || nx_buf_reserve(b, (size_t)n) != NEWSIDX_OK)
		return NEWSIDX_NOMEM;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return NEWSIDX_OK;
}

void nx_buf_reset(nx_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void nx_buf_free(nx_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *nx_buf_steal(nx_buf *b)
{
	char *s = b->data;

	if (!s)
		s = strdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

char *nx_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

char *nx_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *nx_vasprintf(const char *fmt, va_list ap)
{
	char *s = NULL;

	return vasprintf(&s, fmt, ap) < 0 ? NULL : s;
}

char *nx_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = nx_vasprintf(fmt, ap);
	va_end(ap);
	return s;
}

char *nx_trim(char *s)
{
	size_t len = strlen(s), start = 0;

	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	s[len] = '\0';
	while (start < len && isspace((unsigned char)s[start]))
		start++;
	if (start)
		memmove(s, s + start, len - start + 1);
	return s;
}

int nx_str_empty(const char *s)
{
	return !s || !*s;
}

uint64_t nx_hash64(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 14695981039346656037ULL;

	while (len--) {
		h ^= *p++;
		h *= 1099511628211ULL;
	}
	return h;
}

int nx_strs_add(nx_strs *l, const char *s, size_t len)
{
	if (l->nomem)
		return 1;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		char **items = realloc(l->items, cap * sizeof *items);

		if (!items) {
			l->nomem = 1;
			return 1;
		}
		l->items = items;
		l->cap = cap;
	}
	l->items[l->n] = nx_strndup(s, len);
	if (!l->items[l->n]) {
		l->nomem = 1;
		return 1;
	}
	l->n++;
	return 0;
}

int nx_strs_has(const nx_strs *l, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strlen(l->items[i]) == len && !memcmp(l->items[i], s, len))
			return 1;
	return 0;
}

void nx_strs_free(nx_strs *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}
