/* Documents from files (lib/search/import.c): the format of a file, the text of text, HTML and
 * PDF files (entities, blocks, scripts, broken markup), the refusals (not UTF-8, no text, too
 * large, a broken PDF, pdftotext missing), the language guessed, and the record made. */
#include <libgen.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "tansiq/search.h"
#include "tansiq/utf8.h"

/* ---- format ---- */

static void test_format(void **state)
{
	(void)state;
	assert_int_equal(ts_doc_format_of("a/b/report.TXT", NULL, 0), TS_DOC_TEXT);
	assert_int_equal(ts_doc_format_of("notes.md", NULL, 0), TS_DOC_TEXT);
	assert_int_equal(ts_doc_format_of("x.text", NULL, 0), TS_DOC_TEXT);
	assert_int_equal(ts_doc_format_of("page.htm", NULL, 0), TS_DOC_HTML);
	assert_int_equal(ts_doc_format_of("page.XHTML", NULL, 0), TS_DOC_HTML);
	assert_int_equal(ts_doc_format_of("scan.pdf", NULL, 0), TS_DOC_PDF);
	/* the extension wins over the content */
	assert_int_equal(ts_doc_format_of("looks.txt", "%PDF-1.4", 8), TS_DOC_TEXT);
	/* no extension known, no content: none */
	assert_int_equal(ts_doc_format_of("archive.zip", NULL, 0), -1);
	assert_int_equal(ts_doc_format_of(".pdf", NULL, 0), -1); /* a hidden file named pdf, no extension */
	assert_int_equal(ts_doc_format_of(NULL, NULL, 0), -1);
	/* sniffed */
	assert_int_equal(ts_doc_format_of("upload", "%PDF-1.7\n%\xe2\xe3", 12), TS_DOC_PDF);
	assert_int_equal(ts_doc_format_of("upload", "\xEF\xBB\xBF \n\t<!DOCTYPE HTML><p>x", 28), TS_DOC_HTML);
	assert_int_equal(ts_doc_format_of("upload", "<Html lang=ar>", 14), TS_DOC_HTML);
	assert_int_equal(ts_doc_format_of("a.dir/README", "plain words, الوساطة", strlen("plain words, الوساطة")), TS_DOC_TEXT);
	assert_int_equal(ts_doc_format_of("upload", "<p>a fragment</p>", 17), TS_DOC_TEXT);
	assert_int_equal(ts_doc_format_of("upload", "M\xe9" "diation", 9), -1); /* Latin-1 */
	assert_int_equal(ts_doc_format_of("upload", "PK\x03\x04\0\0", 6), -1);  /* binary */
	assert_int_equal(ts_doc_format_of("upload", "ab\xE2\x82", 4), -1);    /* cut in a character */
}

/* ---- text ---- */

/* The text of data (len bytes) in fmt, which must succeed; *title too when title is given. */
static char *text_of(const char *data, size_t len, ts_doc_format fmt, char **title)
{
	ts_buf b = TS_BUF_INIT;
	ts_error err = TS_ERROR_INIT;

	if (ts_doc_text("t", data, len, fmt, &b, title, &err))
		fail_msg("ts_doc_text failed: %s", err.detail);
	assert_true(ts_utf8_len(ts_buf_str(&b)) >= 0);
	assert_int_equal(strlen(ts_buf_str(&b)), b.len);
	return ts_buf_detach(&b, NULL);
}

/* ts_doc_text must fail with code, its detail containing want. */
static void doc_refused(const char *name, const char *data, size_t len, ts_doc_format fmt, ts_code code, const char *want)
{
	ts_buf b = TS_BUF_INIT;
	ts_error err = TS_ERROR_INIT;
	char *title = (char *)"untouched";

	assert_int_equal(ts_doc_text(name, data, len, fmt, &b, &title, &err), -1);
	assert_int_equal(err.code, code);
	if (!strstr(err.detail, want))
		fail_msg("detail '%s' does not say '%s'", err.detail, want);
	assert_null(title);
	assert_int_equal(b.len, 0);
	ts_buf_free(&b);
}

static void test_text(void **state)
{
	char *title, *t;
	const char ar[] = "\xEF\xBB\xBF\r\n  الوساطة في النزاعات  \r\nسطر ثان\rسطر ثالث\f\x01صفحة\r\n\r\n";

	(void)state;
	t = text_of(ar, sizeof(ar) - 1, TS_DOC_TEXT, &title);
	assert_string_equal(t, "الوساطة في النزاعات  \nسطر ثان\nسطر ثالث\nصفحة");
	assert_string_equal(title, "الوساطة في النزاعات");
	free(t);
	free(title);

	/* a Markdown heading's marks are not in the title, and the title stops at 500 bytes, whole
	 * characters */
	{
		char md[2000] = "## ";
		for (int i = 0; i < 300; i++)
			strcat(md, "و");
		strcat(md, "\nbody");
		t = text_of(md, strlen(md), TS_DOC_TEXT, &title);
		assert_int_equal(strlen(title), 500);
		assert_int_equal(ts_utf8_len(title), 250);
		free(t);
		free(title);
	}
	t = text_of("#hashtag first\n", 15, TS_DOC_TEXT, &title);
	assert_string_equal(title, "#hashtag first");
	free(t);
	free(title);
	/* title may be NULL */
	t = text_of("x", 1, TS_DOC_TEXT, NULL);
	assert_string_equal(t, "x");
	free(t);

	doc_refused("dir/old.txt", "ok\nM\xe9" "diation", 11, TS_DOC_TEXT, TS_INVALID_VALUE,
		"'dir/old.txt' is not UTF-8 text: byte 4 ");
	doc_refused("old.txt", "M\xe9", 2, TS_DOC_TEXT, TS_INVALID_VALUE, "save it as UTF-8");
	/* the offset counts the byte order mark, as an editor would */
	doc_refused("bom.txt", "\xEF\xBB\xBF" "ab\xC0\x80", 7, TS_DOC_TEXT, TS_INVALID_VALUE, "byte 5 ");
	doc_refused("nul.txt", "ab\0cd", 5, TS_DOC_TEXT, TS_INVALID_VALUE, "byte 2 ");
	doc_refused("cut.txt", "ab\xD9", 3, TS_DOC_TEXT, TS_INVALID_VALUE, "byte 2 ");
	doc_refused("surrogate.txt", "\xED\xA0\x80", 3, TS_DOC_TEXT, TS_INVALID_VALUE, "byte 0 ");
	doc_refused("blank.txt", " \r\n\t\f", 5, TS_DOC_TEXT, TS_INVALID_VALUE, "'blank.txt' has no text");
	doc_refused("empty.txt", "", 0, TS_DOC_TEXT, TS_INVALID_VALUE, "has no text");
	{
		size_t n = TS_DOCUMENT_MAX_BODY + 10;
		char *big = malloc(n);
		assert_non_null(big);
		memset(big, 'a', n);
		doc_refused("big.txt", big, n, TS_DOC_TEXT, TS_INVALID_VALUE, "larger than 8000000 bytes");
		free(big);
	}
}

/* ---- HTML ---- */

static void html_case(const char *html, const char *want, const char *want_title)
{
	char *title = NULL, *t = text_of(html, strlen(html), TS_DOC_HTML, &title);

	if (strcmp(t, want))
		fail_msg("HTML %s\n  gave  [%s]\n  wants [%s]", html, t, want);
	if (want_title && (!title || strcmp(title, want_title)))
		fail_msg("HTML %s\n  gave the title [%s], wants [%s]", html, title ? title : "(none)", want_title);
	assert_true(strlen(t) <= strlen(html));
	free(t);
	free(title);
}

static void test_html(void **state)
{
	(void)state;
	/* the title from <title>, blocks as lines, head, script, style and comments left out */
	html_case("<!DOCTYPE html><html><head><meta charset=utf-8><title> The   &amp; title </title>"
		  "<style>p{color:red}</style><link rel=x></head><body><h1>Head</h1><p>One\n  two</p>"
		  "<script>if (a<b) document.write('</p>')</script><div>Three</div><!-- <p>gone</p> -->Four</body></html>",
		  "Head\n\nOne two\n\nThree\nFour", "The & title");
	/* without a title, the first line */
	html_case("<p>  First   line </p><p>second</p>", "First line\n\nsecond", "First line");
	/* inline tags join, breaks and list items make lines, cells are apart */
	html_case("Un<b>broken</b> <i>words</i><br>next<br/>line<ul><li>a</li><li>b</li></ul>"
		  "<table><tr><td>c1</td><td>c2</td></tr><tr><th>c3</th></tr></table>end",
		  "Unbroken words\nnext\nline\n\na\nb\n\nc1 c2\nc3\n\nend", NULL);
	/* pre keeps its lines */
	html_case("<pre>a  b\nc\n</pre>d", "a b\nc\n\nd", NULL);
	/* text in the head without a body tag ends the head as a browser would */
	html_case("<html><head><title>T</title><p>body text</p>", "body text", "T");
	html_case("<head><title>T</title></head>after head", "after head", "T");
	/* broken markup: a stray '<', an unclosed tag, comment, script or quoted value */
	html_case("a < b and c<d>e", "a < b and ce", NULL);
	html_case("x <3 y", "x <3 y", NULL);
	html_case("text<p class=\"a>b\">para", "text\n\npara", NULL);
	html_case("before<!-- never closed <p>x", "before", NULL);
	html_case("before<script>never closed", "before", NULL);
	html_case("before<a href='x", "before", NULL);
	html_case("<p>end <", "end <", NULL);
	html_case("a<?php echo 1 ?>b<![CDATA[x]]>c", "abc", NULL);
	html_case("<SCRIPT type=x>hidden</SCRIPT >shown<STYLE>hidden</style>", "shown", NULL);
	html_case("<textarea>kept <b>as</b> text</textarea>", "kept <b>as</b> text", NULL);
	html_case("<script/>after", "after", NULL);
	/* a title of its own does not end in the body */
	html_case("<title>A <b>bold</b> &lt;title&gt;</title>x", "x", "A <b>bold</b> <title>");
}

static void test_entities(void **state)
{
	(void)state;
	html_case("&amp;&lt;&gt;&quot;&apos;", "&<>\"'", NULL);
	html_case("a&nbsp;b&#160;c&#xA0;d", "a b c d", NULL);
	html_case("&eacute;t&eacute; &Eacute;cole &oelig;uvre &ccedil;a &euro; &mdash; &hellip;",
		  "été École œuvre ça € — …", NULL);
	html_case("&#1575;&#x644;&#X648;&#x633;&#x627;&#x637;&#x629;", "الوساطة", NULL);
	html_case("&#128512;&#x1F600;", "\xF0\x9F\x98\x80\xF0\x9F\x98\x80", NULL);
	/* numeric references without ';' still count */
	html_case("&#65&#x42;C", "ABC", NULL);
	/* no character: U+FFFD; a control: nothing */
	html_case("a&#xD800;b&#x110000;c&#99999999999999999999;d", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d", NULL);
	html_case("a&#0;b&#x7F;c&#128;d&#9;e", "abcd e", NULL);
	/* unknown, or not closed: as they are */
	html_case("&bogus; &amp &#; &#x; & alone &;", "&bogus; &amp &#; &#x; & alone &;", NULL);
	html_case("AT&T R&D", "AT&T R&D", NULL);
	/* entities do not make tags */
	html_case("&lt;p&gt;x&lt;/p&gt;", "<p>x</p>", NULL);
}

static void test_html_refused(void **state)
{
	(void)state;
	doc_refused("page.html", "<p>caf\xe9</p>", 11, TS_DOC_HTML, TS_INVALID_VALUE, "'page.html' is not UTF-8 text: byte 6 ");
	doc_refused("empty.html", "<html><head><title>Only a title</title></head><body> <p>&nbsp;</p> </body></html>", 81,
		TS_DOC_HTML, TS_INVALID_VALUE, "'empty.html' has no text");
	doc_refused("scripts.html", "<script>all script</script><style>x</style><!-- c -->", 53, TS_DOC_HTML,
		TS_INVALID_VALUE, "has no text");
}

/* ---- PDF ---- */

/* The fixtures folder: from the source root, or beside this file. */
static const char *fixture_path(const char *name, char *out, size_t size)
{
	char file[512];

	if (access("tests/fixtures/docs", R_OK) == 0) {
		snprintf(out, size, "tests/fixtures/docs/%s", name);
		return out;
	}
	snprintf(file, sizeof file, "%s", __FILE__);
	snprintf(out, size, "%s/../fixtures/docs/%s", dirname(file), name);
	return out;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ts_buf b = TS_BUF_INIT;
	char chunk[4096];
	size_t n;

	if (!f)
		fail_msg("cannot open %s", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		assert_int_equal(ts_buf_add(&b, chunk, n), 0);
	fclose(f);
	return ts_buf_detach(&b, len);
}

static int have_pdftotext(void)
{
	return system("command -v pdftotext >/dev/null 2>&1") == 0;
}

static void test_pdf(void **state)
{
	char path[700], *pdf, *title = NULL, *t;
	size_t len;
	const char *old = getenv("PATH");
	char *saved = old ? strdup(old) : NULL;

	(void)state;
	pdf = slurp(fixture_path("good/osprey-report-en.pdf", path, sizeof path), &len);
	assert_int_equal(ts_doc_format_of("upload", pdf, len), TS_DOC_PDF);

	/* without pdftotext on the PATH: which package installs it */
	setenv("PATH", "/nonexistent-tansiq", 1);
	doc_refused("report.pdf", pdf, len, TS_DOC_PDF, TS_IO, "install poppler-utils");
	if (saved)
		setenv("PATH", saved, 1);
	free(saved);

	if (!have_pdftotext()) {
		print_message("pdftotext is not installed (apt-get install poppler-utils): the PDF's text is not checked\n");
		free(pdf);
		return;
	}
	t = text_of(pdf, len, TS_DOC_PDF, &title);
	assert_string_equal(title, "Annual report on the Osprey mediation process");
	assert_non_null(strstr(t, "The mediators of the Organisation met the delegations of both parties in Jeddah."));
	assert_null(strchr(t, '\f'));
	free(t);
	free(title);
	free(pdf);

	pdf = slurp(fixture_path("bad/broken.pdf", path, sizeof path), &len);
	doc_refused("dir/broken.pdf", pdf, len, TS_DOC_PDF, TS_INVALID_VALUE, "'dir/broken.pdf' is not a PDF pdftotext can read");
	free(pdf);
	doc_refused("zero.pdf", "", 0, TS_DOC_PDF, TS_INVALID_VALUE, "zero.pdf");
}

/* pdftotext does not inherit the signals its caller blocks: the server blocks SIGINT and SIGTERM
 * in its threads (sigwait takes them), and a pdftotext that kept them blocked could not be
 * stopped by them. A pdftotext of our own on the PATH prints the signals blocked in it. */
static void test_pdf_signals(void **state)
{
	char dir[] = "/tmp/tansiq-test-pdf-XXXXXX", script[128], *t;
	const char *old = getenv("PATH");
	char *saved = old ? strdup(old) : NULL;
	sigset_t block, was;
	FILE *f;

	(void)state;
	if (access("/proc/self/status", R_OK)) {
		print_message("no /proc/self/status: the signals of pdftotext are not checked\n");
		free(saved);
		return;
	}
	assert_non_null(mkdtemp(dir));
	snprintf(script, sizeof script, "%s/pdftotext", dir);
	assert_non_null(f = fopen(script, "w"));
	fputs("#!/bin/sh\nPATH=/usr/bin:/bin exec grep SigBlk /proc/self/status\n", f);
	fclose(f);
	assert_int_equal(chmod(script, 0700), 0);
	setenv("PATH", dir, 1);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	assert_int_equal(sigprocmask(SIG_BLOCK, &block, &was), 0);
	t = text_of("%PDF-1.4\n", 9, TS_DOC_PDF, NULL);
	sigprocmask(SIG_SETMASK, &was, NULL);
	if (saved)
		setenv("PATH", saved, 1);
	free(saved);
	unlink(script);
	rmdir(dir);
	assert_string_equal(t, "SigBlk:\t0000000000000000");
	free(t);
}

/* ---- language ---- */

static void test_lang(void **state)
{
	(void)state;
#define L(s) ts_doc_guess_lang(s, strlen(s))
	assert_string_equal(L("قرار رقم 53/45-س حول الوساطة في منظمة التعاون الإسلامي"), "ar");
	/* Arabic letters the majority, Latin names aside */
	assert_string_equal(L("اجتمع الوسطاء في Jeddah مع ممثلي OIC"), "ar");
	assert_string_equal(L("The OIC resolution on mediation, في جدة"), "en");
	assert_string_equal(L("La médiation est une priorité pour les États membres et pour la paix."), "fr");
	assert_string_equal(L("Mediation is a priority of the member states and of the Secretariat."), "en");
	assert_string_equal(L("Rapport sur la médiation"), "fr");
	/* no telling word, a tie, no letters: English */
	assert_string_equal(L("Jeddah Dakar"), "en");
	assert_string_equal(L("the le"), "en");
	assert_string_equal(L("2018-11-29 53/45"), "en");
	assert_string_equal(L(""), "en");
	assert_string_equal(ts_doc_guess_lang(NULL, 0), "en");
	/* not UTF-8: no harm */
	assert_string_equal(L("\xff\xfe la \xc3 les des"), "fr");
#undef L
}

/* ---- the record ---- */

static void test_from_file(void **state)
{
	ts_error err = TS_ERROR_INIT;
	json_t *rec = NULL, *meta;
	const char html[] = "<html><head><title>Le titre</title></head><body><p>La médiation est une priorité pour les "
			    "États membres.</p></body></html>";

	(void)state;
	assert_int_equal(ts_doc_from_file("in/folder/brief.html", html, strlen(html), NULL, &rec, &err), 0);
	assert_string_equal(json_string_value(json_object_get(rec, "title")), "Le titre");
	assert_string_equal(json_string_value(json_object_get(rec, "lang")), "fr");
	assert_string_equal(json_string_value(json_object_get(rec, "kind")), "note");
	assert_string_equal(json_string_value(json_object_get(rec, "format")), "html");
	assert_string_equal(json_string_value(json_object_get(rec, "source")), "brief.html");
	assert_string_equal(json_string_value(json_object_get(rec, "body")),
			    "La médiation est une priorité pour les États membres.");
	assert_int_equal(json_object_size(rec), 6);
	assert_int_equal(ts_record_check(&ts_entity_document, rec, &err), 0);
	json_decref(rec);

	/* meta wins, and its other fields are copied */
	meta = json_pack("{s:s, s:s, s:s, s:s, s:s}", "title", "Given", "lang", "en", "kind", "report", "date", "2021-05",
			 "level", "public");
	assert_int_equal(ts_doc_from_file("brief.html", html, strlen(html), meta, &rec, &err), 0);
	assert_string_equal(json_string_value(json_object_get(rec, "title")), "Given");
	assert_string_equal(json_string_value(json_object_get(rec, "lang")), "en");
	assert_string_equal(json_string_value(json_object_get(rec, "kind")), "report");
	assert_string_equal(json_string_value(json_object_get(rec, "date")), "2021-05");
	assert_string_equal(json_string_value(json_object_get(rec, "level")), "public");
	json_decref(rec);
	json_decref(meta);

	/* a file's name that is not UTF-8 becomes a source that is */
	assert_int_equal(ts_doc_from_file("notes-\xe9t\xe9.txt", "texte", 5, NULL, &rec, &err), 0);
	assert_string_equal(json_string_value(json_object_get(rec, "source")), "notes-t.txt");
	json_decref(rec);

	/* errors name the file */
	rec = (json_t *)1;
	assert_int_equal(ts_doc_from_file("upload.bin", "\x89PNG\r\n\x1a\n", 8, NULL, &rec, &err), -1);
	assert_null(rec);
	assert_int_equal(err.code, TS_INVALID_VALUE);
	assert_non_null(strstr(err.detail, "'upload.bin' is neither text, HTML nor PDF"));
	ts_error_clear(&err);
	assert_int_equal(ts_doc_from_file("latin.txt", "caf\xe9", 4, NULL, &rec, &err), -1);
	assert_non_null(strstr(err.detail, "'latin.txt' is not UTF-8"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_entities),
		cmocka_unit_test(test_html_refused),
		cmocka_unit_test(test_pdf),
		cmocka_unit_test(test_pdf_signals),
		cmocka_unit_test(test_lang),
		cmocka_unit_test(test_from_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
