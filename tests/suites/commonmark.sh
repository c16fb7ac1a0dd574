#!/bin/sh
# commonmark.sh: the differential test of the Markdown renderer. Every
# example of the CommonMark specification (npm package commonmark-spec, in
# tests/node_modules) goes through markdown_render and md4c-html with the
# same parser flags; the HTML must be equal once our heading ids and
# self-links are taken out. Each difference is printed with its example
# number and section; the last line is "N passed, M failed".
set -u
: "${TOP:?run through tests/run.sh}" "${BUILD:?run through tests/run.sh}"
spec="$TOP/tests/node_modules/commonmark-spec"
tool="$TOP/$BUILD/tests/commonmark_diff"

skip() {
	echo "skipped: $1"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
}

[ -f "$spec/index.js" ] || skip "no tests/node_modules/commonmark-spec (make units installs it)"
command -v node >/dev/null 2>&1 || skip "no node to read the CommonMark examples"
if [ ! -x "$tool" ]; then
	echo "FAIL  $tool is missing (make units BUILD=$BUILD)"
	echo "0 passed, 1 failed"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kitgen-cm.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if ! node -e 'process.stdout.write(JSON.stringify(require(process.argv[1]).tests))' \
    "$spec" > "$tmp/spec.json"; then
	echo "FAIL  node could not dump the CommonMark examples"
	echo "0 passed, 1 failed"
	exit 1
fi
"$tool" "$tmp/spec.json"
