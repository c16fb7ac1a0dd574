#!/bin/sh
# render.sh: kitgen render: output bytes, partials, diagnostics as
# file:line:col, --strict, exit statuses.
. "$TOP/tests/lib.sh"

cd "$TMP" || exit 1
mkdir parts
printf 'Hi {{name}}{{! note }}\n{{#items}}\n  {{>item}}\n{{/items}}\n' > page.mustache
printf -- '- {{.}}\n' > parts/item.mustache
printf 'name: "<Ada & \x27co\x27>"\nitems: [1.210, 2, x]\n' > data.yaml

expect_exit 0 "renders with partials" "$KITGEN" render --partials parts page.mustache data.yaml
printf 'Hi &lt;Ada &amp; &#39;co&#39;&gt;\n  - 1.21\n  - 2\n  - x\n' > want
if cmp -s want out; then ok "exactly the rendered bytes"
else fail "exactly the rendered bytes"; od -c out | head -5; fi
if [ -s err ]; then fail "no diagnostics for a clean render"; cat err
else ok "no diagnostics for a clean render"; fi

printf '{"name": "json", "items": []}' > data.json
expect_exit 0 "JSON data" "$KITGEN" render page.mustache data.json
printf 'Hi json\n' > want
if cmp -s want out; then ok "JSON data renders"; else fail "JSON data renders"; cat out; fi

printf 'a{{x}}b' > nodata.mustache
expect_exit 0 "no data file: an empty context" "$KITGEN" render nodata.mustache
expect_err "a missing variable is a warning at its tag" \
    "nodata.mustache:1:2: warning: no value for 'x'"
expect_exit 1 "--strict: a missing variable fails" "$KITGEN" render --strict nodata.mustache
expect_err "--strict: reported as an error" \
    "nodata.mustache:1:2: error: no value for 'x'"
if [ -s out ]; then fail "--strict failure prints nothing"; else ok "--strict failure prints nothing"; fi

expect_exit 0 "items without partials dir" "$KITGEN" render page.mustache data.yaml
expect_err "a missing partial is a warning" \
    "page.mustache:3:3: warning: partial 'item' not found"

printf 'x\n  {{#a}}\n' > bad.mustache
expect_exit 1 "an unclosed section exits 1" "$KITGEN" render bad.mustache
expect_err "an unclosed section is reported at its tag" \
    "bad.mustache:2:3: error: section '#a' is not closed: no '/a' before the end of the template"

printf '{{#a}}{{/b}}' > bad2.mustache
expect_exit 1 "a mismatched closing tag exits 1" "$KITGEN" render bad2.mustache
expect_err "a mismatched closing tag is reported" \
    "bad2.mustache:1:7: error: closing tag '/b' does not match the open section '#a' (line 1, column 1)"

printf 'a: [1\n' > bad.yaml
expect_exit 1 "bad YAML data exits 1" "$KITGEN" render nodata.mustache bad.yaml
expect_exit 3 "a missing template exits 3" "$KITGEN" render nope.mustache
expect_err "a missing template is named" \
    "nope.mustache:1:1: error: cannot open: No such file or directory"
expect_exit 3 "a missing data file exits 3" "$KITGEN" render nodata.mustache nope.yaml
expect_exit 3 "a missing partials folder exits 3" "$KITGEN" render --partials nope nodata.mustache
mkdir parts/dir.mustache
printf '{{>dir}}' > dirp.mustache
expect_exit 3 "an unreadable partial exits 3" "$KITGEN" render --partials parts dirp.mustache

printf '{{>loop}}' > loop.mustache
printf '{{>loop}}' > parts/loop.mustache
expect_exit 1 "endless partial recursion exits 1" "$KITGEN" render --partials parts loop.mustache
expect_err "the depth error lists the chain" \
    "parts/loop.mustache:1:1: error: partial depth over 100: loop.mustache -> loop -> loop -> ..."

printf 'secret' > secret.mustache
printf '[{{>*name}}]' > dyn.mustache
printf 'name: ../secret\n' > dyn.yaml
expect_exit 0 "a dynamic name cannot leave the partials folder" "$KITGEN" render --partials parts dyn.mustache dyn.yaml
if [ "$(cat out)" = "[]" ]; then ok "dynamic ../ renders nothing"; else fail "dynamic ../ renders nothing: $(cat out)"; fi

expect_exit 2 "render needs a template" "$KITGEN" render
finish
