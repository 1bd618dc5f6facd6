/**
 * The blender: records arrive page by page from many directories; the same
 * service published by several is shown once. Candidate pairs come from
 * blocking keys (id, url, email, phone, postcode, ~100 m grid cell), never
 * from comparing every pair, and a key shared by very many records is
 * searched only through their names' words (see `Crowd`): the pairs looked
 * at grow with the records, whatever their names (`comparisons` counts
 * them; `npm run bench -- blend` prints them for adversarial directories).
 */
import type { BlendedService, Service } from '../model/index.js';
import { endpointOf } from '../model/index.js';
import { blockKeys, Features, memo, type Memo } from './dedup/features.js';
import { blendFields } from './dedup/merge.js';
import { compatible, mayBeAlike, sameEvidence, sameService } from './dedup/rules.js';
import { LAT_CELL, LNG_CELL, MAX_BLOCK } from './dedup/thresholds.js';

export interface Blender {
  /** Adds records (a page from one directory); a key seen before replaces its record. */
  add(services: Service[]): void;
  /** Drops every record of a directory, and of the directories a snapshot read there names (before a re-read). */
  remove(directoryId: string): void;
  /** The current blended list, in arrival order of each service's first record. Cached. */
  services(): BlendedService[];
  /** The record blended under `key`, as it was added. */
  record(key: string): Service | undefined;
  /** How many records were merged into another. */
  readonly merged: number;
  /**
   * Pairs of records looked at so far: every record a blocking key offered as a candidate for
   * another, whether or not the match rules then ran. At most a bounded number per key of a
   * record (`MAX_BLOCK` per key, or per name word where a key is crowded), so it grows with the
   * records, never with their square.
   */
  readonly comparisons: number;
  /** Pairs the match rules judged: the candidates whose names could be alike, and the members of groups being joined. */
  readonly judged: number;
  /**
   * The records of each blended service of two or more, and the pairs of records of two
   * directories that a blocking key brought together without merging them (each pair once), from
   * the same candidates as blending: what `explainBlend` (dedup/explain.ts) explains. Computed on
   * demand: it looks at every record's candidates again.
   */
  pairs(): BlendPairs;
}

export interface BlendPairs {
  groups: Features[][];
  candidates: Array<[Features, Features]>;
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

/** What a record is filed under: kept from its previous copy when a page is read again (see `Blocks.add`). */
type Keys = Pick<Features, 'strongId' | 'urlKey' | 'emails' | 'numbers' | 'postcodes' | 'points' | 'words'>;

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
const cellOf = (pt: { lat: number; lng: number }) => cell(rowOf(pt), colOf(pt));

/** A phone number's last nine digits as a small integer (same folding idea as `cell`). */
const phoneKey = (digits: string) => Number(digits.slice(-9));

/** The records filed under one key: most keys belong to one record, stored as is; an array from the second. */
type Small = Rec | Rec[];

/**
 * The records of a key shared by more than `MAX_BLOCK` (a switchboard number, a venue hosting two
 * hundred activities, an organisation's homepage), filed again by their names' words. A key is
 * evidence only with names alike (see `compatible`), and alike names share a word (see
 * `blockKeys`), so a record meets only those whose names share one of its words, and never those
 * of a word shared by more than `MAX_BLOCK` ("Lunch club A…Z" at one hall meet through A…Z).
 */
class Crowd {
  readonly byName = new Map<number, Small>();

  constructor(members: Rec[]) {
    for (const r of members) this.add(r);
  }

  /** Files `rec` under its name's words; a word past `MAX_BLOCK` records is never searched, and is filled no further. */
  add(rec: Rec): void {
    for (const k of blockKeys(rec.words)) {
      const block = this.byName.get(k);
      if (block === undefined) this.byName.set(k, rec);
      else if (block instanceof Rec) {
        if (block !== rec) this.byName.set(k, [block, rec]);
      } else if (block.length <= MAX_BLOCK && block[block.length - 1] !== rec) block.push(rec);
    }
  }
}

type Block = Small | Crowd;

/**
 * Blocking keys, one map per kind so that no key string has to be built:
 * the normalised strings from `Features` are used as they are (V8 hashes a
 * string once), phones and grid cells as small integers.
 */
class Blocks {
  readonly id = new Map<string, Block>();
  readonly url = new Map<string, Block>();
  readonly email = new Map<string, Block>();
  readonly postcode = new Map<string, Block>();
  readonly phone = new Map<number, Block>();
  readonly cell = new Map<number, Block>();

  /** Files a record read for the first time under its keys. */
  add(rec: Rec): void {
    if (rec.strongId) put(this.id, rec.strongId, rec);
    if (rec.urlKey) put(this.url, rec.urlKey, rec);
    for (const e of rec.emails) put(this.email, e, rec);
    for (const z of rec.postcodes) put(this.postcode, z, rec);
    for (const p of rec.numbers) put(this.phone, phoneKey(p), rec);
    for (const pt of rec.points) put(this.cell, cellOf(pt), rec);
  }

  /**
   * Files a record read again under the keys its previous copy (`old`) did not have, so that
   * reading a page again costs the same whatever the size of its keys' blocks; under a key it
   * had, only a crowd needs the words of a new name.
   */
  refile(rec: Rec, old: Keys): void {
    const renamed = old.words !== rec.words;
    if (rec.strongId) putAgain(this.id, rec.strongId, rec, old.strongId === rec.strongId, renamed);
    if (rec.urlKey) putAgain(this.url, rec.urlKey, rec, old.urlKey === rec.urlKey, renamed);
    for (const e of rec.emails) putAgain(this.email, e, rec, old.emails.includes(e), renamed);
    for (const z of rec.postcodes) putAgain(this.postcode, z, rec, old.postcodes.includes(z), renamed);
    for (const p of rec.numbers) putAgain(this.phone, phoneKey(p), rec, old.numbers.includes(p), renamed);
    for (const pt of rec.points) {
      const c = cellOf(pt);
      putAgain(
        this.cell,
        c,
        rec,
        old.points.some((q) => cellOf(q) === c),
        renamed,
      );
    }
  }

  /**
   * Every record filed under a key of `rec`, each once, into `out` (emptied first). `stamp` is new
   * for each search: a record found is marked with it. Beside the id and url, a key is evidence
   * only with names alike (see `compatible`), so records whose names cannot be are passed over
   * here (most of those around a point are).
   */
  candidates(rec: Rec, stamp: number, out: Found): void {
    out.n = 0;
    if (rec.strongId) see(this.id.get(rec.strongId), stamp, out, rec, false);
    if (rec.urlKey) see(this.url.get(rec.urlKey), stamp, out, rec, false);
    for (const e of rec.emails) see(this.email.get(e), stamp, out, rec, true);
    for (const z of rec.postcodes) see(this.postcode.get(z), stamp, out, rec, true);
    for (const p of rec.numbers) see(this.phone.get(phoneKey(p)), stamp, out, rec, true);
    for (const pt of rec.points) {
      const row = rowOf(pt);
      const col = colOf(pt);
      for (let a = -1; a <= 1; a++) for (let b = -1; b <= 1; b++) see(this.cell.get(cell(row + a, col + b)), stamp, out, rec, true);
    }
  }
}

/**
 * The records one search found: `list[0]` to `list[n - 1]`. One serves every search; the array is
 * kept, not emptied (setting its length to 0 would free its storage, to be grown again). `looked`
 * counts every record read out of a block, over all searches.
 */
class Found {
  list: Rec[] = [];
  n = 0;
  looked = 0;
  add(rec: Rec): void {
    this.list[this.n++] = rec;
  }
}

/**
 * Adds the records of `block` not yet found in this search to `out` (functions, not a closure per
 * call), passing over those of the directory of `rec` (never its twins); with `alike`, only those
 * whose names may be alike the name of `rec`. A crowded block is searched through the words of
 * that name (see `Crowd`), and a word shared by more than `MAX_BLOCK` of its records not at all.
 */
function see(block: Block | undefined, stamp: number, out: Found, rec: Rec, alike: boolean): void {
  if (block === undefined) return;
  if (Array.isArray(block)) seeAll(block, stamp, out, rec, alike);
  else if (block instanceof Rec) seeOne(block, stamp, out, rec, alike);
  else {
    for (const k of blockKeys(rec.words)) {
      const words = block.byName.get(k);
      if (words === undefined) continue;
      if (Array.isArray(words)) seeAll(words, stamp, out, rec, alike);
      else seeOne(words, stamp, out, rec, alike);
    }
  }
}

function seeOne(other: Rec, stamp: number, out: Found, rec: Rec, alike: boolean): void {
  out.looked++;
  if (other.seen === stamp || other.dir === rec.dir || (alike && !mayBeAlike(rec.words, other.words))) return;
  other.seen = stamp;
  out.add(other);
}

function seeAll(block: Rec[], stamp: number, out: Found, rec: Rec, alike: boolean): void {
  if (block.length > MAX_BLOCK) return;
  out.looked += block.length;
  for (const other of block) {
    if (other.seen === stamp || other.dir === rec.dir || (alike && !mayBeAlike(rec.words, other.words))) continue;
    other.seen = stamp;
    out.add(other);
  }
}

/**
 * Files a new record under `key`: it can only be the last one filed there. Small blocks (most: the
 * copies of one service) are copied to grow, as `push` would leave room for 16 more; a block that
 * grows past `MAX_BLOCK` becomes a `Crowd`.
 */
function put<K>(map: Map<K, Block>, key: K, rec: Rec): void {
  const block = map.get(key);
  if (block === undefined) map.set(key, rec);
  else if (Array.isArray(block)) {
    if (block[block.length - 1] === rec) return;
    if (block.length < 8) map.set(key, [...block, rec]);
    else if (block.length < MAX_BLOCK) block.push(rec);
    else map.set(key, new Crowd([...block, rec]));
  } else if (block instanceof Rec) {
    if (block !== rec) map.set(key, [block, rec]);
  } else block.add(rec);
}

/** `put` for a record read again: `filed` when it is under `key` already, `renamed` when its name changed. */
function putAgain<K>(map: Map<K, Block>, key: K, rec: Rec, filed: boolean, renamed: boolean): void {
  if (!filed) put(map, key, rec);
  else if (renamed) {
    const block = map.get(key);
    if (block instanceof Crowd) block.add(rec);
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

const keysOf = (r: Rec): Keys => ({
  strongId: r.strongId,
  urlKey: r.urlKey,
  emails: r.emails,
  numbers: r.numbers,
  postcodes: r.postcodes,
  points: r.points,
  words: r.words,
});

export function createBlender(): Blender {
  let seq = 0;
  let stamp = 0;
  const recs = new Map<string, Rec>();
  let blocks = new Blocks();
  let merged = 0;
  let judged = 0;
  let list: BlendedService[] | undefined;
  const found = new Found();
  const cache = memo(); // names, urls, phones and postcodes read once for every record

  const hasDir = (r: Rec, dir: string) => (r.cluster ? r.cluster.dirs.includes(dir) : r.dir === dir);
  const membersOf = (r: Rec) => r.cluster?.members ?? [r];

  /** Whether the members of the groups of `a` and `b` may be one group: one record a directory, none the rules keep apart. */
  function joinable(a: Rec, b: Rec): boolean {
    const mb = membersOf(b);
    for (const y of mb) if (hasDir(a, y.dir)) return false;
    // Evidence links one pair; every other pair must at least not contradict it.
    for (const x of membersOf(a)) {
      for (const y of mb) {
        judged++;
        if (!compatible(x, y)) return false;
      }
    }
    return true;
  }

  function join(a: Rec, b: Rec): void {
    if (a.cluster && a.cluster === b.cluster) return;
    if (!joinable(a, b)) return;
    const cluster: Cluster = a.cluster ?? b.cluster ?? { members: [], dirs: [], blended: undefined };
    cluster.members = bySeq(membersOf(a), membersOf(b));
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
      judged++;
      if (sameService(rec, other)) join(rec, other);
    }
  }

  /** A record read again: it keeps its place; what it was merged with is decided again if its evidence changed. */
  function update(rec: Rec, next: Rec): void {
    const same = sameEvidence(rec, next);
    const cluster = rec.cluster;
    const old = keysOf(rec);
    // Read in place (blocks and its cluster hold this object), keeping its place.
    next.seq = rec.seq;
    next.seen = rec.seen;
    next.cluster = cluster;
    Object.assign(rec, next);
    if (cluster) cluster.blended = undefined;
    blocks.refile(rec, old);
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

  function pairs(): BlendPairs {
    const groups: Features[][] = [];
    const candidates: BlendPairs['candidates'] = [];
    // Its own scratch list: the blender's count of pairs looked at is left as it is.
    const scratch = new Found();
    const paired = new Set<string>();
    for (const rec of recs.values()) {
      const c = rec.cluster;
      if (c?.members[0] === rec) groups.push(c.members);
      blocks.candidates(rec, ++stamp, scratch);
      for (let i = 0; i < scratch.n; i++) {
        const other = scratch.list[i];
        if (other === rec || other.dir === rec.dir || (c && other.cluster === c)) continue;
        const [x, y] = rec.seq < other.seq ? [rec, other] : [other, rec];
        const id = `${x.seq} ${y.seq}`;
        if (paired.has(id)) continue;
        paired.add(id);
        candidates.push([x, y]);
      }
    }
    return { groups, candidates };
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
        if (endpointOf(r.dir) !== directoryId) continue;
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
          c.members.filter((m) => endpointOf(m.dir) !== directoryId),
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
    record(key) {
      return recs.get(key)?.service;
    },
    get merged() {
      return merged;
    },
    get comparisons() {
      return found.looked;
    },
    get judged() {
      return judged;
    },
    pairs,
  };
}
