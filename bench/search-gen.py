#!/usr/bin/env python3
"""Generates the corpus of bench/search.sh: N documents in Arabic, English and French made of the
vocabularies in bench/search-vocab/ (words in their base forms, inflected here), and the queries
timed and judged, with, for the Arabic ones, the documents each should find.

    bench/search-gen.py OUT_DIR [--docs 100000] [--seed 1] [--ar 0.5 --en 0.25]

Writes OUT_DIR/corpus.tsv, one document a line:
    id, lang, kind, date, organ, level, title, body   (TAB-separated; no TAB nor newline inside)
and OUT_DIR/queries.tsv, one query a line:
    group, lang, query, lemma, relevant, forms
(relevant: the line numbers, from 0, of corpus.tsv; forms: "form:count" of the lemma's forms as
written in the first 2,000 documents, the most frequent first)
where group is "ar-variant" for the Arabic queries in another form than the indexed words (their
relevant set: every Arabic document holding ANY form of the lemma, the generator's truth), and
"en", "fr", "two-words", "phrase", "prefix", "or" for the others (timed only, relevant empty).

Deterministic: the same arguments give the same files (Python's random with the seed).
Arabic words get clitics (و ف ب ل ال وال بال لل...), feminine and plural endings (ة ات ين ون),
duals, pronoun suffixes (ه ها هم), and about 4 in 100 a diacritic, a tatweel, a bare alef for a
hamza or a final ه for ة; English and French words their plurals and verb forms, French nouns
sometimes an elided article (l'). Word frequencies follow Zipf's law (the files' order), and
each document is mostly of one of 16 topics, so that a word's documents are not everybody's.
"""
import argparse
import itertools
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["resolution", "report", "communique", "statement", "press", "note"]
ORGANS = ["summit", "cfm", "secretariat", "executive-committee", "cpr", "al-quds-committee",
          "comiac", "comcec", "comstech", "sesric", "isdb", "pcsu", "council-of-wise-persons"]
LEVELS = ["public"] * 10 + ["members"] * 7 + ["secretariat"] * 3
TOPICS = 16
NOISE = 0.04  # the share of Arabic words given a diacritic, tatweel, bare alef or final ه


def read_vocab(lang):
    out = []
    with open(os.path.join(HERE, "search-vocab", lang + ".txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                w, c = line.split()
                out.append((w, c))
    return out


# ---- Arabic forms: (form, weight) of a base form of class c

ARTICLES = [("ال", 50), ("وال", 20), ("بال", 12), ("فال", 4), ("لل", 8), ("وبال", 3), ("كال", 3)]
PROCLITICS = [("", 60), ("و", 15), ("ب", 8), ("ل", 8), ("ف", 4), ("وب", 2.5), ("ول", 2.5)]


def definite(s, art):
    if art == "لل" and s.startswith("ل"):  # ل + اللجنة is written للجنة
        return "ل" + s
    return art + s


def ar_forms(w, c, lemmas=frozenset()):
    """The forms of base form w of class c; a form that is another lemma of the vocabulary
    (مساعد + ة is مساعدة) is left to that lemma."""
    if c == "x":
        return [(w, 1.0)]
    if c == "p":
        forms = [(w, 70), ("و" + w, 15), ("ب" + w, 8), ("ف" + w, 3)]
        forms.append(("لل" + w[2:] if w.startswith("ال") else "ل" + w, 4))
        return forms
    # the stems, each with its weight, and what takes a pronoun
    stems = [(w, 60)]
    pron = None
    if c == "f":
        stems += [(w[:-1] + "ات", 20), (w[:-1] + "تين", 2), (w[:-1] + "تان", 1)]
        pron = w[:-1] + "ت"
    elif c == "a":
        stems += [(w + "ات", 25)]
        pron = w
    elif c == "m":
        stems += [(w + "ون", 8), (w + "ين", 12)]
        if w + "ة" not in lemmas:
            stems += [(w + "ة", 10), (w + "ات", 5)]
        pron = w
    elif c == "j":
        stems += [(w + "ة", 30), (w + "ون", 4), (w + "ين", 6), (w + "ات", 5)]
    elif c == "n":
        pron = w
    forms = {}
    tot_art = sum(x for _, x in ARTICLES)
    tot_pro = sum(x for _, x in PROCLITICS)
    for s, sw in stems:
        for a, aw in ARTICLES:  # definite: 55%
            f = definite(s, a)
            forms[f] = forms.get(f, 0) + sw * 0.55 * aw / tot_art
        for p, pw in PROCLITICS:  # indefinite: 45% (35% when it takes pronouns)
            f = p + s
            forms[f] = forms.get(f, 0) + sw * (0.35 if pron else 0.45) * pw / tot_pro
    if pron:
        for suf, sw in (("ه", 4), ("ها", 4), ("هم", 2)):
            for p, pw in (("", 8), ("و", 2)):
                f = p + pron + suf
                forms[f] = forms.get(f, 0) + 60 * 0.10 * sw / 10 * pw / 10
    return list(forms.items())


# what noisy_ar() adds, removed to find a noisy word's form (a bare alef is not put back: such
# forms are not counted)
STRIP = {ord(c): None for c in "\u064e\u064f\u0650\u0651\u064b\u0640"}


def form_of(w, known):
    """The form a written word was made from, when it is in known: diacritics and tatweel
    removed, a final ه read as ة."""
    core = w.translate(STRIP)
    if core not in known and core.endswith("ه"):
        core = core[:-1] + "ة"
    return core in known
DIACRITICS = ["\u064e", "\u064f", "\u0650", "\u0651", "\u064b"]


def noisy_ar(word, rnd):
    """A form of word as writers and OCR also give it: one diacritic, a tatweel, a bare alef
    for a hamza, or a final ه for ة."""
    k = rnd.randrange(4)
    n = len(word)
    if k == 0 and n >= 2:
        i = rnd.randrange(1, n)
        return word[:i] + rnd.choice(DIACRITICS) + word[i:]
    if k == 1 and n >= 3:
        i = rnd.randrange(1, n - 1)
        return word[:i] + "\u0640" + word[i:]
    if k == 2 and any(h in word for h in "أإآ"):
        for h in "أإآ":
            word = word.replace(h, "ا")
        return word
    if word.endswith("ة"):
        return word[:-1] + "ه"
    return word[:1] + "\u064e" + word[1:] if n >= 2 else word


# ---- English and French forms

def en_forms(w, c):
    if c == "n":
        if w.endswith(("s", "x", "sh", "ch")):
            pl = w + "es"
        elif w.endswith("y") and w[-2] not in "aeiou":
            pl = w[:-1] + "ies"
        else:
            pl = w + "s"
        return [(w, 65), (pl, 35)]
    if c == "v":
        base = w[:-1] if w.endswith("e") else w
        ed = w + "d" if w.endswith("e") else w + "ed"
        return [(w, 35), (w + "s", 15), (ed, 35), (base + "ing", 15)]
    return [(w, 1)]


def fr_forms(w, c):
    vowel = w[0] in "aeéèêiîoôuhâ"
    forms = []
    if c == "n":
        pl = w if w.endswith(("s", "x", "z")) else (w + "x" if w.endswith(("au", "eu")) else w + "s")
        forms = [(w, 55), (pl, 35)]
        if vowel:
            forms.append(("l'" + w, 10))
        return forms
    if c == "j":
        fem = w if w.endswith("e") else (w + "le" if w.endswith("el") else
                                         w[:-1] + "ve" if w.endswith("f") else
                                         w[:-2] + "ière" if w.endswith("ier") else w + "e")
        mpl = w[:-1] + "ux" if w.endswith("al") else (w if w.endswith("s") else w + "s")
        return [(w, 40), (fem, 30), (mpl, 15), (fem + "s", 15)]
    if c == "v":
        r = w[:-2]
        return [(w, 20), (r + "é", 25), (r + "ée", 10), (r + "és", 10), (r + "e", 15), (r + "ent", 15),
                (r + "ons", 5)]
    return [(w, 1)]


class Lang:
    """A language's forms, flat: form, lemma and weight, with the cumulative weights of three
    pools: the words that take no ending (particles), every other word, and each topic's."""

    def __init__(self, code, vocab, forms_of, zipf=1.0):
        self.code = code
        self.vocab = vocab
        self.form, self.lemma = [], []
        weights, topic_of = [], []
        for r, (w, c) in enumerate(vocab):
            lw = 1.0 / (r + 1) ** zipf
            fs = forms_of(w, c)
            tot = sum(x for _, x in fs)
            for f, x in fs:
                self.form.append(f)
                self.lemma.append(r)
                weights.append(lw * x / tot)
                topic_of.append(-1 if c == "x" else r % TOPICS)

        def pool(idx):
            return idx, list(itertools.accumulate(weights[i] for i in idx))
        every = range(len(self.form))
        self.func = pool([i for i in every if topic_of[i] < 0])
        self.content = pool([i for i in every if topic_of[i] >= 0])
        self.topic = [pool([i for i in every if topic_of[i] == t]) for t in range(TOPICS)]

    def draw(self, rnd, n, topic, func=0.35, general=0.15):
        """n form indices: a share func of particles, then of the rest a share general from the
        whole vocabulary and the others from the document's topic."""
        nf = int(n * func) if self.func[0] else 0
        ng = int((n - nf) * general)
        idx = rnd.choices(self.func[0], cum_weights=self.func[1], k=nf) if nf else []
        idx += rnd.choices(self.content[0], cum_weights=self.content[1], k=ng)
        idx += rnd.choices(self.topic[topic][0], cum_weights=self.topic[topic][1], k=n - nf - ng)
        rnd.shuffle(idx)
        return idx


def words_of(lang, idx, rnd, sentences):
    """The text of form indices idx: Arabic words sometimes noisy; sentences capitalised (Latin)
    and ended with a full stop, with a comma now and then."""
    ws = [lang.form[i] for i in idx]
    if lang.code == "ar":
        for j in range(len(ws)):
            if rnd.random() < NOISE:
                ws[j] = noisy_ar(ws[j], rnd)
    if not sentences:
        return " ".join(ws)
    out, j = [], 0
    comma = "،" if lang.code == "ar" else ","
    while j < len(ws):
        n = rnd.randint(8, 20)
        s = ws[j:j + n]
        if lang.code != "ar":
            s[0] = s[0][:1].upper() + s[0][1:]
        if len(s) > 8 and rnd.random() < 0.5:
            s[len(s) // 2] += comma
        out.append(" ".join(s) + ".")
        j += n
    return " ".join(out)


def query_lemmas(ar):
    """The 30 Arabic lemmas asked: وساطة first, then content words spread over the frequencies."""
    content = [r for r, (w, c) in enumerate(ar.vocab) if c in "famjn"]
    first = [r for r in content if ar.vocab[r][0] == "وساطة"]
    rest = [r for r in content if r not in first]
    step = max(1, len(rest) // 29)
    return (first + rest[::step])[:30]


def query_form(w, c, k):
    """The k-th way of asking for w: never a plain copy of the base form with nothing else,
    except k == 0; forms the indexed text holds in other spellings."""
    plural = {"f": w[:-1] + "ات", "a": w + "ات", "m": w + "ين", "j": w + "ة"}.get(c)
    ways = [
        w,                                                    # the base form: وساطة
        "ال" + (plural or w),                                 # definite plural: الوساطات
        "بال" + w,                                            # clitic + article: بالوساطة
        ("ال" + w[:-1] + "ه") if w.endswith("ة") else ("وال" + w),  # الوساطه / والقرار
        (w[:-1] + "تها") if w.endswith("ة") else (w + "ها" if c != "j" else "لل" + w + "ة"),
        w[:1] + "\u064e" + w[1:],                             # with a diacritic
    ]
    return ways[k % len(ways)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ar", type=float, default=0.5)
    ap.add_argument("--en", type=float, default=0.25)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    ar_vocab = read_vocab("ar")
    ar_lemmas = frozenset(w for w, _ in ar_vocab)
    langs = {"ar": Lang("ar", ar_vocab, lambda w, c: ar_forms(w, c, ar_lemmas)),
             "en": Lang("en", read_vocab("en"), en_forms),
             "fr": Lang("fr", read_vocab("fr"), fr_forms)}
    ar = langs["ar"]
    qlemmas = query_lemmas(ar)
    wanted = set(qlemmas)
    relevant = {r: [] for r in qlemmas}
    forms = {r: {} for r in qlemmas}  # the forms written in the corpus, with their counts
    form_set = {r: {ar.form[i] for i in range(len(ar.form)) if ar.lemma[i] == r}
                for r in qlemmas}
    os.makedirs(a.out, exist_ok=True)
    size = 0
    with open(os.path.join(a.out, "corpus.tsv.tmp"), "w", encoding="utf-8") as f:
        for d in range(a.docs):
            x = rnd.random()
            code = "ar" if x < a.ar else ("en" if x < a.ar + a.en else "fr")
            L = langs[code]
            topic = rnd.randrange(TOPICS)
            tidx = L.draw(rnd, rnd.randint(5, 12), topic, func=0.15, general=0.1)
            bidx = L.draw(rnd, rnd.randint(100, 400), topic)
            title = words_of(L, tidx, rnd, False)
            title = title[:1].upper() + title[1:]
            body = words_of(L, bidx, rnd, True)
            if code == "ar":
                for r in wanted.intersection(L.lemma[i] for i in itertools.chain(tidx, bidx)):
                    relevant[r].append(d)
                if d < 2000:  # the forms of the asked lemmas, noise included, from a sample
                    for w in (title + " " + body).split():
                        w = w.strip("،.")
                        for r in qlemmas:
                            if form_of(w, form_set[r]):
                                forms[r][w] = forms[r].get(w, 0) + 1
            date = "%d-%02d-%02d" % (rnd.randint(1970, 2025), rnd.randint(1, 12), rnd.randint(1, 28))
            f.write("gen-%06d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" % (
                d, code, rnd.choice(KINDS), date, rnd.choice(ORGANS), rnd.choice(LEVELS), title, body))
            size += len(body.encode("utf-8"))
    os.replace(os.path.join(a.out, "corpus.tsv.tmp"), os.path.join(a.out, "corpus.tsv"))

    qs = []
    for k, r in enumerate(qlemmas):
        w, c = ar.vocab[r]
        q = "الوساطة" if w == "وساطة" else query_form(w, c, k)
        fs = sorted(forms[r].items(), key=lambda x: -x[1])
        qs.append(("ar-variant", "ar", q, w, " ".join(map(str, relevant[r])),
                   " ".join("%s:%d" % x for x in fs)))
    for q in ["mediation", "refugees", "negotiated", "humanitarian assistance"]:
        qs.append(("en", "en", q, "", "", ""))
    for q in ["médiations", "negociation", "l'organisation", "réfugiés"]:
        qs.append(("fr", "fr", q, "", "", ""))
    for lang, q in [("ar", "الوساطة الإسلامية"), ("ar", "قرارات المؤتمر"), ("en", "peace agreement"),
                    ("fr", "accord paix")]:
        qs.append(("two-words", lang, q, "", "", ""))
    for lang, q in [("ar", '"منظمة التعاون الإسلامي"'), ("en", '"islamic cooperation"'),
                    ("fr", '"coopération islamique"')]:
        qs.append(("phrase", lang, q, "", "", ""))
    for lang, q in [("ar", "وسا*"), ("en", "negoti*"), ("fr", "médiat*")]:
        qs.append(("prefix", lang, q, "", "", ""))
    for lang, q in [("ar", "الصومال OR اليمن"), ("en", "famine OR hunger")]:
        qs.append(("or", lang, q, "", "", ""))
    with open(os.path.join(a.out, "queries.tsv"), "w", encoding="utf-8") as f:
        for row in qs:
            f.write("\t".join(row) + "\n")
    print("search-gen: %d documents, %.1f MB of body text, %d queries (seed %d)" % (
        a.docs, size / 1e6, len(qs), a.seed), file=sys.stderr)


if __name__ == "__main__":
    main()
