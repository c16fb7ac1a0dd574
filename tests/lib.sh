# lib.sh: helpers for the shell suites in tests/suites/. Source it, call
# the checks, end with finish (prints "N passed, M failed, K skipped").
# $KITGEN is the binary under test; $TOP the project root.
: "${KITGEN:?run through tests/run.sh}"
_pass=0 _fail=0 _skip=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kitgen-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

ok() { _pass=$((_pass + 1)); echo "ok    $*"; }
fail() { _fail=$((_fail + 1)); echo "FAIL  $*"; }
skip() { _skip=$((_skip + 1)); echo "skipped: $*"; }

# expect_exit STATUS NAME CMD...: runs CMD; stdout/stderr in $TMP/out, err.
expect_exit() {
	_want=$1 _name=$2
	shift 2
	"$@" > "$TMP/out" 2> "$TMP/err"
	_got=$?
	if [ "$_got" = "$_want" ]; then ok "$_name"
	else fail "$_name: exit $_got, want $_want"; sed 's/^/      /' "$TMP/err" | head -10; fi
}

# expect_err NAME TEXT: $TMP/err has the line TEXT (fixed string).
expect_err() {
	if grep -qxF -- "$2" "$TMP/err"; then ok "$1"
	else fail "$1: stderr lacks: $2"; sed 's/^/      /' "$TMP/err" | head -10; fi
}

# expect_out NAME TEXT: $TMP/out contains TEXT (fixed string).
expect_out() {
	if grep -qF -- "$2" "$TMP/out"; then ok "$1"
	else fail "$1: stdout lacks: $2"; head -10 "$TMP/out" | sed 's/^/      /'; fi
}

finish() {
	echo "$_pass passed, $_fail failed, $_skip skipped"
	[ "$_fail" -eq 0 ]
}
