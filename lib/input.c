/* input.c: a byte stream over a plain or gzip-compressed file or buffer.
 *
 * Gzip is recognised by its magic bytes, not the file name, and inflated
 * with zlib as a stream (multi-member files included), so memory stays
 * bounded by what the caller keeps: a line, or one article.  A gzip stream
 * that ends early or is damaged is an IO failure with a message that says
 * so; the bytes decoded before it stay usable.  This is the only module
 * that includes zlib.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "newsidx-private.h"

#define RAW_CHUNK (64u * 1024u)
#define OUT_CHUNK (256u * 1024u)

struct nx_input {
	char *name;
	int fd;			  /* -1 for memory input */
	const unsigned char *mem; /* memory input */
	size_t mem_len, mem_pos;
	int gzip;
	int raw_eof;
	int eof; /* no more decoded bytes will come */
	int failed;
	z_stream zs;
	int zs_live;
	unsigned char *raw; /* compressed bytes read, not yet inflated */
	size_t raw_len;	    /* bytes valid in raw from zs.next_in */
	unsigned char *buf; /* decoded bytes */
	size_t pos, len, cap;
	long line;
	char err[256];
};

static void set_error(nx_input *in, const char *msg)
{
	snprintf(in->err, sizeof in->err, "%s", msg);
	in->failed = 1;
	in->eof = 1;
}

/* Read more raw bytes into in->raw; returns bytes read, 0 at EOF, -1. */
static long read_raw(nx_input *in, unsigned char *dst, size_t n)
{
	if (in->fd < 0) {
		size_t left = in->mem_len - in->mem_pos;

		if (n > left)
			n = left;
		memcpy(dst, in->mem + in->mem_pos, n);
		in->mem_pos += n;
		return (long)n;
	}
	for (;;) {
		ssize_t got = read(in->fd, dst, n);

		if (got >= 0)
			return (long)got;
		if (errno != EINTR) {
			set_error(in, strerror(errno));
			return -1;
		}
	}
}

/* Make room for at least want more decoded bytes after in->len. */
static int make_room(nx_input *in, size_t want)
{
	if (in->pos > 0 && in->pos == in->len) {
		in->pos = in->len = 0;
	} else if (in->pos > 0 && in->cap - in->len < want) {
		memmove(in->buf, in->buf + in->pos, in->len - in->pos);
		in->len -= in->pos;
		in->pos = 0;
	}
	if (in->cap - in->len < want) {
		size_t cap = in->cap ? in->cap : OUT_CHUNK;
		unsigned char *p;

		while (cap - in->len < want)
			cap *= 2;
		p = realloc(in->buf, cap);
		if (!p) {
			set_error(in, "out of memory");
			return -1;
		}
		in->buf = p;
		in->cap = cap;
	}
	return 0;
}

/* Decode more bytes into buf; returns how many, 0 at end, -1 on error. */
static long fill(nx_input *in)
{
	if (in->eof)
		return 0;
	if (make_room(in, OUT_CHUNK) < 0)
		return -1;
	if (!in->gzip) {
		long got = read_raw(in, in->buf + in->len, OUT_CHUNK);

		if (got <= 0) {
			in->eof = 1;
			return got;
		}
		in->len += (size_t)got;
		return got;
	}
	for (;;) {
		int zrc;
		size_t produced;

		if (in->zs.avail_in == 0 && !in->raw_eof) {
			long got = read_raw(in, in->raw, RAW_CHUNK);

			if (got < 0)
				return -1;
			if (got == 0)
				in->raw_eof = 1;
			in->zs.next_in = in->raw;
			in->zs.avail_in = (uInt)got;
		}
		if (in->zs.avail_in == 0 && in->raw_eof) {
			set_error(in, "truncated gzip data (unexpected end "
				      "of file)");
			return -1;
		}
		in->zs.next_out = in->buf + in->len;
		in->zs.avail_out = (uInt)(in->cap - in->len);
		zrc = inflate(&in->zs, Z_NO_FLUSH);
		produced = (in->cap - in->len) - in->zs.avail_out;
		in->len += produced;
		if (zrc == Z_STREAM_END) {
			/* Another gzip member may follow; anything else after
			 * the end is ignored, as gzip(1) does. */
			if (in->zs.avail_in == 0 && !in->raw_eof) {
				long got = read_raw(in, in->raw, RAW_CHUNK);

				if (got < 0)
					return -1;
				in->zs.next_in = in->raw;
				in->zs.avail_in = (uInt)got;
				if (got == 0)
					in->raw_eof = 1;
			}
			if (in->zs.avail_in >= 2 && in->zs.next_in[0] == 0x1f &&
			    in->zs.next_in[1] == 0x8b) {
				inflateReset(&in->zs);
			} else {
				in->eof = 1;
				return (long)produced;
			}
		} else if (zrc == Z_BUF_ERROR && in->zs.avail_in == 0 &&
			   !in->raw_eof) {
			/* needs more input */
		} else if (zrc != Z_OK && zrc != Z_BUF_ERROR) {
			char msg[200];

			snprintf(msg, sizeof msg, "invalid gzip data (%s)",
				 in->zs.msg ? in->zs.msg : zError(zrc));
			set_error(in, msg);
			return -1;
		}
		if (produced)
			return (long)produced;
	}
}

static newsidx_status start(nx_input *in, char **errmsg)
{
	unsigned char magic[2];
	long got;

	/* Peek at the magic through the raw reader, then keep the bytes. */
	in->raw = malloc(RAW_CHUNK);
	if (!in->raw)
		return NEWSIDX_NOMEM;
	got = read_raw(in, in->raw, RAW_CHUNK);
	if (got < 0) {
		if (errmsg)
			*errmsg = nx_asprintf("%s: %s", in->name, in->err);
		return NEWSIDX_IO;
	}
	memcpy(magic, in->raw, got >= 2 ? 2 : (size_t)got);
	if (got >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
		in->gzip = 1;
		memset(&in->zs, 0, sizeof in->zs);
		if (inflateInit2(&in->zs, 15 + 16) != Z_OK)
			return NEWSIDX_NOMEM;
		in->zs_live = 1;
		in->zs.next_in = in->raw;
		in->zs.avail_in = (uInt)got;
	} else {
		/* Plain: the raw bytes are the decoded bytes. */
		in->buf = in->raw;
		in->cap = RAW_CHUNK;
		in->len = (size_t)got;
		in->raw = NULL;
		if (got == 0)
			in->eof = 1;
	}
	return NEWSIDX_OK;
}

static nx_input *alloc_input(const char *name)
{
	nx_input *in = calloc(1, sizeof *in);

	if (!in)
		return NULL;
	in->name = strdup(name);
	if (!in->name) {
		free(in);
		return NULL;
	}
	in->fd = -1;
	return in;
}

newsidx_status nx_input_open(const char *path, nx_input **out, char **errmsg)
{
	nx_input *in;
	newsidx_status rc;

	*out = NULL;
	if (errmsg)
		*errmsg = NULL;
	in = alloc_input(path);
	if (!in)
		return NEWSIDX_NOMEM;
	in->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (in->fd < 0) {
		if (errmsg)
			*errmsg = nx_asprintf("%s: %s", path, strerror(errno));
		nx_input_close(in);
		return NEWSIDX_IO;
	}
	rc = start(in, errmsg);
	if (rc != NEWSIDX_OK) {
		nx_input_close(in);
		return rc;
	}
	*out = in;
	return NEWSIDX_OK;
}

newsidx_status nx_input_open_mem(const char *name, const void *data, size_t len,
				 nx_input **out)
{
	nx_input *in;
	newsidx_status rc;

	*out = NULL;
	in = alloc_input(name);
	if (!in)
		return NEWSIDX_NOMEM;
	in->mem = data;
	in->mem_len = len;
	rc = start(in, NULL);
	if (rc != NEWSIDX_OK) {
		nx_input_close(in);
		return rc;
	}
	*out = in;
	return NEWSIDX_OK;
}

void nx_input_close(nx_input *in)
{
	if (!in)
		return;
	if (in->fd >= 0)
		close(in->fd);
	if (in->zs_live)
		inflateEnd(&in->zs);
	free(in->raw);
	free(in->buf);
	free(in->name);
	free(in);
}

int nx_input_is_gzip(const nx_input *in)
{
	return in->gzip;
}

const char *nx_input_name(const nx_input *in)
{
	return in->name;
}

long nx_input_line(const nx_input *in)
{
	return in->line;
}

const char *nx_input_error(const nx_input *in)
{
	return in->err;
}

size_t nx_input_peek(nx_input *in, const unsigned char **p, size_t n)
{
	while (in->len - in->pos < n && fill(in) > 0)
		;
	*p = in->buf ? in->buf + in->pos : (const unsigned char *)"";
	return in->len - in->pos < n ? in->len - in->pos : n;
}

newsidx_status nx_input_getline(nx_input *in, nx_buf *line, size_t max)
{
	int too_long = 0;
	int any = 0;

	nx_buf_reset(line);
	for (;;) {
		size_t avail = in->len - in->pos;
		unsigned char *start = avail ? in->buf + in->pos : NULL;
		unsigned char *nl = avail ? memchr(start, '\n', avail) : NULL;
		size_t take = nl ? (size_t)(nl - start) : avail;

		if (avail)
			any = 1;
		if (!too_long && line->len + take > max) {
			too_long = 1;
			nx_buf_reset(line);
		}
		if (!too_long && take &&
		    nx_buf_append(line, (const char *)start, take) !=
			    NEWSIDX_OK)
			return NEWSIDX_NOMEM;
		in->pos += take;
		if (nl) {
			in->pos++;
			break;
		}
		if (fill(in) <= 0) {
			if (in->failed) {
				in->line++;
				return NEWSIDX_IO;
			}
			if (!any)
				return NEWSIDX_DONE;
			break;
		}
	}
	in->line++;
	if (nx_buf_reserve(line, 0) != NEWSIDX_OK)
		return NEWSIDX_NOMEM;
	if (too_long)
		return NEWSIDX_BAD_INPUT;
	if (line->len && line->data[line->len - 1] == '\r')
		line->data[--line->len] = '\0';
	return NEWSIDX_OK;
}

newsidx_status nx_input_read_all(nx_input *in, nx_buf *out, size_t max)
{
	int too_long = 0;

	for (;;) {
		size_t avail = in->len - in->pos;

		if (!too_long) {
			if (out->len + avail > max) {
				avail = max > out->len ? max - out->len : 0;
				too_long = 1;
			}
			if (avail &&
			    nx_buf_append(out, (const char *)in->buf + in->pos,
					  avail) != NEWSIDX_OK)
				return NEWSIDX_NOMEM;
		}
		in->pos = in->len;
		if (fill(in) <= 0)
			break;
	}
	if (nx_buf_reserve(out, 0) != NEWSIDX_OK)
		return NEWSIDX_NOMEM;
	if (in->failed)
		return NEWSIDX_IO;
	return too_long ? NEWSIDX_BAD_INPUT : NEWSIDX_OK;
}
