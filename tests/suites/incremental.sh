#!/bin/sh
# incremental.sh: incremental builds give the same site as a clean build.
# A copy of the example handbook (with its own site.yaml, templates/ and
# themes/) is built into OUT, then changed one kind of change at a time;
# after each change an incremental build into OUT must give exactly the
# tree (same files, folders and bytes) that `build --clean` gives in a
# brand-new folder. Also: unchanged outputs keep their mtime, a failed
# build leaves OUT as it was, --clean, a deleted OUT, --jobs; and every
# guide and candidate file of the fixture sites edited, then restored.
# Correct for any correct implementation, including one without a cache.
. "$TOP/tests/lib.sh"
TZ=UTC LC_ALL=C
export TZ LC_ALL

SITE="$TMP/site"
OUT="$TMP/public"
C="$SITE/content/candidates"
G="$SITE/content/guides"
n=0

build() { "$KITGEN" build -C "$SITE" --quiet "$@"; }

# listing DIR: every folder and file under DIR, one a line, sorted.
listing() {
	(cd "$1" && { find . -type d | sed 's/^/dir  /'; find . ! -type d | sed 's/^/file /'; } | sort)
}

# snapshot DIR: the listing and a checksum of every file.
snapshot() {
	listing "$1"
	(cd "$1" && find . -type f -exec sha256sum {} + | sort -k 2)
}

# same_tree NAME DIR1 DIR2 [WHAT]: same files and folders, same bytes.
same_tree() {
	_w=${4:-a clean build}
	listing "$2" > "$TMP/l1"
	listing "$3" > "$TMP/l2"
	if diff "$TMP/l1" "$TMP/l2" > "$TMP/ldiff"; then
		ok "$1: same files as $_w"
	else
		fail "$1: not the files of $_w (< first, > second):"
		grep '^[<>]' "$TMP/ldiff" | head -20 | sed 's/^/      /'
	fi
	if diff -r "$2" "$3" > "$TMP/rdiff" 2>&1; then
		ok "$1: same bytes as $_w"
	else
		fail "$1: bytes differ from $_w:"
		head -20 "$TMP/rdiff" | sed 's/^/      /'
	fi
}

# step NAME [OPTION...]: incremental build into OUT, clean build of the
# same site into a new folder, compare.
step() {
	_s=$1
	shift
	n=$((n + 1))
	build -o "$OUT" "$@" > "$TMP/log" 2> "$TMP/err"
	_st=$?
	if [ "$_st" = 0 ]; then ok "$_s: incremental build exits 0"
	else fail "$_s: incremental build: exit $_st, want 0"; sed 's/^/      /' "$TMP/err" | head -10; fi
	fresh="$TMP/fresh$n"
	build --clean -o "$fresh" > "$TMP/log" 2> "$TMP/err"
	_st=$?
	if [ "$_st" != 0 ]; then
		fail "$_s: clean build: exit $_st, want 0"; sed 's/^/      /' "$TMP/err" | head -10
	fi
	same_tree "$_s" "$OUT" "$fresh"
	rm -rf "$fresh"
}

# has NAME FILE TEXT: FILE (under OUT) contains TEXT: the change took effect.
has() {
	if grep -qF -- "$3" "$OUT/$2"; then ok "$1"; else fail "$1: $2 lacks: $3"; fi
}

# gone NAME PATH: PATH (under OUT) does not exist.
gone() {
	if [ -e "$OUT/$2" ]; then fail "$1: $2 is still in OUT"; else ok "$1"; fi
}

# edit FILE SED-SCRIPT: edits FILE in place (POSIX sed has no -i); fails
# the suite when the edit changed nothing, so that no step is vacuous.
edit() {
	sed "$2" "$1" > "$TMP/edit" || return 1
	if cmp -s "$1" "$TMP/edit"; then
		fail "setup: editing $1 with '$2' changed nothing"
		return 1
	fi
	cat "$TMP/edit" > "$1"
}

# --- The site: the example handbook, a site.yaml, templates/, themes/ ----
mkdir -p "$SITE/templates" "$SITE/themes"
cp -R "$TOP/content" "$SITE/content"
cat > "$SITE/site.yaml" <<'EOF'
title: Incremental handbook
organisation: Example Ltd
theme: default
EOF
cp "$SITE/site.yaml" "$TMP/site.yaml.orig"

expect_exit 0 "the site builds into OUT" build -o "$OUT"
cp -R "$OUT" "$TMP/initial"
step "a second build, nothing changed"

# The cache, when there is one: a file in SITE/.kitgen other than serve/.
if [ -n "$(find "$SITE/.kitgen" -path "$SITE/.kitgen/serve" -prune -o ! -type d -print 2>/dev/null | head -1)" ]; then
	ok "the build keeps a cache in SITE/.kitgen"
else
	skip "the build keeps a cache in SITE/.kitgen: none found (a full build every time)"
fi

# --- One kind of change at a time ----------------------------------------
edit "$G/backend-engineer.md" 's/^### Candidate Questions (10 min)$/### Questions From The Candidate (10 min)/' &&
	step "a guide's body (a heading, so its anchor)"
has "the new heading is on the guide page" guides/backend-engineer/index.html 'id="questions-from-the-candidate-10-min"'

edit "$G/support-phone-screen.md" 's/^title: Customer Support Phone Screen$/title: Support Phone Screen, Revised/' &&
	step "a guide's front matter title"
has "the new title is on a packet of that guide" candidates/chen-wei/index.html 'Support Phone Screen, Revised'

# A candidate's summary; only what changed is written (mtimes).
sums() { (cd "$OUT" && find . -type f -exec sha256sum {} + | sort); }
sums > "$TMP/sums.before"
sleep 1
touch "$TMP/marker"
edit "$C/ben-castillo.yaml" 's/^summary: Platform engineer with a background in \*\*payments\*\* risk systems\.$/summary: Platform engineer with a background in **payments** fraud systems./' &&
	step "a candidate's summary"
has "the new summary is on the packet" candidates/ben-castillo/index.html 'fraud systems'
sums > "$TMP/sums.after"
(cd "$OUT" && find . -type f -newer "$TMP/marker" | sort) > "$TMP/newer"
# Files whose bytes are as before but that were written again.
comm -12 "$TMP/sums.before" "$TMP/sums.after" | sed 's/^[0-9a-f]*  //' | sort > "$TMP/same"
comm -12 "$TMP/same" "$TMP/newer" > "$TMP/rewritten"
if [ -s "$TMP/rewritten" ]; then
	fail "unchanged outputs keep their mtime: $(wc -l < "$TMP/rewritten") of $(wc -l < "$TMP/same") rewritten:"
	head -100 "$TMP/rewritten" | sed 's/^/      /'
else
	ok "unchanged outputs keep their mtime ($(wc -l < "$TMP/same") files)"
fi
# Files whose bytes changed are newer than the marker.
comm -13 "$TMP/sums.before" "$TMP/sums.after" | sed 's/^[0-9a-f]*  //' | sort > "$TMP/changed"
comm -23 "$TMP/changed" "$TMP/newer" > "$TMP/stale"
if [ -s "$TMP/stale" ]; then
	fail "changed outputs have a new mtime:"; sed 's/^/      /' "$TMP/stale" | head -20
else
	ok "changed outputs have a new mtime ($(wc -l < "$TMP/changed") files)"
fi
if grep -qx './candidates/ben-castillo/index.html' "$TMP/newer"; then
	ok "the candidate's packet is rewritten"
else
	fail "the candidate's packet is rewritten: not among the newer files:"; sed 's/^/      /' "$TMP/newer" | head -20
fi

edit "$C/ben-castillo.yaml" 's/^    interviewer: Tomasz Nowak$/    interviewer: Zora Quist/; s/^    email: tomasz\.nowak@example\.com$/    email: zora.quist@example.com/' &&
	step "a candidate's panel interviewer"
if grep -rlqF 'Zora Quist' "$OUT/interviewers"; then ok "the new interviewer has a page"; else fail "the new interviewer has a page"; fi

sed 's/^id: emil-novak$/id: zed-newcomer/; s/^name: .*/name: Zed Newcomer/' "$C/emil-novak.yaml" > "$C/zed-newcomer.yaml"
step "a new candidate"
if [ -f "$OUT/candidates/zed-newcomer/index.html" ]; then ok "the new candidate has a packet"; else fail "the new candidate has a packet"; fi

rm "$C/dara-murphy.yaml"
step "a candidate deleted"
gone "the deleted candidate's pages are gone" candidates/dara-murphy

# What the index and the interviewers' pages show of a candidate: each
# change must reach them (they are not rendered again otherwise).
edit "$C/ada-okafor.yaml" 's/^role: Backend Engineer$/role: Staff Backend Engineer/' &&
	step "a candidate's role (on the index)"
has "the new role is on the index" index.html 'Staff Backend Engineer'
edit "$C/ada-okafor.yaml" 's/^date: 2026-12-03$/date: 2026-12-10/' &&
	step "a candidate's date (on the index and the interviewers' pages)"
has "the new date is on an interviewer's page" interviewers/grace-liu/index.html 'Thursday 10 December 2026'
edit "$C/ada-okafor.yaml" 's/^    start: "13:00"$/    start: "12:45"/' &&
	step "a slot's start (on the interviewer's page)"
has "the new time is on the interviewer's page" interviewers/grace-liu/index.html '12:45'
edit "$C/ada-okafor.yaml" 's/^    room: Richmond$/    room: Petersham/' &&
	step "a slot's room (on the interviewers' pages)"
has "the new room is on the interviewer's page" interviewers/grace-liu/index.html 'Petersham'
edit "$C/ada-okafor.yaml" '/^scores:$/,$d' &&
	step "a candidate's scores removed (the index says scored)"
edit "$C/ada-okafor.yaml" 's/^    probes:$/    probes:\
      - A probe for the packet only./' &&
	step "a probe added (only on the candidate's pages)"

# A slot removed: its cheat-sheet and scorecard go.
edit "$C/ben-castillo.yaml" '/^  - session: behavioural$/,/^    room: Richmond$/d' &&
	step "a panel slot removed"
gone "the removed slot's pages are gone" candidates/ben-castillo/behavioural

mv "$G/support-phone-screen.md" "$G/phone-screen.md"
step "a guide file renamed (its id in the front matter)"
mv "$SITE/content/handbook/interviewing-well.md" "$SITE/content/handbook/interviewing.md"
step "a handbook page renamed (its id from the file name)"
gone "the renamed page's old page is gone" guides/interviewing-well

sed 's/^id: support-phone-screen$/id: spare-screen/; s/^title: .*/title: Spare Screen/' "$G/phone-screen.md" > "$G/spare-screen.md"
step "a guide added"
if [ -f "$OUT/guides/spare-screen/index.html" ]; then ok "the new guide has a page"; else fail "the new guide has a page"; fi
rm "$G/spare-screen.md"
step "a guide used by no candidate deleted"
gone "the deleted guide's page is gone" guides/spare-screen

# A page that links to another page's Markdown depends on where that
# page is: it is made after every guide is read.
printf '\nSee [Interviewing well](../handbook/interviewing.md).\n' >> "$G/backend-engineer.md"
step "a link to another page's Markdown"
has "the link leads to the page" guides/backend-engineer/index.html 'href="../interviewing/index.html"'
{ printf -- '---\nid: interviewing-guide\n---\n'; cat "$SITE/content/handbook/interviewing.md"; } > "$TMP/page.md" &&
	mv "$TMP/page.md" "$SITE/content/handbook/interviewing.md"
step "the linked page's id changed"
has "the link follows the page" guides/backend-engineer/index.html 'href="../interviewing-guide/index.html"'
gone "the page's old folder is gone" guides/interviewing

edit "$SITE/site.yaml" 's/^title: Incremental handbook$/title: Renamed handbook/' &&
	step "site.yaml title"

cp "$TOP/templates/packet.mustache" "$SITE/templates/packet.mustache"
edit "$SITE/templates/packet.mustache" 's/>Print the whole packet</>Print the entire packet</' &&
	step "a site template override added (packet)"
has "the override is used" candidates/ada-okafor/index.html 'Print the entire packet'

cp "$TOP/templates/cheatsheet-body.mustache" "$SITE/templates/cheatsheet-body.mustache"
edit "$SITE/templates/cheatsheet-body.mustache" 's/<h2>For this candidate</<h2>For this applicant</' &&
	step "a partial overridden (cheatsheet-body)"
has "the partial is used by the cheat-sheet" candidates/ada-okafor/coding/cheatsheet.html 'For this applicant'
has "the partial is used by the print page" candidates/ada-okafor/print.html 'For this applicant'
edit "$SITE/templates/cheatsheet-body.mustache" 's/<h2>For this applicant</<h2>For this interviewee</' &&
	step "a partial edited"
has "the edited partial is used" candidates/ada-okafor/coding/cheatsheet.html 'For this interviewee'

mkdir -p "$SITE/themes/default/assets"
{ cat "$TOP/themes/default/assets/site.css"; echo '/* incremental: added */'; } > "$SITE/themes/default/assets/site.css"
step "a theme asset added"
has "the site's asset is used" assets/site.css 'incremental: added'
edit "$SITE/themes/default/assets/site.css" 's|^/\* incremental: added \*/$|/* incremental: edited */|' &&
	step "a theme asset edited"
has "the edited asset is used" assets/site.css 'incremental: edited'

# Back to the original site: the very first tree again.
rm -rf "$SITE/content" "$SITE/themes/default" "$SITE/templates"/*.mustache
cp -R "$TOP/content" "$SITE/content"
cp "$TMP/site.yaml.orig" "$SITE/site.yaml"
step "every change reverted"
same_tree "every change reverted" "$OUT" "$TMP/initial" "the first build"

# --- A failed build changes nothing --------------------------------------
snapshot "$OUT" > "$TMP/before"
cp "$C/chen-wei.yaml" "$TMP/chen-wei.yaml"
printf 'panel: [unclosed\n' >> "$C/chen-wei.yaml"
expect_exit 1 "a build with an invalid candidate file exits 1" build -o "$OUT"
snapshot "$OUT" > "$TMP/after"
if cmp -s "$TMP/before" "$TMP/after"; then ok "a failed build leaves OUT byte-identical"
else fail "a failed build leaves OUT byte-identical:"; diff "$TMP/before" "$TMP/after" | head -20 | sed 's/^/      /'; fi
edit "$C/chen-wei.yaml" 's/^    focus: She has run/    focus: She once ran/' &&
	expect_exit 1 "still invalid, after another edit: exits 1" build -o "$OUT"
cp "$TMP/chen-wei.yaml" "$C/chen-wei.yaml"
step "the invalid file fixed"

# --- --clean, a deleted OUT, --jobs ---------------------------------------
edit "$C/ada-okafor.yaml" 's/^    room: Kew$/    room: Richmond Annex/'
expect_exit 0 "build --clean into OUT exits 0" build --clean -o "$OUT"
expect_exit 0 "build --clean into a new folder exits 0" build --clean -o "$TMP/fresh-clean"
same_tree "--clean into OUT" "$OUT" "$TMP/fresh-clean"
rm -rf "$TMP/fresh-clean"

rm -rf "$OUT"
step "OUT deleted"

edit "$C/chen-wei.yaml" 's/^    room: Phone$/    room: Video call/'
expect_exit 0 "--jobs 1: incremental build exits 0" build -o "$OUT" --jobs 1
expect_exit 0 "--jobs 2: clean build exits 0" build --clean -o "$TMP/fresh-j2" --jobs 2
same_tree "incremental --jobs 1 against clean --jobs 2" "$OUT" "$TMP/fresh-j2"

# --- The candidates cache: candidate files not read again ---------------
# A file changed in the last two seconds is read every time, so the
# site is made older than that first; then each change must still be
# seen, however it hides: same size and modification time, a file
# swapped for another, a damaged cache, a new site.yaml.
SITE="$TMP/cc-site"
OUT="$TMP/cc-out"
C="$SITE/content/candidates"
cp -R "$TMP/site" "$SITE"
rm -rf "$SITE/.kitgen"
printf 'stray: 1\n' >> "$C/emil-novak.yaml"
sleep 3
expect_exit 0 "cache: the first build exits 0" build -o "$OUT"
if [ -s "$SITE/.kitgen/candidates.cache" ]; then ok "cache: the build keeps SITE/.kitgen/candidates.cache"
else fail "cache: no SITE/.kitgen/candidates.cache"; fi
# cached N: the last build took N candidates from the cache.
cached() {
	KITGEN_CACHE_DEBUG=1 build -o "$OUT" 2> "$TMP/cerr" > /dev/null
	_got=$(sed -n 's/^kitgen: \([0-9]*\) of [0-9]* candidates from the candidates cache$/\1/p' "$TMP/cerr")
	if [ "$_got" = "$2" ]; then ok "$1: $2 candidates from the cache"
	else fail "$1: ${_got:-no} candidates from the cache, want $2"; sed 's/^/      /' "$TMP/cerr" | head -5; fi
}
total=$(ls "$C" | wc -l)
cached "cache: nothing changed" $((total - 1))
if grep -q "emil-novak.yaml:.*unknown key 'stray'" "$TMP/cerr"; then
	ok "cache: a candidate's warning is reported by every build"
else
	fail "cache: the warning about emil-novak.yaml is not reported again"; sed 's/^/      /' "$TMP/cerr" | head -5
fi
step "cache: nothing changed"
# Same bytes count, same modification time: only the change time differs.
cp -p "$C/ben-castillo.yaml" "$TMP/ben.orig"
edit "$C/ben-castillo.yaml" 's/payments\*\* risk systems/payments** ruse systems/' &&
	touch -r "$TMP/ben.orig" "$C/ben-castillo.yaml"
step "cache: a candidate edited, same size and modification time"
has "cache: the edit is on the packet" candidates/ben-castillo/index.html 'ruse systems'
# Another file moved over it (a checkout does this).
sed 's/^    room: Kew$/    room: Syon/' "$C/ben-castillo.yaml" > "$TMP/ben.new"
touch -r "$C/ben-castillo.yaml" "$TMP/ben.new"
mv "$TMP/ben.new" "$C/ben-castillo.yaml"
step "cache: a candidate file replaced by another"
has "cache: the new file is on the packet" candidates/ben-castillo/index.html 'Syon'
# Damaged: cut short, then garbage.
head -c 300 "$SITE/.kitgen/candidates.cache" > "$TMP/cut"
cat "$TMP/cut" > "$SITE/.kitgen/candidates.cache"
edit "$C/ada-okafor.yaml" 's/^name: .*/name: Ada Okafor-Reyes/' &&
	step "cache: cut short, and a candidate renamed"
has "cache: the new name is on the index" index.html 'Ada Okafor-Reyes'
head -c 20000 /dev/urandom > "$SITE/.kitgen/candidates.cache"
step "cache: garbage"
sleep 3
expect_exit 0 "cache: a build after the files settled" build -o "$OUT"
cached "cache: after the files settled" $((total - 1))
printf 'timezone: America/New_York\n' >> "$SITE/site.yaml"
cached "cache: site.yaml changed: every candidate read again" 0
step "cache: site.yaml's default time zone"

# --- every input of the test fixture sites, one at a time ---------------
# Hostile text and long print pages: each guide and candidate file is
# edited (a paragraph or a YAML comment appended), then restored.
for fx in hostile print-stress; do
	SITE="$TMP/fx-$fx"
	OUT="$TMP/fx-$fx-out"
	cp -R "$TOP/tests/fixtures/sites/$fx" "$SITE"
	rm -rf "$SITE/golden"
	expect_exit 0 "$fx: the first build exits 0" build -o "$OUT"
	for f in $(cd "$SITE" && find content -type f | sort); do
		cp "$SITE/$f" "$TMP/orig"
		case $f in
		*.md) printf '\nEdited by the suite.\n' >> "$SITE/$f" ;;
		*) printf '\n# edited by the suite\n' >> "$SITE/$f" ;;
		esac
		step "$fx: $f edited"
		cp "$TMP/orig" "$SITE/$f"
		step "$fx: $f restored"
	done
done

# Nothing left beside the output folders (staging or old trees).
left=$(ls -A "$TMP" | grep -i kitgen)
if [ -z "$left" ]; then ok "no staging folder left beside OUT"; else fail "left beside OUT: $left"; fi

finish
