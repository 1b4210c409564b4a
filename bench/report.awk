# bench/report.awk: the benchmark report (markdown) from bench/run.sh's raw
# results: lines "NAME key=value ...".  Variables (-v): date, mode, cmd,
# nproc, cpu, ram, kernel, xapian, sqlite, omega, git, dirty, passes,
# nqueries, onequery, failed.

{
	for (i = 2; i <= NF; i++) {
		eq = index($i, "=")
		if (eq > 1)
			V[$1, substr($i, 1, eq - 1)] = substr($i, eq + 1)
	}
	SEEN[$1] = 1
}

function v(name, key) { return ((name, key) in V) ? V[name, key] + 0 : 0 }
function has(name, key) { return ((name, key) in V) && V[name, key] != "" }
function num(x, d) { return sprintf("%." d "f", x) }
function mb(bytes) { return has_val(bytes) ? num(bytes / 1e6, 1) : "–" }
function has_val(x) { return x + 0 > 0 }
function ms(us) { return has_val(us) ? (us < 100000 ? num(us / 1000, 2) : num(us / 1000, 0)) : "–" }
function ratio(a, b) { return (a > 0 && b > 0) ? num(a / b, 2) : "–" }
function rate(docs, secs) { return (docs > 0 && secs > 0) ? docs / secs : 0 }
function load_flag(name) { return v(name, "others_cpu") > 0.3 ? " †" : "" }
function verdict(r, target, ge) {
	if (r == "–")
		return "not measured"
	if (ge)
		return (r + 0 >= target) ? "**met**" : "**missed**"
	return (r + 0 <= target) ? "**met**" : "**missed**"
}

function index_row(label, name, wall, rss_kb, size, others) {
	printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", label,
		(wall > 0 ? num(wall, 1) : "–"),
		(wall > 0 ? num(rate(docs1, wall), 0) : "–"),
		(wall > 0 ? num(bytes1 / 1e6 / wall, 2) : "–"),
		(rss_kb > 0 ? num(rss_kb / 1024, 0) : "–"),
		mb(size), (size > 0 ? num(size / bytes1, 2) : "–"),
		num(others, 2) (others > 0.3 ? " †" : "")
}

function ratio_row(what, a, b, unit, r, target_text, result) {
	printf "| %s | %s | %s | %s | %s | %s |\n", what, a, b, r,
		target_text, result
}

function size_row(label, name, full) {
	if (!has(name, "size"))
		return
	printf "| %s | %s | %s | %s | %s | %s | %s |\n", label,
		mb(v(name, "size")),
		(full > 0 ? num(100 * v(name, "size") / full, 0) "%" : "–"),
		mb(v(name, "t_postlist")), mb(v(name, "t_position")),
		mb(v(name, "t_termlist")), mb(v(name, "t_docdata"))
}

function cost_line(what, full, without) {
	if (full > 0 && without > 0)
		printf "- %s: %s MB, %s%% of the full build\n", what,
			num((full - without) / 1e6, 1), num(100 * (full - without) / full, 0)
}

END {
	docs1 = v("corpus1", "docs"); bytes1 = v("corpus1", "bytes")
	docs5 = v("corpus5", "docs"); bytes5 = v("corpus5", "bytes")
	fx = docs1 > 0 ? num(docs5 / docs1, 0) : "?"

	title = (mode == "smoke") ? "newsidx benchmark (smoke run)" : "newsidx benchmark"
	printf "# %s, %s\n\n", title, date
	if (failed != "")
		printf "**FAILED:%s** (see bench/work/ for their logs)\n\n", failed
	printf "Command: `%s`, at commit %s%s.  \n", cmd, git,
		(dirty > 0 ? " with " dirty " files changed in the work tree" : "")
	printf "Machine: %s cores (%s), %s RAM, %s; Xapian %s, SQLite %s, omindex %s.  \n",
		nproc, cpu, ram, kernel, xapian, sqlite, omega
	printf "Time: %s min in all, %s min measuring",
		num(v("time", "total_s") / 60, 1), num(v("time", "measured_s") / 60, 1)
	if (v("time", "waited_s") > 0)
		printf ", after %s min waiting for a quiet machine", num(v("time", "waited_s") / 60, 1)
	printf ".  \n"
	if (mode != "smoke") {
		if (v("start", "under_load"))
			printf "**Measured under load**: the 1-minute load average was %s at the start and never fell below 0.6.  \n", V["start", "load1"]
		else
			printf "Load: the 1-minute load average was %s (below 0.6) when measuring started.  \n", V["start", "load1"]
	}
	printf "\"Others' CPU\" is the CPU time, in cores, that the rest of the machine used while a measurement ran (from /proc/stat less the measured process's own); † marks more than 0.3, a measurement taken under load.\n\n"

	printf "## Corpus\n\n"
	printf "New articles recombined from real Reuters-21578 and BBC text (bench/mkcorpus, fixed seed): a real headline, a date in 2020-2025 and 3 to 6 real paragraphs each, one plain-text file per article, 1000 to a directory.\n\n"
	printf "| corpus | articles | text MB | bytes/article |\n|---|---|---|---|\n"
	printf "| base | %d | %s | %s |\n", docs1, mb(bytes1), (docs1 ? num(bytes1 / docs1, 0) : "–")
	printf "| growth (%sx) | %d | %s | %s |\n\n", fx, docs5, mb(bytes5), (docs5 ? num(bytes5 / docs5, 0) : "–")

	printf "## Indexing %d articles\n\n", docs1
	printf "Each from a fresh database, the corpus in the page cache.  Index size is what is on disk at the end (apparent bytes); \"index/text\" divides it by the text's bytes.\n\n"
	printf "| system | wall s | articles/s | MB/s | peak RSS MB | index MB | index/text | others' CPU |\n"
	printf "|---|---|---|---|---|---|---|---|\n"
	index_row("newsidx -j 1 (built, compacted)", "idx.nx1", v("idx.nx1", "wall_s"), v("idx.nx1", "maxrss_kb"), v("idx.nx1.db", "size"), v("idx.nx1", "others_cpu"))
	index_row("newsidx -j 2 (2 shards, compacted)", "idx.nx2", v("idx.nx2", "wall_s"), v("idx.nx2", "maxrss_kb"), v("idx.nx2.db", "size"), v("idx.nx2", "others_cpu"))
	index_row("omindex (as built)", "idx.omindex", v("idx.omindex", "wall_s"), v("idx.omindex", "maxrss_kb"), v("idx.omindex.db", "size"), v("idx.omindex", "others_cpu"))
	om_wall = v("idx.omindex", "wall_s") + v("idx.omcompact", "wall_s")
	om_rss = v("idx.omindex", "maxrss_kb"); if (v("idx.omcompact", "maxrss_kb") > om_rss) om_rss = v("idx.omcompact", "maxrss_kb")
	index_row("omindex + xapian-compact --multipass", "idx.omcompact", om_wall, om_rss, v("idx.omcompact.db", "size"), v("idx.omcompact", "others_cpu"))
	index_row("SQLite FTS5, inserts + commit", "idx.fts5", v("idx.fts5.db", "insert_s"), v("idx.fts5", "maxrss_kb"), v("idx.fts5.db", "size_built"), v("idx.fts5", "others_cpu"))
	index_row("SQLite FTS5 + optimize + VACUUM", "idx.fts5", v("idx.fts5", "wall_s"), v("idx.fts5", "maxrss_kb"), v("idx.fts5.db", "size_optimized"), v("idx.fts5", "others_cpu"))
	index_row("bare Xapian loop (+ compaction)", "idx.bare", v("idx.bare", "wall_s"), v("idx.bare", "maxrss_kb"), v("idx.bare.db", "size"), v("idx.bare", "others_cpu"))
	printf "\n"

	printf "## Querying %d articles\n\n", docs1
	printf "%d queries (100 per class: single terms, 2-3 term AND, 2-3 term OR, phrases from the text, title:word, date:A..B word), each system warm in one process: one untimed pass, then %d timed passes, every query timed alone (%d timings each).  Every hit costs its title and a snippet: newsidx's library (newsidx_search_run: top 10, snippet of about 200 bytes of the stored body); quest-equivalent on omindex's compacted database (QueryParser, top-10 MSet, MSet::snippet of 200 bytes of the 512-byte sample omindex stores, which starts with the headline: omindex gives a plain-text file no title, so title:word matches nothing there); FTS5 (`MATCH ? ORDER BY bm25(t) LIMIT 10`, title and snippet() of 32 tokens of the body).\n\n", nqueries, passes, nqueries * passes
	printf "| system | p50 ms | p99 ms | mean ms | hits/query | peak RSS MB | others' CPU |\n|---|---|---|---|---|---|---|\n"
	printf "| newsidx (library) | %s | %s | %s | %s | %s | %s |\n", ms(v("q1.newsidx.all", "p50_us")), ms(v("q1.newsidx.all", "p99_us")), ms(v("q1.newsidx.all", "mean_us")), num(v("q1.newsidx.all", "hits"), 2), num(v("q1.newsidx", "maxrss_kb") / 1024, 0), num(v("q1.newsidx", "others_cpu"), 2) load_flag("q1.newsidx")
	printf "| quest-equivalent (omindex db) | %s | %s | %s | %s | %s | %s |\n", ms(v("q1.omega.all", "p50_us")), ms(v("q1.omega.all", "p99_us")), ms(v("q1.omega.all", "mean_us")), num(v("q1.omega.all", "hits"), 2), num(v("q1.omega", "maxrss_kb") / 1024, 0), num(v("q1.omega", "others_cpu"), 2) load_flag("q1.omega")
	printf "| SQLite FTS5 | %s | %s | %s | %s | %s | %s |\n", ms(v("q1.fts5.all", "p50_us")), ms(v("q1.fts5.all", "p99_us")), ms(v("q1.fts5.all", "mean_us")), num(v("q1.fts5.all", "hits"), 2), num(v("q1.fts5", "maxrss_kb") / 1024, 0), num(v("q1.fts5", "others_cpu"), 2) load_flag("q1.fts5")
	printf "| *diagnostic:* newsidx without snippets | %s | %s | %s | %s | %s | %s |\n", ms(v("q1.newsidx_nosnip.all", "p50_us")), ms(v("q1.newsidx_nosnip.all", "p99_us")), ms(v("q1.newsidx_nosnip.all", "mean_us")), num(v("q1.newsidx_nosnip.all", "hits"), 2), num(v("q1.newsidx_nosnip", "maxrss_kb") / 1024, 0), num(v("q1.newsidx_nosnip", "others_cpu"), 2) load_flag("q1.newsidx_nosnip")
	printf "| *diagnostic:* quest-eq., snippets without background model | %s | %s | %s | %s | %s | %s |\n\n", ms(v("q1.omega_nobg.all", "p50_us")), ms(v("q1.omega_nobg.all", "p99_us")), ms(v("q1.omega_nobg.all", "mean_us")), num(v("q1.omega_nobg.all", "hits"), 2), num(v("q1.omega_nobg", "maxrss_kb") / 1024, 0), num(v("q1.omega_nobg", "others_cpu"), 2) load_flag("q1.omega_nobg")
	printf "The diagnostic rows do less work per hit than the benchmark asks (no snippet; a snippet whose words are not weighted by their frequency in the database), to show where the time goes; they are not compared with the targets.\n\n"
	printf "One `newsidx-query` process (open, parse, search, print 10 hits with snippets; query `%s`): median wall time of 20 runs **%s ms** (peak RSS %s MB).\n\n", onequery, num(v("proc.nxquery", "wall_s") * 1000, 1), num(v("proc.nxquery", "maxrss_kb") / 1024, 0)
	printf "By class (p50 / p99 ms; hits per query newsidx / quest-eq. / FTS5):\n\n"
	printf "| class | newsidx | quest-equivalent | FTS5 | hits/query |\n|---|---|---|---|---|\n"
	split("term and or phrase title date", classes, " ")
	for (c = 1; c <= 6; c++) {
		k = classes[c]
		printf "| %s | %s / %s | %s / %s | %s / %s | %s / %s / %s |\n", k,
			ms(v("q1.newsidx." k, "p50_us")), ms(v("q1.newsidx." k, "p99_us")),
			ms(v("q1.omega." k, "p50_us")), ms(v("q1.omega." k, "p99_us")),
			ms(v("q1.fts5." k, "p50_us")), ms(v("q1.fts5." k, "p99_us")),
			num(v("q1.newsidx." k, "hits"), 1), num(v("q1.omega." k, "hits"), 1), num(v("q1.fts5." k, "hits"), 1)
	}
	printf "\n"

	printf "## Growth: %d articles (%sx)\n\n", docs5, fx
	printf "(newsidx without snippets, a diagnostic: p50 %s ms, p99 %s ms at %d articles; %s and %s ms at %d.)\n\n", ms(v("q1.newsidx_nosnip.all", "p50_us")), ms(v("q1.newsidx_nosnip.all", "p99_us")), docs1, ms(v("q5.newsidx_nosnip.all", "p50_us")), ms(v("q5.newsidx_nosnip.all", "p99_us")), docs5
	printf "| system | articles | index wall s | articles/s | index MB | bytes/article | p50 ms | p99 ms | others' CPU |\n|---|---|---|---|---|---|---|---|---|\n"
	printf "| newsidx -j 2 | %d | %s | %s | %s | %s | %s | %s | %s |\n", docs1, num(v("idx.nx2", "wall_s"), 1), num(rate(docs1, v("idx.nx2", "wall_s")), 0), mb(v("idx.nx2.db", "size")), num(v("idx.nx2.db", "size") / (docs1 ? docs1 : 1), 0), ms(v("q1.newsidx.all", "p50_us")), ms(v("q1.newsidx.all", "p99_us")), num(v("idx.nx2", "others_cpu"), 2) load_flag("idx.nx2")
	printf "| newsidx -j 2 | %d | %s | %s | %s | %s | %s | %s | %s |\n", docs5, num(v("idx5.nx2", "wall_s"), 1), num(rate(docs5, v("idx5.nx2", "wall_s")), 0), mb(v("idx5.nx2.db", "size")), num(v("idx5.nx2.db", "size") / (docs5 ? docs5 : 1), 0), ms(v("q5.newsidx.all", "p50_us")), ms(v("q5.newsidx.all", "p99_us")), num(v("idx5.nx2", "others_cpu"), 2) load_flag("idx5.nx2")
	printf "| FTS5 (+ optimize, VACUUM) | %d | %s | %s | %s | %s | %s | %s | %s |\n", docs1, num(v("idx.fts5", "wall_s"), 1), num(rate(docs1, v("idx.fts5", "wall_s")), 0), mb(v("idx.fts5.db", "size_optimized")), num(v("idx.fts5.db", "size_optimized") / (docs1 ? docs1 : 1), 0), ms(v("q1.fts5.all", "p50_us")), ms(v("q1.fts5.all", "p99_us")), num(v("idx.fts5", "others_cpu"), 2) load_flag("idx.fts5")
	printf "| FTS5 (+ optimize, VACUUM) | %d | %s | %s | %s | %s | %s | %s | %s |\n\n", docs5, num(v("idx5.fts5", "wall_s"), 1), num(rate(docs5, v("idx5.fts5", "wall_s")), 0), mb(v("idx5.fts5.db", "size_optimized")), num(v("idx5.fts5.db", "size_optimized") / (docs5 ? docs5 : 1), 0), ms(v("q5.fts5.all", "p50_us")), ms(v("q5.fts5.all", "p99_us")), num(v("idx5.fts5", "others_cpu"), 2) load_flag("idx5.fts5")
	printf "%sx the articles: newsidx takes %sx the indexing time, %sx the space, %sx the p50 and %sx the p99; FTS5 %sx, %sx, %sx and %sx.\n\n", fx,
		ratio(v("idx5.nx2", "wall_s"), v("idx.nx2", "wall_s")), ratio(v("idx5.nx2.db", "size"), v("idx.nx2.db", "size")),
		ratio(v("q5.newsidx.all", "p50_us"), v("q1.newsidx.all", "p50_us")), ratio(v("q5.newsidx.all", "p99_us"), v("q1.newsidx.all", "p99_us")),
		ratio(v("idx5.fts5", "wall_s"), v("idx.fts5", "wall_s")), ratio(v("idx5.fts5.db", "size_optimized"), v("idx.fts5.db", "size_optimized")),
		ratio(v("q5.fts5.all", "p50_us"), v("q1.fts5.all", "p50_us")), ratio(v("q5.fts5.all", "p99_us"), v("q1.fts5.all", "p99_us"))

	printf "## Ratios newsidx / peer, and the targets\n\n"
	printf "| comparison | newsidx | peer | newsidx/peer | target | result |\n|---|---|---|---|---|---|\n"
	r_nx1 = rate(docs1, v("idx.nx1", "wall_s")); r_nx2 = rate(docs1, v("idx.nx2", "wall_s"))
	r_bare = rate(docs1, v("idx.bare", "wall_s")); r_om = rate(docs1, v("idx.omindex", "wall_s"))
	r_omc = rate(docs1, om_wall); r_f = rate(docs1, v("idx.fts5", "wall_s"))
	r = ratio(r_nx1, r_bare)
	ratio_row("indexing rate, -j 1 vs the bare Xapian loop (articles/s)", num(r_nx1, 0), num(r_bare, 0), "", r, "≥ 0.90 (within 10%)", verdict(r, 0.90, 1))
	r = ratio(r_nx1, r_om)
	ratio_row("indexing rate, -j 1 vs omindex as built", num(r_nx1, 0), num(r_om, 0), "", r, "≥ 1.00 (no slower)", verdict(r, 1.0, 1))
	r = ratio(r_nx1, r_omc)
	ratio_row("indexing rate, -j 1 vs omindex + xapian-compact", num(r_nx1, 0), num(r_omc, 0), "", r, "–", "")
	r = ratio(r_nx2, r_nx1)
	ratio_row("indexing rate, -j 2 vs -j 1", num(r_nx2, 0), num(r_nx1, 0), "", r, "≥ 1.80", verdict(r, 1.80, 1))
	r = ratio(r_nx1, r_f)
	ratio_row("indexing rate, -j 1 vs FTS5 (+ optimize, VACUUM)", num(r_nx1, 0), num(r_f, 0), "", r, "–", "")
	r = ratio(v("q1.newsidx.all", "p50_us"), v("q1.fts5.all", "p50_us"))
	ratio_row("query p50 vs FTS5 (ms)", ms(v("q1.newsidx.all", "p50_us")), ms(v("q1.fts5.all", "p50_us")), "", r, "≤ 0.35", verdict(r, 0.35, 0))
	r = ratio(v("q1.newsidx.all", "p99_us"), v("q1.fts5.all", "p99_us"))
	ratio_row("query p99 vs FTS5 (ms)", ms(v("q1.newsidx.all", "p99_us")), ms(v("q1.fts5.all", "p99_us")), "", r, "≤ 0.10", verdict(r, 0.10, 0))
	r = ratio(v("q1.newsidx.all", "p50_us"), v("q1.omega.all", "p50_us"))
	ratio_row("query p50 vs quest-equivalent (ms)", ms(v("q1.newsidx.all", "p50_us")), ms(v("q1.omega.all", "p50_us")), "", r, "–", "")
	r = ratio(v("q1.newsidx.all", "p99_us"), v("q1.omega.all", "p99_us"))
	ratio_row("query p99 vs quest-equivalent (ms)", ms(v("q1.newsidx.all", "p99_us")), ms(v("q1.omega.all", "p99_us")), "", r, "–", "")
	r = ratio(v("idx.nx2.db", "size"), v("idx.fts5.db", "size_optimized"))
	ratio_row("index size vs FTS5, both compacted (MB)", mb(v("idx.nx2.db", "size")), mb(v("idx.fts5.db", "size_optimized")), "", r, "reported", "")
	r = ratio(v("idx.nx2.db", "size"), v("idx.omcompact.db", "size"))
	ratio_row("index size vs omindex, both compacted (MB)", mb(v("idx.nx2.db", "size")), mb(v("idx.omcompact.db", "size")), "", r, "–", "")
	r = ratio(rate(docs5, v("idx5.nx2", "wall_s")), rate(docs5, v("idx5.fts5", "wall_s")))
	ratio_row(fx "x: indexing rate, -j 2 vs FTS5", num(rate(docs5, v("idx5.nx2", "wall_s")), 0), num(rate(docs5, v("idx5.fts5", "wall_s")), 0), "", r, "–", "")
	r = ratio(v("q5.newsidx.all", "p50_us"), v("q5.fts5.all", "p50_us"))
	ratio_row(fx "x: query p50 vs FTS5 (ms)", ms(v("q5.newsidx.all", "p50_us")), ms(v("q5.fts5.all", "p50_us")), "", r, "≤ 0.35", verdict(r, 0.35, 0))
	r = ratio(v("q5.newsidx.all", "p99_us"), v("q5.fts5.all", "p99_us"))
	ratio_row(fx "x: query p99 vs FTS5 (ms)", ms(v("q5.newsidx.all", "p99_us")), ms(v("q5.fts5.all", "p99_us")), "", r, "≤ 0.10", verdict(r, 0.10, 0))
	r = ratio(v("idx5.nx2.db", "size"), v("idx5.fts5.db", "size_optimized"))
	ratio_row(fx "x: index size vs FTS5 (MB)", mb(v("idx5.nx2.db", "size")), mb(v("idx5.fts5.db", "size_optimized")), "", r, "reported", "")
	printf "\n"

	printf "## What each part of a Xapian index costs\n\n"
	printf "The bare Xapian loop built four times over the %d articles, each build leaving one thing out, compacted; tables in MB (termlists cannot be left out through our binding, so their cost is the termlist table's size).  newsidx and omindex for comparison.\n\n", docs1
	printf "| build | total MB | of full | postlist | position | termlist | docdata |\n|---|---|---|---|---|---|---|\n"
	full = v("idx.bare.db", "size")
	size_row("bare: STEM_SOME, positions, stored text (full)", "idx.bare.db", full)
	size_row("bare: no positions", "idx.bare_nopos.db", full)
	size_row("bare: STEM_ALL_Z (no unstemmed terms)", "idx.bare_allz.db", full)
	size_row("bare: no stored text", "idx.bare_nodata.db", full)
	size_row("newsidx -j 2", "idx.nx2.db", full)
	size_row("omindex + xapian-compact", "idx.omcompact.db", full)
	printf "\n"
	cost_line("positions", full, v("idx.bare_nopos.db", "size"))
	cost_line("unstemmed terms (STEM_SOME over STEM_ALL_Z)", full, v("idx.bare_allz.db", "size"))
	cost_line("stored text (document data)", full, v("idx.bare_nodata.db", "size"))
	if (full > 0)
		printf "- termlists: %s MB, %s%% of the full build\n", num(v("idx.bare.db", "t_termlist") / 1e6, 1), num(100 * v("idx.bare.db", "t_termlist") / full, 0)
	printf "- SQLite FTS5 (positions, porter stems only, stored text) for comparison: %s MB\n", mb(v("idx.fts5.db", "size_optimized"))
	printf "\nBuild times (s): full %s, no positions %s, STEM_ALL_Z %s, no stored text %s.\n",
		num(v("idx.bare", "wall_s"), 1), num(v("idx.bare_nopos", "wall_s"), 1), num(v("idx.bare_allz", "wall_s"), 1), num(v("idx.bare_nodata", "wall_s"), 1)
}
