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
finish
