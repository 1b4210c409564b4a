#!/bin/sh
# Sharded indexes searched as one, locally and through xapian-tcpsrv on
# loopback: same ids, order and scores as one index; --count equal; a dead
# server named (exit 2), or left out with --allow-partial.
. tests/e2e/lib.sh
command -v xapian-tcpsrv >/dev/null 2>&1 || skip_all "xapian-tcpsrv not installed (Debian package xapian-tools)"
command -v setsid >/dev/null 2>&1 || skip_all "setsid not available"

if [ -d ../shared/corpora/reuters21578 ]; then
	INPUT="../shared/corpora/reuters21578"
	INC="--include=*.sgm.gz"
	QUERIES="cocoa|CCC|\"Commodity Credit Corporation\"|oil prices|\"trade deficit\"|title:grain|bank AND rates|gold OR silver|coffee -brazil|date:1987-03-01..1987-03-31 wheat"
else
	INPUT="corpus"
	INC="--include=*.txt*"
	QUERIES="TTP|\"Durand Line\"|Torkham trade|title:ceasefire|Kabul AND refugees|border OR crossing"
fi
run "$INDEX" -q $INC -d "$WORK/single.db" "$INPUT"
is "$RC" 0 "single index built"
run "$INDEX" -q $INC --shards 3 -d "$WORK/sharded" "$INPUT"
is "$RC" 0 "3 shards built"
is "$(ls "$WORK/sharded" | tr '\n' ' ')" "XAPIANDB shard0 shard1 shard2 " "shard directories and the stub"
TOTAL=$("$QUERY" -d "$WORK/single.db" --count --no-collapse '')
is "$("$QUERY" -d "$WORK/sharded" --count --no-collapse '')" "$TOTAL" "sharded: same number of articles"
# Every shard holds its share, and no article is in two.
sum=0
for k in 0 1 2; do
	n=$(xapian-delve "$WORK/sharded/shard$k" | sed -n 's/^number of documents = //p')
	sum=$((sum + n))
done
is "$sum" "$TOTAL" "shards add up to the whole"

# Servers on free loopback ports, stopped at the end whatever happens.
PIDS=""
cleanup() { for p in $PIDS; do kill "$p" 2>/dev/null; done; chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
. tests/tcpsrv.sh
start_server() { # start_server VAR DB...: the port in VAR, its pid in VAR_PID
	var=$1
	shift
	got=$(tcpsrv_start "$WORK" "$@") || return 1
	PIDS="$PIDS ${got#* }"
	eval "$var=${got% *}; ${var}_PID=${got#* }"
}
start_server P1 "$WORK/sharded/shard0" "$WORK/sharded/shard1"
is "$?" 0 "server 1 (shard0, shard1) listening on loopback"
start_server P2 "$WORK/sharded/shard2"
is "$?" 0 "server 2 (shard2) listening on loopback"
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$P1" "$P2" >"$WORK/cluster.stub"

top20() { "$QUERY" -d "$1" --json -n 20 "$2" | sed -n 's/.*"rank":\([0-9]*\),"score":\([0-9.]*\),"id":"\([^"]*\)".*/\1 \2 \3/p'; }
echo "$QUERIES" | tr '|' '\n' >"$WORK/queries"
while read -r q; do
	want=$(top20 "$WORK/single.db" "$q")
	is "$(top20 "$WORK/sharded" "$q")" "$want" "local shards: same top 20 ids, order, scores for $q"
	is "$(top20 "$WORK/cluster.stub" "$q")" "$want" "remote shards: same top 20 ids, order, scores for $q"
	is "$("$QUERY" -d "$WORK/cluster.stub" --count "$q")" "$("$QUERY" -d "$WORK/single.db" --count "$q")" \
		"remote shards: same --count for $q"
done <"$WORK/queries"
q1=$(head -n 1 "$WORK/queries")
facet=$([ "$INPUT" = corpus ] && echo source || echo topic)
is "$("$QUERY" -d "$WORK/cluster.stub" --json -n 0 --facet "$facet" --timeline month "$q1")" \
	"$("$QUERY" -d "$WORK/single.db" --json -n 0 --facet "$facet" --timeline month "$q1")" \
	"remote shards: the same --facet $facet and --timeline as one index"
run "$QUERY" -d "$WORK/cluster.stub" "$q1" -n 2
like "$OUT" "^1\\. " "remote shards: human output with snippets works"

# A dead server: named, exit 2; or left out with --allow-partial.
kill "$P2_PID"
wait "$P2_PID" 2>/dev/null
run "$QUERY" -d "$WORK/cluster.stub" --timeout 2000 "$q1"
is "$RC" 2 "a dead shard server: exit 2"
like "$ERR" "shard 'remote 127.0.0.1:$P2' is unavailable" "a dead shard server: the message names it"
run "$QUERY" -d "$WORK/cluster.stub" --allow-partial --json "$q1"
is "$RC" 0 "--allow-partial: results from the rest"
is "$(printf '%s\n' "$OUT" | head -n 1)" "{\"partial\":true,\"missing\":[\"remote 127.0.0.1:$P2\"]}" \
	"--allow-partial: JSON says partial and lists the missing shard"
like "$ERR" "warning: results are partial: remote 127.0.0.1:$P2 unavailable" "--allow-partial: a warning on stderr"
is "$(printf '%s\n' "$OUT" | grep -c '"rank"')" "$(printf '%s\n' "$OUT" | grep -c '"id"')" "--allow-partial: the hits are ordinary hit lines"

# Routing is stable: --shard-of builds the same shard on another machine.
run "$INDEX" -q $INC --shard-of 1/3 -d "$WORK/part1.db" "$INPUT"
is "$RC" 0 "--shard-of 1/3: exit 0"
is "$("$QUERY" -d "$WORK/part1.db" --count --no-collapse '')" \
	"$(xapian-delve "$WORK/sharded/shard1" | sed -n 's/^number of documents = //p')" \
	"--shard-of 1/3 holds exactly the articles of shard1"
run "$INDEX" -q $INC --shards 3 -d "$WORK/sharded" "$INPUT"
is "$RC" 0 "re-running on shards: exit 0"
is "$("$QUERY" -d "$WORK/sharded" --count --no-collapse '')" "$TOTAL" "re-running on shards: no duplicates"
run "$INDEX" -q $INC --shards 4 -d "$WORK/sharded" "$INPUT"
is "$RC" 2 "a different --shards for an existing database: exit 2"
like "$ERR" "has 3 shards, not 4" "and says so"

done_testing
