#!/bin/sh
# golden.sh: whole sites built and compared with tests/golden/.
: "${KITGEN:?run through tests/run.sh}"
exec sh "$TOP/tests/golden.sh" "$BUILD"
