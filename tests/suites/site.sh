#!/bin/sh
# site.sh: kitgen build end to end: every page of the example handbook,
# no broken links, deterministic bytes whatever --jobs, untrusted
# candidate data escaped, failed builds losing nothing, --public.
. "$TOP/tests/lib.sh"

ex="$TMP/example"
expect_exit 0 "the example handbook builds with --strict" "$KITGEN" build -C "$TOP" -o "$ex" --quiet --strict
for f in index.html assets/site.css; do
	if [ -f "$ex/$f" ]; then ok "example has $f"; else fail "example has $f"; fi
done
for g in "$TOP"/content/guides/*.md; do
	id=$(sed -n 's/^id: *//p' "$g" | head -1)
	[ -n "$id" ] || id=$(basename "$g" .md)
	if [ -f "$ex/guides/$id/index.html" ]; then ok "guide page $id"; else fail "guide page $id"; fi
done
for c in "$TOP"/content/candidates/*.yaml; do
	id=$(sed -n 's/^id: *//p' "$c")
	slots=$(grep -c '^  - session:' "$c")
	d="$ex/candidates/$id"
	missing=
	for f in index.html print.html schedule.ics; do
		[ -f "$d/$f" ] || missing="$missing $f"
	done
	n=$(ls "$d"/*/cheatsheet.html 2>/dev/null | wc -l)
	m=$(ls "$d"/*/scorecard.html 2>/dev/null | wc -l)
	[ "$n" -eq "$slots" ] || missing="$missing cheatsheets($n/$slots)"
	[ "$m" -eq "$slots" ] || missing="$missing scorecards($m/$slots)"
	if grep -q '^scores:' "$c"; then
		[ -f "$d/debrief.html" ] || missing="$missing debrief.html"
	elif [ -f "$d/debrief.html" ]; then
		missing="$missing (a debrief without scores)"
	fi
	if [ -z "$missing" ]; then ok "every page of candidate $id"; else fail "candidate $id lacks:$missing"; fi
	ev=$(grep -c '^BEGIN:VEVENT' "$d/schedule.ics" 2>/dev/null)
	if [ "$ev" = "$slots" ]; then ok "$id: one VEVENT per slot"; else fail "$id: $ev VEVENTs for $slots slots"; fi
done
if [ -n "$(ls "$ex/interviewers" 2>/dev/null)" ]; then ok "interviewer pages"; else fail "interviewer pages"; fi

# Every internal link and anchor resolves (checked again here, outside kitgen).
python3 - "$ex" > "$TMP/links.txt" <<'PY'
import os, re, sys, urllib.parse
root = sys.argv[1]
ids, links = {}, []
for d, _, files in os.walk(root):
    for f in files:
        p = os.path.join(d, f)
        rel = os.path.relpath(p, root)
        ids.setdefault(rel, set())
        if not f.endswith('.html'):
            continue
        html = open(p, encoding='utf-8').read()
        ids[rel] |= set(re.findall(r'\sid="([^"]*)"', html))
        for h in re.findall(r'\s(?:href|src)="([^"]*)"', html):
            links.append((rel, h.replace('&amp;', '&')))
bad = 0
for page, h in links:
    u = urllib.parse.urlsplit(h)
    if u.scheme or h.startswith('//'):
        continue
    path = urllib.parse.unquote(u.path)
    target = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
    if path.endswith('/') or (path and os.path.isdir(os.path.join(root, target))):
        target = os.path.join(target, 'index.html')
    frag = urllib.parse.unquote(u.fragment)
    if target not in ids or (frag and frag not in ids[target]):
        print(f'broken: {page}: {h}')
        bad += 1
print(f'{len(links)} links, {bad} broken')
PY
if grep -q ' 0 broken$' "$TMP/links.txt"; then ok "no broken links or anchors ($(tail -1 "$TMP/links.txt"))"
else fail "broken links"; head -20 "$TMP/links.txt"; fi

# Deterministic: twice, and with --jobs 1 and 2.
"$KITGEN" build -C "$TOP" -o "$TMP/again" --quiet
if diff -r "$ex" "$TMP/again" > /dev/null; then ok "two builds give identical trees"; else fail "two builds give identical trees"; fi
"$KITGEN" build -C "$TOP" -o "$TMP/j1" --quiet --jobs 1
"$KITGEN" build -C "$TOP" -o "$TMP/j2" --quiet --jobs 2
if diff -r "$TMP/j1" "$TMP/j2" > /dev/null; then ok "--jobs 1 and --jobs 2 give identical trees"; else fail "--jobs 1 and --jobs 2 differ"; fi

# Unchanged files keep their mtime across builds.
before=$(stat -c %Y "$ex/candidates/ada-okafor/index.html")
sleep 1
"$KITGEN" build -C "$TOP" -o "$ex" --quiet
after=$(stat -c %Y "$ex/candidates/ada-okafor/index.html")
if [ "$before" = "$after" ]; then ok "an unchanged page keeps its mtime"; else fail "an unchanged page keeps its mtime"; fi

# Untrusted candidate data.
ho="$TMP/hostile"
expect_exit 0 "the hostile site builds" "$KITGEN" build -C "$TOP/tests/fixtures/sites/hostile" -o "$ho" --quiet
python3 - "$ho" > "$TMP/xss.txt" <<'PY'
# Parse every page as a browser would: no script element, no event
# handler attribute, no link or source with a script-capable scheme.
import html.parser, os, sys
bad = []
class P(html.parser.HTMLParser):
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "style"):
            bad.append(f"{self.f}: <{tag}>")
        for k, v in attrs:
            if k.startswith("on"):
                bad.append(f"{self.f}: {k}= on <{tag}>")
            if k in ("href", "src", "action", "formaction") and v:
                s = "".join(c for c in v if c > " ").lower()
                if s.startswith(("javascript:", "vbscript:", "data:")):
                    bad.append(f"{self.f}: {k}={v!r}")
for d, _, files in os.walk(sys.argv[1]):
    for f in files:
        if f.endswith(".html"):
            p = P()
            p.f = os.path.join(d, f)
            p.feed(open(p.f, encoding="utf-8").read())
print("\n".join(bad) or "clean")
PY
if [ "$(cat "$TMP/xss.txt")" = clean ]; then ok "no script element, event handler or script URL in any page"
else fail "hostile data got through:"; head -10 "$TMP/xss.txt" | sed 's/^/      /'; fi
if grep -rq '&lt;script&gt;alert(1)&lt;/script&gt;' "$ho/candidates/mallory/index.html"; then ok "the name is shown, escaped"; else fail "the name is shown, escaped"; fi

# A build that fails half way keeps the previous site byte-identical.
lf="$TMP/late"
cp -R "$TOP/tests/fixtures/sites/late-failure" "$lf"
mv "$lf/templates" "$TMP/late-templates"
expect_exit 0 "the late-failure site builds without its broken template" "$KITGEN" build -C "$lf" --quiet
cp -R "$lf/public" "$TMP/late-before"
mv "$TMP/late-templates" "$lf/templates"
printf 'id: amy\nname: Amy Ng\nguide: screen\n' > "$lf/content/candidates/amy.yaml"
expect_exit 1 "a template error on the last page exits 1" "$KITGEN" build -C "$lf" --quiet
if grep -q "templates/interviewer.mustache:7:1: error:" "$TMP/err"; then ok "the template error is at file:line:col"
else fail "the template error is at file:line:col"; sed 's/^/      /' "$TMP/err" | head -5; fi
if diff -r "$TMP/late-before" "$lf/public" > /dev/null; then ok "the previous output is byte-identical"; else fail "the previous output changed"; fi
if ls -a "$lf" | grep -q 'kitgen-staging'; then fail "no staging folder left"; else ok "no staging folder left"; fi

# --public: no candidate data anywhere, only public guides.
pub="$TMP/public"
expect_exit 0 "--public builds" "$KITGEN" build -C "$TOP" -o "$pub" --public --quiet
if [ -e "$pub/candidates" ] || [ -e "$pub/interviewers" ]; then fail "--public has no candidate or interviewer pages"; else ok "--public has no candidate or interviewer pages"; fi
leak=
for c in "$TOP"/content/candidates/*.yaml; do
	for key in id name; do
		v=$(sed -n "s/^$key: *//p" "$c")
		grep -rqF "$v" "$pub" && leak="$leak $v"
	done
done
if [ -z "$leak" ]; then ok "--public mentions no candidate"; else fail "--public leaks:$leak"; fi
# Links between guides written as Markdown files become page links; a
# link to a missing file is an error naming the file that wrote it.
ml="$TMP/mdlinks"
mkdir -p "$ml/content/guides" "$ml/content/handbook"
printf '# A\n\nSee [B](../handbook/b.md#part-two) and [self](a.md).\n' > "$ml/content/guides/a.md"
printf '# B\n\n## Part two\n' > "$ml/content/handbook/b.md"
expect_exit 0 "links to .md files build" "$KITGEN" build -C "$ml" -o "$TMP/ml-out" --quiet
if grep -q 'href="../b/index.html#part-two"' "$TMP/ml-out/guides/a/index.html" &&
    grep -q 'href="../a/index.html"' "$TMP/ml-out/guides/a/index.html"; then
	ok "links to .md files point at their pages"
else
	fail "links to .md files point at their pages"
fi
printf '# A\n\n[gone](nope.md)\n' > "$ml/content/guides/a.md"
expect_exit 1 "a link to a missing page fails the build" "$KITGEN" build -C "$ml" -o "$TMP/ml-out" --quiet
if grep -q "error: broken link 'nope.md' (written in $ml/content/guides/a.md): no page guides/a/nope.md" "$TMP/err"; then
	ok "the broken link names the page, the link and the file"
else
	fail "the broken link names the page, the link and the file"; sed 's/^/      /' "$TMP/err"
fi
finish
