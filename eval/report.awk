# report.awk: eval/RESULTS.md from the files eval/run.sh gathers, in this
# order: eval/variants.tsv, work/collections.tsv, work/scores.tsv,
# work/latency.txt, eval/experiments.md (appended as it is).  Variables:
# build, date, commit, machine, jobs, t_total, t_prepare, t_runs, t_rest.
BEGIN {
	FS = "\t"
	n_order = split("cran cacm cisi med adi npl lisa", order, " ")
	title["cran"] = "Cranfield"; title["cacm"] = "CACM"
	title["cisi"] = "CISI"; title["med"] = "MEDLINE"; title["adi"] = "ADI"
	title["npl"] = "NPL"; title["lisa"] = "LISA"
	sysname["default"] = "newsidx defaults"
	sysname["stock"] = "newsidx, Xapian's stock BM25"
	sysname["fts5"] = "SQLite FTS5"
	n_sys = split("default stock fts5", systems, " ")
}
FNR == 1 { file++ }
file == 1 && /^#/ { next }
file == 1 && NF >= 2 {
	vnames[++n_variants] = $1
	vdesc[$1] = $2
	vopts[$1] = $3
	next
}
file == 2 {
	conv[$1] = $2
	idx[$1] = $3
	next
}
file == 3 {
	map[$1, $2] = $3; ndcg[$1, $2] = $4; p10[$1, $2] = $5
	r100[$1, $2] = $6; nq[$1, $2] = $7
	next
}
file == 4 { latency[++n_latency] = $0; next }
file == 5 { notes[++n_notes] = $0; next }

function mean(arr, name,    i, s) {
	s = 0
	for (i = 1; i <= n_order; i++)
		s += arr[order[i], name]
	return s / n_order
}

function f4(x) { return sprintf("%.4f", x) }

# The value x, bold when it is best among the three systems' values.
function best(x, a, b, c) {
	if (x + 0 >= a + 0 && x + 0 >= b + 0 && x + 0 >= c + 0)
		return "**" f4(x) "**"
	return f4(x)
}

function measures_row(label, c, s) {
	printf "| %s | %s | %s | %s | %s |\n", label,
	    best(map[c, s], map[c, "default"], map[c, "stock"], map[c, "fts5"]),
	    best(ndcg[c, s], ndcg[c, "default"], ndcg[c, "stock"], ndcg[c, "fts5"]),
	    best(p10[c, s], p10[c, "default"], p10[c, "stock"], p10[c, "fts5"]),
	    best(r100[c, s], r100[c, "default"], r100[c, "stock"], r100[c, "fts5"])
}

END {
	for (i = 1; i <= n_order; i++) {
		c = order[i]
		for (j = 1; j <= n_variants + 1; j++) {
			v = j <= n_variants ? vnames[j] : "fts5"
			if (!((c, v) in map)) {
				printf "report.awk: no score for %s %s\n", c, v > "/dev/stderr"
				exit 2
			}
		}
	}
	for (j = 1; j <= n_variants; j++)
		if (vnames[j] != "fts5") {
			v = vnames[j]
			for (i = 1; i <= n_order; i++) {
				c = order[i]
				map["mean", v] += map[c, v] / n_order
				ndcg["mean", v] += ndcg[c, v] / n_order
				p10["mean", v] += p10[c, v] / n_order
				r100["mean", v] += r100[c, v] / n_order
			}
		}
	for (i = 1; i <= n_order; i++) {
		c = order[i]
		map["mean", "fts5"] += map[c, "fts5"] / n_order
		ndcg["mean", "fts5"] += ndcg[c, "fts5"] / n_order
		p10["mean", "fts5"] += p10[c, "fts5"] / n_order
		r100["mean", "fts5"] += r100[c, "fts5"] / n_order
	}

	print "# Ranking evaluation results"
	print ""
	printf "Written by `make eval` (which builds, then runs `sh eval/run.sh %s`)\n", build
	printf "on %s, newsidx at commit %s; %s.\n", date, commit, machine
	printf "The harness took **%d s** for all seven collections: %d s to convert and\n", t_total, t_prepare
	printf "index them, %d s for the %d runs of 1000 hits on each (%d at a time), %d s\n", t_runs, n_variants + 1, jobs, t_rest
	print "to score the runs and time queries.  eval/README.md says how every number"
	print "here is made; this file is rewritten by each `make eval`, except the last"
	print "section, which is eval/experiments.md."
	print ""
	print "Measures are trec_eval's (eval/metrics.h; `trec_eval -c -m map -m ndcg_cut.10"
	print "-m P.10 -m recall.100` gives the same on eval/work/*/qrels and runs/*.run):"
	print "mean over the queries that have relevant documents; relevant = gain >= 1;"
	print "nDCG@10 with linear gains, graded on Cranfield (gain = 5 - grade: grade 1,"
	print "\"a complete answer\", gains 4, ..., grade 4 gains 1; grade -1 gains 0) and"
	print "binary elsewhere.  Every newsidx run is `newsidx-query --json --free-text"
	print "-n 1000 --no-snippets [options] -- QUERY`, one process per query; FTS5 is"
	print "`nx-eval-fts5` (eval/fts5_run.c): an in-memory `fts5(id UNINDEXED, title,"
	print "body, tokenize = 'porter unicode61')` table, `ORDER BY bm25(t)` with the"
	print "default parameters (k1 1.2, b 0.75, both columns weight 1, which FTS5 scores"
	print "as one text), the query an OR of quoted tokens."
	print ""
	print "## Collections"
	print ""
	print "| collection | converted | indexed | queries scored |"
	print "|---|---|---|---|"
	for (i = 1; i <= n_order; i++) {
		c = order[i]
		note = conv[c]
		sub(/^[a-z]+: /, "", note)
		printf "| %s | %s | %s | %d |\n", title[c], note, idx[c], nq[c, "default"]
	}
	print ""
	print "## newsidx defaults against the baselines"
	print ""
	for (i = 1; i <= n_latency; i++)
		if (latency[i] ~ /defaults:/) {
			d = latency[i]
			sub(/.*defaults: /, "", d)
			printf "The shipped defaults (free text): %s.\n", d
			break
		}
	print "Stock BM25 is newsidx with Xapian's stock parameters (`--bm25 1,0.5"
	print "--no-stopwords`): the ranking newsidx had before, less the query-side fixes"
	print "that are not ranking parameters (eval/README.md).  Best of the three in bold."
	print ""
	print "| collection | MAP newsidx | MAP stock | MAP FTS5 | nDCG@10 newsidx | nDCG@10 stock | nDCG@10 FTS5 |"
	print "|---|---|---|---|---|---|---|"
	wins_map = 0; wins_ndcg = 0
	for (i = 1; i <= n_order + 1; i++) {
		c = i <= n_order ? order[i] : "mean"
		printf "| %s | %s | %s | %s | %s | %s | %s |\n",
		    c == "mean" ? "**mean**" : title[c],
		    best(map[c, "default"], map[c, "default"], map[c, "stock"], map[c, "fts5"]),
		    best(map[c, "stock"], map[c, "default"], map[c, "stock"], map[c, "fts5"]),
		    best(map[c, "fts5"], map[c, "default"], map[c, "stock"], map[c, "fts5"]),
		    best(ndcg[c, "default"], ndcg[c, "default"], ndcg[c, "stock"], ndcg[c, "fts5"]),
		    best(ndcg[c, "stock"], ndcg[c, "default"], ndcg[c, "stock"], ndcg[c, "fts5"]),
		    best(ndcg[c, "fts5"], ndcg[c, "default"], ndcg[c, "stock"], ndcg[c, "fts5"])
		if (c != "mean") {
			wins_map += map[c, "default"] > map[c, "fts5"]
			wins_ndcg += ndcg[c, "default"] > ndcg[c, "fts5"]
		}
	}
	print ""
	printf "newsidx's defaults beat FTS5 on MAP on %d of 7 collections and on nDCG@10 on\n", wins_map
	printf "%d of 7; on the means by %+.4f MAP and %+.4f nDCG@10.  They beat stock BM25 on\n",
	    wins_ndcg, map["mean", "default"] - map["mean", "fts5"], ndcg["mean", "default"] - ndcg["mean", "fts5"]
	printf "the means by %+.4f MAP and %+.4f nDCG@10.\n",
	    map["mean", "default"] - map["mean", "stock"], ndcg["mean", "default"] - ndcg["mean", "stock"]
	print ""
	for (i = 1; i <= n_order + 1; i++) {
		c = i <= n_order ? order[i] : "mean"
		if (c == "mean")
			print "### Mean over the seven collections"
		else
			printf "### %s\n", title[c]
		print ""
		print "| system | MAP | nDCG@10 | P@10 | R@100 |"
		print "|---|---|---|---|---|"
		for (s = 1; s <= n_sys; s++)
			measures_row(sysname[systems[s]], c, systems[s])
		print ""
	}
	print "## Every variant"
	print ""
	print "Each run of eval/variants.tsv: newsidx-query with these options on top of the"
	print "defaults; MAP per collection, and the means.  Only `default` ships."
	print ""
	printf "| variant | options | mean MAP | mean nDCG@10 |"
	for (i = 1; i <= n_order; i++)
		printf " %s |", order[i]
	print ""
	printf "|---|---|---|---|"
	for (i = 1; i <= n_order; i++)
		printf "---|"
	print ""
	for (j = 1; j <= n_variants + 1; j++) {
		v = j <= n_variants ? vnames[j] : "fts5"
		o = j <= n_variants ? vopts[v] : "(SQLite FTS5)"
		printf "| %s | %s | %s | %s |", v,
		    o == "" ? "(none)" : o ~ /^\(/ ? o : "`" o "`",
		    f4(map["mean", v]), f4(ndcg["mean", v])
		for (i = 1; i <= n_order; i++)
			printf " %s |", f4(map[order[i], v])
		print ""
	}
	print ""
	print "| variant | what |"
	print "|---|---|"
	for (j = 1; j <= n_variants; j++)
		printf "| %s | %s |\n", vnames[j], vdesc[vnames[j]]
	print ""
	print "## Query latency"
	print ""
	print "`nx-eval-latency` (eval/latency.c) opens NPL's index once through libnewsidx"
	print "and runs its 93 queries in free-text mode for 10 hits, five rounds after a"
	print "warm-up, each setting in turn query by query; `plain` is the ranking newsidx"
	print "had before (stock BM25, stop words kept, no feedback), `prf-DxT` the"
	print "defaults with `--prf D --prf-terms T`.  The budget: the defaults at most 2x"
	print "plain's p50.  On this machine, with other work running beside it (runs vary"
	print "by about 10%); newsidx-query itself adds its process start, about 15 ms:"
	print ""
	print "```"
	for (i = 1; i <= n_latency; i++)
		print latency[i]
	print "```"
	print ""
	for (i = 1; i <= n_notes; i++)
		print notes[i]
}
