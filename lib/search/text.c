/* Normalisation, stemming and tokenisation of Arabic, English and French (include/tansiq/text.h;
 * the design and its reasons: docs/internals/search.md).
 *
 * A word is collected as code points, normalised character by character (script-driven folds),
 * then stemmed by its script's pipeline:
 *   Arabic  proclitics and the article (وال، بال، لل...) stripped when unambiguous; Snowball's
 *           Arabic stemmer run on "ال" + the word, so that it always takes the noun path; a
 *           second, colocated form without a leading conjunction or preposition when one may be
 *           there (وقرارات: "and resolutions" or a word of its own);
 *   Latin   lower-case, Snowball English or French (which expects accents), then accents folded;
 *           the stem of the word without its accents as a second form.
 * The letters Snowball needs to see (ة for its suffix rules, أ إ آ so that آلية is not ال + ية)
 * are folded after stemming. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "tansiq/text.h"
#include "tansiq/utf8.h"

/* Code points of the Arabic letters the pipeline names. */
enum {
	AR_HAMZA = 0x0621, AR_ALEF_MADDA = 0x0622, AR_ALEF_HAMZA = 0x0623, AR_WAW_HAMZA = 0x0624,
	AR_ALEF_HAMZA_BELOW = 0x0625, AR_YEH_HAMZA = 0x0626, AR_ALEF = 0x0627, AR_BEH = 0x0628,
	AR_TEH_MARBUTA = 0x0629, AR_FEH = 0x0641, AR_KAF = 0x0643, AR_LAM = 0x0644, AR_MEEM = 0x0645,
	AR_NOON = 0x0646, AR_HEH = 0x0647, AR_WAW = 0x0648, AR_ALEF_MAKSURA = 0x0649, AR_YEH = 0x064A,
	AR_ALEF_WASLA = 0x0671, AR_TATWEEL = 0x0640
};

/* What a code point is to the tokenizer. */
enum cls {
	C_SEP,     /* ends a word */
	C_APOS,    /* an apostrophe: ends a word, or joins two letters in English */
	C_DROP,    /* inside a word, removed: diacritics, tatweel, combining marks */
	C_DIGIT,   /* ASCII, Arabic-Indic or Eastern Arabic-Indic digit */
	C_AR,      /* a letter of the Arabic script */
	C_LETTER   /* any other letter */
};

#define MAX_CP TS_TEXT_MAX_TOKEN /* code points kept of one word */

struct ts_text {
	ts_lang lang;
	struct sb_stemmer *ar;    /* Snowball Arabic */
	struct sb_stemmer *latin; /* Snowball English or French; NULL for TS_AR */
};

/* ---- classes ---------------------------------------------------------------------------------- */

static int in(uint32_t cp, uint32_t lo, uint32_t hi)
{
	return cp >= lo && cp <= hi;
}

static enum cls classify(uint32_t cp)
{
	if (cp < 0x80) {
		if (in(cp, '0', '9'))
			return C_DIGIT;
		if (in(cp, 'a', 'z') || in(cp, 'A', 'Z'))
			return C_LETTER;
		return cp == '\'' ? C_APOS : C_SEP;
	}
	if (cp < 0x0600) {
		if (cp == 0xAA || cp == 0xB5 || cp == 0xBA)
			return C_LETTER;
		if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || cp == 0x37E || cp == 0x387 ||
		    in(cp, 0x55A, 0x55F) || cp == 0x589 || cp == 0x58A || in(cp, 0x5BE, 0x5C0) ||
		    cp == 0x5C3 || cp == 0x5C6 || in(cp, 0x5F3, 0x5F4))
			return C_SEP;
		if (cp == 0x2BC)
			return C_APOS;
		if (in(cp, 0x300, 0x36F))
			return C_DROP;
		return C_LETTER;
	}
	if (cp <= 0x08FF) { /* Arabic, Arabic Supplement, Arabic Extended-A */
		if (in(cp, 0x0660, 0x0669) || in(cp, 0x06F0, 0x06F9))
			return C_DIGIT;
		if (in(cp, 0x0610, 0x061A) || in(cp, 0x064B, 0x065F) || cp == 0x0670 || cp == AR_TATWEEL ||
		    in(cp, 0x06D6, 0x06DC) || in(cp, 0x06DF, 0x06E8) || in(cp, 0x06EA, 0x06ED) ||
		    in(cp, 0x08CA, 0x08FF))
			return C_DROP;
		if (in(cp, 0x0620, 0x063F) || in(cp, 0x0641, 0x064A) || in(cp, 0x066E, 0x066F) ||
		    in(cp, 0x0671, 0x06D3) || cp == 0x06D5 || in(cp, 0x06EE, 0x06EF) ||
		    in(cp, 0x06FA, 0x06FC) || cp == 0x06FF || in(cp, 0x0750, 0x077F) ||
		    in(cp, 0x08A0, 0x08C9))
			return C_AR;
		if (in(cp, 0x0700, 0x074F) || in(cp, 0x0780, 0x089F))
			return C_LETTER; /* Syriac, Thaana, N'Ko... */
		return C_SEP;        /* ، ؛ ؟ ٪ ٫ ٬ ۔ and the signs */
	}
	if (cp == 0x2019)
		return C_APOS;
	if (in(cp, 0x2000, 0x2BFF) || in(cp, 0x2E00, 0x2E7F) || in(cp, 0x3000, 0x303F) ||
	    in(cp, 0xD800, 0xF8FF) || in(cp, 0xFE00, 0xFE6F) || in(cp, 0xFD3E, 0xFD3F) ||
	    in(cp, 0xFEFD, 0xFF0F) || in(cp, 0xFF1A, 0xFF20) || in(cp, 0xFF3B, 0xFF40) ||
	    in(cp, 0xFF5B, 0xFF65) || in(cp, 0xFFF0, 0xFFFF) || in(cp, 0x1F000, 0x1FAFF) ||
	    in(cp, 0xE0000, 0x10FFFF))
		return C_SEP;
	if (in(cp, 0xFE70, 0xFE7F))
		return C_DROP; /* diacritics in presentation forms */
	if (in(cp, 0xFB50, 0xFDFF) || in(cp, 0xFE80, 0xFEFC))
		return C_AR;
	return C_LETTER;
}

/* ---- normalisation of one character ---------------------------------------------------------- */

/* Arabic Presentation Forms-B: each run of contextual forms of one letter (or lam-alef). */
static const struct {
	uint16_t first;
	uint8_t count;
	uint16_t to[2];
} pres_b[] = {
	{0xFE80, 1, {0x0621, 0}}, {0xFE81, 2, {0x0622, 0}}, {0xFE83, 2, {0x0623, 0}},
	{0xFE85, 2, {0x0624, 0}}, {0xFE87, 2, {0x0625, 0}}, {0xFE89, 4, {0x0626, 0}},
	{0xFE8D, 2, {0x0627, 0}}, {0xFE8F, 4, {0x0628, 0}}, {0xFE93, 2, {0x0629, 0}},
	{0xFE95, 4, {0x062A, 0}}, {0xFE99, 4, {0x062B, 0}}, {0xFE9D, 4, {0x062C, 0}},
	{0xFEA1, 4, {0x062D, 0}}, {0xFEA5, 4, {0x062E, 0}}, {0xFEA9, 2, {0x062F, 0}},
	{0xFEAB, 2, {0x0630, 0}}, {0xFEAD, 2, {0x0631, 0}}, {0xFEAF, 2, {0x0632, 0}},
	{0xFEB1, 4, {0x0633, 0}}, {0xFEB5, 4, {0x0634, 0}}, {0xFEB9, 4, {0x0635, 0}},
	{0xFEBD, 4, {0x0636, 0}}, {0xFEC1, 4, {0x0637, 0}}, {0xFEC5, 4, {0x0638, 0}},
	{0xFEC9, 4, {0x0639, 0}}, {0xFECD, 4, {0x063A, 0}}, {0xFED1, 4, {0x0641, 0}},
	{0xFED5, 4, {0x0642, 0}}, {0xFED9, 4, {0x0643, 0}}, {0xFEDD, 4, {0x0644, 0}},
	{0xFEE1, 4, {0x0645, 0}}, {0xFEE5, 4, {0x0646, 0}}, {0xFEE9, 4, {0x0647, 0}},
	{0xFEED, 2, {0x0648, 0}}, {0xFEEF, 2, {0x0649, 0}}, {0xFEF1, 4, {0x064A, 0}},
	{0xFEF5, 2, {0x0644, 0x0622}}, {0xFEF7, 2, {0x0644, 0x0623}}, {0xFEF9, 2, {0x0644, 0x0625}},
	{0xFEFB, 2, {0x0644, 0x0627}},
};

/* Latin Extended-A (U+0100 to U+017F), each code point's letter without its accent. */
static const char *const ext_a[] = {
	"a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",    /* 100 */
	"d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",    /* 110 */
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",    /* 120 */
	"i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",  /* 130 */
	"l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",    /* 140 */
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",  /* 150 */
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",    /* 160 */
	"u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",    /* 170 */
};

/* Latin-1 Supplement from U+00DF (ß) to U+00FF, lower case, without accents. */
static const char *const latin1[] = {
	"ss", "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
};

static uint32_t lower(uint32_t cp)
{
	if (in(cp, 'A', 'Z') || (in(cp, 0xC0, 0xDE) && cp != 0xD7) || in(cp, 0x391, 0x3AB) ||
	    in(cp, 0x410, 0x42F))
		return cp + 0x20;
	if (in(cp, 0x400, 0x40F))
		return cp + 0x50;
	if (in(cp, 0x100, 0x137) || in(cp, 0x14A, 0x177))
		return cp | 1;
	if (in(cp, 0x139, 0x148) || in(cp, 0x179, 0x17E))
		return cp & 1 ? cp + 1 : cp;
	if (cp == 0x178)
		return 0xFF;
	return cp;
}

/* Folds of normalise_cp(). */
enum {
	F_ACCENTS = 1, /* é into e, œ into oe (done after stemming for Latin words) */
	F_POST = 2     /* ة into ه, أ إ آ into ا (after stemming Arabic words: Snowball needs them) */
};

/* Appends to cps (*n of max) the normalised form of cp: zero, one or two code points. */
static void normalise_cp(uint32_t cp, int folds, uint32_t *cps, size_t *n, size_t max)
{
	uint32_t out[3] = {0, 0, 0};
	size_t k = 0;

	if (classify(cp) == C_DROP)
		return;
	if (in(cp, 0xFE80, 0xFEFC)) {
		for (size_t i = 0; i < sizeof pres_b / sizeof pres_b[0]; i++)
			if (cp >= pres_b[i].first && cp < (uint32_t)pres_b[i].first + pres_b[i].count) {
				normalise_cp(pres_b[i].to[0], folds, cps, n, max);
				if (pres_b[i].to[1])
					normalise_cp(pres_b[i].to[1], folds, cps, n, max);
				return;
			}
		return;
	}
	if (cp == 0xFDF2) { /* the ligature ﷲ */
		static const uint32_t allah[] = {AR_ALEF, AR_LAM, AR_LAM, AR_HEH};
		for (size_t i = 0; i < 4; i++)
			normalise_cp(allah[i], folds, cps, n, max);
		return;
	}
	if (in(cp, 0x0660, 0x0669))
		out[k++] = '0' + (cp - 0x0660);
	else if (in(cp, 0x06F0, 0x06F9))
		out[k++] = '0' + (cp - 0x06F0);
	else if (cp == AR_ALEF_WASLA)
		out[k++] = AR_ALEF;
	else if (cp == AR_ALEF_MADDA || cp == AR_ALEF_HAMZA || cp == AR_ALEF_HAMZA_BELOW)
		out[k++] = folds & F_POST ? AR_ALEF : cp;
	else if (cp == AR_ALEF_MAKSURA || cp == 0x06CC) /* ى and Persian yeh */
		out[k++] = AR_YEH;
	else if (cp == AR_WAW_HAMZA || cp == AR_YEH_HAMZA)
		out[k++] = AR_HAMZA;
	else if (cp == 0x06A9) /* Persian keheh */
		out[k++] = AR_KAF;
	else if (cp == 0x06C1 || cp == 0x06D5) /* heh goal, ae */
		out[k++] = AR_HEH;
	else if (cp == AR_TEH_MARBUTA)
		out[k++] = folds & F_POST ? AR_HEH : AR_TEH_MARBUTA;
	else if (cp == 0x2019 || cp == 0x2BC)
		out[k++] = '\'';
	else {
		cp = lower(cp);
		if ((folds & F_ACCENTS) && cp >= 0xDF && cp <= 0x17F) {
			const char *s = cp <= 0xFF ? latin1[cp - 0xDF] : cp >= 0x100 ? ext_a[cp - 0x100] : "";
			while (*s && k < 2)
				out[k++] = (unsigned char)*s++;
		} else
			out[k++] = cp;
	}
	for (size_t i = 0; i < k; i++)
		if (*n < max)
			cps[(*n)++] = out[i];
}

/* ---- buffers of code points ------------------------------------------------------------------- */

/* A word as code points. */
typedef struct word {
	uint32_t c[MAX_CP];
	size_t n;
} word;

/* Writes c[0..n) as UTF-8 into out (room for size bytes, NUL-terminated), cut at a character
 * boundary so that it fits; returns the length. */
static size_t to_utf8(const uint32_t *c, size_t n, char *out, size_t size)
{
	size_t len = 0;
	char tmp[4];

	for (size_t i = 0; i < n; i++) {
		int k = ts_utf8_encode(c[i], tmp);
		if (len + (size_t)k + 1 > size)
			break;
		memcpy(out + len, tmp, (size_t)k);
		len += (size_t)k;
	}
	out[len] = '\0';
	return len;
}

/* Decodes the UTF-8 s (len bytes; invalid bytes skipped) into w, applying folds. */
static void from_utf8(const char *s, size_t len, int folds, word *w)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	w->n = 0;
	while (i < len) {
		uint32_t cp;
		int k = ts_utf8_decode(p + i, len - i, &cp);
		if (!k) {
			i++;
			continue;
		}
		normalise_cp(cp, folds, w->c, &w->n, MAX_CP);
		i += (size_t)k;
	}
}

/* ---- Arabic ----------------------------------------------------------------------------------- */

static int starts(const word *w, size_t at, uint32_t a, uint32_t b)
{
	return w->n >= at + 2 && w->c[at] == a && w->c[at + 1] == b;
}

/* Where the word begins after its article and the proclitics before it (و/ف, then ب/ك, then
 * ال; or لل: ل + ال without its alef), or 0 when it has none. What remains has to keep two
 * letters after a bare article, three after a longer prefix: "الدول" gives دول, "والد" and
 * "والي" stay whole. */
static size_t ar_article_end(const word *w)
{
	size_t c = w->n > 0 && (w->c[0] == AR_WAW || w->c[0] == AR_FEH) ? 1 : 0;
	size_t end = 0;

	for (size_t at = 0; at <= c && !end; at++) {
		if (starts(w, at, AR_ALEF, AR_LAM))
			end = at + 2;
		else if (w->n > at && (w->c[at] == AR_BEH || w->c[at] == AR_KAF) && starts(w, at + 1, AR_ALEF, AR_LAM))
			end = at + 3;
		else if (starts(w, at, AR_LAM, AR_LAM))
			end = at + 2;
		if (end && w->n < end + (end == 2 && w->c[0] == AR_ALEF ? 2 : 3))
			end = 0;
	}
	return end;
}

/* The pronoun suffixes a word without article may carry (قراراتها "its resolutions"): stripped
 * when four letters remain, a ت left before them made ة again. Snowball does not strip them from a definite noun, which is what it
 * is given. */
static void ar_strip_pronoun(word *w)
{
	static const uint32_t suf[][3] = {
		{0x0647, 0x0645, AR_ALEF}, {AR_KAF, 0x0645, AR_ALEF}, /* هما كما */
		{0x0647, AR_ALEF, 0}, {0x0647, 0x0645, 0}, {0x0647, AR_NOON, 0},  /* ها هم هن */
		{AR_KAF, 0x0645, 0}, {AR_KAF, AR_NOON, 0}, {AR_NOON, AR_ALEF, 0}, /* كم كن نا */
	};

	for (size_t i = 0; i < sizeof suf / sizeof suf[0]; i++) {
		size_t k = suf[i][2] ? 3 : 2;
		if (w->n < k + 4)
			continue;
		if (memcmp(w->c + w->n - k, suf[i], k * sizeof(uint32_t)) == 0) {
			w->n -= k;
			/* ة is written ت before a pronoun (وساطتها "its mediation"): made ة again, so that
			 * the word meets its bare form; not the plural ات (قراراتها) */
			if (w->c[w->n - 1] == 0x062A && w->c[w->n - 2] != AR_ALEF)
				w->c[w->n - 1] = 0x0629;
			return;
		}
	}
}

/* c[0..n) with the folds that follow stemming, into out. */
static void ar_post(const uint32_t *c, size_t n, word *out)
{
	out->n = 0;
	for (size_t i = 0; i < n; i++)
		normalise_cp(c[i], F_POST, out->c, &out->n, MAX_CP);
}

/* Snowball's Arabic stemmer on "ال" + c[0..n): the article makes it take its noun path (without
 * it, "وساطة" loses its first letter as if it were the conjunction, and "قرارات" is read as a
 * verb ending in ت). The stem goes into out as code points, without a leading ال that Snowball
 * left (it keeps it when too little would remain) and with ة folded. 0, or -1 when memory runs
 * out. */
static int ar_snowball(ts_text *t, const uint32_t *c, size_t n, word *out)
{
	char in_s[MAX_CP * 4 + 8];
	uint32_t tmp[MAX_CP + 2];
	size_t len;
	const sb_symbol *r;

	tmp[0] = AR_ALEF;
	tmp[1] = AR_LAM;
	memcpy(tmp + 2, c, n * sizeof(uint32_t));
	len = to_utf8(tmp, n + 2, in_s, sizeof in_s);
	r = sb_stemmer_stem(t->ar, (const sb_symbol *)in_s, (int)len);
	if (!r)
		return -1;
	from_utf8((const char *)r, (size_t)sb_stemmer_length(t->ar), F_POST, out);
	if (out->n >= 2 && out->c[0] == AR_ALEF && out->c[1] == AR_LAM) {
		if (out->n >= 5) { /* it kept the article: only the article goes */
			memmove(out->c, out->c + 2, (out->n - 2) * sizeof(uint32_t));
			out->n -= 2;
		} else
			out->n = 0; /* البيان: الب; the stem would be too short to mean anything */
	}
	if (out->n == 0) { /* the word, lightly stemmed, rather than a meaningless stem */
		static const uint32_t suf[][2] = {
			{AR_TEH_MARBUTA, 0}, {AR_ALEF, 0x062A}, {AR_YEH, AR_NOON}, {AR_WAW, AR_NOON}, {AR_ALEF, AR_NOON},
		};
		for (size_t i = 0; i < sizeof suf / sizeof suf[0]; i++) {
			size_t k = suf[i][1] ? 2 : 1;
			if (n >= k + 3 && !memcmp(c + n - k, suf[i], k * sizeof(uint32_t))) {
				n -= k;
				break;
			}
		}
		ar_post(c, n, out);
	}
	return 0;
}

/* The name of God, الله: not ال + له, whose ه is not a ة. */
static int is_allah(const word *w)
{
	static const uint32_t allah[] = {AR_ALEF, AR_LAM, AR_LAM, AR_HEH};

	return w->n == 4 && !memcmp(w->c, allah, sizeof allah);
}

/* The dual of a noun in ة keeps its ت (الدولتين, الدولتان) where Snowball leaves it: the stem
 * of the singular (الدولة: دول) is the stem without it. */
static void ar_dual(const word *w, word *stem)
{
	const uint32_t *e;

	if (w->n < 6)
		return;
	e = w->c + w->n - 3;
	if (e[0] == 0x062A && (e[1] == AR_YEH || e[1] == AR_ALEF) && e[2] == AR_NOON &&
	    stem->n >= 4 && stem->c[stem->n - 1] == 0x062A)
		stem->n--;
}

/* The stem of the Arabic word w (normalised, ة kept) in *primary, and in *second the stem
 * without a leading conjunction or preposition when the word may carry one (second->n is 0
 * otherwise). 0, or -1 when memory runs out. */
static int ar_stem(ts_text *t, word *w, int prefix, word *primary, word *second)
{
	size_t art;

	second->n = 0;
	if (w->n > 2 && w->c[w->n - 1] == AR_HEH && !prefix && !is_allah(w))
		w->c[w->n - 1] = AR_TEH_MARBUTA; /* ه and ة are written for each other */
	art = is_allah(w) ? 0 : ar_article_end(w);
	if (prefix || w->n < 3 || is_allah(w)) {
		ar_post(w->c + art, w->n - art, primary);
		return 0;
	}
	if (art) {
		if (ar_snowball(t, w->c + art, w->n - art, primary))
			return -1;
		ar_dual(w, primary);
		return 0;
	}
	if (w->c[0] == AR_ALEF && w->c[1] == AR_LAM) {
		/* ال that is not an article (too little follows): الذي، التي... stay whole */
		ar_post(w->c, w->n, primary);
		return 0;
	}
	ar_strip_pronoun(w);
	if (ar_snowball(t, w->c, w->n, primary))
		return -1;
	ar_dual(w, primary);
	/* و or ف, then ب, ك or ل, each only when four letters remain after it */
	size_t j = 0;
	if (w->n >= 5 && (w->c[0] == AR_WAW || w->c[0] == AR_FEH))
		j = 1;
	if (w->n >= j + 5 && (w->c[j] == AR_BEH || w->c[j] == AR_KAF || w->c[j] == AR_LAM))
		j++;
	if (!j)
		return 0;
	if (ar_snowball(t, w->c + j, w->n - j, second))
		return -1;
	ar_dual(w, second);
	if (second->n == primary->n && !memcmp(second->c, primary->c, primary->n * sizeof(uint32_t)))
		second->n = 0;
	return 0;
}

/* ---- tokenizer -------------------------------------------------------------------------------- */

ts_text *ts_text_new(ts_lang lang)
{
	ts_text *t;

	if (lang != TS_AR && lang != TS_EN && lang != TS_FR)
		return NULL;
	t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->lang = lang;
	t->ar = sb_stemmer_new("arabic", "UTF_8");
	if (lang != TS_AR)
		t->latin = sb_stemmer_new(lang == TS_EN ? "english" : "french", "UTF_8");
	if (!t->ar || (lang != TS_AR && !t->latin)) {
		ts_text_free(t);
		return NULL;
	}
	return t;
}

void ts_text_free(ts_text *t)
{
	if (!t)
		return;
	if (t->ar)
		sb_stemmer_delete(t->ar);
	if (t->latin)
		sb_stemmer_delete(t->latin);
	free(t);
}

ts_lang ts_text_lang(const ts_text *t)
{
	return t->lang;
}

/* French words elided before an apostrophe (l'organisation, qu'il, jusqu'à): no token. */
static int french_elided(const word *w)
{
	static const char *const el[] = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu",
					 "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu"};
	char s[16];

	if (w->n >= sizeof s)
		return 0;
	for (size_t i = 0; i < w->n; i++) {
		if (w->c[i] >= 0x80)
			return 0;
		s[i] = (char)w->c[i];
	}
	s[w->n] = '\0';
	for (size_t i = 0; i < sizeof el / sizeof el[0]; i++)
		if (!strcmp(s, el[i]))
			return 1;
	return 0;
}

/* Emits w (code points, folds applied) as a token. */
static int emit(const word *w, size_t start, size_t end, int colocated, ts_text_token_fn fn, void *ctx)
{
	char s[TS_TEXT_MAX_TOKEN + 1];
	size_t len = to_utf8(w->c, w->n, s, sizeof s);

	return len ? fn(ctx, s, len, start, end, colocated) : 0;
}

/* Stems the word w (normalised; its original at [start, end)) and emits its tokens. */
static int word_tokens(ts_text *t, word *w, int arabic, int digits, int truncated, int flags, size_t start,
		       size_t end, ts_text_token_fn fn, void *ctx)
{
	word a, b;
	int rc;

	if (arabic && !digits && !truncated) {
		if (ar_stem(t, w, flags & TS_TEXT_PREFIX, &a, &b))
			return -1;
		if ((rc = emit(&a, start, end, 0, fn, ctx)) != 0)
			return rc;
		return b.n ? emit(&b, start, end, 1, fn, ctx) : 0;
	}
	if (!arabic && t->latin && !digits && !truncated && !(flags & TS_TEXT_PREFIX)) {
		char s[MAX_CP * 4 + 1];
		size_t len = to_utf8(w->c, w->n, s, sizeof s);
		int accents = 0;
		const sb_symbol *r = sb_stemmer_stem(t->latin, (const sb_symbol *)s, (int)len);
		if (!r)
			return -1;
		from_utf8((const char *)r, (size_t)sb_stemmer_length(t->latin), F_ACCENTS | F_POST, &a);
		/* The stemmer reads accents (négociée: négoci); the same word typed without them
		 * (negociee: negocie) is its second form. */
		b.n = 0;
		for (size_t i = 0; i < w->n; i++) {
			accents |= w->c[i] >= 0x80;
			normalise_cp(w->c[i], F_ACCENTS, b.c, &b.n, MAX_CP);
		}
		if (accents) {
			len = to_utf8(b.c, b.n, s, sizeof s);
			if (!(r = sb_stemmer_stem(t->latin, (const sb_symbol *)s, (int)len)))
				return -1;
			from_utf8((const char *)r, (size_t)sb_stemmer_length(t->latin), F_ACCENTS, &b);
			if ((rc = emit(&a, start, end, 0, fn, ctx)) != 0)
				return rc;
			if (b.n == a.n && !memcmp(a.c, b.c, a.n * sizeof(uint32_t)))
				return 0;
			return emit(&b, start, end, 1, fn, ctx);
		}
	} else {
		a.n = 0;
		for (size_t i = 0; i < w->n; i++)
			normalise_cp(w->c[i], F_ACCENTS | F_POST, a.c, &a.n, MAX_CP);
	}
	return emit(&a, start, end, 0, fn, ctx);
}

int ts_text_tokens(ts_text *t, const char *text, size_t n, int flags, ts_text_token_fn fn, void *ctx)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i = 0;
	int rc0;

	while (i < n) {
		uint32_t cp;
		int k = ts_utf8_decode(p + i, n - i, &cp);
		enum cls c = k ? classify(cp) : C_SEP;

		if (c == C_SEP || c == C_APOS) {
			i += k ? (size_t)k : 1;
			continue;
		}
		/* a word: its code points, normalised before stemming */
		word w;
		size_t start = i, end = i;
		int arabic = 0, digits = 0, truncated = 0, apos_end = 0;
		w.n = 0;
		while (i < n) {
			k = ts_utf8_decode(p + i, n - i, &cp);
			if (!k)
				break;
			c = classify(cp);
			if (c == C_APOS) {
				uint32_t next;
				int k2 = i + (size_t)k < n ? ts_utf8_decode(p + i + k, n - i - (size_t)k, &next) : 0;
				int between = w.n > 0 && k2 && classify(next) == C_LETTER;
				if (between && t->lang == TS_EN && !arabic) {
					/* kept: the English stemmer removes 's */
				} else {
					apos_end = between;
					break;
				}
			} else if (c == C_SEP)
				break;
			if (c == C_AR)
				arabic = 1;
			else if (c == C_DIGIT)
				digits = 1;
			if (w.n < MAX_CP)
				normalise_cp(cp, 0, w.c, &w.n, MAX_CP);
			else
				truncated = 1;
			i += (size_t)k;
			end = i;
		}
		if (apos_end && t->lang == TS_FR && !arabic && french_elided(&w))
			continue; /* l'organisation: only "organisation" */
		if (w.n == 0)
			continue; /* only diacritics */
		if (flags & TS_TEXT_BOUNDS) {
			/* a word that folds to nothing (combining marks alone) has no token in the index */
			size_t marks = 0;
			while (marks < w.n && w.c[marks] >= 0x0300 && w.c[marks] <= 0x036F)
				marks++;
			if (marks < w.n && (rc0 = fn(ctx, text + start, end - start, start, end, 0)) != 0)
				return rc0;
			continue;
		}
		int rc = word_tokens(t, &w, arabic, digits, truncated, flags, start, end, fn, ctx);
		if (rc)
			return rc;
	}
	return 0;
}

struct str_ctx {
	ts_buf *out;
	size_t count;
};

static int str_token(void *ctx, const char *token, size_t len, size_t start, size_t end, int colocated)
{
	struct str_ctx *s = ctx;

	(void)start;
	(void)end;
	if (s->count && ts_buf_addc(s->out, colocated ? '|' : ' '))
		return -1;
	s->count++;
	return ts_buf_add(s->out, token, len) ? -1 : 0;
}

int ts_text_tokens_str(ts_text *t, const char *text, size_t n, int flags, ts_buf *out)
{
	struct str_ctx s = {out, 0};

	return ts_text_tokens(t, text, n, flags, str_token, &s);
}

int ts_text_normalise(const char *text, size_t n, ts_buf *out)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i = 0;

	while (i < n) {
		uint32_t cp, cps[4];
		size_t m = 0;
		char s[4];
		int k = ts_utf8_decode(p + i, n - i, &cp);

		if (!k) {
			i++;
			continue;
		}
		i += (size_t)k;
		if (classify(cp) == C_SEP) {
			if (ts_buf_add(out, text + i - k, (size_t)k))
				return -1;
			continue;
		}
		if (in(cp, 0xFE80, 0xFEFC) || cp == 0xFDF2) { /* up to four letters */
			word w;
			w.n = 0;
			normalise_cp(cp, F_ACCENTS | F_POST, w.c, &w.n, MAX_CP);
			for (size_t j = 0; j < w.n; j++)
				if (ts_buf_add(out, s, (size_t)ts_utf8_encode(w.c[j], s)))
					return -1;
			continue;
		}
		normalise_cp(cp, F_ACCENTS | F_POST, cps, &m, 4);
		for (size_t j = 0; j < m; j++)
			if (ts_buf_add(out, s, (size_t)ts_utf8_encode(cps[j], s)))
				return -1;
	}
	/* an empty result is still a string */
	return out->data ? 0 : ts_buf_add(out, "", 0);
}
