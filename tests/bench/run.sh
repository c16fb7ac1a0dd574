#!/bin/sh
# run.sh BUILD: runs every tests/bench/bench-*.sh in turn, in one run, so
# the figures each prints are comparable.
set -u
BUILD=${1:-build}
export BUILD TOP="$(pwd)" KITGEN="$(pwd)/$BUILD/kitgen" LC_ALL=C TZ=UTC
st=0
for b in tests/bench/bench-*.sh; do
	[ -f "$b" ] || continue
	echo "== $(basename "$b" .sh)"
	sh "$b" || st=1
	echo
done
exit $st
