/* test_fuzz_replay.c: every fuzz seed (tests/fuzz/seeds/<target>/) and
 * every crash reproducer kept as a regression (tests/fuzz/regressions/
 * <target>/) through the code the libFuzzer target runs (fuzz_common.h),
 * compiled normally and under the sanitizer build of the suite.  One test
 * per target; run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz/fuzz_common.h"

/* Replay each regular file under dir; returns how many there were. */
static int replay_dir(const nx_fuzz_target *t, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		char path[4096], chunk[65536];
		struct stat st;
		nx_buf data = { 0 };
		size_t got;
		FILE *f;

		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		/* The bytes as the fuzzer had them: gzip stays compressed. */
		f = fopen(path, "rb");
		if (!f)
			fail_msg("cannot open %s", path);
		while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
			assert_int_equal(nx_buf_append(&data, chunk, got),
					 NEWSIDX_OK);
		fclose(f);
		if (nx_fuzz_run(t, (const uint8_t *)data.data, data.len) != 0)
			fail_msg("%s: %s breaks the article rules", t->name,
				 path);
		nx_buf_free(&data);
		n++;
	}
	closedir(d);
	return n;
}

static void test_replay(void **state)
{
	const nx_fuzz_target *t = *state;
	char dir[256];
	int n_seeds;

	snprintf(dir, sizeof dir, "tests/fuzz/seeds/%s", t->name);
	n_seeds = replay_dir(t, dir);
	if (n_seeds == 0)
		fail_msg("no seeds in %s (run from the repository root)", dir);
	snprintf(dir, sizeof dir, "tests/fuzz/regressions/%s", t->name);
	replay_dir(t, dir);
}

int main(void)
{
	struct CMUnitTest tests[NX_FUZZ_N_TARGETS];
	static char names[NX_FUZZ_N_TARGETS][48];
	size_t i;

	for (i = 0; i < NX_FUZZ_N_TARGETS; i++) {
		memset(&tests[i], 0, sizeof tests[i]);
		snprintf(names[i], sizeof names[i], "replay %s",
			 nx_fuzz_targets[i].name);
		tests[i].name = names[i];
		tests[i].test_func = test_replay;
		tests[i].initial_state = (void *)(uintptr_t)&nx_fuzz_targets[i];
	}
	return cmocka_run_group_tests_name("fuzz_replay", tests, NULL, NULL);
}
