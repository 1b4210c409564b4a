#!/bin/sh
# The format check (the committed .clang-format) and the static checker
# (cppcheck), each one test; ends with "N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
pass=0 fail=0
sources=$(git ls-files 'include/*.h' 'lib/*.c' 'lib/*.h' 'lib/xapian-c/*.cc' \
	'indexer/*.c' 'query/*.c' 'tests/*.c' 'tests/fuzz/*.c' 'tests/fuzz/*.h' \
	'bench/*.c' 'eval/*.c' 2>/dev/null)
[ -n "$sources" ] || sources=$(ls include/*.h lib/*.c lib/*.h lib/xapian-c/*.cc \
	indexer/*.c query/*.c tests/*.c 2>/dev/null)

# shellcheck disable=SC2086
if out=$(clang-format --dry-run --Werror $sources 2>&1); then
	echo "ok 1 - clang-format: every source file is formatted"
	pass=$((pass + 1))
else
	echo "not ok 1 - clang-format: files need 'make format'"
	echo "$out" | head -n 40 | sed 's/^/#   /'
	fail=$((fail + 1))
fi

csrc=$(echo "$sources" | tr ' ' '\n' | grep -E '\.c$')
# shellcheck disable=SC2086
if out=$(cppcheck --quiet --std=c11 --language=c \
	--enable=warning,performance,portability --error-exitcode=1 \
	--inline-suppr --suppress=missingIncludeSystem -D__GNUC__ \
	-Iinclude -Ilib $csrc 2>&1); then
	echo "ok 2 - cppcheck: no warnings in the C sources"
	pass=$((pass + 1))
else
	echo "not ok 2 - cppcheck found problems"
	echo "$out" | head -n 60 | sed 's/^/#   /'
	fail=$((fail + 1))
fi

# shellcheck disable=SC2086
if out=$(cppcheck --quiet --std=c++17 --language=c++ \
	--enable=warning,performance,portability --error-exitcode=1 \
	--inline-suppr --suppress=missingIncludeSystem \
	-Iinclude lib/xapian-c/*.cc 2>&1); then
	echo "ok 3 - cppcheck: no warnings in the Xapian binding"
	pass=$((pass + 1))
else
	echo "not ok 3 - cppcheck found problems in the binding"
	echo "$out" | head -n 60 | sed 's/^/#   /'
	fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
