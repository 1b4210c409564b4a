#!/bin/sh
# eval/dedup.sh: the near-duplicate evaluation behind `make eval-dedup`
# (eval/DEDUP.md).
#
#   sh eval/dedup.sh [BUILD] [N]
#
# Builds the test set from the first N (default 2000) Reuters-21578
# stories of at least 80 words plus their edited copies
# (nx-eval-dedup build), indexes it with newsidx-index, and scores the
# clusters found against the truth (nx-eval-dedup score): pairwise
# precision and recall, recall by edit level, and the false positive pairs
# with their exact shingle Jaccard.  Work files go to eval/work/dedup/ (not
# versioned).  Without ../shared/corpora/reuters21578 it says so in one
# line and exits 0.
set -u
build=${1:-build}
n=${2:-2000}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
reuters=../shared/corpora/reuters21578
work=eval/work/dedup
if [ ! -d "$reuters" ]; then
	echo "eval-dedup: $reuters is absent; nothing to measure"
	exit 0
fi
mkdir -p "$work"
rm -rf "$work/db"
"$build/eval/nx-eval-dedup" build "$work/set.jsonl" "$work/truth.tsv" "$n" \
	"$reuters"/reut2-*.sgm.gz || exit 2
"$build/newsidx-index" -q -j 1 -d "$work/db" "$work/set.jsonl" || exit 2
"$build/eval/nx-eval-dedup" score "$work/db" "$work/truth.tsv" \
	"$work/set.jsonl" >"$work/score.txt" || exit 2
grep -v '^F[PN]' "$work/score.txt" | sed '/^#/d; /^$/d'
echo "false positive pairs: $work/score.txt (lines FP)"
