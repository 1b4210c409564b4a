/* fuzz_jsonl.c: libFuzzer target for the JSON Lines reader: any bytes,
 * read as JSON Lines with a field map.
 * The work is in fuzz_common.h, shared with tests/test_fuzz_replay.c. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nx_fuzz_one("fuzz_jsonl", data, size);
}
