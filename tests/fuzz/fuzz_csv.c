/* Fuzzes the CSV reader over arbitrary bytes: it must never read out of bounds, report line
 * numbers that go backwards, or lose a record when its cells are written back with the CSV
 * writer and read again.
 *
 *   tools/fuzz.sh csv        (or FUZZ_SECONDS=300 tools/fuzz.sh csv)
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Writes the last record read by r and reads it back: the same cells must come out. */
static void round_trip(const ts_csv *r)
{
	ts_buf out = TS_BUF_INIT;
	ts_csv back;
	ts_error err = TS_ERROR_INIT;
	int got;

	/* one empty cell is written as an empty line, which a reader skips: not comparable */
	if (r->ncells == 1 && !*ts_csv_cell(r, 0))
		return;
	/* a record before it, so that a cell starting with a byte order mark is not at the start */
	ts_csv_write_cell(&out, "header", 1);
	for (int i = 0; i < r->ncells; i++)
		if (ts_csv_write_cell(&out, ts_csv_cell(r, i), i == r->ncells - 1))
			die("writer refused cell %d", i);
	ts_csv_init(&back, out.data, out.len);
	if (ts_csv_next(&back, &err) != 1)
		die("the first written record does not read back");
	got = ts_csv_next(&back, &err);
	if (got != 1)
		die("a written record does not read back (%d: %s)", got, err.detail);
	if (back.ncells != r->ncells)
		die("written %d cells, read %d", r->ncells, back.ncells);
	for (int i = 0; i < r->ncells; i++)
		if (strcmp(ts_csv_cell(r, i), ts_csv_cell(&back, i)))
			die("cell %d changed in a write and read", i);
	if (ts_csv_next(&back, &err) != 0)
		die("a written record reads as more than one");
	ts_csv_free(&back);
	ts_buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy of exactly size bytes, so that ASan sees any read past the end */
	char *copy = malloc(size ? size : 1);
	ts_csv r;
	ts_error err = TS_ERROR_INIT;
	long last_line = 0, newlines = 0;
	int got, records = 0;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	/* line ends: LF, CRLF (once) and a lone CR */
	for (size_t i = 0; i < size; i++)
		newlines += copy[i] == '\n' || (copy[i] == '\r' && (i + 1 >= size || copy[i + 1] != '\n'));
	ts_csv_init(&r, copy, size);
	while ((got = ts_csv_next(&r, &err)) == 1) {
		records++;
		if (r.line <= last_line)
			die("record %d starts on line %ld after a record on line %ld", records, r.line, last_line);
		if (r.line > newlines + 1 || r.next_line > newlines + 1)
			die("line %ld past the end (%ld newlines)", r.line, newlines);
		if (r.ncells < 1 || r.ncells > TS_CSV_MAX_CELLS)
			die("%d cells", r.ncells);
		for (int i = 0; i < r.ncells; i++)
			(void)strlen(ts_csv_cell(&r, i));
		last_line = r.line;
		round_trip(&r);
	}
	if (got == -1) {
		check_error(&err, "ts_csv_next");
		if (err.code != TS_INVALID_CSV)
			die("CSV error with code %s", ts_code_name(err.code));
		if (!strstr(err.detail, "line "))
			die("CSV error does not name a line: %s", err.detail);
	} else if (got != 0) {
		die("ts_csv_next returned %d", got);
	}
	ts_csv_free(&r);
	free(copy);
	return 0;
}
