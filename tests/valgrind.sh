#!/bin/sh
# valgrind.sh BUILD [SHARED]: the end-to-end suites with every kitgen run
# under valgrind's memcheck, which must find no error and no leak; then
# the fuzz targets' replay of their saved inputs, likewise. The suites
# must pass as they do without valgrind (serve is left out: it times its
# rebuilds). Prints a summary; exits non-zero on any failure.
set -u
BUILD=${1:?usage: valgrind.sh BUILD [SHARED]}
SHARED=${2:-$(pwd)/../shared}
TOP=$(pwd)
export TZ=UTC LC_ALL=C BUILD TOP KITGEN_SHARED="$SHARED"
command -v valgrind > /dev/null 2>&1 || {
	echo "valgrind.sh: valgrind is not installed (apt-get install valgrind)" >&2
	exit 1
}
vg="$TOP/$BUILD/valgrind"
rm -rf "$vg" && mkdir -p "$vg/logs"
# A valgrind error or leak makes kitgen exit 99, which no suite expects.
VG="valgrind --tool=memcheck --leak-check=full --show-leak-kinds=all \
--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
--log-file=$vg/logs/vg.%p"
cat > "$vg/kitgen" <<EOF
#!/bin/sh
exec $VG "$TOP/$BUILD/kitgen" "\$@"
EOF
chmod +x "$vg/kitgen"
export KITGEN="$vg/kitgen"

st=0
for s in cli site render bad-input context golden mustache-spec corpus faults; do
	[ -f "tests/suites/$s.sh" ] || continue
	if sh "tests/suites/$s.sh" > "$vg/$s.log" 2>&1; then
		echo "ok    $s: $(tail -1 "$vg/$s.log")"
	else
		st=1
		echo "FAIL  $s: $(tail -1 "$vg/$s.log") - $vg/$s.log"
		grep '^FAIL' "$vg/$s.log" | head -5 | sed 's/^/      /'
	fi
done
for t in "$BUILD"/fuzz/fuzz_*; do
	name=$(basename "$t")
	name=${name#fuzz_}
	[ -d "tests/fuzz/$name" ] || continue
	if $VG "$t" "tests/fuzz/$name" > "$vg/fuzz-$name.log" 2>&1; then
		echo "ok    fuzz replay $name: $(tail -1 "$vg/fuzz-$name.log")"
	else
		st=1
		echo "FAIL  fuzz replay $name - $vg/fuzz-$name.log"
	fi
done

# Every run's report: no errors, nothing lost.
runs=0 bad=0
for l in "$vg"/logs/vg.*; do
	[ -f "$l" ] || continue
	runs=$((runs + 1))
	if ! grep -q 'ERROR SUMMARY: 0 errors' "$l" ||
	    grep -qE '(definitely|indirectly|possibly) lost: [1-9]' "$l"; then
		bad=$((bad + 1))
		[ "$bad" -le 5 ] && { echo "      $l:"; grep -E 'ERROR SUMMARY|lost:|Invalid|uninitialised|at 0x|by 0x' "$l" | head -12 | sed 's/^/        /'; }
	fi
done
echo "valgrind: $runs runs of kitgen and the fuzz replays, $bad with errors or leaks"
[ "$bad" -eq 0 ] || st=1
exit $st
