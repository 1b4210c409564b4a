/* tool_holdlock: hold the write lock of a newsidx database for tests.
 * Opens DB for writing, prints "locked" and waits until its standard input
 * is closed or reaches end of file, then exits without writing. */
#include <stdio.h>
#include <stdlib.h>

#include "newsidx.h"

int main(int argc, char **argv)
{
	newsidx_db *db = NULL;
	char *errmsg = NULL;
	newsidx_status rc;

	if (argc != 2) {
		fprintf(stderr, "usage: tool_holdlock DB\n");
		return 2;
	}
	rc = newsidx_db_open(argv[1], NEWSIDX_DB_WRITE, NULL, &db, &errmsg);
	if (rc != NEWSIDX_OK) {
		fprintf(stderr, "tool_holdlock: %s\n", errmsg ? errmsg : "?");
		free(errmsg);
		return 2;
	}
	printf("locked\n");
	fflush(stdout);
	while (getchar() != EOF)
		;
	newsidx_db_destroy(db);
	return 0;
}
