#!/bin/sh
# Spelling suggestions on corpus/: "Torkam" (one letter to the editor)
# against "Torkham" (nine articles), and every case where nothing must be
# offered.  Suggestions go to stderr; --json adds a line before the hits.
# Counts and sets here are of articles: wire copies are not collapsed
# (--no-collapse), as spelling is about words, not copies.
. tests/e2e/lib.sh

DB="$WORK/archive.db"
run "$INDEX" -q -d "$DB" corpus/
is "$RC" 0 "index corpus/: exit 0"

# The articles that say Torkham, by hand: grep -il torkham corpus/*.txt
# (the .gz articles do not).
TORKHAM="jalalabad-traders.txt kabul-prices-rise.txt khyber-bazaar-quiet.txt \
refugees-returned.txt torkham-crossing-closed.txt transit-trade-karachi.txt \
wire-trade-dawn.txt wire-trade-frontier.txt wire-trade-tribune.txt "
is "$(grep -il torkham corpus/*.txt | sed 's|.*/||' | tr '\n' ' ')" "$TORKHAM" \
	"the corpus says Torkham in exactly nine articles"

# The misspelling: suggested, and --correct runs the correction.
run "$QUERY" --no-collapse -d "$DB" --count Torkam
is "$OUT" "1" "Torkam --count: stdout is the bare count of the query as typed"
is "$ERR" "Did you mean: torkham" "Torkam: suggests torkham on stderr"
is "$RC" 0 "Torkam: exit 0 (the letter matches)"

run "$QUERY" --no-collapse -d "$DB" --json --no-snippets -n 50 Torkam
is "$(echo "$OUT" | head -n 1)" '{"suggestion":"torkham","corrected":false}' \
	"Torkam --json: the suggestion is the first line"
is "$(echo "$OUT" | sed 1d | hit_files | tr '\n' ' ')" "torkam-misspelled.txt " \
	"Torkam --json: then the hits of the query as typed, the letter"
is "$(echo "$OUT" | grep -c '"rank"')" "1" "Torkam --json: the suggestion line has no rank"

run "$QUERY" --no-collapse -d "$DB" --json --no-snippets -n 50 --correct Torkam
is "$(echo "$OUT" | head -n 1)" '{"suggestion":"torkham","corrected":true}' \
	"Torkam --correct --json: first line says the correction was run"
is "$(echo "$OUT" | sed 1d | hit_files | sort | tr '\n' ' ')" "$TORKHAM" \
	"Torkam --correct: exactly the nine Torkham articles"
is "$(echo "$OUT" | sed -n 2p | hit_files)" "torkham-crossing-closed.txt" \
	"Torkam --correct: the Torkham article first, as for Torkham"
is "$ERR" "Showing results for: torkham" "Torkam --correct: says so on stderr"

run "$QUERY" --no-collapse -d "$DB" --count --correct Torkam
is "$OUT" "9" "Torkam --count --correct: the count of torkham"

run "$QUERY" --no-collapse -d "$DB" -n 1 Torkam
is "$ERR" "Did you mean: torkham" "Torkam (listing): suggestion on stderr"
unlike "$OUT" "Did you mean" "Torkam (listing): stdout holds only the listing"
like "$OUT" "^1 shown of 1 matching article$" "Torkam (listing): the query as typed"

run "$QUERY" --no-collapse -d "$DB" --count 'Torkam crossing'
is "$ERR" "Did you mean: torkham crossing" \
	"Torkam crossing: corrected word lower-cased, the rest as typed"
# Why: the ORed counts tie, the counts with every word required do not.
is "$("$QUERY" --no-collapse -d "$DB" --count --no-suggest 'Torkam crossing') $("$QUERY" --no-collapse -d "$DB" --count --no-suggest 'torkham crossing')" \
	"19 19" "Torkam crossing and torkham crossing ORed: 19 articles each"
is "$("$QUERY" --no-collapse -d "$DB" --count --no-suggest 'Torkam AND crossing') $("$QUERY" --no-collapse -d "$DB" --count --no-suggest 'torkham AND crossing')" \
	"0 8" "... and with both words required: 0 against 8"
run "$QUERY" --no-collapse -d "$DB" --count 'Torkam AND crossing'
is "$ERR" "Did you mean: torkham AND crossing" "Torkam AND crossing: operator kept"
run "$QUERY" --no-collapse -d "$DB" --count '+Torkam -trade'
is "$ERR" "Did you mean: +torkham -trade" "+Torkam -trade: + and - kept"
run "$QUERY" --no-collapse -d "$DB" --count '"Torkam crossing"'
is "$ERR" 'Did you mean: "torkham crossing"' '"Torkam crossing": a misspelt phrase is corrected'
run "$QUERY" --no-collapse -d "$DB" --count --correct '"Torkam crossing"'
is "$OUT" "5" '"Torkam crossing" --correct: the five articles with the phrase'
run "$QUERY" --no-collapse -d "$DB" --count Kbul
is "$ERR" "Did you mean: kabul" "Kbul: a four-letter word, one edit"
is "$OUT" "0" "Kbul: finds nothing as typed"
is "$RC" 1 "Kbul: exit 1 (nothing matched), suggestion or not"
run "$QUERY" --no-collapse -d "$DB" --count --correct Kbul
is "$RC" 0 "Kbul --correct: exit 0 (the correction matched)"
run "$QUERY" --no-collapse -d "$DB" --count Pakistn
is "$ERR" "Did you mean: pakistan" "Pakistn: pakistan"

# Nothing to offer.
run "$QUERY" --no-collapse -d "$DB" --count Torkham
is "$ERR" "" "Torkham: correctly spelled, no suggestion"
run "$QUERY" --no-collapse -d "$DB" --count dialysis
is "$OUT$ERR" "1" "dialysis: rare (one article) but close to nothing more frequent"
run "$QUERY" --no-collapse -d "$DB" --count trades
is "$OUT$ERR" "11" "trades: not rare (its stem finds 11), never 'trade' or 'traders'"
run "$QUERY" --no-collapse -d "$DB" --count '"negotiation"'
is "$OUT$ERR" "0" '"negotiation": unknown, but negotiations has the same stem'
run "$QUERY" --no-collapse -d "$DB" --count 'titel:torkham'
is "$ERR" "" "titel:torkham: a field name is never suggested"
run "$QUERY" --no-collapse -d "$DB" --count 'titel:torkam'
is "$ERR" "" "titel:torkam: nor the value of a field"
run "$QUERY" --no-collapse -d "$DB" --count 'plase:peshawar'
is "$OUT$ERR" "0" "plase:peshawar: never 'place:peshawar', a field name"
run "$QUERY" --no-collapse -d "$DB" --count 'place:Peshawr'
is "$OUT$ERR" "0" "place:Peshawr: field values are left alone"
run "$QUERY" --no-collapse -d "$DB" --count 'title:Torkam'
is "$OUT$ERR" "1" "title:Torkam: field values are left alone"
run "$QUERY" --no-collapse -d "$DB" --count 'torkam AND dialysis'
is "$OUT$ERR" "1" "torkam AND dialysis: torkham AND dialysis would find nothing"
run "$QUERY" --no-collapse -d "$DB" --count '"Torkam border"'
is "$OUT$ERR" "1" '"Torkam border": the corrected phrase would find nothing'
run "$QUERY" --no-collapse -d "$DB" --count --until 2000-01-01 Torkam
is "$OUT$ERR" "0" "Torkam --until 2000-01-01: counted under the same dates, nothing found"
run "$QUERY" --no-collapse -d "$DB" --count 'Torkam*'
is "$ERR" "" "Torkam*: a wildcard is left alone"
run "$QUERY" --no-collapse -d "$DB" --count TTO
is "$ERR" "" "TTO: words under four letters are left alone"
run "$QUERY" --no-collapse -d "$DB" --count --free-text 'Torkam'
is "$ERR" "" "--free-text: no suggestion"

# Shards: the vocabulary of every shard, as one.
run "$INDEX" -q --shards 2 -d "$WORK/sharded" corpus/
run "$QUERY" --no-collapse -d "$WORK/sharded" --json --no-snippets -n 50 --correct Torkam
is "$(echo "$OUT" | head -n 1)" '{"suggestion":"torkham","corrected":true}' \
	"2 shards: Torkam suggests torkham"
is "$(echo "$OUT" | sed 1d | hit_files | sort | tr '\n' ' ')" "$TORKHAM" \
	"2 shards: --correct finds the nine Torkham articles"

# Remote shards: xapian-tcpsrv serves the terms the suggestion reads.
if command -v xapian-tcpsrv >/dev/null 2>&1; then
	SRV_PID=""
	trap '[ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null; chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
	. tests/tcpsrv.sh
	if got=$(tcpsrv_start "$WORK" "$WORK/sharded/shard0" "$WORK/sharded/shard1"); then
		SRV_PID=${got#* }
		printf 'remote 127.0.0.1:%s\n' "${got% *}" >"$WORK/cluster.stub"
		run "$QUERY" --no-collapse -d "$WORK/cluster.stub" --json --no-snippets -n 50 --correct Torkam
		is "$(echo "$OUT" | head -n 1)" '{"suggestion":"torkham","corrected":true}' \
			"remote shards: Torkam suggests torkham"
		is "$(echo "$OUT" | sed 1d | hit_files | sort | tr '\n' ' ')" "$TORKHAM" \
			"remote shards: --correct finds the nine Torkham articles"
	else
		is "not listening" "listening" "remote shards: xapian-tcpsrv starts"
	fi
fi

# --no-suggest.
run "$QUERY" --no-collapse -d "$DB" --json --no-suggest Torkam
is "$ERR" "" "--no-suggest: nothing on stderr"
is "$(echo "$OUT" | grep -c suggestion)" "0" "--no-suggest: no suggestion line"
is "$(echo "$OUT" | hit_files | tr '\n' ' ')" "torkam-misspelled.txt " "--no-suggest: the hits as before"

done_testing
