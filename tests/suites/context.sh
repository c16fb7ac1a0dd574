#!/bin/sh
# context.sh: every variable the README documents for each page type is
# rendered, under --strict, for every page type of the example handbook.
. "$TOP/tests/lib.sh"

site="$TMP/site"
mkdir -p "$site"
cp -R "$TOP/content" "$site/content"
python3 "$TOP/tests/tools/context_templates.py" "$TOP/README.md" \
    "$site/templates" > "$TMP/counts"
for t in index guide packet cheatsheet scorecard print debrief interviewer; do
	n=$(sed -n "s/^$t: \([0-9]*\) variables/\1/p" "$TMP/counts")
	if [ "${n:-0}" -gt 0 ]; then ok "README documents $n variables for $t"
	else fail "README documents variables for $t"; fi
done
expect_exit 0 "every documented variable renders (--strict)" \
    "$KITGEN" build -C "$site" -o "$TMP/out" --strict --quiet
for t in index guide packet cheatsheet scorecard print debrief interviewer; do
	case $t in
	index) f="$TMP/out/index.html" ;;
	guide) f="$TMP/out/guides/backend-engineer/index.html" ;;
	packet) f="$TMP/out/candidates/ada-okafor/index.html" ;;
	cheatsheet) f="$TMP/out/candidates/ada-okafor/coding/cheatsheet.html" ;;
	scorecard) f="$TMP/out/candidates/ada-okafor/coding/scorecard.html" ;;
	print) f="$TMP/out/candidates/ada-okafor/print.html" ;;
	debrief) f="$TMP/out/candidates/ada-okafor/debrief.html" ;;
	interviewer) f="$TMP/out/interviewers/priya-raman/index.html" ;;
	esac
	if [ -s "$f" ]; then ok "$t rendered with every variable"; else fail "$t rendered: $f"; fi
done
finish
