/**
 * Reading a static index (src/model/static-index.ts) from any web host: the manifest once, then for
 * each search only the parts and cells that meet the person's circle, nearest first, and the files of
 * services without a place for the categories asked for. Loaded only by pages that use an index.
 *
 * The host is trusted no more than a directory: every file is capped in size, checked against the
 * SHA-256 its entry gives, and its entries and bounds checked against the tiles they name. Records are
 * read as a snapshot's are, keyed under this index (`<index id>/<directory id>:<record id>`): the
 * manifest names the directories they came from, for display only, and can place no record under
 * another endpoint's key.
 */
import type { DirectoryRef, RecordProblem, Service } from '../model/index.js';
import { SourceError } from '../model/index.js';
import {
  CELL_FORMAT,
  INDEX_FORMAT,
  INDEX_VERSION,
  PART_FORMAT,
  UNLOCATED_FORMAT,
  indexFilePath,
  parseTile,
  pointInTile,
  tileBounds,
  withinTile,
  type Bounds,
  type CellEntry,
  type PartEntry,
  type Tile,
  type UnlocatedEntry,
} from '../model/static-index.js';
import { clearCache, fetchBytes, fetchJson, type FetchJsonOptions } from './http.js';
import { readRecords, type DirectoryPage } from './index.js';
import { httpUrl, isObject, num, text } from './normalise.js';
import { jsonText } from './json-text.js';
import { snapshot } from './snapshot.js';

const MANIFEST_BYTES = 4e6;
const PART_BYTES = 4e6;
const FILE_BYTES = 16e6;
/** Entries read from the manifest or one part, and directories the manifest may name. */
const MAX_ENTRIES = 10_000;
const MAX_DIRECTORIES = 1000;
const MAX_NAME = 200;
/** Files read for one search: a manifest listing thousands of tiny cells in a circle reads no more than this. */
const MAX_FILES_PER_SEARCH = 256;
/** Files read at once (the HTTP layer allows as many per host). */
const AT_ONCE = 4;
/** Without a radius, the nearest cells are read until they hold this many services. */
export const NEAREST_SERVICES = 200;
/** Without a category, services without a place are read only when they are this small altogether. */
export const UNLOCATED_ALL_BYTES = 256 * 1024;
/** A box's distance is measured to its edge on the map's lines, a little more than the true distance: allowed for. */
const RADIUS_SLACK = 1.01;
const PROBLEMS_PER_READ = 100;
const SOURCE_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
const FILE_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** What one search needs from the index. */
export interface IndexSearch {
  /** Kilometres from the person's place to a box ([west, south, east, north]). */
  distanceKm(bounds: Bounds): number;
  /** Cells within this distance; without it, the nearest cells until NEAREST_SERVICES. */
  radiusKm?: number;
  /** Categories asked for, as `normalise` writes them: their files of services without a place are read. */
  categories?: string[];
  /** How category names compare (the search's own normalising). */
  normalise(name: string): string;
}

/** The manifest as read: only entries that passed their checks. */
export interface ReadManifest {
  directories: Map<string, DirectoryRef>;
  entries: Entries;
  unlocated: UnlocatedEntry[];
}

interface Entries {
  cells: CellEntry[];
  parts: PartEntry[];
}

type Problems = RecordProblem[];

const cut = (s: string | undefined) => (s && s.length > MAX_NAME ? s.slice(0, MAX_NAME) : s);
const count = (v: unknown) => {
  const n = num(v);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
};

function sameBounds(given: unknown, tile: Tile): given is Bounds {
  if (!Array.isArray(given) || given.length !== 4) return false;
  const expected = tileBounds(tile);
  return given.every((v, i) => typeof v === 'number' && Math.abs(v - expected[i]) <= 1e-6);
}

/** The entries of a manifest or part that are what they say; those that are not are reported, not read. */
function readEntries(body: Record<string, unknown>, within: Tile | undefined, problems: Problems): Entries {
  const out: Entries = { cells: [], parts: [] };
  const seen = new Set<string>();
  for (const kind of ['cells', 'parts'] as const) {
    const list = Array.isArray(body[kind]) ? (body[kind] as unknown[]).slice(0, MAX_ENTRIES) : [];
    for (const raw of list) {
      const e = isObject(raw) ? raw : {};
      const tile = parseTile(e.id);
      const bytes = count(e.bytes);
      const ok =
        tile &&
        !seen.has(e.id as string) &&
        (!within || (tile.z > within.z && withinTile(tile, within))) &&
        sameBounds(e.bounds, tile) &&
        count(e.count) !== undefined &&
        bytes !== undefined &&
        bytes > 0 &&
        typeof e.sha256 === 'string' &&
        SHA256.test(e.sha256) &&
        (kind === 'cells' || count(e.cells) !== undefined);
      if (!ok) {
        if (problems.length < PROBLEMS_PER_READ)
          problems.push({ reason: `the index lists a ${kind === 'cells' ? 'cell' : 'part'} that is not what it says, so it is not read` });
        continue;
      }
      seen.add(e.id as string);
      const entry = { id: e.id as string, bounds: tileBounds(tile), count: count(e.count)!, bytes, sha256: e.sha256 as string };
      if (kind === 'cells') out.cells.push(entry);
      else out.parts.push({ ...entry, cells: count(e.cells)! });
    }
  }
  return out;
}

/** The directories the manifest names, each under this index's id. */
function readDirectories(list: unknown, index: DirectoryRef): Map<string, DirectoryRef> {
  const out = new Map<string, DirectoryRef>();
  for (const raw of Array.isArray(list) ? list.slice(0, MAX_DIRECTORIES) : []) {
    if (!isObject(raw)) continue;
    const id = text(raw.id);
    if (!id || !SOURCE_ID.test(id) || out.has(id)) continue;
    const ref: DirectoryRef = { id: `${index.id}/${id}`, name: cut(text(raw.name)) ?? id, url: index.url };
    const feedbackUrl = httpUrl(raw.feedbackUrl);
    if (feedbackUrl) ref.feedbackUrl = feedbackUrl;
    out.set(id, ref);
  }
  return out;
}

function readUnlocated(list: unknown, problems: Problems): UnlocatedEntry[] {
  const out: UnlocatedEntry[] = [];
  const seen = new Set<string>();
  for (const raw of Array.isArray(list) ? list.slice(0, MAX_ENTRIES) : []) {
    const e = isObject(raw) ? raw : {};
    const bytes = count(e.bytes);
    const category = e.category === null ? null : cut(text(e.category));
    if (
      typeof e.id !== 'string' ||
      !FILE_ID.test(e.id) ||
      seen.has(e.id) ||
      category === undefined ||
      count(e.count) === undefined ||
      !bytes ||
      typeof e.sha256 !== 'string' ||
      !SHA256.test(e.sha256)
    ) {
      if (problems.length < PROBLEMS_PER_READ)
        problems.push({ reason: 'the index lists a file of services without a place that is not what it says' });
      continue;
    }
    seen.add(e.id);
    out.push({ id: e.id, category, count: count(e.count)!, bytes, sha256: e.sha256 });
  }
  return out;
}

async function sha256Hex(bytes: Uint8Array, url: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle)
    throw new SourceError('network', 'An index can only be read on a secure (https) page: its files cannot be checked here.', url);
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** JSON of a file that matched its hash: if it is not JSON, the index itself was written wrong. */
function parseChecked(bytes: Uint8Array, url: string): unknown {
  try {
    return JSON.parse(jsonText(bytes));
  } catch (cause) {
    throw new SourceError(
      'invalid-json',
      'A file of the index is not valid JSON, though it is the file its manifest lists.',
      url,
      undefined,
      {
        cause,
      },
    );
  }
}

/** Copies of a record read from several cells, each with its places there, become one record with all of them. */
function mergePlaces(first: Service, next: Service): Service | undefined {
  const have = new Set((first.locations ?? []).map((l) => `${l.id ?? ''}|${l.lat}|${l.lng}`));
  const more = (next.locations ?? []).filter((l) => !have.has(`${l.id ?? ''}|${l.lat}|${l.lng}`));
  return more.length ? { ...first, locations: [...(first.locations ?? []), ...more] } : undefined;
}

export class StaticIndexReader {
  readonly #ref: DirectoryRef;
  readonly #options: FetchJsonOptions;
  #manifest?: Promise<ReadManifest>;
  readonly #parts = new Map<string, Promise<Entries>>();
  /** Files read (by path): a later search reads only what is new to it. */
  readonly #read = new Set<string>();
  /** Each record read so far by key, to merge its copies from other cells. */
  readonly #records = new Map<string, Service>();
  readonly #problems: Problems = [];

  constructor(ref: DirectoryRef, options: FetchJsonOptions = {}) {
    this.#ref = ref;
    this.#options = options;
  }

  /** The manifest, read once (a new reader reads it again). */
  manifest(signal?: AbortSignal): Promise<ReadManifest> {
    this.#manifest ??= this.#readManifest(signal);
    this.#manifest.catch(() => (this.#manifest = undefined));
    return this.#manifest;
  }

  async #readManifest(signal?: AbortSignal): Promise<ReadManifest> {
    const url = this.#ref.url;
    const body = await fetchJson(url, { ...this.#options, signal, maxBytes: MANIFEST_BYTES });
    if (!isObject(body) || body.format !== INDEX_FORMAT)
      throw new SourceError('not-directory', 'The address answered with data, but not a service finder index manifest.', url);
    if (body.version !== INDEX_VERSION)
      throw new SourceError(
        'not-directory',
        `The index is in version ${String(body.version)} of the format, which this finder cannot read.`,
        url,
      );
    return {
      directories: readDirectories(body.directories, this.#ref),
      entries: readEntries(body, undefined, this.#problems),
      unlocated: readUnlocated(body.unlocated, this.#problems),
    };
  }

  #url(path: string): string {
    return new URL(path, this.#ref.url).href;
  }

  /** A listed file's bytes, checked against its entry: size and SHA-256. */
  async #file(kind: 'cells' | 'parts' | 'unlocated', entry: { id: string; bytes: number; sha256: string }, signal?: AbortSignal) {
    const url = this.#url(indexFilePath(kind, entry.id, entry.sha256));
    const cap = kind === 'parts' ? PART_BYTES : FILE_BYTES;
    if (entry.bytes > cap)
      throw new SourceError(
        'too-large',
        `A file of the index is larger than ${Math.round(cap / 1e6)} MB, the most this finder reads.`,
        url,
      );
    const bytes = await fetchBytes(url, { ...this.#options, signal, maxBytes: entry.bytes });
    if (bytes.byteLength !== entry.bytes || (await sha256Hex(bytes, url)) !== entry.sha256) {
      clearCache(url);
      throw new SourceError(
        'invalid-json',
        'A file of the index is not the one its manifest lists (the index may have been replaced while it was read; searching again reads the new one).',
        url,
      );
    }
    const body = parseChecked(bytes, url);
    const format = kind === 'parts' ? PART_FORMAT : kind === 'cells' ? CELL_FORMAT : UNLOCATED_FORMAT;
    if (!isObject(body) || body.format !== format || body.id !== entry.id)
      throw new SourceError('not-directory', 'A file of the index is not the file its manifest lists.', url);
    return { body, url };
  }

  #part(entry: PartEntry, signal?: AbortSignal): Promise<Entries> {
    let part = this.#parts.get(entry.id);
    if (!part) {
      part = this.#file('parts', entry, signal).then(({ body }) => readEntries(body, parseTile(entry.id), this.#problems));
      this.#parts.set(entry.id, part);
      part.catch(() => this.#parts.delete(entry.id));
    }
    return part;
  }

  /**
   * The cells a search needs: the parts that meet its circle are opened (in parallel, a level at a
   * time) until none is left. Without a radius, the circle is as wide as the nearest cells holding
   * NEAREST_SERVICES, worked out again as parts are opened.
   */
  async #cells(manifest: ReadManifest, search: IndexSearch, problems: Problems, signal?: AbortSignal): Promise<CellEntry[]> {
    const cells = new Map<string, CellEntry>();
    let parts = manifest.entries.parts;
    for (const c of manifest.entries.cells) cells.set(c.id, c);
    const radius = () => {
      if (search.radiusKm !== undefined) return search.radiusKm * RADIUS_SLACK;
      const all = [...cells.values(), ...parts].map((e) => ({ d: search.distanceKm(e.bounds), n: e.count })).sort((a, b) => a.d - b.d);
      let total = 0;
      for (const e of all) if ((total += e.n) >= NEAREST_SERVICES) return e.d;
      return Infinity;
    };
    for (let r = radius(); ; r = radius()) {
      const open = parts.filter((p) => search.distanceKm(p.bounds) <= r);
      if (!open.length) break;
      parts = parts.filter((p) => !open.includes(p));
      const opened = await Promise.allSettled(open.map((p) => this.#part(p, signal)));
      for (const [i, o] of opened.entries()) {
        if (o.status === 'rejected') {
          if (signal?.aborted) throw o.reason;
          problems.push({ reason: `part ${open[i].id} of the index could not be read: ${(o.reason as Error).message}` });
          continue;
        }
        for (const c of o.value.cells) if (!cells.has(c.id)) cells.set(c.id, c);
        parts = [...parts, ...o.value.parts];
      }
    }
    const r = radius();
    return [...cells.values()]
      .map((c) => ({ c, d: search.distanceKm(c.bounds) }))
      .filter((x) => x.d <= r)
      .sort((a, b) => a.d - b.d || (a.c.id < b.c.id ? -1 : 1))
      .map((x) => x.c);
  }

  /** The files of services without a place a search reads: its categories', or all of them when they are few. */
  #unlocated(manifest: ReadManifest, search: IndexSearch): UnlocatedEntry[] {
    const asked = new Set((search.categories ?? []).map((c) => search.normalise(c)));
    if (asked.size) return manifest.unlocated.filter((e) => e.category !== null && asked.has(search.normalise(e.category)));
    const total = manifest.unlocated.reduce((n, e) => n + e.bytes, 0);
    return total <= UNLOCATED_ALL_BYTES ? manifest.unlocated : [];
  }

  /**
   * Reads what a search needs and was not read before, yielding a page per file as each arrives
   * (nearest cells asked for first). Files that cannot be read are reported and the rest read; a
   * SourceError is thrown at the end if any could not, after everything else is yielded.
   */
  async *read(search: IndexSearch, signal?: AbortSignal): AsyncGenerator<DirectoryPage> {
    const manifest = await this.manifest(signal);
    const problems: Problems = this.#problems.splice(0);
    const cells = await this.#cells(manifest, search, problems, signal);
    const files = [
      ...cells.map((entry) => ({ kind: 'cells' as const, entry })),
      ...this.#unlocated(manifest, search).map((entry) => ({ kind: 'unlocated' as const, entry })),
    ].filter((f) => !this.#read.has(indexFilePath(f.kind, f.entry.id, f.entry.sha256)));
    if (files.length > MAX_FILES_PER_SEARCH)
      problems.push({
        reason: `only the nearest ${MAX_FILES_PER_SEARCH} files of the index were read for this search`,
        count: files.length - MAX_FILES_PER_SEARCH,
      });
    const queue = files.slice(0, MAX_FILES_PER_SEARCH);
    let failure: SourceError | undefined;
    let page = 0;
    const running = new Map<number, Promise<{ i: number; page?: DirectoryPage; error?: unknown }>>();
    let next = 0;
    const start = () => {
      const i = next++;
      const { kind, entry } = queue[i];
      running.set(
        i,
        this.#file(kind, entry, signal).then(
          ({ body }) => ({ i, page: this.#page(body, kind === 'cells' ? parseTile(entry.id) : undefined, manifest, ++page, queue.length) }),
          (error: unknown) => ({ i, error }),
        ),
      );
    };
    while (next < queue.length && running.size < AT_ONCE) start();
    if (!queue.length) yield { directory: this.#ref, dialect: 'snapshot', page: 0, totalPages: 0, services: [], problems };
    else if (problems.length)
      yield { directory: this.#ref, dialect: 'snapshot', page: 0, totalPages: queue.length, services: [], problems };
    while (running.size) {
      const done = await Promise.race(running.values());
      running.delete(done.i);
      if (next < queue.length) start();
      const { kind, entry } = queue[done.i];
      if (done.page) {
        this.#read.add(indexFilePath(kind, entry.id, entry.sha256));
        yield done.page;
        continue;
      }
      if (signal?.aborted) throw done.error;
      const error = done.error instanceof SourceError ? done.error : new SourceError('not-directory', String(done.error), this.#ref.url);
      failure ??= error;
      yield {
        directory: this.#ref,
        dialect: 'snapshot',
        page,
        totalPages: queue.length,
        services: [],
        problems: [{ reason: `${kind === 'cells' ? `cell ${entry.id}` : `file ${entry.id}`} could not be read: ${error.message}` }],
      };
    }
    if (failure) throw failure;
  }

  /** One file's records, read as a snapshot's are and keyed under this index. */
  #page(body: Record<string, unknown>, tile: Tile | undefined, manifest: ReadManifest, page: number, totalPages: number): DirectoryPage {
    const raws = Array.isArray(body.services) ? body.services : [];
    const problems: Problems = [];
    const bySource = new Map<string, unknown[]>();
    for (const raw of raws) {
      const source = isObject(raw) ? text(raw.source) : undefined;
      if (!source || !manifest.directories.has(source)) {
        problems.push({ id: isObject(raw) ? text(raw.id) : undefined, page, reason: 'names no directory the index lists', skipped: true });
        continue;
      }
      // What a record says of its own identity is not read: it is keyed under this index and the directory named.
      const { source: _source, directory: _directory, key: _key, ...rest } = raw as Record<string, unknown>;
      const list = bySource.get(source);
      if (list) list.push(rest);
      else bySource.set(source, [rest]);
    }
    const services: Service[] = [];
    for (const [source, list] of bySource) {
      const read = readRecords(list, snapshot, manifest.directories.get(source)!, page, new Set());
      problems.push(...read.problems);
      for (const s of read.services) {
        const placed = (s.locations ?? []).filter((l) => l.lat !== undefined && l.lng !== undefined);
        // A cell's records have a place in it; a file of services without a place has none with one.
        if (tile ? !placed.some((l) => pointInTile(l.lat!, l.lng!, tile)) : placed.length > 0) {
          problems.push({
            id: s.id,
            page,
            reason: `is not placed where the index file says (${tile ? 'outside its cell' : 'it has a place'})`,
            skipped: true,
          });
          continue;
        }
        const before = this.#records.get(s.key);
        const merged = before ? mergePlaces(before, s) : s;
        if (!merged) continue;
        this.#records.set(s.key, merged);
        services.push(merged);
      }
    }
    return { directory: this.#ref, dialect: 'snapshot', page, totalPages, services, problems };
  }
}
