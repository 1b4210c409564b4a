#!/bin/sh
# Acronyms and aliases: learned from definitions in the articles, weighed
# against contrary evidence, added from an alias file, used to expand
# queries with exact matches ranked first; and --explain.
. tests/e2e/lib.sh

DB="$WORK/corpus.db"
run "$INDEX" -q -d "$DB" corpus/
is "$RC" 0 "index corpus/"

# --- What corpus/ teaches ---------------------------------------------
run "$INDEX" -d "$DB" --aliases
is "$RC" 0 "--aliases: exit 0"
is "$OUT" "ttp = tehreek e taliban pakistan  (1 article)" \
	"--aliases: the one definition in corpus/, with its count"

# TTP also finds the article that only spells the name out, after the
# four that say TTP.
run "$QUERY" -d "$DB" --json TTP
is "$(echo "$OUT" | hit_files | tr '\n' ' ')" \
	"ttp-bases-demand.txt border-clashes-october.txt khost-strikes.txt istanbul-talks-collapse.txt ttp-name-only.txt " \
	"TTP: the four articles with TTP first, then the one with only the long form"
# The long form finds the articles that only say TTP, after the two that
# spell it out.
run "$QUERY" -d "$DB" --json 'Tehreek-e-Taliban Pakistan'
is "$(echo "$OUT" | hit_files | head -n 2 | sort | tr '\n' ' ')" \
	"ttp-bases-demand.txt ttp-name-only.txt " \
	"long form: the two articles that spell it out first"
is "$(echo "$OUT" | hit_files | sed -n '3,$p' | sort | tr '\n' ' ')" \
	"border-clashes-october.txt istanbul-talks-collapse.txt khost-strikes.txt " \
	"long form: then the three that only say TTP"
run "$QUERY" -d "$DB" --json '"Tehreek-e-Taliban Pakistan"'
is "$(echo "$OUT" | hit_files | wc -l | tr -d ' ')" 5 "quoted long form expands too"
run "$QUERY" -d "$DB" --json 'TTP AND trade'
is "$(echo "$OUT" | hit_files | sort | tr '\n' ' ')" \
	"border-clashes-october.txt istanbul-talks-collapse.txt " \
	"TTP AND trade: the expansion keeps the operator"

# Off switches: --no-aliases, and an acronym typed in lower case (it may
# be a word).
run "$QUERY" -d "$DB" --json --no-aliases TTP
is "$(echo "$OUT" | hit_files | sort | tr '\n' ' ')" \
	"border-clashes-october.txt istanbul-talks-collapse.txt khost-strikes.txt ttp-bases-demand.txt " \
	"--no-aliases: only the articles that say TTP"
run "$QUERY" -d "$DB" --count ttp
is "$OUT" 4 "ttp in lower case is not expanded"
run "$QUERY" -d "$DB" --count 'title:TTP'
is "$OUT" 1 "a field's value is not expanded"

# --- --explain ----------------------------------------------------------
run "$QUERY" -d "$DB" --explain -n 1 --no-snippets TTP
is "$RC" 0 "--explain: exit 0"
like "$OUT" "^alias: ttp = tehreek e taliban pakistan$" "--explain names the expansion"
like "$OUT" "why: +9\\.[0-9]+  ttp = tehreek e taliban pakistan  \\(alias\\)" \
	"--explain: the alias part's weight"
run "$QUERY" -d "$DB" --explain --json -n 1 'Torkham crossings'
first=$(echo "$OUT" | head -n 1)
is "$(echo "$first" | hit_files)" "torkham-crossing-closed.txt" "--explain --json: the Torkham article first"
is "$(echo "$first" | sed 's/.*"explain":\[//; s/\]}$//' | sed 's/"weight":[0-9.]*//g')" \
	'{"what":"torkham","kind":"word",},{"what":"cross","kind":"stem",}' \
	"--explain --json: the word and the stem of crossings, heaviest first"
score=$(echo "$first" | sed 's/.*"score":\([0-9.]*\).*/\1/')
sum=$(echo "$first" | sed 's/.*"explain"://' | grep -o '"weight":[0-9.]*' | cut -d: -f2 | awk '{ s += $1 } END { printf "%.4f", s }')
is "$sum" "$score" "--explain: the parts add up to the score"
is "$(echo "$OUT" | tail -n 1)" '{"aliases":[],"spelling":null}' "--explain --json: last line lists the expansions used (none)"
run "$QUERY" -d "$DB" --explain --correct -n 1 --no-snippets 'Torkam crossings'
like "$OUT" "^spelling: torkham crossings$" "--explain --correct: the spelling correction is named"
like "$OUT" "why: +[0-9.]+  torkham  \\(stem\\)" "--explain --correct: the corrected word (lower case, so stemmed) weighs"
run "$QUERY" -d "$DB" --explain --correct --json -n 1 --no-snippets 'Torkam'
is "$(echo "$OUT" | tail -n 1)" '{"aliases":[],"spelling":"torkham"}' "--explain --correct --json: the correction in the last line"

# --- Evidence against noise ----------------------------------------------
N="$WORK/noise"
mkdir -p "$N"
for i in 1 2 3 4 5 6; do
	printf 'Spy agency report %s\n\nThe Central Intelligence Agency (CIA) published report number %s on Monday.\n' \
		"$i" "$i" >"$N/spy-$i.txt"
done
printf 'Cooking school\n\nThe Culinary Institute of America (CIA) opened a new campus.\n' >"$N/cooks.txt"
printf 'Spelled out\n\nA Central Intelligence Agency officer testified.\n' >"$N/spy-only.txt"
printf 'Manila lender\n\nThe Asian Development Bank (ADB) lent more.\n' >"$N/adb-asia.txt"
printf 'Abidjan lender\n\nThe African Development Bank (ADB) lent less.\n' >"$N/adb-africa.txt"
run "$INDEX" -q -d "$WORK/noise.db" "$N"
run "$INDEX" -d "$WORK/noise.db" --aliases
is "$OUT" "adb = african development bank  (1 article)
adb = asian development bank  (1 article)
cia = central intelligence agency  (6 articles)
cia = culinary institute of america  (1 article; not used: too few of the definitions agree)" \
	"--aliases: one pairing against six is not used; two single ones both are"
run "$QUERY" -d "$WORK/noise.db" --json CIA
like "$(echo "$OUT" | hit_files | tr '\n' ' ')" "spy-only.txt" "CIA finds the article that only spells it out"
is "$(echo "$OUT" | hit_files | tail -n 1)" "spy-only.txt" "... ranked after every article that says CIA"
run "$QUERY" -d "$WORK/noise.db" --count '"Culinary Institute of America"'
is "$OUT" 1 "the noisy long form is not expanded to CIA"
run "$QUERY" -d "$WORK/noise.db" --count '"Central Intelligence Agency"'
is "$OUT" 8 "the believed long form is expanded to CIA (which the cooking school's article says too)"

# The same aliases from a parallel build and from shards.
run "$INDEX" -q -j 2 -d "$WORK/noise-j2.db" "$N"
run "$INDEX" -d "$WORK/noise-j2.db" --aliases
is "$OUT" "$(
	"$INDEX" -d "$WORK/noise.db" --aliases
)" "-j 2 learns the same aliases"
run "$INDEX" -q --shards 2 -d "$WORK/noise-sharded" "$N"
run "$INDEX" -d "$WORK/noise-sharded" --aliases
is "$OUT" "$(
	"$INDEX" -d "$WORK/noise.db" --aliases
)" "--shards 2 learns the same aliases, counted over the shards"
run "$QUERY" -d "$WORK/noise-sharded" --json CIA
is "$(echo "$OUT" | hit_files | tail -n 1)" "spy-only.txt" "sharded: CIA finds the spelled-out article"

# --- Evidence follows the articles -----------------------------------------
C="$WORK/c2"
mkdir -p "$C"
cp corpus/*.txt "$C/"
run "$INDEX" -q -d "$WORK/c2.db" "$C"
rm "$C/ttp-bases-demand.txt"
run "$INDEX" -q --prune -d "$WORK/c2.db" "$C"
is "$RC" 0 "re-index after removing the defining article"
run "$INDEX" -d "$WORK/c2.db" --aliases
is "$OUT" "no aliases: no article defines an acronym, and no alias file was given" \
	"the alias goes with the last article that defined it"
run "$QUERY" -d "$WORK/c2.db" --json TTP
unlike "$OUT" "ttp-name-only" "TTP no longer finds the spelled-out article"

# --- The alias file ---------------------------------------------------------
printf '# Provinces\nKP = Khyber Pakhtunkhwa   # in the north-west\n\n' >"$WORK/aliases.txt"
run "$QUERY" -d "$DB" --count KP
is "$OUT" 0 "KP: nothing before the alias file"
run "$INDEX" -d "$DB" --alias-file "$WORK/aliases.txt"
is "$RC" 0 "--alias-file without paths: exit 0"
run "$INDEX" -d "$DB" --aliases
is "$OUT" "khyber pakhtunkhwa = kp  (alias file)
kp = khyber pakhtunkhwa  (alias file)
ttp = tehreek e taliban pakistan  (1 article)" "--aliases lists the file's pairs both ways"
run "$QUERY" -d "$DB" --json KP
is "$(echo "$OUT" | hit_files | sort | tr '\n' ' ')" "ttp-bases-demand.txt ttp-name-only.txt " \
	"KP finds the articles that say Khyber Pakhtunkhwa"
run "$QUERY" -d "$DB" --count kp
is "$OUT" 2 "an alias file's name is expanded in any case"
run "$INDEX" -q -d "$DB" corpus/
run "$QUERY" -d "$DB" --count KP
is "$OUT" 2 "the file's aliases stay through later runs"

printf 'KP Khyber Pakhtunkhwa\n' >"$WORK/bad.txt"
run "$INDEX" -d "$DB" --alias-file "$WORK/bad.txt" corpus/
is "$RC" 2 "a bad alias file: exit 2"
is "$ERR" "newsidx-index: $WORK/bad.txt:1: expected 'NAME = NAME' (names of letters or digits, at most 160 bytes)" \
	"a bad alias file: the file, the line and what was expected"
run "$QUERY" -d "$DB" --count KP
is "$OUT" 2 "a bad alias file changes nothing"
run "$INDEX" -d "$DB" --alias-file "$WORK/missing.txt"
is "$RC" 2 "a missing alias file: exit 2"
is "$ERR" "newsidx-index: $WORK/missing.txt: No such file or directory" "a missing alias file: named"

: >"$WORK/empty.txt"
run "$INDEX" -d "$DB" --alias-file "$WORK/empty.txt"
run "$QUERY" -d "$DB" --count KP
is "$OUT" 0 "an empty alias file removes the file's aliases"

done_testing
