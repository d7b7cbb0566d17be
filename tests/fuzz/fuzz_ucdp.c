/* Fuzzes the UCDP importers (feeds.h) over arbitrary bytes after a first byte that chooses: its
 * low bit ACD (1) or GED (0), the next skip_invalid. A store holding the countries, each run
 * rolled back. Invariants: feeds_fuzz.h.
 *
 *   tools/fuzz.sh ucdp
 */
#include "feeds_fuzz.h"

FUZZ_INITIALIZE(feeds_fuzz_init)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	feeds_fuzz_one(data[0] & 1 ? TS_FEED_UCDP_ACD : TS_FEED_UCDP_GED, (const char *)data + 1, size - 1, (data[0] & 2) != 0);
	return 0;
}
