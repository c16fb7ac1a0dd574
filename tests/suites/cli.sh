#!/bin/sh
# cli.sh: the command line: help, version, usage errors, exit statuses,
# check reporting every problem in one run, build's output folder rules.
. "$TOP/tests/lib.sh"

expect_exit 0 "--help exits 0" "$KITGEN" --help
expect_out "--help prints usage on stdout" "usage: kitgen COMMAND"
expect_out "--help lists build" "kitgen build"
expect_exit 0 "--version exits 0" "$KITGEN" --version
if grep -qxE 'kitgen [0-9]+\.[0-9]+\.[0-9]+' "$TMP/out"; then
	ok "--version prints kitgen X.Y.Z"
else
	fail "--version prints kitgen X.Y.Z: $(cat "$TMP/out")"
fi
expect_exit 2 "no command exits 2" "$KITGEN"
expect_exit 2 "unknown command exits 2" "$KITGEN" frobnicate
expect_err "unknown command is named" "kitgen: unknown command 'frobnicate'"
if grep -q '^usage: kitgen' "$TMP/err"; then ok "usage on stderr for a bad command"
else fail "usage on stderr for a bad command"; fi
expect_exit 2 "unknown option exits 2" "$KITGEN" check --frob
expect_err "unknown option is named" "kitgen: unknown option '--frob'"
expect_exit 2 "an option of another command exits 2" "$KITGEN" check --json
expect_exit 2 "a missing option value exits 2" "$KITGEN" build -C
expect_exit 2 "a bad --jobs exits 2" "$KITGEN" build --jobs zero
expect_exit 2 "extra arguments exit 2" "$KITGEN" check extra

# A site with three kinds of broken file: every one is reported, exit 1.
site="$TMP/broken"
mkdir -p "$site/content/guides" "$site/content/candidates"
printf 'id: ada\nname: [Ada\nrole: x\n' > "$site/content/candidates/ada.yaml"
printf -- '---\ntitle: Loop\n# Loop\n' > "$site/content/guides/loop.md"
printf -- '---\ntitle: A\ntitle: B\n---\n# A\n' > "$site/content/guides/dup.md"
expect_exit 1 "check of a broken site exits 1" "$KITGEN" check -C "$site"
expect_err "malformed YAML reported" \
    "$site/content/candidates/ada.yaml:3:5: error: YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 2)"
expect_err "unterminated front matter reported at its opening line" \
    "$site/content/guides/loop.md:1:1: error: front matter is not closed: no '---' or '...' line after the opening '---'"
expect_err "duplicate key reported" \
    "$site/content/guides/dup.md:3:1: error: duplicate key 'title' (first at line 2)"
expect_exit 1 "options may come before the command" "$KITGEN" -C "$site" check
expect_exit 1 "build of a broken site exits 1" "$KITGEN" build -C "$site" --quiet
if [ ! -e "$site/public" ]; then ok "a failed build writes nothing"
else fail "a failed build writes nothing"; fi

# Warnings, and --strict.
good="$TMP/good"
mkdir -p "$good/content"
printf '# Page\n' > "$good/content/page.md"
printf 'title: Good\nfavourite_colour: blue\n' > "$good/site.yaml"
expect_exit 0 "warnings alone exit 0" "$KITGEN" check -C "$good"
expect_err "unknown site.yaml key is a warning naming it" \
    "$good/site.yaml:2:1: warning: unknown key 'favourite_colour' in site.yaml (known: title, base_url, theme, language, timezone, organisation, visibility, output, max_file_size, max_files)"
expect_exit 1 "--strict turns warnings into errors" "$KITGEN" check --strict -C "$good"
expect_err "--strict prints the warning as an error" \
    "$good/site.yaml:2:1: error: unknown key 'favourite_colour' in site.yaml (known: title, base_url, theme, language, timezone, organisation, visibility, output, max_file_size, max_files)"
expect_exit 3 "a missing site folder exits 3" "$KITGEN" check -C "$TMP/nowhere"

# build: the output folder rules, and the previous site kept on failure.
printf 'title: Good\n' > "$good/site.yaml"
expect_exit 0 "build of a good site exits 0" "$KITGEN" build -C "$good" --quiet
if [ -f "$good/public/index.html" ]; then ok "build writes public/index.html"
else fail "build writes public/index.html"; fi
expect_exit 2 "output into content/ is refused" "$KITGEN" build -C "$good" -o "$good/content"
expect_exit 2 "output into the site root is refused" "$KITGEN" build -C "$good" -o "$good"
expect_exit 2 "output above the site is refused" "$KITGEN" build -C "$good" -o "$TMP"
cp "$good/public/index.html" "$TMP/before.html"
printf -- '---\nbroken: [\n---\n' > "$good/content/bad.md"
expect_exit 1 "a broken build exits 1" "$KITGEN" build -C "$good" --quiet
if cmp -s "$TMP/before.html" "$good/public/index.html"; then
	ok "the previous site is intact after a failed build"
else
	fail "the previous site is intact after a failed build"
fi
if ls -a "$good" | grep -q kitgen-staging; then fail "no staging folder is left"
else ok "no staging folder is left"; fi
finish
