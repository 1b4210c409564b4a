#!/bin/sh
# eval/run.sh: the ranking evaluation behind `make eval` (eval/README.md).
#
#   sh eval/run.sh [BUILD]
#
# Converts the seven test collections of ../shared/corpora/ir into JSON
# Lines (nx-eval-convert), indexes each with newsidx-index, runs every query
# through newsidx-query for each variant of eval/variants.tsv (nx-eval-run)
# and through SQLite FTS5 (nx-eval-fts5), scores the runs with trec_eval's
# measures (nx-eval-score, eval/metrics.h), times queries on NPL through the
# library (nx-eval-latency), and writes eval/RESULTS.md.  Work files go to
# eval/work/ (not versioned).  Two jobs at a time (EVAL_JOBS to change).
# Without ../shared/corpora/ir it says so in one line and exits 0.
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
ir=../shared/corpora/ir
work=eval/work
# Largest first, so that the two lanes end together.
collections="npl lisa cran cacm cisi med adi"

die() {
	echo "eval: $*" >&2
	exit 2
}

# --prepare BUILD COLL: convert and index one collection.
if [ "${1:-}" = --prepare ]; then
	b=$2 c=$3 d=$work/$3
	mkdir -p "$d/runs" || exit 2
	"$b/eval/nx-eval-convert" "$c" "$ir/$c" "$d" >"$d/convert.txt" ||
		die "$c: conversion failed"
	"$b/newsidx-index" -q --overwrite -d "$d/nx.db" "$d/docs.jsonl" \
		2>"$d/index.txt" || die "$c: indexing failed: $(cat "$d/index.txt")"
	exit 0
fi

# --job BUILD COLL NAME: one run (a variant of variants.tsv, or fts5).
if [ "${1:-}" = --job ]; then
	b=$2 c=$3 name=$4 d=$work/$3
	if [ "$name" = fts5 ]; then
		"$b/eval/nx-eval-fts5" "$d/docs.jsonl" "$d/queries.tsv" fts5 \
			>"$d/runs/fts5.run" 2>"$d/runs/fts5.log" ||
			die "$c: FTS5 run failed: $(cat "$d/runs/fts5.log")"
		exit 0
	fi
	opts=$(awk -F '\t' -v n="$name" '$1 == n { print $3 }' eval/variants.tsv)
	# The options are words: split on purpose.
	# shellcheck disable=SC2086
	"$b/eval/nx-eval-run" "$b/newsidx-query" "$d/nx.db" "$d/queries.tsv" \
		"$name" $opts >"$d/runs/$name.run" || die "$c: run $name failed"
	exit 0
fi

if [ ! -d "$ir" ]; then
	echo "eval: skipped: $ir (the test collections) is absent"
	exit 0
fi
for p in newsidx-index newsidx-query eval/nx-eval-convert eval/nx-eval-run \
	eval/nx-eval-score eval/nx-eval-fts5 eval/nx-eval-latency; do
	[ -x "$build/$p" ] || die "$build/$p is missing: run 'make eval'"
done
jobs=${EVAL_JOBS:-2}
start=$(date +%s)
mkdir -p "$work" || exit 2

echo "eval: converting and indexing $collections"
for c in $collections; do
	echo "$c"
done | xargs -P "$jobs" -I {} sh eval/run.sh --prepare "$build" {} ||
	die "preparing the collections failed"
prepared=$(date +%s)

variants=$(grep -v '^#' eval/variants.tsv | cut -f 1)
n_runs=$(($(echo "$variants" | wc -l) + 1))
echo "eval: $n_runs runs on each collection ($(echo "$variants" | tr '\n' ' ')fts5)"
for c in $collections; do
	for v in $variants fts5; do
		echo "$c $v"
	done
done | xargs -P "$jobs" -L 1 sh eval/run.sh --job "$build" ||
	die "a run failed"
ran=$(date +%s)

echo "eval: scoring"
: >"$work/scores.tsv"
for c in $collections; do
	for v in $variants fts5; do
		echo "$work/$c/runs/$v.run"
	done | xargs "$build/eval/nx-eval-score" "$work/$c/qrels" |
		awk -v c="$c" -F '\t' '{
			n = split($1, parts, "/"); name = parts[n]
			sub(/\.run$/, "", name)
			print c "\t" name "\t" $2 "\t" $3 "\t" $4 "\t" $5 "\t" $6
		}' >>"$work/scores.tsv" || die "$c: scoring failed"
done

echo "eval: timing queries on NPL"
"$build/eval/nx-eval-latency" "$work/npl/nx.db" "$work/npl/queries.tsv" 5 5x5 20x20 \
	>"$work/latency.txt" || die "latency measurement failed"
end=$(date +%s)

: >"$work/collections.tsv"
for c in $collections; do
	printf '%s\t%s\t%s\n' "$c" "$(cat "$work/$c/convert.txt")" \
		"$(cat "$work/$c/index.txt")" >>"$work/collections.tsv"
done
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- lib include query eval 2>/dev/null)" ]; then
	commit="$commit with uncommitted changes"
fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
awk -f eval/report.awk -v build="$build" \
	-v date="$(date -u '+%Y-%m-%d %H:%M UTC')" \
	-v commit="$commit" \
	-v machine="$(nproc 2>/dev/null || echo '?') cores, ${cpu:-unknown CPU}" \
	-v t_total=$((end - start)) -v t_prepare=$((prepared - start)) \
	-v t_runs=$((ran - prepared)) -v t_rest=$((end - ran)) \
	-v jobs="$jobs" \
	eval/variants.tsv "$work/collections.tsv" "$work/scores.tsv" \
	"$work/latency.txt" eval/experiments.md >eval/RESULTS.md ||
	die "writing eval/RESULTS.md failed"
sed -n '/^## newsidx defaults against the baselines/,/^## Every variant/p' \
	eval/RESULTS.md | sed '$d'
echo "eval: wrote eval/RESULTS.md in $((end - start)) s"
