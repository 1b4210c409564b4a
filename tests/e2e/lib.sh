# tests/e2e/lib.sh: a small TAP helper for the end-to-end scripts.
# Source it; then use run, is, like, ok; call done_testing at the end.
# NEWSIDX_BUILD names the build directory (tests/run-tests.sh sets it).
set -u
BUILD=${NEWSIDX_BUILD:-$(pwd)/build}
INDEX="$BUILD/newsidx-index"
QUERY="$BUILD/newsidx-query"
TOP=$(pwd)
T_N=0
T_FAILED=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/newsidx-e2e.XXXXXX")
trap 'chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
unset NEWSIDX_DB NO_COLOR

# run CMD...: runs it; $OUT, $ERR and $RC hold stdout, stderr, exit status.
run() {
	"$@" >"$WORK/.out" 2>"$WORK/.err"
	RC=$?
	OUT=$(cat "$WORK/.out")
	ERR=$(cat "$WORK/.err")
}

_report() { # status description [diagnostics]
	T_N=$((T_N + 1))
	if [ "$1" = 0 ]; then
		echo "ok $T_N - $2"
	else
		echo "not ok $T_N - $2"
		T_FAILED=$((T_FAILED + 1))
		if [ -n "${3:-}" ]; then
			printf '%s\n' "$3" | sed 's/^/#   /'
		fi
	fi
}

# is ACTUAL EXPECTED DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		_report 0 "$3"
	else
		_report 1 "$3" "expected: [$2]
got:      [$1]"
	fi
}

# like ACTUAL GREP-PATTERN DESCRIPTION (extended regexp)
like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		_report 0 "$3"
	else
		_report 1 "$3" "pattern: $2
got: $1"
	fi
}

# unlike ACTUAL GREP-PATTERN DESCRIPTION
unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		_report 1 "$3" "pattern should not match: $2
got: $1"
	else
		_report 0 "$3"
	fi
}

# skip_all REASON: the whole script is skipped.
skip_all() {
	echo "ok 1 # SKIP $1"
	exit 0
}

# ids: the ids of --json hits on stdin, one per line, basename only.
hit_files() {
	sed -n 's/.*"path":"\([^"]*\)".*/\1/p' | sed 's|.*/||'
}

done_testing() {
	echo "1..$T_N"
	[ "$T_FAILED" = 0 ]
}
