/* bare_xapian: the engine's ceiling for the indexing benchmark.
 *
 *   bare_xapian [--no-positions] [--stem-all-z] [--no-data] DB CORPUS_DIR
 *
 * The least a Xapian indexer of the corpus can do, through our binding
 * (include/xapian-c.h): for each file (the same files, in the same order,
 * as the other systems) read it, split headline and body, run Xapian's
 * TermGenerator (Xapian's built-in english stemmer, STEM_SOME: stems as Z
 * terms plus the unstemmed words with positions) over the headline and the
 * body, store headline and body as the document data, and add_document
 * into a new glass database opened with DB_NO_SYNC; one commit at the end,
 * then compaction (multipass, as newsidx) into DB.  The build goes to
 * DB.build, removed after.
 *
 * The options take one thing away each, to measure what it costs in size
 * and time: --no-positions (index_text without positions), --stem-all-z
 * (STEM_ALL_Z: stems only, no unstemmed terms; positions go on the stems),
 * --no-data (no stored text).  Prints on stdout:
 *
 *   bare docs=N bytes=B index_s=X commit_s=X compact_s=X
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchlib.h"
#include "xapian-c.h"

static const char *prog = "bare_xapian";

static void check(xc_status rc, const char *what)
{
	if (rc != XC_OK)
		bench_die(prog, "%s: %s (%s)", what, xc_status_str(rc),
			  xc_last_error());
}

/* Remove a database directory (its files, then itself). */
static void remove_db(const char *path)
{
	char *cmd = NULL;

	if (asprintf(&cmd, "rm -rf '%s'", path) < 0)
		bench_die(prog, "out of memory");
	if (system(cmd) != 0)
		bench_die(prog, "cannot remove %s", path);
	free(cmd);
}

int main(int argc, char **argv)
{
	int positions = 1, data = 1, argi = 1;
	xc_stem_strategy strategy = XC_STEM_SOME;
	xc_db *db = NULL;
	xc_stem *stem = NULL;
	xc_termgen *tg = NULL;
	bench_files files;
	char *build = NULL;
	size_t i;
	double t0, t1, t2, t3;

	for (; argi < argc && argv[argi][0] == '-'; argi++) {
		if (!strcmp(argv[argi], "--no-positions"))
			positions = 0;
		else if (!strcmp(argv[argi], "--stem-all-z"))
			strategy = XC_STEM_ALL_Z;
		else if (!strcmp(argv[argi], "--no-data"))
			data = 0;
		else
			break;
	}
	if (argc - argi != 2) {
		fprintf(stderr,
			"usage: %s [--no-positions] [--stem-all-z] "
			"[--no-data] DB CORPUS_DIR\n",
			prog);
		return 2;
	}
	if (bench_files_list(argv[argi + 1], &files) != 0)
		bench_die(prog, "%s: %s", argv[argi + 1], strerror(errno));
	if (asprintf(&build, "%s.build", argv[argi]) < 0)
		bench_die(prog, "out of memory");
	remove_db(build);
	remove_db(argv[argi]);

	t0 = bench_now();
	check(xc_db_open_writable(build, XC_DB_CREATE_OR_OVERWRITE,
				  XC_DB_NO_SYNC, &db),
	      build);
	check(xc_stem_new_builtin("english", &stem), "stemmer");
	check(xc_termgen_new(&tg), "term generator");
	check(xc_termgen_set_stemmer(tg, stem), "term generator");
	check(xc_termgen_set_stemming_strategy(tg, strategy), "term generator");
	for (i = 0; i < files.n; i++) {
		size_t len;
		char *text = bench_read_file(files.paths[i], &len);
		bench_article a;
		xc_doc *doc = NULL;

		if (!text)
			bench_die(prog, "%s: %s", files.paths[i],
				  strerror(errno));
		bench_parse_article(text, len, &a);
		check(xc_doc_new(&doc), "document");
		check(xc_termgen_set_document(tg, doc), "term generator");
		check(xc_termgen_index_text(tg, a.title, a.title_len, 1, NULL,
					    !positions),
		      files.paths[i]);
		check(xc_termgen_increase_termpos(tg, 100), files.paths[i]);
		check(xc_termgen_index_text(tg, a.body, a.body_len, 1, NULL,
					    !positions),
		      files.paths[i]);
		if (data) {
			/* Headline and body, as the article's text: the body
			 * moved up to follow the headline. */
			char *joined = (char *)a.title;

			joined[a.title_len] = '\n';
			memmove(joined + a.title_len + 1, a.body, a.body_len);
			check(xc_doc_set_data(doc, joined,
					      a.title_len + 1 + a.body_len),
			      files.paths[i]);
		}
		check(xc_db_add_document(db, doc, NULL), files.paths[i]);
		xc_doc_destroy(doc);
		free(text);
	}
	t1 = bench_now();
	check(xc_db_commit(db), "commit");
	check(xc_db_close(db), "close");
	xc_db_destroy(db);
	t2 = bench_now();
	check(xc_db_open(build, &db), build);
	check(xc_db_compact(db, argv[argi]), "compact");
	xc_db_destroy(db);
	t3 = bench_now();
	remove_db(build);
	xc_termgen_destroy(tg);
	xc_stem_destroy(stem);
	printf("bare docs=%zu bytes=%llu index_s=%.3f commit_s=%.3f "
	       "compact_s=%.3f\n",
	       files.n, files.bytes, t1 - t0, t2 - t1, t3 - t2);
	bench_files_free(&files);
	free(build);
	return 0;
}
