#!/bin/sh
# run.sh BUILD SECONDS TARGET...: runs each libFuzzer target in
# BUILD/fuzz/ for SECONDS, one after the other, at the lowest priority.
# The corpus of TARGET (fuzz_NAME) is BUILD/corpus/NAME, seeded from
# tests/fuzz/NAME/ (regression inputs and the kept corpus) and from the
# fixtures (seeds.py). Crashes go to BUILD/crashes/; each run appends
# "NAME SECONDS EXECUTIONS" to BUILD/stats, and the totals are printed.
set -u
BUILD=${1:?usage: run.sh BUILD SECONDS TARGET...}
SECS=${2:?usage: run.sh BUILD SECONDS TARGET...}
shift 2
SHARED=${SHARED:-../shared}
mkdir -p "$BUILD/crashes"
st=0
for t in "$@"; do
	name=${t#fuzz_}
	corpus="$BUILD/corpus/$name"
	mkdir -p "$corpus"
	[ -d "tests/fuzz/$name" ] && cp -p "tests/fuzz/$name"/* "$corpus"/ 2>/dev/null
	python3 tests/fuzz/seeds.py "$name" "$corpus" "$SHARED" >/dev/null
	dict=
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
	case $name in
	site) len=16384 ;;
	*) len=8192 ;;
	esac
	log="$BUILD/$name.log"
	echo "fuzz: $name for ${SECS}s ($(ls "$corpus" | wc -l) inputs in $corpus)"
	start=$(date +%s)
	nice -n 19 "$BUILD/fuzz/$t" -max_total_time="$SECS" -print_final_stats=1 \
	    -timeout=30 -rss_limit_mb=3000 -close_fd_mask=1 -max_len="$len" $dict \
	    -artifact_prefix="$BUILD/crashes/$name-" "$corpus" > "$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	echo "$name $(($(date +%s) - start)) ${execs:-0}" >> "$BUILD/stats"
	if [ "$rc" != 0 ]; then
		st=1
		echo "fuzz: $name FAILED (exit $rc); see $log"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*fuzz check failed|artifact_prefix|Test unit written)' "$log" | head -5 | sed 's/^/      /'
	else
		echo "fuzz: $name ok, ${execs:-?} executions"
	fi
done
echo "fuzz: totals so far (seconds, executions) from $BUILD/stats:"
awk '{ s[$1] += $2; e[$1] += $3 } END { for (k in s) printf "  %-10s %7d s %12d execs\n", k, s[k], e[k] }' "$BUILD/stats" | sort
exit $st
