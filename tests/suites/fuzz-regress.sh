#!/bin/sh
# fuzz-regress.sh: every fuzz target, linked with tests/fuzz/driver.c as
# main() (so under this build's sanitizers), run over the inputs kept in
# tests/fuzz/NAME/ (every crash ever found, and the kept corpus) and the
# seeds made from the fixtures. A target that fails an input aborts.
. "$TOP/tests/lib.sh"

for bin in "$TOP/$BUILD"/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	t=$(basename "$bin")
	name=${t#fuzz_}
	mkdir -p "$TMP/seeds/$name"
	(cd "$TOP" && python3 tests/fuzz/seeds.py "$name" "$TMP/seeds/$name" \
	    "$KITGEN_SHARED") > /dev/null
	dirs="$TMP/seeds/$name"
	[ -d "$TOP/tests/fuzz/$name" ] && dirs="$TOP/tests/fuzz/$name $dirs"
	# shellcheck disable=SC2086
	if "$bin" $dirs > "$TMP/out" 2> "$TMP/err"; then
		ok "$name: $(cat "$TMP/out")"
	else
		fail "$name: an input fails"
		grep -E '^== |fuzz check failed|ERROR|SUMMARY|runtime error' "$TMP/err" | tail -5 | sed 's/^/      /'
	fi
done
finish
