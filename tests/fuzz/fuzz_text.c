/* fuzz_text.c: libFuzzer target for the plain-text reader: any bytes,
 * read as a plain-text article.
 * The work is in fuzz_common.h, shared with tests/test_fuzz_replay.c. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nx_fuzz_one("fuzz_text", data, size);
}
