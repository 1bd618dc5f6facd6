/**
 * `service-finder harvest URL… --index DIR`: reads directories into a static index (see
 * src/model/static-index.ts for its files) that any web host can serve, built in passes over a
 * record store on disk so that memory holds one region at a time, whatever the country holds.
 * `--refresh` reads only what changed since the last run and re-cuts only the regions it touches;
 * cells whose content is unchanged keep their names and are not written again.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Service } from '../../model/index.js';
import {
  CELL_FORMAT,
  INDEX_FORMAT,
  INDEX_VERSION,
  UNLOCATED_FORMAT,
  indexFilePath,
  tileBounds,
  tileId,
  type CellEntry,
  type IndexDirectory,
  type IndexManifest,
  type UnlocatedEntry,
} from '../../model/static-index.js';
import { normalise } from '../../engine/index.js';
import { IndexFiles, type Compression } from './files.js';
import { byKey, groups, leafJson, partition } from './partition.js';
import { directoryOfKey, lines, parseKeyLine, RecordStore, Spill, type StoredRecord } from './records.js';
import { readSource, sourceFor, type ReadContext, type SourceState } from './read.js';
import { layout } from './tree.js';

/** Most services in one cell by default: about 100 KB gzip of typical records, well inside a first read of 300 KB. */
export const DEFAULT_CELL_SIZE = 400;
/** Directories read at once: their servers answer while the builder files what the others sent. */
const READ_AT_ONCE = 4;
/** Most category names the manifest carries (the most used). */
const MAX_VOCABULARY = 2000;
const STATE_FORMAT = 'service-finder-index-state';

export interface IndexBuildOptions {
  /** The index's folder: what a host publishes, with the builder's own store in `.harvest/`. */
  dir: string;
  /** Directories to read; on a refresh, those to refresh (default: every one the index has). */
  urls: string[];
  /** Read changes since the last run instead of everything. */
  refresh?: boolean;
  /** On a refresh, ask for changes since this time instead of each directory's last read. */
  since?: string;
  cellSize?: number;
  compress?: Compression[];
  read?: ReadContext['options'];
  /** The time of the reads (tests, SOURCE_DATE_EPOCH). */
  now?: Date;
  log?: (line: string) => void;
}

export interface IndexBuildResult {
  manifest: IndexManifest;
  /** Files written by this run, relative to the index's folder. */
  written: string[];
  /** Files no manifest lists any more, removed. */
  removed: number;
  /** Directories that could not be read at all. */
  failed: number;
}

interface Group {
  id: string;
  regions: string[];
  cells: CellEntry[];
}

interface State {
  format: typeof STATE_FORMAT;
  version: 1;
  cellSize: number;
  directories: SourceState[];
  /** Records per region. */
  regions: Array<[string, number]>;
  groups: Group[];
  unlocated: UnlocatedEntry[];
  /** Files the manifest lists: kept through the next run for a page that read it just before. */
  listed: string[];
}

async function loadState(path: string): Promise<State | undefined> {
  if (!existsSync(path)) return undefined;
  const state = JSON.parse(await readFile(path, 'utf8')) as State;
  if (state.format !== STATE_FORMAT) throw new Error(`${path} is not an index builder's state file.`);
  return state;
}

const categoryKey = (name: string) => normalise(name).replace(/\s+/g, ' ').trim();

/** A file id for a category: readable, and unique by a hash of the name. */
function categoryId(category: string | null): string {
  if (category === null) return 'none';
  const slug = category
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `${slug || 'category'}-${createHash('sha256').update(category).digest('hex').slice(0, 6)}`;
}

/** Counts category names as records name them; the shown name is the most used spelling. */
class Vocabulary {
  readonly #terms = new Map<string, Map<string, number>>();

  add(names: string[]): void {
    const seen = new Set<string>();
    for (const name of names) {
      const key = categoryKey(name);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      let spellings = this.#terms.get(key);
      if (!spellings) this.#terms.set(key, (spellings = new Map()));
      spellings.set(name, (spellings.get(name) ?? 0) + 1);
    }
  }

  list(): Array<{ name: string; count: number }> {
    const terms = [...this.#terms.values()].map((spellings) => {
      let best = '';
      let most = 0;
      let count = 0;
      for (const [name, n] of spellings) {
        count += n;
        if (n > most || (n === most && name < best)) [best, most] = [name, n];
      }
      return { name: best, count };
    });
    terms.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
    return terms.slice(0, MAX_VOCABULARY).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

const fileJson = (format: string, id: string, services: string[]) =>
  `{"format":"${format}","version":${INDEX_VERSION},"id":${JSON.stringify(id)},"services":[${services.join(',')}]}`;

/** Writes the services without a place: by category, in files of at most `cellSize`. */
async function writeUnlocated(records: StoredRecord[], cellSize: number, files: IndexFiles): Promise<UnlocatedEntry[]> {
  const byCategory = new Map<string | null, StoredRecord[]>();
  for (const r of records) {
    const keys = [...new Set(r.categories.map(categoryKey).filter(Boolean))];
    for (const k of keys.length ? keys : [null]) {
      const list = byCategory.get(k);
      if (list) list.push(r);
      else byCategory.set(k, [r]);
    }
  }
  const order = [...byCategory.keys()].sort((a, b) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
  const entries: UnlocatedEntry[] = [];
  for (const category of order) {
    const list = byCategory.get(category)!.sort(byKey);
    for (let i = 0, n = 1; i < list.length; i += cellSize, n++) {
      const chunk = list.slice(i, i + cellSize);
      const id = `${categoryId(category)}-${n}`;
      const w = await files.put(
        'unlocated',
        id,
        fileJson(
          UNLOCATED_FORMAT,
          id,
          chunk.map((r) => r.json),
        ),
      );
      entries.push({ id, category, count: chunk.length, bytes: w.bytes, sha256: w.sha256 });
    }
  }
  return entries;
}

export async function buildIndex(options: IndexBuildOptions): Promise<IndexBuildResult> {
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const harvest = join(options.dir, '.harvest');
  const statePath = join(harvest, 'state.json');
  const previous = await loadState(statePath);
  if (options.refresh && !previous)
    throw new Error(`There is no index to refresh in ${options.dir}: build one first (harvest URL… --index ${options.dir}).`);
  const refresh = !!options.refresh && !!previous;
  const cellSize = options.cellSize ?? previous?.cellSize ?? DEFAULT_CELL_SIZE;
  // Cells are cut again everywhere on a full build or a new cell size; otherwise only where records changed.
  const recut = !refresh || previous!.cellSize !== cellSize;
  await mkdir(join(harvest, 'rpde'), { recursive: true });
  const store = new RecordStore(harvest);
  const files = new IndexFiles(options.dir, options.compress ?? ['gzip', 'br']);
  await files.prepare();

  // Which directories are read.
  const known = new Map((previous?.directories ?? []).map((d) => [d.id, d]));
  const named = new Map<string, SourceState>();
  for (const url of options.urls) {
    const fresh = sourceFor(url);
    if (!named.has(fresh.id)) named.set(fresh.id, refresh ? sourceFor(url, known.get(fresh.id)) : fresh);
  }
  const toRead = refresh && !options.urls.length ? previous!.directories : [...named.values()];
  const untouched = refresh ? previous!.directories.filter((d) => !toRead.some((r) => r.id === d.id)) : [];
  if (!refresh) await store.clear();

  // Read, spilling records to disk as they arrive.
  const spill = new Spill(join(harvest, 'new'));
  await spill.open();
  const complete = new Set<string>();
  const changed = new Set<string>();
  const sources: SourceState[] = [...untouched];
  let failed = 0;
  const readOne = async (source: SourceState) => {
    const resume = refresh && known.has(source.id);
    // Keys read from a directory that gives only changes: their earlier copies go, the rest stay.
    const keys: string[] = [];
    const outcome = await readSource(source, {
      resume,
      since: options.since,
      itemsPath: join(harvest, 'rpde', `${source.id}.ndjson`),
      now,
      options: options.read ?? {},
      take: (services: Service[]) => {
        for (const s of services) {
          const r = spill.add(s);
          if (resume) keys.push(r.key);
        }
      },
      log,
    });
    if (outcome.complete) complete.add(source.id);
    else for (const k of keys) changed.add(k);
    if (outcome.source.state === 'failed') failed++;
    sources.push(outcome.source);
  };
  const queue = [...toRead];
  const reader = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await readOne(next);
  };
  await Promise.all(Array.from({ length: Math.min(READ_AT_ONCE, queue.length) }, reader));
  spill.close();
  const drop = (key: string) => complete.has(directoryOfKey(key)) || changed.has(key);

  // The record list: earlier lines that stay, then this run's; which regions changed; counts.
  const affected = new Set(spill.regions.keys());
  let unlocatedChanged = spill.unlocated > 0;
  const vocabulary = new Vocabulary();
  const perDirectory = new Map<string, number>();
  let total = 0;
  const keysOut = createWriteStream(`${store.keysPath}.tmp`);
  const keep = async (line: string) => {
    const k = parseKeyLine(line);
    vocabulary.add(k.categories);
    const dir = directoryOfKey(k.key);
    perDirectory.set(dir, (perDirectory.get(dir) ?? 0) + 1);
    total++;
    if (!keysOut.write(`${line}\n`)) await new Promise<void>((r) => keysOut.once('drain', () => r()));
  };
  for await (const line of lines(store.keysPath)) {
    const k = parseKeyLine(line);
    if (!drop(k.key)) await keep(line);
    else {
      for (const r of k.regions) affected.add(r);
      if (!k.regions.length) unlocatedChanged = true;
    }
  }
  for await (const line of lines(join(spill.dir, 'keys.tsv'))) await keep(line);
  await new Promise<void>((resolve, reject) => keysOut.end((e?: Error | null) => (e ? reject(e) : resolve())));
  await rename(`${store.keysPath}.tmp`, store.keysPath);

  const counts = new Map(refresh ? previous!.regions : []);
  for (const region of [...affected].sort()) {
    const n = await store.rewrite(store.regionPath(region), drop, {
      path: join(spill.dir, 'regions', `${region}.tsv`),
      count: spill.regions.get(region) ?? 0,
    });
    if (n) counts.set(region, n);
    else counts.delete(region);
  }
  if (unlocatedChanged) await store.rewrite(store.unlocatedPath, drop, { path: join(spill.dir, 'unlocated.tsv'), count: spill.unlocated });
  await rm(spill.dir, { recursive: true, force: true });

  // Cut the groups whose records changed; keep the cells of the others.
  const before = new Map((previous?.groups ?? []).map((g) => [g.id, g]));
  const cut: Group[] = [];
  const plan = groups(counts, cellSize);
  for (const [i, g] of plan.entries()) {
    const id = tileId(g.tile);
    const old = before.get(id);
    if (!recut && old && old.regions.join() === g.regions.join() && !g.regions.some((r) => affected.has(r))) {
      cut.push(old);
      continue;
    }
    const records = await store.load(g.regions.map(store.regionPath));
    const cells: CellEntry[] = [];
    for (const leaf of partition(g.tile, records, cellSize)) {
      const cellId = tileId(leaf.tile);
      const w = await files.put('cells', cellId, fileJson(CELL_FORMAT, cellId, leafJson(leaf)));
      cells.push({ id: cellId, bounds: tileBounds(leaf.tile), count: leaf.records.length, bytes: w.bytes, sha256: w.sha256 });
    }
    cut.push({ id, regions: g.regions, cells });
    if ((i + 1) % 50 === 0) log(`cells: ${i + 1} of ${plan.length} regions cut`);
  }
  const cells = cut.flatMap((g) => g.cells);
  const unlocated =
    unlocatedChanged || recut ? await writeUnlocated(await store.load([store.unlocatedPath]), cellSize, files) : previous!.unlocated;

  const entries = await layout(cells, files);
  const directories: IndexDirectory[] = sources
    .map(({ refresh: _r, feeds: _f, ...d }) => ({ ...d, records: perDirectory.get(d.id) ?? 0 }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const manifest: IndexManifest = {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    generated: directories.reduce((latest, d) => (d.lastRead && d.lastRead > latest ? d.lastRead : latest), '') || now.toISOString(),
    cellSize,
    services: total,
    directories,
    vocabulary: { categories: vocabulary.list() },
    unlocated,
    cells: entries.cells,
    parts: entries.parts,
  };
  await files.settle();
  // Every file this manifest lists, directly or through its parts.
  const nowListed = [
    ...unlocated.map((e) => indexFilePath('unlocated', e.id, e.sha256)),
    ...cells.map((e) => indexFilePath('cells', e.id, e.sha256)),
    ...entries.paths,
  ];
  await files.replace('manifest.json', JSON.stringify(manifest));
  const removed = await files.prune(new Set([...nowListed, ...(previous?.listed ?? [])]));

  const state: State = {
    format: STATE_FORMAT,
    version: 1,
    cellSize,
    directories: sources.map((s) => ({ ...s, records: perDirectory.get(s.id) ?? 0 })),
    regions: [...counts].sort(([a], [b]) => (a < b ? -1 : 1)),
    groups: cut,
    unlocated,
    listed: nowListed,
  };
  await writeFile(`${statePath}.tmp`, JSON.stringify(state));
  await rename(`${statePath}.tmp`, statePath);
  return { manifest, written: files.written, removed, failed };
}
