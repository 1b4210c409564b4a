/* nx-eval-dedup: a test set for near-duplicate detection, built from real
 * Reuters-21578 stories, and its scorer (eval/DEDUP.md, `make eval-dedup`).
 *
 *   nx-eval-dedup build OUT.jsonl TRUTH.tsv N SGML...
 *       The first N stories (in file order) whose body has at least
 *       MIN_WORDS words are written as JSON Lines, and every COPY_EVERY-th
 *       of them again as an edited copy, the way outlets edit wire copy:
 *       a new headline, then by edit level
 *         light   one sentence cut, one added, 2% of words changed
 *         medium  two sentences cut, two added, 5% of words changed
 *         heavy   a third of the sentences cut, two added, 8% changed
 *       (levels in turn); every COPY2_EVERY-th story gets a second,
 *       independent copy.  A fixed xorshift generator makes the set the
 *       same on every machine.  TRUTH.tsv: "id family level" per article,
 *       family the original's id, level "orig" for originals.
 *
 *   nx-eval-dedup score DB TRUTH.tsv OUT.jsonl
 *       Pairs of articles that share a cluster key (value slot 8) against
 *       pairs of the same family: pairwise precision and recall, recall
 *       by edit level, and each false positive pair with the exact
 *       Jaccard similarity of their 4-word shingles and their titles, so
 *       that genuine duplicates in Reuters itself can be told apart.
 */
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"
#include "newsidx.h"
#include "xapian-c.h"

#define MIN_WORDS   80
#define COPY_EVERY  4
#define COPY2_EVERY 12

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static unsigned pick(unsigned n)
{
	return n ? (unsigned)(rng() % n) : 0;
}

/* Sentences an editor adds; written for this harness. */
static const char *const added[] = {
	"The company did not immediately respond to a request for comment.",
	"Analysts said the figures were broadly in line with expectations.",
	"Further details were not disclosed.",
	"The announcement was made after the close of trading.",
	"A spokesman said more information would be released next week.",
	"Market sources said the news had been widely anticipated.",
	"Officials declined to give a timetable.",
	"Shares were little changed in early dealings.",
};

/* Words an editor swaps in. */
static const char *const swaps[] = {
	"said",	  "reported", "announced", "added", "noted",
	"stated", "company",  "firm",	   "group", "about",
	"nearly", "around",   "rose",	   "fell",  "increased",
};

static const char *const headline_forms[] = {
	"UPDATE 1-%s",
	"%s - sources",
	"FOCUS-%s",
	"%s (REFILE)",
};

static size_t count_words(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; *s; s++) {
		int w = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			(*s >= '0' && *s <= '9');

		n += w && !in;
		in = w;
	}
	return n;
}

typedef struct strv {
	char **v;
	size_t n, cap;
} strv;

static void strv_push(strv *s, char *item)
{
	if (s->n == s->cap) {
		char **more;

		s->cap = s->cap ? 2 * s->cap : 32;
		more = realloc(s->v, s->cap * sizeof *more);
		if (!more) {
			perror("nx-eval-dedup");
			exit(2);
		}
		s->v = more;
	}
	s->v[s->n++] = item;
}

static void strv_free(strv *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* Sentences of body: cut after ". " (and the end). */
static void sentences(const char *body, strv *out)
{
	const char *p = body, *start = body;

	for (; *p; p++) {
		if ((p[0] == '.' || p[0] == '?' || p[0] == '!') &&
		    (p[1] == ' ' || p[1] == '\n' || !p[1])) {
			strv_push(out,
				  nx_strndup(start, (size_t)(p + 1 - start)));
			start = p + 1;
			while (*start == ' ' || *start == '\n')
				start++;
			p = start - 1;
		}
	}
	if (*start)
		strv_push(out, nx_strdup(start));
}

/* An edited copy of body at level (0 light, 1 medium, 2 heavy). */
static char *edit_body(const char *body, int level)
{
	strv sent = { 0 };
	nx_buf out = { 0 };
	size_t n_cut, cut_at, i, n_add;
	unsigned percent = level == 0 ? 2 : level == 1 ? 5 : 8;

	sentences(body, &sent);
	n_cut = level == 0 ? 1 : level == 1 ? 2 : sent.n / 3;
	if (n_cut >= sent.n)
		n_cut = sent.n > 1 ? sent.n - 1 : 0;
	cut_at = sent.n > n_cut ? 1 + pick((unsigned)(sent.n - n_cut)) : 0;
	if (cut_at + n_cut > sent.n)
		cut_at = sent.n - n_cut;
	n_add = level == 0 ? 1 : 2;
	for (i = 0; i < sent.n; i++) {
		const char *s = sent.v[i];

		if (i >= cut_at && i < cut_at + n_cut)
			continue;
		/* Word substitutions. */
		while (*s) {
			size_t w = strcspn(s, " ");

			if (w && pick(100) < percent)
				nx_buf_puts(&out, swaps[pick(sizeof swaps /
							     sizeof swaps[0])]);
			else
				nx_buf_append(&out, s, w);
			s += w;
			if (*s) {
				nx_buf_putc(&out, ' ');
				s++;
			}
		}
		nx_buf_putc(&out, ' ');
		if (n_add && pick(4) == 0) {
			nx_buf_puts(
				&out,
				added[pick(sizeof added / sizeof added[0])]);
			nx_buf_putc(&out, ' ');
			n_add--;
		}
	}
	while (n_add--) {
		nx_buf_puts(&out, added[pick(sizeof added / sizeof added[0])]);
		nx_buf_putc(&out, ' ');
	}
	strv_free(&sent);
	return nx_buf_steal(&out);
}

static void put_article(FILE *f, const char *id, const char *title,
			const char *date, const char *body)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_string(id));
	json_object_object_add(o, "title", json_object_new_string(title));
	if (date && *date)
		json_object_object_add(o, "date", json_object_new_string(date));
	json_object_object_add(o, "body", json_object_new_string(body));
	fprintf(f, "%s\n",
		json_object_to_json_string_ext(
			o, JSON_C_TO_STRING_PLAIN |
				   JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static const char *const level_names[] = { "light", "medium", "heavy" };

static int build(const char *out_path, const char *truth_path, unsigned want,
		 unsigned min_words, int with_copies, char **paths, int n_paths)
{
	FILE *out = fopen(out_path, "w"), *truth = fopen(truth_path, "w");
	unsigned picked = 0, copies = 0;
	int k;

	if (!out || !truth) {
		fprintf(stderr, "nx-eval-dedup: cannot write %s or %s\n",
			out_path, truth_path);
		return 2;
	}
	for (k = 0; k < n_paths && picked < want; k++) {
		newsidx_reader *r = NULL;
		newsidx_article a;
		char *err = NULL;

		if (newsidx_reader_open(paths[k], NEWSIDX_FORMAT_AUTO, NULL, &r,
					&err) != NEWSIDX_OK) {
			fprintf(stderr, "nx-eval-dedup: %s\n",
				err ? err : paths[k]);
			return 2;
		}
		memset(&a, 0, sizeof a);
		while (picked < want) {
			newsidx_status rc = newsidx_reader_next(r, &a);
			int c;

			if (rc == NEWSIDX_DONE)
				break;
			if (rc != NEWSIDX_OK)
				continue;
			if (!a.body || count_words(a.body) < min_words ||
			    !a.id) {
				newsidx_article_clear(&a);
				continue;
			}
			put_article(out, a.id, a.title ? a.title : "", a.date,
				    a.body);
			fprintf(truth, "%s\t%s\torig\n", a.id, a.id);
			for (c = 1; c <= 2; c++) {
				char id[128], title[1024];
				char *body;
				int level = (int)(copies % 3);

				if (!with_copies)
					break;
				if (c == 1 && picked % COPY_EVERY)
					break;
				if (c == 2 && picked % COPY2_EVERY)
					break;
				snprintf(id, sizeof id, "%s~copy%d", a.id, c);
				snprintf(title, sizeof title,
					 headline_forms[pick(4)],
					 a.title ? a.title : "");
				body = edit_body(a.body, level);
				put_article(out, id, title, a.date, body);
				fprintf(truth, "%s\t%s\t%s\n", id, a.id,
					level_names[level]);
				free(body);
				copies++;
			}
			picked++;
			newsidx_article_clear(&a);
		}
		newsidx_article_clear(&a);
		newsidx_reader_destroy(r);
	}
	fclose(truth);
	if (fclose(out) != 0) {
		fprintf(stderr, "nx-eval-dedup: writing %s failed\n", out_path);
		return 2;
	}
	fprintf(stderr, "nx-eval-dedup: %u stories, %u edited copies\n", picked,
		copies);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Scoring */

typedef struct art {
	char *id, *family, *level, *key, *title, *body;
} art;

static int cmp_id(const void *a, const void *b)
{
	return strcmp(((const art *)a)->id, ((const art *)b)->id);
}

static art *find_art(art *arts, size_t n, const char *id)
{
	art key;

	memset(&key, 0, sizeof key);
	key.id = (char *)id;
	return bsearch(&key, arts, n, sizeof *arts, cmp_id);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorted distinct 4-word shingle hashes of text into *out. */
static size_t shingles(const char *text, uint64_t **out)
{
	strv words = { 0 };
	const char *p = text;
	uint64_t *h;
	size_t n = 0, i, j, m;

	while (*p) {
		size_t w = 0;
		char buf[256];

		while (*p &&
		       !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			 (*p >= '0' && *p <= '9')))
			p++;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		       (*p >= '0' && *p <= '9')) {
			if (w < sizeof buf - 1)
				buf[w++] = (char)(*p >= 'A' && *p <= 'Z'
							  ? *p - 'A' + 'a'
							  : *p);
			p++;
		}
		if (w)
			strv_push(&words, nx_strndup(buf, w));
	}
	h = calloc(words.n + 1, sizeof *h);
	if (!h) {
		perror("nx-eval-dedup");
		exit(2);
	}
	for (i = 0; i + 4 <= words.n; i++) {
		uint64_t x = 0;

		for (j = 0; j < 4; j++)
			x = x * 1099511628211ULL ^
			    nx_hash64(words.v[i + j], strlen(words.v[i + j]));
		h[n++] = x;
	}
	qsort(h, n, sizeof *h, cmp_u64);
	for (i = 0, m = 0; i < n; i++)
		if (!m || h[m - 1] != h[i])
			h[m++] = h[i];
	strv_free(&words);
	*out = h;
	return m;
}

static double jaccard(const char *a, const char *b)
{
	uint64_t *x, *y;
	size_t nx = shingles(a, &x), ny = shingles(b, &y), i = 0, j = 0,
	       both = 0;

	while (i < nx && j < ny) {
		if (x[i] == y[j]) {
			both++;
			i++;
			j++;
		} else if (x[i] < y[j]) {
			i++;
		} else {
			j++;
		}
	}
	free(x);
	free(y);
	return nx + ny - both ? (double)both / (double)(nx + ny - both) : 0;
}

static int cmp_key(const void *a, const void *b)
{
	const art *x = *(art *const *)a, *y = *(art *const *)b;
	int c = strcmp(x->key ? x->key : "", y->key ? y->key : "");

	return c ? c : strcmp(x->id, y->id);
}

static int cmp_family(const void *a, const void *b)
{
	const art *x = *(art *const *)a, *y = *(art *const *)b;

	return strcmp(x->family, y->family);
}

static int score(const char *db_path, const char *truth_path,
		 const char *set_path)
{
	FILE *truth = fopen(truth_path, "r"), *set = fopen(set_path, "r");
	art *arts = NULL, **by;
	size_t n = 0, cap = 0, i, j, start;
	unsigned long pred = 0, true_pairs = 0, hit = 0;
	unsigned long lvl_true[4] = { 0 }, lvl_hit[4] = { 0 };
	unsigned long fp_pairs = 0, fp_genuine = 0;
	char line[1 << 16];
	xc_db *db = NULL;
	unsigned last = 0, docid;
	nx_buf big = { 0 };

	if (!truth || !set) {
		fprintf(stderr, "nx-eval-dedup: cannot read %s or %s\n",
			truth_path, set_path);
		return 2;
	}
	while (fgets(line, sizeof line, truth)) {
		char *t1 = strchr(line, '\t'),
		     *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;

		if (!t2)
			continue;
		line[strcspn(line, "\n")] = '\0';
		*t1 = *t2 = '\0';
		if (n == cap) {
			art *more;

			cap = cap ? 2 * cap : 1024;
			more = realloc(arts, cap * sizeof *more);
			if (!more) {
				perror("nx-eval-dedup");
				exit(2);
			}
			arts = more;
		}
		memset(&arts[n], 0, sizeof arts[n]);
		arts[n].id = strdup(line);
		arts[n].family = strdup(t1 + 1);
		arts[n].level = strdup(t2 + 1);
		n++;
	}
	fclose(truth);
	qsort(arts, n, sizeof *arts, cmp_id);
	/* Titles and bodies, for the false positives. */
	for (;;) {
		json_object *o, *v;
		art *a;

		nx_buf_reset(&big);
		if (!fgets(line, sizeof line, set))
			break;
		nx_buf_puts(&big, line);
		while (big.len && big.data[big.len - 1] != '\n' &&
		       fgets(line, sizeof line, set))
			nx_buf_puts(&big, line);
		o = json_tokener_parse(big.data);
		if (!o)
			continue;
		if (json_object_object_get_ex(o, "id", &v) &&
		    (a = find_art(arts, n, json_object_get_string(v)))) {
			if (json_object_object_get_ex(o, "title", &v))
				a->title = strdup(json_object_get_string(v));
			if (json_object_object_get_ex(o, "body", &v))
				a->body = strdup(json_object_get_string(v));
		}
		json_object_put(o);
	}
	fclose(set);
	nx_buf_free(&big);
	if (xc_db_open(db_path, &db) != XC_OK ||
	    xc_db_get_lastdocid(db, &last) != XC_OK) {
		fprintf(stderr, "nx-eval-dedup: %s: %s\n", db_path,
			xc_last_error());
		return 2;
	}
	for (docid = 1; docid <= last; docid++) {
		xc_doc *doc = NULL;
		const char *v;
		size_t len;
		char *id;
		art *a;

		if (xc_db_get_document(db, docid, &doc) != XC_OK)
			continue;
		xc_doc_get_value(doc, NX_SLOT_ID, &v, &len);
		id = nx_strndup(v, len);
		a = find_art(arts, n, id);
		xc_doc_get_value(doc, NX_SLOT_CLUSTER, &v, &len);
		if (a && len)
			a->key = nx_strndup(v, len);
		free(id);
		xc_doc_destroy(doc);
	}
	xc_db_destroy(db);

	by = malloc((n ? n : 1) * sizeof *by);
	if (!by) {
		perror("nx-eval-dedup");
		exit(2);
	}
	/* True pairs, by family; recall by the copy's level. */
	for (i = 0; i < n; i++)
		by[i] = &arts[i];
	qsort(by, n, sizeof *by, cmp_family);
	for (start = 0; start < n; start = j) {
		for (j = start;
		     j < n && !strcmp(by[j]->family, by[start]->family); j++)
			;
		for (i = start; i < j; i++) {
			size_t k;

			for (k = i + 1; k < j; k++) {
				art *x = by[i], *y = by[k];
				int same = x->key && y->key &&
					   !strcmp(x->key, y->key);
				int copies2 = strcmp(x->level, "orig") &&
					      strcmp(y->level, "orig");
				const char *lv = copies2 ? "copy-copy"
						 : strcmp(x->level, "orig")
							 ? x->level
							 : y->level;
				int l = !strcmp(lv, "light")	? 0
					: !strcmp(lv, "medium") ? 1
					: !strcmp(lv, "heavy")	? 2
								: 3;

				true_pairs++;
				hit += same;
				if (!same)
					printf("FN\t%s\t%.2f\t%s\t%s\n", lv,
					       jaccard(x->body ? x->body : "",
						       y->body ? y->body : ""),
					       x->id, y->id);
				lvl_true[l]++;
				lvl_hit[l] += same;
			}
		}
	}
	/* Predicted pairs, by cluster key; false positives listed. */
	qsort(by, n, sizeof *by, cmp_key);
	printf("# false positive pairs: exact 4-shingle Jaccard of the pair "
	       "and of their originals, ids, titles\n");
	for (start = 0; start < n; start = j) {
		for (j = start; j < n && by[start]->key && by[j]->key &&
				!strcmp(by[j]->key, by[start]->key);
		     j++)
			;
		if (j == start) {
			j = start + 1;
			continue;
		}
		for (i = start; i < j; i++) {
			size_t k;

			for (k = i + 1; k < j; k++) {
				art *x = by[i], *y = by[k], *fx, *fy;
				double jac, orig_jac;

				pred++;
				if (!strcmp(x->family, y->family))
					continue;
				jac = jaccard(x->body ? x->body : "",
					      y->body ? y->body : "");
				/* The originals of both families the same
				 * story in Reuters itself? */
				fx = find_art(arts, n, x->family);
				fy = find_art(arts, n, y->family);
				orig_jac = fx && fy && fx->body && fy->body
						   ? jaccard(fx->body, fy->body)
						   : 0;
				fp_pairs++;
				fp_genuine += orig_jac >= 0.5;
				printf("FP\t%.2f\t%.2f\t%s\t%s\t%s\t%s\n", jac,
				       orig_jac, x->id, y->id,
				       x->title ? x->title : "",
				       y->title ? y->title : "");
			}
		}
	}
	printf("\narticles\t%zu\n", n);
	printf("true pairs\t%lu\n", true_pairs);
	printf("predicted pairs\t%lu\n", pred);
	printf("correct pairs\t%lu\n", hit);
	printf("precision\t%.4f\n", pred ? (double)hit / (double)pred : 1.0);
	printf("recall\t%.4f\n",
	       true_pairs ? (double)hit / (double)true_pairs : 1.0);
	for (i = 0; i < 4; i++)
		printf("recall %s\t%.4f\t(%lu of %lu)\n",
		       i < 3 ? level_names[i] : "copy-copy",
		       lvl_true[i] ? (double)lvl_hit[i] / (double)lvl_true[i]
				   : 1.0,
		       lvl_hit[i], lvl_true[i]);
	printf("false positive pairs\t%lu\n", fp_pairs);
	printf("of which the originals are duplicates in Reuters "
	       "(exact Jaccard >= 0.5)\t%lu\n",
	       fp_genuine);
	printf("precision counting those as right\t%.4f\n",
	       pred ? (double)(hit + fp_genuine) / (double)pred : 1.0);
	for (i = 0; i < n; i++) {
		free(arts[i].id);
		free(arts[i].family);
		free(arts[i].level);
		free(arts[i].key);
		free(arts[i].title);
		free(arts[i].body);
	}
	free(arts);
	free(by);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 6 && !strcmp(argv[1], "build"))
		return build(argv[2], argv[3], (unsigned)atoi(argv[4]),
			     MIN_WORDS, 1, argv + 5, argc - 5);
	if (argc >= 5 && !strcmp(argv[1], "build-all"))
		return build(argv[2], argv[3], UINT32_MAX, 1, 0, argv + 4,
			     argc - 4);
	if (argc == 5 && !strcmp(argv[1], "score"))
		return score(argv[2], argv[3], argv[4]);
	fprintf(stderr,
		"Usage: nx-eval-dedup build OUT.jsonl TRUTH.tsv N SGML...\n"
		"       nx-eval-dedup build-all OUT.jsonl TRUTH.tsv SGML...\n"
		"       nx-eval-dedup score DB TRUTH.tsv OUT.jsonl\n");
	return 2;
}
