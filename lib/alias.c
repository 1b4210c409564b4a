/* alias.c: acronyms and aliases learned from the articles themselves.
 *
 * News defines its acronyms in two shapes, "Tehreek-e-Taliban Pakistan
 * (TTP)" and "TTP (Tehreek-e-Taliban Pakistan)".  At index time each
 * article's definitions are found here and recorded on the article as
 * boolean terms XAL + "ttp:tehreek e taliban pakistan" (see the schema), so
 * the evidence for a pairing is the number of articles that define it,
 * exact under replacement, deletion, parallel builds and sharding alike.
 *
 * After each indexing run nx_alias_finish() weighs that evidence and
 * writes the pairings it believes into Xapian's synonym table, both ways,
 * together with the pairs of the user's alias file.  A pairing is believed
 * when at least ALIAS_MIN_SHARE of the definitions of its acronym, and of
 * its long form, agree with it: "CIA (Culinary Institute of America)" once
 * against thirty "Central Intelligence Agency" is noise, two different
 * definitions seen once each are both kept.
 *
 * How definitions are recognised: acronym.c.
 *
 * At query time (interactive queries) nx_alias_rewrite() finds the words of
 * the query that are keys of the synonym table: an acronym typed in
 * capitals ("TTP", not "ttp", which may be a word), a long form in any case,
 * any key of the user's alias file.  Each such span is replaced by a
 * reference to a field processor, which makes
 *     OR(SYNONYM(typed, alias...), ALIAS_EXACT_BONUS * typed)
 * where a multi-word name is the phrase of its words.  OP_SYNONYM weighs
 * the name and its aliases as one term, so every article about the thing
 * is found whichever name it uses, and the bonus (the typed name's own
 * weight again) keeps the articles with exactly what was typed ahead: on
 * corpus/, "TTP" ranks the four articles that say TTP above the one that
 * only spells the name out, and the long form ranks that one first.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx-private.h"
#include "xapian-c.h"

#define ALIAS_PREFIX	      "XAL"
#define ALIAS_USER_KEY	      "nx.aliases.user"
#define ALIAS_FIELD	      "nxalias"
#define ALIAS_MIN_LETTERS     2
#define ALIAS_MAX_QUERY_WORDS 12
#define ALIAS_EXACT_BONUS     1.0 /* see the top of the file */
/* Share of an acronym's (and a long form's) definitions a pairing needs. */
#define ALIAS_MIN_SHARE_NUM 1
#define ALIAS_MIN_SHARE_DEN 5

/* ------------------------------------------------------------------ */
/* Indexing */

/* Add the XAL terms of text's definitions to doc.  Sticky on rc. */
int nx_alias_index(struct xc_doc *doc, int rc, const char *text)
{
	char **pairs = NULL;
	size_t n = 0, i;
	newsidx_status st;

	if (rc != XC_OK || nx_str_empty(text))
		return rc;
	st = nx_acronyms_find(text, &pairs, &n);
	for (i = 0; i < n; i++) {
		char *term = nx_asprintf(ALIAS_PREFIX "%s", pairs[i]);

		if (!term)
			st = NEWSIDX_NOMEM;
		else if (rc == XC_OK)
			rc = xc_doc_add_boolean_term(doc, term);
		free(term);
	}
	nx_acronyms_free(pairs, n);
	return st != NEWSIDX_OK && rc == XC_OK ? XC_NOMEM : rc;
}

/* ------------------------------------------------------------------ */
/* Weighing the evidence */

typedef struct alias_table {
	newsidx_alias *items;
	size_t n, cap;
	int nomem;
} alias_table;

static newsidx_alias *table_add(alias_table *t, const char *name, size_t len,
				const char *alias, unsigned articles)
{
	newsidx_alias *a;

	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16;
		newsidx_alias *items = realloc(t->items, cap * sizeof *items);

		if (!items) {
			t->nomem = 1;
			return NULL;
		}
		t->items = items;
		t->cap = cap;
	}
	a = &t->items[t->n];
	memset(a, 0, sizeof *a);
	a->name = nx_strndup(name, len);
	a->alias = nx_strdup(alias);
	a->articles = articles;
	if (!a->name || !a->alias) {
		free((char *)a->name);
		free((char *)a->alias);
		t->nomem = 1;
		return NULL;
	}
	t->n++;
	return a;
}

static int take_evidence(void *ctx, const char *term, size_t len,
			 unsigned termfreq)
{
	alias_table *t = ctx;
	const char *colon;
	char *pair = nx_strndup(term + strlen(ALIAS_PREFIX),
				len - strlen(ALIAS_PREFIX));

	if (!pair) {
		t->nomem = 1;
		return 1;
	}
	colon = strchr(pair, ':');
	if (colon && colon > pair && colon[1])
		table_add(t, pair, (size_t)(colon - pair), colon + 1, termfreq);
	free(pair);
	return t->nomem;
}

static int cmp_pair(const void *a, const void *b)
{
	const newsidx_alias *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : strcmp(x->alias, y->alias);
}

static void table_free(alias_table *t)
{
	newsidx_aliases_free(t->items, t->n);
	memset(t, 0, sizeof *t);
}

/* Believe or not each learned pairing (see the top of the file). */
static void weigh(alias_table *t)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		unsigned by_name = 0, by_alias = 0;
		newsidx_alias *a = &t->items[i];

		if (a->from_file) {
			a->accepted = 1;
			continue;
		}
		for (j = 0; j < t->n; j++) {
			if (t->items[j].from_file)
				continue;
			if (!strcmp(t->items[j].name, a->name))
				by_name += t->items[j].articles;
			if (!strcmp(t->items[j].alias, a->alias))
				by_alias += t->items[j].articles;
		}
		a->accepted = a->articles * ALIAS_MIN_SHARE_DEN >=
				      by_name * ALIAS_MIN_SHARE_NUM &&
			      a->articles * ALIAS_MIN_SHARE_DEN >=
				      by_alias * ALIAS_MIN_SHARE_NUM;
	}
}

/* The user's pairs, stored as lines "name\x1falias". */
static newsidx_status add_user_pairs(alias_table *t, const char *stored)
{
	const char *line = stored;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *sep = memchr(line, NX_FACET_SEP, len);

		if (sep) {
			char *alias = nx_strndup(
				sep + 1, len - (size_t)(sep - line) - 1);
			newsidx_alias *a =
				alias ? table_add(t, line, (size_t)(sep - line),
						  alias, 0)
				      : NULL;

			free(alias);
			if (!a)
				return NEWSIDX_NOMEM;
			a->from_file = 1;
		}
		line = end ? end + 1 : NULL;
	}
	return NEWSIDX_OK;
}

/* Every pairing of the database: learned (summed over shards) and the
 * user's, weighed, sorted. */
static newsidx_status load_table(newsidx_db *db, alias_table *t)
{
	xc_status xrc = XC_OK;
	char *user = NULL;
	unsigned k, n = db->shards ? db->n_shards : 1;
	size_t i, out;
	newsidx_status rc;

	memset(t, 0, sizeof *t);
	for (k = 0; k < n && xrc == XC_OK && !t->nomem; k++)
		xrc = xc_db_allterms(db->shards ? db->shards[k] : db->xdb,
				     ALIAS_PREFIX, take_evidence, t);
	if (xrc != XC_OK) {
		table_free(t);
		return nx_db_fail(db, nx_status_from_xc(xrc),
				  "%s: reading aliases: %s", db->path,
				  xc_last_error());
	}
	if (t->nomem) {
		table_free(t);
		return NEWSIDX_NOMEM;
	}
	/* Shards hold the same pairing separately: add them up. */
	if (t->n)
		qsort(t->items, t->n, sizeof *t->items, cmp_pair);
	for (i = 0, out = 0; i < t->n; i++) {
		if (out && !cmp_pair(&t->items[out - 1], &t->items[i])) {
			t->items[out - 1].articles += t->items[i].articles;
			free((char *)t->items[i].name);
			free((char *)t->items[i].alias);
			continue;
		}
		t->items[out++] = t->items[i];
	}
	t->n = out;
	xrc = xc_db_get_metadata(db->xdb, ALIAS_USER_KEY, &user);
	if (xrc != XC_OK) {
		table_free(t);
		return nx_db_fail(db, nx_status_from_xc(xrc),
				  "%s: reading aliases: %s", db->path,
				  xc_last_error());
	}
	rc = add_user_pairs(t, user);
	free(user);
	if (rc != NEWSIDX_OK) {
		table_free(t);
		return rc;
	}
	weigh(t);
	if (t->n)
		qsort(t->items, t->n, sizeof *t->items, cmp_pair);
	return NEWSIDX_OK;
}

NX_EXPORT newsidx_status newsidx_db_aliases(newsidx_db *db, newsidx_alias **out,
					    size_t *n)
{
	alias_table t;
	newsidx_status rc;

	*out = NULL;
	*n = 0;
	rc = load_table(db, &t);
	if (rc != NEWSIDX_OK)
		return rc;
	*out = t.items;
	*n = t.n;
	return NEWSIDX_OK;
}

NX_EXPORT void newsidx_aliases_free(newsidx_alias *aliases, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free((char *)aliases[i].name);
		free((char *)aliases[i].alias);
	}
	free(aliases);
}

/* ------------------------------------------------------------------ */
/* The user's alias file */

/* Parse an alias file: lines "NAME = NAME [= NAME ...]", '#' comments.
 * *stored gets the pairs as "name\x1falias" lines, both ways. */
newsidx_status nx_alias_parse_file(const char *path, char **stored,
				   char **errmsg)
{
	FILE *f = fopen(path, "r");
	nx_buf out = { 0 };
	char *line = NULL;
	size_t cap = 0;
	long line_no = 0;
	newsidx_status rc = NEWSIDX_OK;

	*stored = NULL;
	*errmsg = NULL;
	if (!f) {
		*errmsg = nx_asprintf("%s: %s", path, strerror(errno));
		return NEWSIDX_IO;
	}
	while (rc == NEWSIDX_OK && getline(&line, &cap, f) >= 0) {
		char *names[16], *p, *hash;
		size_t n = 0, i, j;

		line_no++;
		hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		if (!nx_text_valid_utf8(line, strlen(line))) {
			*errmsg = nx_asprintf("%s:%ld: not valid UTF-8", path,
					      line_no);
			rc = NEWSIDX_BAD_INPUT;
			break;
		}
		if (!nx_trim(line)[0])
			continue;
		for (p = line; p && n < 16;) {
			char *eq = strchr(p, '=');

			if (eq)
				*eq = '\0';
			names[n] = nx_alias_normalise(p, strlen(p));
			if (!names[n]) {
				rc = NEWSIDX_NOMEM;
				break;
			}
			n++;
			p = eq ? eq + 1 : NULL;
		}
		for (i = 0; rc == NEWSIDX_OK && i < n; i++)
			if (!names[i][0] ||
			    strlen(names[i]) > NX_ALIAS_MAX_LONG)
				break;
		if (rc == NEWSIDX_OK && (n < 2 || i < n)) {
			*errmsg = nx_asprintf(
				"%s:%ld: expected 'NAME = NAME' (names of "
				"letters or digits, at most %d bytes)",
				path, line_no, NX_ALIAS_MAX_LONG);
			rc = NEWSIDX_BAD_INPUT;
		}
		for (i = 0; rc == NEWSIDX_OK && i < n; i++)
			for (j = 0; j < n; j++)
				if (i != j && strcmp(names[i], names[j]))
					nx_buf_printf(&out, "%s%c%s\n",
						      names[i], NX_FACET_SEP,
						      names[j]);
		for (i = 0; i < n; i++)
			free(names[i]);
	}
	if (rc == NEWSIDX_OK && ferror(f)) {
		*errmsg = nx_asprintf("%s: %s", path, strerror(errno));
		rc = NEWSIDX_IO;
	}
	fclose(f);
	free(line);
	if (rc != NEWSIDX_OK) {
		nx_buf_free(&out);
		return rc;
	}
	*stored = nx_buf_steal(&out);
	return *stored ? NEWSIDX_OK : NEWSIDX_NOMEM;
}

/* ------------------------------------------------------------------ */
/* The synonym table */

static int take_key(void *ctx, const char *key)
{
	return nx_strs_add(ctx, key, strlen(key));
}

newsidx_status nx_alias_finish(newsidx_db *db, const char *user_pairs)
{
	xc_db *meta = db->shards ? db->shards[0] : db->xdb;
	nx_strs old = { 0 };
	alias_table t;
	newsidx_status rc = NEWSIDX_OK;
	xc_status xrc = XC_OK;
	size_t i;

	if (user_pairs)
		xrc = xc_db_set_metadata(meta, ALIAS_USER_KEY, user_pairs);
	if (xrc == XC_OK)
		xrc = xc_db_synonym_keys(meta, "", take_key, &old);
	if (xrc == XC_OK && old.nomem)
		xrc = XC_NOMEM;
	for (i = 0; xrc == XC_OK && i < old.n; i++)
		xrc = xc_db_clear_synonyms(meta, old.items[i]);
	nx_strs_free(&old);
	if (xrc != XC_OK)
		return nx_db_fail(db, nx_status_from_xc(xrc),
				  "%s: writing aliases: %s", db->path,
				  xc_last_error());
	rc = load_table(db, &t);
	for (i = 0; rc == NEWSIDX_OK && xrc == XC_OK && i < t.n; i++) {
		if (!t.items[i].accepted)
			continue;
		xrc = xc_db_add_synonym(meta, t.items[i].name,
					t.items[i].alias);
		if (xrc == XC_OK && !t.items[i].from_file)
			xrc = xc_db_add_synonym(meta, t.items[i].alias,
						t.items[i].name);
	}
	table_free(&t);
	if (rc == NEWSIDX_OK && xrc != XC_OK)
		rc = nx_db_fail(db, nx_status_from_xc(xrc),
				"%s: writing aliases: %s", db->path,
				xc_last_error());
	return rc;
}

/* ------------------------------------------------------------------ */
/* Query time */

typedef struct alias_use {
	char *key;	 /* normalised, a key of the synonym table */
	char **synonyms; /* its synonyms */
	size_t n_synonyms;
	xc_query *query; /* the expansion, once parsed */
} alias_use;

struct nx_alias_query {
	newsidx_db *db;
	/* Xapian's remote backend serves no synonym table: then the
	 * pairings are weighed here from the evidence terms, as
	 * nx_alias_finish() weighs them. */
	alias_table table;
	int table_state; /* 0 not needed yet, 1 loaded, -1 failed */
	alias_use *uses;
	size_t n_uses;
	char *user; /* the user's pairs, loaded when needed */
	int user_loaded;
	int nomem;
};

static int take_synonym(void *ctx, const char *synonym)
{
	return nx_strs_add(ctx, synonym, strlen(synonym));
}

/* A word of the query: its bytes, and what it is next to. */
typedef struct qword {
	size_t start, end;
	int in_quotes; /* inside a quoted phrase */
	int plain;     /* a search word: not a field, operator or value */
} qword;

static int is_word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

static int is_operator(const char *s, size_t len)
{
	static const char *const ops[] = { "AND", "OR",	  "NOT",
					   "XOR", "NEAR", "ADJ" };
	size_t i;

	for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strlen(ops[i]) == len && !memcmp(ops[i], s, len))
			return 1;
	return 0;
}

/* Whether the user's alias file has key. */
static int user_key(struct nx_alias_query *aq, const char *key)
{
	const char *line;
	size_t len = strlen(key);

	if (!aq->user_loaded) {
		aq->user_loaded = 1;
		if (xc_db_get_metadata(aq->db->xdb, ALIAS_USER_KEY,
				       &aq->user) != XC_OK)
			aq->user = NULL;
	}
	for (line = aq->user; line && *line;) {
		const char *end = strchr(line, '\n');

		if (!strncmp(line, key, len) && line[len] == NX_FACET_SEP)
			return 1;
		line = end ? end + 1 : NULL;
	}
	return 0;
}

/* The synonyms of key from the weighed evidence (remote databases). */
static xc_status table_synonyms(struct nx_alias_query *aq, const char *key,
				nx_strs *out)
{
	size_t i;

	if (aq->table_state == 0) {
		newsidx_status rc = load_table(aq->db, &aq->table);

		if (rc == NEWSIDX_NOMEM)
			return XC_NOMEM;
		aq->table_state = rc == NEWSIDX_OK ? 1 : -1;
	}
	for (i = 0; aq->table_state == 1 && i < aq->table.n; i++) {
		const newsidx_alias *a = &aq->table.items[i];

		if (!a->accepted)
			continue;
		if (!strcmp(a->name, key))
			take_synonym(out, a->alias);
		else if (!a->from_file && !strcmp(a->alias, key))
			take_synonym(out, a->name);
	}
	return out->nomem ? XC_NOMEM : XC_OK;
}

/* Whether s[0..len) has letters, all capitals. */
static int all_capitals(const char *s, size_t len)
{
	size_t i, letters = 0;

	for (i = 0; i < len; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return 0;
		if (s[i] >= 'A' && s[i] <= 'Z')
			letters++;
	}
	return letters >= ALIAS_MIN_LETTERS;
}

/* The synonyms of the query's words w[0..n) taken as one name, when they
 * are a key: *out filled (empty when not). */
static newsidx_status lookup(struct nx_alias_query *aq, const char *q,
			     const qword *w, size_t n, char **key_out,
			     nx_strs *out)
{
	char *key;
	xc_status xrc;

	*key_out = NULL;
	memset(out, 0, sizeof *out);
	key = nx_alias_normalise(q + w[0].start, w[n - 1].end - w[0].start);
	if (!key)
		return NEWSIDX_NOMEM;
	xrc = aq->table_state || aq->db->has_remote
		      ? XC_ERROR
		      : xc_db_synonyms(aq->db->xdb, key, take_synonym, out);
	if (xrc == XC_OK && out->nomem)
		xrc = XC_NOMEM;
	if (xrc != XC_OK && xrc != XC_NOMEM) {
		nx_strs_free(out);
		xrc = table_synonyms(aq, key, out);
	}
	if (xrc != XC_OK) {
		free(key);
		nx_strs_free(out);
		return NEWSIDX_NOMEM;
	}
	/* One word is an acronym only typed in capitals ("who" is a word). */
	if (out->n && n == 1 &&
	    !all_capitals(q + w[0].start, w[0].end - w[0].start) &&
	    !user_key(aq, key))
		nx_strs_free(out);
	if (!out->n) {
		free(key);
		return NEWSIDX_OK;
	}
	*key_out = key;
	return NEWSIDX_OK;
}

/* Split the query into words and mark the plain ones. */
static newsidx_status query_words(const char *q, qword **out, size_t *n_out)
{
	size_t len = strlen(q), i = 0, n = 0, cap = 0;
	qword *w = NULL;
	int quotes = 0;

	*out = NULL;
	*n_out = 0;
	while (i < len) {
		size_t start;

		if (q[i] == '"') {
			quotes = !quotes;
			i++;
			continue;
		}
		if (!is_word_byte((unsigned char)q[i])) {
			i++;
			continue;
		}
		start = i;
		while (i < len && is_word_byte((unsigned char)q[i]))
			i++;
		if (n == cap) {
			qword *more;

			cap = cap ? 2 * cap : 16;
			more = realloc(w, cap * sizeof *w);
			if (!more) {
				free(w);
				return NEWSIDX_NOMEM;
			}
			w = more;
		}
		w[n].start = start;
		w[n].end = i;
		w[n].in_quotes = quotes;
		/* Not a field name, a field's value, an operator, or part
		 * of a range or a wildcard. */
		w[n].plain = !(i < len &&
			       (q[i] == ':' || q[i] == '*' || q[i] == '.')) &&
			     !(start > 0 &&
			       (q[start - 1] == ':' || q[start - 1] == '.')) &&
			     !is_operator(q + start, i - start);
		n++;
	}
	*out = w;
	*n_out = n;
	return NEWSIDX_OK;
}

/* Whether the words w[0..n) can be replaced as one name: only spaces and
 * hyphens between them, and a boundary on each side. */
static int replaceable(const char *q, const qword *w, size_t n)
{
	size_t i, k;
	char before = w[0].start ? q[w[0].start - 1] : ' ';
	char after = q[w[n - 1].end] ? q[w[n - 1].end] : ' ';

	for (i = 0; i < n; i++)
		if (!w[i].plain || w[i].in_quotes != w[0].in_quotes)
			return 0;
	for (i = 0; i + 1 < n; i++)
		for (k = w[i].end; k < w[i + 1].start; k++)
			if (q[k] != ' ' && q[k] != '-')
				return 0;
	if (w[0].in_quotes)
		/* Only a whole quoted phrase. */
		return before == '"' && after == '"';
	if (before == '-' && w[0].start >= 2 && q[w[0].start - 2] != ' ')
		return 0;
	return strchr(" (+-", before) && strchr(" )", after);
}

newsidx_status nx_alias_rewrite(newsidx_db *db, const char *q,
				nx_alias_query **aq_out, char **out)
{
	struct nx_alias_query *aq;
	qword *w = NULL;
	size_t n = 0, i, copied = 0;
	nx_buf b = { 0 };
	newsidx_status rc;

	*aq_out = NULL;
	*out = NULL;
	aq = calloc(1, sizeof *aq);
	if (!aq)
		return NEWSIDX_NOMEM;
	aq->db = db;
	rc = query_words(q, &w, &n);
	for (i = 0; rc == NEWSIDX_OK && i < n;) {
		size_t len = n - i < ALIAS_MAX_QUERY_WORDS
				     ? n - i
				     : ALIAS_MAX_QUERY_WORDS;
		int matched = 0;

		for (; len > 0 && !matched && rc == NEWSIDX_OK; len--) {
			nx_strs syn;
			char *key = NULL;
			alias_use *uses;
			size_t start, end;

			if (!replaceable(q, w + i, len))
				continue;
			rc = lookup(aq, q, w + i, len, &key, &syn);
			if (rc != NEWSIDX_OK || !key)
				continue;
			uses = realloc(aq->uses,
				       (aq->n_uses + 1) * sizeof *uses);
			if (!uses) {
				free(key);
				nx_strs_free(&syn);
				rc = NEWSIDX_NOMEM;
				break;
			}
			aq->uses = uses;
			uses[aq->n_uses].key = key;
			uses[aq->n_uses].synonyms = syn.items;
			uses[aq->n_uses].n_synonyms = syn.n;
			uses[aq->n_uses].query = NULL;
			start = w[i].start;
			end = w[i + len - 1].end;
			if (w[i].in_quotes) {
				start--;
				end++;
			}
			nx_buf_append(&b, q + copied, start - copied);
			nx_buf_printf(&b, "%s:k%zu", ALIAS_FIELD, aq->n_uses++);
			copied = end;
			i += len;
			matched = 1;
		}
		if (!matched)
			i++;
	}
	free(w);
	if (rc == NEWSIDX_OK && nx_buf_puts(&b, q + copied) != NEWSIDX_OK)
		rc = NEWSIDX_NOMEM;
	if (rc != NEWSIDX_OK) {
		nx_buf_free(&b);
		nx_alias_query_free(aq);
		return rc;
	}
	*out = nx_buf_steal(&b);
	if (!*out) {
		nx_alias_query_free(aq);
		return NEWSIDX_NOMEM;
	}
	*aq_out = aq;
	return NEWSIDX_OK;
}

/* The query for a name: its one word, or the phrase of its words. */
static xc_status name_query(const char *name, xc_query **out)
{
	xc_query *words[NX_ALIAS_MAX_LONG / 2 + 1];
	size_t n = 0, i;
	const char *p = name;
	xc_status xrc = XC_OK;

	*out = NULL;
	while (*p && xrc == XC_OK && n < sizeof words / sizeof words[0]) {
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *word = nx_strndup(p, len);

		xrc = word ? xc_query_new_term(word, 1, (unsigned)n + 1,
					       &words[n])
			   : XC_NOMEM;
		free(word);
		if (xrc == XC_OK)
			n++;
		p = end ? end + 1 : p + len;
	}
	if (xrc == XC_OK && n == 1) {
		*out = words[0];
		return XC_OK;
	}
	if (xrc == XC_OK)
		xrc = xc_query_new_combined(XC_OP_PHRASE, words, n, 0, out);
	for (i = 0; i < n; i++)
		xc_query_destroy(words[i]);
	return xrc;
}

static xc_status expand_field(void *ctx, const char *text, xc_query **out)
{
	struct nx_alias_query *aq = ctx;
	xc_query **names, *syn = NULL, *bonus = NULL, *pair[2];
	const alias_use *use;
	size_t i, idx, made = 0;
	xc_status xrc = XC_OK;
	char *end;

	*out = NULL;
	if ((text[0] != 'k' && text[0] != 'K') ||
	    !isdigit((unsigned char)text[1]))
		return XC_QUERY_SYNTAX;
	idx = strtoul(text + 1, &end, 10);
	if (*end || idx >= aq->n_uses)
		return XC_QUERY_SYNTAX;
	use = &aq->uses[idx];
	names = calloc(use->n_synonyms + 1, sizeof *names);
	if (!names)
		return XC_NOMEM;
	xrc = name_query(use->key, &names[0]);
	made = xrc == XC_OK;
	for (i = 0; xrc == XC_OK && i < use->n_synonyms; i++) {
		xrc = name_query(use->synonyms[i], &names[i + 1]);
		made += xrc == XC_OK;
	}
	if (xrc == XC_OK)
		xrc = xc_query_new_combined(XC_OP_SYNONYM, names, made, 0,
					    &syn);
	if (xrc == XC_OK)
		xrc = xc_query_new_scaled(names[0], ALIAS_EXACT_BONUS, &bonus);
	if (xrc == XC_OK) {
		pair[0] = syn;
		pair[1] = bonus;
		xrc = xc_query_new_combined(XC_OP_OR, pair, 2, 0, out);
	}
	/* A copy for --explain. */
	if (xrc == XC_OK && !aq->uses[idx].query)
		xrc = xc_query_new_combined(XC_OP_OR, out, 1, 0,
					    &aq->uses[idx].query);
	for (i = 0; i < made; i++)
		xc_query_destroy(names[i]);
	free(names);
	xc_query_destroy(syn);
	xc_query_destroy(bonus);
	return xrc;
}

int nx_alias_attach(nx_alias_query *aq, struct xc_qparser *qp)
{
	return xc_qparser_add_field_proc(qp, ALIAS_FIELD, expand_field, aq);
}

size_t nx_alias_query_size(const nx_alias_query *aq)
{
	return aq ? aq->n_uses : 0;
}

const char *nx_alias_query_key(const nx_alias_query *aq, size_t i,
			       const char *const **synonyms, size_t *n,
			       const struct xc_query **query)
{
	*synonyms = (const char *const *)aq->uses[i].synonyms;
	*n = aq->uses[i].n_synonyms;
	*query = aq->uses[i].query;
	return aq->uses[i].key;
}

void nx_alias_query_free(nx_alias_query *aq)
{
	size_t i, k;

	if (!aq)
		return;
	for (i = 0; i < aq->n_uses; i++) {
		free(aq->uses[i].key);
		for (k = 0; k < aq->uses[i].n_synonyms; k++)
			free(aq->uses[i].synonyms[k]);
		free(aq->uses[i].synonyms);
		xc_query_destroy(aq->uses[i].query);
	}
	free(aq->uses);
	free(aq->user);
	table_free(&aq->table);
	free(aq);
}
