/**
 * What dedup compares of a record (`Features`), read once: its name's words
 * (`Name`), normalised keys, places and, on first need, its weekly timing.
 * A blender reads each name, url, phone number and postcode as written once
 * for all its records (`Memo`).
 */
import type { Service } from '../../model/index.js';
import { compileRule, localParts, ruleDays, weekdayOf } from '../schedule.js';
import { dayTimeWordsIn, nameWords, normalise } from '../text.js';
import { Fields } from './fields.js';
import { keyOfPhone, normalisePhone, normalisePostcode, normaliseUrl } from './keys.js';
import { DISTINCTIVE_ID_LENGTH } from './thresholds.js';

/** What dedup reads from a name: computed once per distinct name (see `Features`). */
export interface Name {
  /** The name's words (see `nameWords`). */
  tokens: string[];
  /** The words run together ("foodbank" for "Food Bank"). */
  key: string;
  /** 32-bit signature of the words, for a quick "cannot be alike" test (see `mayBeAlike`). */
  mask: number;
  /** 32-bit hash of `key`: equal whenever the keys are. */
  keyHash: number;
  /** Its day and time words (see `dayTimeWordsIn`). */
  dayWords: string;
  /** Keys to file a record under by its name where a blocking key is shared by many: see `blockKeys`. */
  blockKeys: number[] | undefined;
}

function readName(name: string): Name {
  const n = normalise(name);
  const tokens = nameWords(n);
  const key = tokens.join('');
  return { tokens, key, mask: wordMask(tokens), keyHash: hash(key), dayWords: dayTimeWordsIn(n), blockKeys: undefined };
}

/**
 * A name's words, and the whole name, as small integers (doubled letters folded, as `mayBeAlike`
 * does): two names alike enough to be one service share one of them, unless a word is spelled
 * differently and is their only one. Read on first need (only where a blocking key is crowded).
 */
export function blockKeys(name: Name): number[] {
  if (name.blockKeys) return name.blockKeys;
  const keys: number[] = [];
  for (const t of name.tokens) addOnce(keys, hash(t, true) & SMALL);
  if (name.tokens.length > 1) addOnce(keys, hash(name.key, true) & SMALL);
  return (name.blockKeys = keys);
}

/** 30 bits: a small integer even where V8 compresses pointers, hashed fastest as a `Map` key. */
const SMALL = 0x3fffffff;

export interface Timing {
  /** Weekday bitmask of readable schedules and sessions; 0 when unknown. */
  days: number;
  /** Weekly start times (weekday * 1440 + minutes). */
  starts: number[];
}

/** A record's weekly timing, read on first need and kept on its features. */
export function when(f: Features): Timing {
  if (f.timing) return f.timing;
  let starts: number[] | undefined;
  let days = 0;
  // Rules compiled here without the shared cache: each raw record is looked at once.
  for (const schedule of f.schedules ?? []) {
    const r = compileRule(schedule);
    if (!r) continue;
    const bits = ruleDays(r);
    days |= bits;
    if (r.opens === undefined) continue;
    for (let wd = 0; wd < 7; wd++) if (bits & (1 << wd)) starts = addOnce(starts, wd * 1440 + r.opens);
  }
  // Dated sessions: their weekdays count as the schedule too.
  for (const x of f.sessions ?? []) {
    const start = new Date(x.start);
    if (!x.cancelled && !Number.isNaN(+start)) days |= 1 << weekdayOf(localParts(start).day);
  }
  return (f.timing = { days, starts: starts ?? NONE });
}

/** A string's 32-bit hash; `fold` skips doubled letters ("counselling" and "counseling" hash alike). */
function hash(t: string, fold = false): number {
  let h = 0;
  let prev = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c !== prev || !fold) h = (Math.imul(h, 31) + c) | 0;
    prev = c;
  }
  return h;
}

/** One bit per word (doubled letters folded). */
function wordMask(tokens: string[]): number {
  let mask = 0;
  for (const t of tokens) mask |= 1 << (hash(t, true) & 31);
  return mask;
}

/** Appends `x` unless undefined or already listed; the list is made on the first item (most fields have none). */
function addOnce<T>(list: T[] | undefined, x: T | undefined): T[] | undefined {
  if (x === undefined) return list;
  if (!list) return [x];
  if (!list.includes(x)) list.push(x);
  return list;
}

/** Shared by every record that states none of a list (never written to). */
const NONE: never[] = [];

/**
 * Names, urls, phone numbers and postcodes as written, each read once: one service in
 * several directories usually repeats them (a blender keeps one `Memo` for
 * all its records: a quarter less time reading 10,000 records in bench/run.ts).
 */
export interface Memo {
  names: Map<string, Name>;
  urls: Map<string, ReturnType<typeof normaliseUrl>>;
  phones: Map<string, string | undefined>;
  postcodes: Map<string, string | undefined>;
  /** `phoneKey` with the numbers normalised through `phones` (read already for every record). */
  phoneKey: (p: { number: string }) => string;
}

export function memo(): Memo {
  const phones = new Map<string, string | undefined>();
  return {
    names: new Map(),
    urls: new Map(),
    phones,
    postcodes: new Map(),
    phoneKey: (p) => keyOfPhone(p.number, once(phones, p.number, normalisePhone)),
  };
}

/** `read(key)`, from `cache` when it was read before. */
function once<V>(cache: Map<string, V> | undefined, key: string, read: (key: string) => V): V {
  if (!cache) return read(key);
  let v = cache.get(key);
  if (v === undefined && !cache.has(key)) cache.set(key, (v = read(key)));
  return v as V;
}

/**
 * What dedup compares of a record, read once, beside its fields (one object: a blender keeps
 * 10,000 of them and reads both). The schedule part is read only when needed (see `when`).
 */
export class Features extends Fields {
  dir: string;
  /** Set when the id is distinctive enough (a UUID) to match on its own. */
  strongId: string | undefined;
  /** The url normalised (see `normaliseUrl`). */
  urlNorm: string | undefined;
  urlHasPath: boolean;
  /**
   * Blocking key from the url: a page of its own is a key by itself; a bare
   * homepage, shared by an organisation's many services, only with the name.
   */
  urlKey: string | undefined;
  emails: string[];
  /** Phone numbers normalised (see `normalisePhone`). */
  numbers: string[];
  postcodes: string[];
  points: Array<{ lat: number; lng: number }>;
  words: Name;
  /** Weekdays and weekly start times: see `when`. */
  timing: Timing | undefined = undefined;

  constructor(service: Service, seen?: Memo) {
    super(service);
    const url = this.url ? once(seen?.urls, this.url, normaliseUrl) : undefined;
    let emails: string[] | undefined;
    let numbers: string[] | undefined;
    if (this.email) emails = addOnce(emails, this.email.trim().toLowerCase());
    if (this.phones) for (const p of this.phones) numbers = addOnce(numbers, once(seen?.phones, p.number, normalisePhone));
    if (this.contacts) {
      for (const c of this.contacts) {
        if (c.email) emails = addOnce(emails, c.email.trim().toLowerCase());
        if (c.phones) for (const p of c.phones) numbers = addOnce(numbers, once(seen?.phones, p.number, normalisePhone));
      }
    }
    let postcodes: string[] | undefined;
    let points: Features['points'] | undefined;
    if (this.locations) {
      for (const l of this.locations) {
        if (l.address?.postcode) postcodes = addOnce(postcodes, once(seen?.postcodes, l.address.postcode, normalisePostcode));
        // The location itself serves as the point (lat and lng are what is read).
        if (typeof l.lat === 'number' && typeof l.lng === 'number') points = addOnce(points, l as { lat: number; lng: number });
      }
    }
    const name = once(seen?.names, this.name, readName);
    const id = this.id.trim();
    // Only a UUID is distinctive on its own: "123" or "service-0042" recur across directories.
    const strong = id.length >= DISTINCTIVE_ID_LENGTH && /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(id);
    this.dir = this.directory.id;
    this.strongId = strong ? id.toLowerCase() : undefined;
    this.urlNorm = url?.key;
    this.urlHasPath = url?.hasPath ?? false;
    this.urlKey = url ? (url.hasPath ? url.key : `${url.key}|${name.key}`) : undefined;
    this.emails = emails ?? NONE;
    this.numbers = numbers ?? NONE;
    this.postcodes = postcodes ?? NONE;
    this.points = points ?? NONE;
    this.words = name;
  }
}
