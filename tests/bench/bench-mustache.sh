#!/bin/sh
# bench-mustache.sh: the Mustache engine against mustache.js on one
# packet-sized page (tests/bench/mustache/), N renders each (default
# 100000; MUSTACHE_BENCH_N overrides). Both must write the same bytes.
set -u
n=${MUSTACHE_BENCH_N:-100000}
dir="$TOP/tests/bench/mustache"
bin="$TOP/$BUILD/bench/mustache_bench"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kitgen-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$bin" "$dir" "$n" "$tmp" > "$tmp/kitgen.txt" || exit 1
cat "$tmp/kitgen.txt"
if ! command -v node >/dev/null 2>&1; then
	echo "mustache.js: skipped (no node)"
	exit 0
fi
node "$TOP/tests/bench/mustache_bench.js" "$dir" "$n" "$tmp" > "$tmp/js.txt" || exit 1
cat "$tmp/js.txt"
for f in kitgen-packet kitgen-packet_flat; do
	if ! cmp -s "$tmp/$f.html" "$tmp/mustachejs-packet_flat.html"; then
		echo "FAIL: $f.html and mustache.js's page differ"
		exit 1
	fi
done
echo "all three pages are the same $(wc -c < "$tmp/kitgen-packet.html") bytes"
rps() { sed -n "s/^$1: .* s: \([0-9]*\) renders\/s.*/\1/p" "$2"; }
k=$(rps "kitgen packet" "$tmp/kitgen.txt")
kf=$(rps "kitgen packet_flat" "$tmp/kitgen.txt")
j=$(rps "mustache.js packet_flat" "$tmp/js.txt")
awk -v k="$k" -v kf="$kf" -v j="$j" 'BEGIN {
	printf "ratio kitgen/mustache.js: %.1fx (with inheritance), %.1fx (same flat template)\n", k / j, kf / j
}'
