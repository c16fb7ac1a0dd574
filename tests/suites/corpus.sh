#!/bin/sh
# corpus.sh: kitgen outline --json against the outlines a careful reader
# sees: (a) every guide of the shared corpus, (b) our own fixture guides
# in tests/fixtures/guides/, each checked by the corpus's checker
# (shared/corpus/check_outline.py) and its counts added up.
. "$TOP/tests/lib.sh"

corpus="$KITGEN_SHARED/corpus"
checker="$corpus/check_outline.py"

# check_guide NAME GUIDE EXPECTED: runs outline and the checker.
check_guide() {
	_name=$1 _guide=$2 _want=$3
	"$KITGEN" outline --json "$_guide" > "$TMP/out.json" 2> "$TMP/err"
	_st=$?
	if [ "$_st" -ne 0 ]; then
		fail "$_name: kitgen outline exits $_st"
		sed 's/^/      /' "$TMP/err" | head -5
		return
	fi
	python3 "$checker" "$_want" "$TMP/out.json" > "$TMP/check" 2>&1
	_line=$(tail -1 "$TMP/check")
	_p=$(echo "$_line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	_f=$(echo "$_line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	if [ -z "$_p" ] || [ -z "$_f" ]; then
		fail "$_name: the checker said: $_line"
		return
	fi
	_pass=$((_pass + _p))
	_fail=$((_fail + _f))
	if [ "$_f" -eq 0 ]; then
		echo "ok    $_name: $_p checks"
	else
		echo "FAIL  $_name: $_f of $((_p + _f)) checks"
		grep '^FAIL' "$TMP/check" | sed 's/^/      /'
	fi
}

if [ ! -d "$corpus" ] || [ ! -f "$checker" ]; then
	echo "skipped: shared corpus not found"
	skip "shared corpus guides ($corpus)"
	skip "fixture guides (the checker is in the shared corpus)"
else
	for g in "$corpus"/guides/*.md; do
		b=$(basename "$g" .md)
		if [ -f "$corpus/expected/$b.json" ]; then
			check_guide "corpus $b" "$g" "$corpus/expected/$b.json"
		else
			skip "corpus $b: no expected outline"
		fi
	done
	for g in "$TOP"/tests/fixtures/guides/*.md; do
		b=$(basename "$g" .md)
		check_guide "fixture $b" "$g" \
		    "$TOP/tests/fixtures/guides/expected/$b.json"
	done
fi

# Whatever the corpus: the JSON is one valid object on stdout, nothing else.
for g in "$TOP"/tests/fixtures/guides/*.md; do
	b=$(basename "$g" .md)
	"$KITGEN" outline --json "$g" > "$TMP/out.json" 2> /dev/null
	if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if isinstance(d, dict) and list(d)[:6] == ["source","title","type","front_matter","total_minutes","sessions"] else 1)' \
	    "$TMP/out.json" 2> /dev/null; then
		ok "fixture $b: --json is one object in schema order"
	else
		fail "fixture $b: --json is one object in schema order"
	fi
done
# The command: exit statuses, stderr for diagnostics, the summary.
expect_exit 3 "outline of a missing file exits 3" "$KITGEN" outline --json "$TMP/nowhere.md"
if [ ! -s "$TMP/out" ]; then ok "nothing on stdout for a missing file"
else fail "nothing on stdout for a missing file"; fi
printf '# G\n\n**Total time**: 2 hours\n\n## Coding (45 min)\n\n## Design (30 min)\n' > "$TMP/short.md"
expect_exit 0 "warnings alone exit 0" "$KITGEN" outline --json "$TMP/short.md"
expect_err "the stated total is checked, at its line" \
    "$TMP/short.md:3:1: warning: the sessions add up to 75 min, but the guide states a total of 120 min"
if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/out" 2> /dev/null; then
	ok "warnings stay off stdout"
else
	fail "warnings stay off stdout"
fi
expect_exit 1 "--strict makes warnings fail" "$KITGEN" outline --strict --json "$TMP/short.md"
expect_exit 0 "the summary for a person" "$KITGEN" outline "$TMP/short.md"
expect_out "the summary lists the sessions" "1. Coding (45 min)"
expect_out "the summary adds them up" "2 sessions, 75 min in all"
printf -- '---\nsessions:\n  - {minutes: 5}\n---\n# G\n' > "$TMP/bad.md"
expect_exit 1 "a bad explicit session exits 1" "$KITGEN" outline --json "$TMP/bad.md"
expect_err "it is reported at its line" \
    "$TMP/bad.md:3:5: error: front matter: a session has no title"
finish
