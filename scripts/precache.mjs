// Trunk post-build hook: writes sw.js with the list of built files and a content version.
// Runs in Trunk's staging folder (TRUNK_STAGING_DIR) before it becomes dist/.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

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

const files = walk(staging)
  .map((path) => relative(staging, path).split('\\').join('/'))
  .filter((name) => name !== 'sw.js')
  .sort();

const hash = createHash('sha256');
for (const name of files) {
  hash.update(name);
  hash.update(readFileSync(join(staging, name)));
}
const version = hash.digest('hex').slice(0, 16);
const urls = ['/', ...files.map((name) => `/${name}`)];

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
