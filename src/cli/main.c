/* tansiq: the command-line tool. Dispatches through the command table. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const option_spec o_none[] = {{NULL, NULL, NULL}};
static const option_spec o_init[] = {
	{"admin", "NAME", "name of the first administrator (default admin)"},
	{"no-defaults", NULL, "start empty, without the organisation's default data"},
	{NULL, NULL, NULL},
};
static const option_spec o_serve[] = {
	{"listen", "HOST:PORT", "address to serve on (default 127.0.0.1:8080)"},
	{"threads", "N", "worker threads (default: one per core)"},
	{"max-body", "BYTES", "largest request body accepted (default 1048576)"},
	{"max-connections", "N", "connections open at once, in all and from one address (default 1024)"},
	{"timeout", "SECONDS", "close a connection idle this long, or whose request has not arrived whole "
			       "within this time (default 15)"},
	{"tls-cert", "FILE", "serve HTTPS with this PEM certificate (chain); needs --tls-key"},
	{"tls-key", "FILE", "the PEM private key of --tls-cert (not encrypted)"},
	{"trusted-proxy", "ADDR", "the IP address of a reverse proxy: its X-Forwarded-For gives the client's address (audit log, sign-in limits)"},
	{"quiet", NULL, "log nothing"},
	{NULL, NULL, NULL},
};
static const option_spec o_list[] = {
	{"filter", "FIELD=VALUE", "only records whose field has this value (repeatable)"},
	{"search", "TEXT", "only records whose names contain this text"},
	{"sort", "FIELD", "sort on a field; -FIELD for descending order"},
	{"limit", "N", "at most N records (default: all)"},
	{"format", "text|json|csv", "output format (default text)"},
	{NULL, NULL, NULL},
};
static const option_spec o_show[] = {
	{"format", "text|json|csv", "output format (default text)"},
	{NULL, NULL, NULL},
};
static const option_spec o_write[] = {
	{"set", "FIELD=VALUE", "give a field a value; an empty value clears it (repeatable)"},
	{"json", "FILE", "read the record from a JSON file (- for standard input)"},
	{"format", "text|json|csv", "how to print the record written (default text)"},
	{NULL, NULL, NULL},
};
static const option_spec o_import[] = {
	{"dry-run", NULL, "check the whole file and report, but change nothing"},
	{"skip-invalid", NULL, "acled, ucdp-ged, ucdp-acd: put in the valid rows and report the rejected ones"},
	{"rejects", "FILE", "acled, ucdp-ged, ucdp-acd: write the rejected rows to FILE as CSV (line,field,value,reason)"},
	{"format", "text|json", "acled, ucdp-ged, ucdp-acd: how to print the counts (default text)"},
	{NULL, NULL, NULL},
};
static const option_spec o_export[] = {
	{"format", "csv|json", "file format (default csv)"},
	{"output", "FILE", "write to FILE instead of standard output"},
	{NULL, NULL, NULL},
};
static const option_spec o_audit[] = {
	{"collection", "COLLECTION", "list: only changes to records of this collection"},
	{"record", "ID", "list: only changes to this record"},
	{"actor", "NAME", "list: only changes made by this account"},
	{"since", "DATE", "list: only changes from this date (YYYY-MM-DD) or UTC time, inclusive"},
	{"until", "DATE", "list: only changes before this date or UTC time"},
	{"limit", "N", "list: at most N entries, newest first (default 50)"},
	{"format", "text|json", "list: output format (default text)"},
	{NULL, NULL, NULL},
};
static const option_spec o_user[] = {
	{"role", "ROLES", "add: the roles, comma-separated: delegate, mediator, analyst, secretariat, admin"},
	{"state", "ISO3", "add, role: a delegate's member state (ISO 3166 alpha-3, e.g. MAR)"},
	{"password-stdin", NULL, "add, passwd: read the password from standard input instead of generating one"},
	{"format", "text|json", "list: output format (default text)"},
	{NULL, NULL, NULL},
};
static const option_spec o_meeting[] = {
	{"rule", "RULE", "quorum: apply this decision rule instead of the organ's"},
	{"format", "text|json", "output format (default text)"},
	{NULL, NULL, NULL},
};
static const option_spec o_vote[] = {
	{"meeting", "ID", "open: the meeting, which must be in session"},
	{"resolution", "ID", "open: the draft resolution put to the vote"},
	{"consensus", NULL, "open: record adoption by consensus at once"},
	{"rule", "RULE", "open: a decision rule instead of the organ's"},
	{"format", "text|json", "output format (default text)"},
	{NULL, NULL, NULL},
};
static const option_spec o_cycles[] = {
	{"on", "YYYY-MM-DD", "judge the cycles on this day (default today)"},
	{"format", "text|json", "output format (default text)"},
	{NULL, NULL, NULL},
};
static const option_spec o_calendar[] = {
	{"lang", "ar|en|fr", "language of titles and places (default en)"},
	{"organ", "ID", "only the meetings of this organ"},
	{NULL, NULL, NULL},
};
static const option_spec o_gap[] = {
	{"by", "addressee|organ|category|year", "how to group (default addressee)"},
	{"on", "YYYY-MM-DD", "judge on this day (default today)"},
	{"organ", "ID", "only the mandates of this organ's resolutions and programmes"},
	{"category", "ID", "only the mandates of resolutions of this category"},
	{"addressee", "KEY", "only this addressee's: oic, secretary_general, all_states, organ:ID, state:ISO3, contact_group:ID, partner:ID"},
	{"resolution", "ID", "only the mandates of this resolution"},
	{"year", "YYYY", "only the mandates given in this year"},
	{"format", "text|json", "output format (default text)"},
	{NULL, NULL, NULL},
};
static const option_spec o_progress[] = {
	{"on", "YYYY-MM-DD", "judge on this day (default today)"},
	{"format", "text|json", "output format (default text)"},
	{NULL, NULL, NULL},
};
static const option_spec o_progress_report[] = {
	{"output", "FILE", "write the export to FILE (default standard output)"},
	{"dry-run", NULL, "check and count the import, write nothing"},
	{NULL, NULL, NULL},
};
static const option_spec o_feed[] = {
	{"addressee", "KEY", "only this addressee's mandates (e.g. state:SAU, secretary_general)"},
	{"lang", "ar|en|fr", "language of the entries (default en)"},
	{NULL, NULL, NULL},
};
static const option_spec o_forecast[] = {
	{"origins", "N", "backtest: how many of the last months to forecast, 6 to 120 (default 24)"},
	{"country", "ISO3", "show: only this country (ISO 3166 alpha-3, e.g. SDN)"},
	{"format", "text|json", "output format (default text)"},
	{NULL, NULL, NULL},
};
static const option_spec o_stats[] = {
	{"year", "YYYY", "conflicts: only this year, with its conflicts in member states"},
	{"from", "FROM", "states: from this month (YYYY-MM); threads: from this year"},
	{"to", "TO", "states: to this month (YYYY-MM); threads: to this year"},
	{"format", "text|json", "output format (default text)"},
	{NULL, NULL, NULL},
};
static const option_spec o_alert[] = {
	{"status", "STATUS", "list: only alerts with this status (open, acknowledged, responded, closed)"},
	{"country", "ISO3", "list: only alerts about this country"},
	{"kind", "KIND", "respond: meeting, resolution, mandate, mediation_process, statement or no_action"},
	{"meeting", "ID", "respond: the meeting held in response"},
	{"resolution", "ID", "respond: the resolution adopted in response"},
	{"mandate", "ID", "respond: the mandate given in response"},
	{"process", "TEXT", "respond: the mediation process"},
	{"text", "TEXT", "respond: the statement, or the reasons of a decision to take no action (20 characters at least)"},
	{"format", "text|json", "output format (default text)"},
	{NULL, NULL, NULL},
};
static const option_spec o_mediator[] = {
	{"status", "STATUS", "list: only members with this status (nominated, approved, declined, withdrawn)"},
	{"kind", "KIND", "list: only this kind; add: mediator, special_envoy or expert"},
	{"language", "CODE", "list: only members who speak this language (a two-letter code such as ar)"},
	{"expertise", "IDS", "list: only members with this area of expertise (an id of expertise-areas); add: their areas, "
			     "separated by spaces"},
	{"region", "REGION", "list: only members with experience in this region (africa, americas, asia, europe, middle_east)"},
	{"availability", "A", "list: only members with this availability (available, limited, unavailable)"},
	{"name-en", "NAME", "add: the name in English (required)"},
	{"name-ar", "NAME", "add: the name in Arabic"},
	{"name-fr", "NAME", "add: the name in French"},
	{"nationality", "ISO3", "add: the nationality (required), such as TUR"},
	{"nominating-state", "ISO3", "add: the member state that nominates"},
	{"by-secretary-general", NULL, "add: nominated by the Secretary-General (instead of --nominating-state)"},
	{"languages", "LIST", "add: languages and level, such as \"ar:native en:fluent fr:working\""},
	{"regions", "LIST", "add: the regions of experience, separated by spaces"},
	{"countries", "ISO3S", "add: the countries of experience, such as \"SDN SOM\""},
	{"experience-years", "N", "add: years of experience"},
	{"account", "USER", "add: their Tansiq account, with which they keep their profile"},
	{"set", "FIELD=VALUE", "add: any other field of a member (tansiq schema mediators); repeatable"},
	{"reason", "TEXT", "decline, withdraw: the reasons, 10 characters at least (required)"},
	{"code", "ID", "sign: the code of conduct signed (default: the one in force)"},
	{"format", "text|json|csv", "output format (default text; csv for list only)"},
	{NULL, NULL, NULL},
};
static const option_spec o_process[] = {
	{"stage", "STAGE", "list: only processes at this stage"},
	{"country", "ISO3", "list: only processes in this country; open: the country (required)"},
	{"title-en", "TITLE", "open: the title in English (required)"},
	{"title-ar", "TITLE", "open: the title in Arabic"},
	{"title-fr", "TITLE", "open: the title in French"},
	{"paragraph", "ID", "open: the resolution paragraph that authorises it, such as 53-45-pol-op-7"},
	{"sg-decision", "TEXT", "open: the decision of the Secretary-General that authorises it (instead of --paragraph)"},
	{"conflict", "ID", "open: the conflict, from the registry of conflicts"},
	{"party-states", "ISO3S", "open: the states party to the conflict, such as \"SDN\""},
	{"parties", "LIST", "open: the parties, separated by semicolons"},
	{"languages", "CODES", "open: the languages of the parties, such as \"ar en\""},
	{"expertise", "IDS", "open: the expertise the process needs (ids of expertise-areas)"},
	{"partners", "IDS", "open: partner organisations, such as \"un au\""},
	{"set", "FIELD=VALUE", "open: any other field of a process (tansiq schema processes); repeatable"},
	{"on", "YYYY-MM-DD", "stage: the day of the transition (default today)"},
	{"reason", "TEXT", "stage: why; required, 10 characters at least, to go back to an earlier stage"},
	{"limit", "N", "match: candidates shown, 1 to 1000 (default 20)"},
	{"excluded", NULL, "match: list the excluded candidates with the rule that excluded each"},
	{"format", "text|json|csv", "output format (default text; csv for list and match)"},
	{NULL, NULL, NULL},
};
static const option_spec o_search[] = {
	{"lang", "ar|en|fr", "only texts in this language"},
	{"kind", "KIND", "only documents of this kind: resolution, report, communique, statement, press or note"},
	{"type", "COLLECTION", "only this collection: documents, states, organisations, organs, persons, meetings, resolutions, "
	 "paragraphs, conflicts or processes"},
	{"organ", "ID", "only documents by this organ"},
	{"year", "YYYY", "only documents of this year"},
	{"limit", "N", "results shown, 1 to 100 (default 20)"},
	{"offset", "N", "results skipped first, 0 to 1000 (default 0)"},
	{"format", "text|json", "output format (default text)"},
	{NULL, NULL, NULL},
};
static const option_spec o_doc[] = {
	{"title", "TITLE", "import: the title (default: the file's own, or its first line)"},
	{"lang", "ar|en|fr", "import: the language (default: guessed from the text)"},
	{"kind", "KIND", "import: resolution, report, communique, statement, press or note (default note)"},
	{"date", "YYYY[-MM[-DD]]", "import: the document's date"},
	{"organ", "ID", "import: the organ that issued it"},
	{"author", "TEXT", "import: the author or issuing body"},
	{"level", "LEVEL", "import: public, members (the default), secretariat or restricted"},
	{"team", "ID", "import: the team that reads a restricted document"},
	{"meeting", "ID", "import: the meeting it belongs to"},
	{"resolution", "ID", "import: the resolution it belongs to"},
	{"conflict", "ID", "import: the conflict it is about"},
	{"process", "ID", "import: the mediation process it belongs to"},
	{"states", "ISO3S", "import: the states it concerns, such as \"SAU KWT\""},
	{"persons", "IDS", "import: the people it concerns (ids of persons)"},
	{"dry-run", NULL, "import: read and check every file, and every document as it would be stored; store nothing"},
	{"format", "text|json|csv", "output format (default text; csv for list only)"},
	{NULL, NULL, NULL},
};
static const option_spec o_help[] = {
	{"man", NULL, "print the manual page (roff)"},
	{NULL, NULL, NULL},
};

const command commands[] = {
	{"init", cmd_init, "[--data DIR] [--admin NAME] [--no-defaults]", "create a data directory with the organisation's default data",
	 "Creates the data directory (default ./var) and its database, loads the organisation's default data "
	 "(member and observer states, organs and their decision rules, offices and their holders, partners, "
	 "contact groups, meetings and resolutions) and creates "
	 "the first administrator with a random password, printed once.", o_init, 0, 0},
	{"serve", cmd_serve, "[--data DIR] [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE]",
	 "serve the web application and the HTTP API",
	 "Serves the web application at / and the JSON API at /api/v1/ (described at /api/v1/openapi.json) "
	 "until interrupted. With --tls-cert and --tls-key it serves HTTPS (TLS 1.2 and 1.3); otherwise plain "
	 "HTTP, meant for 127.0.0.1 behind a reverse proxy that holds the certificate (docs/deployment.md).",
	 o_serve, 0, 0},
	{"list", cmd_list, "COLLECTION [--filter FIELD=VALUE]... [--sort FIELD] [--format text|json|csv]", "list the records of a collection",
	 "Prints the records of a collection. COLLECTION is one of the collections 'tansiq schema' lists: "
	 "states, organs, meetings, resolutions, paragraphs, votes, ballots...", o_list, 1, 1},
	{"show", cmd_show, "COLLECTION ID [--format text|json|csv]", "show one record", "Prints one record with all its fields.",
	 o_show, 2, 2},
	{"add", cmd_add, "COLLECTION (--set FIELD=VALUE... | --json FILE)", "add a record",
	 "Adds a record after checking it like the API does; nothing is written when any field is wrong.", o_write, 1, 1},
	{"edit", cmd_edit, "COLLECTION ID (--set FIELD=VALUE... | --json FILE)", "change fields of a record",
	 "Changes the given fields of a record; the others keep their values.", o_write, 2, 2},
	{"delete", cmd_delete, "COLLECTION ID", "delete a record",
	 "Deletes a record; refused while other records refer to it.", o_none, 2, 2},
	{"import", cmd_import, "COLLECTION|acled|ucdp-ged|ucdp-acd FILE [--dry-run] [--skip-invalid] [--rejects FILE]",
	 "import records from CSV or JSON, or a conflict dataset's file",
	 "Reads a CSV file (first line: field names) or a JSON array (by the .json extension); a record whose id "
	 "exists is updated, others are created. The file is applied whole or not at all: every bad row is "
	 "reported with its line, field and value (up to 16 problems). With acled, ucdp-ged or ucdp-acd instead "
	 "of a collection, FILE (- for standard input) is an ACLED export, a UCDP GED or a UCDP/PRIO ACD CSV file, "
	 "streamed into events (or conflicts and conflict-years): the first bad row stops it and nothing is "
	 "written, unless --skip-invalid; the same file twice changes nothing; a progress bar is shown on a "
	 "terminal.", o_import, 2, 2},
	{"export", cmd_export, "COLLECTION [--format csv|json] [--output FILE]", "export every record of a collection",
	 "Writes every record in the format that import reads.", o_export, 1, 1},
	{"schema", cmd_schema, "[COLLECTION]", "describe the collections and their fields",
	 "Without an argument, lists the collections; with one, lists its fields, types and constraints.", o_none, 0, 1},
	{"audit", cmd_audit, "list|verify [--collection C] [--record ID] [--actor NAME]", "read and verify the audit log",
	 "'audit list' prints the changes made to records, newest first: who, when, from where, and the record "
	 "before and after. 'audit verify' walks the hash chain of the whole log and says which entry was "
	 "edited, removed or moved directly in the database; it exits 1 when the chain is broken.", o_audit, 1, 1},
	{"user", cmd_user, "list | show NAME | add NAME --role ROLES [--state ISO3] | passwd NAME | role NAME ROLES [--state ISO3] | disable NAME | enable NAME | unlock NAME",
	 "manage accounts",
	 "Manages the accounts that sign in to the web application and the API. 'add' and 'passwd' generate a "
	 "password and print it once (or read it with --password-stdin); a new password ends the account's "
	 "sessions. A delegate is bound to one member state (--state). 'disable' ends the account's sessions and "
	 "stops its API tokens; there is no delete, since the audit log names the account. 'unlock' lifts the lock "
	 "that five wrong passwords in a row put on an account. The last enabled administrator cannot be disabled "
	 "or lose the role. Every change is written to the audit log.", o_user, 1, 3},
	{"meeting", cmd_meeting, "quorum MEETING [--rule RULE]", "the quorum of a meeting",
	 "'meeting quorum' counts the member states recorded as present at a meeting against the quorum of its "
	 "organ's decision rule (two-thirds of the member states for the OIC) and says whether it is met.",
	 o_meeting, 2, 2},
	{"vote", cmd_vote, "open --meeting M --resolution R [--consensus] | close VOTE | show VOTE", "open, close and show votes",
	 "'vote open' puts a draft resolution to the vote during a meeting in session, once the quorum is met "
	 "(with --consensus it records adoption by consensus at once). Delegates cast their states' ballots in the "
	 "web application or through the API. 'vote close' closes the vote: those present who did not vote are "
	 "recorded as not voting, the result follows from the decision rule and the draft becomes adopted or not "
	 "adopted. 'vote show' prints the tally and the roll call.", o_vote, 1, 2},
	{"cycles", cmd_cycles, "[--on YYYY-MM-DD]", "when each organ's next session is due",
	 "Lists each organ that meets periodically (the Summit every three years, the Council of Foreign Ministers "
	 "every year...) with its last session recorded, when the next was due and whether it is overdue (due and "
	 "none planned).", o_cycles, 0, 0},
	{"calendar", cmd_calendar, "[--lang ar|en|fr] [--organ ID]", "the meetings as an iCalendar file",
	 "Writes the meetings with a known day as an iCalendar (RFC 5545) file that calendar applications import; "
	 "the server offers the same feed at /api/v1/calendar.ics.", o_calendar, 0, 0},
	{"gap", cmd_gap, "[--by addressee|organ|category|year] [--on YYYY-MM-DD] [--organ ID] [--category ID] [--addressee KEY] [--resolution ID] [--year YYYY]",
	 "the commitment-implementation gap",
	 "Counts the mandates given by resolutions and programmes, grouped by addressee, organ, category or year: how many "
	 "are due, reported on, implemented, not implemented, late (a deadline passed and not implemented, or no report "
	 "since the last one) and silent (no report ever), with their progress; then names the addressees that never "
	 "reported on a mandate due, and the member states that never reported on a mandate addressed to all of them.",
	 o_gap, 0, 0},
	{"progress", cmd_progress, "resolution|result|mandate ID [--on YYYY-MM-DD]", "progress of a resolution, programme or mandate",
	 "Rolls progress up from the latest report on each mandate to its paragraph and resolution (weighted means), or "
	 "through a programme's tree; for a mandate, prints its standing and its timeline of reports.",
	 o_progress, 2, 2},
	{"progress-report", cmd_progress_report, "export [--output FILE] | import FILE [--dry-run]",
	 "the yearly progress report as CSV",
	 "'export' writes every mandate with the status, progress, day and narrative of its latest report. 'import' reads "
	 "the same file back: mandates are created or updated, and a row whose status differs from the mandate's latest "
	 "report files a new report, so the history is kept; the same file imported twice changes nothing. Applied whole "
	 "or not at all.", o_progress_report, 1, 2},
	{"feed", cmd_feed, "deadlines|late [--addressee KEY] [--lang ar|en|fr]", "deadlines (iCalendar) and late mandates (Atom)",
	 "'deadlines' writes the mandates' deadlines of a year back and a year ahead as iCalendar (RFC 5545); 'late' the "
	 "mandates that became late as an Atom feed (RFC 4287). The server offers them at /api/v1/deadlines.ics and "
	 "/api/v1/late.atom.", o_feed, 1, 1},
	{"forecast", cmd_forecast, "fit | backtest [--origins N] | show [--country ISO3]", "the risk forecast of conflict months",
	 "'fit' fits the forecast model on every event stored: for each of the next 1 to 6 months, the probability of 25 or more "
	 "fatalities in a country's month and the expected fatalities, from the country's recent months (docs/internals/forecast.md). "
	 "'show' prints the forecast of each country with events from the stored model. 'backtest' forecasts each of the last N "
	 "months from h months before, with a model fitted only on what was known then, and prints the Brier score and ROC AUC "
	 "of the model beside two baselines: persistence (the origin month's state) and the country's historical rate.",
	 o_forecast, 1, 1},
	{"stats", cmd_stats, "conflicts [--year YYYY] | states [--from YYYY-MM] [--to YYYY-MM] | threads [--from YYYY] [--to YYYY]",
	 "conflicts in member states, events by member state, common threads",
	 "'conflicts' counts the active conflicts (UCDP/PRIO conflict-years) in the world and in member states each year, and "
	 "the share; with --year it lists that year's conflicts in member states. 'states' sums the events and fatalities of "
	 "each member state over the months given. 'threads' lists the root causes, actor types and event types of the "
	 "conflicts in member states, and the pairs that occur together with their lift (docs/internals/alerts.md).",
	 o_stats, 1, 1},
	{"alert", cmd_alert, "list [--status S] [--country ISO3] | show ID | run | ack ID | respond ID --kind K "
	 "[--meeting M|--resolution R|--mandate M|--process P] [--text T] | close ID",
	 "early-warning alerts and the responses to them",
	 "'run' runs the enabled alert rules (forecast above a threshold, sharp escalation against the trailing mean) and "
	 "raises the alerts not raised yet. An alert is acknowledged ('ack'), then the response is recorded ('respond': a "
	 "meeting, resolution, mandate, mediation process, statement, or a decision to take no action with its reasons), "
	 "then it is closed; an alert without a recorded response cannot be closed. The server offers the alerts at "
	 "/api/v1/alerts and as a feed at /api/v1/alerts.atom.", o_alert, 1, 2},
	{"mediator", cmd_mediator, "list [--status S] [--language CODE] [--expertise ID] [--region R] [--availability A] | "
	 "show ID | add --name-en NAME --nationality ISO3 --kind KIND (--nominating-state ISO3 | --by-secretary-general) "
	 "[--languages L] [--expertise IDS] [--regions R] [--countries ISO3S] [--experience-years N] [--account USER] "
	 "[--set FIELD=VALUE]... | approve ID | decline ID --reason TEXT | withdraw ID --reason TEXT | sign ID [--code ID]",
	 "the network of mediators, special envoys and experts",
	 "'list' prints the roster, filtered by status, kind, language, expertise, region or availability. 'show' prints a "
	 "member's profile: the record, the code of conduct signed against the one in force, declared interests, training "
	 "and places on teams. 'add' records a nomination by a member state or by the Secretary-General (status nominated); "
	 "the secretariat then approves it or declines it with its reasons, and withdraws an approved member. 'sign' records "
	 "the member's signature of the code of conduct in force (there is nothing to sign while none is adopted).",
	 o_mediator, 1, 2},
	{"process", cmd_process, "list [--stage S] [--country ISO3] | show ID | open --title-en TITLE --country ISO3 "
	 "(--paragraph ID | --sg-decision TEXT) [--conflict ID] [--party-states ISO3S] [--parties \"A; B\"] [--languages CODES] "
	 "[--expertise IDS] [--partners IDS] [--set FIELD=VALUE]... | stage ID STAGE [--on YYYY-MM-DD] [--reason TEXT] | "
	 "match ID [--limit N] [--excluded]",
	 "mediation processes: open, move through their stages, match a team",
	 "'open' records a mediation process authorised by a resolution paragraph or a decision of the Secretary-General; it "
	 "starts at exploration with a team of its own that reads its journal. 'stage' moves it to exploration, "
	 "pre_negotiation, ceasefire, framework, comprehensive, implementation or closed on a day; going back needs the "
	 "reason. 'match' ranks the approved members of the network for it: the hard rules first (available, signed the code "
	 "in force, not a national of a state party, no declared interest touching a party, below their load, not on the "
	 "team already), then the weighted scores (match-weights), each candidate with the points of each criterion and the "
	 "excluded with the rule that excluded them. 'show' prints the process with its stages as a timeline, its team, its "
	 "agreements with their provisions, and its journal when the reader may read it.",
	 o_process, 1, 3},
	{"search", cmd_search, "QUERY [--lang ar|en|fr] [--kind K] [--type COLLECTION] [--organ ID] [--year YYYY] [--limit N] "
	 "[--offset N] [--format text|json]",
	 "search documents and records in Arabic, English and French",
	 "Searches the documents and the records (states, organisations, organs, people, meetings, resolutions and their "
	 "paragraphs, conflicts, mediation processes) for QUERY, in any of its forms: الوساطة finds وساطة, والوساطات and "
	 "بالوساطة; mediators finds mediation; médiations finds médiation. Words are all required; \"a phrase\" keeps its "
	 "words together; a prefix* finds the words that begin so; OR between two words finds either; -word leaves out the "
	 "texts with it. Results are ranked by BM25 with the title above the text, each with a snippet whose matched words "
	 "are marked, then counted by collection, language, kind, year and organ.",
	 o_search, 1, 1},
	{"doc", cmd_doc, "import PATH... [--title T] [--lang L] [--kind K] [--date D] [--organ ID] [--level L] [--dry-run] "
	 "[--meeting M] [--resolution R] [--conflict C] [--process P] [--states ISO3S] [--persons IDS] | list | show ID | reindex",
	 "the archive of documents: import files and folders, list, show",
	 "'import' reads text (.txt, .md, in UTF-8), HTML (.html, .htm) and PDF (.pdf, through poppler's pdftotext; a scanned "
	 "PDF has no text to read) files, and the files of folders and their subfolders (hidden files aside), and stores "
	 "each as a document, its title from the file (or its first line) and its language guessed unless given, with a "
	 "progress bar; every file is read first, and a bad one stops the import with nothing stored. 'list' and 'show' "
	 "print documents; 'reindex' builds the search index again from the records.",
	 o_doc, 1, MAX_ARGS},
	{"help", cmd_help, "[COMMAND] [--man]", "show help", "Shows the help of tansiq or of a command.", o_help, 0, 1},
	{NULL, NULL, NULL, NULL, NULL, NULL, 0, 0},
};

static void print_options(FILE *out, const option_spec *opts)
{
	for (const option_spec *o = opts; o->name; o++) {
		char left[64];
		snprintf(left, sizeof(left), "--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(out, "  %-28s %s\n", left, o->help);
	}
}

static void command_help(FILE *out, const command *c)
{
	fprintf(out, "usage: tansiq %s %s\n\n%s\n\noptions:\n", c->name, c->synopsis, c->description);
	print_options(out, c->opts);
	print_options(out, common_options);
}

static void main_help(FILE *out)
{
	fprintf(out, "usage: tansiq COMMAND [ARGS] [--data DIR]\n\n"
		     "Tansiq, the information system of the Organisation of Islamic Cooperation.\n\ncommands:\n");
	for (const command *c = commands; c->name; c++)
		fprintf(out, "  %-8s %s\n", c->name, c->summary);
	fprintf(out, "\nSee 'tansiq COMMAND --help' for a command's options.\n");
}

static void roff(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '-' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
}

static void man_page(FILE *out)
{
	fprintf(out, ".TH TANSIQ 1 \"\" \"tansiq %s\" \"Tansiq Manual\"\n.SH NAME\ntansiq \\- the information system of the "
		     "Organisation of Islamic Cooperation\n.SH SYNOPSIS\n.B tansiq\n.I COMMAND\n[\\fIARGS\\fR] [\\fB\\-\\-data\\fR \\fIDIR\\fR]\n"
		     ".SH DESCRIPTION\nTansiq keeps the registry of the organisation (states, organs, offices, partners, "
		     "contact groups) and serves it as a trilingual web application and a JSON API.\n.SH COMMANDS\n", TANSIQ_VERSION);
	for (const command *c = commands; c->name; c++) {
		fprintf(out, ".TP\n.B tansiq %s ", c->name);
		roff(out, c->synopsis);
		fprintf(out, "\n");
		roff(out, c->description);
		fprintf(out, "\n");
		for (const option_spec *o = c->opts; o->name; o++) {
			fprintf(out, ".RS\n.TP\n.B \\-\\-");
			roff(out, o->name);
			if (o->arg) {
				fprintf(out, " ");
				roff(out, o->arg);
			}
			fprintf(out, "\n");
			roff(out, o->help);
			fprintf(out, "\n.RE\n");
		}
	}
	fprintf(out, ".SH EXIT STATUS\n0 on success, 1 on an error in the data or the store, 2 on a usage error.\n"
		     ".SH FILES\n.TP\n.I ./var/tansiq.db\nthe database (SQLite) of the default data directory\n"
		     ".SH SEE ALSO\nThe README and docs/ of the source tree; the API at /api/v1/openapi.json.\n");
}

int cmd_help(args *a)
{
	if (arg_get(a, "man", NULL)) {
		man_page(stdout);
		return EXIT_OK;
	}
	if (a->npos) {
		for (const command *c = commands; c->name; c++)
			if (!strcmp(c->name, a->pos[0])) {
				command_help(stdout, c);
				return EXIT_OK;
			}
		fprintf(stderr, "error: unknown command '%s'\nhint: see tansiq --help\n", a->pos[0]);
		return EXIT_USAGE;
	}
	main_help(stdout);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	args a;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		main_help(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("tansiq %s\n", TANSIQ_VERSION);
		return EXIT_OK;
	}
	if (ts_init()) {
		fprintf(stderr, "error: cannot initialise the cryptographic library (no system randomness)\n");
		return EXIT_ERROR;
	}
	for (const command *c = commands; c->name; c++) {
		if (strcmp(c->name, argv[1]))
			continue;
		if (args_parse(&a, c, argc - 2, argv + 2))
			return EXIT_USAGE;
		if (arg_get(&a, "help", NULL)) {
			command_help(stdout, c);
			return EXIT_OK;
		}
		return c->fn(&a);
	}
	fprintf(stderr, "error: unknown command '%s'\nhint: see tansiq --help\n", argv[1]);
	return EXIT_USAGE;
}
