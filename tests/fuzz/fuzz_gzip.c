/* fuzz_gzip.c: libFuzzer target for the input layer and format detection:
 * any bytes, plain or gzip-compressed, read in the format their content
 * suggests (the input has no extension), so compressed inputs reach every
 * reader.
 * The work is in fuzz_common.h, shared with tests/test_fuzz_replay.c. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nx_fuzz_one("fuzz_gzip", data, size);
}
