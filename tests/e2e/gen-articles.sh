#!/bin/sh
# gen-articles.sh DIR FILES PER_FILE [SEED]: write FILES JSON Lines files of
# PER_FILE synthetic articles each (about 1 KB of text per article, words
# from a fixed vocabulary), ids "gen-F-A", for the batch tests.
dir=$1 files=$2 per=$3 seed=${4:-1}
mkdir -p "$dir"
awk -v dir="$dir" -v files="$files" -v per="$per" -v seed="$seed" 'BEGIN {
	n = split("border trade crossing talks ceasefire militants refugees " \
		"trucks customs minister kabul islamabad peshawar torkham " \
		"durand line truce mediators doha istanbul shelling province " \
		"tariff exports imports wheat fuel prices market traders " \
		"convoy aid winter camps returnees officials police army " \
		"parliament election budget inflation currency drought", v, " ")
	srand(seed)
	for (f = 0; f < files; f++) {
		out = sprintf("%s/part-%04d.jsonl", dir, f)
		for (a = 0; a < per; a++) {
			body = ""
			for (w = 0; w < 150; w++)
				body = body " " v[int(rand() * n) + 1]
			title = v[int(rand() * n) + 1] " " v[int(rand() * n) + 1]
			printf("{\"id\":\"gen-%d-%d\",\"title\":\"%s\",\"date\":\"2025-%02d-%02d\",\"body\":\"%s\"}\n",
			       f, a, title, f % 12 + 1, a % 28 + 1, body) > out
		}
		close(out)
	}
}'
