#!/bin/sh
# bench/shards.sh: the cost of distribution (issue #7).  The query set of
# the main benchmark over the 100k corpus, through the library in one
# process (bench/query_newsidx: top 10, title and snippet per hit), against
# the single index, 4 local shards, and 2 remote shards served by
# xapian-tcpsrv on loopback (2 shards each).  Run after bench/run.sh, which
# makes the corpus and the query set; writes bench/results/shards-latest.md.
#
# Usage: sh bench/shards.sh BUILD_DIR
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD_ARG=${1:-build}
case $BUILD_ARG in
/*) B=$BUILD_ARG ;;
*) B=$TOP/$BUILD_ARG ;;
esac
W=$TOP/bench/work
C1=$W/corpus-100k
Q=$W/queries.tsv
S=$W/shards
PASSES=${PASSES:-3}
say() { echo "bench-shards: $*" >&2; }
if [ ! -d "$C1" ] || [ ! -f "$Q" ]; then
	say "skipped: run make bench first (no $C1 or $Q)"
	exit 0
fi
command -v xapian-tcpsrv >/dev/null 2>&1 || {
	say "skipped: xapian-tcpsrv not installed"
	exit 0
}
make -C "$TOP" --no-print-directory BUILD="$B" all bench-progs >/dev/null || exit 2
rm -rf "$S"
mkdir -p "$S" "$TOP/bench/results"
say "indexing the single index and 4 shards"
"$B/newsidx-index" -q -d "$S/single.db" "$C1" 2>"$S/single.err" || exit 2
"$B/newsidx-index" -q --shards 4 -d "$S/sh4" "$C1" 2>"$S/sh4.err" || exit 2

PIDS=""
trap 'for p in $PIDS; do kill "$p" 2>/dev/null; done' EXIT
. "$TOP/tests/tcpsrv.sh"
# Not in a command substitution: the pids must reach the trap above.
got=$(tcpsrv_start "$S" "$S/sh4/shard0" "$S/sh4/shard1") || exit 2
p1=${got% *}
PIDS="$PIDS ${got#* }"
got=$(tcpsrv_start "$S" "$S/sh4/shard2" "$S/sh4/shard3") || exit 2
p2=${got% *}
PIDS="$PIDS ${got#* }"
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$p1" "$p2" >"$S/cluster.stub"

lat() { # NAME DB
	"$B/bench/query_newsidx" -p "$PASSES" "$2" "$Q" >"$S/$1.out" 2>"$S/$1.err" || {
		say "$1 failed:"
		cat "$S/$1.err" >&2
		exit 2
	}
	sed -n 's/^lat newsidx all n=\([0-9]*\) p50_us=\([0-9.]*\) p99_us=\([0-9.]*\).*/\1 \2 \3/p' "$S/$1.out"
}
set -- $(lat single "$S/single.db")
n=$1 s50=$2 s99=$3
set -- $(lat local4 "$S/sh4")
l50=$2 l99=$3
set -- $(lat remote2 "$S/cluster.stub")
r50=$2 r99=$3
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
out=$TOP/bench/results/shards-latest.md
{
	echo "# Distribution cost: one index vs 4 local shards vs 2 remote shards"
	echo
	echo "\`sh bench/shards.sh $BUILD_ARG\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores,"
	echo "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)."
	echo "The 100k-article corpus and the query set of \`make bench\` ($n timings: every"
	echo "query, $PASSES timed passes; top 10, title and snippet per hit, warm, one process:"
	echo "bench/query_newsidx)."
	echo "Remote: two \`xapian-tcpsrv\` on loopback, each serving two of the four shards."
	echo
	echo "| database | p50 ms | p99 ms | p50 vs one index | p99 vs one index |"
	echo "|---|---|---|---|---|"
	awk -v a="$s50" -v b="$s99" 'BEGIN { printf "| one index | %.2f | %.2f | 1.00x | 1.00x |\n", a / 1000, b / 1000 }'
	awk -v a="$l50" -v b="$l99" -v c="$(ratio "$l50" "$s50")" -v d="$(ratio "$l99" "$s99")" \
		'BEGIN { printf "| 4 local shards | %.2f | %.2f | %s | %s |\n", a / 1000, b / 1000, c, d }'
	awk -v a="$r50" -v b="$r99" -v c="$(ratio "$r50" "$s50")" -v d="$(ratio "$r99" "$s99")" \
		'BEGIN { printf "| 2 remote shards (loopback) | %.2f | %.2f | %s | %s |\n", a / 1000, b / 1000, c, d }'
} >"$out"
cat "$out"
