#!/bin/sh
# End to end on corpus/: index, rank, phrases, fields, dates, JSON, exit
# codes, re-indexing.
. tests/e2e/lib.sh

DB="$WORK/archive.db"
N_CORPUS=$(find corpus -name '*.txt' -o -name '*.txt.gz' | wc -l | tr -d ' ')

run "$INDEX" -d "$DB" corpus/
is "$RC" 0 "index corpus/: exit 0"
like "$ERR" "^indexed $N_CORPUS articles from $N_CORPUS files \\(0 skipped\\) in [0-9.]+ s$" \
	"index corpus/: summary line counts every article"

run "$QUERY" -d "$DB" --count --no-collapse ''
is "$OUT" "$N_CORPUS" "empty query counts every article"

# The right article first for the three demo queries.
run "$QUERY" -d "$DB" --json TTP
is "$RC" 0 "TTP: exit 0"
is "$(echo "$OUT" | hit_files | head -n 1)" "ttp-bases-demand.txt" "TTP: the TTP article first"
is "$(echo "$OUT" | hit_files | sort | tr '\n' ' ')" \
	"border-clashes-october.txt istanbul-talks-collapse.txt khost-strikes.txt ttp-bases-demand.txt ttp-name-only.txt " \
	"TTP: the four articles that say TTP and the one that spells it out (t65-aliases.sh)"
run "$QUERY" -d "$DB" --json --no-aliases TTP
is "$(echo "$OUT" | hit_files | sort | tr '\n' ' ')" \
	"border-clashes-october.txt istanbul-talks-collapse.txt khost-strikes.txt ttp-bases-demand.txt " \
	"TTP --no-aliases: exactly the four articles that say TTP"

run "$QUERY" -d "$DB" --json '"Durand Line"'
is "$(echo "$OUT" | hit_files | head -n 1)" "durand-line-history.txt" '"Durand Line": the history article first'
unlike "$OUT" "durand-apart.txt" '"Durand Line": phrase does not match Durand ... line apart'
is "$(echo "$OUT" | hit_files | sort | tr '\n' ' ')" \
	"border-clashes-october.txt ceasefire-doha.txt durand-line-history.txt " \
	'"Durand Line": exactly the three articles with the phrase'

run "$QUERY" -d "$DB" --json 'Durand AND line'
like "$OUT" "durand-apart.txt" 'Durand AND line (no phrase) matches the article with the words apart'

run "$QUERY" -d "$DB" --json Torkham
is "$(echo "$OUT" | hit_files | head -n 1)" "torkham-crossing-closed.txt" "Torkham: the Torkham article first"

run "$QUERY" -d "$DB" --json '"Durand Line" AND ceasefire' -n 20
is "$(echo "$OUT" | hit_files | tr '\n' ' ')" "ceasefire-doha.txt " \
	'"Durand Line" AND ceasefire: the one article with both'

# Stemming: "closures" finds "closed"/"closure" forms via the stem.
run "$QUERY" -d "$DB" --count 'crossings'
run2=$OUT
run "$QUERY" -d "$DB" --count 'crossing'
is "$run2" "$OUT" "stemming: crossings and crossing match the same articles"

# Diacritics are searchable both ways; case is folded.
run "$QUERY" -d "$DB" --json erdogan
is "$(echo "$OUT" | hit_files | tr '\n' ' ')" "erdogan-mediation.txt " "erdogan finds Erdoğan"
run "$QUERY" -d "$DB" --json 'ERDOĞAN AND Türkiye'
is "$(echo "$OUT" | hit_files | tr '\n' ' ')" "erdogan-mediation.txt " "ERDOĞAN AND Türkiye finds it too"

# Fields.
run "$QUERY" -d "$DB" --json --no-collapse 'title:Torkham'
is "$(echo "$OUT" | hit_files | sort | tr '\n' ' ')" \
	"torkham-crossing-closed.txt wire-trade-dawn.txt wire-trade-frontier.txt wire-trade-tribune.txt " \
	"title:Torkham: only articles with Torkham in the headline"
run "$QUERY" -d "$DB" --json 'source:AFP'
is "$(echo "$OUT" | hit_files | sort | tr '\n' ' ')" \
	"chaman-spin-boldak.txt khost-strikes.txt " "source:AFP: the two AFP stories"
run "$QUERY" -d "$DB" --json 'place:Karachi'
is "$(echo "$OUT" | hit_files | tr '\n' ' ')" "transit-trade-karachi.txt " "place:Karachi: the Karachi dateline"

# Dates: range in the query, --since/--until, sorting.
run "$QUERY" -d "$DB" --json 'date:2025-11-01..2025-11-12' -n 50
is "$(echo "$OUT" | hit_files | sort | tr '\n' ' ')" \
	"erdogan-mediation.txt istanbul-talks-collapse.txt kabul-rejects-demand.txt refugees-returned.txt " \
	"date:2025-11-01..2025-11-12: the four articles dated in range"
run "$QUERY" -d "$DB" --json --since 2025-11-01 --until 2025-11-12 '' -n 50
is "$(echo "$OUT" | hit_files | sort | tr '\n' ' ')" \
	"erdogan-mediation.txt istanbul-talks-collapse.txt kabul-rejects-demand.txt refugees-returned.txt " \
	"--since/--until give the same four"
run "$QUERY" -d "$DB" --json --sort date --since 2025-10-01 '' -n 3
is "$(echo "$OUT" | sed -n 's/.*"date":"\([^"]*\)".*/\1/p' | tr '\n' ' ')" \
	"2025-12-03 2025-11-20 2025-11-12 " "--sort date: newest first"
run "$QUERY" -d "$DB" --since 2025-13-45 TTP
is "$RC" 2 "--since with an impossible date: exit 2"
like "$ERR" "since '2025-13-45' is not a date" "--since error names the bad value"

# JSON keys and validity.
run "$QUERY" -d "$DB" --json TTP -n 1
like "$OUT" '^\{"rank":1,"score":[0-9.]+,"id":"[^"]+","title":"Pakistan tells Kabul to shut TTP bases or face strikes","date":"","source":"Reuters","place":"ISLAMABAD","path":"[^"]*/corpus/ttp-bases-demand.txt","url":"","topics":\[\],"authors":\[\],"duplicates":\[\],"snippet":".*TTP.*"\}$' \
	"JSON hit has the documented keys in order with exact values"
if command -v python3 >/dev/null 2>&1; then
	run "$QUERY" -d "$DB" --json Torkham -n 20
	echo "$OUT" | python3 -c 'import json,sys
for line in sys.stdin: json.loads(line)' 2>/dev/null
	is "$?" 0 "every --json line parses as JSON"
fi

# Facets and timelines: exact counts over every match.
run "$QUERY" -d "$DB" --json -n 0 --facet source --facet month Torkham
is "$OUT" '{"facet":"source","counts":[{"value":"Reuters","count":3},{"value":"AP","count":2},{"value":"BusinessDesk.pk","count":1},{"value":"Peshawar Courier","count":1}]}
{"facet":"month","counts":[{"value":"2025-11","count":2}]}' "--facet source and month: exact counts, most first"
run "$QUERY" -d "$DB" --json -n 0 --timeline week Torkham
is "$OUT" '{"timeline":"week","counts":[{"period":"2025-W46","count":1},{"period":"2025-W47","count":1}]}' \
	"--timeline week: ISO weeks of the dated matches"
run "$QUERY" -d "$DB" -n 0 --timeline month ''
is "$(printf '%s\n' "$OUT" | sed -n '/^timeline/,$p' | sed 's/#*$//; s/ *$//')" "timeline by month (10 periods, dated matches only)
  2025-03         1
  2025-04         0
  2025-05         0
  2025-06         0
  2025-07         0
  2025-08         0
  2025-09         1
  2025-10         3
  2025-11         5
  2025-12         1" "--timeline month: every month from the first to the last, empty ones too"
is "$(printf '%s\n' "$OUT" | grep -c '2025-11 *5 ##################################################$')" 1 \
	"--timeline: the busiest period gets the full bar"
run "$QUERY" -d "$DB" -n 0 --facet place 'date:2025-10-01..2025-12-31'
like "$OUT" "place \\([0-9]+ values\\)" "--facet place: a table"
run "$QUERY" -d "$DB" --facet colour TTP
is "$RC" 2 "--facet with an unknown name: exit 2"

# Exit codes and errors.
run "$QUERY" -d "$DB" zyxwvutsrq
is "$RC" 1 "no match: exit 1"
is "$OUT" "no articles match" "no match: says so"
run "$QUERY" -d "$WORK/missing.db" TTP
is "$RC" 2 "missing database: exit 2"
like "$ERR" "missing.db: no newsidx database here" "missing database: message names it"
run "$QUERY" -d "$DB" '10..20'
is "$RC" 2 "a range with no field: exit 2"
is "$ERR" "newsidx-query: cannot parse query '10..20': QueryParserError: Unknown range operation" \
	"syntax error names the query and the reason"
NEWSIDX_DB="$DB" run "$QUERY" --count TTP
is "$OUT" "5" "NEWSIDX_DB chooses the database"

# Re-indexing the same files changes no counts.
run "$INDEX" -d "$DB" corpus/
is "$RC" 0 "re-index: exit 0"
run "$QUERY" -d "$DB" --count --no-collapse ''
is "$OUT" "$N_CORPUS" "re-index: same number of articles"
run "$QUERY" -d "$DB" --count TTP
is "$OUT" "5" "re-index: same TTP count"

# A missing file and a corrupt .gz are reported and skipped; the rest is in.
mkdir -p "$WORK/in"
cp corpus/ttp-name-only.txt "$WORK/in/good.txt"
head -c 300 corpus/world/ecb-rate-decision.txt.gz >"$WORK/in/broken.txt.gz"
run "$INDEX" -d "$WORK/two.db" "$WORK/in" "$WORK/nope.txt"
is "$RC" 1 "bad inputs: exit 1"
like "$ERR" "broken.txt.gz: truncated gzip data" "truncated .gz is reported with its path"
like "$ERR" "nope.txt: No such file or directory" "missing file is reported with its path"
like "$ERR" "^indexed 1 articles from 2 files \\(2 skipped\\)" "summary counts the skipped inputs"
run "$QUERY" -d "$WORK/two.db" --count --no-collapse ''
is "$OUT" "1" "the good article was indexed and committed"

# Database errors: exit 2.
mkdir -p "$WORK/notadb"
echo hello >"$WORK/notadb/file"
run "$INDEX" -d "$WORK/notadb" corpus/ttp-name-only.txt
is "$RC" 2 "a directory that is not a database: exit 2"
like "$ERR" "notadb: cannot open database" "not a database: message names it"
run "$INDEX" -d "$DB" --lang klingon corpus/
is "$RC" 2 "unknown language: exit 2"
like "$ERR" "unknown language 'klingon'; available: .*english" "unknown language lists the available ones"
run "$INDEX" -d "$DB" --lang french corpus/
is "$RC" 2 "a different language than the database's: exit 2"
like "$ERR" "built with --lang english, not french" "language mismatch is explained"
run "$INDEX" -d "$DB"
is "$RC" 2 "no paths: exit 2"

done_testing
