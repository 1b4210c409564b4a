/* stem.c: Snowball stemmers from libstemmer, plugged into Xapian.
 *
 * Each Xapian stemmer made here owns its own sb_stemmer, because libstemmer
 * stemmers keep state and are not thread-safe: every thread (every database
 * handle) gets its own.  The same stemmer object is given to the term
 * generator, the query parser and the snippet generator, so indexing,
 * querying and highlighting always agree.  This is the only module that
 * includes libstemmer.h.
 */
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "newsidx-private.h"
#include "xapian-c.h"

static const char *snowball_stem(void *ctx, const char *word, size_t len,
				 size_t *out_len)
{
	struct sb_stemmer *st = ctx;
	const sb_symbol *stem;

	if (len > 1000) {
		/* Not a word; Snowball gains nothing on it. */
		*out_len = len;
		return word;
	}
	stem = sb_stemmer_stem(st, (const sb_symbol *)word, (int)len);
	if (!stem)
		return NULL; /* out of memory, libstemmer's only failure */
	*out_len = (size_t)sb_stemmer_length(st);
	return (const char *)stem;
}

static void free_stemmer(void *ctx)
{
	sb_stemmer_delete(ctx);
}

int nx_stem_known(const char *lang)
{
	const char **list = sb_stemmer_list();

	for (; *list; list++)
		if (!strcmp(*list, lang))
			return 1;
	return 0;
}

newsidx_status nx_stem_new(const char *lang, struct xc_stem **out)
{
	struct sb_stemmer *st;
	char desc[64];
	xc_status xrc;

	*out = NULL;
	if (!nx_stem_known(lang))
		return NEWSIDX_UNKNOWN_LANG;
	st = sb_stemmer_new(lang, "UTF_8");
	if (!st)
		return NEWSIDX_NOMEM;
	snprintf(desc, sizeof desc, "libstemmer:%s", lang);
	xrc = xc_stem_new_custom(snowball_stem, st, free_stemmer, desc, out);
	if (xrc != XC_OK) {
		sb_stemmer_delete(st);
		return nx_status_from_xc(xrc);
	}
	return NEWSIDX_OK;
}

NX_EXPORT const char *newsidx_languages(void)
{
	static char names[1024];
	const char **list;

	/* Built once; libstemmer's list is static. */
	if (!names[0]) {
		size_t used = 0;

		for (list = sb_stemmer_list(); *list; list++) {
			size_t n = strlen(*list);

			if (used + n + 3 >= sizeof names)
				break;
			if (used) {
				memcpy(names + used, ", ", 2);
				used += 2;
			}
			memcpy(names + used, *list, n + 1);
			used += n;
		}
	}
	return names;
}
