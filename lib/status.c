/* status.c: status codes and their descriptions. */
#include "newsidx-private.h"
#include "xapian-c.h"

NX_EXPORT const char *newsidx_status_str(newsidx_status status)
{
	switch (status) {
	case NEWSIDX_OK:
		return "success";
	case NEWSIDX_DONE:
		return "no more items";
	case NEWSIDX_NOMEM:
		return "out of memory";
	case NEWSIDX_IO:
		return "input/output error";
	case NEWSIDX_BAD_INPUT:
		return "malformed input";
	case NEWSIDX_BAD_ARG:
		return "invalid argument";
	case NEWSIDX_DB_LOCKED:
		return "database locked by another writer";
	case NEWSIDX_DB_NOT_FOUND:
		return "no database found";
	case NEWSIDX_DB_CORRUPT:
		return "database corrupt or not a database";
	case NEWSIDX_DB_ERROR:
		return "database error";
	case NEWSIDX_QUERY_SYNTAX:
		return "query syntax error";
	case NEWSIDX_UNKNOWN_LANG:
		return "unknown stemming language";
	}
	return "unknown status";
}

newsidx_status nx_status_from_xc(int xrc)
{
	switch ((xc_status)xrc) {
	case XC_OK:
		return NEWSIDX_OK;
	case XC_NOMEM:
		return NEWSIDX_NOMEM;
	case XC_LOCKED:
		return NEWSIDX_DB_LOCKED;
	case XC_NOT_FOUND:
		return NEWSIDX_DB_NOT_FOUND;
	case XC_CORRUPT:
	case XC_VERSION:
		return NEWSIDX_DB_CORRUPT;
	case XC_QUERY_SYNTAX:
		return NEWSIDX_QUERY_SYNTAX;
	case XC_INVALID:
		return NEWSIDX_BAD_ARG;
	case XC_MODIFIED:
	case XC_DOC_NOT_FOUND:
	case XC_NETWORK:
	case XC_ERROR:
		return NEWSIDX_DB_ERROR;
	}
	return NEWSIDX_DB_ERROR;
}
