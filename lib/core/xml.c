/* XML text and Atom feed heads (xml.h). */
#include "xml.h"

void ts_xml_text(ts_buf *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '&')
			ts_buf_adds(out, "&amp;");
		else if (c == '<')
			ts_buf_adds(out, "&lt;");
		else if (c == '>')
			ts_buf_adds(out, "&gt;");
		else if (c == '"')
			ts_buf_adds(out, "&quot;");
		else if (c >= 0x20 || c == '\n' || c == '\t')
			ts_buf_addc(out, (char)c);
	}
}

void ts_atom_head(ts_buf *out, const char *lang, const char *title, const char *id, const char *updated,
		  const char *base, const char *self)
{
	ts_buf_adds(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
	ts_xml_text(out, lang);
	ts_buf_adds(out, "\">\n  <title>");
	ts_xml_text(out, title);
	ts_buf_adds(out, "</title>\n  <id>");
	ts_xml_text(out, id);
	ts_buf_adds(out, "</id>\n  <updated>");
	ts_xml_text(out, updated);
	ts_buf_adds(out, "</updated>\n  <author><name>Tansiq</name></author>\n  <link rel=\"self\" href=\"");
	ts_xml_text(out, base);
	ts_xml_text(out, self);
	ts_buf_adds(out, "\"/>\n");
}
