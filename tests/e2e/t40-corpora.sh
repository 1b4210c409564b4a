#!/bin/sh
# The real collections: Reuters-21578 (SGML) and BBC News (plain text).
. tests/e2e/lib.sh
CORPORA=../shared/corpora
[ -d "$CORPORA/reuters21578" ] && [ -d "$CORPORA/bbc" ] ||
	skip_all "../shared/corpora is absent (real collections not available)"

R="$WORK/reuters.db"
run "$INDEX" -q -d "$R" --include '*.sgm.gz' "$CORPORA/reuters21578/"
is "$RC" 0 "Reuters: exit 0"
like "$ERR" "^indexed 21578 articles from 22 files \\(0 skipped\\)" "Reuters: 21,578 articles from 22 files"
is "$("$QUERY" -d "$R" --count --no-collapse '')" 21578 "Reuters: 21,578 in the index"
# Every NEWID 1..21578 exactly once: the unique-id terms, read with
# Xapian's own xapian-delve.
ids=$(xapian-delve -a -1 "$R" | sed -n 's/^Qreuters://p' | sort -n | md5sum)
is "$ids" "$(seq 1 21578 | md5sum)" "Reuters: NEWIDs are exactly 1..21578"
is "$("$QUERY" -d "$R" --count 'id:reuters:12793')" 1 "Reuters: the empty story 12793 is indexed too"
# topic:cocoa, counted independently from the SGML.
expected=$(zcat "$CORPORA"/reuters21578/reut2-*.sgm.gz | grep -c '<TOPICS>.*<D>cocoa</D>')
is "$("$QUERY" -d "$R" --count --no-collapse 'topic:cocoa')" "$expected" "Reuters: topic:cocoa equals the SGML's count ($expected)"
# Facet counts for topics equal counts computed from the SGML itself.
run "$QUERY" -d "$R" --json -n 0 --facet topic ''
for t in cocoa grain earn acq; do
	want=$(zcat "$CORPORA"/reuters21578/reut2-*.sgm.gz | grep -c "<TOPICS>.*<D>$t</D>")
	got=$(printf '%s\n' "$OUT" | grep -o "{\"value\":\"$t\",\"count\":[0-9]*}" | sed 's/.*://; s/}//')
	is "$got" "$want" "Reuters: --facet topic counts $t as the SGML does ($want)"
done
run "$QUERY" -d "$R" --json -n 0 --facet year ''
like "$OUT" '^\{"facet":"year","counts":\[\{"value":"1987","count":21578\}\]\}$' "Reuters: --facet year: every story is from 1987"
run "$QUERY" -d "$R" --json 'id:reuters:1'
like "$OUT" '"title":"BAHIA COCOA REVIEW","date":"1987-02-26","source":"Reuters","place":"SALVADOR"' \
	"Reuters: NEWID 1 title, date, source, place"
like "$OUT" '"topics":\["cocoa"\]' "Reuters: NEWID 1 topics"
run "$QUERY" -d "$R" --json 'place:el-salvador' -n 100
like "$OUT" '"id":"reuters:1"' "Reuters: place:el-salvador finds NEWID 1"
run "$QUERY" -d "$R" --count 'date:1987-02-26..1987-02-26'
like "$OUT" '^[1-9][0-9]*$' "Reuters: a date range query works on 1987 dates"

B="$WORK/bbc.db"
run "$INDEX" -d "$B" "$CORPORA/bbc/"
is "$RC" 0 "BBC: exit 0"
like "$ERR" "^indexed 2225 articles from 2225 files \\(0 skipped\\)" "BBC: 2,225 articles (README.TXT left out)"
like "$ERR" "sport/199.txt: invalid UTF-8, transcoded from Windows-1252" "BBC: the Latin-1 file is noted"
run "$QUERY" -d "$B" --json 'Mutu signing Parma' -n 1
like "$OUT" '"path":"[^"]*/sport/199.txt"' "BBC: the Latin-1 file is found by the text around the pound sign"
like "$OUT" "a £15.8m signing from Parma" "BBC: and shows the pound sign as £"
run "$INDEX" -d "$B" "$CORPORA/bbc/"
like "$ERR" "^indexed 0 articles from 0 files \\(0 skipped\\)" "BBC: re-running adds nothing"

done_testing
