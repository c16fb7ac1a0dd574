// check.mjs: kitgen's sites in a real browser (headless Chromium through
// playwright-core). For each built site it
//   - prints every cheat-sheet and scorecard to PDF in A4 and in Letter
//     (printToPDF, preferCSSPageSize off) and counts the pages (pdfinfo):
//     each must be exactly one page;
//   - prints every print.html in both sizes and reads the PDF's text
//     (pdftotext -bbox) with invisible markers placed in the page: every
//     part starts on a new page, each cheat-sheet or scorecard part fits one
//     page, and no table row or row of rating choices is split across pages;
//   - checks, in print media, that no navigation is laid out, that nothing
//     is wider than the paper, and that no navigation text is in any PDF;
//   - runs axe-core (WCAG 2.1 A and AA) on every page, at 1280 and 390 px;
//   - checks that no page scrolls sideways at 1280 or 390 px;
//   - takes full-page screenshots of one page of each type at both widths;
//   - runs the Nu HTML Checker (vnu.jar) on every page and every CSS file.
// Usage: node check.mjs OUTDIR NAME=SITEDIR [NAME=SITEDIR...]
// SITEDIR is a built site (kitgen build's output). Writes PDFs to
// OUTDIR/pdf/NAME/, PNGs to OUTDIR/png/NAME/, and ends with
// "N passed, M failed"; exits 1 on any failure.
import { chromium } from 'playwright-core';
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const VNU = require.resolve('vnu-jar/build/dist/vnu.jar');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
	'--disable-component-update', '--disable-sync', '--no-first-run',
	'--disable-default-apps', '--disable-extensions', '--mute-audio',
	'--font-render-hinting=none',
	// Lets the page read its own stylesheets' rules (the @page margins).
	'--allow-file-access-from-files'];
// Paper in inches, and the width of the printable area in CSS px when the
// theme's @page margins are unknown (Chromium's default margins, 1 cm).
const PAPERS = [
	{ name: 'A4', width: 8.27, height: 11.69 },
	{ name: 'Letter', width: 8.5, height: 11 },
];
const WIDTHS = [1280, 390];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const NAV_TEXT = ['Skip to content', 'Built with kitgen'];
const SHOT_TYPES = ['index', 'guide', 'packet', 'cheatsheet', 'scorecard',
	'print', 'debrief', 'interviewer'];

const [outDir, ...siteArgs] = process.argv.slice(2);
if (!outDir || siteArgs.length === 0) {
	console.error('usage: node check.mjs OUTDIR NAME=SITEDIR...');
	process.exit(2);
}
const sites = siteArgs.map((a) => {
	const i = a.indexOf('=');
	return { name: a.slice(0, i), dir: path.resolve(a.slice(i + 1)) };
});

// Every result goes to OUTDIR/browser.log; the terminal gets the failures
// (every result with VERBOSE=1), what was made and the counts.
fs.mkdirSync(outDir, { recursive: true });
const logFile = path.join(outDir, 'browser.log');
fs.writeFileSync(logFile, '');
const verbose = !!process.env.VERBOSE;
function log(line, show) {
	fs.appendFileSync(logFile, `${line}\n`);
	if (show || verbose) console.log(line);
}
let passed = 0, failed = Number(process.env.PRE_FAILED || 0);
const skipped = Number(process.env.PRE_SKIPPED || 0);
const made = { pdf: [], png: [] };
function ok(what) { passed++; log(`ok    ${what}`, false); }
function fail(what, details = []) {
	failed++;
	log(`FAIL  ${what}`, true);
	for (const d of details.slice(0, 12)) log(`      ${d}`, true);
	if (details.length > 12) log(`      … and ${details.length - 12} more`, true);
}
function check(cond, what, details) { if (cond) ok(what); else fail(what, details); }

function walk(dir, ext, acc = []) {
	for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) walk(p, ext, acc);
		else if (e.name.endsWith(ext)) acc.push(p);
	}
	return acc;
}

// The page type from kitgen's fixed output paths.
function pageType(rel) {
	const p = rel.split(path.sep);
	if (p.length === 1 && p[0] === 'index.html') return 'index';
	if (p[0] === 'guides' && p.length === 3 && p[2] === 'index.html') return 'guide';
	if (p[0] === 'interviewers' && p.length === 3 && p[2] === 'index.html') return 'interviewer';
	if (p[0] === 'candidates') {
		if (p.length === 3 && p[2] === 'index.html') return 'packet';
		if (p.length === 3 && p[2] === 'print.html') return 'print';
		if (p.length === 3 && p[2] === 'debrief.html') return 'debrief';
		if (p.length === 4 && p[3] === 'cheatsheet.html') return 'cheatsheet';
		if (p.length === 4 && p[3] === 'scorecard.html') return 'scorecard';
	}
	return 'other';
}

function pdfPages(file) {
	const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
	const m = /^Pages:\s+(\d+)/m.exec(out);
	return m ? Number(m[1]) : -1;
}

// Words of a PDF, each with its page (0-based) and box, from pdftotext.
function pdfWords(file) {
	const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
	const pages = [];
	const re = /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g;
	let m;
	while ((m = re.exec(xml))) {
		if (m[1]) pages.push({ width: +m[1], height: +m[2], words: [] });
		else pages.at(-1).words.push({ x0: +m[3], y0: +m[4], x1: +m[5], y1: +m[6], text: unescapeXml(m[7]) });
	}
	return pages;
}
function unescapeXml(s) {
	return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

// The Nu HTML Checker on every page and stylesheet, in the background.
function runVnu(htmlFiles, cssFiles) {
	return new Promise((resolve) => {
		const args = ['-Xss8m', '-jar', VNU, '--format', 'json', '--also-check-css', ...htmlFiles, ...cssFiles];
		execFile('java', args, { maxBuffer: 1 << 28 }, (err, stdout, stderr) => {
			try {
				resolve(JSON.parse(stderr || stdout).messages);
			} catch (e) {
				resolve({ error: `vnu did not run: ${err ? err.message : e.message}\n${stderr.slice(0, 2000)}` });
			}
		});
	});
}

const tmpProfile = fs.mkdtempSync(path.join(os.tmpdir(), 'kitgen-chromium-'));
const context = await chromium.launchPersistentContext(tmpProfile, {
	executablePath: CHROMIUM,
	headless: true,
	args: FLAGS,
	viewport: { width: 1280, height: 800 },
	deviceScaleFactor: 1,
	offline: true,
	timezoneId: 'UTC',
	locale: 'en-GB',
});
// Nothing leaves the machine: only file: URLs load.
const blocked = [];
await context.route((url) => url.protocol !== 'file:', (route) => {
	blocked.push(route.request().url());
	return route.abort('blockedbyclient');
});
const page = context.pages()[0] || await context.newPage();
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(String(e)));
const cdp = await context.newCDPSession(page);

async function open(file, width) {
	await page.setViewportSize({ width, height: width > 600 ? 800 : 844 });
	await page.emulateMedia({ media: 'screen' });
	await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
	await page.evaluate(() => document.fonts.ready);
}

async function printPdf(file, paper) {
	const r = await cdp.send('Page.printToPDF', {
		paperWidth: paper.width, paperHeight: paper.height,
		preferCSSPageSize: false, printBackground: false,
		displayHeaderFooter: false,
	});
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, Buffer.from(r.data, 'base64'));
	const n = pdfPages(file);
	made.pdf.push({ file, pages: n });
	return n;
}

// In print media: what of the navigation is laid out.
async function printNavProblems() {
	await page.emulateMedia({ media: 'print' });
	const problems = await page.evaluate(() => {
		const out = [];
		const nav = document.querySelectorAll('nav, [role="navigation"], .skip-link, .site-header, .site-footer, .breadcrumbs, .no-print');
		for (const el of nav) {
			const cs = getComputedStyle(el);
			if (el.getClientRects().length > 0 && cs.visibility !== 'hidden') {
				out.push(`navigation prints: <${el.tagName.toLowerCase()} class="${el.className}"> "${el.textContent.replace(/\s+/g, ' ').trim().slice(0, 60)}"`);
			}
		}
		return out;
	});
	await page.emulateMedia({ media: 'screen' });
	return problems;
}

// In print media, laid out at the printable width of the paper (the
// theme's @page margins, else Chromium's 1 cm): what is wider than the
// paper. Chromium would shrink such a page to fit, so the text would print
// smaller than the theme asks.
async function printWidthProblems(paper) {
	await page.emulateMedia({ media: 'print' });
	const margins = await page.evaluate(() => {
		const px = (v) => {
			const m = /^([\d.]+)(mm|cm|in|pt|px)$/.exec(v || '');
			if (!m) return null;
			return +m[1] * { mm: 96 / 25.4, cm: 96 / 2.54, in: 96, pt: 96 / 72, px: 1 }[m[2]];
		};
		let l = null, r = null;
		const visit = (rules) => {
			for (const rule of rules) {
				if (rule instanceof CSSPageRule && !rule.selectorText) {
					l = px(rule.style.marginLeft) ?? l;
					r = px(rule.style.marginRight) ?? r;
				} else if (rule.cssRules && !(rule instanceof CSSMediaRule && !window.matchMedia(rule.conditionText).matches)) {
					visit(rule.cssRules);
				}
			}
		};
		for (const sheet of document.styleSheets) {
			try { visit(sheet.cssRules); } catch { /* another origin */ }
		}
		return { l: l ?? 96 / 2.54, r: r ?? 96 / 2.54 };
	});
	const width = Math.floor(paper.width * 96 - margins.l - margins.r);
	await page.setViewportSize({ width, height: Math.floor(paper.height * 96) });
	const problems = await overflowProblems();
	await page.emulateMedia({ media: 'screen' });
	return { width, problems };
}

// What sticks out sideways at the current viewport: the page itself, and
// the elements that reach past the right edge outside a scroll box.
async function overflowProblems() {
	return page.evaluate(() => {
		const out = [];
		const vw = document.documentElement.clientWidth;
		const sw = document.documentElement.scrollWidth;
		if (sw > vw + 1) out.push(`the page is ${sw}px wide in a ${vw}px viewport`);
		const inScroller = (el) => {
			for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
				const o = getComputedStyle(p).overflowX;
				if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
			}
			return false;
		};
		for (const el of document.body.querySelectorAll('*')) {
			const r = el.getBoundingClientRect();
			if (r.width === 0 || r.height === 0) continue;
			if (r.right > vw + 1 && !inScroller(el) && getComputedStyle(el).position !== 'absolute') {
				out.push(`<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> reaches ${Math.round(r.right)}px: "${el.textContent.replace(/\s+/g, ' ').trim().slice(0, 50)}"`);
				if (out.length > 8) break;
			}
		}
		return out;
	});
}

// Invisible markers for the print layout check: at the start of each part
// and at the end of it, at the start of each row and the end of each of its
// cells. Each marker is positioned absolutely at its static place, so it
// does not change the layout; pdftotext finds the page it landed on.
async function placeMarkers() {
	return page.evaluate(() => {
		const style = 'position:absolute;font-size:1px;line-height:1px;color:#fff;white-space:nowrap;pointer-events:none';
		const layoutDeep = (d) => /flex|grid|table|ruby/.test(d) && !/table-cell|table-caption/.test(d);
		const mark = (el, text, atEnd) => {
			let target = el;
			// A flex, grid or table box places an absolute child at its
			// start: go down to a block or inline box that holds text.
			for (;;) {
				const d = getComputedStyle(target).display;
				const kids = [...target.children].filter((k) => k.getClientRects().length > 0);
				if (!layoutDeep(d) || kids.length === 0) break;
				target = atEnd ? kids.at(-1) : kids[0];
			}
			const s = document.createElement('span');
			s.setAttribute('aria-hidden', 'true');
			s.className = 'kitgen-print-marker';
			s.style.cssText = style;
			s.textContent = ` ${text} `;
			if (atEnd) target.append(s); else target.prepend(s);
		};
		const parts = [...document.querySelectorAll('.part')];
		const info = { parts: [], rows: [] };
		parts.forEach((p, i) => {
			mark(p, `KGPS${i}Q`, false);
			mark(p, `KGPE${i}Q`, true);
			const h = p.querySelector('h1, h2');
			info.parts.push({
				label: p.getAttribute('aria-label') || (h ? h.textContent.trim() : `part ${i + 1}`),
				sheet: p.classList.contains('sheet'),
			});
		});
		const rows = document.querySelectorAll('.part tr, .part .choices, .part .signature');
		rows.forEach((r, i) => {
			const cells = r.tagName === 'TR' ? [...r.cells] : [r];
			if (cells.length === 0 || r.getClientRects().length === 0) return;
			const text = r.textContent.replace(/\s+/g, ' ').trim().slice(0, 60);
			mark(cells[0], `KGRS${i}Q`, false);
			cells.forEach((c, j) => mark(c, `KGRE${i}x${j}Q`, true));
			const part = r.closest('.part');
			info.rows.push({
				id: i,
				part: parts.indexOf(part),
				text,
			});
		});
		return info;
	});
}

function markerPages(pages) {
	const at = new Map();
	pages.forEach((pg, n) => {
		for (const w of pg.words) {
			for (const m of w.text.matchAll(/KG(PS|PE|RS|RE)(\d+)(?:x(\d+))?Q/g)) {
				const key = `${m[1]}${m[2]}${m[3] !== undefined ? 'x' + m[3] : ''}`;
				if (!at.has(key)) at.set(key, []);
				at.get(key).push(n);
			}
		}
	});
	return at;
}

async function checkPrintPacket(site, rel, file, pdfBase) {
	await open(file, 1280);
	const info = await placeMarkers();
	for (const paper of PAPERS) {
		const pdf = `${pdfBase}.${paper.name}.pdf`;
		const n = await printPdf(pdf, paper);
		const pages = pdfWords(pdf);
		const at = markerPages(pages);
		const where = `${site.name} ${rel} ${paper.name}`;
		const first = (k) => (at.get(k) || [undefined])[0];
		const last = (k) => (at.get(k) || [undefined]).at(-1);
		// Every part starts on a page of its own.
		const starts = [];
		info.parts.forEach((p, i) => {
			const s = first(`PS${i}`), e = last(`PE${i}`);
			if (s === undefined || e === undefined) { starts.push(`${p.label}: its markers are not in the PDF`); return; }
			if (i > 0) {
				const prevEnd = last(`PE${i - 1}`);
				if (!(s > prevEnd)) starts.push(`${p.label} starts on page ${s + 1}, where ${info.parts[i - 1].label} ends`);
			}
		});
		check(starts.length === 0 && info.parts.length > 0,
			`${where}: each of the ${info.parts.length} parts starts on a new page (${n} pages)`, starts);
		// Each sheet (cheat-sheet, scorecard) fits one page.
		const long = [];
		info.parts.forEach((p, i) => {
			if (!p.sheet) return;
			const s = first(`PS${i}`), e = last(`PE${i}`);
			if (s !== e) long.push(`${p.label}: pages ${s + 1}–${e + 1}`);
		});
		check(long.length === 0, `${where}: each cheat-sheet and scorecard part fits one page`, long);
		// No row is split across pages.
		const split = [];
		for (const r of info.rows) {
			const keys = [...at.keys()].filter((k) => k === `RS${r.id}` || k.startsWith(`RE${r.id}x`));
			const ps = new Set(keys.flatMap((k) => at.get(k)));
			if (keys.length < 2) split.push(`row "${r.text}": markers missing from the PDF`);
			else if (ps.size > 1) split.push(`row "${r.text}" is split over pages ${[...ps].map((x) => x + 1).join(', ')}`);
		}
		check(split.length === 0, `${where}: none of ${info.rows.length} table rows and rating rows is split across pages`, split);
		checkPdfText(where, pages);
	}
}

// The PDF's text has no navigation, and nothing past the paper's edges.
function checkPdfText(where, pages) {
	const problems = [];
	pages.forEach((pg, n) => {
		const text = pg.words.map((w) => w.text).join(' ');
		for (const t of NAV_TEXT) if (text.includes(t)) problems.push(`page ${n + 1} prints "${t}"`);
		for (const w of pg.words) {
			if (w.x1 > pg.width + 0.5 || w.x0 < -0.5) { problems.push(`page ${n + 1}: "${w.text}" runs past the paper's edge`); break; }
		}
	});
	check(problems.length === 0, `${where}: no navigation text in the PDF, nothing past the edges`, problems);
}

async function checkSheet(site, rel, file, pdfBase) {
	await open(file, 1280);
	const counts = [];
	for (const paper of PAPERS) {
		const pdf = `${pdfBase}.${paper.name}.pdf`;
		const n = await printPdf(pdf, paper);
		counts.push(`${paper.name} ${n}`);
		check(n === 1, `${site.name} ${rel} ${paper.name}: one page (${n})`, [`${pdf}: ${n} pages`]);
		checkPdfText(`${site.name} ${rel} ${paper.name}`, pdfWords(pdf));
	}
}

async function runAxe(where) {
	await page.addScriptTag({ path: AXE });
	const res = await page.evaluate(async (tags) => {
		const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
		return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)}`) }));
	}, AXE_TAGS);
	const details = res.flatMap((v) => [`${v.id} (${v.impact}): ${v.help}`, ...v.nodes.slice(0, 3).map((n) => `  ${n}`)]);
	check(res.length === 0, `${where}: axe-core, WCAG 2.1 A and AA: ${res.length} violations`, details);
	return res.length;
}

const summary = [];
const allHtml = [], allCss = [];
for (const site of sites) {
	allHtml.push(...walk(site.dir, '.html'));
	allCss.push(...walk(site.dir, '.css'));
}
const vnuPromise = runVnu(allHtml, allCss);
const t0 = Date.now();

for (const site of sites) {
	log(`== ${site.name}: ${path.relative(process.cwd(), site.dir)}`, true);
	const files = walk(site.dir, '.html');
	const byType = new Map();
	let axeViolations = 0;
	for (const file of files) {
		const rel = path.relative(site.dir, file);
		const type = pageType(rel);
		if (!byType.has(type)) byType.set(type, []);
		byType.get(type).push(file);
		const pdfBase = path.join(outDir, 'pdf', site.name, rel.replace(/\.html$/, '').split(path.sep).join('--'));
		pageErrors.length = 0;
		// Screen: axe at both widths, nothing sideways.
		for (const w of WIDTHS) {
			await open(file, w);
			axeViolations += await runAxe(`${site.name} ${rel} @${w}px`);
			const over = await overflowProblems();
			check(over.length === 0, `${site.name} ${rel} @${w}px: nothing wider than the viewport`, over);
		}
		// Print: navigation hidden, nothing wider than the paper.
		const nav = await printNavProblems();
		check(nav.length === 0, `${site.name} ${rel}: no navigation in print media`, nav);
		for (const paper of PAPERS) {
			const { width, problems } = await printWidthProblems(paper);
			check(problems.length === 0, `${site.name} ${rel} ${paper.name}: nothing wider than the paper (${width}px) in print`, problems);
		}
		if (type === 'cheatsheet' || type === 'scorecard') await checkSheet(site, rel, file, pdfBase);
		else if (type === 'print') await checkPrintPacket(site, rel, file, pdfBase);
		check(pageErrors.length === 0, `${site.name} ${rel}: no script errors`, pageErrors);
	}
	// One PDF of each other page type, for a person to look at.
	for (const type of ['index', 'guide', 'packet', 'debrief', 'interviewer']) {
		const list = byType.get(type);
		if (!list) continue;
		const file = largest(list);
		const rel = path.relative(site.dir, file);
		await open(file, 1280);
		const pdf = path.join(outDir, 'pdf', site.name, `${rel.replace(/\.html$/, '').split(path.sep).join('--')}.A4.pdf`);
		await printPdf(pdf, PAPERS[0]);
		checkPdfText(`${site.name} ${rel} A4`, pdfWords(pdf));
	}
	// Screenshots: the largest page of each type, at both widths.
	for (const type of SHOT_TYPES) {
		const list = byType.get(type);
		if (!list) continue;
		const file = largest(list);
		for (const w of WIDTHS) {
			await open(file, w);
			const png = path.join(outDir, 'png', site.name, `${type}-${w}.png`);
			fs.mkdirSync(path.dirname(png), { recursive: true });
			await page.screenshot({ path: png, fullPage: true });
			made.png.push({ file: png, page: path.relative(site.dir, file) });
		}
	}
	summary.push(`${site.name}: ${files.length} pages, ${[...byType].map(([t, l]) => `${l.length} ${t}`).join(', ')}; axe violations ${axeViolations}`);
}
const browserSeconds = (Date.now() - t0) / 1000;
await context.close();
fs.rmSync(tmpProfile, { recursive: true, force: true });

function largest(list) {
	return list.reduce((a, b) => (fs.statSync(b).size > fs.statSync(a).size ? b : a));
}

// The Nu HTML Checker's verdict, file by file.
const vnu = await vnuPromise;
let vnuErrors = 0, vnuWarnings = 0;
if (vnu.error) fail('the Nu HTML Checker ran', [vnu.error]);
else {
	const byFile = new Map();
	for (const m of vnu) {
		const f = m.url ? decodeURIComponent(m.url.replace(/^file:/, '')) : '(vnu)';
		if (!byFile.has(f)) byFile.set(f, []);
		byFile.get(f).push(m);
	}
	for (const f of [...allHtml, ...allCss]) {
		const ms = byFile.get(f) || [];
		const errs = ms.filter((m) => m.type === 'error' || m.type === 'non-document-error');
		const warns = ms.filter((m) => m.type === 'info' && m.subType === 'warning');
		vnuErrors += errs.length; vnuWarnings += warns.length;
		check(errs.length === 0, `vnu ${path.relative(process.cwd(), f)}: ${errs.length} errors`,
			errs.map((m) => `${m.lastLine}:${m.firstColumn || m.lastColumn}: ${m.message}`));
	}
	const stray = [...byFile.keys()].filter((f) => !allHtml.includes(f) && !allCss.includes(f));
	for (const f of stray) {
		const errs = byFile.get(f).filter((m) => m.type !== 'info');
		if (errs.length) fail(`vnu ${f}`, errs.map((m) => m.message));
	}
}

log('', true);
log('== what was made', true);
for (const { file, pages } of made.pdf) log(`pdf  ${path.relative(process.cwd(), file)}  ${pages} page${pages === 1 ? '' : 's'}`, true);
for (const { file, page: p } of made.png) log(`png  ${path.relative(process.cwd(), file)}  (${p})`, true);
log('', true);
for (const s of summary) log(s, true);
log(`vnu: ${allHtml.length} pages and ${allCss.length} stylesheets, ${vnuErrors} errors, ${vnuWarnings} warnings`, true);
if (blocked.length) log(`blocked ${blocked.length} requests that would have left the machine, e.g. ${blocked[0]}`, true);
log(`${made.pdf.length} PDFs in ${path.relative(process.cwd(), path.join(outDir, 'pdf')) || '.'}/, ${made.png.length} PNGs in ${path.relative(process.cwd(), path.join(outDir, 'png'))}/ (browser ${browserSeconds.toFixed(0)} s)`, true);
log(`every result: ${path.relative(process.cwd(), logFile)}`, true);
log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`, true);
process.exit(failed ? 1 : 0);
