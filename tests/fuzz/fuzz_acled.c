/* Fuzzes the ACLED importer (feeds.h) over arbitrary bytes, strictly and with skip_invalid (the
 * first byte's low bit), on a store holding the countries, each run rolled back. Invariants:
 * feeds_fuzz.h.
 *
 *   tools/fuzz.sh acled
 */
#include "feeds_fuzz.h"

FUZZ_INITIALIZE(feeds_fuzz_init)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	feeds_fuzz_one(TS_FEED_ACLED, (const char *)data + 1, size - 1, data[0] & 1);
	return 0;
}
