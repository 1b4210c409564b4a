/* score.c: nx-eval-score, trec_eval's measures (metrics.h) for run files.
 *
 *   nx-eval-score [-q] QRELS RUN...
 *
 * For each run prints one line
 *   RUN<TAB>map<TAB>ndcg10<TAB>p10<TAB>recall100<TAB>queries
 * with the means over the queries that have relevant documents; -q first
 * prints one such line per query, its query id in place of RUN.  Exit 0,
 * or 2 with a message naming the file and line on any error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"

static void print_query(void *ctx, const char *qid, const nx_eval_scores *s)
{
	(void)ctx;
	printf("%s\t%.4f\t%.4f\t%.4f\t%.4f\t1\n", qid, s->ap, s->ndcg10, s->p10,
	       s->recall100);
}

int main(int argc, char **argv)
{
	nx_eval_set *qrels;
	char *err = NULL;
	int per_query = 0, i = 1, status = 0;

	if (argc > 1 && !strcmp(argv[1], "-q")) {
		per_query = 1;
		i++;
	}
	if (argc - i < 2) {
		fprintf(stderr, "Usage: nx-eval-score [-q] QRELS RUN...\n");
		return 2;
	}
	qrels = nx_eval_set_load(argv[i], 0, &err);
	if (!qrels) {
		fprintf(stderr, "nx-eval-score: %s\n", err);
		free(err);
		return 2;
	}
	for (i++; i < argc; i++) {
		nx_eval_set *run = nx_eval_set_load(argv[i], 1, &err);
		nx_eval_scores mean;
		size_t n;

		if (!run || nx_eval_score_run(
				    qrels, run, per_query ? print_query : NULL,
				    NULL, &mean, &n, &err) != NX_EVAL_OK) {
			fprintf(stderr, "nx-eval-score: %s\n",
				err ? err : "failed");
			free(err);
			err = NULL;
			nx_eval_set_free(run);
			status = 2;
			continue;
		}
		printf("%s\t%.4f\t%.4f\t%.4f\t%.4f\t%zu\n", argv[i], mean.ap,
		       mean.ndcg10, mean.p10, mean.recall100, n);
		nx_eval_set_free(run);
	}
	nx_eval_set_free(qrels);
	return status;
}
