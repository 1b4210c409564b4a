#!/bin/sh
# bench/run.sh: the benchmark of issue #4, every system side by side on the
# same files in one run (`make bench` runs it).
#
# Usage: sh bench/run.sh BUILD_DIR [--smoke]
#
# From Reuters-21578 and BBC text in ../shared/corpora (skipped, with one
# line, when absent) bench/mkcorpus writes benchmark corpora of new articles
# recombined from real paragraphs (bench/work/corpus-100k, -500k; reused
# when present) and a query set (bench/work/queries.tsv).  Then it measures,
# each run wrapped in bench/runstat (wall time, peak RSS, CPU the rest of
# the machine used meanwhile):
#   indexing 100k: newsidx -j 1 and -j 2, omindex (+ xapian-compact), SQLite
#     FTS5 (bench/fts5_index), the bare Xapian loop (bench/bare_xapian) and
#     three variants of it that each leave one thing out (positions,
#     unstemmed terms, stored text), to price them;
#   querying 100k, warm, each system in one process: newsidx's library
#     (bench/query_newsidx), quest-equivalent on omindex's database
#     (bench/query_omega), FTS5 (bench/fts5_query); and the whole-process
#     time of one newsidx-query (median of 20); as diagnostics, newsidx
#     without snippets and quest-equivalent snippets without Xapian's
#     background model, to show where the time goes;
#   growth: newsidx -j 2 and FTS5 on 500k articles, indexing and querying.
# The report (bench/report.awk) goes to bench/results/RESULTS-<date>.md and
# bench/results/latest.md, and to stdout.
#
# Quiet machine: before starting, the full run waits until the 1-minute load
# average is below 0.6 (polling every 30 s, for up to BENCH_WAIT_MINUTES,
# default 40); before each measurement it syncs and waits (up to 3 minutes)
# until the rest of the machine uses less than 0.3 of a core.  Each
# measurement records how much CPU the rest of the machine used while it ran,
# and the report flags those that ran under load.
#
# --smoke: the same pipeline on 2,000 articles (growth: 4,000), one timed
# pass, no waiting, the report in bench/work/smoke-<build>/; it fails (exit
# 1) when any system fails or indexes the wrong number of articles.
set -u

usage() {
	echo "usage: sh bench/run.sh BUILD_DIR [--smoke]" >&2
	exit 2
}
[ $# -ge 1 ] || usage
BUILD_ARG=$1
MODE=full
if [ $# -ge 2 ]; then
	[ "$2" = --smoke ] || usage
	MODE=smoke
fi
TOP=$(cd "$(dirname "$0")/.." && pwd)
case $BUILD_ARG in
/*) B=$BUILD_ARG ;;
*) B=$TOP/$BUILD_ARG ;;
esac
CORPORA=$TOP/../shared/corpora
if [ ! -d "$CORPORA/reuters21578" ] || [ ! -d "$CORPORA/bbc" ]; then
	echo "bench: skipped: ../shared/corpora (Reuters-21578, BBC) is absent"
	exit 0
fi
for tool in omindex xapian-compact xapian-delve; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "bench: $tool is missing: apt-get install xapian-omega xapian-tools" >&2
		exit 2
	fi
done

T_START=$(date +%s)
WORK=$TOP/bench/work
QUERIES=$WORK/queries.tsv
SEED=20251126
if [ "$MODE" = smoke ]; then
	N1=2000 N5=4000 PASSES=1
	RUN=$WORK/smoke-$(basename "$B")
else
	N1=100000 N5=500000 PASSES=3
	RUN=$WORK/run
fi
C1=$WORK/corpus-$((N1 / 1000))k
C5=$WORK/corpus-$((N5 / 1000))k
RAW=$RUN/raw.txt
FAILED=""
mkdir -p "$WORK" "$RUN" || exit 2
rm -rf "$RUN"/*.db "$RUN"/*.db.build "$RUN"/*.out "$RUN"/*.err
: >"$RAW"

say() { echo "bench: $*" >&2; }

# The programs: the library's build may be the sanitizer one.
san=""
if [ -f "$B/libnewsidx.a" ] && grep -q __asan_init "$B/libnewsidx.a"; then
	san="SAN=1"
fi
# shellcheck disable=SC2086
if ! make -C "$TOP" --no-print-directory BUILD="$B" $san all bench-progs \
	>"$RUN/build.log" 2>&1; then
	say "building the benchmark programs failed:"
	tail -n 20 "$RUN/build.log" >&2
	exit 2
fi

# Run copies of the programs, so that a rebuild of BUILD_DIR while the
# benchmark runs (other work on the tree) cannot change what is measured.
BIN=$RUN/bin
rm -rf "$BIN"
mkdir -p "$BIN/bench" || exit 2
cp "$B/newsidx-index" "$B/newsidx-query" "$BIN/" &&
	cp "$B"/bench/mkcorpus "$B"/bench/bare_xapian "$B"/bench/fts5_index \
		"$B"/bench/fts5_query "$B"/bench/query_newsidx \
		"$B"/bench/query_omega "$B"/bench/runstat "$BIN/bench/" || exit 2
B=$BIN

# record NAME KEY=VALUE...: one line of raw results.
record() { echo "$*" >>"$RAW"; }

# get NAME KEY: a value from the raw results.
get() {
	awk -v n="$1" -v k="$2" '$1 == n {
		for (i = 2; i <= NF; i++)
			if (index($i, k "=") == 1) v = substr($i, length(k) + 2)
	} END { print v }' "$RAW"
}

# CPU (in cores) the machine used over 5 seconds.
busy_cores() {
	a=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat)
	sleep 5
	b=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat)
	hz=$(getconf CLK_TCK)
	awk -v a="$a" -v b="$b" -v hz="$hz" 'BEGIN { printf "%.2f", (b - a) / hz / 5 }'
}

below() { awk -v x="$1" -v y="$2" 'BEGIN { exit !(x < y) }'; }

# Before the run: a 1-minute load below 0.6.
WAITED=0
wait_quiet_start() {
	max=$((${BENCH_WAIT_MINUTES:-40} * 2))
	i=0
	while :; do
		load=$(cut -d' ' -f1 /proc/loadavg)
		below "$load" 0.6 && break
		if [ "$i" -ge "$max" ]; then
			say "load still $load after ${BENCH_WAIT_MINUTES:-40} min: measuring under load"
			record start under_load=1 load1="$load"
			return
		fi
		[ "$i" = 0 ] && say "waiting for the 1-minute load ($load) to fall below 0.6"
		sleep 30
		i=$((i + 1))
		WAITED=$((WAITED + 30))
	done
	record start under_load=0 load1="$load" waited_s="$WAITED"
}

# Before each measurement: written data on disk, the rest of the machine
# using less than 0.3 of a core (3 minutes at most).
settle() {
	[ "$MODE" = smoke ] && return
	sync
	t=0
	while :; do
		busy=$(busy_cores)
		below "$busy" 0.3 && return
		if [ "$t" -ge 180 ]; then
			say "the machine is busy ($busy cores): measuring anyway"
			return
		fi
		sleep 10
		t=$((t + 15))
	done
}

# measure NAME CMD...: run CMD under runstat into NAME.out/.err and record
# NAME with runstat's measurements.  Returns CMD's status.
measure() {
	name=$1
	shift
	settle
	rm -f "$RUN/.stat"
	say "$name: $*"
	"$B/bench/runstat" -o "$RUN/.stat" -- "$@" >"$RUN/$name.out" 2>"$RUN/$name.err"
	rc=$?
	record "$name $(cat "$RUN/.stat" 2>/dev/null) load1=$(cut -d' ' -f1 /proc/loadavg)"
	if [ "$rc" != 0 ]; then
		say "$name FAILED (exit $rc):"
		tail -n 5 "$RUN/$name.err" >&2
		FAILED="$FAILED $name"
	fi
	return "$rc"
}

# Apparent size in bytes of a file or directory.
size_of() { du -sb "$1" 2>/dev/null | cut -f1; }

# Sizes of a glass database's tables.
tables() {
	for t in postlist position termlist docdata; do
		printf 't_%s=%s ' "$t" "$(stat -c %s "$1/$t.glass" 2>/dev/null || echo 0)"
	done
}

xapian_docs() { xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p'; }

# Make a corpus (or the query set) unless the one there has the same stamp.
make_corpus() { # N DIR
	stamp="mkcorpus v1 n=$1 seed=$SEED"
	if [ -d "$2" ] && [ "$(cat "$2.done" 2>/dev/null)" = "$stamp" ]; then
		return 0
	fi
	say "writing $1 articles into $2"
	rm -rf "$2" "$2.done"
	if ! "$B/bench/mkcorpus" -c "$CORPORA" -s "$SEED" -n "$1" -o "$2.tmp.$$" \
		2>"$RUN/mkcorpus.err"; then
		cat "$RUN/mkcorpus.err" >&2
		rm -rf "$2.tmp.$$"
		return 1
	fi
	# Another run may have made it meanwhile: keep one.
	mv -T "$2.tmp.$$" "$2" 2>/dev/null || rm -rf "$2.tmp.$$"
	echo "$stamp" >"$2.done"
}

make_queries() {
	stamp="mkcorpus v1 queries k=100 seed=$SEED"
	if [ -f "$QUERIES" ] && [ "$(cat "$QUERIES.done" 2>/dev/null)" = "$stamp" ]; then
		return 0
	fi
	"$B/bench/mkcorpus" -c "$CORPORA" -s "$SEED" -q "$QUERIES.tmp.$$" -k 100 \
		2>"$RUN/mkcorpus.err" || { cat "$RUN/mkcorpus.err" >&2; return 1; }
	mv "$QUERIES.tmp.$$" "$QUERIES"
	echo "$stamp" >"$QUERIES.done"
}

corpus_stats() { # NAME DIR
	find "$2" -name '*.txt' -printf '%s\n' |
		awk -v n="$1" '{ s += $1; c++ } END { printf "%s docs=%d bytes=%d\n", n, c, s }' >>"$RAW"
}

# Read the corpus once so that every system finds it in the page cache.
warm() { find "$1" -name '*.txt' -exec cat {} + >/dev/null; }

# Query results: "lat SYSTEM CLASS k=v..." lines into raw lines PREFIX.CLASS.
record_latencies() { # PREFIX FILE
	awk -v p="$1" '$1 == "lat" { $1 = ""; c = $3; $2 = ""; $3 = ""
		print p "." c $0 }' "$2" >>"$RAW"
}

# ------------------------------------------------------------------
[ "$MODE" = full ] && wait_quiet_start
T_MEASURE=$(date +%s)

make_corpus "$N1" "$C1" || exit 2
make_queries || exit 2
corpus_stats corpus1 "$C1"
warm "$C1"

# Indexing, N1 articles.
for j in 1 2; do
	rm -rf "$RUN/nx$j.db"
	if measure "idx.nx$j" "$B/newsidx-index" -q -j "$j" -d "$RUN/nx$j.db" "$C1"; then
		record "idx.nx$j.db docs=$(xapian_docs "$RUN/nx$j.db") size=$(size_of "$RUN/nx$j.db") $(tables "$RUN/nx$j.db")"
	fi
done
rm -rf "$RUN/om.db" "$RUN/omc.db"
if measure idx.omindex env TZ=UTC omindex --db "$RUN/om.db" --url / "$C1"; then
	record "idx.omindex.db docs=$(xapian_docs "$RUN/om.db") size=$(size_of "$RUN/om.db") $(tables "$RUN/om.db")"
	if measure idx.omcompact xapian-compact --multipass "$RUN/om.db" "$RUN/omc.db"; then
		record "idx.omcompact.db docs=$(xapian_docs "$RUN/omc.db") size=$(size_of "$RUN/omc.db") $(tables "$RUN/omc.db")"
	fi
fi
if measure idx.fts5 "$B/bench/fts5_index" "$RUN/fts5.db" "$C1"; then
	record "idx.fts5.db $(sed -n 's/^fts5 //p' "$RUN/idx.fts5.out")"
fi
for variant in bare bare_nopos bare_allz bare_nodata; do
	case $variant in
	bare) opt="" ;;
	bare_nopos) opt=--no-positions ;;
	bare_allz) opt=--stem-all-z ;;
	bare_nodata) opt=--no-data ;;
	esac
	# shellcheck disable=SC2086
	if measure "idx.$variant" "$B/bench/bare_xapian" $opt "$RUN/$variant.db" "$C1"; then
		record "idx.$variant.db docs=$(xapian_docs "$RUN/$variant.db") size=$(size_of "$RUN/$variant.db") $(tables "$RUN/$variant.db") $(sed -n 's/^bare //p' "$RUN/idx.$variant.out")"
	fi
	rm -rf "$RUN/$variant.db"
done

# Querying, N1 articles.
if measure q1.newsidx "$B/bench/query_newsidx" -p "$PASSES" "$RUN/nx2.db" "$QUERIES"; then
	record_latencies q1.newsidx "$RUN/q1.newsidx.out"
fi
if measure q1.omega "$B/bench/query_omega" -p "$PASSES" "$RUN/omc.db" "$QUERIES"; then
	record_latencies q1.omega "$RUN/q1.omega.out"
fi
if measure q1.fts5 "$B/bench/fts5_query" -p "$PASSES" "$RUN/fts5.db" "$QUERIES"; then
	record_latencies q1.fts5 "$RUN/q1.fts5.out"
fi
# Diagnostics (not the same work per hit): newsidx without snippets,
# quest-equivalent with snippets without the background model.
if measure q1.newsidx_nosnip "$B/bench/query_newsidx" -n -p "$PASSES" "$RUN/nx2.db" "$QUERIES"; then
	record_latencies q1.newsidx_nosnip "$RUN/q1.newsidx_nosnip.out"
fi
if measure q1.omega_nobg "$B/bench/query_omega" -b -p "$PASSES" "$RUN/omc.db" "$QUERIES"; then
	record_latencies q1.omega_nobg "$RUN/q1.omega_nobg.out"
fi
ONE_QUERY=$(awk -F'\t' '$1 == "or" { print $2; exit }' "$QUERIES")
settle
rm -f "$RUN/.stat"
"$B/bench/runstat" -r 20 -o "$RUN/.stat" -- "$B/newsidx-query" -d "$RUN/nx2.db" "$ONE_QUERY" \
	>/dev/null 2>"$RUN/proc.nxquery.err" || FAILED="$FAILED proc.nxquery"
record "proc.nxquery $(cat "$RUN/.stat") runs=20"
echo "$ONE_QUERY" >"$RUN/proc.query"
rm -rf "$RUN"/om.db "$RUN"/nx1.db

# Growth: N5 articles.
make_corpus "$N5" "$C5" || exit 2
corpus_stats corpus5 "$C5"
warm "$C5"
rm -rf "$RUN/nx5.db"
if measure idx5.nx2 "$B/newsidx-index" -q -j 2 -d "$RUN/nx5.db" "$C5"; then
	record "idx5.nx2.db docs=$(xapian_docs "$RUN/nx5.db") size=$(size_of "$RUN/nx5.db") $(tables "$RUN/nx5.db")"
fi
if measure idx5.fts5 "$B/bench/fts5_index" "$RUN/fts5-5.db" "$C5"; then
	record "idx5.fts5.db $(sed -n 's/^fts5 //p' "$RUN/idx5.fts5.out")"
fi
if measure q5.newsidx "$B/bench/query_newsidx" -p "$PASSES" "$RUN/nx5.db" "$QUERIES"; then
	record_latencies q5.newsidx "$RUN/q5.newsidx.out"
fi
if measure q5.fts5 "$B/bench/fts5_query" -p "$PASSES" "$RUN/fts5-5.db" "$QUERIES"; then
	record_latencies q5.fts5 "$RUN/q5.fts5.out"
fi
if measure q5.newsidx_nosnip "$B/bench/query_newsidx" -n -p "$PASSES" "$RUN/nx5.db" "$QUERIES"; then
	record_latencies q5.newsidx_nosnip "$RUN/q5.newsidx_nosnip.out"
fi
rm -rf "$RUN"/*.db

T_END=$(date +%s)
record "time total_s=$((T_END - T_START)) measured_s=$((T_END - T_MEASURE)) waited_s=$WAITED"

# ------------------------------------------------------------------
# Checks: every system ran and indexed every article.
check_docs() { # NAME EXPECTED
	got=$(get "$1" docs)
	if [ "$got" != "$2" ]; then
		say "$1: $got articles indexed, expected $2"
		FAILED="$FAILED $1"
	fi
}
for n in idx.nx1.db idx.nx2.db idx.omindex.db idx.omcompact.db idx.fts5.db \
	idx.bare.db idx.bare_nopos.db idx.bare_allz.db idx.bare_nodata.db; do
	check_docs "$n" "$N1"
done
check_docs idx5.nx2.db "$N5"
check_docs idx5.fts5.db "$N5"
N_QUERIES=$(grep -c "$(printf '\t')" "$QUERIES")
for n in q1.newsidx q1.omega q1.fts5 q5.newsidx q5.fts5 q1.newsidx_nosnip \
	q1.omega_nobg q5.newsidx_nosnip; do
	got=$(get "$n.all" n)
	if [ "$got" != $((N_QUERIES * PASSES)) ]; then
		say "$n: $got timed queries, expected $((N_QUERIES * PASSES))"
		FAILED="$FAILED $n"
	fi
done

# ------------------------------------------------------------------
# The report.
DATE=$(date +%Y-%m-%d)
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
RAM=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
XAPIAN=$(dpkg-query -W -f='${Version}' libxapian30 2>/dev/null || xapian-config --version)
SQLITE=$(get idx.fts5.db sqlite)
OMEGA=$(omindex --version 2>/dev/null | sed 's/.* //')
GIT=$(cd "$TOP" && git rev-parse --short HEAD 2>/dev/null)
DIRTY=$(cd "$TOP" && git status --porcelain 2>/dev/null | grep -c .)
if [ "$MODE" = smoke ]; then
	REPORT=$RUN/RESULTS.md
	CMD="sh bench/run.sh $BUILD_ARG --smoke"
else
	mkdir -p "$TOP/bench/results"
	REPORT=$TOP/bench/results/RESULTS-$DATE.md
	CMD="make bench  (sh bench/run.sh $BUILD_ARG)"
fi
awk -f "$TOP/bench/report.awk" \
	-v date="$DATE" -v mode="$MODE" -v cmd="$CMD" -v nproc="$(nproc)" \
	-v cpu="$CPU" -v ram="$RAM" -v kernel="$(uname -sr)" \
	-v xapian="$XAPIAN" -v sqlite="$SQLITE" -v omega="$OMEGA" \
	-v git="$GIT" -v dirty="$DIRTY" -v passes="$PASSES" \
	-v nqueries="$N_QUERIES" -v onequery="$ONE_QUERY" -v failed="$FAILED" \
	"$RAW" >"$REPORT.tmp" && mv "$REPORT.tmp" "$REPORT"
{
	echo
	echo "## Raw measurements"
	echo
	echo '```'
	cat "$RAW"
	echo '```'
} >>"$REPORT"
if [ "$MODE" = full ]; then
	cp "$REPORT" "$TOP/bench/results/latest.md"
	cat "$REPORT"
	say "results: bench/results/RESULTS-$DATE.md and bench/results/latest.md"
else
	say "smoke report: $REPORT"
fi
say "done in $(((T_END - T_START) / 60)) min $(((T_END - T_START) % 60)) s"
if [ -n "$FAILED" ]; then
	say "FAILED:$FAILED"
	exit 1
fi
exit 0
