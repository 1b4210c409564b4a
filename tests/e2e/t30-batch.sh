#!/bin/sh
# Batch indexing: -j independence, incremental counts, pruning, a second
# writer, kill -9 at random moments, bounded memory, compact and stats.
. tests/e2e/lib.sh
HOLD="$BUILD/tests/tool_holdlock"
N_CORPUS=$(find corpus -name '*.txt' -o -name '*.txt.gz' | wc -l | tr -d ' ')

summary_files() { printf '%s\n' "$1" | grep '^files:' | sed 's/; .*//'; }

# -j 1 and -j 2 give the same articles, ids and rankings.
sh tests/e2e/gen-articles.sh "$WORK/gen" 60 20 7
run "$INDEX" -q -j 1 -d "$WORK/j1.db" corpus/ "$WORK/gen"
is "$RC" 0 "-j 1 build: exit 0"
run "$INDEX" -q -j 2 -d "$WORK/j2.db" corpus/ "$WORK/gen"
is "$RC" 0 "-j 2 build: exit 0"
like "$ERR" "^indexed $((N_CORPUS + 1200)) articles from $((N_CORPUS + 60)) files" "-j 2 indexes every article"
for q in 'TTP' 'border trade' '"durand line"' 'title:torkham' 'date:2025-03-01..2025-05-31 convoy'; do
	a=$("$QUERY" -d "$WORK/j1.db" --json -n 10 "$q")
	b=$("$QUERY" -d "$WORK/j2.db" --json -n 10 "$q")
	is "$b" "$a" "-j 1 and -j 2 give the same top 10 for $q"
done
is "$("$QUERY" -d "$WORK/j2.db" --count --no-collapse '')" "$((N_CORPUS + 1200))" "-j 2: every article once"

# Incremental: touch one file, change one, delete one, add one.
mkdir -p "$WORK/inc"
cp -r corpus/. "$WORK/inc/"
run "$INDEX" -d "$WORK/inc.db" "$WORK/inc"
is "$(summary_files "$ERR")" "files: $N_CORPUS added, 0 updated, 0 unchanged, 0 removed, 0 skipped" "first run: every file added"
run "$INDEX" -d "$WORK/inc.db" "$WORK/inc"
is "$(summary_files "$ERR")" "files: 0 added, 0 updated, $N_CORPUS unchanged, 0 removed, 0 skipped" "second run: every file unchanged"
like "$ERR" "^indexed 0 articles from 0 files \\(0 skipped\\)" "second run: nothing indexed"
sleep 1
touch "$WORK/inc/ttp-bases-demand.txt"
printf '\nA late paragraph about the Shalmanpass road.\n' >>"$WORK/inc/durand-apart.txt"
rm "$WORK/inc/khost-strikes.txt"
printf 'Shalmanpass road reopens\n\nThe Shalmanpass road reopened to buses.\n' >"$WORK/inc/khyber-pass.txt"
run "$INDEX" -d "$WORK/inc.db" --prune "$WORK/inc"
is "$RC" 0 "incremental run: exit 0"
is "$(summary_files "$ERR")" "files: 1 added, 1 updated, $((N_CORPUS - 2)) unchanged, 1 removed, 0 skipped" \
	"incremental run: 1 added, 1 updated (touched one unchanged), 1 removed"
like "$ERR" "khost-strikes.txt: gone, 1 articles removed" "--prune names the vanished file"
is "$("$QUERY" -d "$WORK/inc.db" --count --no-collapse '')" "$N_CORPUS" "incremental run: article count right"
is "$("$QUERY" -d "$WORK/inc.db" --count 'Shalmanpass')" "2" "changed and added articles are searchable"
run "$INDEX" -d "$WORK/inc.db" --force "$WORK/inc"
is "$(summary_files "$ERR")" "files: 0 added, $N_CORPUS updated, 0 unchanged, 0 removed, 0 skipped" "--force re-indexes unchanged files"
is "$("$QUERY" -d "$WORK/inc.db" --count --no-collapse '')" "$N_CORPUS" "--force: no duplicates"

# A second writer fails at once, or waits with --wait.
mkfifo "$WORK/hold.in"
"$HOLD" "$WORK/inc.db" <"$WORK/hold.in" >"$WORK/hold.out" &
hold_pid=$!
exec 3>"$WORK/hold.in"
i=0
while [ "$(cat "$WORK/hold.out")" != locked ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
run "$INDEX" -d "$WORK/inc.db" corpus/ttp-name-only.txt 3>&-
is "$RC" 2 "second writer: exit 2"
is "$ERR" "newsidx-index: $WORK/inc.db: database is locked: another newsidx-index is writing to it" \
	"second writer: clear message"
"$INDEX" -q -d "$WORK/inc.db" --wait corpus/ttp-name-only.txt >"$WORK/wait.out" 2>&1 3>&- &
wait_pid=$!
sleep 1
is "$(kill -0 $wait_pid 2>/dev/null && echo waiting)" "waiting" "--wait: waits while the lock is held"
is "$("$QUERY" -d "$WORK/inc.db" --count --no-collapse '')" "$N_CORPUS" "readers work while a writer holds the lock"
exec 3>&-
wait $hold_pid
wait $wait_pid
is "$?" 0 "--wait: indexes once the lock is free"
is "$("$QUERY" -d "$WORK/inc.db" --count --no-collapse '')" "$((N_CORPUS + 1))" "--wait: its article was added"

# kill -9 at random moments: the database always opens with its last
# committed state, and the next run ends with the exact count.
sh tests/e2e/gen-articles.sh "$WORK/big" 120 40 11
TOTAL=4800
for round in 1 2 3 4 5; do
	# After the first round, --force makes every round rewrite it all.
	force=$([ $round -gt 1 ] && echo --force)
	"$INDEX" -q -j 1 --memory 4 $force -d "$WORK/kill.db" "$WORK/big" >/dev/null 2>&1 &
	pid=$!
	# A moment between 0.1 and 2.5 s, different every time.
	sleep "$(awk -v r=$round -v p=$$ 'BEGIN { srand(r * 7919 + p); printf "%.2f", 0.1 + rand() * 2.4 }')"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ -d "$WORK/kill.db" ]; then
		n=$("$QUERY" -d "$WORK/kill.db" --count --no-collapse '' 2>&1)
		rc=$?
		like "$rc $n" "^[01] [0-9]+$" "kill -9 round $round: database opens ($n articles committed)"
		[ "$n" -le $TOTAL ] 2>/dev/null
		is "$?" 0 "kill -9 round $round: no more than $TOTAL articles"
	fi
done
"$INDEX" -q -j 2 --overwrite -d "$WORK/killp.db" "$WORK/big" >/dev/null 2>&1 &
pid=$!
sleep 0.5
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
run "$INDEX" -q -d "$WORK/kill.db" "$WORK/big"
is "$RC" 0 "after kill -9: the next run completes"
is "$("$QUERY" -d "$WORK/kill.db" --count --no-collapse '')" "$TOTAL" "after kill -9: exactly $TOTAL articles"
is "$("$QUERY" -d "$WORK/kill.db" --count 'id:gen-77-13')" "1" "after kill -9: an article is there once"
run "$INDEX" -q -j 2 -d "$WORK/killp.db" "$WORK/big"
is "$RC" 0 "after kill -9 of a parallel build: the next run completes"
is "$("$QUERY" -d "$WORK/killp.db" --count --no-collapse '')" "$TOTAL" "after kill -9 of a parallel build: exactly $TOTAL"

# Memory stays bounded: twice the articles, about the same peak.
peak() { printf '%s\n' "$1" | sed -n 's/.*peak memory \([0-9]*\) MB.*/\1/p'; }
sh tests/e2e/gen-articles.sh "$WORK/big2" 240 40 13
# Under AddressSanitizer freed memory waits in a quarantine of up to 256 MB
# that fills with the volume allocated, so more articles would look like
# more memory: a small quarantine measures ours.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=4"
export ASAN_OPTIONS
run "$INDEX" -j 1 --memory 8 -d "$WORK/m1.db" "$WORK/big"
p1=$(peak "$ERR")
run "$INDEX" -j 1 --memory 8 -d "$WORK/m2.db" "$WORK/big" "$WORK/big2"
p2=$(peak "$ERR")
[ -n "$p1" ] && [ -n "$p2" ] && [ "$p2" -le $((p1 + p1 / 4 + 8)) ]
is "$?" 0 "peak memory does not grow with the articles ($p1 MB for 4800, $p2 MB for 14400)"

# --compact and --stats.
run "$INDEX" -d "$WORK/inc.db" --compact
is "$RC" 0 "--compact: exit 0"
like "$OUT" "^compacted $WORK/inc.db: [0-9.]+ MB -> [0-9.]+ MB$" "--compact reports sizes"
is "$("$QUERY" -d "$WORK/inc.db" --count --no-collapse '')" "$((N_CORPUS + 1))" "--compact: same articles"
run "$INDEX" -d "$WORK/inc.db" "$WORK/inc"
is "$(summary_files "$ERR")" "files: 0 added, 0 updated, $N_CORPUS unchanged, 0 removed, 0 skipped" "--compact keeps the file states"
run "$INDEX" -d "$WORK/j1.db" --stats
is "$(printf '%s\n' "$OUT" | grep -v '^size\|^terms\|^database')" "articles:   $((N_CORPUS + 1200))
files:      $((N_CORPUS + 60))
dates:      2025-01-01 .. 2025-12-20
language:   english" "--stats: articles, files, date range, language"
like "$OUT" "terms: +[0-9]+" "--stats: terms"

# Progress line on a terminal only.
if command -v script >/dev/null 2>&1; then
	script -qec "$INDEX -d $WORK/prog.db -j 1 $WORK/gen" /dev/null >"$WORK/tty.out" 2>&1
	like "$(cat "$WORK/tty.out")" "files, [0-9]+ articles, .* MB/s, ETA" "progress line on a terminal"
fi
run "$INDEX" -d "$WORK/prog2.db" -j 1 "$WORK/gen"
unlike "$ERR" "ETA" "no progress line when stderr is not a terminal"

done_testing
