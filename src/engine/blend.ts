/**
 * The blender: records arrive page by page from many directories; the same
 * service published by several is shown once. Candidate pairs come from
 * blocking keys (id, url, email, phone, postcode, ~100 m grid cell), never
 * from comparing every pair (bench/run.ts times 10,000 records).
 */
import type { BlendedService, Service } from '../model/index.js';
import { blendFields, compatible, Features, mayBeAlike, sameEvidence, sameService, memo, type Memo } from './dedup.js';

export interface Blender {
  /** Adds records (a page from one directory); a key seen before replaces its record. */
  add(services: Service[]): void;
  /** Drops every record of a directory (before a re-read). */
  remove(directoryId: string): void;
  /** The current blended list, in arrival order of each service's first record. Cached. */
  services(): BlendedService[];
  /** How many records were merged into another. */
  readonly merged: number;
}

/** A record as the blender keeps it: its fields and features, and where it stands. */
class Rec extends Features {
  /** Stamp of the last candidate search that found this record. */
  seen = -1;
  seq: number;
  /** Set once the record is merged with another; a record alone has none (most do, until their twins arrive). */
  cluster: Cluster | undefined = undefined;
  /** The blended form of a record alone, cached. */
  blended: BlendedService | undefined = undefined;

  constructor(service: Service, cache: Memo, seq: number) {
    super(service, cache);
    this.seq = seq;
  }
}

interface Cluster {
  members: Rec[];
  /** Directory ids of the members (at most one record each). */
  dirs: string[];
  blended?: BlendedService;
}

/** Blocks larger than this are too common to be evidence (a council switchboard); they are not searched. */
const MAX_BLOCK = 100;
const LAT_CELL = 0.001; // ≈ 111 m
const LNG_CELL = 0.0015; // ≈ 100 m at 51–52°N, 83–88 m in the north of Scotland (where a shared postcode still pairs twins)

/**
 * Key of a ~100 m grid cell (row and column from `Math.floor(lat / LAT_CELL)`
 * and `Math.floor(lng / LNG_CELL)`), folded into 30 bits: a small integer
 * even where V8 compresses pointers (Chromium), which it hashes fastest and
 * stores without allocating. Distant cells may share a key; that only adds
 * a candidate that the distance check then turns down.
 */
const cell = (row: number, col: number) => (row & 0x7fff) * 0x8000 + (col & 0x7fff);
const rowOf = (pt: { lat: number }) => Math.floor(pt.lat / LAT_CELL);
const colOf = (pt: { lng: number }) => Math.floor(pt.lng / LNG_CELL);

/** A phone number's last nine digits as a small integer (same folding idea as `cell`). */
const phoneKey = (digits: string) => Number(digits.slice(-9));

/**
 * Blocking keys, one map per kind so that no key string has to be built:
 * the normalised strings from `Features` are used as they are (V8 hashes a
 * string once), phones and grid cells as small integers.
 */
type Block = Rec | Rec[];

class Blocks {
  readonly id = new Map<string, Block>();
  readonly url = new Map<string, Block>();
  readonly email = new Map<string, Block>();
  readonly postcode = new Map<string, Block>();
  readonly phone = new Map<number, Block>();
  readonly cell = new Map<number, Block>();

  /** Files `rec` under its keys; `again` for a record filed before (a page read again), which is not filed twice. */
  add(rec: Rec, again = false): void {
    if (rec.strongId) push(this.id, rec.strongId, rec, again);
    if (rec.urlKey) push(this.url, rec.urlKey, rec, again);
    for (const e of rec.emails) push(this.email, e, rec, again);
    for (const z of rec.postcodes) push(this.postcode, z, rec, again);
    for (const p of rec.numbers) push(this.phone, phoneKey(p), rec, again);
    for (const pt of rec.points) push(this.cell, cell(rowOf(pt), colOf(pt)), rec, again);
  }

  /**
   * Every record filed under a key of `rec`, each once, into `out` (emptied first). `stamp` is new
   * for each search: a record found is marked with it. Beside the id and url, a key is evidence
   * only with names alike (see `compatible`), so records whose names cannot be are passed over
   * here (most of those around a point are).
   */
  candidates(rec: Rec, stamp: number, out: Found): void {
    out.n = 0;
    if (rec.strongId) see(this.id.get(rec.strongId), stamp, out);
    if (rec.urlKey) see(this.url.get(rec.urlKey), stamp, out);
    for (const e of rec.emails) see(this.email.get(e), stamp, out, rec);
    for (const z of rec.postcodes) see(this.postcode.get(z), stamp, out, rec);
    for (const p of rec.numbers) see(this.phone.get(phoneKey(p)), stamp, out, rec);
    for (const pt of rec.points) {
      const row = rowOf(pt);
      const col = colOf(pt);
      for (let a = -1; a <= 1; a++) for (let b = -1; b <= 1; b++) see(this.cell.get(cell(row + a, col + b)), stamp, out, rec);
    }
  }
}

/**
 * The records one search found: `list[0]` to `list[n - 1]`. One serves every search; the array is
 * kept, not emptied (setting its length to 0 would free its storage, to be grown again).
 */
class Found {
  list: Rec[] = [];
  n = 0;
  add(rec: Rec): void {
    this.list[this.n++] = rec;
  }
}

/**
 * Adds the records of `block` not yet found in this search to `out` (a function, not a closure per
 * call); with `alike`, only those whose names may be alike its name.
 */
function see(block: Block | undefined, stamp: number, out: Found, alike?: Rec): void {
  if (!block) return;
  if (!Array.isArray(block)) {
    if (block.seen !== stamp && (!alike || mayBeAlike(alike.words, block.words))) {
      block.seen = stamp;
      out.add(block);
    }
    return;
  }
  if (block.length > MAX_BLOCK) return;
  for (const other of block) {
    if (other.seen === stamp || (alike && !mayBeAlike(alike.words, other.words))) continue;
    other.seen = stamp;
    out.add(other);
  }
}

/**
 * Most keys belong to one record: it is stored as is, an array only from the second. A new record can
 * only be the last one filed under a key; one filed `again` may be anywhere in the array. Small blocks
 * (most: the copies of one service) are copied to grow, as `push` would leave room for 16 more.
 */
function push<K>(map: Map<K, Block>, key: K, rec: Rec, again: boolean): void {
  const block = map.get(key);
  if (!block) map.set(key, rec);
  else if (!Array.isArray(block)) {
    if (block !== rec) map.set(key, [block, rec]);
  } else if (again ? !block.includes(rec) : block[block.length - 1] !== rec) {
    if (block.length < 8) map.set(key, [...block, rec]);
    else block.push(rec);
  }
}

/** Two lists of records, each in arrival order, merged into one in arrival order (sized once: it is kept). */
function bySeq(a: Rec[], b: Rec[]): Rec[] {
  const out = new Array<Rec>(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < out.length; k++) out[k] = j >= b.length || (i < a.length && a[i].seq < b[j].seq) ? a[i++] : b[j++];
  return out;
}

export function createBlender(): Blender {
  let seq = 0;
  let stamp = 0;
  const recs = new Map<string, Rec>();
  let blocks = new Blocks();
  let merged = 0;
  let list: BlendedService[] | undefined;
  const found = new Found();
  const cache = memo(); // names, urls, phones and postcodes read once for every record

  const hasDir = (r: Rec, dir: string) => (r.cluster ? r.cluster.dirs.includes(dir) : r.dir === dir);
  const membersOf = (r: Rec) => r.cluster?.members ?? [r];

  function join(a: Rec, b: Rec): void {
    if (a.cluster && a.cluster === b.cluster) return;
    const mb = membersOf(b);
    for (const y of mb) if (hasDir(a, y.dir)) return;
    const ma = membersOf(a);
    // Evidence links one pair; every other pair must at least not contradict it.
    for (const x of ma) for (const y of mb) if (!compatible(x, y)) return;
    const cluster: Cluster = a.cluster ?? b.cluster ?? { members: [], dirs: [], blended: undefined };
    cluster.members = bySeq(ma, mb);
    cluster.dirs = cluster.members.map((r) => r.dir);
    for (const r of cluster.members) {
      r.cluster = cluster;
      r.blended = undefined;
    }
    cluster.blended = undefined;
    merged++;
  }

  /** Joins `rec` with every record its evidence points to. */
  function match(rec: Rec): void {
    blocks.candidates(rec, ++stamp, found);
    for (let i = 0; i < found.n; i++) {
      const other = found.list[i];
      if (other === rec || (rec.cluster && other.cluster === rec.cluster) || hasDir(other, rec.dir)) continue;
      if (sameService(rec, other)) join(rec, other);
    }
  }

  /** A record read again: it keeps its place; what it was merged with is decided again if its evidence changed. */
  function update(rec: Rec, next: Rec): void {
    const same = sameEvidence(rec, next);
    const cluster = rec.cluster;
    // Read in place (blocks and its cluster hold this object), keeping its place.
    next.seq = rec.seq;
    next.seen = rec.seen;
    next.cluster = cluster;
    Object.assign(rec, next);
    if (cluster) cluster.blended = undefined;
    blocks.add(rec, true);
    if (same) return;
    if (!cluster) return match(rec);
    // The cluster may have held together through this record's old copy.
    dissolve(cluster, cluster.members);
  }

  /** Undoes a cluster and matches `members` (its members, or those left) afresh. */
  function dissolve(cluster: Cluster, members: Rec[]): void {
    merged -= cluster.members.length - 1;
    for (const m of cluster.members) {
      m.cluster = undefined;
      m.blended = undefined;
    }
    for (const m of members) match(m);
  }

  function insert(service: Service): void {
    // The key is read with the rest of the record (see `Fields`), whether it is new or read again.
    const rec = new Rec(service, cache, seq);
    const existing = recs.get(rec.key);
    if (existing) return update(existing, rec);
    seq++;
    recs.set(rec.key, rec);
    match(rec);
    blocks.add(rec);
  }

  return {
    add(services) {
      for (const s of services) insert(s);
      list = undefined;
    },
    remove(directoryId) {
      const before = recs.size;
      const touched = new Set<Cluster>();
      for (const [key, r] of recs) {
        if (r.dir !== directoryId) continue;
        recs.delete(key);
        if (r.cluster) touched.add(r.cluster);
      }
      if (recs.size === before) return;
      // The keys are filed afresh (also dropping those of records' older copies); only what the
      // directory's records were merged with is matched again.
      blocks = new Blocks();
      for (const r of recs.values()) blocks.add(r);
      for (const c of touched)
        dissolve(
          c,
          c.members.filter((m) => m.dir !== directoryId),
        );
      list = undefined;
    },
    services() {
      if (!list) {
        // Records in arrival order (a Map keeps it); a cluster is listed where its first record is.
        list = [];
        for (const r of recs.values()) {
          const c = r.cluster;
          if (!c) list.push((r.blended ??= blendFields([r])));
          else if (c.members[0] === r) list.push((c.blended ??= blendFields(c.members, cache)));
        }
      }
      return list;
    },
    get merged() {
      return merged;
    },
  };
}
