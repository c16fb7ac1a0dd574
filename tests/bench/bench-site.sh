#!/bin/sh
# bench-site.sh: kitgen on whole sites, against the md4c floor and Hugo.
#
# Two seeded synthetic sites (tests/bench/gen_site.py), generated once
# under $BUILD/bench-sites/ and reused: BENCH_GUIDES guides (default
# 10000), and BENCH_CANDIDATES candidates (default 10000) against
# BENCH_CAND_GUIDES guides (default 100). Each builder runs BENCH_RUNS
# times (default 5), every run into a folder never used before (creating
# files right after deleting a large tree is several times slower), and
# prints the median, min-max and peak RSS; then the ratios. Hugo runs
# when it is installed, with a minimal site (tests/bench/hugo/) that
# renders title, front matter fields, table of contents and content,
# code highlighting off. Last, the rebuild after one candidate file
# changes, into the same folder.
set -u
guides=${BENCH_GUIDES:-10000}
cands=${BENCH_CANDIDATES:-10000}
cand_guides=${BENCH_CAND_GUIDES:-100}
runs=${BENCH_RUNS:-5}
jobs=${BENCH_JOBS:-}
sites="$TOP/$BUILD/bench-sites"
bench="$TOP/tests/bench"
gsite="$sites/g$guides"
csite="$sites/c$cands-g$cand_guides"
work=$(mktemp -d "$TOP/$BUILD/bench-out.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
jobarg=
[ -n "$jobs" ] && jobarg="--jobs $jobs"

# gen_site DIR ARGS...: generates a site once; a half-written one (no
# .done) is made again.
gen_site() {
	dir=$1
	shift
	if [ ! -f "$dir/.done" ]; then
		rm -rf "$dir"
		python3 "$bench/gen_site.py" "$dir" "$@" || return 1
		touch "$dir/.done"
	fi
}
gen_site "$gsite" --guides "$guides" || exit 1
gen_site "$csite" --guides "$cand_guides" --candidates "$cands" || exit 1

# measure LABEL NAME [--pre SHELLCMD] -- CMD...: one line of figures
# (measure.py); the median goes into
# $work/NAME.s and the peak RSS (MiB) into $work/NAME.rss.
measure() {
	label=$1 name=$2
	shift 2
	python3 "$bench/measure.py" "$runs" "$label" "$work/$name" "$@" \
	    > "$work/$name.line" || return 1
	cat "$work/$name.line"
	sed 's/^.* \([0-9.]*\) s  (.*$/\1/' "$work/$name.line" > "$work/$name.s"
	sed 's/^.*peak RSS *\([0-9.]*\) MiB$/\1/' "$work/$name.line" \
	    > "$work/$name.rss"
	# The outputs stay until the end: creating files right after
	# deleting a large tree is several times slower on ext4.
}
ratio() {
	awk -v a="$(cat "$work/$2.s")" -v b="$(cat "$work/$3.s")" \
	    -v l="$1" 'BEGIN { printf "%-34s %8.2fx\n", l, a / b }'
}

echo "$guides guides ($(du -sk "$gsite/content" | cut -f1) KB of Markdown)," \
    "$runs runs each, $(nproc) cores${jobs:+, --jobs $jobs}"
st=0
measure "floor (md4c-html)" floor -- "$TOP/$BUILD/bench/floor" \
    "$gsite/content" "{out}" || st=1
measure "kitgen build" kg -- "$KITGEN" build -C "$gsite" -o "{out}" --quiet \
    $jobarg || st=1
if command -v hugo >/dev/null 2>&1; then
	mkdir -p "$work/hugo-src" && cp -R "$bench/hugo/." "$work/hugo-src/"
	measure "hugo" hugo -- hugo --source "$work/hugo-src" --contentDir \
	    "$gsite/content" --destination "{out}" --quiet || st=1
else
	echo "hugo: not installed"
fi
[ $st = 0 ] && ratio "kitgen / floor" kg floor
[ $st = 0 ] && [ -f "$work/hugo.s" ] && ratio "hugo / kitgen" hugo kg

echo
echo "$cands candidates against $cand_guides guides"
measure "kitgen build" kc -- "$KITGEN" build -C "$csite" -o "{out}" --quiet \
    $jobarg || st=1

# The rebuilds into the folder built before, from the build cache: one
# candidate file changes (its summary, a new word each time); nothing
# changes; nothing changes but --clean ignores the cache (every page
# rendered and compared with the file on disk).
rb="$work/rebuild-site"
mkdir -p "$rb" && cp -R "$csite/content" "$rb/" || st=1
one="$rb/content/candidates/cand-000000.yaml"
if [ $st = 0 ] && "$KITGEN" build -C "$rb" -o "$work/rb-out" --quiet \
    $jobarg; then
	measure "rebuild after one candidate change" rb --pre \
	    "sed -i 's/^summary: .*/summary: Edit {n}./' '$one'" -- \
	    "$KITGEN" build -C "$rb" -o "$work/rb-out" --quiet $jobarg || st=1
	measure "rebuild, nothing changed" rb0 -- \
	    "$KITGEN" build -C "$rb" -o "$work/rb-out" --quiet $jobarg || st=1
	measure "rebuild --clean, nothing changed" rbc -- \
	    "$KITGEN" build -C "$rb" -o "$work/rb-out" --quiet --clean \
	    $jobarg || st=1
else
	st=1
fi
exit $st
