/**
 * Storybook builds to a static site, and every element has stories: the
 * elements in custom-elements.json and those src/registry.ts registers must each
 * have a story titled `Elements/<tag>` (one stories/<tag>.stories.ts each).
 * The build is offline and takes a few seconds.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const root = new URL('../../', import.meta.url);
const run = promisify(execFile);

interface Declaration {
  customElement?: boolean;
  tagName?: string;
  name?: string;
}

async function manifestTags(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(new URL('custom-elements.json', root), 'utf8')) as {
    modules: Array<{ declarations?: Declaration[] }>;
  };
  return manifest.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => (d.customElement && d.tagName ? [d.tagName] : []));
}

/** The tags in `ELEMENTS` in src/registry.ts (read as text: importing it needs a DOM). */
async function registeredTags(): Promise<string[]> {
  const source = await readFile(new URL('src/registry.ts', root), 'utf8');
  const block = /export const ELEMENTS = \{([\s\S]*?)\}/.exec(source)?.[1] ?? '';
  return [...block.matchAll(/['"]([a-z][a-z0-9]*-[a-z0-9-]+)['"]\s*:/g)].map((m) => m[1]);
}

describe('Storybook', () => {
  it('custom-elements.json describes every element src/registry.ts registers (the controls come from it)', async () => {
    const inManifest = new Set(await manifestTags());
    const registered = await registeredTags();
    assert.ok(registered.length >= 5, `found only ${registered.length} elements in src/registry.ts`);
    const missing = registered.filter((t) => !inManifest.has(t));
    assert.deepEqual(
      missing,
      [],
      `not in custom-elements.json (check each class's JSDoc has @tag and sits directly above the class, then npm run analyze): ${missing.join(', ')}`,
    );
  });

  it('builds a static site with stories for every element', { timeout: 180_000 }, async () => {
    const out = await mkdtemp(join(tmpdir(), 'storybook-'));
    try {
      const started = Date.now();
      await run(
        process.execPath,
        [new URL('node_modules/storybook/dist/bin/dispatcher.js', root).pathname, 'build', '--disable-telemetry', '--quiet', '-o', out],
        {
          cwd: root.pathname,
          env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', CI: '1' },
          maxBuffer: 32 * 1024 * 1024,
        },
      );
      const seconds = (Date.now() - started) / 1000;
      const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as {
        entries: Record<string, { type: string; title: string; id: string }>;
      };
      const stories = Object.values(index.entries).filter((e) => e.type === 'story');
      const tags = [...new Set([...(await manifestTags()), ...(await registeredTags())])].sort();
      assert.ok(tags.length >= 5, `found only ${tags.length} elements`);
      const without = tags.filter((tag) => !stories.some((s) => s.title === `Elements/${tag}`));
      assert.deepEqual(without, [], `no story titled Elements/<tag> for: ${without.join(', ')} (add stories/<tag>.stories.ts)`);
      assert.ok(
        stories.some((s) => s.title === 'Tools/Configurator'),
        'the configurator (demo/configurator/) has a story on the documentation site',
      );
      for (const file of ['index.html', 'iframe.html']) await readFile(join(out, file));
      console.log(`storybook build: ${stories.length} stories for ${tags.length} elements in ${seconds.toFixed(1)} s`);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
