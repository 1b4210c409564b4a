/* runstat: run a command and measure it, for bench/run.sh.
 *
 *   runstat [-r N] -o FILE -- COMMAND [ARG]...
 *
 * Runs COMMAND (N times, default 1, one after the other) and appends one
 * line to FILE:
 *
 *   wall_s=X user_s=X sys_s=X maxrss_kb=N others_cpu=X rc=N
 *
 * wall_s is the median wall time of the N runs; user_s, sys_s and
 * maxrss_kb (peak resident set) come from wait4() for the median run;
 * others_cpu is the CPU time (in cores, averaged over the runs) that the
 * rest of the machine used meanwhile: busy time from /proc/stat less the
 * command's own user and system time.  It tells whether something else was
 * competing for the CPUs.  The exit status is the command's (the first
 * failing run's), or 2 when it could not be run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchlib.h"

static const char *prog = "runstat";

typedef struct sample {
	double wall, user, sys;
	long maxrss_kb;
} sample;

/* Busy CPU seconds of the whole machine so far (all but idle and iowait). */
static double busy_seconds(void)
{
	FILE *f = fopen("/proc/stat", "r");
	unsigned long long v[10] = { 0 };
	double hz = (double)sysconf(_SC_CLK_TCK);
	int n;

	if (!f)
		return 0;
	n = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu",
		   &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7],
		   &v[8], &v[9]);
	fclose(f);
	if (n < 8 || hz <= 0)
		return 0;
	/* user nice system [idle iowait] irq softirq steal */
	return (double)(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / hz;
}

static double tv_seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static int cmp_wall(const void *a, const void *b)
{
	double x = ((const sample *)a)->wall, y = ((const sample *)b)->wall;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	const char *out = NULL;
	unsigned runs = 1, i;
	sample *samples;
	double busy0, busy1, own = 0, wall_total = 0, others;
	int opt, status_rc = 0;
	FILE *f;

	while ((opt = getopt(argc, argv, "+r:o:")) != -1) {
		if (opt == 'r')
			runs = (unsigned)strtoul(optarg, NULL, 10);
		else if (opt == 'o')
			out = optarg;
		else
			goto usage;
	}
	if (!out || optind >= argc || runs < 1)
		goto usage;
	samples = calloc(runs, sizeof *samples);
	if (!samples)
		bench_die(prog, "out of memory");
	busy0 = busy_seconds();
	for (i = 0; i < runs; i++) {
		struct rusage ru;
		int status;
		double t0 = bench_now();
		pid_t pid = fork();

		if (pid < 0)
			bench_die(prog, "fork: %s", strerror(errno));
		if (pid == 0) {
			execvp(argv[optind], argv + optind);
			fprintf(stderr, "%s: %s: %s\n", prog, argv[optind],
				strerror(errno));
			_exit(127);
		}
		if (wait4(pid, &status, 0, &ru) < 0)
			bench_die(prog, "wait4: %s", strerror(errno));
		samples[i].wall = bench_now() - t0;
		samples[i].user = tv_seconds(ru.ru_utime);
		samples[i].sys = tv_seconds(ru.ru_stime);
		samples[i].maxrss_kb = ru.ru_maxrss;
		own += samples[i].user + samples[i].sys;
		wall_total += samples[i].wall;
		if (!status_rc) {
			if (WIFEXITED(status))
				status_rc = WEXITSTATUS(status);
			else
				status_rc = 128 + WTERMSIG(status);
		}
	}
	busy1 = busy_seconds();
	others = wall_total > 0 ? (busy1 - busy0 - own) / wall_total : 0;
	qsort(samples, runs, sizeof *samples, cmp_wall);
	f = fopen(out, "a");
	if (!f)
		bench_die(prog, "%s: %s", out, strerror(errno));
	fprintf(f,
		"wall_s=%.3f user_s=%.3f sys_s=%.3f maxrss_kb=%ld "
		"others_cpu=%.2f rc=%d\n",
		samples[runs / 2].wall, samples[runs / 2].user,
		samples[runs / 2].sys, samples[runs / 2].maxrss_kb,
		others > 0 ? others : 0.0, status_rc);
	fclose(f);
	free(samples);
	return status_rc;
usage:
	fprintf(stderr, "usage: %s [-r N] -o FILE -- COMMAND [ARG]...\n", prog);
	return 2;
}
