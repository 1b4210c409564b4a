/* fuzz_sgml.c: libFuzzer target for the Reuters-21578 SGML reader: any
 * bytes, read as SGML records.
 * The work is in fuzz_common.h, shared with tests/test_fuzz_replay.c. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nx_fuzz_one("fuzz_sgml", data, size);
}
