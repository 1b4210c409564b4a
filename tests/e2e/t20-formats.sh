#!/bin/sh
# Every format and every kind of bad input in one directory: exact counts,
# messages and exit status; the index still answers; re-running adds nothing;
# --strict commits nothing.
. tests/e2e/lib.sh
M="$WORK/mix"
mkdir -p "$M/sub"
cp corpus/ttp-bases-demand.txt "$M/plain.txt"
gzip -c corpus/durand-line-history.txt >"$M/plain2.txt.gz"
cat >"$M/wire.sgm" <<'SGML'
<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="9001">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<PLACES><D>el-salvador</D></PLACES>
<TEXT>&#2;
<TITLE>COCOA CROP SEEN LARGER</TITLE>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers helped the cocoa crop &amp; traders.
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="9002">
<DATE>27-FEB-1987 10:00:00.00</DATE>
<TEXT>&#2;
<TITLE>RECORD WITHOUT END</TITLE>
<BODY>This record never ends
<REUTERS TOPICS="NO" NEWID="9003">
<DATE>28-FEB-1987 10:00:00.00</DATE>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>BRIEF STORY TITLE ONLY</TITLE>
</TEXT>
</REUTERS>
SGML
printf '%s\n' \
	'{"id":"j1","title":"Torkham reopens","body":"Trucks moved again through Torkham.","date":"2025-11-20","source":"Dawn"}' \
	'{"id":"j2","headline":"Chaman protest","text":"Traders protested at Chaman.","published":"Sun, 23 Nov 2025 10:00:00 +0000"}' \
	'{"id": "j3", "title": broken json' \
	'[1,2,3]' \
	'{"id":"j4","title":"Doha round","content":"Mediators met in Doha.","datePublished":1762646400}' >"$M/feed.jsonl"
printf '%s' '<html><head><meta property="og:title" content="Kabul markets brace for winter">' \
	'<meta property="og:site_name" content="Frontier Daily">' \
	'<meta property="article:published_time" content="2025-11-25T08:00:00Z">' \
	'<script>var x="Zebulon";</script></head><body><nav>Home Zebulon</nav>' \
	'<article><h1>Kabul markets</h1><p>Prices of flour rose in Kabul.</p>' \
	'<p>Traders blamed the Torkham closure.</p></article><footer>Zebulon</footer></body></html>' >"$M/page.html"
printf '<html><head><title>Quetta bus service</title></head><body><p>A new bus links Quetta and Chaman.</p></body></html>' |
	gzip >"$M/page2.htm.gz"
head -c 3000 /dev/urandom >"$M/binary.txt"
printf '\0\0' >>"$M/binary.txt"
: >"$M/empty.txt"
gzip -c corpus/kabul-prices-rise.txt | head -c 200 >"$M/trunc.txt.gz"
{
	printf '{"id":"big","title":"huge","body":"'
	head -c 100000000 /dev/zero | tr '\0' 'a'
	printf '"}\n{"id":"after-big","title":"Line after the huge one","body":"Kept."}\n'
} >"$M/big.jsonl"
ln -s .. "$M/sub/loop"
ln -s /nonexistent/vanished.txt "$M/vanished.txt"

run "$INDEX" -j 1 -d "$WORK/mix.db" "$M"
is "$RC" 1 "mixed directory: exit 1"
like "$ERR" "^indexed 10 articles from 8 files \\(9 skipped\\)" "mixed directory: 10 articles from 8 files, 9 skipped"
for msg in \
	"$M/sub/loop: directory loop \\(a symbolic link back to an enclosing directory\\), skipped" \
	"$M/vanished.txt: No such file or directory" \
	"$M/binary.txt: binary file \\(not text\\), skipped" \
	"$M/empty.txt: empty file" \
	"$M/feed.jsonl:3: invalid JSON \\(unexpected character\\)" \
	"$M/feed.jsonl:4: not a JSON object \\(array\\)" \
	"$M/trunc.txt.gz: truncated gzip data \\(unexpected end of file\\)" \
	"$M/wire.sgm: record NEWID 9002 \\(line 11\\): no </REUTERS> end tag" \
	"$M/big.jsonl:1: line longer than 32 MiB, skipped"; do
	like "$ERR" "^newsidx-index: $msg\$" "reported: $(echo "$msg" | sed "s|$M/||; s|\\\\||g")"
done
is "$(printf '%s\n' "$ERR" | grep -c '^newsidx-index: ')" 9 "exactly one line per bad input"

q() { "$QUERY" -d "$WORK/mix.db" "$@"; }
is "$(q --count --no-collapse '')" 10 "the index answers: 10 articles"
is "$(q --json 'id:9001 OR id:reuters:9001' | sed -n 's/.*"title":"\([^"]*\)".*/\1/p')" "COCOA CROP SEEN LARGER" "SGML record before the broken one"
is "$(q --count 'id:reuters:9003')" 1 "SGML record after the broken one (BRIEF, title only)"
is "$(q --count 'id:reuters:9002')" 0 "the broken SGML record is not indexed"
is "$(q --count 'topic:cocoa AND place:el-salvador')" 1 "SGML topics and places are searchable"
is "$(q --json 'id:j2' | sed -n 's/.*"date":"\([^"]*\)".*/\1/p')" "2025-11-23" "JSONL: RFC 2822 date"
is "$(q --json 'id:j4' | sed -n 's/.*"date":"\([^"]*\)".*/\1/p')" "2025-11-09" "JSONL: epoch date"
is "$(q --count 'id:after-big')" 1 "JSONL: the line after a 100 MB line is indexed"
run "$QUERY" -d "$WORK/mix.db" --json 'Kabul flour'
like "$OUT" '"title":"Kabul markets brace for winter","date":"2025-11-25","source":"Frontier Daily"' "HTML: og:title, published time, site name"
is "$(q --count Zebulon)" 0 "HTML: scripts, navigation and footers are not indexed"
is "$(q --count 'title:Quetta')" 1 "gzipped HTML with a <title> only"
is "$(q --count 'Durand')" 1 "gzipped plain text"

run "$INDEX" -j 1 -d "$WORK/mix.db" "$M"
is "$RC" 1 "re-run: still exit 1 for the files that cannot be read"
like "$ERR" "^indexed 0 articles from 0 files \\(4 skipped\\)" "re-run: nothing added; files that never opened are reported again"
is "$(q --count --no-collapse '')" 10 "re-run: same 10 articles"

# --strict: the first bad input is fatal and nothing is committed.
run "$INDEX" -d "$WORK/strict.db" corpus/
run "$INDEX" --strict -j 1 -d "$WORK/strict.db" "$M"
is "$RC" 2 "--strict: exit 2"
like "$ERR" "nothing from this run was committed" "--strict: says nothing was committed"
is "$("$QUERY" -d "$WORK/strict.db" --count 'id:after-big OR id:j1 OR Quetta')" 0 "--strict: none of the run's articles are in"
is "$("$QUERY" -d "$WORK/strict.db" --count --no-collapse '')" "$(find corpus -name '*.txt*' | wc -l | tr -d ' ')" "--strict: what was there before is intact"
run "$INDEX" --strict -d "$WORK/strict2.db" "$M"
is "$RC" 2 "--strict on a new database, parallel build: exit 2"
is "$("$QUERY" -d "$WORK/strict2.db" --count --no-collapse '')" 0 "--strict on a new database: empty"

# An unreadable file (run as an unprivileged user: root reads anything).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	U="$WORK/unreadable"
	mkdir -p "$U/in"
	cp corpus/ttp-name-only.txt "$U/in/ok.txt"
	cp corpus/torkham-crossing-closed.txt "$U/in/secret.txt"
	chmod 000 "$U/in/secret.txt"
	chmod 777 "$U"
	chmod 755 "$U/in" "$WORK"
	chmod 644 "$U/in/ok.txt"
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$INDEX" -d "$U/db" "$U/in" >"$WORK/u.out" 2>"$WORK/u.err"
	is "$?" 1 "unreadable file: exit 1"
	like "$(cat "$WORK/u.err")" "secret.txt: Permission denied" "unreadable file: reported with the reason"
	is "$("$QUERY" -d "$U/db" --count --no-collapse '')" 1 "unreadable file: the readable one is indexed"
else
	echo "ok $((T_N + 1)) # SKIP not root or no setpriv: cannot make an unreadable file"
	T_N=$((T_N + 1))
fi

done_testing
