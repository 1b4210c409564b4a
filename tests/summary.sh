#!/bin/sh
# Add up the "N passed, N failed[, N skipped]" last lines of the given logs
# into the one summary line make check ends with.
pass=0 fail=0 skip=0
for log in "$@"; do
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "summary: $log has no result line; counting it as 1 failure" >&2
		fail=$((fail + 1))
		continue
	fi
	p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
	s=$(echo "$line" | sed -nE 's/.*, ([0-9]+) skipped.*/\1/p')
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + ${s:-0}))
done
echo "$pass passed, $fail failed, $skip skipped"
