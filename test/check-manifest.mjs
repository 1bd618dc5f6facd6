// Checks that the committed custom-elements.json is what the analyzer generates from the source now,
// and that it documents every element: a summary, and a description for each attribute, event, part and property.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const dir = 'build/cem-check'; // the analyzer takes --outdir relative to the working directory
let failed = 0;
let passed = 0;
const fail = (message) => {
  failed++;
  console.error(`manifest: ${message}`);
};
try {
  execFileSync(
    process.execPath,
    [
      'node_modules/@custom-elements-manifest/analyzer/cem.js',
      'analyze',
      '--config',
      'custom-elements-manifest.config.mjs',
      '--outdir',
      dir,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const fresh = readFileSync(`${dir}/custom-elements.json`, 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (fresh !== committed) fail('custom-elements.json is out of date: run `npm run analyze` and commit it.');
  else passed++;
  const elements = JSON.parse(fresh)
    .modules.flatMap((m) => m.declarations ?? [])
    .filter((d) => d.customElement && d.tagName);
  if (elements.length < 4) fail(`only ${elements.length} elements found`);
  for (const el of elements) {
    if (!el.summary && !el.description) fail(`<${el.tagName}> has no summary`);
    for (const [kind, list] of [
      ['attribute', el.attributes],
      ['event', el.events],
      ['part', el.cssParts],
      ['custom property', el.cssProperties],
    ]) {
      for (const item of list ?? []) if (!item.description?.trim()) fail(`<${el.tagName}> ${kind} "${item.name}" has no description`);
    }
    passed++;
  }
  console.log(`custom-elements.json: ${elements.map((e) => `<${e.tagName}>`).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`manifest: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
