/* Documents from files (search.h): text, HTML and PDF bodies made plain UTF-8 text, the language
 * guessed, and the document record made.
 *
 * Text must be UTF-8 (a byte order mark is dropped, line ends made LF). HTML is read by a small
 * tolerant converter of our own rather than a parser library: what a search needs is the text a
 * reader sees, in reading order, with its blocks as lines; nothing is rendered, so unclosed tags,
 * stray '<' and unknown entities only have to do no harm. PDF goes through poppler's pdftotext
 * (fork and execvp, no shell): reading PDF well is a project of its own. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tansiq/search.h"
#include "tansiq/utf8.h"

/* The longest title taken from a file, in bytes (the field's maximum). */
#define TITLE_MAX 500
/* Seconds pdftotext may take over one file before it is stopped. */
#define PDF_SECONDS 120
/* The largest HTML file read: four times the largest body, for the markup. */
#define HTML_MAX ((size_t)TS_DOCUMENT_MAX_BODY * 4)

/* ---- UTF-8 ---- */

/* The length of the valid UTF-8 sequence at p, of which rem bytes remain, or 0. */
static int seq_at(const unsigned char *p, size_t rem)
{
	uint32_t cp;

	return ts_utf8_decode(p, rem, &cp);
}

/* The offset of the first byte of s[0..len) that is not valid UTF-8 or is NUL, or len. */
static size_t utf8_bad(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		int k = p[i] ? seq_at(p + i, len - i) : 0;
		if (!k)
			return i;
		i += (size_t)k;
	}
	return len;
}

static int put_cp(ts_buf *b, unsigned cp)
{
	char u[4];

	return ts_buf_add(b, u, (size_t)ts_utf8_encode(cp, u));
}

/* The longest prefix of s[0..len) of at most max bytes that ends at a character boundary. */
static size_t utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The first non-empty line of s[0..len), trimmed and cut to TITLE_MAX bytes; a Markdown heading's
 * "# " is left out. NULL when there is none (or memory runs out). */
static char *first_line(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t a = i, b;
		while (i < len && s[i] != '\n')
			i++;
		b = i++;
		while (a < b && is_space((unsigned char)s[a]))
			a++;
		if (a < b && s[a] == '#') {
			size_t h = a;
			while (h < b && s[h] == '#')
				h++;
			if (h < b && s[h] == ' ')
				for (a = h; a < b && is_space((unsigned char)s[a]);)
					a++;
		}
		while (b > a && is_space((unsigned char)s[b - 1]))
			b--;
		if (a < b) {
			size_t n = utf8_cut(s + a, b - a, TITLE_MAX);
			/* a cut may leave spaces at the end */
			while (n > 0 && is_space((unsigned char)s[a + n - 1]))
				n--;
			return strndup(s + a, n);
		}
	}
	return NULL;
}

/* A name for messages: the file's, or "the file". */
static const char *nm(const char *name)
{
	return name && *name ? name : "the file";
}

static int oom(ts_error *err)
{
	return ts_fail(err, TS_INTERNAL, NULL, "out of memory");
}

static int not_utf8(const char *name, size_t at, ts_error *err)
{
	return ts_fail(err, TS_INVALID_VALUE, "body",
		       "'%.200s' is not UTF-8 text: byte %zu is not part of a UTF-8 character (an old encoding such as "
		       "Windows-1256 or Latin-1, or not text at all); save it as UTF-8 and import it again", nm(name), at);
}

static int too_large(const char *name, ts_error *err)
{
	return ts_fail(err, TS_INVALID_VALUE, "body",
		       "the text of '%.200s' is larger than %d bytes, the most a document holds; split it into several files",
		       nm(name), TS_DOCUMENT_MAX_BODY);
}

static int no_text(const char *name, ts_doc_format fmt, ts_error *err)
{
	return ts_fail(err, TS_INVALID_VALUE, "body", "'%.200s' has no text%s", nm(name),
		       fmt == TS_DOC_PDF ? ": a scanned PDF holds images of pages, and tansiq does not read them (no OCR); "
					   "import a PDF with its text, or a text file"
					 : "; import a file with the document's text");
}

/* Appends the text s[0..len) (valid UTF-8) to out with line ends made LF, form feeds made line
 * ends, and the other control characters but tab left out. */
static int add_clean(ts_buf *out, const char *s, size_t len)
{
	size_t i = 0, from = 0;

	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != 0x7F)
			continue;
		if (c == '\t' || c == '\n')
			continue;
		if (ts_buf_add(out, s + from, i - from))
			return -1;
		from = i + 1;
		if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
			continue; /* the LF that follows is kept */
		if ((c == '\r' || c == '\f' || c == '\v') && ts_buf_addc(out, '\n'))
			return -1;
	}
	return ts_buf_add(out, s + from, len - from);
}

/* ---- format ---- */

static int starts_ci(const char *s, size_t len, const char *with)
{
	size_t n = strlen(with);

	if (len < n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != with[i])
			return 0;
	return 1;
}

int ts_doc_format_of(const char *name, const char *data, size_t len)
{
	static const struct {
		const char *ext;
		ts_doc_format fmt;
	} exts[] = {{"txt", TS_DOC_TEXT}, {"text", TS_DOC_TEXT}, {"md", TS_DOC_TEXT},   {"html", TS_DOC_HTML},
		    {"htm", TS_DOC_HTML}, {"xhtml", TS_DOC_HTML}, {"pdf", TS_DOC_PDF}};
	const char *base = name ? strrchr(name, '/') : NULL, *dot;
	size_t i = 0;

	base = base ? base + 1 : name;
	dot = base ? strrchr(base, '.') : NULL;
	if (dot && dot != base)
		for (size_t k = 0; k < sizeof(exts) / sizeof(exts[0]); k++)
			if (!strcasecmp(dot + 1, exts[k].ext))
				return (int)exts[k].fmt;
	if (!data)
		return -1;
	if (len >= 5 && !memcmp(data, "%PDF-", 5))
		return TS_DOC_PDF;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && is_space((unsigned char)data[i]))
		i++;
	if (starts_ci(data + i, len - i, "<!doctype html") || starts_ci(data + i, len - i, "<html"))
		return TS_DOC_HTML;
	if (utf8_bad(data, len) == len)
		return TS_DOC_TEXT;
	return -1;
}

/* ---- HTML ---- */

/* Named entities: the five of XML, the space, and the common ones of French and of typography. */
static const struct entity {
	const char *name;
	unsigned cp;
} entities[] = {
	{"amp", '&'},       {"lt", '<'},         {"gt", '>'},         {"quot", '"'},       {"apos", '\''},
	{"nbsp", ' '},      {"copy", 0xA9},      {"reg", 0xAE},       {"deg", 0xB0},       {"laquo", 0xAB},
	{"raquo", 0xBB},    {"middot", 0xB7},    {"shy", 0xAD},       {"ndash", 0x2013},   {"mdash", 0x2014},
	{"lsquo", 0x2018},  {"rsquo", 0x2019},   {"sbquo", 0x201A},   {"ldquo", 0x201C},   {"rdquo", 0x201D},
	{"bull", 0x2022},   {"hellip", 0x2026},  {"euro", 0x20AC},    {"trade", 0x2122},   {"thinsp", 0x2009},
	{"ensp", 0x2002},   {"emsp", 0x2003},    {"zwnj", 0x200C},    {"zwj", 0x200D},     {"lrm", 0x200E},
	{"rlm", 0x200F},    {"agrave", 0xE0},    {"Agrave", 0xC0},    {"acirc", 0xE2},     {"Acirc", 0xC2},
	{"ccedil", 0xE7},   {"Ccedil", 0xC7},    {"eacute", 0xE9},    {"Eacute", 0xC9},    {"egrave", 0xE8},
	{"Egrave", 0xC8},   {"ecirc", 0xEA},     {"Ecirc", 0xCA},     {"euml", 0xEB},      {"icirc", 0xEE},
	{"iuml", 0xEF},     {"ocirc", 0xF4},     {"Ocirc", 0xD4},     {"ugrave", 0xF9},    {"ucirc", 0xFB},
	{"uuml", 0xFC},     {"yuml", 0xFF},      {"oelig", 0x153},    {"OElig", 0x152},    {"aelig", 0xE6},
	{"times", 0xD7},    {"sect", 0xA7},      {"para", 0xB6},      {NULL, 0},
};

/* Decodes the entity at s[0..len) (s[0] == '&') into out; returns the bytes it took, or 0 when it
 * is no entity known (the '&' is then text). Numeric references take any code point, the
 * controls and those that are no character becoming U+FFFD or nothing; named ones need their ';'. */
static size_t entity_at(const char *s, size_t len, ts_buf *out, int *err)
{
	size_t i = 1;

	if (i < len && s[i] == '#') {
		int hex = 0;
		unsigned long cp = 0;
		size_t start;

		i++;
		if (i < len && (s[i] == 'x' || s[i] == 'X')) {
			hex = 1;
			i++;
		}
		start = i;
		while (i < len && (hex ? isxdigit((unsigned char)s[i]) : isdigit((unsigned char)s[i]))) {
			int d = isdigit((unsigned char)s[i]) ? s[i] - '0' : tolower((unsigned char)s[i]) - 'a' + 10;
			if (cp <= 0x10FFFF)
				cp = cp * (hex ? 16 : 10) + (unsigned long)d;
			i++;
		}
		if (i == start)
			return 0;
		if (i < len && s[i] == ';')
			i++;
		if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0)
			cp = ' ';
		else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			return i; /* a control character: nothing */
		else if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			cp = 0xFFFD;
		if (put_cp(out, (unsigned)cp))
			*err = 1;
		return i;
	}
	while (i < len && i < 12 && isalnum((unsigned char)s[i]))
		i++;
	if (i >= len || s[i] != ';' || i == 1)
		return 0;
	for (const struct entity *e = entities; e->name; e++)
		if (strlen(e->name) == i - 1 && !memcmp(e->name, s + 1, i - 1)) {
			if (put_cp(out, e->cp))
				*err = 1;
			return i + 1;
		}
	return 0;
}

/* The converter's output: text with white space collapsed, and line breaks owed by the blocks
 * closed or opened (written only before the next text, so that none leads or trails). */
struct html_out {
	ts_buf *b;
	size_t start; /* where this output began in b */
	int space;    /* white space seen since the last text */
	int breaks;   /* line breaks owed: 0, 1 or 2 (a paragraph) */
	int failed;
};

static void out_break(struct html_out *o, int n)
{
	if (n > o->breaks)
		o->breaks = n;
}

/* Appends text t[0..n) (decoded, valid UTF-8), collapsing its white space. */
static void out_text(struct html_out *o, const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		size_t from = i;
		if (is_space(c)) {
			o->space = 1;
			continue;
		}
		if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0xA0) { /* U+00A0 */
			o->space = 1;
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7F)
			continue;
		if (o->b->len > o->start) {
			if (o->breaks) {
				if (ts_buf_add(o->b, "\n\n", (size_t)o->breaks))
					o->failed = 1;
			} else if (o->space && ts_buf_addc(o->b, ' ')) {
				o->failed = 1;
			}
		}
		o->breaks = o->space = 0;
		while (i + 1 < n && !is_space((unsigned char)t[i + 1]) && (unsigned char)t[i + 1] >= 0x20 &&
		       (unsigned char)t[i + 1] != 0x7F && !((unsigned char)t[i + 1] == 0xC2 && i + 2 < n &&
							      (unsigned char)t[i + 2] == 0xA0))
			i++;
		if (ts_buf_add(o->b, t + from, i + 1 - from))
			o->failed = 1;
	}
}

/* Decodes the text s[0..len) (entities) and appends it to o. */
static void out_decoded(struct html_out *o, const char *s, size_t len)
{
	ts_buf tmp = TS_BUF_INIT;
	size_t i = 0, from = 0;
	int e = 0;

	while (i < len) {
		size_t k;
		if (s[i] != '&') {
			i++;
			continue;
		}
		if (ts_buf_add(&tmp, s + from, i - from))
			e = 1;
		k = entity_at(s + i, len - i, &tmp, &e);
		if (!k) {
			if (ts_buf_addc(&tmp, '&'))
				e = 1;
			k = 1;
		}
		i += k;
		from = i;
	}
	if (ts_buf_add(&tmp, s + from, len - from))
		e = 1;
	if (e)
		o->failed = 1;
	out_text(o, ts_buf_str(&tmp), tmp.len);
	ts_buf_free(&tmp);
}

/* Where "</name" (case aside) next begins in s[i..len), or len. */
static size_t find_close(const char *s, size_t len, size_t i, const char *name)
{
	size_t n = strlen(name);

	for (; i + 2 + n <= len; i++)
		if (s[i] == '<' && s[i + 1] == '/' && starts_ci(s + i + 2, len - i - 2, name) &&
		    (i + 2 + n == len || !isalnum((unsigned char)s[i + 2 + n])))
			return i;
	return len;
}

/* The end of the tag whose name ends at s[i]: after its '>', quoted values skipped. */
static size_t tag_end(const char *s, size_t len, size_t i, int *self_closing)
{
	char q = 0;

	*self_closing = 0;
	for (; i < len; i++) {
		if (q) {
			if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			q = s[i];
		} else if (s[i] == '>') {
			*self_closing = i > 0 && s[i - 1] == '/';
			return i + 1;
		}
	}
	return len;
}

/* How many line breaks a tag makes: 2 for the blocks that are paragraphs, 1 for the lines, 0. */
static int tag_breaks(const char *t)
{
	static const char *const para[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote",
					   "table", "ul", "ol", "dl", "pre", "header", "footer", "main", "aside", "nav",
					   "figure", "hr", "form", "address", "fieldset", "details", "body", NULL};
	static const char *const line[] = {"br", "li", "div", "tr", "dt", "dd", "caption", "figcaption", "summary",
					   "option", "legend", "center", NULL};
	for (int k = 0; para[k]; k++)
		if (!strcmp(t, para[k]))
			return 2;
	for (int k = 0; line[k]; k++)
		if (!strcmp(t, line[k]))
			return 1;
	return 0;
}

/* The elements that may stand in <head>: another one ends the head (browsers do the same). */
static int head_tag(const char *t)
{
	static const char *const h[] = {"head", "html", "title", "meta", "link", "base", "script", "style", "noscript",
					"template", NULL};
	for (int k = 0; h[k]; k++)
		if (!strcmp(t, h[k]))
			return 1;
	return 0;
}

/* Converts HTML s[0..len) (valid UTF-8) to text appended to out; *title receives the <title>'s
 * text (or NULL). 0, or -1 when memory runs out. The text is never longer than the HTML: every
 * entity is longer than its character, every tag than its line breaks. */
static int html_text(const char *s, size_t len, ts_buf *out, char **title)
{
	struct html_out o = {out, out->len, 0, 0, 0};
	size_t i = 0, from = 0;
	int in_head = 0, in_pre = 0;

	while (i < len) {
		char name[16];
		size_t j, n = 0, end;
		int closing, self;

		if (s[i] != '<') {
			if (in_pre && s[i] == '\n') {
				if (!in_head)
					out_decoded(&o, s + from, i - from);
				out_break(&o, 1);
				from = ++i;
				continue;
			}
			i++;
			continue;
		}
		/* text before the tag */
		if (!in_head)
			out_decoded(&o, s + from, i - from);
		if (i + 3 < len && !memcmp(s + i, "<!--", 4)) {
			const char *e = memmem(s + i + 4, len - i - 4, "-->", 3);
			i = from = e ? (size_t)(e - s) + 3 : len;
			continue;
		}
		if (i + 1 < len && (s[i + 1] == '!' || s[i + 1] == '?')) {
			int sc;
			i = from = tag_end(s, len, i + 2, &sc);
			continue;
		}
		closing = i + 1 < len && s[i + 1] == '/';
		j = i + 1 + (size_t)closing;
		if (j >= len || !isalpha((unsigned char)s[j])) {
			/* "a < b": the '<' is text */
			from = i;
			i++;
			continue;
		}
		while (j < len && (isalnum((unsigned char)s[j]) || s[j] == '-' || s[j] == ':')) {
			if (n + 1 < sizeof(name))
				name[n++] = (char)tolower((unsigned char)s[j]);
			j++;
		}
		name[n] = '\0';
		end = tag_end(s, len, j, &self);
		if (!closing && (!strcmp(name, "script") || !strcmp(name, "style") || !strcmp(name, "title") ||
				 !strcmp(name, "textarea") || !strcmp(name, "template")) && !self) {
			size_t c = find_close(s, len, end, name);
			if (!strcmp(name, "title") && title && !*title) {
				ts_buf t = TS_BUF_INIT;
				struct html_out to = {&t, 0, 0, 0, 0};
				out_decoded(&to, s + end, c - end);
				if (to.failed) {
					ts_buf_free(&t);
					return -1;
				}
				if (t.len) {
					size_t k = utf8_cut(t.data, t.len, TITLE_MAX);
					while (k > 0 && t.data[k - 1] == ' ')
						k--;
					*title = strndup(t.data, k);
					if (!*title) {
						ts_buf_free(&t);
						return -1;
					}
				}
				ts_buf_free(&t);
			} else if (!strcmp(name, "textarea") && !in_head) {
				out_decoded(&o, s + end, c - end);
			}
			i = from = c < len ? tag_end(s, len, c + 2, &self) : len;
			continue;
		}
		if (!strcmp(name, "head"))
			in_head = !closing;
		else if (in_head && !head_tag(name))
			in_head = 0;
		if (!strcmp(name, "pre"))
			in_pre = !closing;
		if (!strcmp(name, "td") || !strcmp(name, "th"))
			o.space = 1;
		out_break(&o, tag_breaks(name));
		i = from = end;
	}
	if (!in_head)
		out_decoded(&o, s + from, len - from);
	return o.failed ? -1 : 0;
}

/* ---- PDF ---- */

/* Runs pdftotext on path, its output appended to out (at most max bytes: *over is set beyond).
 * 0, or -1 with err set. */
static int run_pdftotext(const char *name, const char *path, ts_buf *out, size_t max, int *over, ts_error *err)
{
	int fd[2], status = 0;
	pid_t pid;
	char chunk[65536];
	ssize_t n;

	*over = 0;
	if (pipe2(fd, O_CLOEXEC))
		return ts_fail(err, TS_IO, NULL, "cannot run pdftotext: %s", strerror(errno));
	pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return ts_fail(err, TS_IO, NULL, "cannot run pdftotext: %s", strerror(errno));
	}
	if (pid == 0) {
		/* only async-signal-safe calls until exec: the parent may have threads */
		char *argv[] = {"pdftotext", "-q", "-enc", "UTF-8", (char *)path, "-", NULL};
		int null = open("/dev/null", O_RDWR);
		if (dup2(fd[1], STDOUT_FILENO) < 0)
			_exit(126);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDERR_FILENO);
		}
		signal(SIGPIPE, SIG_DFL);
		/* the signals the caller blocks (the server's threads block SIGINT and SIGTERM) would
		 * stay blocked across exec, and no SIGTERM would stop pdftotext */
		{
			sigset_t none;
			sigemptyset(&none);
			sigprocmask(SIG_SETMASK, &none, NULL);
		}
		alarm(PDF_SECONDS); /* a PDF that makes it loop is stopped */
		execvp(argv[0], argv);
		_exit(errno == ENOENT ? 127 : 126);
	}
	close(fd[1]);
	while ((n = read(fd[0], chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (out->len + (size_t)n > max) {
			*over = 1;
			kill(pid, SIGKILL);
			break;
		}
		if (ts_buf_add(out, chunk, (size_t)n)) {
			*over = 1;
			kill(pid, SIGKILL);
			break;
		}
	}
	close(fd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return ts_fail(err, TS_IO, NULL, "cannot run pdftotext: %s", strerror(errno));
	if (*over)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return ts_fail(err, TS_IO, NULL,
			       "pdftotext is not installed, and '%.200s' is a PDF; install poppler-utils (apt-get install "
			       "poppler-utils)", nm(name));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 126)
		return ts_fail(err, TS_IO, NULL, "cannot run pdftotext for '%.200s'; check that poppler-utils is installed",
			       nm(name));
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
		return ts_fail(err, TS_INVALID_VALUE, "body",
			       "pdftotext did not finish reading '%.200s' in %d seconds; the PDF may be damaged: save it again "
			       "from its application, or import its text", nm(name), PDF_SECONDS);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return ts_fail(err, TS_INVALID_VALUE, "body",
			       "'%.200s' is not a PDF pdftotext can read (damaged, encrypted or not a PDF); save it again from "
			       "its application, or import its text", nm(name));
	return 0;
}

static int pdf_text(const char *name, const char *data, size_t len, ts_buf *raw, int *over, ts_error *err)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096];
	int fd, rc;
	size_t off = 0;

	snprintf(path, sizeof(path), "%s/tansiq-pdf-XXXXXX", tmp && *tmp && strlen(tmp) < 4000 ? tmp : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		return ts_fail(err, TS_IO, NULL, "cannot write a temporary file for '%.200s' in %s: %s", nm(name),
			       tmp && *tmp ? tmp : "/tmp", strerror(errno));
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			rc = ts_fail(err, TS_IO, NULL, "cannot write a temporary file for '%.200s': %s", nm(name),
				     strerror(errno));
			close(fd);
			unlink(path);
			return rc;
		}
		off += (size_t)w;
	}
	close(fd);
	rc = run_pdftotext(name, path, raw, TS_DOCUMENT_MAX_BODY + (size_t)TS_DOCUMENT_MAX_BODY / 8, over, err);
	unlink(path);
	return rc;
}

/* ---- text ---- */

int ts_doc_text(const char *name, const char *data, size_t len, ts_doc_format fmt, ts_buf *text, char **title,
		ts_error *err)
{
	ts_buf body = TS_BUF_INIT, raw = TS_BUF_INIT;
	char *t = NULL;
	size_t bad, bom = 0;
	int rc = -1, over = 0;

	if (title)
		*title = NULL;
	if (!data)
		data = "";
	if (fmt == TS_DOC_PDF) {
		if (pdf_text(name, data, len, &raw, &over, err))
			goto done;
		if (over) {
			too_large(name, err);
			goto done;
		}
		/* pdftotext writes UTF-8; what is not is left out rather than refused */
		if (ts_buf_addc(&raw, '\0')) {
			oom(err);
			goto done;
		}
		for (size_t i = 0; i + 1 < raw.len; i++)
			if (!raw.data[i])
				raw.data[i] = ' ';
		ts_utf8_sanitize(raw.data);
		if (add_clean(&body, raw.data, strlen(raw.data))) {
			oom(err);
			goto done;
		}
	} else {
		if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
			bom = 3;
		data += bom;
		len -= bom;
		/* the text is at most as long as the file: a file far larger is refused before it is read */
		if (len > (fmt == TS_DOC_HTML ? HTML_MAX : TS_DOCUMENT_MAX_BODY + (size_t)TS_DOCUMENT_MAX_BODY / 8)) {
			too_large(name, err);
			goto done;
		}
		if ((bad = utf8_bad(data, len)) < len) {
			not_utf8(name, bom + bad, err);
			goto done;
		}
		if (fmt == TS_DOC_TEXT) {
			if (add_clean(&body, data, len)) {
				oom(err);
				goto done;
			}
		} else if (fmt == TS_DOC_HTML) {
			if (html_text(data, len, &body, title ? &t : NULL)) {
				oom(err);
				goto done;
			}
		} else {
			ts_fail(err, TS_INTERNAL, NULL, "unknown document format %d", (int)fmt);
			goto done;
		}
	}
	/* no white space at either end */
	{
		size_t a = 0, b = body.len;
		while (a < b && is_space((unsigned char)body.data[a]))
			a++;
		while (b > a && is_space((unsigned char)body.data[b - 1]))
			b--;
		if (a == b) {
			no_text(name, fmt, err);
			goto done;
		}
		if (b - a > TS_DOCUMENT_MAX_BODY) {
			too_large(name, err);
			goto done;
		}
		if (title && !t && !(t = first_line(body.data + a, b - a))) {
			oom(err);
			goto done;
		}
		if (ts_buf_add(text, body.data + a, b - a)) {
			oom(err);
			goto done;
		}
	}
	if (title) {
		*title = t;
		t = NULL;
	}
	rc = 0;
done:
	free(t);
	ts_buf_free(&body);
	ts_buf_free(&raw);
	return rc;
}

/* ---- language ---- */

static int is_arabic_letter(unsigned c)
{
	return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) || c == 0x06D5 ||
	       (c >= 0x06FA && c <= 0x06FC) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08C9) ||
	       (c >= 0xFB50 && c <= 0xFDFB) || (c >= 0xFE70 && c <= 0xFEFC);
}

static int is_latin_letter(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/* The common words that tell French from English (lower case, as they are written). */
static const char *const fr_words[] = {"le", "la", "les", "des", "est", "une", "du", "et", "pour", "dans", "qui",
				       "que", "sur", "au", "aux", "avec", "par", "ce", "cette", "ces", "sont",
				       "pas", "il", "elle", "nous", "vous", "ont", "été", "leur", "mais", "ou",
				       "où", "entre", "son", "sa", "ses", NULL};
static const char *const en_words[] = {"the", "of", "and", "to", "is", "in", "that", "for", "on", "with", "as",
				       "are", "by", "this", "be", "from", "it", "was", "an", "which", "or", "have",
				       "has", "not", "its", "their", "were", "between", "will", "at", NULL};

static int in_list(const char *const *list, const char *w, size_t n)
{
	for (int k = 0; list[k]; k++)
		if (strlen(list[k]) == n && !memcmp(list[k], w, n))
			return 1;
	return 0;
}

const char *ts_doc_guess_lang(const char *text, size_t len)
{
	/* the first 256 KiB tell the language as well as the whole */
	const size_t scan = len < 262144 ? len : 262144;
	const unsigned char *p = (const unsigned char *)text;
	long arabic = 0, latin = 0, fr = 0, en = 0;
	char word[16];
	size_t wn = 0, i = 0;
	int long_word = 0;

	if (!text)
		return "en";
	while (i <= scan) {
		unsigned c = 0;
		int k = 1;
		if (i < scan) {
			uint32_t cp = 0;
			k = p[i] ? ts_utf8_decode(p + i, scan - i, &cp) : 0;
			if (!k)
				k = 1; /* not UTF-8: a separator */
			else
				c = cp;
		}
		if (is_arabic_letter(c))
			arabic++;
		if (is_latin_letter(c)) {
			latin++;
			if (wn + (size_t)k < sizeof(word))
				for (int b = 0; b < k; b++)
					word[wn++] = (char)(c < 0x80 ? tolower((int)c) : p[i + (size_t)b]);
			else
				long_word = 1;
		} else {
			if (wn && !long_word) {
				fr += in_list(fr_words, word, wn);
				en += in_list(en_words, word, wn);
			}
			wn = 0;
			long_word = 0;
		}
		i += (size_t)k;
	}
	if (arabic * 2 > arabic + latin)
		return "ar";
	return fr > en ? "fr" : "en";
}

/* ---- the record ---- */

int ts_doc_from_file(const char *name, const char *data, size_t len, const json_t *meta, json_t **out, ts_error *err)
{
	static const char *const fmt_names[] = {"text", "html", "pdf"};
	ts_buf body = TS_BUF_INIT;
	char *title = NULL, *src = NULL;
	const char *base = name ? strrchr(name, '/') : NULL, *key;
	json_t *rec = NULL, *v;
	int fmt;

	*out = NULL;
	base = base ? base + 1 : nm(name);
	fmt = ts_doc_format_of(name, data, len);
	if (fmt < 0)
		return ts_fail(err, TS_INVALID_VALUE, "body",
			       "'%.200s' is neither text, HTML nor PDF; import .txt, .md, .html or .pdf files (text in UTF-8)",
			       nm(name));
	body.max = TS_DOCUMENT_MAX_BODY + 1;
	if (ts_doc_text(name, data, len, (ts_doc_format)fmt, &body, &title, err)) {
		ts_buf_free(&body);
		return -1;
	}
	/* a file's name need not be UTF-8; the record's source is */
	if (!(src = strdup(base)) || !(rec = json_object()))
		goto oom;
	ts_utf8_sanitize(src);
	src[utf8_cut(src, strlen(src), 300)] = '\0';
	if (json_is_object(meta))
		json_object_foreach((json_t *)meta, key, v)
			if (json_object_set(rec, key, v))
				goto oom;
	if (json_object_set_new(rec, "body", json_stringn(body.data, body.len)))
		goto oom;
	if (!json_object_get(rec, "format") && json_object_set_new(rec, "format", json_string(fmt_names[fmt])))
		goto oom;
	if (!json_object_get(rec, "source") && json_object_set_new(rec, "source", json_string(src)))
		goto oom;
	v = json_object_get(rec, "title");
	if (!json_is_string(v) || !*json_string_value(v)) {
		const char *t = title && *title ? title : src;
		if (json_object_set_new(rec, "title", json_stringn(t, utf8_cut(t, strlen(t), TITLE_MAX))))
			goto oom;
	}
	v = json_object_get(rec, "lang");
	if ((!json_is_string(v) || !*json_string_value(v)) &&
	    json_object_set_new(rec, "lang", json_string(ts_doc_guess_lang(body.data, body.len))))
		goto oom;
	v = json_object_get(rec, "kind");
	if ((!json_is_string(v) || !*json_string_value(v)) && json_object_set_new(rec, "kind", json_string("note")))
		goto oom;
	free(title);
	free(src);
	ts_buf_free(&body);
	*out = rec;
	return 0;
oom:
	json_decref(rec);
	free(title);
	free(src);
	ts_buf_free(&body);
	return oom(err);
}
