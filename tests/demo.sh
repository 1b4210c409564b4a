#!/bin/sh
# make demo: index corpus/ into a fresh database and run sample queries.
build=${1:-build}
db=${DEMO_DB:-$build/demo.db}
set -e
echo "== $build/newsidx-index -d $db --overwrite corpus/"
"$build/newsidx-index" -d "$db" --overwrite corpus/
for q in 'TTP' '"Durand Line"' 'Torkham' 'Torkham AND trade' \
	'title:ceasefire date:2025-10-01..2025-10-31'; do
	echo
	echo "== $build/newsidx-query -d $db -n 3 '$q'"
	"$build/newsidx-query" -d "$db" -n 3 "$q" || true
done
