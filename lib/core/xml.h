/* XML text and the head of Atom feeds (RFC 4287), shared by the library's feeds (internal to
 * lib/: the late mandates of lib/implementation, the alerts of lib/conflicts). */
#ifndef TANSIQ_LIB_XML_H
#define TANSIQ_LIB_XML_H

#include "tansiq/buf.h"

/* Appends s as XML text: &, <, > and " escaped (so it serves in attributes too); control
 * characters other than newline and tab dropped (XML 1.0 has no place for them). */
void ts_xml_text(ts_buf *out, const char *s);

/* Appends the XML declaration and the head of an Atom feed: <feed> in language `lang` ("ar",
 * "en", "fr"), its title, its id (a tag URI), updated (an RFC 3339 UTC time), the author
 * Tansiq and the self link base + self (base may be NULL or ""). Entries follow; the caller
 * ends with "</feed>\n". Every text is escaped. */
void ts_atom_head(ts_buf *out, const char *lang, const char *title, const char *id, const char *updated,
		  const char *base, const char *self);

#endif
