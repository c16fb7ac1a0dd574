#!/bin/sh
# print-stress.sh: the fixture site that make test-browser prints
# (tests/fixtures/sites/print-stress) builds with --strict and still holds
# what it is there to prove fits one page: a scorecard of 8 rubric criteria
# on a 10-level scale, a cheat-sheet of 12 questions each with probes (and
# 8 rubric criteria, flags, an agenda and the candidate's own notes), and
# scales of 3, 4 and 7 levels.
. "$TOP/tests/lib.sh"

out="$TMP/ps"
expect_exit 0 "print-stress builds with --strict" \
    "$KITGEN" build --strict -C "$TOP/tests/fixtures/sites/print-stress" -o "$out" --quiet

# count FILE TEXT: how many times TEXT occurs in FILE.
count() { grep -o -F -- "$2" "$1" 2>/dev/null | wc -l | tr -d ' '; }
# levels FILE: the rating boxes in the first row of a scorecard.
levels() {
	sed -n 's/.*<ul class="boxes"[^>]*>\(.*\)<\/ul><\/td>.*/\1/p' "$1" | head -1 |
	    grep -o '<span class="box"' | wc -l | tr -d ' '
}
want() { # name got want
	if [ "$2" = "$3" ]; then ok "$1: $2"; else fail "$1: $2, want $3"; fi
}

c="$out/candidates/maximiliana-featherstonehaugh"
sc="$c/distributed-storage-architecture-and-capacity-planning-review/scorecard.html"
cs="$c/incident-response-and-operational-judgement-conversation/cheatsheet.html"
want "rubric rows on the 8-criteria scorecard" "$(count "$sc" '<ul class="boxes"')" 8
want "levels of its scale" "$(levels "$sc")" 10
want "weights on it" "$(count "$sc" '<span class="weight">')" 8
want "questions on the 12-question cheat-sheet" "$(count "$cs" '<li><p>')" 12
want "questions with probes" "$(count "$cs" '<ul class="probes">')" 12
want "rubric criteria on it too" "$(sed -n '/class="rubric-reminder"/,/<\/ul>/p' "$cs" | grep -o '<li>' | wc -l | tr -d ' ')" 8
want "candidate's own probes on it" "$(sed -n '/class="candidate-notes"/,/<\/section>/p' "$cs" | grep -o '<li>' | wc -l | tr -d ' ')" 2
want "levels of the 3-level scale" \
    "$(levels "$out/candidates/wolfgang-schwarzenberger/work-sample-walk-through/scorecard.html")" 3
want "levels of the 4-level scale" \
    "$(levels "$out/candidates/priyanka-ramaswamy/sql-and-reasoning/scorecard.html")" 4
want "criteria-table rows on the 4-level scorecard" \
    "$(count "$out/candidates/priyanka-ramaswamy/sql-and-reasoning/scorecard.html" '<ul class="boxes"')" 6
want "levels of the 7-level scale" \
    "$(levels "$out/candidates/jean-baptiste/people-leadership/scorecard.html")" 7
if [ -f "$c/debrief.html" ]; then ok "the long-named candidate has a debrief"; else fail "the long-named candidate has a debrief"; fi
finish
