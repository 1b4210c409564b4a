#!/bin/sh
# Near-duplicate detection on real text: 300 Reuters-21578 stories of at
# least 80 words and 100 edited copies (nx-eval-dedup, eval/DEDUP.md),
# indexed and scored; the exact precision and recall of the current
# constants.  Needs ../shared/corpora.
. tests/e2e/lib.sh
REUTERS=../shared/corpora/reuters21578
[ -d "$REUTERS" ] ||
	skip_all "../shared/corpora is absent (Reuters-21578 not available)"
EVAL="$BUILD/eval/nx-eval-dedup"

run "$EVAL" build "$WORK/set.jsonl" "$WORK/truth.tsv" 300 "$REUTERS"/reut2-*.sgm.gz
is "$RC" 0 "build the test set: exit 0"
is "$ERR" "nx-eval-dedup: 300 stories, 100 edited copies" "300 stories, 100 copies"
run "$INDEX" -q -d "$WORK/db" "$WORK/set.jsonl"
is "$RC" 0 "index it: exit 0"
run "$EVAL" score "$WORK/db" "$WORK/truth.tsv" "$WORK/set.jsonl"
is "$RC" 0 "score: exit 0"
field() { printf '%s\n' "$OUT" | grep "^$1	" | cut -f2; }
is "$(field 'true pairs')" 125 "125 true pairs"
is "$(field 'predicted pairs')" 114 "114 pairs found"
is "$(field precision)" 0.9035 "precision 0.9035"
is "$(field recall)" 0.8240 "recall 0.8240"
is "$(field 'recall light')" 0.9412 "recall on lightly edited copies 0.9412"
is "$(field 'of which the originals are duplicates in Reuters (exact Jaccard >= 0.5)')" 11 \
	"the 11 other pairs are duplicate stories in Reuters itself"
is "$(field 'precision counting those as right')" 1.0000 "so precision is 1 counting them"
done_testing
