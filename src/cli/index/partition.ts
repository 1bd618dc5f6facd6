/**
 * Cutting the map into cells: a tile is split into its four quarters while it holds more than `cellSize`
 * records (never below MAX_ZOOM). A record with places in several cells is listed in each, with only the
 * places in that cell (and those without coordinates): a chain with a thousand branches costs each cell
 * one branch, not a thousand.
 */
import { MAX_ZOOM, ancestorTile, parseTile, tileId, tileOf, withinTile, type Tile } from '../../model/static-index.js';
import { REGION_ZOOM, type StoredRecord } from './records.js';

/** A set of regions read and cut together: one region, or neighbours few enough to make one cell. */
export interface Group {
  tile: Tile;
  regions: string[];
}

/**
 * Which regions are cut together, from how many records each holds: a tile above REGION_ZOOM whose
 * regions hold `cellSize` records or fewer is one group (it becomes one cell); a region is otherwise a
 * group of its own. In a fixed order.
 */
export function groups(counts: Map<string, number>, cellSize: number): Group[] {
  const regions = [...counts].filter(([, n]) => n > 0).map(([id]) => parseTile(id)!);
  const out: Group[] = [];
  const visit = (tile: Tile, inside: Tile[]) => {
    const total = inside.reduce((n, t) => n + counts.get(tileId(t))!, 0);
    if (tile.z === REGION_ZOOM || total <= cellSize) {
      out.push({ tile, regions: inside.map(tileId).sort() });
      return;
    }
    const children = new Map<string, Tile[]>();
    for (const t of inside) {
      const child = tileId(ancestorTile(t, tile.z + 1));
      const list = children.get(child);
      if (list) list.push(t);
      else children.set(child, [t]);
    }
    for (const id of [...children.keys()].sort()) visit(parseTile(id)!, children.get(id)!);
  };
  if (regions.length) visit({ z: 0, x: 0, y: 0 }, regions);
  return out;
}

interface Placed {
  record: StoredRecord;
  /** Each point's tile at MAX_ZOOM, as x, y pairs. */
  tiles: number[];
}

/** A cell's records, by the tile they were cut to. */
export interface Leaf {
  tile: Tile;
  records: Placed[];
}

/** Cuts a group's records into leaves: tiles of at most `cellSize` records. */
export function partition(tile: Tile, records: StoredRecord[], cellSize: number): Leaf[] {
  const placed: Placed[] = records.map((record) => {
    const tiles: number[] = [];
    for (let i = 0; i < record.points.length; i += 2) {
      const t = tileOf(record.points[i], record.points[i + 1], MAX_ZOOM);
      tiles.push(t.x, t.y);
    }
    return { record, tiles };
  });
  const leaves: Leaf[] = [];
  const cut = (t: Tile, list: Placed[]) => {
    if (list.length <= cellSize || t.z >= MAX_ZOOM) {
      leaves.push({ tile: t, records: list });
      return;
    }
    const quarters = new Map<number, Placed[]>();
    const shift = MAX_ZOOM - (t.z + 1);
    for (const p of list) {
      let seen = 0;
      for (let i = 0; i < p.tiles.length; i += 2) {
        const x = Math.floor(p.tiles[i] / 2 ** shift);
        const y = Math.floor(p.tiles[i + 1] / 2 ** shift);
        if (x >> 1 !== t.x || y >> 1 !== t.y) continue; // a place in another group's tile
        const q = (x & 1) | ((y & 1) << 1);
        if (seen & (1 << q)) continue;
        seen |= 1 << q;
        const into = quarters.get(q);
        if (into) into.push(p);
        else quarters.set(q, [p]);
      }
    }
    for (const q of [0, 1, 2, 3]) if (quarters.has(q)) cut({ z: t.z + 1, x: t.x * 2 + (q & 1), y: t.y * 2 + (q >> 1) }, quarters.get(q)!);
  };
  cut(tile, placed);
  return leaves;
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The JSON of a record as listed in `tile`: whole when every place is in it, else only its places there. */
function listedJson(p: Placed, tile: Tile): string {
  const shift = MAX_ZOOM - tile.z;
  let inside = 0;
  for (let i = 0; i < p.tiles.length; i += 2)
    if (Math.floor(p.tiles[i] / 2 ** shift) === tile.x && Math.floor(p.tiles[i + 1] / 2 ** shift) === tile.y) inside++;
  if (inside * 2 === p.tiles.length) return p.record.json;
  const record = JSON.parse(p.record.json) as { locations?: Array<{ lat?: number; lng?: number }> };
  record.locations = record.locations?.filter(
    (l) => typeof l.lat !== 'number' || typeof l.lng !== 'number' || withinTile(tileOf(l.lat, l.lng, MAX_ZOOM), tile),
  );
  return JSON.stringify(record);
}

/** The records of a leaf as JSON texts, in key order. */
export function leafJson(leaf: Leaf): string[] {
  return [...leaf.records].sort((a, b) => byKey(a.record, b.record)).map((p) => listedJson(p, leaf.tile));
}

export { byKey };
