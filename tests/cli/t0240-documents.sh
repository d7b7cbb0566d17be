#!/usr/bin/env bash
# tansiq doc: a folder of files (Arabic text with a byte order mark and CRLF, English HTML with
# entities, a script, a style and a comment, French Markdown in a subfolder, an English PDF read
# by pdftotext; a hidden file and a .csv left out) imported in one go; their languages and titles;
# tansiq search finding them in every language (Arabic forms, a phrase, a prefix, marked snippets)
# and never finding the script, style or comment; doc show, list and reindex; bad files (not
# UTF-8, a broken PDF, an HTML page without text) refused with a message naming the file and
# nothing stored, a bad file among good ones too; --dry-run stores nothing.
. "$(dirname "$0")/lib.sh"

FIX=$REPO_ROOT/tests/fixtures/docs
init_data || { not_ok "init"; done_testing; }
have_pdf=1
command -v pdftotext >/dev/null || have_pdf=0

run doc --help
expect_status 0 "doc --help"
for s in import list show reindex; do
	assert_match "$OUT" "(usage: tansiq doc |\| )$s( |$)" "doc --help names '$s'"
done

before=$(count documents)
run doc import "$FIX/good" --data "$DATA"
if [ $have_pdf = 0 ]; then
	echo "# pdftotext is not installed (apt-get install poppler-utils): the PDF checks are skipped"
	expect_status 1 "without pdftotext, a folder with a PDF is refused"
	assert_match "$ERR" "pdftotext is not installed.*poppler-utils" "saying which package installs pdftotext"
	rm -rf "$TEST_DIR/good" && cp -r "$FIX/good" "$TEST_DIR/good" && rm "$TEST_DIR/good/osprey-report-en.pdf"
	run doc import "$TEST_DIR/good" --data "$DATA"
fi
expect_status 0 "doc import of a folder"
n=$((3 + have_pdf))
assert_match "$OUT" "^imported $n documents \(.*[0-9.]+ (bytes|kB) of text\) from $n files$" "the summary says $n documents from $n files"
assert_eq "$(count documents)" "$((before + n))" "$n documents more"

run doc list --format json --data "$DATA"
by() { json "const d2 = items.find((x) => x.source === '$1'); d2 ? [d2.lang, d2.kind, d2.format, d2.title, 'body' in d2].join('|') : 'none'" <"$OUT"; }
assert_eq "$(by sandan-mediation-ar.txt)" "ar|note|text|الوساطة في نزاع جزر سندان|false" \
	"the Arabic text: Arabic, a note, its first line as title (no BOM), no body in the list"
assert_eq "$(by kestrel-brief-en.html)" "en|note|html|Quarterly brief & outlook: mediation in the Kestrel valley|false" \
	"the HTML page: English, its <title> with &amp; decoded"
assert_eq "$(by tamaris-mediation-fr.md)" "fr|note|text|Rapport sur la médiation dans la vallée de Tamaris|false" \
	"the Markdown in a subfolder: French, its heading as title"
if [ $have_pdf = 1 ]; then
	assert_eq "$(by osprey-report-en.pdf)" "en|note|pdf|Annual report on the Osprey mediation process|false" \
		"the PDF: English, read by pdftotext, its first line as title"
fi
assert_eq "$(by .hidden-note.txt)" "none" "a hidden file is left out"
assert_eq "$(by ignored.csv)" "none" "a file of another kind in a folder is left out"
run doc list --data "$DATA"
assert_match "$OUT" "^[0-9a-f]+ +- +fr +note +Rapport sur la médiation" "doc list prints id, date, lang, kind and title"

# ---- search ----
S() { run search "$@" --data "$DATA"; }
S "سندان"
assert_match "$OUT" "^1 found" "search سندان finds the Arabic document"
assert_match "$OUT" "نزاع جزر \[سندان\]" "with the word marked in the snippet"
S "والوساطات سندان"
assert_match "$OUT" "^1 found" "والوساطات (another form of الوساطة) and سندان find it"
S "بالوساطة" --lang ar --type documents --format json
assert_match "$OUT" '"sandan-mediation|الوساطة في نزاع جزر سندان' "بالوساطة finds it among the mediation documents"
S "kestrel"
assert_match "$OUT" "^1 found" "search kestrel finds the HTML page"
assert_match "$OUT" "resumed in \[Kestrel\]" "its text, with the white space collapsed and the match marked"
S '"special envoy" kestrel'
assert_match "$OUT" "The \[special envoy\] met" "a phrase is found and marked"
S "kestr*"
assert_match "$OUT" "^1 found" "a prefix finds it"
for w in zanzibarscript stylecontent commentword hiddenfileword csvfileword; do
	S "$w"
	assert_match "$OUT" "^0 found" "'$w' (in a script, a style, a comment, a hidden or a .csv file) is not found"
done
S "médiations tamaris"
assert_match "$OUT" "^1 found" "médiations (another form) and Tamaris find the French document"
assert_match "$OUT" "\[médiation\] dans la vallée de \[Tamaris\]" "with both words marked"
if [ $have_pdf = 1 ]; then
	S "osprey mediators"
	assert_match "$OUT" "^1 found" "words of the PDF find it"
	assert_match "$OUT" "The \[mediators\] of the Organisation" "the PDF's text in the snippet"
fi

# ---- show ----
id=$(json "items.find((x) => x.source === 'kestrel-brief-en.html').id" < <("$TANSIQ" doc list --format json --data "$DATA"))
run doc show "$id" --data "$DATA"
expect_status 0 "doc show"
assert_match "$OUT" "^format +html$" "shows the fields"
assert_match "$OUT" "^The special envoy met the parties on 3 May\. Talks on the ceasefire — and on prisoners — resumed in Kestrel\.$" \
	"then the body: entities decoded (&nbsp; &mdash; &#8212;), lines joined"
assert_match "$OUT" "^Both parties said that \"confidence building\" was needed <now>, at a cost of €2 million!$" \
	"&quot; &lt; &gt; &euro; &#160; &#x21; decoded"
assert_match "$OUT" "^first item$" "list items are lines"
assert_match "$OUT" "^Unbroken word, and an unknown &bogus; entity kept as it is\.$" "inline tags join, unknown entities stay"
assert_no_match "$OUT" "zanzibar|font-family|<p>|commentword" "no script, style, tag or comment in the body"
run doc show "$id" --format json --data "$DATA"
assert_eq "$(json 'd.format + " " + d.source + " " + d.level' <"$OUT")" "html kestrel-brief-en.html members" \
	"doc show --format json: format, source, and the default level"
ar=$(json "items.find((x) => x.source === 'sandan-mediation-ar.txt').id" < <("$TANSIQ" doc list --format json --data "$DATA"))
run doc show "$ar" --format json --data "$DATA"
assert_eq "$(json '[d.body.includes("\r"), d.body.charCodeAt(0) === 0xFEFF, d.body.split("\n").length].join(" ")' <"$OUT")" \
	"false false 5" "the Arabic body: no CR, no BOM, its 5 lines"
run doc show no-such-doc --data "$DATA"
expect_status 1 "doc show of an unknown id fails"

# ---- bad files ----
n_before=$(count documents)
snap=$(snapshot "$DATA")
run doc import "$FIX/bad/latin1.txt" --data "$DATA"
expect_status 1 "a Latin-1 text is refused"
assert_match "$ERR" "latin1\.txt' is not UTF-8 text: byte 1 .*save it as UTF-8" "naming the file, the byte and the fix"
run doc import "$FIX/bad/empty.html" --data "$DATA"
expect_status 1 "an HTML page without text is refused"
assert_match "$ERR" "empty\.html' has no text" "naming the file"
if [ $have_pdf = 1 ]; then
	run doc import "$FIX/bad/broken.pdf" --data "$DATA"
	expect_status 1 "a broken PDF is refused"
	assert_match "$ERR" "broken\.pdf' is not a PDF pdftotext can read" "naming the file"
fi
run doc import "$FIX/good" "$FIX/bad/latin1.txt" --data "$DATA"
expect_status 1 "a bad file among good ones stops the import"
assert_match "$ERR" "latin1\.txt" "naming the bad file"
assert_match "$ERR" "^nothing was stored$" "saying nothing was stored"
run doc import "$FIX/good" --organ no-such-organ --data "$DATA"
expect_status 1 "an unknown organ is refused"
assert_match "$ERR" "kestrel-brief-en\.html': field 'organ'" "naming the file and the field"
run doc import "$FIX/good" --title "One title" --data "$DATA"
expect_status 2 "--title with several files is a usage error"
run doc import "$FIX/good" --lang de --data "$DATA"
expect_status 2 "--lang de is refused before any file is read"
assert_match "$ERR" "lang" "naming the option"
run doc import "$TEST_DIR/nowhere" --data "$DATA"
expect_status 1 "a path that does not exist is refused"
assert_match "$ERR" "nowhere" "naming it"
assert_eq "$(count documents)" "$n_before" "no document was stored by the refused imports"
assert_eq "$(snapshot "$DATA")" "$snap" "and the data did not change"

# ---- --dry-run ----
run doc import "$FIX/good" --dry-run --data "$DATA"
expect_status 0 "--dry-run of the good folder"
assert_match "$OUT" "sandan-mediation-ar\.txt: ar, text, [0-9]+ bytes of text, \"الوساطة في نزاع جزر سندان\"" "reports each file"
assert_match "$OUT" "^would import $n documents .*nothing was stored \(--dry-run\)$" "and what it would import"
run doc import "$FIX/good" "$FIX/bad" --dry-run --data "$DATA"
expect_status 1 "--dry-run with bad files fails"
assert_match "$ERR" "latin1\.txt" "reporting the Latin-1 file"
assert_match "$ERR" "empty\.html" "and the empty page, without stopping at the first"
assert_eq "$(count documents)" "$n_before" "--dry-run stored nothing"
assert_eq "$(snapshot "$DATA")" "$snap" "and changed nothing"

# ---- one file with its metadata, then reindex ----
run doc import "$FIX/good/more/tamaris-mediation-fr.md" --title "Médiation à Tamaris" --kind report --date 2021-05 \
	--level public --format json --data "$DATA"
expect_status 0 "one file with --title, --kind, --date, --level"
assert_eq "$(json 'd.items[0].title + "|" + d.items[0].kind + "|" + d.items[0].date + "|" + d.items[0].level + "|" + d.items[0].lang' <"$OUT")" \
	"Médiation à Tamaris|report|2021-05|public|fr" "the options win over the file's own"
run doc reindex --data "$DATA"
expect_status 0 "doc reindex"
assert_match "$OUT" "^indexed [0-9]+ records$" "says how many records it indexed"
S "tamaris" --kind report
assert_match "$OUT" "^1 found" "the index is whole after reindex"

done_testing
