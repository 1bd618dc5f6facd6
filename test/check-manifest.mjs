// Checks that the committed custom-elements.json is what the analyzer generates from the source now.
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'cem-'));
try {
  execFileSync(
    process.execPath,
    ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', dir],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const fresh = readFileSync(join(dir, 'custom-elements.json'), 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (fresh !== committed) {
    console.error('custom-elements.json is out of date: run `npm run analyze` and commit it.');
    console.log('manifest: 0 passed, 1 failed');
    process.exit(1);
  }
  const elements = JSON.parse(fresh).modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement);
  console.log(`custom-elements.json is up to date (${elements.length} elements).`);
  console.log('manifest: 1 passed, 0 failed');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
