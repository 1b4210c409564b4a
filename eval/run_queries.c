/* run_queries.c: nx-eval-run, every query of a collection through the
 * newsidx-query program, as a TREC run.
 *
 *   nx-eval-run PROG DB QUERIES TAG [OPTION]...
 *
 * For each "QID<TAB>text" line of QUERIES runs
 *   PROG -d DB --json --free-text -n 1000 --no-snippets [OPTION]... -- text
 * (no shell: the text is one argument, whatever it holds) and writes its
 * hits to stdout as "QID Q0 ID RANK SCORE TAG".  Exit 0; 2 when a query
 * fails (exit status 2 of PROG, whose stderr passes through). */
#include <errno.h>
#include <json-c/json.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static const char *prog = "nx-eval-run";

/* Run argv, its stdout into *out (malloc'ed); returns the exit status or
 * -1 (errno set). */
static int run_capture(char *const *argv, char **out, size_t *out_len)
{
	posix_spawn_file_actions_t fa;
	int fds[2], status = 0, rc;
	pid_t pid;
	size_t cap = 65536, len = 0;
	char *buf;

	*out = NULL;
	*out_len = 0;
	if (pipe(fds) != 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		errno = rc;
		return -1;
	}
	buf = malloc(cap);
	for (;;) {
		ssize_t n;

		if (!buf)
			break;
		if (len + 1 == cap) {
			char *nb = realloc(buf, cap * 2);

			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		n = read(fds[0], buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!buf) {
		errno = ENOMEM;
		return -1;
	}
	buf[len] = '\0';
	*out = buf;
	*out_len = len;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* Print the hits of one query's --json output as TREC run lines. */
static int print_run(const char *qid, char *json, const char *tag)
{
	char *line, *save = NULL;
	int rank = 0;

	for (line = strtok_r(json, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		json_object *o = json_tokener_parse(line), *id, *score;

		if (!o || !json_object_object_get_ex(o, "id", &id) ||
		    !json_object_object_get_ex(o, "score", &score)) {
			fprintf(stderr, "%s: query %s: not a hit: %s\n", prog,
				qid, line);
			json_object_put(o);
			return 0;
		}
		printf("%s Q0 %s %d %.4f %s\n", qid, json_object_get_string(id),
		       ++rank, json_object_get_double(score), tag);
		json_object_put(o);
	}
	return 1;
}

int main(int argc, char **argv)
{
	const char *fixed[] = { "--json", "--free-text", "-n", "1000",
				"--no-snippets" };
	const size_t n_fixed = sizeof fixed / sizeof fixed[0];
	char **qargv, *buf = NULL;
	size_t cap = 0, n_extra, k = 0, i;
	FILE *queries;
	int status = 0;

	if (argc < 5) {
		fprintf(stderr, "Usage: %s PROG DB QUERIES TAG [OPTION]...\n",
			prog);
		return 2;
	}
	queries = fopen(argv[3], "r");
	if (!queries) {
		fprintf(stderr, "%s: %s: %s\n", prog, argv[3], strerror(errno));
		return 2;
	}
	n_extra = (size_t)argc - 5;
	qargv = calloc(3 + n_fixed + n_extra + 3, sizeof *qargv);
	if (!qargv) {
		fclose(queries);
		return 2;
	}
	qargv[k++] = argv[1];
	qargv[k++] = "-d";
	qargv[k++] = argv[2];
	for (i = 0; i < n_fixed; i++)
		qargv[k++] = (char *)fixed[i];
	for (i = 0; i < n_extra; i++)
		qargv[k++] = argv[5 + i];
	qargv[k++] = "--";
	while (getline(&buf, &cap, queries) >= 0) {
		char *tab = strchr(buf, '\t'), *out = NULL;
		size_t out_len, n = strlen(buf);
		int rc;

		if (!tab)
			continue;
		while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
			buf[--n] = '\0';
		*tab = '\0';
		qargv[k] = tab + 1;
		qargv[k + 1] = NULL;
		rc = run_capture(qargv, &out, &out_len);
		if (rc < 0) {
			fprintf(stderr, "%s: %s: %s\n", prog, argv[1],
				strerror(errno));
			status = 2;
			break;
		}
		if (rc > 1 || !print_run(buf, out, argv[4])) {
			fprintf(stderr, "%s: query %s failed (exit %d)\n", prog,
				buf, rc);
			status = 2;
		}
		free(out);
	}
	free(buf);
	free(qargv);
	fclose(queries);
	if (fflush(stdout) != 0)
		status = 2;
	return status;
}
