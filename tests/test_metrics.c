/* test_metrics.c: the ranking evaluation's measures (eval/metrics.c)
 * against values computed by hand from trec_eval's definitions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../eval/metrics.h"

#define EPS 1e-12

/* 1 / log2(rank + 1): the nDCG discount of a rank. */
static double disc(int rank)
{
	return 1.0 / log2((double)rank + 1.0);
}

/* One query: a, b, c relevant; d judged non-relevant.  Five hits, so fewer
 * than 10: relevant ones at ranks 1 and 3. */
static void test_binary_query(void **state)
{
	const nx_eval_judgement judged[] = {
		{ "a", 1 }, { "b", 1 }, { "c", 1 }, { "d", 0 }
	};
	nx_eval_hit hits[] = {
		{ "x", 9.0 }, { "a", 10.0 }, { "d", 7.0 },
		{ "b", 8.0 }, { "y", 6.0 },
	};
	nx_eval_scores s;

	(void)state;
	assert_int_equal(nx_eval_query(judged, 4, hits, 5, &s), NX_EVAL_OK);
	/* Sorted by score whatever the input order. */
	assert_string_equal(hits[0].docid, "a");
	assert_string_equal(hits[1].docid, "x");
	assert_string_equal(hits[2].docid, "b");
	/* AP = (1/1 + 2/3) / 3 relevant. */
	assert_float_equal(s.ap, (1.0 + 2.0 / 3.0) / 3.0, EPS);
	/* P@10 divides by 10 even with 5 hits. */
	assert_float_equal(s.p10, 0.2, EPS);
	assert_float_equal(s.recall100, 2.0 / 3.0, EPS);
	/* DCG = 1/log2(2) + 1/log2(4); ideal: three gains of 1. */
	assert_float_equal(s.ndcg10,
			   (disc(1) + disc(3)) / (disc(1) + disc(2) + disc(3)),
			   EPS);
	assert_float_equal(s.ndcg10, 1.5 / (1.5 + 1.0 / log2(3.0)), EPS);
	assert_int_equal(s.n_rel, 3);
	assert_int_equal(s.n_ret, 5);
	assert_int_equal(s.n_rel_ret, 2);
}

/* Equal scores: trec_eval puts the larger docid (strcmp) first, whatever
 * the order or ranks of the run. */
static void test_ties(void **state)
{
	const nx_eval_judgement judged[] = { { "doc1", 1 } };
	nx_eval_hit hits[] = { { "doc1", 5.0 },
			       { "doc2", 5.0 },
			       { "doc10", 5.0 },
			       { "doc0", 7.0 } };
	nx_eval_scores s;

	(void)state;
	assert_int_equal(nx_eval_query(judged, 1, hits, 4, &s), NX_EVAL_OK);
	assert_string_equal(hits[0].docid, "doc0");
	assert_string_equal(hits[1].docid, "doc2");
	assert_string_equal(hits[2].docid, "doc10");
	assert_string_equal(hits[3].docid, "doc1");
	assert_float_equal(s.ap, 1.0 / 4.0, EPS);
	assert_float_equal(s.p10, 0.1, EPS);
	assert_float_equal(s.ndcg10, disc(4) / disc(1), EPS);
	assert_float_equal(s.ndcg10, 0.5 / log2(5.0) * 2.0, EPS);
}

/* Graded gains (Cranfield's 5 - grade): linear gains, the ideal order
 * built from every judged document; gain <= 0 is not relevant. */
static void test_graded_ndcg(void **state)
{
	const nx_eval_judgement judged[] = {
		{ "a", 4 }, { "b", 2 }, { "c", 1 }, { "n", 0 }, { "m", -1 }
	};
	nx_eval_hit hits[] = {
		{ "c", 4.0 }, { "a", 3.0 }, { "m", 2.0 }, { "b", 1.0 }
	};
	nx_eval_scores s;
	double dcg = 1.0 * disc(1) + 4.0 * disc(2) + 2.0 * disc(4);
	double ideal = 4.0 * disc(1) + 2.0 * disc(2) + 1.0 * disc(3);

	(void)state;
	assert_int_equal(nx_eval_query(judged, 5, hits, 4, &s), NX_EVAL_OK);
	assert_float_equal(s.ndcg10, dcg / ideal, EPS);
	assert_float_equal(s.ndcg10,
			   (1.0 + 4.0 / log2(3.0) + 2.0 / log2(5.0)) /
				   (4.0 + 2.0 / log2(3.0) + 0.5),
			   EPS);
	/* Binary measures: a, b, c relevant; m (gain -1) is not. */
	assert_int_equal(s.n_rel, 3);
	assert_float_equal(s.ap, (1.0 / 1 + 2.0 / 2 + 3.0 / 4) / 3.0, EPS);
	assert_float_equal(s.p10, 0.3, EPS);
	assert_float_equal(s.recall100, 1.0, EPS);
}

/* Cut-offs: a relevant document at rank 11 counts for AP and recall but
 * not for P@10 or nDCG@10; one at rank 101 only for AP. */
static void test_cutoffs(void **state)
{
	const nx_eval_judgement judged[] = { { "r11", 1 },
					     { "r101", 1 },
					     { "never", 1 } };
	nx_eval_hit hits[101];
	char names[101][16];
	nx_eval_scores s;
	int i;

	(void)state;
	for (i = 0; i < 101; i++) {
		snprintf(names[i], sizeof names[i], "n%d", i + 1);
		hits[i].docid = names[i];
		hits[i].score = 1000.0 - i;
	}
	hits[10].docid = "r11";
	hits[100].docid = "r101";
	assert_int_equal(nx_eval_query(judged, 3, hits, 101, &s), NX_EVAL_OK);
	assert_float_equal(s.ap, (1.0 / 11 + 2.0 / 101) / 3.0, EPS);
	assert_float_equal(s.p10, 0.0, EPS);
	assert_float_equal(s.ndcg10, 0.0, EPS);
	assert_float_equal(s.recall100, 1.0 / 3.0, EPS);
	assert_int_equal(s.n_rel_ret, 2);
}

static void test_no_relevant_and_errors(void **state)
{
	const nx_eval_judgement none[] = { { "a", 0 }, { "b", -1 } };
	const nx_eval_judgement one[] = { { "a", 1 } };
	const nx_eval_judgement twice[] = { { "a", 1 }, { "a", 2 } };
	nx_eval_hit hits[] = { { "a", 2.0 }, { "a", 1.0 } };
	nx_eval_scores s;

	(void)state;
	assert_int_equal(nx_eval_query(none, 2, hits, 1, &s),
			 NX_EVAL_NO_RELEVANT);
	assert_int_equal(s.n_ret, 1);
	assert_float_equal(s.ap, 0.0, EPS);
	assert_int_equal(nx_eval_query(one, 1, hits, 2, &s), NX_EVAL_DUPLICATE);
	assert_int_equal(nx_eval_query(twice, 2, hits, 1, &s),
			 NX_EVAL_DUPLICATE);
	/* Nothing retrieved: every measure 0. */
	assert_int_equal(nx_eval_query(one, 1, hits, 0, &s), NX_EVAL_OK);
	assert_float_equal(s.ap, 0.0, EPS);
	assert_float_equal(s.ndcg10, 0.0, EPS);
	assert_float_equal(s.p10, 0.0, EPS);
	assert_float_equal(s.recall100, 0.0, EPS);
}

/* ------------------------------------------------------------------ */
/* Files and means */

static char *write_temp(const char *text)
{
	char *path = strdup("/tmp/test_metrics.XXXXXX");
	int fd;

	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

struct seen {
	char qids[8][8];
	double ap[8];
	int n;
};

static void record(void *ctx, const char *qid, const nx_eval_scores *s)
{
	struct seen *seen = ctx;

	snprintf(seen->qids[seen->n], sizeof seen->qids[0], "%s", qid);
	seen->ap[seen->n++] = s->ap;
}

/* Query 2 has no relevant document: left out of the means.  Query 10 has
 * relevant documents and no hits: it counts 0.  Query 7 is in the run
 * only: ignored.  Query ids are matched as numbers ("01" is 1) and
 * reported in numeric order (9 before 10). */
static void test_score_run(void **state)
{
	char *qrels_path = write_temp("01 0 a 1\n"
				      "1 0 b 1\n"
				      "2 0 a 0\n"
				      "10 0 z 1\n"
				      "9 0 c 3\n"
				      "9 0 d 0\n");
	char *run_path = write_temp("1 Q0 a 1 3.5 t\n"
				    "1 Q0 x 2 2.5 t\n"
				    "1 Q0 b 3 1.5 t\n"
				    "2 Q0 a 1 9 t\n"
				    "9 Q0 d 1 2 t\n"
				    "9 Q0 c 2 1 t\n"
				    "7 Q0 a 1 1 t\n");
	char *err = NULL;
	nx_eval_set *qrels = nx_eval_set_load(qrels_path, 0, &err);
	nx_eval_set *run = nx_eval_set_load(run_path, 1, &err);
	struct seen seen = { 0 };
	nx_eval_scores mean;
	size_t n = 0;
	double ap1 = (1.0 + 2.0 / 3.0) / 2.0, ap9 = 1.0 / 2.0;
	double nd1 = (disc(1) + disc(3)) / (disc(1) + disc(2));
	double nd9 = 3.0 * disc(2) / (3.0 * disc(1));

	(void)state;
	assert_non_null(qrels);
	assert_non_null(run);
	assert_int_equal(
		nx_eval_score_run(qrels, run, record, &seen, &mean, &n, &err),
		NX_EVAL_OK);
	assert_null(err);
	assert_int_equal(n, 3);
	assert_int_equal(seen.n, 3);
	assert_string_equal(seen.qids[0], "01");
	assert_string_equal(seen.qids[1], "9");
	assert_string_equal(seen.qids[2], "10");
	assert_float_equal(seen.ap[0], ap1, EPS);
	assert_float_equal(seen.ap[1], ap9, EPS);
	assert_float_equal(seen.ap[2], 0.0, EPS);
	assert_float_equal(mean.ap, (ap1 + ap9 + 0.0) / 3.0, EPS);
	assert_float_equal(mean.ndcg10, (nd1 + nd9 + 0.0) / 3.0, EPS);
	assert_float_equal(mean.p10, (0.2 + 0.1 + 0.0) / 3.0, EPS);
	assert_float_equal(mean.recall100, (1.0 + 1.0 + 0.0) / 3.0, EPS);
	nx_eval_set_free(qrels);
	nx_eval_set_free(run);
	unlink(qrels_path);
	unlink(run_path);
	free(qrels_path);
	free(run_path);
}

static void test_bad_files(void **state)
{
	char *short_line = write_temp("1 0 a 1\n1 0 b\n");
	char *bad_number = write_temp("1 Q0 a 1 high t\n");
	char *dup = write_temp("1 Q0 a 1 2 t\n1 Q0 a 2 1 t\n");
	char *qrels_path = write_temp("1 0 a 1\n");
	char *err = NULL, *want;
	nx_eval_set *qrels, *run;
	nx_eval_scores mean;
	size_t n;

	(void)state;
	assert_null(nx_eval_set_load(short_line, 0, &err));
	want = NULL;
	assert_true(asprintf(&want, "%s:2: expected 4 fields, got 3",
			     short_line) > 0);
	assert_string_equal(err, want);
	free(want);
	free(err);
	assert_null(nx_eval_set_load(bad_number, 1, &err));
	assert_true(asprintf(&want, "%s:1: 'high' is not a number",
			     bad_number) > 0);
	assert_string_equal(err, want);
	free(want);
	free(err);
	assert_null(nx_eval_set_load("/nonexistent/qrels", 0, &err));
	assert_string_equal(err, "/nonexistent/qrels: No such file or "
				 "directory");
	free(err);
	qrels = nx_eval_set_load(qrels_path, 0, &err);
	run = nx_eval_set_load(dup, 1, &err);
	assert_non_null(qrels);
	assert_non_null(run);
	assert_int_equal(
		nx_eval_score_run(qrels, run, NULL, NULL, &mean, &n, &err),
		NX_EVAL_DUPLICATE);
	assert_non_null(strstr(err, "query 1: a document is listed twice"));
	free(err);
	nx_eval_set_free(qrels);
	nx_eval_set_free(run);
	unlink(short_line);
	unlink(bad_number);
	unlink(dup);
	unlink(qrels_path);
	free(short_line);
	free(bad_number);
	free(dup);
	free(qrels_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_binary_query),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_graded_ndcg),
		cmocka_unit_test(test_cutoffs),
		cmocka_unit_test(test_no_relevant_and_errors),
		cmocka_unit_test(test_score_run),
		cmocka_unit_test(test_bad_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
