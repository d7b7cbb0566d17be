/* What the importers share: the readers, the streaming CSV scanner, the lookups of countries,
 * the import record and its audit entry, rejects, and number parsing (feeds_int.h). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "tansiq/audit.h"
#include "tansiq/auth.h"
#include "tansiq/clock.h"
#include "tansiq/conflicts.h"
#include "tansiq/records.h"
#include "tansiq/utf8.h"
#include "feeds_int.h"

/* ---- names ---- */

static const char *const feed_names[TS_FEED_COUNT] = {"acled", "ucdp-ged", "ucdp-acd"};

const char *ts_feed_name(ts_feed_kind kind)
{
	return (unsigned)kind < TS_FEED_COUNT ? feed_names[kind] : "?";
}

int ts_feed_parse(const char *name, ts_feed_kind *out)
{
	for (int i = 0; name && i < TS_FEED_COUNT; i++)
		if (!strcmp(name, feed_names[i])) {
			*out = (ts_feed_kind)i;
			return 0;
		}
	return -1;
}

/* ---- readers ---- */

static long mem_read(void *ctx, char *buf, size_t size, ts_error *err)
{
	ts_feed_mem *m = ctx;
	size_t n = m->len - m->pos < size ? m->len - m->pos : size;

	(void)err;
	memcpy(buf, m->data + m->pos, n);
	m->pos += n;
	return (long)n;
}

void ts_feed_reader_mem(ts_feed_reader *r, ts_feed_mem *mem, const char *data, size_t len)
{
	*mem = (ts_feed_mem){data ? data : "", data ? len : 0, 0};
	*r = (ts_feed_reader){mem_read, mem, (long long)mem->len};
}

static long file_read(void *ctx, char *buf, size_t size, ts_error *err)
{
	FILE *f = ctx;
	size_t n = fread(buf, 1, size, f);

	if (n == 0 && ferror(f))
		return ts_fail(err, TS_IO, "FILE", "cannot read the file: %s", strerror(errno));
	return (long)n;
}

void ts_feed_reader_file(ts_feed_reader *r, FILE *f)
{
	struct stat sb;

	*r = (ts_feed_reader){file_read, f, -1};
	if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode))
		r->total = (long long)sb.st_size;
}

/* ---- the scanner ---- */

#define SCAN_CHUNK ((size_t)1 << 20)

int scan_init(scanner *sc, ts_feed_reader *r, ts_error *err)
{
	memset(sc, 0, sizeof(*sc));
	sc->r = r;
	sc->next_line = 1;
	sc->cap = 2 * SCAN_CHUNK;
	if (!(sc->buf = malloc(sc->cap + 1)))
		return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
	return 0;
}

void scan_free(scanner *sc)
{
	free(sc->buf);
	sc->buf = NULL;
}

/* Reads more input after what is left unread (moved to the front). 0 at the end of input. */
static int fill(scanner *sc, ts_error *err)
{
	long n;

	if (sc->start) {
		memmove(sc->buf, sc->buf + sc->start, sc->len - sc->start);
		sc->consumed += (long long)sc->start;
		sc->len -= sc->start;
		sc->start = 0;
	}
	if (sc->cap - sc->len < SCAN_CHUNK / 2) {
		size_t cap = sc->cap * 2;
		char *b;
		if (sc->len > SCAN_MAX_RECORD)
			return ts_fail(err, TS_INVALID_CSV, NULL, "line %ld: a record larger than 16 MiB (is a quote not closed?)",
				       sc->next_line);
		if (!(b = realloc(sc->buf, cap + 1)))
			return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
		sc->buf = b;
		sc->cap = cap;
	}
	n = sc->r->read(sc->r->ctx, sc->buf + sc->len, sc->cap - sc->len, err);
	if (n < 0)
		return -1;
	if (n == 0)
		sc->eof = 1;
	sc->len += (size_t)n;
	if (sc->consumed == 0 && sc->len >= 3 && !memcmp(sc->buf, "\xEF\xBB\xBF", 3) && sc->start == 0 && !sc->line)
		sc->start = 3; /* a UTF-8 byte order mark */
	return n > 0;
}

/* The end of the record that starts at p (the position of its terminating line break, or end when
 * the input ends inside it); *lines counts the line breaks inside quotes. NULL when more input is
 * needed to know. */
static char *record_end(char *p, char *end, int eof, long *lines)
{
	int quoted = 0;

	*lines = 0;
	for (;;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *stop = nl ? nl : end;
		for (char *q = memchr(p, '"', (size_t)(stop - p)); q; q = memchr(q + 1, '"', (size_t)(stop - q - 1)))
			quoted ^= 1;
		if (!nl)
			return eof ? end : NULL;
		if (!quoted)
			return nl;
		(*lines)++;
		p = nl + 1;
	}
}

/* Cuts the record buf[a..b) into cells, in place. */
static int split_cells(scanner *sc, char *p, char *end, ts_error *err)
{
	sc->ncells = 0;
	if (end > p && end[-1] == '\r')
		end--;
	for (;;) {
		char *cell = p, *w;
		if (sc->ncells >= SCAN_MAX_CELLS)
			return ts_fail(err, TS_INVALID_CSV, NULL, "line %ld: more than %d cells", sc->line, SCAN_MAX_CELLS);
		if (p < end && *p == '"') {
			w = cell;
			p++;
			for (;;) {
				if (p >= end)
					return ts_fail(err, TS_INVALID_CSV, NULL,
						       "line %ld: a quoted cell is not closed (a \" is missing)", sc->line);
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"') {
						*w++ = '"';
						p += 2;
						continue;
					}
					p++;
					break;
				}
				*w++ = *p++;
			}
			if (p < end && *p != ',')
				return ts_fail(err, TS_INVALID_CSV, NULL,
					       "line %ld: text after a closing quote; double the quote (\"\") to write one inside a cell",
					       sc->line);
		} else {
			char *c = memchr(p, ',', (size_t)(end - p));
			char *stop = c ? c : end;
			if (memchr(p, '"', (size_t)(stop - p)))
				return ts_fail(err, TS_INVALID_CSV, NULL,
					       "line %ld: a quote inside an unquoted cell; quote the cell and double the quote", sc->line);
			w = stop;
			p = stop;
		}
		sc->cell[sc->ncells] = cell;
		sc->cell_len[sc->ncells++] = (size_t)(w - cell);
		if (p >= end) {
			*w = '\0';
			break;
		}
		*w = '\0'; /* p points at the comma, which w may be */
		p++;
	}
	return 0;
}

int scan_next(scanner *sc, ts_error *err)
{
	for (;;) {
		char *p = sc->buf + sc->start, *end = sc->buf + sc->len, *e;
		long lines;
		/* blank lines */
		while (p < end && (*p == '\n' || *p == '\r')) {
			if (*p == '\n')
				sc->next_line++;
			p++;
		}
		sc->start = (size_t)(p - sc->buf);
		if (p >= end) {
			int rc;
			if (sc->eof)
				return 0;
			if ((rc = fill(sc, err)) < 0)
				return -1;
			continue;
		}
		e = record_end(p, end, sc->eof, &lines);
		if (!e) {
			if (fill(sc, err) < 0)
				return -1;
			continue;
		}
		if (memchr(p, '\0', (size_t)(e - p)))
			return ts_fail(err, TS_INVALID_CSV, NULL, "line %ld: a NUL byte; is this a text file in UTF-8?",
				       sc->next_line);
		sc->line = sc->next_line;
		sc->next_line += lines + (e < end);
		sc->start = (size_t)(e - sc->buf) + (e < end);
		*e = '\0';
		return split_cells(sc, p, e, err) ? -1 : 1;
	}
}

static int header_find(const scanner *sc, const char *name)
{
	for (int i = 0; i < sc->ncells; i++)
		if (!strcasecmp(sc->cell[i], name))
			return i;
	return -1;
}

int header_read(scanner *sc, const char *const *names, int n, const int *required, int nreq, int *col,
		const char *files, const char *what, ts_error *err)
{
	int rc = scan_next(sc, err);

	if (rc < 0)
		return -1;
	if (rc == 0)
		return ts_fail(err, TS_INVALID_CSV, NULL, "the file is empty: the first line names the columns");
	for (int i = 0; i < n; i++)
		col[i] = header_find(sc, names[i]);
	for (int i = 0; i < nreq; i++)
		if (col[required[i]] < 0) {
			ts_fail(err, TS_REQUIRED, names[required[i]], "the header has no column '%s', which %s files have; is this %s?",
				names[required[i]], files, what);
			ts_error_at(err, 0, 'l', sc->line);
			return -1;
		}
	return 0;
}

/* ---- countries ---- */

/* ACLED's and UCDP's spellings that differ from the list's English names. */
static const char *const aliases[][2] = {
	{"democratic republic of congo", "COD"}, {"dr congo", "COD"}, {"republic of congo", "COG"},
	{"ivory coast", "CIV"}, {"cote d'ivoire", "CIV"}, {"russia", "RUS"}, {"turkey", "TUR"},
	{"czech republic", "CZE"}, {"eswatini", "SWZ"}, {"swaziland", "SWZ"}, {"cape verde", "CPV"},
	{"macedonia", "MKD"}, {"united states", "USA"}, {"united kingdom", "GBR"}, {"syria", "SYR"},
	{"palestine", "PSE"}, {"iran", "IRN"}, {"laos", "LAO"}, {"vietnam", "VNM"}, {"east timor", "TLS"},
	{"bosnia and herzegovina", "BIH"}, {"myanmar", "MMR"}, {"kosovo", "XKX"}, {"gambia", "GMB"},
	{"yemen (north yemen)", "YEM"}, {"serbia (yugoslavia)", "SRB"}, {"russia (soviet union)", "RUS"},
};

struct load {
	country_index *ci;
	int cap, oom;
};

static int country_row(void *ctx, const ts_value *c, int n)
{
	struct load *l = ctx;
	country_index *ci = l->ci;
	char *name;

	(void)n;
	if (ci->n >= l->cap) {
		int cap = l->cap ? l->cap * 2 : 256;
		void *a = realloc(ci->iso3, (size_t)cap * sizeof(*ci->iso3)), *b;
		if (!a)
			return l->oom = 1;
		ci->iso3 = a;
		if (!(b = realloc(ci->name, (size_t)cap * sizeof(*ci->name))))
			return l->oom = 1;
		ci->name = b;
		l->cap = cap;
	}
	if (!(name = strdup(c[3].type == TS_V_TEXT ? c[3].s : "")))
		return l->oom = 1;
	for (char *p = name; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	snprintf(ci->iso3[ci->n], 4, "%s", c[0].s);
	ci->name[ci->n] = name;
	if (c[1].type == TS_V_INT && c[1].i > 0 && c[1].i < 1000)
		ci->by_num[c[1].i] = (short)(ci->n + 1);
	if (c[2].type == TS_V_INT && c[2].i > 0 && c[2].i < 1000)
		ci->by_gw[c[2].i] = (short)(ci->n + 1);
	ci->n++;
	return 0;
}

int countries_load(ts_store *st, country_index *ci, ts_error *err)
{
	struct load l = {ci, 0, 0};

	memset(ci, 0, sizeof(*ci));
	if (ts_store_exec(st, "SELECT \"id\", \"iso_num\", \"gw_code\", \"name_en\" FROM \"countries\" ORDER BY \"id\"", NULL, 0,
			  country_row, &l, NULL, err) ||
	    (l.oom && ts_fail(err, TS_INTERNAL, NULL, "out of memory"))) {
		countries_free(ci);
		return -1;
	}
	return 0;
}

void countries_free(country_index *ci)
{
	for (int i = 0; i < ci->n; i++)
		free(ci->name[i]);
	free(ci->name);
	free(ci->iso3);
	memset(ci, 0, sizeof(*ci));
}

const char *country_by_iso3(const country_index *ci, const char *s)
{
	int lo = 0, hi = ci->n - 1;

	if (strlen(s) != 3)
		return NULL;
	while (lo <= hi) { /* sorted by id */
		int mid = (lo + hi) / 2, c = strcasecmp(ci->iso3[mid], s);
		if (!c)
			return ci->iso3[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

const char *country_by_name(const country_index *ci, const char *s)
{
	if (!*s)
		return NULL;
	for (int i = 0; i < ci->n; i++)
		if (!strcasecmp(ci->name[i], s))
			return ci->iso3[i];
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcasecmp(aliases[i][0], s))
			return country_by_iso3(ci, aliases[i][1]);
	return NULL;
}

const char *country_by_num(const country_index *ci, long num)
{
	return num > 0 && num < 1000 && ci->by_num[num] ? ci->iso3[ci->by_num[num] - 1] : NULL;
}

const char *country_by_gw(const country_index *ci, long gw)
{
	return gw > 0 && gw < 1000 && ci->by_gw[gw] ? ci->iso3[ci->by_gw[gw] - 1] : NULL;
}

/* ---- the import record ---- */

static const char *const import_dataset[TS_FEED_COUNT] = {"acled", "ucdp_ged", "ucdp_acd"};

int import_record_begin(ts_store *st, const char *dataset, const ts_feed_opts *o, ts_feed_stats *s, ts_error *err)
{
	char id[20], now[32];
	ts_value p[4];

	if (o->dry_run)
		return 0;
	id[0] = 'i';
	ts_random_hex(id + 1, 16);
	ts_utc(time(NULL), 0, now, sizeof(now));
	p[0] = (ts_value){TS_V_TEXT, 0, id, 0};
	p[1] = (ts_value){TS_V_TEXT, 0, dataset, 0};
	p[2] = (ts_value){o->file ? TS_V_TEXT : TS_V_NULL, 0, o->file, 0};
	p[3] = (ts_value){TS_V_TEXT, 0, now, 0};
	if (ts_store_exec(st, "INSERT INTO \"event_imports\" (\"id\", \"dataset\", \"file\", \"imported_at\") VALUES (?, ?, ?, ?)",
			  p, 4, NULL, NULL, NULL, err))
		return -1;
	snprintf(s->import_id, sizeof(s->import_id), "%s", id);
	return 0;
}

int import_record_end(ts_store *st, const char *dataset, const ts_feed_opts *o, ts_feed_stats *s, ts_error *err)
{
	const ts_viewer *v = ts_store_viewer(st);
	json_t *rec;
	ts_value p[9];
	char file[301];
	int rc;

	(void)dataset;
	if (o->dry_run)
		return 0;
	/* the file's name as given, cut to the field's length */
	snprintf(file, sizeof(file), "%s", o->file ? o->file : "");
	p[0] = (ts_value){TS_V_TEXT, 0, s->format, 0};
	p[1] = (ts_value){v->username[0] ? TS_V_TEXT : TS_V_NULL, 0, v->username, 0};
	p[2] = (ts_value){TS_V_INT, s->rows, NULL, 0};
	p[3] = (ts_value){TS_V_INT, s->added, NULL, 0};
	p[4] = (ts_value){TS_V_INT, s->updated, NULL, 0};
	p[5] = (ts_value){TS_V_INT, s->unchanged, NULL, 0};
	p[6] = (ts_value){TS_V_INT, s->merged, NULL, 0};
	p[7] = (ts_value){TS_V_INT, s->rejected, NULL, 0};
	p[8] = (ts_value){TS_V_TEXT, 0, s->import_id, 0};
	if (ts_store_exec(st, "UPDATE \"event_imports\" SET \"format\" = ?, \"imported_by\" = ?, \"rows\" = ?, \"added\" = ?, "
			  "\"updated\" = ?, \"unchanged\" = ?, \"merged\" = ?, \"rejected\" = ? WHERE \"id\" = ?",
			  p, 9, NULL, NULL, NULL, err))
		return -1;
	if (ts_record_get(st, &ts_entity_event_import, s->import_id, &rec, err))
		return -1;
	rc = ts_audit_append(st, "create", ts_entity_event_import.collection, s->import_id, NULL, rec, err);
	json_decref(rec);
	return rc;
}

const char *feed_dataset(ts_feed_kind kind) { return import_dataset[kind]; }

/* ---- rejects ---- */

int feed_reject(const ts_feed_opts *o, ts_feed_stats *s, long line, const char *field, const char *value,
		ts_error *err, const char *fmt, ...)
{
	char reason[400], shown[100];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	if (o->skip_invalid) {
		s->rejected++;
		if (o->reject)
			o->reject(o->reject_ctx, line, field ? field : "", value ? value : "", reason);
		return 0;
	}
	snprintf(shown, sizeof(shown), "%.90s", value ? value : "");
	ts_utf8_sanitize(shown);
	ts_fail(err, TS_INVALID_VALUE, field, "%s: %s (value '%s')", field && *field ? field : "row", reason, shown);
	ts_error_at(err, err->nitems - 1, 'l', line);
	return -1;
}

/* ---- numbers ---- */

int parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	while (*s == ' ')
		s++;
	if (!*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end == '.') /* "12.0", as spreadsheets write integers */
		for (end++; *end == '0'; end++)
			;
	while (*end == ' ')
		end++;
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int parse_double(const char *s, double min, double max, double *out)
{
	char *end;
	double v;

	while (*s == ' ')
		s++;
	if (!*s)
		return -1;
	v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (*end || !isfinite(v) || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}
