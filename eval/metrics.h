/* metrics.h: ranking measures with trec_eval's definitions.
 *
 * The evaluation harness (eval/run.sh) scores every run with this code, so
 * the numbers in eval/RESULTS.md are the ones trec_eval 9.0.8 gives on the
 * same qrels and run files with `trec_eval -c -m map -m ndcg_cut.10
 * -m P.10 -m recall.100`:
 *
 *  - A run is re-sorted as trec_eval sorts it: by score, highest first, and
 *    equal scores by document id in decreasing strcmp() order.  The ranks
 *    written in the run are ignored.  A document twice in one query's run is
 *    an error.
 *  - A document is relevant when its gain in the qrels is >= 1; documents
 *    not in the qrels, or with gain <= 0, are not relevant.
 *  - AP: the sum over the relevant documents retrieved of the precision at
 *    their rank, divided by the number of relevant documents in the qrels.
 *  - P@10: relevant documents in the first 10, divided by 10 (also when
 *    fewer than 10 were retrieved).
 *  - Recall@100: relevant documents in the first 100, divided by the number
 *    of relevant documents.
 *  - nDCG@10: DCG@10 = sum over ranks r = 1..10 of gain(r) / log2(r + 1),
 *    gain taken from the qrels as is (linear, not 2^gain - 1; <= 0 counts
 *    0), divided by the DCG@10 of the ideal ranking of all the judged
 *    documents of the query (trec_eval's ndcg_cut.10).
 *  - A query whose qrels hold no relevant document is left out of the
 *    means, as trec_eval leaves it out.  A query with relevant documents but
 *    nothing retrieved counts 0 on every measure (trec_eval -c).
 */
#ifndef NX_EVAL_METRICS_H
#define NX_EVAL_METRICS_H

#include <stddef.h>

/* One judged document of one query. */
typedef struct nx_eval_judgement {
	const char *docid;
	int gain; /* >= 1 relevant; the nDCG gain */
} nx_eval_judgement;

/* One retrieved document of one query. */
typedef struct nx_eval_hit {
	const char *docid;
	double score;
} nx_eval_hit;

/* The measures of one query. */
typedef struct nx_eval_scores {
	double ap;
	double ndcg10;
	double p10;
	double recall100;
	size_t n_rel;	  /* relevant documents in the qrels */
	size_t n_ret;	  /* documents retrieved */
	size_t n_rel_ret; /* relevant documents retrieved */
} nx_eval_scores;

enum {
	NX_EVAL_OK = 0,
	NX_EVAL_NO_RELEVANT, /* the query has no relevant document: skip it */
	NX_EVAL_DUPLICATE,   /* a document appears twice in the run or qrels */
	NX_EVAL_NOMEM
};

/* Sort hits as trec_eval does: score descending, then docid descending
 * (strcmp). */
void nx_eval_sort_hits(nx_eval_hit *hits, size_t n_hits);

/* Score one query.  judged[0..n_judged) are its judgements (any order),
 * hits[0..n_hits) its run (any order; sorted in place by
 * nx_eval_sort_hits()).  Returns NX_EVAL_OK with *out filled,
 * NX_EVAL_NO_RELEVANT (out zeroed except n_ret), NX_EVAL_DUPLICATE or
 * NX_EVAL_NOMEM. */
int nx_eval_query(const nx_eval_judgement *judged, size_t n_judged,
		  nx_eval_hit *hits, size_t n_hits, nx_eval_scores *out);

/* ------------------------------------------------------------------ */
/* Files: TREC qrels ("QID ITER DOCID GAIN") and runs ("QID Q0 DOCID RANK
 * SCORE TAG"), read whole. */

typedef struct nx_eval_set nx_eval_set;

/* Read a qrels file (is_run 0) or a run file (is_run 1).  On failure
 * returns NULL and *errmsg (malloc'ed, free()) says which line and why. */
nx_eval_set *nx_eval_set_load(const char *path, int is_run, char **errmsg);
void nx_eval_set_free(nx_eval_set *set);

/* The per-query and mean scores of run against qrels.  fn (may be NULL)
 * is called for each query scored, in the qrels' order of query ids
 * (numeric when they are numbers).  *mean gets the means over the queries
 * scored; *n_queries how many.  Returns NX_EVAL_OK, NX_EVAL_DUPLICATE
 * (*errmsg says where) or NX_EVAL_NOMEM. */
int nx_eval_score_run(const nx_eval_set *qrels, const nx_eval_set *run,
		      void (*fn)(void *ctx, const char *qid,
				 const nx_eval_scores *s),
		      void *ctx, nx_eval_scores *mean, size_t *n_queries,
		      char **errmsg);

#endif /* NX_EVAL_METRICS_H */
