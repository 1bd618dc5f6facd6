/**
 * Deciding that two records describe the same real-world service, and
 * blending them. Only strong evidence counts (see `sameService`); two
 * records from one directory are never the same.
 */
import type { BlendedService, Location, Service, Term } from '../model/index.js';
import { haversineKm } from './geo.js';
import { compileRule, localParts, ruleDays, weekdayOf } from './schedule.js';
import { dayTimeWordsIn, nameTokens, nameWords, normalise, tokensSimilarity, wordOverlap } from './text.js';

/**
 * A record's fields in one fixed shape, read once. Directories' records
 * come in hundreds of shapes (each states different fields), which makes a
 * named read such as `s.url` a slow megamorphic lookup in V8 (about 90 ns
 * on this machine); a for-in over the record is fast on any shape, and
 * reads of this class then are too: `blendRecords` over the bench's
 * 10,000 records took a third less time with it (55 → 36 ms in Node).
 */
export class Fields {
  service: Service;
  // Read in the loop below with the rest: a named read of a record is slow (see above).
  key: Service['key'] = undefined!;
  id: Service['id'] = undefined!;
  directory: Service['directory'] = undefined!;
  name: Service['name'] = undefined!;
  description: Service['description'] = undefined;
  descriptionHtml: Service['descriptionHtml'] = undefined;
  url: Service['url'] = undefined;
  email: Service['email'] = undefined;
  phones: Service['phones'] = undefined;
  contacts: Service['contacts'] = undefined;
  organisation: Service['organisation'] = undefined;
  status: Service['status'] = undefined;
  access: Service['access'] = undefined;
  accessNote: Service['accessNote'] = undefined;
  attendance: Service['attendance'] = undefined;
  ages: Service['ages'] = undefined;
  eligibility: Service['eligibility'] = undefined;
  categories: Service['categories'] = undefined;
  locations: Service['locations'] = undefined;
  schedules: Service['schedules'] = undefined;
  closures: Service['closures'] = undefined;
  sessions: Service['sessions'] = undefined;
  cost: Service['cost'] = undefined;
  languages: Service['languages'] = undefined;
  serviceAreas: Service['serviceAreas'] = undefined;
  assuredDate: Service['assuredDate'] = undefined;
  lastModified: Service['lastModified'] = undefined;

  constructor(s: Service) {
    this.service = s;
    for (const k in s) {
      const v = (s as unknown as Record<string, never>)[k];
      switch (k) {
        case 'key':
          this.key = v;
          break;
        case 'id':
          this.id = v;
          break;
        case 'directory':
          this.directory = v;
          break;
        case 'name':
          this.name = v;
          break;
        case 'description':
          this.description = v;
          break;
        case 'descriptionHtml':
          this.descriptionHtml = v;
          break;
        case 'url':
          this.url = v;
          break;
        case 'email':
          this.email = v;
          break;
        case 'phones':
          this.phones = v;
          break;
        case 'contacts':
          this.contacts = v;
          break;
        case 'organisation':
          this.organisation = v;
          break;
        case 'status':
          this.status = v;
          break;
        case 'access':
          this.access = v;
          break;
        case 'accessNote':
          this.accessNote = v;
          break;
        case 'attendance':
          this.attendance = v;
          break;
        case 'ages':
          this.ages = v;
          break;
        case 'eligibility':
          this.eligibility = v;
          break;
        case 'categories':
          this.categories = v;
          break;
        case 'locations':
          this.locations = v;
          break;
        case 'schedules':
          this.schedules = v;
          break;
        case 'closures':
          this.closures = v;
          break;
        case 'sessions':
          this.sessions = v;
          break;
        case 'cost':
          this.cost = v;
          break;
        case 'languages':
          this.languages = v;
          break;
        case 'serviceAreas':
          this.serviceAreas = v;
          break;
        case 'assuredDate':
          this.assuredDate = v;
          break;
        case 'lastModified':
          this.lastModified = v;
          break;
      }
    }
  }
}

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
}

function readName(name: string): Name {
  const n = normalise(name);
  const tokens = nameWords(n);
  const key = tokens.join('');
  return { tokens, key, mask: wordMask(tokens), keyHash: hash(key), dayWords: dayTimeWordsIn(n) };
}

interface Timing {
  /** Weekday bitmask of readable schedules and sessions; 0 when unknown. */
  days: number;
  /** Weekly start times (weekday * 1440 + minutes). */
  starts: number[];
}

function when(f: Features): Timing {
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

const URL_PARTS = /^\s*https?:\/\/(?:[^@/?#\s]*@)?([^/?#:\s]+)(?::\d+)?([^?#\s]*)(\?[^#\s]*)?/i;

/**
 * "https://www.Example.org/a/b/?utm_source=x#top" → { key: "example.org/a/b", hasPath: true }.
 * A regular expression rather than `new URL()`: this runs for every record.
 */
export function normaliseUrl(url: string | undefined): { key: string; hasPath: boolean } | undefined {
  const m = url ? URL_PARTS.exec(url) : null;
  if (!m) return undefined;
  let host = m[1].toLowerCase();
  if (host.startsWith('www.')) host = host.slice(4);
  let path = m[2];
  if (path.includes('%')) {
    try {
      path = decodeURIComponent(path);
    } catch {
      // keep it encoded
    }
  }
  path = path
    .toLowerCase()
    .replace(/\/(index\.(html?|php))?$/, '')
    .replace(/\/+$/, '');
  const search = m[3]
    ? m[3]
        .slice(1)
        .split('&')
        .filter((p) => p && !/^(utm_|fbclid|gclid)/i.test(p))
        .join('&')
    : '';
  return { key: host + path + (search ? `?${search}` : ''), hasPath: path !== '' || search !== '' };
}

/** Digits only, +44 → 0; undefined for short numbers (111, 999) that say nothing about identity. */
export function normalisePhone(number: string | undefined): string | undefined {
  if (!number) return undefined;
  const text = number.includes('(0)') ? number.replace('(0)', '') : number;
  let d = text.replace(/\D+/g, '');
  if (d.startsWith('0044')) d = '0' + d.slice(4);
  else if (d.startsWith('44') && d.length === 12) d = '0' + d.slice(2);
  return d.length >= 10 ? d : undefined;
}

export function normalisePostcode(postcode: string | undefined): string | undefined {
  const p = postcode?.toUpperCase().replace(/\s/g, '');
  return p && /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(p) ? p : undefined;
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
    const strong = id.length >= 32 && /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(id);
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

// Loops rather than closures, from here on: these run for every pair of records compared.

const sameId = (a: Features, b: Features) => a.id === b.id || a.id.trim() === b.id.trim();

function shares(a: string[], b: string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/** Whether a point of `a` is within `km` of a point of `b`. */
function within(a: Features['points'], b: Features['points'], km: number): boolean {
  for (const p of a) for (const q of b) if (haversineKm(p, q) <= km) return true;
  return false;
}

const sameItems = <T>(a: T[], b: T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Whether two readings of one record give dedup the same evidence (a page read again is usually unchanged).
 * The schedules, read last, are read only when everything else is the same.
 */
export function sameEvidence(a: Features, b: Features): boolean {
  return (
    sameId(a, b) &&
    a.strongId === b.strongId &&
    a.urlNorm === b.urlNorm &&
    a.urlKey === b.urlKey &&
    a.words.dayWords === b.words.dayWords &&
    sameItems(a.words.tokens, b.words.tokens) &&
    sameItems(a.emails, b.emails) &&
    sameItems(a.numbers, b.numbers) &&
    sameItems(a.postcodes, b.postcodes) &&
    a.points.length === b.points.length &&
    a.points.every((p, i) => p.lat === b.points[i].lat && p.lng === b.points[i].lng) &&
    sameTiming(when(a), when(b))
  );
}

const sameTiming = (x: Timing, y: Timing) => x.days === y.days && sameItems(x.starts, y.starts);

/**
 * Two sessions at one venue: different day/time words in the name, or
 * schedules on different weekdays, or no weekday on which both start within
 * 15 minutes of each other (10:00 and 09:00 are two sessions).
 */
export function differentSessions(a: Features, b: Features): boolean {
  if (a.words.dayWords !== b.words.dayWords) return true;
  const x = when(a);
  const y = when(b);
  if (x.days && y.days && (x.days & y.days) === 0) return true;
  if (!x.starts.length || !y.starts.length) return false;
  for (const p of x.starts) for (const q of y.starts) if (Math.abs(p - q) <= 15) return false;
  return true;
}

/**
 * Both state where they are and no place is shared (no common postcode,
 * nothing within 200 m): one organisation running the same thing at two
 * venues, often under one url and phone.
 */
export function differentPlaces(a: Features, b: Features): boolean {
  if (shares(a.postcodes, b.postcodes) || within(a.points, b.points, 0.2)) return false;
  return (a.postcodes.length > 0 && b.postcodes.length > 0) || (a.points.length > 0 && b.points.length > 0);
}

function nearby(a: Features, b: Features): boolean {
  return shares(a.postcodes, b.postcodes) || within(a.points, b.points, 0.1);
}

/**
 * Evidence against, for the weaker rules: both state phones and share none,
 * or both link to a page of their own (a url with a path) and the pages differ.
 */
function disagree(a: Features, b: Features): boolean {
  if (a.numbers.length > 0 && b.numbers.length > 0 && !shares(a.numbers, b.numbers)) return true;
  return a.urlHasPath && b.urlHasPath && a.urlNorm !== b.urlNorm;
}

/**
 * Whether two records may sit in one blended service at all: not from one
 * directory, not two sessions or two venues, and names alike unless a
 * distinctive id or a url with a path ties them.
 */
export function compatible(a: Features, b: Features): boolean {
  if (a.dir === b.dir) return false;
  if (a.strongId && a.strongId === b.strongId) return true;
  const samePage = a.urlHasPath && a.urlNorm === b.urlNorm;
  if (!samePage && !mayBeAlike(a.words, b.words)) return false;
  const sim = similarity(a, b);
  if (sim < 0.8 && !(samePage && sim >= 0.25)) return false;
  // Places first: they are read already, sessions are read on first need.
  return !differentPlaces(a, b) && !differentSessions(a, b);
}

function similarity(a: Features, b: Features): number {
  return a.words.key === b.words.key ? 1 : wordOverlap(a.words.tokens, b.words.tokens);
}

/**
 * Quick test that names could reach 0.8 (one name's words all in the
 * other's, or the same letters), before the exact comparison. A word spelled
 * one letter differently ("Macmillan"/"McMillan") has a bit of its own, so
 * one bit of difference is let through.
 */
export function mayBeAlike(a: Name, b: Name): boolean {
  const x = a.mask & ~b.mask;
  const y = b.mask & ~a.mask;
  return (x & (x - 1)) === 0 || (y & (y - 1)) === 0 || a.keyHash === b.keyHash;
}

/**
 * Strong evidence only: same distinctive id; same url with a path (or a
 * bare homepage plus a very similar name); same email or phone plus a very
 * similar name; or a very similar name at the same postcode or within
 * 100 m. Never two records of one directory, never two different sessions,
 * never the same activity at two different venues.
 */
export function sameService(a: Features, b: Features): boolean {
  if (!compatible(a, b)) return false;
  if ((a.strongId && a.strongId === b.strongId) || (a.urlHasPath && a.urlNorm === b.urlNorm)) return true;
  if (disagree(a, b)) return false;
  if (sameId(a, b) || (a.urlNorm && a.urlNorm === b.urlNorm)) return true;
  return shares(a.numbers, b.numbers) || shares(a.emails, b.emails) || nearby(a, b);
}

// ---------- blending ----------

const dateValue = (s: Fields) => Date.parse(s.assuredDate ?? '') || Date.parse(s.lastModified ?? '') || 0;

/**
 * The union of one list field over the records, first seen wins, without
 * duplicates by `key`. A field only one record states is returned as is.
 */
function unionBy<T>(
  records: Fields[],
  get: (s: Fields) => T[] | undefined,
  key: (x: T) => string,
  eq: (a: T, b: T) => boolean = () => false,
): T[] | undefined {
  let only: T[] | undefined;
  let many = false;
  for (const r of records) {
    const l = get(r);
    if (!l?.length) continue;
    if (!only) only = l;
    else if (!sameList(l, only, eq)) many = true;
  }
  if (!many) return only;
  const seen = new Set<string>();
  const out: T[] = [];
  for (const r of records) {
    for (const x of get(r) ?? []) {
      const k = key(x);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(x);
      }
    }
  }
  return out;
}

/** The same items in the same order by `eq` (the common case: two directories' copies of one record). */
function sameList<T>(a: T[], b: T[], eq: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !eq(a[i], b[i])) return false;
  return true;
}

const sameText = (a: string, b: string) => a === b;
const sameName = (a: { name: string }, b: { name: string }) => a.name === b.name;
const sameNumber = (a: { number: string }, b: { number: string }) => a.number === b.number;

const termKey = (t: Term) => normalise(t.name).trim();

/**
 * One venue: within 50 m, or the same postcode and alike names. Postcodes and
 * names are only read when the coordinates do not settle it (copies of one
 * record usually carry the same coordinates).
 */
function samePlace(x: Location, y: Location): boolean {
  if (typeof x.lat === 'number' && typeof y.lat === 'number' && typeof x.lng === 'number' && typeof y.lng === 'number') {
    if (haversineKm({ lat: x.lat, lng: x.lng }, { lat: y.lat, lng: y.lng }) <= 0.05) return true;
  }
  const postcode = normalisePostcode(x.address?.postcode);
  if (!postcode || postcode !== normalisePostcode(y.address?.postcode)) return false;
  const a = nameTokens(x.name ?? x.address?.street ?? '');
  const b = nameTokens(y.name ?? y.address?.street ?? '');
  return !a.length || !b.length || tokensSimilarity(a, b) >= 0.5;
}

/** How many fields an object states (absent fields are never written as undefined). */
function richness(x: object | undefined): number {
  if (!x) return -1;
  let n = 0;
  for (const _ in x) n++; // counts without making an array of the keys
  return n;
}

const sameCopy = (o: Location, loc: Location) =>
  o.lat === loc.lat &&
  o.lng === loc.lng &&
  o.name === loc.name &&
  o.address?.postcode === loc.address?.postcode &&
  o.address?.street === loc.address?.street;

/** `list.findIndex((o) => same(o, x))` without a closure per item looked up. */
function indexOf<T>(list: T[], x: T, same: (o: T, x: T) => boolean): number {
  for (let i = 0; i < list.length; i++) if (same(list[i], x)) return i;
  return -1;
}

function mergeLocations(records: Fields[]): Location[] | undefined {
  let only: Location[] | undefined;
  let many = false;
  for (const r of records) {
    if (!r.locations?.length) continue;
    if (only) many = true;
    else only = r.locations;
  }
  if (!many) return only;
  const out: Location[] = [];
  for (const r of records) {
    for (const loc of r.locations ?? []) {
      // The same venue copied field for field (the usual case) needs no closer look.
      const twin = indexOf(out, loc, sameCopy);
      if (twin >= 0) {
        if (richness(loc) > richness(out[twin])) out[twin] = loc;
        continue;
      }
      const i = indexOf(out, loc, samePlace);
      if (i < 0) {
        out.push(loc);
        continue;
      }
      const [rich, poor] = richness(loc) > richness(out[i]) ? [loc, out[i]] : [out[i], loc];
      const merged: Location = { ...poor, ...rich };
      const address = rich.address ?? poor.address;
      if (address) merged.address = address;
      if (rich.lat === undefined && poor.lat !== undefined) {
        merged.lat = poor.lat;
        merged.lng = poor.lng;
      }
      const notes = [...(rich.accessibility ?? [])];
      for (const n of poor.accessibility ?? []) if (!notes.some((m) => normalise(m) === normalise(n))) notes.push(n);
      if (notes.length) merged.accessibility = notes;
      out[i] = merged;
    }
  }
  return out;
}

/** How much of a record's schedule can be read as dates (rules with a frequency or weekdays count most). */
function readable(s: Fields): number {
  let n = 0;
  for (const x of s.schedules ?? []) n += x.freq || x.byday?.length ? 10 : 1;
  return n;
}

// Comparisons and keys, hoisted so that blending allocates no closures per service.
const laterTime = (a: string, b: string) =>
  a.length === b.length && a.endsWith('Z') && b.endsWith('Z') ? a > b : Date.parse(a) > Date.parse(b);
const costDetail = (c: NonNullable<Service['cost']>) => (c.options?.length ?? 0) + (c.text ? 1 : 0);
/** A number's digits when it can be read as a phone number (`digits`), else as written without spaces. */
const keyOfPhone = (number: string, digits: string | undefined) => digits ?? number.replace(/\s/g, '');
const phoneKey = (p: { number: string }) => keyOfPhone(p.number, normalisePhone(p.number));
const contactKey = (c: NonNullable<Service['contacts']>[number]) =>
  normalise(`${c.name ?? ''}|${c.email ?? ''}|${(c.phones ?? []).map(phoneKey).join()}`);
const closureKey = (c: NonNullable<Service['closures']>[number]) => `${c.startDate}|${c.endDate}|${c.closed}`;
const sessionKey = (x: NonNullable<Service['sessions']>[number]) => `${Date.parse(x.start)}|${x.locationId ?? ''}`;
const G = {
  phones: (r: Fields) => r.phones,
  contacts: (r: Fields) => r.contacts,
  access: (r: Fields) => r.access,
  attendance: (r: Fields) => r.attendance,
  languages: (r: Fields) => r.languages,
  serviceAreas: (r: Fields) => r.serviceAreas,
  eligibility: (r: Fields) => r.eligibility,
  categories: (r: Fields) => r.categories,
  closures: (r: Fields) => r.closures,
  sessions: (r: Fields) => r.sessions,
};

/**
 * One blended service from records of the same service (in arrival order):
 * identity from the first; for each field the richer value (longer text,
 * stated beats not stated, lists unioned without duplicates); the newest
 * assured and modified dates.
 */
export function blendRecords(services: Service[]): BlendedService {
  return blendFields(services.map((s) => new Fields(s)));
}

/** `blendRecords` of records read already (a blender's, with its memo). */
export function blendFields(records: Fields[], seen?: Memo): BlendedService {
  const f = records[0];
  const first = f.service;
  if (records.length === 1) return { ...first, sources: [{ key: f.key, directory: f.directory }] };
  const sources = records.map((r) => ({ key: r.key, directory: r.directory }));
  const out: BlendedService = { ...first, sources };
  // Only fields that end up stated are written (never `undefined`), so "absent = not stated" holds,
  // and only where they differ from the first record's, compared on its `Fields`: `out` has the
  // first record's shape, one of hundreds, and a named write to it is as slow as a read (see `Fields`).
  // One pass for the fields where one record's value wins: the first stated, or the richer (ties to the earlier).
  let describer: Fields | undefined;
  let scheduler: Fields | undefined;
  let url: string | undefined;
  let email: string | undefined;
  let accessNote: string | undefined;
  let organisation: Service['organisation'];
  let ages: Service['ages'];
  let cost: Service['cost'];
  let assuredDate: string | undefined;
  let lastModified: string | undefined;
  for (const r of records) {
    if (r.description && (!describer || r.description.length > describer.description!.length)) describer = r;
    if (r.schedules?.length && (!scheduler || readable(r) > readable(scheduler))) scheduler = r;
    if (url === undefined) url = r.url;
    if (email === undefined) email = r.email;
    if (r.accessNote !== undefined && (accessNote === undefined || r.accessNote.length > accessNote.length)) accessNote = r.accessNote;
    if (r.organisation && (!organisation || richness(r.organisation) > richness(organisation))) organisation = r.organisation;
    const a = r.ages;
    if (a && (a.min !== undefined || a.max !== undefined) && (!ages || richness(a) > richness(ages))) ages = a;
    if (r.cost && (!cost || costDetail(r.cost) > costDetail(cost))) cost = r.cost;
    if (r.assuredDate !== undefined && (assuredDate === undefined || r.assuredDate > assuredDate)) assuredDate = r.assuredDate;
    if (r.lastModified !== undefined && (lastModified === undefined || laterTime(r.lastModified, lastModified)))
      lastModified = r.lastModified;
  }
  if (describer && describer !== records[0]) {
    out.description = describer.description;
    if (describer.descriptionHtml) out.descriptionHtml = describer.descriptionHtml;
    else if (f.descriptionHtml) delete out.descriptionHtml; // the HTML of a shorter text would disagree
  }
  if (url && url !== f.url) out.url = url;
  if (email && email !== f.email) out.email = email;
  if (accessNote && accessNote !== f.accessNote) out.accessNote = accessNote;
  if (organisation && organisation !== f.organisation) out.organisation = organisation;
  if (ages && ages !== f.ages) out.ages = ages;
  if (cost && cost !== f.cost) out.cost = cost;
  if (scheduler && scheduler.schedules !== f.schedules) out.schedules = scheduler.schedules;
  let status = f.status;
  for (const r of records) {
    if (!r.status || r.status === status) continue;
    if (status) {
      // Directories disagree: believe the one checked most recently.
      status = [...records].sort((a, b) => dateValue(b) - dateValue(a)).find((x) => x.status)?.status;
      break;
    }
    status = r.status;
  }
  if (status && status !== f.status) out.status = status;
  if (assuredDate && assuredDate !== f.assuredDate) out.assuredDate = assuredDate;
  if (lastModified && lastModified !== f.lastModified) out.lastModified = lastModified;
  const phones = unionBy(records, G.phones, seen?.phoneKey ?? phoneKey, sameNumber);
  if (phones && phones !== f.phones) out.phones = phones;
  const contacts = unionBy(records, G.contacts, contactKey);
  if (contacts && contacts !== f.contacts) out.contacts = contacts;
  const access = unionBy(records, G.access, String, sameText);
  if (access && access !== f.access) out.access = access;
  const attendance = unionBy(records, G.attendance, String, sameText);
  if (attendance && attendance !== f.attendance) out.attendance = attendance;
  const languages = unionBy(records, G.languages, normalise, sameText);
  if (languages && languages !== f.languages) out.languages = languages;
  const serviceAreas = unionBy(records, G.serviceAreas, normalise, sameText);
  if (serviceAreas && serviceAreas !== f.serviceAreas) out.serviceAreas = serviceAreas;
  const eligibility = unionBy(records, G.eligibility, termKey, sameName);
  if (eligibility && eligibility !== f.eligibility) out.eligibility = eligibility;
  const categories = unionBy(records, G.categories, termKey, sameName);
  if (categories && categories !== f.categories) out.categories = categories;
  const locations = mergeLocations(records);
  if (locations && locations !== f.locations) out.locations = locations;
  const closures = unionBy(records, G.closures, closureKey);
  if (closures && closures !== f.closures) out.closures = closures;
  const sessions = unionBy(records, G.sessions, sessionKey);
  if (sessions && sessions !== f.sessions) out.sessions = sessions;
  return out;
}
