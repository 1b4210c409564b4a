#!/bin/sh
# Wire copies and similar articles on corpus/: the three outlets running
# one Reuters story (wire-trade-*) are one hit with "+2 similar";
# --no-collapse shows all three; --like ranks the articles most like one,
# never the article or its copies; clusters survive re-indexing, an added
# copy joins its cluster in an incremental run, and shards and -j do not
# change them.
. tests/e2e/lib.sh

DB="$WORK/dedup.db"
C="$TOP/corpus"

# The basenames of the "duplicates" of each --json hit, one line per hit:
# "file: dup1 dup2".
dups() {
	sed -n 's/.*"path":"\([^"]*\)".*"duplicates":\[\([^]]*\)\].*/\1: \2/p' |
		sed 's|[^ :"]*/||g; s/"//g; s/,/ /g'
}
wire() { # the lines of dups output for wire-trade-* hits
	grep '^wire-trade-' || true
}
# The cluster keys in value slot 8, as "count basename" lines.
keys() {
	xapian-delve -V8 "$1" | sed 's/^[^:]*: //' | tr ' ' '\n' |
		sed 's/^[0-9]*://; s|.*/||' | sort | uniq -c | tr -s ' '
}

run "$INDEX" -q -d "$DB" corpus/
is "$RC" 0 "index corpus/: exit 0"

run "$QUERY" -d "$DB" --json --no-snippets 'Torkham trade'
is "$(echo "$OUT" | dups | wire)" \
	"wire-trade-tribune.txt: wire-trade-frontier.txt wire-trade-dawn.txt" \
	"Torkham trade: one wire copy, the other two as its duplicates, best first"
is "$(echo "$OUT" | dups | grep -vc '^wire-trade-')" 9 \
	"Torkham trade: the other nine hits are not wire copies"
is "$(echo "$OUT" | dups | grep -v '^wire-trade-' | grep -c ': $')" 9 \
	"Torkham trade: and have no duplicates (empty JSON array)"

run "$QUERY" -d "$DB" --color never --no-snippets -n 1 'Torkham trade'
is "$(echo "$OUT" | head -n 3)" "1. Afghan trade through Torkham slumps as border stays shut  [3.482]
   Reuters | PESHAWAR | $C/wire-trade-tribune.txt
   +2 similar: $C/wire-trade-frontier.txt, $C/wire-trade-dawn.txt" \
	"human output: a '+2 similar' line naming the copies"

run "$QUERY" -d "$DB" --count 'Torkham trade'
is "$OUT" 13 "--count: the three copies count once"
run "$QUERY" -d "$DB" --count --no-collapse 'Torkham trade'
is "$OUT" 15 "--count --no-collapse: every article"
run "$QUERY" -d "$DB" --count ''
is "$OUT" 32 "--count '': 34 articles, 32 results"

run "$QUERY" -d "$DB" --json --no-snippets --no-collapse 'Torkham trade'
is "$(echo "$OUT" | dups | wire)" "wire-trade-tribune.txt: 
wire-trade-frontier.txt: 
wire-trade-dawn.txt: " "--no-collapse: all three copies, none with duplicates"

# Only the copies that match the query are listed.
run "$QUERY" -d "$DB" --json --no-snippets '"count losses"'
is "$(echo "$OUT" | dups)" "wire-trade-dawn.txt: " \
	"a phrase only one copy has: that copy, no duplicates"

# --like: exact top five for the Dawn copy; never a wire copy.
run "$QUERY" -d "$DB" --json --no-snippets -n 5 --like "$C/wire-trade-dawn.txt"
is "$RC" 0 "--like: exit 0"
is "$(echo "$OUT" | hit_files | tr '\n' ' ')" \
	"transit-trade-karachi.txt jalalabad-traders.txt khyber-bazaar-quiet.txt torkham-crossing-closed.txt kabul-prices-rise.txt " \
	"--like wire-trade-dawn: the trade and border stories, most alike first"
run "$QUERY" -d "$DB" --json --no-snippets -n 100 --like "$C/wire-trade-frontier.txt"
unlike "$OUT" "wire-trade-" "--like a copy: neither it nor its copies, at any rank"
is "$(echo "$OUT" | hit_files | head -n 1)" "torkham-crossing-closed.txt" \
	"--like another copy: its own best match"
run "$QUERY" -d "$DB" --json --no-snippets -n 3 --like "$C/ttp-bases-demand.txt"
is "$(echo "$OUT" | hit_files | tr '\n' ' ')" \
	"khost-strikes.txt istanbul-talks-collapse.txt ttp-name-only.txt " \
	"--like ttp-bases-demand: the TTP stories"
unlike "$OUT" "ttp-bases-demand" "--like: never the article itself"
run "$QUERY" -d "$DB" --json --no-snippets --like "$C/wire-trade-dawn.txt" Karachi
is "$(echo "$OUT" | hit_files | head -n 1)" "transit-trade-karachi.txt" \
	"--like with a query: the query filters"
run "$QUERY" -d "$DB" --like "$C/no-such-article.txt"
is "$RC" 2 "--like an unknown id: exit 2"
is "$ERR" "newsidx-query: --like '$C/no-such-article.txt': no article has this id" \
	"--like an unknown id: the message names it"
run "$QUERY" -d "$DB" --like ''
is "$RC" 2 "--like '': exit 2"

# Re-indexing every file keeps the cluster.
before=$("$QUERY" -d "$DB" --json --no-snippets 'Torkham trade' | dups)
run "$INDEX" -q --force -d "$DB" corpus/
is "$RC" 0 "re-index --force: exit 0"
is "$("$QUERY" -d "$DB" --json --no-snippets 'Torkham trade' | dups)" "$before" \
	"re-index --force: the same hits and duplicates"
is "$(keys "$DB")" " 3 wire-trade-dawn.txt" \
	"re-index --force: the three share one key, the earliest id"

# An incremental run adds a fourth copy (headline changed, the last
# paragraph cut, a sentence added): it joins the existing cluster.
mkdir -p "$WORK/more"
{
	echo "Torkham closure leaves Afghan traders counting the cost"
	sed -n '2,/^Talks between/p' corpus/wire-trade-dawn.txt | sed '$d'
	echo "A customs official said about 300 lorries were still waiting."
} >"$WORK/more/wire-trade-zcopy.txt"
run "$INDEX" -q -d "$DB" corpus/ "$WORK/more"
is "$RC" 0 "incremental run with a fourth copy: exit 0"
run "$QUERY" -d "$DB" --json --no-snippets 'Torkham trade'
is "$(echo "$OUT" | dups | wire | sed 's/:.*//')" "wire-trade-tribune.txt" \
	"fourth copy: still one hit for the story"
is "$(echo "$OUT" | dups | wire | tr ' ' '\n' | sed 1d | sort | tr '\n' ' ')" \
	"wire-trade-dawn.txt wire-trade-frontier.txt wire-trade-zcopy.txt " \
	"fourth copy: listed with the other two"
is "$(keys "$DB")" " 4 wire-trade-dawn.txt" "fourth copy: the cluster keeps its key"
run "$QUERY" -d "$DB" --count 'Torkham trade'
is "$OUT" 13 "fourth copy: still counted once"

# -j 1 and -j 2 and three shards give the same clusters.
for how in "-j 1" "-j 2" "--shards 3"; do
	d="$WORK/b$(echo "$how" | tr -dc 'a-z0-9').db"
	run "$INDEX" -q $how -d "$d" corpus/
	is "$("$QUERY" -d "$d" --json --no-snippets 'Torkham trade' | dups)" \
		"$before" "$how: the same hits and duplicates"
done

done_testing
