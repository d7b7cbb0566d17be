/* RFC 4180 CSV reader and writer. The reader accepts LF or CRLF line ends, quoted cells with
 * doubled quotes and line breaks inside, and reports the line a record starts on. */
#include <string.h>

#include "tansiq/csv.h"

void ts_csv_init(ts_csv *r, const char *data, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->p = data;
	r->end = data + len;
	r->next_line = 1;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r->p += 3;
}

static int end_cell(ts_csv *r, ts_error *err)
{
	if (r->ncells >= TS_CSV_MAX_CELLS)
		return ts_fail(err, TS_INVALID_CSV, NULL, "line %ld: more than %d cells", r->line,
			       TS_CSV_MAX_CELLS);
	if (ts_buf_addc(&r->cells, '\0'))
		return ts_fail(err, TS_INVALID_CSV, NULL, "line %ld: record too large", r->line);
	r->ncells++;
	if (r->ncells < TS_CSV_MAX_CELLS)
		r->off[r->ncells] = r->cells.len;
	return 0;
}

int ts_csv_next(ts_csv *r, ts_error *err)
{
	const char *p = r->p;

	/* skip blank lines */
	while (p < r->end && (*p == '\n' || *p == '\r')) {
		/* LF, CRLF and a lone CR (old Mac files) each end one line */
		if (*p == '\n' || p + 1 >= r->end || p[1] != '\n')
			r->next_line++;
		p++;
	}
	if (p >= r->end) {
		r->p = p;
		return 0;
	}
	r->line = r->next_line;
	r->ncells = 0;
	r->off[0] = 0;
	ts_buf_reset(&r->cells);
	r->cells.max = (size_t)16 << 20;
	for (;;) {
		if (p < r->end && *p == '"') {
			long start = r->next_line;
			p++;
			for (;;) {
				if (p >= r->end)
					return ts_fail(err, TS_INVALID_CSV, NULL,
						       "line %ld: a quoted cell is not closed (a \" is missing)", start);
				if (*p == '"') {
					if (p + 1 < r->end && p[1] == '"') {
						if (ts_buf_addc(&r->cells, '"'))
							goto big;
						p += 2;
						continue;
					}
					p++;
					break;
				}
				if (*p == '\n' || (*p == '\r' && (p + 1 >= r->end || p[1] != '\n')))
					r->next_line++;
				if (!*p)
					return ts_fail(err, TS_INVALID_CSV, NULL, "line %ld: a NUL byte; is this a text file in UTF-8?",
						       r->next_line);
				if (ts_buf_addc(&r->cells, *p++))
					goto big;
			}
			if (p < r->end && *p != ',' && *p != '\n' && *p != '\r')
				return ts_fail(err, TS_INVALID_CSV, NULL,
					       "line %ld: text after a closing quote; double the quote (\"\") to write one inside a cell",
					       r->next_line);
		} else {
			while (p < r->end && *p != ',' && *p != '\n' && *p != '\r') {
				if (*p == '"')
					return ts_fail(err, TS_INVALID_CSV, NULL,
						       "line %ld: a quote inside an unquoted cell; quote the cell and double the quote",
						       r->next_line);
				if (!*p)
					return ts_fail(err, TS_INVALID_CSV, NULL, "line %ld: a NUL byte; is this a text file in UTF-8?",
						       r->next_line);
				if (ts_buf_addc(&r->cells, *p++))
					goto big;
			}
		}
		if (end_cell(r, err))
			return -1;
		if (p < r->end && *p == ',') {
			p++;
			continue;
		}
		if (p < r->end && *p == '\r')
			p++;
		if (p < r->end && *p == '\n')
			p++;
		if (p > r->p && (p[-1] == '\n' || p[-1] == '\r'))
			r->next_line++;
		break;
	}
	r->p = p;
	return 1;
big:
	return ts_fail(err, TS_INVALID_CSV, NULL, "line %ld: record larger than 16 MiB", r->line);
}

const char *ts_csv_cell(const ts_csv *r, int i)
{
	if (i < 0 || i >= r->ncells)
		return "";
	return r->cells.data + r->off[i];
}

void ts_csv_free(ts_csv *r) { ts_buf_free(&r->cells); }

int ts_csv_write_cell(ts_buf *out, const char *s, int last)
{
	int rc = 0;

	if (strpbrk(s, ",\"\r\n")) {
		rc |= ts_buf_addc(out, '"');
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				rc |= ts_buf_addc(out, '"');
			rc |= ts_buf_addc(out, *p);
		}
		rc |= ts_buf_addc(out, '"');
	} else {
		rc |= ts_buf_adds(out, s);
	}
	rc |= ts_buf_adds(out, last ? "\r\n" : ",");
	return rc ? -1 : 0;
}
