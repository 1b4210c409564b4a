#!/bin/sh
# The benchmark's smoke mode (bench/run.sh --smoke): every system indexes
# and queries 2,000 articles made from ../shared/corpora, and the report is
# written.  Fails when any system fails.
. tests/e2e/lib.sh
if [ ! -d ../shared/corpora/reuters21578 ] || [ ! -d ../shared/corpora/bbc ]; then
	skip_all "../shared/corpora is absent"
fi
command -v omindex >/dev/null 2>&1 || skip_all "omindex is missing (xapian-omega)"
command -v xapian-compact >/dev/null 2>&1 || skip_all "xapian-compact is missing (xapian-tools)"

RUN_DIR=bench/work/smoke-$(basename "$BUILD")
start=$(date +%s)
run sh bench/run.sh "$BUILD" --smoke
elapsed=$(($(date +%s) - start))
is "$RC" 0 "bench/run.sh --smoke: exit 0"
unlike "$ERR" "FAILED" "no system failed"
like "$ERR" "smoke report: .*/RESULTS.md" "the report is written"
report=$(cat "$RUN_DIR/RESULTS.md" 2>/dev/null)
like "$report" '^\| newsidx -j 1 .* \| [0-9.]+ \| [0-9]+ \|' "the report has newsidx's indexing row"
like "$report" '^\| SQLite FTS5 \| [0-9.]+ \| [0-9.]+ \|' "the report has FTS5's query row"
like "$report" '^\| quest-equivalent \(omindex db\) \| [0-9.]+ \|' "the report has the quest-equivalent row"
like "$report" '^\| query p50 vs FTS5 \(ms\) \| .* \| \*\*(met|missed)\*\* \|' "the ratio table judges the targets"
like "$(grep '^idx.nx1.db ' "$RUN_DIR/raw.txt")" 'docs=2000 ' "newsidx indexed 2000 articles"
like "$(grep '^idx.omindex.db ' "$RUN_DIR/raw.txt")" 'docs=2000 ' "omindex indexed 2000 articles"
like "$(grep '^idx.fts5.db ' "$RUN_DIR/raw.txt")" 'docs=2000 ' "FTS5 indexed 2000 articles"
like "$(grep '^q1.newsidx.term ' "$RUN_DIR/raw.txt")" 'n=100 .*hits=[1-9]' "newsidx answered the term queries with hits"
# Under the sanitizers the programs are several times slower.
case $BUILD in
*san*) limit=300 ;;
*) limit=60 ;;
esac
ok=0
[ "$elapsed" -lt "$limit" ] && ok=1
is "$ok" 1 "smoke run took ${elapsed} s (limit ${limit} s)"
done_testing
