// The static index builder (`service-finder harvest --index`) over the fixture server's directories, read back from disk.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { main } from '../../src/cli/service-finder.js';
import { buildIndex } from '../../src/cli/index/build.js';
import { readDirectory } from '../../src/sources/index.js';
import {
  MAX_ZOOM,
  indexFilePath,
  parseTile,
  pointInTile,
  tileBounds,
  withinTile,
  type CellEntry,
  type IndexManifest,
  type IndexPart,
} from '../../src/model/static-index.js';
import type { Service } from '../../src/model/index.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { readPages } from '../helpers.js';

let server: FixtureServer;
let directories: string[];
const dirs: string[] = [];

before(async () => {
  server = await startFixtureServer();
  directories = ((await (await fetch(`${server.url}/directories.json`)).json()) as Array<{ url: string }>).map((d) => d.url);
});
after(async () => {
  await server.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sf-index-test-'));
  dirs.push(dir);
  return dir;
}

const readJson = async <T>(dir: string, path: string): Promise<T> => JSON.parse(await readFile(join(dir, path), 'utf8')) as T;

/** Every cell of an index, through its parts. */
async function allCells(dir: string, manifest: IndexManifest): Promise<CellEntry[]> {
  const out = [...manifest.cells];
  const visit = async (parts: IndexManifest['parts']) => {
    for (const p of parts) {
      const part = await readJson<IndexPart>(dir, indexFilePath('parts', p.id, p.sha256));
      for (const c of part.cells) assert.ok(withinTile(parseTile(c.id)!, parseTile(p.id)!), `cell ${c.id} inside part ${p.id}`);
      out.push(...part.cells);
      await visit(part.parts);
    }
  };
  await visit(manifest.parts);
  return out;
}

/** Every file of the index (not the builder's store), with its bytes. */
async function snapshotFiles(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const kind of ['', 'cells', 'parts', 'unlocated']) {
    for (const name of await readdir(join(dir, kind), { withFileTypes: true })) {
      if (!name.isFile()) continue;
      const path = kind ? `${kind}/${name.name}` : name.name;
      out.set(
        path,
        createHash('sha256')
          .update(await readFile(join(dir, path)))
          .digest('hex'),
      );
    }
  }
  return out;
}

async function servicesOf(url: string): Promise<Service[]> {
  return (await readPages(readDirectory(url))).services;
}

describe('harvest --index', () => {
  it('places every record of the demo data: located ones in the cells their places are in, the rest by category', async () => {
    const dir = await tempDir();
    const source = `${server.url}/dialects/oruk-v3`;
    const { code, out } = await run('harvest', source, '--index', dir, '--cell-size', '30');
    assert.equal(code, 0, out);
    const manifest = await readJson<IndexManifest>(dir, 'manifest.json');
    const services = await servicesOf(source);
    assert.equal(manifest.services, services.length);
    assert.equal(manifest.directories[0].records, services.length);
    assert.equal(manifest.directories[0].state, 'done');

    const cells = await allCells(dir, manifest);
    assert.ok(cells.length > 5, `${cells.length} cells`);
    const listed = new Map<string, Array<{ cell?: CellEntry; record: Record<string, unknown> }>>();
    for (const cell of cells) {
      const tile = parseTile(cell.id)!;
      assert.deepEqual(cell.bounds, tileBounds(tile));
      assert.ok(cell.count <= 30 || tile.z === MAX_ZOOM, `cell ${cell.id} holds ${cell.count}`);
      const file = await readJson<{ services: Array<Record<string, unknown>> }>(dir, indexFilePath('cells', cell.id, cell.sha256));
      assert.equal(file.services.length, cell.count);
      for (const record of file.services) {
        const places = (record.locations as Array<{ lat?: number; lng?: number }>).filter((l) => typeof l.lat === 'number');
        assert.ok(places.length > 0 && places.every((l) => pointInTile(l.lat!, l.lng!, tile)), `${String(record.id)} placed in ${cell.id}`);
        listed.set(String(record.id), [...(listed.get(String(record.id)) ?? []), { cell, record }]);
      }
    }
    for (const entry of manifest.unlocated) {
      const file = await readJson<{ services: Array<Record<string, unknown>> }>(dir, indexFilePath('unlocated', entry.id, entry.sha256));
      assert.equal(file.services.length, entry.count);
      for (const record of file.services) listed.set(String(record.id), [...(listed.get(String(record.id)) ?? []), { record }]);
    }
    for (const s of services) {
      const copies = listed.get(s.id);
      assert.ok(copies?.length, `${s.id} is listed`);
      const placed = (s.locations ?? []).filter((l) => l.lat !== undefined);
      if (placed.length)
        assert.ok(
          copies.every((c) => c.cell),
          `${s.id} is in cells only`,
        );
      else
        assert.ok(
          copies.every((c) => !c.cell),
          `${s.id} is in files without a place only`,
        );
      assert.equal(copies[0].record.source, manifest.directories[0].id);
      assert.equal(copies[0].record.name, s.name);
    }
    const named = new Set(services.flatMap((s) => s.categories?.map((c) => c.name) ?? []));
    assert.deepEqual(new Set(manifest.vocabulary.categories.map((c) => c.name)), named);
  });

  it('names each file by its SHA-256, and writes gzip and brotli copies of the same bytes', async () => {
    const dir = await tempDir();
    await run('harvest', `${server.url}/dialects/oruk-v1`, '--index', dir, '--cell-size', '50');
    const manifest = await readJson<IndexManifest>(dir, 'manifest.json');
    for (const [kind, entries] of [
      ['cells', await allCells(dir, manifest)],
      ['unlocated', manifest.unlocated],
    ] as const) {
      for (const e of entries) {
        const path = join(dir, indexFilePath(kind, e.id, e.sha256));
        const bytes = await readFile(path);
        assert.equal(bytes.length, e.bytes);
        assert.equal(createHash('sha256').update(bytes).digest('hex'), e.sha256);
        assert.deepEqual(gunzipSync(await readFile(`${path}.gz`)), bytes);
        assert.deepEqual(brotliDecompressSync(await readFile(`${path}.br`)), bytes);
      }
    }
    const plain = await tempDir();
    await run('harvest', `${server.url}/dialects/oruk-v1`, '--index', plain, '--cell-size', '50', '--compress', 'none');
    assert.ok([...(await snapshotFiles(plain)).keys()].every((p) => p.endsWith('.json')));
  });

  it('gives the same bytes from the same directories', async () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const urls = [...directories, `${server.url}/openactive/session-series`];
    const [a, b] = [await tempDir(), await tempDir()];
    await buildIndex({ dir: a, urls, cellSize: 40, now });
    await buildIndex({ dir: b, urls: [...urls].reverse(), cellSize: 40, now });
    const [fa, fb] = [await snapshotFiles(a), await snapshotFiles(b)];
    assert.ok(fa.size > 20, `${fa.size} files`);
    assert.deepEqual(fb, fa);
  });

  it('lists a busy country through parts, the manifest and each part at most 200 entries', async () => {
    const dir = await tempDir();
    // Generated services, each at its own place: one cell each.
    const source = `${server.url}/generated/0?of=3&size=1000`;
    await buildIndex({ dir, urls: [source], cellSize: 1, compress: [] });
    const manifest = await readJson<IndexManifest>(dir, 'manifest.json');
    assert.ok(manifest.parts.length > 0, 'the manifest has parts');
    assert.ok(manifest.cells.length + manifest.parts.length <= 200);
    const cells = await allCells(dir, manifest);
    const located = (await servicesOf(source)).filter((s) => s.locations?.some((l) => l.lat !== undefined));
    // One service per cell, or several at one spot (a cell at the deepest zoom).
    assert.ok(cells.length >= new Set(located.flatMap((s) => s.locations!.map((l) => `${l.lat},${l.lng}`))).size * 0.9);
    assert.equal(new Set(cells.map((c) => c.id)).size, cells.length, 'no cell listed twice');
  });

  it('lists a directory that cannot be read as failed, and indexes the others', async () => {
    const dir = await tempDir();
    const { code } = await run('harvest', `${server.url}/broken/500`, directories[0], '--index', dir);
    assert.equal(code, 0);
    const manifest = await readJson<IndexManifest>(dir, 'manifest.json');
    const broken = manifest.directories.find((d) => d.id === 'broken-500')!;
    assert.equal(broken.state, 'failed');
    assert.match(broken.error!, /HTTP 500/);
    assert.ok(manifest.services > 0);
  });
});

describe('harvest --index --refresh', () => {
  before(() => fetch(`${server.url}/changing/reset`, { method: 'POST' }));

  it('after one record changes, rewrites only its cell and the manifest, asking the directory only for changes', async () => {
    const dir = await tempDir();
    const changing = `${server.url}/changing`;
    const other = `${server.url}/dialects/oruk-v1`;
    assert.equal((await run('harvest', changing, other, '--index', dir, '--cell-size', '20')).code, 0);
    const before = await snapshotFiles(dir);
    const manifest = await readJson<IndexManifest>(dir, 'manifest.json');
    const edited = (await servicesOf(changing))[7];
    const cellOf = (m: IndexManifest) =>
      m.cells.find((c) => edited.locations!.some((l) => l.lat !== undefined && pointInTile(l.lat, l.lng!, parseTile(c.id)!)))!;
    const cell = cellOf(manifest);
    await fetch(`${changing}/edit?id=${encodeURIComponent(edited.id)}&name=Renamed+service`, { method: 'POST' });

    const refreshed = await run('harvest', '--index', dir, '--refresh');
    assert.equal(refreshed.code, 0, refreshed.out);
    const after = await snapshotFiles(dir);
    const added = [...after.keys()].filter((p) => !before.has(p));
    const changed = [...after.keys()].filter((p) => before.has(p) && before.get(p) !== after.get(p));
    const next = await readJson<IndexManifest>(dir, 'manifest.json');
    const newCell = cellOf(next);
    assert.equal(newCell.id, cell.id);
    assert.notEqual(newCell.sha256, cell.sha256);
    const newPath = indexFilePath('cells', newCell.id, newCell.sha256);
    assert.deepEqual(added.sort(), [newPath, `${newPath}.br`, `${newPath}.gz`]);
    assert.deepEqual(changed.sort(), ['manifest.json', 'manifest.json.br', 'manifest.json.gz']);
    const file = await readJson<{ services: Array<{ id: string; name: string }> }>(dir, newPath);
    assert.equal(file.services.find((s) => s.id === edited.id)?.name, 'Renamed service');
    // The earlier cell stays for a page that read the earlier manifest a moment ago.
    assert.ok(after.has(indexFilePath('cells', cell.id, cell.sha256)));
    assert.equal(next.services, manifest.services);
    // The same cells as a full build of the directories as they are now.
    const fresh = await tempDir();
    await run('harvest', changing, other, '--index', fresh, '--cell-size', '20');
    const rebuilt = await readJson<IndexManifest>(fresh, 'manifest.json');
    assert.deepEqual(next.cells, rebuilt.cells);
    assert.deepEqual(next.unlocated, rebuilt.unlocated);
  });

  it('asks an ORUK directory for what changed since its last read', async () => {
    const dir = await tempDir();
    const changing = `${server.url}/changing`;
    await run('harvest', changing, '--index', dir);
    const start = (await fixtureLogOf()).length;
    await run('harvest', '--index', dir, '--refresh');
    const asked = (await fixtureLogOf()).slice(start).filter((l) => l.startsWith('/changing/services'));
    assert.ok(asked.length > 0 && asked.every((l) => /modified_after=/.test(l)), asked.join('\n'));
    const explicit = await run('harvest', '--index', dir, '--refresh', '--since', '2025-12-31T00:00:00Z');
    assert.equal(explicit.code, 0);
    assert.ok((await fixtureLogOf()).some((l) => l.includes('modified_after=2025-12-31T00%3A00%3A00Z')));
  });

  it('continues OpenActive feeds from their stored next pages, and rewrites the renamed series’ cell', async () => {
    const dir = await tempDir();
    const feed = `${server.url}/changing/feed/session-series`;
    await run('harvest', feed, '--index', dir, '--cell-size', '3');
    const manifest = await readJson<IndexManifest>(dir, 'manifest.json');
    const before = await snapshotFiles(dir);
    await fetch(`${server.url}/changing/feed/rename?id=ss-tai-chi&name=Sunrise+tai+chi`, { method: 'POST' });
    const start = (await fixtureLogOf()).length;
    assert.equal((await run('harvest', '--index', dir, '--refresh')).code, 0);
    const asked = (await fixtureLogOf()).slice(start).filter((l) => l.startsWith('/changing/feed/'));
    assert.ok(asked.length >= 2 && asked.every((l) => /afterTimestamp=/.test(l)), `continued, not from the start:\n${asked.join('\n')}`);
    const after = await snapshotFiles(dir);
    const added = [...after.keys()].filter((p) => !before.has(p) && p.endsWith('.json'));
    assert.equal(added.length, 1, added.join(', '));
    const renamed = await readJson<{ services: Array<{ name: string }> }>(dir, added[0]);
    assert.ok(renamed.services.some((s) => s.name === 'Sunrise tai chi'));
    const next = await readJson<IndexManifest>(dir, 'manifest.json');
    assert.equal(next.services, manifest.services);
  });

  it('says there is nothing to refresh in a folder with no index', async () => {
    const dir = await tempDir();
    await assert.rejects(buildIndex({ dir, urls: [], refresh: true }), /no index to refresh/);
  });
});

async function fixtureLogOf(): Promise<string[]> {
  const { fixtureLog } = await import('../fixtures/log.js');
  return fixtureLog(server.url);
}

/** Runs the CLI in-process, capturing what it prints. */
async function run(...args: string[]) {
  const out: string[] = [];
  const code = await main(
    args,
    (s) => out.push(s),
    () => {},
  );
  return { code, out: out.join('\n') };
}
