#!/bin/sh
# run.sh BUILD [SHARED]: one pass of the test suite against the binaries in
# BUILD: every cmocka unit test (BUILD/tests/test_*), then every suite
# script (tests/suites/*.sh, each ending with "N passed, M failed").
# Writes "passed failed skipped" to BUILD/results and prints a summary.
set -u
BUILD=${1:?usage: run.sh BUILD [SHARED]}
SHARED=${2:-$(pwd)/../shared}
TOP=$(pwd)
export TZ=UTC LC_ALL=C BUILD TOP
export KITGEN="$TOP/$BUILD/kitgen" KITGEN_SHARED="$SHARED"
logs="$BUILD/logs"
rm -rf "$logs" && mkdir -p "$logs"
pass=0 fail=0 skip=0

report() { # name passed failed skipped log status
	pass=$((pass + $2)); fail=$((fail + $3)); skip=$((skip + $4))
	if [ "$3" -gt 0 ] || [ "$6" != 0 ]; then
		printf 'FAIL  %-28s %s passed, %s failed (exit %s) - %s\n' \
		    "$1" "$2" "$3" "$6" "$5"
		grep -E '^(FAIL|\[  FAILED|\[  ERROR|.*(error|ERROR|Sanitizer|runtime error))' "$5" | head -20 | sed 's/^/      /'
	elif [ "$4" -gt 0 ]; then
		printf 'ok    %-28s %s passed, %s skipped\n' "$1" "$2" "$4"
	else
		printf 'ok    %-28s %s passed\n' "$1" "$2"
	fi
}

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	log="$logs/$name.log"
	"$t" > "$log" 2>&1
	st=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	if [ "$st" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	report "$name" "$p" "$f" "$s" "$log" "$st"
done

for s in "$TOP"/tests/suites/*.sh; do
	[ -f "$s" ] || continue
	name=$(basename "$s" .sh)
	log="$logs/$name.log"
	sh "$s" > "$log" 2>&1
	st=$?
	line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
	p=$(echo "$line" | sed -n 's/.*\b\([0-9][0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p')
	k=$(echo "$line" | sed -n 's/.* \([0-9][0-9]*\) skipped.*/\1/p')
	p=${p:-0} f=${f:-0} k=${k:-0}
	if [ -z "$line" ] || { [ "$st" != 0 ] && [ "$f" = 0 ]; }; then f=$((f + 1)); fi
	report "$name" "$p" "$f" "$k" "$log" "$st"
	grep -E '^skipped:' "$log" | sed 's/^/      /'
done

echo "$pass $fail $skip" > "$BUILD/results"
echo "$BUILD: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
