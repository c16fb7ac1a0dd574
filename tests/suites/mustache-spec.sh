#!/bin/sh
# mustache-spec.sh: the official Mustache specification (every file but
# ~lambdas), through the engine and through "kitgen render".
. "$TOP/tests/lib.sh"

spec="$KITGEN_SHARED/mustache-spec"
runner="$TOP/$BUILD/tests/mustache_spec"
if [ ! -f "$spec/interpolation.yml" ]; then
	skip "the Mustache specification is not in $spec"
	finish
	exit
fi

# run NAME ARGS...: the runner's failures, then its counts, added to ours.
run() {
	_name=$1
	shift
	"$runner" "$@" > "$TMP/spec.out" 2>&1
	_st=$?
	cat "$TMP/spec.out"
	_line=$(grep -E '^[a-z ]+: [0-9]+ passed, [0-9]+ failed$' "$TMP/spec.out" | tail -1)
	_p=$(echo "$_line" | sed -n 's/.*: \([0-9]*\) passed.*/\1/p')
	_f=$(echo "$_line" | sed -n 's/.* \([0-9]*\) failed$/\1/p')
	if [ -z "$_line" ] || { [ "$_st" != 0 ] && [ "${_f:-0}" = 0 ]; }; then
		fail "$_name: the spec runner exited with $_st"
		return
	fi
	_pass=$((_pass + _p))
	_fail=$((_fail + _f))
}

run library "$spec"
run "kitgen render" --kitgen "$KITGEN" "$spec"
finish
