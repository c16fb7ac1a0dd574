#!/bin/sh
# run.sh [SITE...]: kitgen's sites in a real browser (check.mjs): print fit
# in A4 and Letter, print.html's page breaks, no navigation in print, axe-core
# (WCAG 2.1 A and AA), the Nu HTML Checker, overflow at 1280 and 390 px, and
# screenshots. SITE is a site folder (one with content/); by default the
# example handbook (this project) and every fixture site in
# tests/fixtures/sites/. A site named on the command line must build; a
# fixture that does not build (some are broken on purpose) is skipped.
#
# Environment: KITGEN (default ./kitgen), OUT (default build/browser): the
# built sites, PDFs and PNGs go there. Installs chromium, poppler-utils and
# a Java runtime with apt-get when they are missing (as root), and the node
# packages pinned in tests/package-lock.json. Ends with "N passed, M failed".
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
# Site folders named on the command line, made absolute before the cd.
args=
for d in "$@"; do
	case $d in
	/*) args="$args
$d" ;;
	*) args="$args
$(pwd)/$d" ;;
	esac
done
cd "$TOP" || exit 3
KITGEN=${KITGEN:-$TOP/kitgen}
OUT=${OUT:-build/browser}
export TZ=UTC LC_ALL=C

# System tools: the browser, pdfinfo/pdftotext, java for vnu.jar.
need=
command -v chromium >/dev/null 2>&1 || need="$need chromium"
command -v pdfinfo >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || need="$need nodejs npm"
fc-list 2>/dev/null | grep -q . || need="$need fonts-dejavu-core"
if [ -n "$need" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "browser: installing$need"
		apt-get update -qq &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null ||
		{ echo "browser: apt-get install$need failed"; echo "0 passed, 1 failed"; exit 1; }
	else
		echo "browser: missing tools; run:" >&2
		echo "  sudo apt-get update && sudo apt-get install -y$need" >&2
		echo "0 passed, 1 failed"
		exit 1
	fi
fi
CHROMIUM=${CHROMIUM:-$(command -v chromium)}
export CHROMIUM

# Node packages (playwright-core, axe-core, vnu-jar), pinned in the lock file.
if [ ! -f tests/node_modules/.package-lock.json ] ||
   [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ] ||
   [ ! -d tests/node_modules/playwright-core ] || [ ! -d tests/node_modules/axe-core ] ||
   [ ! -d tests/node_modules/vnu-jar ]; then
	(cd tests && npm ci --no-audit --no-fund --silent) ||
	{ echo "browser: npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
	touch tests/node_modules/.package-lock.json
fi

if [ ! -x "$KITGEN" ]; then
	echo "browser: no kitgen binary at $KITGEN (run make)"
	echo "0 passed, 1 failed"
	exit 1
fi

rm -rf "$OUT/sites" "$OUT/pdf" "$OUT/png"
mkdir -p "$OUT/sites" "$OUT/pdf" "$OUT/png"
bfail=0 bskip=0 sites=
add_site() { # name dir must-build
	if "$KITGEN" build -C "$2" -o "$OUT/sites/$1" --quiet 2> "$OUT/sites/$1.err"; then
		sites="$sites $1=$OUT/sites/$1"
	elif [ "$3" = 1 ]; then
		echo "FAIL  $2 does not build:"
		sed 's/^/      /' "$OUT/sites/$1.err" | head -20
		bfail=$((bfail + 1))
	else
		echo "skipped: $2 does not build (broken on purpose): $(head -1 "$OUT/sites/$1.err")"
		bskip=$((bskip + 1))
	fi
}
if [ -n "$args" ]; then
	old_ifs=$IFS
	IFS='
'
	set -f
	# shellcheck disable=SC2086
	set -- $args
	set +f
	IFS=$old_ifs
	for d in "$@"; do
		d=${d%/}
		if [ ! -d "$d" ]; then echo "FAIL  no site folder $d"; bfail=$((bfail + 1)); continue; fi
		abs=$(cd "$d" && pwd)
		if [ "$abs" = "$TOP" ]; then name=example; else name=$(basename "$abs" | tr -c "A-Za-z0-9._\n-" _); fi
		add_site "$name" "$abs" 1
	done
else
	add_site example "$TOP" 1
	for d in tests/fixtures/sites/*/; do
		[ -d "$d" ] || continue
		add_site "$(basename "$d")" "${d%/}" 0
	done
fi

if [ -z "$sites" ]; then
	echo "0 passed, $((bfail + 1)) failed, $bskip skipped"
	exit 1
fi
# The sites' folders have no spaces: they are named NAME under $OUT.
# shellcheck disable=SC2086
PRE_FAILED=$bfail PRE_SKIPPED=$bskip node tests/browser/check.mjs "$OUT" $sites
