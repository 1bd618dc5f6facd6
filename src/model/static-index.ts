/**
 * The static index: `service-finder harvest … --index DIR` writes it, the finder reads it from any web
 * host. Located services sit in map tiles (Web Mercator `z-x-y`, split where dense so that no tile holds
 * more than a set number); services without a place sit in files by category; a manifest lists them.
 *
 *   manifest.json                         format, directories and when each was read, vocabulary, entries
 *   cells/<z>-<x>-<y>.<hash16>.json       the services of one tile
 *   parts/<z>-<x>-<y>.<hash16>.json       more entries for one tile, where the manifest would be too long
 *   unlocated/<slug>-<n>.<hash16>.json    services without a place, by category
 *
 * A file's name ends with the first 16 hex digits of its SHA-256, so a file never changes once
 * written: cells and parts can be cached for ever, and only the manifest needs revalidating.
 * The reader derives every file name from its entry (kind, id, hash), never from text in the manifest.
 */

export const INDEX_FORMAT = 'service-finder-index';
export const CELL_FORMAT = 'service-finder-index-cell';
export const PART_FORMAT = 'service-finder-index-part';
export const UNLOCATED_FORMAT = 'service-finder-index-unlocated';
export const INDEX_VERSION = 1;

/** Tiles are never split below this zoom (about 150 m across in the UK): a busier spot is one larger cell. */
export const MAX_ZOOM = 18;
/** Web Mercator stops short of the poles. */
const MAX_LAT = 85.0511287798066;

/** [west, south, east, north] in degrees. */
export type Bounds = [number, number, number, number];

export interface Tile {
  z: number;
  x: number;
  y: number;
}

/** A file the manifest (or a part) lists: its id, what it holds and its SHA-256 (hex). */
interface FileEntry {
  count: number;
  /** Size of the JSON file in bytes. */
  bytes: number;
  sha256: string;
}

/** A tile's services. */
export interface CellEntry extends FileEntry {
  /** `z-x-y`. */
  id: string;
  bounds: Bounds;
}

/** A tile whose entries are listed in a file of their own; `count` is the services under it. */
export interface PartEntry extends CellEntry {
  /** How many cells are under it. */
  cells: number;
}

/** Services without a place that name one category (`category` normalised; null: none named). */
export interface UnlocatedEntry extends FileEntry {
  /** `<slug>-<n>`: the file's id. */
  id: string;
  category: string | null;
}

export interface IndexDirectory {
  /** The id records of this directory carry in `source`. */
  id: string;
  name: string;
  url: string;
  feedbackUrl?: string;
  dialect?: string;
  /** ISO date-time the last read of this directory started (its records are as of then). */
  lastRead?: string;
  records: number;
  /** `partial`: the last read stopped part-way (what was read is kept); `failed`: it could not be read. */
  state: 'done' | 'partial' | 'failed';
  error?: string;
}

export interface IndexManifest {
  format: typeof INDEX_FORMAT;
  version: typeof INDEX_VERSION;
  /** The latest of the directories' reads. */
  generated: string;
  /** Most services in one cell (a cell at MAX_ZOOM may hold more). */
  cellSize: number;
  /** Services in the index (each counted once, wherever it is listed). */
  services: number;
  directories: IndexDirectory[];
  /** Category names with how many services name them, for a search form to offer. */
  vocabulary: { categories: Array<{ name: string; count: number }> };
  unlocated: UnlocatedEntry[];
  cells: CellEntry[];
  parts: PartEntry[];
}

export interface IndexPart {
  format: typeof PART_FORMAT;
  version: typeof INDEX_VERSION;
  id: string;
  cells: CellEntry[];
  parts: PartEntry[];
}

/** A record in a cell or unlocated file: a Service without `key` and `directory`, with `source`, the id of its directory. */
export interface IndexFile {
  format: typeof CELL_FORMAT | typeof UNLOCATED_FORMAT;
  version: typeof INDEX_VERSION;
  id: string;
  services: Array<Record<string, unknown>>;
}

export const HASH_IN_NAME = 16;

/** Where a listed file is, relative to the manifest. */
export function indexFilePath(kind: 'cells' | 'parts' | 'unlocated', id: string, sha256: string): string {
  return `${kind}/${id}.${sha256.slice(0, HASH_IN_NAME)}.json`;
}

export const tileId = (t: Tile): string => `${t.z}-${t.x}-${t.y}`;

/** `z-x-y` → a tile, or undefined unless it is one (zoom 0–MAX_ZOOM, x and y inside it). */
export function parseTile(id: unknown): Tile | undefined {
  if (typeof id !== 'string') return undefined;
  const m = /^(\d{1,2})-(\d{1,6})-(\d{1,6})$/.exec(id);
  if (!m) return undefined;
  const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = 2 ** z;
  return z <= MAX_ZOOM && x < n && y < n ? { z, x, y } : undefined;
}

/** The tile at zoom `z` that holds a point (a point on an edge belongs to the tile east and south of it). */
export function tileOf(lat: number, lng: number, z: number): Tile {
  const n = 2 ** z;
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const r = (clamped * Math.PI) / 180;
  const x = Math.floor(((lng + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { z, x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}

const latOfRow = (y: number, n: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** A tile's edges, rounded to 6 decimals (about 10 cm) as the manifest writes them. */
export function tileBounds(t: Tile): Bounds {
  const n = 2 ** t.z;
  return [round6((t.x / n) * 360 - 180), round6(latOfRow(t.y + 1, n)), round6(((t.x + 1) / n) * 360 - 180), round6(latOfRow(t.y, n))];
}

/** The tile one zoom out. */
export const parentTile = (t: Tile): Tile => ({ z: t.z - 1, x: t.x >> 1, y: t.y >> 1 });

/** The tile at zoom `z` (≤ t.z) that holds `t`. */
export function ancestorTile(t: Tile, z: number): Tile {
  const shift = t.z - z;
  return { z, x: Math.floor(t.x / 2 ** shift), y: Math.floor(t.y / 2 ** shift) };
}

/** Whether `inner` is `outer` or lies inside it. */
export function withinTile(inner: Tile, outer: Tile): boolean {
  if (inner.z < outer.z) return false;
  const a = ancestorTile(inner, outer.z);
  return a.x === outer.x && a.y === outer.y;
}

/** Whether a point lies in a tile (edges included, as the finder reads a cell's bounds). */
export function pointInTile(lat: number, lng: number, t: Tile): boolean {
  const [w, s, e, n] = tileBounds(t);
  const EDGE = 1e-6;
  return lat >= s - EDGE && lat <= n + EDGE && lng >= w - EDGE && lng <= e + EDGE;
}
