#!/bin/sh
# bad-input.sh: every broken site in tests/bad/NN-name/ is built, and
# must exit with the status and print exactly the lines of its expect
# file (first line "exit N", then the whole of stderr), never write
# outside the output folder, leave the previous site (public/keep.txt)
# as it was and no staging folder behind.
#
# A case folder holds the site's files, and optionally "args" (kitgen's
# arguments; "build --quiet" by default) and "setup" (a shell script run
# in the copy first, for what git does not keep: links to outside the
# site, FIFOs, huge files). kitgen runs in the copy with -C ., so the
# messages name files as the site does. BAD_UPDATE=1 rewrites the expect
# files from what kitgen prints (read them before committing).
. "$TOP/tests/lib.sh"

# manifest DIR: every path below DIR (the output folder aside) with the
# checksum of each regular file.
manifest() {
	(cd "$1" && find . -path ./site/public -prune -o -print | LC_ALL=C sort &&
	    find . -path ./site/public -prune -o -type f -exec cksum {} + |
	    LC_ALL=C sort)
}

n=0
for c in "$TOP"/tests/bad/*/; do
	c=${c%/}
	name=$(basename "$c")
	n=$((n + 1))
	sb="$TMP/$name"
	mkdir -p "$sb/site"
	(cd "$c" && find . -mindepth 1 -maxdepth 1 ! -name expect ! -name args \
	    ! -name setup -exec cp -R {} "$sb/site/" \;)
	if [ -f "$c/setup" ] && ! (cd "$sb/site" && sh "$c/setup") > "$TMP/setup.err" 2>&1; then
		fail "$name: setup failed: $(cat "$TMP/setup.err")"
		continue
	fi
	mkdir -p "$sb/site/public"
	echo "the previous site" > "$sb/site/public/keep.txt"
	manifest "$sb" > "$TMP/before"
	args="build --quiet"
	[ -f "$c/args" ] && args=$(cat "$c/args")
	# shellcheck disable=SC2086
	(cd "$sb/site" && exec "$KITGEN" $args -C .) > "$TMP/out" 2> "$TMP/err"
	st=$?
	if [ -n "${BAD_UPDATE:-}" ]; then
		{ echo "exit $st"; cat "$TMP/err"; } > "$c/expect"
	fi
	want=$(sed -n '1s/^exit //p' "$c/expect" 2>/dev/null)
	sed 1d "$c/expect" > "$TMP/want" 2>/dev/null
	problems=
	case $st in
	1|2|3) ;;
	*) problems="$problems; exit $st is not 1, 2 or 3" ;;
	esac
	[ "$st" = "$want" ] || problems="$problems; exit $st, want $want"
	cmp -s "$TMP/err" "$TMP/want" || problems="$problems; stderr differs"
	grep -q ':[0-9][0-9]*:[0-9][0-9]*: error: \|^kitgen: ' "$TMP/err" ||
	    problems="$problems; no file:line:col error"
	if [ "$(ls -A "$sb/site/public")" != keep.txt ] ||
	    [ "$(cat "$sb/site/public/keep.txt")" != "the previous site" ]; then
		problems="$problems; the previous site changed"
	fi
	manifest "$sb" > "$TMP/after"
	cmp -s "$TMP/before" "$TMP/after" ||
	    problems="$problems; something outside public/ changed"
	if [ -z "$problems" ]; then
		ok "$name (exit $st)"
	else
		fail "$name${problems}"
		diff "$TMP/want" "$TMP/err" | head -10 | sed 's/^/      /'
		diff "$TMP/before" "$TMP/after" | head -5 | sed 's/^/      /'
	fi
	rm -rf "$sb"
done
[ "$n" -ge 40 ] && ok "$n broken sites (at least 40)" || fail "only $n broken sites"
finish
