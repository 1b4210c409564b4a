/* fuzz_acronym.c: libFuzzer target for the acronym finder (acronym.c):
 * any bytes, cleaned as a reader cleans text, searched for definitions.
 * The work is in fuzz_common.h, shared with tests/test_fuzz_replay.c. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nx_fuzz_one("fuzz_acronym", data, size);
}
