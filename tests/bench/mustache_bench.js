// mustache_bench.js DIR N [OUTDIR]: the packet page of mustache_bench.c,
// rendered N times by mustache.js (npm "mustache", tests/node_modules).
// mustache.js has no inheritance, so it renders packet_flat.mustache, the
// same page written out. Its escaping is set to kitgen's (& < > " ') so
// that both do the same work and write the same bytes.
'use strict';
const fs = require('fs');
const path = require('path');
const Mustache = require(path.join(__dirname, '..', 'node_modules', 'mustache'));

const [dir, nArg, outdir] = process.argv.slice(2);
const n = parseInt(nArg, 10);
const read = (name) => fs.readFileSync(path.join(dir, name + '.mustache'), 'utf8');
const partials = { header: read('header'), session: read('session'), footer: read('footer') };
const template = read('packet_flat');
const data = JSON.parse(fs.readFileSync(path.join(dir, 'data.json'), 'utf8'));
const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
Mustache.escape = (s) => String(s).replace(/[&<>"']/g, (c) => entities[c]);

let page = '';
for (let i = 0; i < Math.floor(n / 100) + 1; i++)
	page = Mustache.render(template, data, partials);
const t0 = process.hrtime.bigint();
for (let i = 0; i < n; i++)
	page = Mustache.render(template, data, partials);
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
const bytes = Buffer.byteLength(page);
console.log(`mustache.js packet_flat: ${n} renders in ${secs.toFixed(3)} s: ` +
    `${(n / secs).toFixed(0)} renders/s, ${(bytes * n / 1e6 / secs).toFixed(1)} MB/s ` +
    `(${bytes} bytes each)`);
if (outdir)
	fs.writeFileSync(path.join(outdir, 'mustachejs-packet_flat.html'), page);
