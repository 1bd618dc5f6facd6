/**
 * The builder's record store, on disk under `<index>/.harvest/`: every record once per region (a map
 * tile at REGION_ZOOM) it has a place in, records without a place in one file, and one line per record
 * naming its regions. Records go to disk as they are read, so a national harvest never holds more than
 * one region in memory; a refresh rewrites only the regions its changes touch.
 *
 *   regions/<z>-<x>-<y>.tsv   key \t points \t categories \t record JSON
 *   unlocated.tsv             the same, with no points
 *   keys.tsv                  key \t regions (comma-separated; empty: no place) \t categories
 *
 * Points are `lat,lng` joined by `;`; categories are names joined by U+001F. JSON never holds a raw tab
 * or line break (JSON.stringify escapes them), and keys and names are cleaned of them before writing.
 */
import { createReadStream, createWriteStream, existsSync, openSync, closeSync, writeSync } from 'node:fs';
import { mkdir, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Service } from '../../model/index.js';
import { tileId, tileOf } from '../../model/static-index.js';

/**
 * Regions are tiles at this zoom (about 12 km across in the UK): the most the builder holds at once is
 * one of them. Central London's, the busiest, holds under 4% of a national index.
 */
export const REGION_ZOOM = 11;
const FIELD = '\t';
const NAMES = '\u001f';
/** Lines buffered before they are appended to their files. */
const BUFFER_BYTES = 32 * 1024 * 1024;

/** A record as stored: its key, points (lat, lng pairs), category names and JSON. */
export interface StoredRecord {
  key: string;
  points: number[];
  categories: string[];
  json: string;
}

const clean = (s: string) => s.replace(/[\t\r\n\u001f]/g, ' ');

/** The stored form of a service: the model without `key` and `directory`, with the id of its directory as `source`. */
export function storedJson(service: Service): string {
  const { key: _key, directory, ...rest } = service;
  return JSON.stringify({ ...rest, source: directory.id });
}

export function toStored(service: Service): StoredRecord {
  const points: number[] = [];
  for (const l of service.locations ?? []) if (typeof l.lat === 'number' && typeof l.lng === 'number') points.push(l.lat, l.lng);
  return {
    key: clean(service.key),
    points,
    categories: (service.categories ?? []).map((c) => clean(c.name)).filter(Boolean),
    json: storedJson(service),
  };
}

export const formatLine = (r: StoredRecord): string => {
  const points: string[] = [];
  for (let i = 0; i < r.points.length; i += 2) points.push(`${r.points[i]},${r.points[i + 1]}`);
  return [r.key, points.join(';'), r.categories.join(NAMES), r.json].join(FIELD) + '\n';
};

export function parseLine(line: string): StoredRecord {
  const a = line.indexOf(FIELD);
  const b = line.indexOf(FIELD, a + 1);
  const c = line.indexOf(FIELD, b + 1);
  const pointText = line.slice(a + 1, b);
  const names = line.slice(b + 1, c);
  return {
    key: line.slice(0, a),
    points: pointText ? pointText.split(/[;,]/).map(Number) : [],
    categories: names ? names.split(NAMES) : [],
    json: line.slice(c + 1),
  };
}

/** The regions a record's points fall in, each once, in a fixed order. */
export function regionsOf(points: number[]): string[] {
  const out = new Set<string>();
  for (let i = 0; i < points.length; i += 2) out.add(tileId(tileOf(points[i], points[i + 1], REGION_ZOOM)));
  return [...out].sort();
}

/** The directory id of a key (`<directory>:<record>`; directory ids have no colon). */
export const directoryOfKey = (key: string): string => key.slice(0, key.indexOf(':'));

export interface KeyLine {
  key: string;
  regions: string[];
  categories: string[];
}

export const formatKeyLine = (k: KeyLine) => [k.key, k.regions.join(','), k.categories.join(NAMES)].join(FIELD) + '\n';

export function parseKeyLine(line: string): KeyLine {
  const [key, regions, names] = line.split(FIELD);
  return { key, regions: regions ? regions.split(',') : [], categories: names ? names.split(NAMES) : [] };
}

/** Reads a file line by line without holding it whole. */
export async function* lines(path: string): AsyncGenerator<string> {
  if (!existsSync(path)) return;
  const input = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of input) if (line) yield line;
}

/** A file appended to in buffered writes. */
class Appender {
  readonly #files = new Map<string, string[]>();
  #buffered = 0;

  add(path: string, line: string): void {
    let list = this.#files.get(path);
    if (!list) this.#files.set(path, (list = []));
    list.push(line);
    this.#buffered += line.length;
    if (this.#buffered > BUFFER_BYTES) this.flush();
  }

  flush(): void {
    for (const [path, list] of this.#files) {
      const fd = openSync(path, 'a');
      try {
        writeSync(fd, list.join(''));
      } finally {
        closeSync(fd);
      }
    }
    this.#files.clear();
    this.#buffered = 0;
  }
}

/** The records read by one run, spilled by region as they arrive. */
export class Spill {
  readonly dir: string;
  readonly #out = new Appender();
  /** Lines per region. */
  readonly regions = new Map<string, number>();
  unlocated = 0;
  records = 0;

  constructor(dir: string) {
    this.dir = dir;
  }

  async open(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(join(this.dir, 'regions'), { recursive: true });
  }

  add(service: Service): StoredRecord {
    const r = toStored(service);
    const line = formatLine(r);
    const regions = regionsOf(r.points);
    for (const region of regions) {
      this.#out.add(join(this.dir, 'regions', `${region}.tsv`), line);
      this.regions.set(region, (this.regions.get(region) ?? 0) + 1);
    }
    if (!regions.length) {
      this.#out.add(join(this.dir, 'unlocated.tsv'), line);
      this.unlocated++;
    }
    this.#out.add(join(this.dir, 'keys.tsv'), formatKeyLine({ key: r.key, regions, categories: r.categories }));
    this.records++;
    return r;
  }

  close(): void {
    this.#out.flush();
  }
}

/** The store kept between runs. */
export class RecordStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  regionPath = (region: string) => join(this.dir, 'regions', `${region}.tsv`);
  get unlocatedPath() {
    return join(this.dir, 'unlocated.tsv');
  }
  get keysPath() {
    return join(this.dir, 'keys.tsv');
  }

  async clear(): Promise<void> {
    await rm(join(this.dir, 'regions'), { recursive: true, force: true });
    await rm(this.unlocatedPath, { force: true });
    await rm(this.keysPath, { force: true });
    await mkdir(join(this.dir, 'regions'), { recursive: true });
  }

  /**
   * Rewrites one region file (or the unlocated file) as a stream: its lines whose keys `drop` says go,
   * then the `count` lines of the file `added`. Returns the number of lines it holds.
   */
  async rewrite(path: string, drop: (key: string) => boolean, added?: { path: string; count: number }): Promise<number> {
    const more = added && added.count > 0 && existsSync(added.path) ? added : undefined;
    if (!existsSync(path)) {
      // Nothing to keep (a first build): the spilled lines are the region.
      if (more) await rename(more.path, path);
      return more?.count ?? 0;
    }
    const temporary = `${path}.tmp`;
    const out = createWriteStream(temporary);
    let count = 0;
    const write = async (line: string) => {
      count++;
      if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    };
    for await (const line of lines(path)) if (!drop(line.slice(0, line.indexOf(FIELD)))) await write(line);
    if (more) for await (const line of lines(more.path)) await write(line);
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    if (count === 0) {
      await unlink(temporary);
      await unlink(path);
      return 0;
    }
    await rename(temporary, path);
    return count;
  }

  /** Every record of the given regions (or the unlocated file), each key once. */
  async load(paths: string[]): Promise<StoredRecord[]> {
    const seen = new Set<string>();
    const out: StoredRecord[] = [];
    for (const path of paths) {
      for await (const line of lines(path)) {
        const key = line.slice(0, line.indexOf(FIELD));
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(parseLine(line));
      }
    }
    return out;
  }
}
