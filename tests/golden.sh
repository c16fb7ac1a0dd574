#!/bin/sh
# golden.sh [--update] BUILD: builds the example handbook (content/) and
# every fixture site in tests/fixtures/sites/ that has a golden copy in
# tests/golden/NAME/ (the example is "example"), and compares the output
# byte for byte. With --update, refreshes the golden copies instead, for
# a human to review with git diff.
set -u
update=
if [ "${1:-}" = --update ]; then update=1; shift; fi
BUILD=${1:-build}
TOP=${TOP:-$(pwd)}
KITGEN=${KITGEN:-$TOP/$BUILD/kitgen}
export TZ=UTC LC_ALL=C
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kitgen-golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

one() { # name site-dir
	out="$tmp/$1"
	if ! "$KITGEN" build -C "$2" -o "$out" --quiet 2> "$tmp/$1.err"; then
		echo "FAIL  golden $1: the build failed:"
		sed 's/^/      /' "$tmp/$1.err" | head -20
		fail=$((fail + 1))
		return
	fi
	if [ -n "$update" ]; then
		rm -rf "$TOP/tests/golden/$1"
		mkdir -p "$TOP/tests/golden"
		cp -R "$out" "$TOP/tests/golden/$1"
		echo "updated tests/golden/$1"
		pass=$((pass + 1))
	elif diff -r "$TOP/tests/golden/$1" "$out" > "$tmp/$1.diff" 2>&1; then
		echo "ok    golden $1"
		pass=$((pass + 1))
	else
		echo "FAIL  golden $1: the output differs (make regress-update refreshes it):"
		head -40 "$tmp/$1.diff" | sed 's/^/      /'
		fail=$((fail + 1))
	fi
}

if [ -n "$update" ] || [ -d "$TOP/tests/golden/example" ]; then
	one example "$TOP"
fi
for d in "$TOP"/tests/fixtures/sites/*/; do
	name=$(basename "$d")
	if [ -n "$update" ]; then
		[ -f "$d/golden" ] && one "$name" "$d"
	elif [ -d "$TOP/tests/golden/$name" ]; then
		one "$name" "$d"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
