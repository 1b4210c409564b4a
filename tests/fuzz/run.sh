#!/bin/sh
# Run every libFuzzer target for SECONDS, each from its seeds
# (tests/fuzz/seeds/<target>/, the regressions, and for the text and gzip
# targets the project's corpus/), copied to a temporary directory so the
# repository is not written to.  One TAP line per target, then
# "N passed, N failed".  A crash reproducer is kept as
# BUILD/crashes/<target>-crash-<sha1> (also leak-, timeout-, oom-).
# Usage: tests/fuzz/run.sh BUILD SECONDS
build=${1:-build-fuzz}
secs=${2:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
targets="fuzz_text fuzz_sgml fuzz_jsonl fuzz_html fuzz_gzip fuzz_acronym"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/crashes"
n=0 pass=0 fail=0
echo "1..$(echo $targets | wc -w | tr -d ' ')"
for t in $targets; do
	n=$((n + 1))
	bin=$build/$t
	if [ ! -x "$bin" ]; then
		echo "not ok $n - $t: $bin is not built (make fuzz-build)"
		fail=$((fail + 1))
		continue
	fi
	corpus=$work/$t
	mkdir -p "$corpus"
	for f in tests/fuzz/seeds/$t/* tests/fuzz/regressions/$t/*; do
		[ -f "$f" ] && cp "$f" "$corpus/"
	done
	case $t in
	fuzz_text | fuzz_gzip | fuzz_acronym)
		for f in corpus/*.txt corpus/*.gz; do
			[ -f "$f" ] && cp "$f" "$corpus/"
		done
		;;
	esac
	set --
	[ -f "tests/fuzz/$t.dict" ] && set -- "-dict=tests/fuzz/$t.dict"
	log=$work/$t.log
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len=16384 -print_final_stats=1 \
		-artifact_prefix="$build/crashes/$t-" "$@" "$corpus" \
		>"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if [ "$rc" = 0 ]; then
		echo "ok $n - $t: $secs s, ${runs:-0} runs, no crash"
		pass=$((pass + 1))
	else
		repro=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
		echo "not ok $n - $t: failed (status $rc) after ${runs:-?} runs; reproducer ${repro:-none}"
		grep -E 'ERROR|SUMMARY|#[0-9]+ ' "$log" | head -n 30 | sed 's/^/#   /'
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
