// Trunk post-build hook: writes sw.js with the list of built files and a content version,
// then writes a brotli (quality 11) and a gzip (level 9) copy of every compressible file, so
// the server sends them as they are instead of compressing on every request (and at a lower
// quality). Runs in Trunk's staging folder (TRUNK_STAGING_DIR) before it becomes dist/.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('precache.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)');
  process.exit(1);
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const isCompressedCopy = (name) => name.endsWith('.br') || name.endsWith('.gz');

// The pseudo-language: English with accents and 40% longer, for checking that every page
// still fits at 320 px in a wordy language. A test aid: the server never offers it.
const english = {};
for (const name of readdirSync('core/i18n/en').sort()) {
  Object.assign(english, JSON.parse(readFileSync(join('core/i18n/en', name), 'utf8')));
}
const ACCENTS = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú', c: 'ç', n: 'ñ' };
const pseudo = (text) => {
  // Placeholders stay as they are; letters outside them gain accents; the end gains 40%.
  const parts = text.split(/(\{[a-z_0-9]+\})/);
  const out = parts.map((p) => (p.startsWith('{') ? p : p.replace(/[aeiouAEIOUcn]/g, (c) => ACCENTS[c]))).join('');
  const extra = Math.ceil(text.length * 0.4);
  return `${out} ${'ẋ'.repeat(Math.max(1, extra - 1))}`;
};
const pseudoMessages = Object.fromEntries(
  Object.entries(english).map(([key, value]) => [
    key,
    typeof value === 'string' ? pseudo(value) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pseudo(v)])),
  ]),
);
writeFileSync(
  join(staging, 'lang', 'en-XA.json'),
  JSON.stringify({ code: 'en-XA', name: 'Ëñgłíšh (pseudo)', english_name: 'Pseudo-English', dir: 'ltr', status: 'draft', messages: pseudoMessages }),
);

const files = walk(staging)
  .map((path) => relative(staging, path).split('\\').join('/'))
  .filter((name) => name !== 'sw.js' && !isCompressedCopy(name))
  .sort();

// Language files are not precached either: a phone fetches only the one it chooses, and the
// service worker keeps that one (sw.js, LANG_CACHE).
const isLanguageFile = (name) => name.startsWith('lang/');

// Kept in the build but not precached, to spare a first visit their bytes on a data plan:
// index.html is cached as '/' (the page's own address, so the service worker revalidates it
// instead of fetching a second copy), and the large icons are only for installing, which
// the browser does online, fetching them itself.
const NOT_PRECACHED = new Set(['index.html', 'icon-512.png', 'icon-maskable-512.png', 'apple-touch-icon.png']);

const hash = createHash('sha256');
for (const name of files) {
  hash.update(name);
  hash.update(readFileSync(join(staging, name)));
}
const version = hash.digest('hex').slice(0, 16);
const urls = ['/', ...files.filter((name) => !NOT_PRECACHED.has(name) && !isLanguageFile(name)).map((name) => `/${name}`)];

const template = readFileSync(join(staging, 'sw.js'), 'utf8');
if (!template.includes('__PRECACHE__')) {
  console.error('sw.js in the build has no __PRECACHE__ placeholder');
  process.exit(1);
}
writeFileSync(
  join(staging, 'sw.js'),
  template.replace("'__VERSION__'", JSON.stringify(version)).replace('__PRECACHE__', JSON.stringify(urls, null, 2)),
);
console.log(`precache.mjs: sw.js version ${version}, ${urls.length} files`);

// Compressed copies, after sw.js is final. PNGs are compressed already. index.html is left
// out on purpose: the server may change it as it serves it (the council's name, the
// script hashes of its Content-Security-Policy), so a copy made here could be stale; it is
// small and compressed on the fly.
const COMPRESSIBLE = /\.(wasm|js|mjs|css|html|webmanifest|json|svg|txt|xml|ico)$/;
const TEXT = /\.(js|mjs|css|html|webmanifest|json|svg|txt|xml)$/;
let written = 0;
for (const name of [...files, 'sw.js']) {
  if (!COMPRESSIBLE.test(name) || name === 'index.html') continue;
  const path = join(staging, name);
  const raw = readFileSync(path);
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: TEXT.test(name) ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  // A copy no smaller than the file itself would only cost the phone a header.
  if (br.length < raw.length) {
    writeFileSync(`${path}.br`, br);
    written += 1;
  }
  if (gz.length < raw.length) {
    writeFileSync(`${path}.gz`, gz);
    written += 1;
  }
  console.log(`precache.mjs: ${name} ${raw.length} B, brotli ${br.length} B, gzip ${gz.length} B`);
}
console.log(`precache.mjs: ${written} compressed copies`);
