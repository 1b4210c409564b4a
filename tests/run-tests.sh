#!/bin/sh
# Run every test program of a build and every end-to-end script, count TAP
# results, and end with one line "N passed, N failed, N skipped".
# Usage: tests/run-tests.sh BUILD_DIR
# Test programs are cmocka (TAP output); scripts in tests/e2e/ print TAP
# lines through tests/e2e/lib.sh.  A program that dies without reporting a
# failure counts as one failure.
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
case "$build" in
/*) ;;
*) build="$top/$build" ;;
esac
export NEWSIDX_BUILD="$build"
export CMOCKA_MESSAGE_OUTPUT=TAP
pass=0 fail=0 skip=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for t in "$build"/tests/test_* "$top"/tests/e2e/t*.sh; do
	[ -e "$t" ] || continue
	case "$t" in *.o) continue ;; esac
	echo "# $(basename "$t")"
	case "$t" in
	*.sh) (cd "$top" && sh "$t") >"$tmp" 2>&1 ;;
	*) (cd "$top" && "$t") >"$tmp" 2>&1 ;;
	esac
	rc=$?
	cat "$tmp"
	p=$(grep -c '^ok ' "$tmp" | tr -d ' ')
	s=$(grep -c '^ok .*# *SKIP' "$tmp" | tr -d ' ')
	f=$(grep -c '^not ok ' "$tmp" | tr -d ' ')
	# cmocka 1.1 prints a skipped test as "not ok N # SKIP name".
	s2=$(grep -c '^not ok .*# *SKIP' "$tmp" | tr -d ' ')
	p=$((p - s)) f=$((f - s2)) s=$((s + s2))
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		echo "not ok - $(basename "$t") exited with status $rc"
		f=1
	fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
