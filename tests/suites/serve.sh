#!/bin/sh
# serve.sh: kitgen serve builds, serves on 127.0.0.1 only, refuses paths
# outside the site, and rebuilds when an input changes. Bounded in time.
. "$TOP/tests/lib.sh"

if ! command -v curl >/dev/null 2>&1; then
	skip "curl is not installed"
	finish
	exit $?
fi
site="$TMP/site"
mkdir -p "$site/content"
printf '# First page\n' > "$site/content/page.md"
port=$((20000 + $$ % 20000))
"$KITGEN" serve -C "$site" --port "$port" 2> "$TMP/serve.log" &
pid=$!
up=
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	if curl -s -o /dev/null "http://127.0.0.1:$port/__kitgen/version"; then up=1; break; fi
	sleep 0.25
done
if [ -n "$up" ]; then ok "serve answers on 127.0.0.1"; else fail "serve answers on 127.0.0.1"; fi
v1=$(curl -s "http://127.0.0.1:$port/__kitgen/version")
curl -s "http://127.0.0.1:$port/" > "$TMP/index.html"
if grep -q '__kitgen/version' "$TMP/index.html" && grep -q '</html>' "$TMP/index.html"; then
	ok "pages are served with the reload script"
else
	fail "pages are served with the reload script"
fi
code=$(curl -s -o /dev/null -w '%{http_code}' --path-as-is "http://127.0.0.1:$port/../../../etc/passwd")
if [ "$code" = 404 ]; then ok "a path outside the site is refused"; else fail "a path outside the site is refused: $code"; fi
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/%2e%2e/%2e%2e/etc/passwd")
if [ "$code" = 404 ]; then ok "an encoded path outside the site is refused"; else fail "an encoded path outside the site is refused: $code"; fi
sleep 1.1
printf '# Second page\n' > "$site/content/second.md"
v2=$v1
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	v2=$(curl -s "http://127.0.0.1:$port/__kitgen/version")
	[ "$v2" != "$v1" ] && break
	sleep 0.25
done
if [ "$v2" != "$v1" ]; then ok "a change is rebuilt"; else fail "a change is rebuilt"; fi
if [ ! -e "$site/public" ]; then ok "serve leaves the site's public/ alone"; else fail "serve leaves the site's public/ alone"; fi
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
finish
