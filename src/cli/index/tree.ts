/**
 * The manifest's map of cells. Listing every cell of a national index in the manifest would make it
 * hundreds of kilobytes before a single service is read; instead the manifest lists at most
 * MAX_ENTRIES tiles, the busiest opened furthest, and a tile it does not open is a part: a file listing
 * the tiles inside it the same way. A search reads the manifest, the parts on its way, then its cells.
 */
import {
  INDEX_VERSION,
  PART_FORMAT,
  parentTile,
  parseTile,
  tileBounds,
  tileId,
  type CellEntry,
  type IndexPart,
  type PartEntry,
  type Tile,
} from '../../model/static-index.js';
import type { IndexFiles } from './files.js';

/** Most entries (cells and parts) in the manifest or in one part. */
export const MAX_ENTRIES = 200;

interface Node {
  tile: Tile;
  id: string;
  /** Services listed under it (a service listed in two cells counts twice). */
  count: number;
  cells: number;
  children: Node[];
  cell?: CellEntry;
}

function treeOf(cells: CellEntry[]): Node | undefined {
  if (!cells.length) return undefined;
  const nodes = new Map<string, Node>();
  const node = (tile: Tile): Node => {
    const id = tileId(tile);
    let n = nodes.get(id);
    if (!n) {
      nodes.set(id, (n = { tile, id, count: 0, cells: 0, children: [] }));
      if (tile.z > 0) node(parentTile(tile)).children.push(n);
    }
    return n;
  };
  for (const cell of cells) {
    const leaf = node(parseTile(cell.id)!);
    leaf.cell = cell;
    for (let t: Tile | undefined = leaf.tile; t; t = t.z > 0 ? parentTile(t) : undefined) {
      const n = nodes.get(tileId(t))!;
      n.count += cell.count;
      n.cells++;
    }
  }
  return nodes.get('0-0-0');
}

const busiestFirst = (a: Node, b: Node) => b.count - a.count || (a.id < b.id ? -1 : 1);
/** Entries in the order every file lists them. */
export const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The entries of one file for `top`: it is opened, then the busiest tiles below it while they fit. */
function frontier(top: Node): Node[] {
  const list = [...top.children];
  for (;;) {
    const open = list
      .filter((n) => !n.cell)
      .sort(busiestFirst)
      .find((n) => list.length - 1 + n.children.length <= MAX_ENTRIES);
    if (!open) return list;
    list.splice(list.indexOf(open), 1, ...open.children);
  }
}

/**
 * Writes the parts and returns the manifest's entries, and the paths of the parts. Parts are written deepest first, since each
 * entry names the hash of the file it points to.
 */
export async function layout(cells: CellEntry[], files: IndexFiles): Promise<{ cells: CellEntry[]; parts: PartEntry[]; paths: string[] }> {
  const root = treeOf(cells);
  const paths: string[] = [];
  if (!root) return { cells: [], parts: [], paths };
  const entries = async (top: Node) => {
    const list = frontier(top);
    const out: { cells: CellEntry[]; parts: PartEntry[] } = { cells: [], parts: [] };
    for (const n of list) {
      if (n.cell) out.cells.push(n.cell);
      else out.parts.push(await part(n));
    }
    out.cells.sort(byId);
    out.parts.sort(byId);
    return out;
  };
  const part = async (n: Node): Promise<PartEntry> => {
    const inside = await entries(n);
    const body: IndexPart = { format: PART_FORMAT, version: INDEX_VERSION, id: n.id, ...inside };
    const written = await files.put('parts', n.id, JSON.stringify(body));
    paths.push(written.path);
    return { id: n.id, bounds: tileBounds(n.tile), count: n.count, cells: n.cells, bytes: written.bytes, sha256: written.sha256 };
  };
  // A single cell is listed as it is; otherwise the root is opened like any part.
  return { ...(root.cell ? { cells: [root.cell], parts: [] } : await entries(root)), paths };
}
