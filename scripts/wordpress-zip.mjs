#!/usr/bin/env node
/**
 * Builds build/service-finder-wordpress.zip: the plugin in wordpress/service-finder/
 * plus the elements bundle (every file in dist/bundle/, so lazily loaded chunks
 * come along) under service-finder/assets/. Run after
 * `vite build --config vite.lib.config.ts` (`npm run wordpress:zip` does both).
 * A plain zip writer (deflate via node:zlib), so CI needs no `zip` binary.
 */
import { readFileSync, readdirSync, statSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const pluginDir = join(root, 'wordpress', 'service-finder');
const bundleDir = join(root, 'dist', 'bundle');
const out = join(root, 'build', 'service-finder-wordpress.zip');

if (!existsSync(join(bundleDir, 'service-finder.js'))) {
  console.error('wordpress:zip: dist/bundle/service-finder.js is missing; run `npx vite build --config vite.lib.config.ts` first.');
  process.exit(1);
}

/** Files under dir (sorted, no dotfiles), as [absolute path, path in the zip]. */
function walk(dir, prefix) {
  const files = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const abs = join(dir, name);
    const st = statSync(abs);
    if (st.isDirectory()) files.push(...walk(abs, `${prefix}${name}/`));
    else if (st.isFile()) files.push([abs, `${prefix}${name}`]);
  }
  return files;
}

const entries = [
  ...walk(pluginDir, 'service-finder/').filter(([, name]) => !name.startsWith('service-finder/assets/')),
  ...walk(bundleDir, 'service-finder/assets/').filter(([, name]) => !name.endsWith('.map')),
];

// DOS date/time of a fixed moment, so the zip is reproducible.
const dosTime = 0;
const dosDate = ((2024 - 1980) << 9) | (1 << 5) | 1;

const locals = [];
const centrals = [];
let offset = 0;
for (const [abs, name] of entries) {
  const data = readFileSync(abs);
  const packed = deflateRawSync(data, { level: 9 });
  const nameBuf = Buffer.from(name, 'utf8');
  const crc = crc32(data) >>> 0;

  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(0x0800, 6); // UTF-8 names
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt16LE(dosTime, 10);
  local.writeUInt16LE(dosDate, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  local.writeUInt16LE(0, 28);
  locals.push(local, nameBuf, packed);

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, 2.0
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt16LE(dosTime, 12);
  central.writeUInt16LE(dosDate, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt16LE(0, 30); // extra
  central.writeUInt16LE(0, 32); // comment
  central.writeUInt16LE(0, 34); // disk
  central.writeUInt16LE(0, 36); // internal attributes
  central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // -rw-r--r--
  central.writeUInt32LE(offset, 42);
  centrals.push(central, nameBuf);

  offset += local.length + nameBuf.length + packed.length;
}
const centralSize = centrals.reduce((n, b) => n + b.length, 0);
const end = Buffer.alloc(22);
end.writeUInt32LE(0x06054b50, 0);
end.writeUInt16LE(entries.length, 8);
end.writeUInt16LE(entries.length, 10);
end.writeUInt32LE(centralSize, 12);
end.writeUInt32LE(offset, 16);

mkdirSync(join(root, 'build'), { recursive: true });
const zip = Buffer.concat([...locals, ...centrals, end]);
writeFileSync(out, zip);
console.log(`${relative(root, out).split(sep).join('/')}: ${entries.length} files, ${(zip.length / 1024).toFixed(1)} KB`);
for (const [, name] of entries) console.log(`  ${name}`);
