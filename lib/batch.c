/* batch.c: indexing whole archives, incrementally and safely.
 *
 * A run walks the paths into a sorted list of files, compares each with
 * the state recorded for it in the database, and indexes what is new or
 * changed:
 *
 *  - File state: user metadata "nx.file:" + path (hashed when long) =
 *    "size mtime_ns hash64 n_articles path".  A file whose size and mtime
 *    match is unchanged; if they differ but its content hash matches, it is
 *    unchanged too (the state is refreshed).  The state is written in the
 *    same commit as the file's articles, so after a crash the next run
 *    redoes exactly the files whose articles were not committed; articles
 *    are replaced by id, so nothing is duplicated.
 *  - Writers work inside a transaction (db.c): what is not committed is
 *    discarded.  A commit happens whenever the text written since the last
 *    one passes a quarter of the memory budget, which bounds what Xapian
 *    buffers whatever the size of the archive.
 *  - A new (empty) database with several jobs is built by that many worker
 *    threads, each with its own stemmer and its own shard database under
 *    DB.tmp/, on a contiguous run of the sorted files balanced by size; the
 *    shards are then merged in order by Xapian's compaction into DB.new,
 *    which replaces DB.  Contiguous runs merged in order give the same
 *    document ids as one writer would, so results do not depend on -j.
 *    Updates to an existing database go through one writer.
 *  - A crash between the two renames of the swap leaves DB.new and no DB:
 *    the next run (or query after it) finds DB restored by the next run.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "newsidx-private.h"
#include "xapian-c.h"

#define STATE_PREFIX	  "nx.file:"
#define DEFAULT_MEMORY_MB 256
/* A new database of at least this much input is built without fsync and
 * compacted at the end, even by one job: faster, and smaller. */
#define FRESH_BUILD_MIN (1024ULL * 1024)

typedef struct file_ent {
	char *path; /* real path */
	unsigned long long size;
	long long mtime_ns;
	int known; /* the database has a state for it */
	int work;  /* to index */
} file_ent;

typedef struct batch batch;

/* One writer: the main database, or a worker's shard. */
typedef struct writer {
	batch *b;
	newsidx_db *db;
	file_ent *files;
	size_t n_files;
	unsigned long long since_commit;
	unsigned long long commit_every;
	newsidx_status rc;
	pthread_t thread;
	char *shard_path;
} writer;

struct batch {
	const newsidx_index_opts *opts;
	newsidx_index_stats *stats;
	const char *db_path;
	pthread_mutex_t lock;
	int stop;   /* strict failure or fatal error: all stop */
	nx_buf err; /* the fatal error */
	file_ent *files;
	size_t n_files, cap_files;
	unsigned long files_done;
	unsigned long long bytes_done, bytes_total;
	unsigned long n_work;
	struct dir_id {
		dev_t dev;
		ino_t ino;
	} * stack;
	size_t depth, stack_cap;
	double t0;
	char *user_pairs;	   /* the alias file's, read before indexing */
	unsigned long long budget; /* memory, bytes */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void event(batch *b, newsidx_event ev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void event(batch *b, newsidx_event ev, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = nx_vasprintf(fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&b->lock);
	if (ev == NEWSIDX_EVENT_SKIPPED) {
		b->stats->skipped++;
		if (b->opts->strict)
			b->stop = 1;
	}
	if (b->opts->on_event)
		b->opts->on_event(b->opts->ctx, ev,
				  msg ? msg : "out of memory");
	pthread_mutex_unlock(&b->lock);
	free(msg);
}

/* A fatal error: the run stops and commits nothing more. */
static newsidx_status fatal(batch *b, newsidx_status rc, const char *msg)
{
	pthread_mutex_lock(&b->lock);
	if (!b->err.len)
		nx_buf_puts(&b->err, msg);
	b->stop = 1;
	pthread_mutex_unlock(&b->lock);
	return rc;
}

static int stopped(batch *b)
{
	int stop;

	pthread_mutex_lock(&b->lock);
	stop = b->stop;
	pthread_mutex_unlock(&b->lock);
	return stop;
}

/* ------------------------------------------------------------------ */
/* Walking the paths */

static int known_extension(const char *name)
{
	return nx_format_from_name(name) != NEWSIDX_FORMAT_AUTO;
}

static int matches_any(const char *const *patterns, const char *name)
{
	for (; patterns && *patterns; patterns++)
		if (fnmatch(*patterns, name, 0) == 0)
			return 1;
	return 0;
}

/* Whether a file met in a directory walk is to be read. */
static int wanted_in_dir(const batch *b, const char *path)
{
	const char *name = strrchr(path, '/');

	name = name ? name + 1 : path;
	if (matches_any(b->opts->exclude, name))
		return 0;
	if (b->opts->include && b->opts->include[0])
		return matches_any(b->opts->include, name);
	/* Archives ship their documentation beside the articles. */
	if (!strncasecmp(name, "README", 6) ||
	    !strncasecmp(name, "LICENSE", 7) ||
	    !strncasecmp(name, "COPYING", 7))
		return 0;
	return known_extension(name);
}

static void add_file(batch *b, const char *path, const struct stat *st)
{
	char real[PATH_MAX];
	file_ent *f;

	if (!realpath(path, real)) {
		event(b, NEWSIDX_EVENT_SKIPPED, "%s: %s", path,
		      strerror(errno));
		return;
	}
	if (b->n_files == b->cap_files) {
		size_t cap = b->cap_files ? b->cap_files * 2 : 256;
		file_ent *grown = realloc(b->files, cap * sizeof *grown);

		if (!grown) {
			fatal(b, NEWSIDX_NOMEM, "out of memory");
			return;
		}
		b->files = grown;
		b->cap_files = cap;
	}
	f = &b->files[b->n_files];
	memset(f, 0, sizeof *f);
	f->path = strdup(real);
	if (!f->path) {
		fatal(b, NEWSIDX_NOMEM, "out of memory");
		return;
	}
	f->size = (unsigned long long)st->st_size;
	f->mtime_ns = (long long)st->st_mtim.tv_sec * 1000000000LL +
		      st->st_mtim.tv_nsec;
	b->n_files++;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(batch *b, const char *path, int named);

static void walk_dir(batch *b, const char *path, const struct stat *st)
{
	DIR *dir;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	for (i = 0; i < b->depth; i++) {
		if (b->stack[i].dev == st->st_dev &&
		    b->stack[i].ino == st->st_ino) {
			event(b, NEWSIDX_EVENT_SKIPPED,
			      "%s: directory loop (a symbolic link back to an "
			      "enclosing directory), skipped",
			      path);
			return;
		}
	}
	dir = opendir(path);
	if (!dir) {
		event(b, NEWSIDX_EVENT_SKIPPED, "%s: %s", path,
		      strerror(errno));
		return;
	}
	while ((e = readdir(dir))) {
		char **grown;

		if (e->d_name[0] == '.')
			continue; /* ., .., hidden files */
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			grown = realloc(names, cap * sizeof *names);
			if (!grown)
				break;
			names = grown;
		}
		if ((names[n] = strdup(e->d_name)))
			n++;
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	if (b->depth == b->stack_cap) {
		size_t new_cap = b->stack_cap ? b->stack_cap * 2 : 16;
		struct dir_id *grown =
			realloc(b->stack, new_cap * sizeof *grown);

		if (grown) {
			b->stack = grown;
			b->stack_cap = new_cap;
		}
	}
	if (b->depth < b->stack_cap) {
		b->stack[b->depth].dev = st->st_dev;
		b->stack[b->depth].ino = st->st_ino;
		b->depth++;
	}
	for (i = 0; i < n; i++) {
		char *child = NULL;
		size_t len = strlen(path);

		if (!b->stop && asprintf(&child, "%s%s%s", path,
					 len && path[len - 1] == '/' ? "" : "/",
					 names[i]) >= 0) {
			walk(b, child, 0);
			free(child);
		}
		free(names[i]);
	}
	free(names);
	if (b->depth)
		b->depth--;
}

static void walk(batch *b, const char *path, int named)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		struct stat lst;

		/* A dangling link in a tree is only worth a word if it would
		 * have been read. */
		if (!named && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) &&
		    !wanted_in_dir(b, path))
			return;
		event(b, NEWSIDX_EVENT_SKIPPED, "%s: %s", path,
		      strerror(errno));
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		walk_dir(b, path, &st);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		if (named)
			event(b, NEWSIDX_EVENT_SKIPPED,
			      "%s: not a regular file", path);
		return;
	}
	if (!named && !wanted_in_dir(b, path))
		return;
	add_file(b, path, &st);
}

static int cmp_files(const void *a, const void *b)
{
	return strcmp(((const file_ent *)a)->path, ((const file_ent *)b)->path);
}

/* ------------------------------------------------------------------ */
/* File states */

static char *state_key(const char *path)
{
	return nx_db_key_term(STATE_PREFIX, path);
}

typedef struct file_state {
	unsigned long long size;
	long long mtime_ns;
	unsigned long long hash;
	unsigned long n_articles;
	char path[PATH_MAX];
} file_state;

static int parse_state(const char *value, file_state *st)
{
	int used = 0;

	if (sscanf(value, "%llu %lld %llx %lu %n", &st->size, &st->mtime_ns,
		   &st->hash, &st->n_articles, &used) != 4 ||
	    !used)
		return 0;
	snprintf(st->path, sizeof st->path, "%s", value + used);
	return 1;
}

static newsidx_status get_state(newsidx_db *db, const char *path,
				file_state *st, int *found)
{
	char *key = state_key(path), *value = NULL;
	xc_status xrc;

	*found = 0;
	if (!key)
		return NEWSIDX_NOMEM;
	xrc = xc_db_get_metadata(db->xdb, key, &value);
	free(key);
	if (xrc != XC_OK)
		return nx_db_fail(db, nx_status_from_xc(xrc), "%s: %s",
				  db->path, xc_last_error());
	*found = value[0] && parse_state(value, st);
	free(value);
	return NEWSIDX_OK;
}

static newsidx_status set_state(newsidx_db *db, const file_state *st)
{
	char *key = state_key(st->path), *value;
	xc_status xrc;

	value = nx_asprintf("%llu %lld %016llx %lu %s", st->size, st->mtime_ns,
			    st->hash, st->n_articles, st->path);
	if (!key || !value) {
		free(key);
		free(value);
		return NEWSIDX_NOMEM;
	}
	xrc = xc_db_set_metadata(db->xdb, key, value);
	free(key);
	free(value);
	if (xrc != XC_OK)
		return nx_db_fail(db, nx_status_from_xc(xrc), "%s: %s",
				  db->path, xc_last_error());
	return NEWSIDX_OK;
}

static newsidx_status clear_state(newsidx_db *db, const char *path)
{
	char *key = state_key(path);
	xc_status xrc;

	if (!key)
		return NEWSIDX_NOMEM;
	xrc = xc_db_set_metadata(db->xdb, key, "");
	free(key);
	if (xrc != XC_OK)
		return nx_db_fail(db, nx_status_from_xc(xrc), "%s: %s",
				  db->path, xc_last_error());
	return NEWSIDX_OK;
}

/* FNV-1a of the file's bytes (as stored, compressed or not). */
static int hash_file(const char *path, unsigned long long *out)
{
	unsigned char buf[65536];
	uint64_t h = 14695981039346656037ULL;
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	while ((got = read(fd, buf, sizeof buf)) > 0) {
		ssize_t i;

		for (i = 0; i < got; i++) {
			h ^= buf[i];
			h *= 1099511628211ULL;
		}
	}
	close(fd);
	if (got < 0)
		return 0;
	*out = h;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Indexing one file into one writer */

static newsidx_status writer_commit(writer *w)
{
	newsidx_status rc = newsidx_db_commit(w->db);

	w->since_commit = 0;
	if (rc != NEWSIDX_OK)
		return fatal(w->b, rc, newsidx_db_error(w->db));
	return NEWSIDX_OK;
}

static void progress_add(batch *b, unsigned long files,
			 unsigned long long bytes, unsigned long articles)
{
	pthread_mutex_lock(&b->lock);
	b->files_done += files;
	b->bytes_done += bytes;
	b->stats->articles += articles;
	pthread_mutex_unlock(&b->lock);
}

static newsidx_status index_file(writer *w, file_ent *f)
{
	batch *b = w->b;
	const newsidx_index_opts *o = b->opts;
	newsidx_reader *reader = NULL;
	newsidx_article a;
	newsidx_status rc;
	file_state st;
	char *errmsg = NULL;
	unsigned long n = 0;

	memset(&st, 0, sizeof st);
	rc = newsidx_reader_open(f->path, o->format, o->field_map, &reader,
				 &errmsg);
	if (rc == NEWSIDX_NOMEM)
		return fatal(b, rc, "out of memory");
	if (rc != NEWSIDX_OK) {
		event(b, NEWSIDX_EVENT_SKIPPED, "%s",
		      errmsg ? errmsg : newsidx_status_str(rc));
		free(errmsg);
		progress_add(b, 1, f->size, 0);
		return NEWSIDX_OK;
	}
	if (o->on_event)
		event(b, NEWSIDX_EVENT_FILE, "%s (%s)", f->path,
		      newsidx_format_name(newsidx_reader_format(reader)));
	/* The file's articles are replaced as a whole, and its state goes
	 * with them: a commit in the middle of the file must leave it to be
	 * indexed again by the next run. */
	rc = newsidx_db_delete_file(w->db, f->path, NULL);
	if (rc == NEWSIDX_OK && f->known)
		rc = clear_state(w->db, f->path);
	if (rc != NEWSIDX_OK) {
		newsidx_reader_destroy(reader);
		return fatal(b, rc, newsidx_db_error(w->db));
	}
	memset(&a, 0, sizeof a);
	while (!stopped(b)) {
		rc = newsidx_reader_next(reader, &a);
		if (rc == NEWSIDX_DONE) {
			rc = NEWSIDX_OK;
			break;
		}
		if (rc == NEWSIDX_BAD_INPUT) {
			event(b, NEWSIDX_EVENT_SKIPPED, "%s",
			      newsidx_reader_message(reader));
			continue;
		}
		if (rc == NEWSIDX_IO) {
			event(b, NEWSIDX_EVENT_SKIPPED, "%s",
			      newsidx_reader_message(reader));
			rc = NEWSIDX_OK;
			break;
		}
		if (rc != NEWSIDX_OK) {
			rc = fatal(b, rc, "out of memory");
			break;
		}
		if (newsidx_reader_note(reader)[0]) {
			if (a.record > 0)
				event(b, NEWSIDX_EVENT_NOTE, "%s:%ld: %s",
				      f->path, a.record,
				      newsidx_reader_note(reader));
			else
				event(b, NEWSIDX_EVENT_NOTE, "%s: %s", f->path,
				      newsidx_reader_note(reader));
		}
		rc = newsidx_db_add_article(w->db, &a);
		if (rc == NEWSIDX_DONE) {
			/* --shard-of: another machine's article. */
			rc = NEWSIDX_OK;
		} else if (rc == NEWSIDX_BAD_INPUT) {
			event(b, NEWSIDX_EVENT_SKIPPED, "%s: %s", f->path,
			      newsidx_db_error(w->db));
		} else if (rc != NEWSIDX_OK) {
			rc = fatal(b, rc, newsidx_db_error(w->db));
			break;
		} else {
			n++;
			w->since_commit += (a.body ? strlen(a.body) : 0) +
					   (a.title ? strlen(a.title) : 0) +
					   256 + NX_DEDUP_INDEX_BYTES;
			if (w->since_commit >= w->commit_every &&
			    writer_commit(w) != NEWSIDX_OK) {
				rc = NEWSIDX_DB_ERROR;
				break;
			}
		}
		newsidx_article_clear(&a);
	}
	newsidx_article_clear(&a);
	newsidx_reader_destroy(reader);
	if (rc != NEWSIDX_OK || stopped(b)) {
		progress_add(b, 1, f->size, n);
		return rc;
	}
	st.size = f->size;
	st.mtime_ns = f->mtime_ns;
	st.n_articles = n;
	snprintf(st.path, sizeof st.path, "%s", f->path);
	if (!hash_file(f->path, &st.hash))
		st.hash = 0;
	rc = set_state(w->db, &st);
	progress_add(b, 1, f->size, n);
	if (rc != NEWSIDX_OK)
		return fatal(b, rc, newsidx_db_error(w->db));
	pthread_mutex_lock(&b->lock);
	b->stats->files++;
	if (f->known)
		b->stats->updated++;
	else
		b->stats->added++;
	pthread_mutex_unlock(&b->lock);
	return NEWSIDX_OK;
}

static void *writer_run(void *arg)
{
	writer *w = arg;
	size_t i;

	for (i = 0; i < w->n_files && !stopped(w->b); i++) {
		if (!w->files[i].work)
			continue;
		w->rc = index_file(w, &w->files[i]);
		if (w->rc != NEWSIDX_OK)
			break;
	}
	return NULL;
}

static void report_progress(batch *b)
{
	newsidx_progress p;

	if (!b->opts->on_progress)
		return;
	pthread_mutex_lock(&b->lock);
	p.files_done = b->files_done;
	p.files_total = b->n_work;
	p.articles = b->stats->articles;
	p.bytes_done = b->bytes_done;
	p.bytes_total = b->bytes_total;
	p.seconds = now() - b->t0;
	pthread_mutex_unlock(&b->lock);
	b->opts->on_progress(b->opts->ctx, &p);
}

/* ------------------------------------------------------------------ */
/* Whole runs */

static unsigned cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (unsigned)n : 1;
}

/* Decide what to index; prune what is gone.  Main writer, main thread. */
static newsidx_status classify(batch *b, newsidx_db *db)
{
	size_t i;
	newsidx_status rc;

	for (i = 0; i < b->n_files; i++) {
		file_ent *f = &b->files[i];
		file_state st;
		int found;

		rc = get_state(db, f->path, &st, &found);
		if (rc != NEWSIDX_OK)
			return rc;
		f->known = found;
		f->work = 1;
		if (found && !b->opts->force) {
			unsigned long long h;

			if (st.size == f->size && st.mtime_ns == f->mtime_ns) {
				f->work = 0;
			} else if (st.size == f->size &&
				   hash_file(f->path, &h) && h == st.hash) {
				/* Touched, not changed. */
				st.mtime_ns = f->mtime_ns;
				rc = set_state(db, &st);
				if (rc != NEWSIDX_OK)
					return rc;
				f->work = 0;
			}
		}
		if (!f->work) {
			b->stats->unchanged++;
		} else {
			b->n_work++;
			b->bytes_total += f->size;
		}
	}
	return NEWSIDX_OK;
}

typedef struct prune_ctx {
	newsidx_db *db;
	char **keys;
	size_t n, cap;
} prune_ctx;

static int collect_key(void *ctx, const char *key, size_t len)
{
	prune_ctx *p = ctx;

	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 256;
		char **grown = realloc(p->keys, cap * sizeof *grown);

		if (!grown)
			return 1;
		p->keys = grown;
		p->cap = cap;
	}
	if ((p->keys[p->n] = nx_strndup(key, len)))
		p->n++;
	return 0;
}

static newsidx_status prune(batch *b, newsidx_db *db)
{
	prune_ctx p;
	newsidx_status rc = NEWSIDX_OK;
	xc_status xrc;
	size_t i;

	memset(&p, 0, sizeof p);
	p.db = db;
	xrc = xc_db_metadata_keys(db->xdb, STATE_PREFIX, collect_key, &p);
	if (xrc != XC_OK)
		rc = nx_db_fail(db, nx_status_from_xc(xrc), "%s: %s", db->path,
				xc_last_error());
	for (i = 0; i < p.n; i++) {
		char *value = NULL;
		file_state st;
		struct stat sb;
		unsigned n_deleted = 0;

		if (rc == NEWSIDX_OK &&
		    xc_db_get_metadata(db->xdb, p.keys[i], &value) == XC_OK &&
		    parse_state(value, &st) && stat(st.path, &sb) != 0 &&
		    errno == ENOENT) {
			rc = newsidx_db_delete_file(db, st.path, &n_deleted);
			if (rc == NEWSIDX_OK &&
			    xc_db_set_metadata(db->xdb, p.keys[i], "") != XC_OK)
				rc = nx_db_fail(db, NEWSIDX_DB_ERROR, "%s: %s",
						db->path, xc_last_error());
			if (rc == NEWSIDX_OK) {
				b->stats->removed++;
				event(b, NEWSIDX_EVENT_NOTE,
				      "%s: gone, %u articles removed", st.path,
				      n_deleted);
			}
		}
		free(value);
		free(p.keys[i]);
	}
	free(p.keys);
	return rc;
}

/* The near-duplicate pass (dedup.c) over the n worker shards in dir, as
 * one sharded database: every article is new. */
static newsidx_status cluster_shards(batch *b, const char *dir, unsigned n)
{
	char *stub = nx_asprintf("%s/XAPIANDB", dir), *err = NULL;
	unsigned *none = calloc(n, sizeof *none), k;
	newsidx_db *db = NULL;
	newsidx_status rc = NEWSIDX_OK;
	FILE *f = stub ? fopen(stub, "w") : NULL;

	if (!stub || !none || !f) {
		if (f)
			fclose(f);
		free(stub);
		free(none);
		return fatal(b, f ? NEWSIDX_NOMEM : NEWSIDX_IO,
			     "cannot write the shards' stub file");
	}
	for (k = 0; k < n; k++)
		fprintf(f, "auto shard%u\n", k);
	if (fclose(f) != 0)
		rc = fatal(b, NEWSIDX_IO, "cannot write the shards' stub file");
	if (rc == NEWSIDX_OK)
		rc = newsidx_db_open(dir, NEWSIDX_DB_WRITE | NEWSIDX_DB_NO_SYNC,
				     b->opts->lang, &db, &err);
	if (rc != NEWSIDX_OK && !b->stop)
		fatal(b, rc, err ? err : newsidx_status_str(rc));
	if (rc == NEWSIDX_OK) {
		rc = nx_dedup_finish(db, none, b->budget, NULL);
		if (rc == NEWSIDX_OK)
			rc = newsidx_db_close(db);
		if (rc != NEWSIDX_OK)
			fatal(b, rc, newsidx_db_error(db));
	}
	newsidx_db_destroy(db);
	remove(stub);
	free(err);
	free(stub);
	free(none);
	return rc;
}

/* Build shards in parallel into DB.tmp/, merge them into DB.new. */
static newsidx_status build_parallel(batch *b, unsigned jobs,
				     unsigned long long budget)
{
	writer *ws = calloc(jobs, sizeof *ws);
	char *tmp = nx_asprintf("%s.tmp", b->db_path);
	char *fresh = nx_asprintf("%s.new", b->db_path);
	unsigned long long per = b->bytes_total / jobs + 1, acc = 0;
	size_t i, start = 0;
	unsigned k, started = 0;
	newsidx_status rc = NEWSIDX_OK;
	xc_db *multi = NULL;

	if (!ws || !tmp || !fresh) {
		free(ws);
		free(tmp);
		free(fresh);
		return fatal(b, NEWSIDX_NOMEM, "out of memory");
	}
	nx_fs_remove_tree(tmp);
	nx_fs_remove_tree(fresh);
	if (mkdir(tmp, 0777) != 0) {
		rc = fatal(b, NEWSIDX_DB_ERROR,
			   "cannot create shard directory");
		goto out;
	}
	/* Contiguous runs of the sorted files, balanced by size. */
	for (k = 0; k < jobs; k++) {
		ws[k].b = b;
		ws[k].files = b->files + start;
		for (i = start; i < b->n_files; i++) {
			if (k + 1 < jobs && acc >= per * (k + 1))
				break;
			if (b->files[i].work)
				acc += b->files[i].size;
		}
		ws[k].n_files = i - start;
		start = i;
		ws[k].commit_every = budget / 4 / jobs;
		ws[k].shard_path = nx_asprintf("%s/shard%u", tmp, k);
	}
	ws[jobs - 1].n_files += b->n_files - start;
	for (k = 0; k < jobs && rc == NEWSIDX_OK; k++) {
		char *err = NULL;

		if (!ws[k].shard_path) {
			rc = fatal(b, NEWSIDX_NOMEM, "out of memory");
			break;
		}
		rc = newsidx_db_open(ws[k].shard_path,
				     NEWSIDX_DB_WRITE | NEWSIDX_DB_OVERWRITE |
					     NEWSIDX_DB_NO_SYNC,
				     b->opts->lang, &ws[k].db, &err);
		if (rc == NEWSIDX_OK && b->opts->shard_of_m)
			rc = newsidx_db_set_shard_filter(ws[k].db,
							 b->opts->shard_of_n,
							 b->opts->shard_of_m);
		if (rc != NEWSIDX_OK)
			fatal(b, rc, err ? err : "cannot create a shard");
		free(err);
	}
	for (k = 0; k < jobs && rc == NEWSIDX_OK; k++) {
		if (pthread_create(&ws[k].thread, NULL, writer_run, &ws[k])) {
			rc = fatal(b, NEWSIDX_NOMEM, "cannot start a thread");
			break;
		}
		started++;
	}
	/* Progress from here while the workers run. */
	for (;;) {
		struct timespec ts = { 0, 200 * 1000000L };
		int done;

		pthread_mutex_lock(&b->lock);
		done = b->files_done >= b->n_work || b->stop;
		pthread_mutex_unlock(&b->lock);
		report_progress(b);
		if (done || started < jobs)
			break;
		nanosleep(&ts, NULL);
	}
	for (k = 0; k < started; k++)
		pthread_join(ws[k].thread, NULL);
	for (k = 0; k < jobs && rc == NEWSIDX_OK; k++)
		if (ws[k].rc != NEWSIDX_OK)
			rc = ws[k].rc;
	if (rc == NEWSIDX_OK && stopped(b))
		rc = NEWSIDX_BAD_INPUT;
	for (k = 0; k < jobs; k++) {
		if (ws[k].db && rc == NEWSIDX_OK &&
		    newsidx_db_close(ws[k].db) != NEWSIDX_OK)
			rc = fatal(b, NEWSIDX_DB_ERROR,
				   newsidx_db_error(ws[k].db));
		newsidx_db_destroy(ws[k].db);
		ws[k].db = NULL;
	}
	/* Near-duplicate clusters over the workers' shards, before the
	 * compaction, so that what the pass writes is compacted too. */
	if (rc == NEWSIDX_OK)
		rc = cluster_shards(b, tmp, jobs);
	/* Merge in order: the same document ids as one writer. */
	for (k = 0; k < jobs && rc == NEWSIDX_OK; k++) {
		xc_db *shard = NULL;
		xc_status xrc = xc_db_open(ws[k].shard_path, &shard);

		if (xrc == XC_OK && !multi)
			multi = shard;
		else if (xrc == XC_OK) {
			xrc = xc_db_add_database(multi, shard);
			xc_db_destroy(shard);
		}
		if (xrc != XC_OK)
			rc = fatal(b, nx_status_from_xc(xrc), xc_last_error());
	}
	if (rc == NEWSIDX_OK) {
		xc_status xrc = xc_db_compact(multi, fresh);

		if (xrc != XC_OK)
			rc = fatal(b, nx_status_from_xc(xrc), xc_last_error());
	}
	xc_db_destroy(multi);
out:
	for (k = 0; k < jobs; k++)
		free(ws[k].shard_path);
	free(ws);
	nx_fs_remove_tree(tmp);
	if (rc != NEWSIDX_OK)
		nx_fs_remove_tree(fresh);
	free(tmp);
	free(fresh);
	return rc;
}

/* --shards N: a new (or overwritten) database is made of N shards. */
static newsidx_status prepare_shards(const char *db_path,
				     const newsidx_index_opts *opts, char **err)
{
	struct stat st;

	*err = NULL;
	if (!opts->shards)
		return NEWSIDX_OK;
	/* An existing database is checked once open: its shards are
	 * overwritten with --overwrite, and their number must match. */
	if (stat(db_path, &st) == 0)
		return NEWSIDX_OK;
	return newsidx_db_create_sharded(db_path, opts->shards, opts->lang,
					 err);
}

/* The passes after indexing, on *db (reopened when the parallel build
 * closed it): the synonym table from the acronyms learned. */
static newsidx_status finish(batch *b, newsidx_db **db)
{
	const newsidx_index_opts *o = b->opts;
	char *err = NULL;
	newsidx_status rc = NEWSIDX_OK;

	if (!*db) {
		rc = newsidx_db_open(b->db_path,
				     NEWSIDX_DB_WRITE |
					     (o->db_flags & NEWSIDX_DB_WAIT),
				     o->lang, db, &err);
		if (rc != NEWSIDX_OK) {
			rc = fatal(b, rc, err ? err : "cannot reopen");
			free(err);
			return rc;
		}
	}
	rc = nx_alias_finish(*db, b->user_pairs);
	if (rc != NEWSIDX_OK)
		return fatal(b, rc, newsidx_db_error(*db));
	return NEWSIDX_OK;
}

NX_EXPORT void newsidx_index_opts_init(newsidx_index_opts *opts)
{
	memset(opts, 0, sizeof *opts);
}

NX_EXPORT newsidx_status newsidx_index_paths(const char *db_path,
					     const char *const *paths,
					     size_t n_paths,
					     const newsidx_index_opts *opts,
					     newsidx_index_stats *stats,
					     char **errmsg)
{
	batch b;
	newsidx_index_stats local;
	newsidx_db *db = NULL;
	newsidx_status rc = NEWSIDX_OK;
	unsigned jobs, doccount = 0;
	unsigned *last_before = NULL;
	unsigned long long budget;
	char *err = NULL;
	size_t i;

	if (errmsg)
		*errmsg = NULL;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	memset(&b, 0, sizeof b);
	b.opts = opts;
	b.stats = stats;
	b.db_path = db_path;
	b.t0 = now();
	pthread_mutex_init(&b.lock, NULL);
	jobs = opts->jobs ? opts->jobs : cores();
	budget = (unsigned long long)(opts->memory_mb ? opts->memory_mb
						      : DEFAULT_MEMORY_MB) *
		 1024ULL * 1024ULL;
	b.budget = budget;

	nx_fs_recover_swap(db_path);
	/* A bad alias file stops the run before anything is written. */
	if (opts->alias_file)
		rc = nx_alias_parse_file(opts->alias_file, &b.user_pairs, &err);
	if (rc == NEWSIDX_OK)
		rc = prepare_shards(db_path, opts, &err);
	if (rc == NEWSIDX_OK)
		rc = newsidx_db_open(
			db_path,
			NEWSIDX_DB_WRITE |
				(opts->db_flags &
				 (NEWSIDX_DB_OVERWRITE | NEWSIDX_DB_WAIT)) |
				(opts->strict ? NEWSIDX_DB_ATOMIC : 0u),
			opts->lang, &db, &err);
	if (rc == NEWSIDX_OK && opts->shards && db->n_shards != opts->shards) {
		err = nx_asprintf("%s: the database has %u shard%s, not %u",
				  db_path, db->n_shards,
				  db->n_shards == 1 ? "" : "s", opts->shards);
		rc = NEWSIDX_BAD_ARG;
	}
	if (rc == NEWSIDX_OK && opts->shard_of_m &&
	    (rc = newsidx_db_set_shard_filter(db, opts->shard_of_n,
					      opts->shard_of_m)) != NEWSIDX_OK)
		err = strdup(newsidx_db_error(db));
	if (rc != NEWSIDX_OK) {
		newsidx_db_destroy(db);
		if (errmsg)
			*errmsg = err;
		else
			free(err);
		free(b.user_pairs);
		pthread_mutex_destroy(&b.lock);
		return rc;
	}
	for (i = 0; i < n_paths && !b.stop; i++)
		walk(&b, paths[i], 1);
	if (b.n_files)
		qsort(b.files, b.n_files, sizeof *b.files, cmp_files);
	/* The same file named twice is read once. */
	for (i = 1; i < b.n_files; i++) {
		if (!strcmp(b.files[i].path, b.files[i - 1].path)) {
			free(b.files[i].path);
			memmove(&b.files[i], &b.files[i + 1],
				(b.n_files - i - 1) * sizeof *b.files);
			b.n_files--;
			i--;
		}
	}
	if (!b.stop)
		rc = classify(&b, db);
	if (rc == NEWSIDX_OK && !b.stop && opts->prune)
		rc = prune(&b, db);
	if (rc != NEWSIDX_OK)
		fatal(&b, rc, newsidx_db_error(db));
	if (rc == NEWSIDX_OK && !b.stop &&
	    newsidx_db_count(db, &doccount) != NEWSIDX_OK)
		rc = fatal(&b, NEWSIDX_DB_ERROR, newsidx_db_error(db));
	/* Where this run's articles start, for the passes after indexing. */
	if (rc == NEWSIDX_OK && !b.stop) {
		last_before = calloc(db->n_shards, sizeof *last_before);
		if (!last_before)
			rc = fatal(&b, NEWSIDX_NOMEM, "out of memory");
		else if (nx_dedup_last_docids(db, last_before) != NEWSIDX_OK)
			rc = fatal(&b, NEWSIDX_DB_ERROR, newsidx_db_error(db));
	}

	if (rc == NEWSIDX_OK && !b.stop && doccount == 0 && b.n_work > 0 &&
	    db->n_shards == 1 &&
	    (jobs > 1 || b.bytes_total >= FRESH_BUILD_MIN)) {
		/* A new database: parallel shards, compacted, swapped in. */
		if (jobs > b.n_work)
			jobs = (unsigned)b.n_work;
		stats->jobs = jobs;
		rc = build_parallel(&b, jobs, budget);
		if (rc == NEWSIDX_OK) {
			char *fresh = nx_asprintf("%s.new", db_path);

			/* Keep the lock until the new database is ready. */
			newsidx_db_destroy(db);
			db = NULL;
			if (!fresh || !nx_fs_swap_in(db_path, fresh))
				rc = fatal(&b, NEWSIDX_DB_ERROR,
					   "cannot move the new database "
					   "into place");
			free(fresh);
			/* The passes after indexing need a writer again;
			 * the clusters were made before the compaction. */
			if (rc == NEWSIDX_OK) {
				rc = newsidx_db_open(db_path,
						     NEWSIDX_DB_WRITE |
							     NEWSIDX_DB_WAIT,
						     NULL, &db, &err);
				if (rc != NEWSIDX_OK)
					fatal(&b, rc,
					      err ? err
						  : newsidx_status_str(rc));
				else if (nx_dedup_last_docids(
						 db, last_before) != NEWSIDX_OK)
					rc = fatal(&b, NEWSIDX_DB_ERROR,
						   newsidx_db_error(db));
				free(err);
				err = NULL;
			}
		}
	} else if (rc == NEWSIDX_OK && !b.stop) {
		writer w;

		memset(&w, 0, sizeof w);
		w.b = &b;
		w.db = db;
		w.files = b.files;
		w.n_files = b.n_files;
		w.commit_every = budget / 4;
		stats->jobs = 1;
		for (i = 0; i < b.n_files && !stopped(&b); i++) {
			if (!b.files[i].work)
				continue;
			rc = index_file(&w, &b.files[i]);
			if (rc != NEWSIDX_OK)
				break;
			report_progress(&b);
		}
	}
	if (rc == NEWSIDX_OK && b.stop)
		rc = b.err.len ? NEWSIDX_DB_ERROR : NEWSIDX_BAD_INPUT;
	/* Passes over the whole database once the articles are in. */
	if (rc == NEWSIDX_OK &&
	    (stats->files || stats->removed || opts->alias_file))
		rc = finish(&b, &db);
	/* ---- Passes after indexing, over the articles of this run ---- */
	if (db && rc == NEWSIDX_OK &&
	    (rc = nx_dedup_finish(db, last_before, b.budget, NULL)) !=
		    NEWSIDX_OK)
		fatal(&b, rc, newsidx_db_error(db));
	/* ---- end of the passes after indexing ---- */
	if (db && rc == NEWSIDX_OK && newsidx_db_close(db) != NEWSIDX_OK)
		rc = fatal(&b, NEWSIDX_DB_ERROR, newsidx_db_error(db));
	newsidx_db_destroy(db);
	report_progress(&b);
	free(last_before);
	stats->bytes = b.bytes_done;
	stats->seconds = now() - b.t0;
	if (rc != NEWSIDX_OK && errmsg && b.err.len)
		*errmsg = strdup(b.err.data);
	for (i = 0; i < b.n_files; i++)
		free(b.files[i].path);
	free(b.files);
	free(b.stack);
	free(b.user_pairs);
	nx_buf_free(&b.err);
	pthread_mutex_destroy(&b.lock);
	return rc;
}
