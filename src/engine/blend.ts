/**
 * The blender: records arrive page by page from many directories; the same
 * service published by several is shown once. Candidate pairs come from
 * blocking keys (id, url, email, phone, postcode, ~100 m grid cell), never
 * from comparing every pair, so 10,000 records blend in well under 150 ms.
 */
import type { BlendedService, Service } from '../model/index.js';
import { blendRecords, compatible, features, sameService, type Features } from './dedup.js';

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

interface Rec {
  service: Service;
  /** Seq of the insert that last compared against this record. */
  seen: number;
  seq: number;
  f: Features;
  cluster: Cluster;
}

interface Cluster {
  members: Rec[];
  dirs: Set<string>;
  first: number;
  blended?: BlendedService;
}

/** Blocks larger than this are too common to be evidence (a council switchboard); they are not searched. */
const MAX_BLOCK = 100;
const LAT_CELL = 0.001; // ≈ 111 m
const LNG_CELL = 0.0015; // ≈ 100 m at UK latitudes

/** Numeric key of a ~100 m grid cell. */
function cell(lat: number, lng: number, dLat = 0, dLng = 0): number {
  return (Math.floor(lat / LAT_CELL) + dLat + 100_000) * 1_000_000 + (Math.floor(lng / LNG_CELL) + dLng + 300_000);
}

/**
 * Blocking keys. Strings for ids, urls, emails and postcodes; numbers for
 * phones and grid cells (hashing numbers is much cheaper than building and
 * hashing strings, and this runs for every record).
 */
class Blocks {
  readonly text = new Map<string, Rec[]>();
  readonly phone = new Map<number, Rec[]>();
  readonly cell = new Map<number, Rec[]>();

  static textKeys(f: Features): string[] {
    const keys: string[] = [];
    if (f.strongId) keys.push(`i:${f.strongId}`);
    // A page of its own is a key by itself; a bare homepage, shared by an
    // organisation's many services, only together with the name.
    if (f.url) keys.push(f.urlHasPath ? `u:${f.url}` : `h:${f.url}|${f.nameKey}`);
    for (const e of f.emails) keys.push(`e:${e}`);
    for (const z of f.postcodes) keys.push(`z:${z}`);
    return keys;
  }

  add(rec: Rec, textKeys: string[]): void {
    const f = rec.f;
    for (const k of textKeys) push(this.text, k, rec);
    for (const p of f.phones) push(this.phone, Number(p), rec);
    for (const pt of f.points) push(this.cell, cell(pt.lat, pt.lng), rec);
  }

  /** Calls `visit` once for each earlier record sharing a key. */
  candidates(rec: Rec, textKeys: string[], visit: (other: Rec) => void): void {
    const see = (block: Rec[] | undefined) => {
      if (!block || block.length > MAX_BLOCK) return;
      for (const other of block) {
        if (other.seen === rec.seq) continue;
        other.seen = rec.seq;
        visit(other);
      }
    };
    for (const k of textKeys) see(this.text.get(k));
    for (const p of rec.f.phones) see(this.phone.get(Number(p)));
    for (const pt of rec.f.points) {
      for (let a = -1; a <= 1; a++) for (let b = -1; b <= 1; b++) see(this.cell.get(cell(pt.lat, pt.lng, a, b)));
    }
  }
}

function push<K>(map: Map<K, Rec[]>, key: K, rec: Rec): void {
  const block = map.get(key);
  if (!block) map.set(key, [rec]);
  else if (block[block.length - 1] !== rec) block.push(rec);
}

export function createBlender(): Blender {
  let seq = 0;
  let recs = new Map<string, Rec>();
  let blocks = new Blocks();
  let clusters = new Set<Cluster>();
  let list: BlendedService[] | undefined;

  function join(a: Cluster, b: Cluster): boolean {
    if (a === b) return true;
    for (const d of b.dirs) if (a.dirs.has(d)) return false;
    // Evidence links one pair; every other pair must at least not contradict it.
    for (const x of a.members) for (const y of b.members) if (!compatible(x.f, y.f)) return false;
    const [big, small] = a.members.length >= b.members.length ? [a, b] : [b, a];
    for (const r of small.members) {
      r.cluster = big;
      big.members.push(r);
    }
    for (const d of small.dirs) big.dirs.add(d);
    big.first = Math.min(big.first, small.first);
    big.blended = undefined;
    clusters.delete(small);
    return true;
  }

  function insert(service: Service): void {
    const existing = recs.get(service.key);
    if (existing) {
      // The same record again (a page re-read): take the newer copy, keep its place.
      existing.service = service;
      existing.cluster.blended = undefined;
      return;
    }
    const f = features(service);
    const cluster: Cluster = { members: [], dirs: new Set([f.dir]), first: seq };
    const rec: Rec = { service, seq: seq++, f, cluster, seen: -1 };
    cluster.members.push(rec);
    clusters.add(cluster);
    recs.set(service.key, rec);

    const keys = Blocks.textKeys(f);
    blocks.candidates(rec, keys, (other) => {
      if (other.cluster === rec.cluster || other.cluster.dirs.has(f.dir)) return;
      if (sameService(f, other.f)) join(rec.cluster, other.cluster);
    });
    blocks.add(rec, keys);
  }

  return {
    add(services) {
      for (const s of services) insert(s);
      list = undefined;
    },
    remove(directoryId) {
      const keep = [...recs.values()]
        .filter((r) => r.service.directory.id !== directoryId)
        .sort((a, b) => a.seq - b.seq)
        .map((r) => r.service);
      if (keep.length === recs.size) return;
      seq = 0;
      recs = new Map();
      blocks = new Blocks();
      clusters = new Set();
      for (const s of keep) insert(s);
      list = undefined;
    },
    services() {
      if (!list) {
        list = [...clusters]
          .sort((a, b) => a.first - b.first)
          .map((c) => (c.blended ??= blendRecords(c.members.sort((a, b) => a.seq - b.seq).map((r) => r.service))));
      }
      return list;
    },
    get merged() {
      return recs.size - clusters.size;
    },
  };
}
