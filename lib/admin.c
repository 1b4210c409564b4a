/* admin.c: whole-database operations: compaction in place and statistics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"
#include "xapian-c.h"

static newsidx_status fail(char **errmsg, newsidx_status rc, const char *path,
			   const char *what)
{
	if (errmsg)
		*errmsg = nx_asprintf("%s: %s: %s", path, what,
				      xc_last_error()[0]
					      ? xc_last_error()
					      : newsidx_status_str(rc));
	return rc;
}

NX_EXPORT newsidx_status newsidx_db_compact(const char *db_path, int wait,
					    unsigned long long *bytes_before,
					    unsigned long long *bytes_after,
					    char **errmsg)
{
	newsidx_db *writer = NULL;
	xc_db *reader = NULL;
	char *fresh = nx_asprintf("%s.new", db_path);
	newsidx_status rc;
	xc_status xrc;

	if (errmsg)
		*errmsg = NULL;
	if (!fresh)
		return NEWSIDX_NOMEM;
	nx_fs_recover_swap(db_path);
	/* Hold the write lock so nobody writes while we copy. */
	rc = newsidx_db_open(db_path,
			     NEWSIDX_DB_WRITE | (wait ? NEWSIDX_DB_WAIT : 0u),
			     NULL, &writer, errmsg);
	if (rc != NEWSIDX_OK) {
		free(fresh);
		return rc;
	}
	if (bytes_before)
		*bytes_before = nx_fs_size(db_path);
	nx_fs_remove_tree(fresh);
	xrc = xc_db_open(db_path, &reader);
	if (xrc == XC_OK)
		xrc = xc_db_compact(reader, fresh);
	xc_db_destroy(reader);
	if (xrc != XC_OK) {
		rc = fail(errmsg, nx_status_from_xc(xrc), db_path,
			  "compaction failed");
		nx_fs_remove_tree(fresh);
		newsidx_db_destroy(writer);
		free(fresh);
		return rc;
	}
	newsidx_db_destroy(writer);
	if (!nx_fs_swap_in(db_path, fresh)) {
		if (errmsg)
			*errmsg = nx_asprintf("%s: cannot move the compacted "
					      "database into place",
					      db_path);
		free(fresh);
		return NEWSIDX_DB_ERROR;
	}
	if (bytes_after)
		*bytes_after = nx_fs_size(db_path);
	free(fresh);
	return NEWSIDX_OK;
}

static int count_term(void *ctx, const char *term, size_t len,
		      unsigned termfreq)
{
	(void)term;
	(void)len;
	(void)termfreq;
	++*(unsigned long long *)ctx;
	return 0;
}

static int count_key(void *ctx, const char *key, size_t len)
{
	(void)key;
	(void)len;
	++*(unsigned long *)ctx;
	return 0;
}

static void iso_from_value(const char *v, char out[11])
{
	if (strlen(v) != 8) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 11, "%.4s-%.2s-%.2s", v, v + 4, v + 6);
}

NX_EXPORT newsidx_status newsidx_db_stats_get(const char *db_path,
					      newsidx_db_stats *out,
					      char **errmsg)
{
	newsidx_db *db = NULL;
	newsidx_status rc;
	xc_status xrc;
	char *lo = NULL, *hi = NULL;

	memset(out, 0, sizeof *out);
	if (errmsg)
		*errmsg = NULL;
	rc = newsidx_db_open(db_path, NEWSIDX_DB_READ, NULL, &db, errmsg);
	if (rc != NEWSIDX_OK)
		return rc;
	xrc = xc_db_doccount(db->xdb, &out->articles);
	if (xrc == XC_OK)
		xrc = xc_db_allterms(db->xdb, "", count_term, &out->terms);
	if (xrc == XC_OK)
		xrc = xc_db_metadata_keys(db->xdb, "nx.file:", count_key,
					  &out->files);
	if (xrc == XC_OK)
		xrc = xc_db_value_bounds(db->xdb, NX_SLOT_DATE, &lo, &hi);
	if (xrc != XC_OK) {
		rc = fail(errmsg, nx_status_from_xc(xrc), db_path,
			  "reading statistics");
	} else {
		iso_from_value(lo, out->first_date);
		iso_from_value(hi, out->last_date);
		snprintf(out->lang, sizeof out->lang, "%s", db->lang);
		out->bytes = nx_fs_size(db_path);
	}
	free(lo);
	free(hi);
	newsidx_db_destroy(db);
	return rc;
}
