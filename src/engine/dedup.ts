/**
 * Deciding that two records describe the same real-world service, and
 * blending them. Only strong evidence counts (see `sameService`); two
 * records from one directory are never the same.
 */
import type { BlendedService, Location, Service, Term } from '../model/index.js';
import { haversineKm } from './geo.js';
import { compileService, localParts, weekdayOf } from './schedule.js';
import { dayTimeWords, nameTokens, normalise, tokensSimilarity, wordOverlap } from './text.js';

/** What dedup compares, computed once per record (the schedule part only when needed). */
export interface Features {
  service: Service;
  dir: string;
  id: string;
  /** Set when the id is distinctive enough (UUID-like or long) to match on its own. */
  strongId?: string;
  url?: string;
  urlHasPath: boolean;
  emails: string[];
  phones: string[];
  postcodes: string[];
  points: Array<{ lat: number; lng: number }>;
  nameTokens: string[];
  /** The name's words run together ("foodbank" for "Food Bank"). */
  nameKey: string;
  /** 32-bit signature of the name's words, for a quick "cannot be alike" test. */
  nameMask: number;
  /** Day/time words of the name, weekdays and weekly start times: see `when`. */
  timing?: Timing;
}

interface Timing {
  dayWords: string;
  /** Weekday bitmask of readable schedules and sessions; 0 when unknown. */
  days: number;
  /** Weekly start times (weekday * 1440 + minutes). */
  starts: number[];
}

function when(f: Features): Timing {
  if (f.timing) return f.timing;
  const c = compileService(f.service);
  const starts: number[] = [];
  let days = 0;
  for (const r of c.rules) {
    let bits = r.dayMask;
    for (const n of r.nth) bits |= 1 << n.wd;
    if (r.monthDays.length || r.freq === 'YEARLY' || (r.freq === 'DAILY' && !bits)) bits = 0x7f;
    days |= bits;
    if (r.opens === undefined) continue;
    for (let wd = 0; wd < 7; wd++) if (bits & (1 << wd)) starts.push(wd * 1440 + r.opens);
  }
  // Dated sessions: their weekdays count as the schedule too.
  for (const x of c.sessions) days |= 1 << weekdayOf(localParts(x.start).day);
  return (f.timing = { dayWords: dayTimeWords(f.service.name), days, starts });
}

/** "https://www.Example.org/a/b/?utm_source=x#top" → { key: "example.org/a/b", hasPath: true }. */
export function normaliseUrl(url: string | undefined): { key: string; hasPath: boolean } | undefined {
  if (!url) return undefined;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return undefined;
  }
  for (const name of [...u.searchParams.keys()]) if (/^(utm_|fbclid|gclid)/i.test(name)) u.searchParams.delete(name);
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const path = decodeURIComponent(u.pathname).toLowerCase().replace(/\/(index\.(html?|php))?$/, '').replace(/\/+$/, '');
  const search = u.searchParams.toString();
  return { key: host + path + (search ? `?${search}` : ''), hasPath: path !== '' || search !== '' };
}

/** Digits only, +44 → 0; undefined for short numbers (111, 999) that say nothing about identity. */
export function normalisePhone(number: string | undefined): string | undefined {
  if (!number) return undefined;
  let d = (number.includes('(0)') ? number.replace(/\(0\)/g, '') : number).replace(/\D/g, '');
  if (d.startsWith('0044')) d = '0' + d.slice(4);
  else if (d.startsWith('44') && d.length === 12) d = '0' + d.slice(2);
  return d.length >= 10 ? d : undefined;
}

export function normalisePostcode(postcode: string | undefined): string | undefined {
  const p = postcode?.toUpperCase().replace(/\s/g, '');
  return p && /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(p) ? p : undefined;
}

/** One bit per word (doubled letters folded, so "counselling" and "counseling" share a bit). */
function wordMask(tokens: string[]): number {
  let mask = 0;
  for (const t of tokens) {
    let h = 0;
    let prev = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c !== prev) h = (Math.imul(h, 31) + c) | 0;
      prev = c;
    }
    mask |= 1 << (h & 31);
  }
  return mask;
}

function addOnce<T>(list: T[], x: T | undefined): void {
  if (x !== undefined && !list.includes(x)) list.push(x);
}

export function features(s: Service): Features {
  const url = normaliseUrl(s.url);
  const emails: string[] = [];
  const phones: string[] = [];
  if (s.email) addOnce(emails, s.email.trim().toLowerCase());
  for (const p of s.phones ?? []) addOnce(phones, normalisePhone(p.number));
  for (const c of s.contacts ?? []) {
    if (c.email) addOnce(emails, c.email.trim().toLowerCase());
    for (const p of c.phones ?? []) addOnce(phones, normalisePhone(p.number));
  }
  const postcodes: string[] = [];
  const points: Features['points'] = [];
  for (const l of s.locations ?? []) {
    addOnce(postcodes, normalisePostcode(l.address?.postcode));
    if (typeof l.lat === 'number' && typeof l.lng === 'number') points.push({ lat: l.lat, lng: l.lng });
  }
  const tokens = nameTokens(s.name);
  const id = s.id.trim();
  const strong = id.length >= 16 || /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(id);
  return {
    service: s,
    dir: s.directory.id,
    id,
    strongId: strong ? id.toLowerCase() : undefined,
    url: url?.key,
    urlHasPath: url?.hasPath ?? false,
    emails,
    phones,
    postcodes,
    points,
    nameTokens: tokens,
    nameKey: tokens.join(''),
    nameMask: wordMask(tokens),
  };
}

const shares = (a: string[], b: string[]) => a.some((x) => b.includes(x));

/** Two sessions at one venue: different day/time words in the name, or schedules on different days or hours. */
export function differentSessions(a: Features, b: Features): boolean {
  const x = when(a);
  const y = when(b);
  if (x.dayWords !== y.dayWords) return true;
  if (x.days && y.days && (x.days & y.days) === 0) return true;
  if (x.starts.length && y.starts.length) {
    return !x.starts.some((p) => y.starts.some((q) => Math.abs(p - q) <= 60));
  }
  return false;
}

/**
 * Both state where they are and no place is shared (no common postcode,
 * nothing within 200 m): one organisation running the same thing at two
 * venues, often under one url and phone.
 */
export function differentPlaces(a: Features, b: Features): boolean {
  if (shares(a.postcodes, b.postcodes)) return false;
  if (a.points.some((p) => b.points.some((q) => haversineKm(p, q) <= 0.2))) return false;
  return (a.postcodes.length > 0 && b.postcodes.length > 0) || (a.points.length > 0 && b.points.length > 0);
}

function nearby(a: Features, b: Features): boolean {
  if (shares(a.postcodes, b.postcodes)) return true;
  return a.points.some((p) => b.points.some((q) => haversineKm(p, q) <= 0.1));
}

/**
 * Evidence against, for the weaker rules: both state phones and share none,
 * or both link to a page of their own (a url with a path) and the pages differ.
 */
function disagree(a: Features, b: Features): boolean {
  if (a.phones.length > 0 && b.phones.length > 0 && !shares(a.phones, b.phones)) return true;
  return a.urlHasPath && b.urlHasPath && a.url !== b.url;
}

/**
 * Whether two records may sit in one blended service at all: not from one
 * directory, not two sessions or two venues, and names alike unless a
 * distinctive id or a url with a path ties them.
 */
export function compatible(a: Features, b: Features): boolean {
  if (a.dir === b.dir) return false;
  if (a.strongId && a.strongId === b.strongId) return true;
  const samePage = a.urlHasPath && a.url === b.url;
  if (!samePage && !mayBeAlike(a, b)) return false;
  const sim = similarity(a, b);
  if (sim < 0.8 && !(samePage && sim >= 0.25)) return false;
  return !differentSessions(a, b) && !differentPlaces(a, b);
}

function similarity(a: Features, b: Features): number {
  return a.nameKey === b.nameKey ? 1 : wordOverlap(a.nameTokens, b.nameTokens);
}

/**
 * Quick test that names could reach 0.8 (one name's words all in the
 * other's, or the same letters), before the exact comparison.
 */
function mayBeAlike(a: Features, b: Features): boolean {
  return (a.nameMask & ~b.nameMask) === 0 || (b.nameMask & ~a.nameMask) === 0 || a.nameKey === b.nameKey;
}

/**
 * Strong evidence only: same distinctive id; same url with a path (or a
 * bare homepage plus a very similar name); same email or phone plus a very
 * similar name; or a very similar name at the same postcode or within
 * 100 m. Never two records of one directory, never two different sessions,
 * never the same activity at two different venues.
 */
export function sameService(a: Features, b: Features): boolean {
  if (a.dir === b.dir) return false;
  if (a.strongId && a.strongId === b.strongId) return true;
  const samePage = a.urlHasPath && a.url === b.url;
  if (!samePage && !mayBeAlike(a, b)) return false;
  const sim = similarity(a, b);
  if (sim < 0.8 && !(samePage && sim >= 0.25)) return false;
  if (differentSessions(a, b) || differentPlaces(a, b)) return false;
  if (samePage) return true;
  if (disagree(a, b)) return false;
  if (a.id === b.id || (a.url && a.url === b.url)) return true;
  return shares(a.phones, b.phones) || shares(a.emails, b.emails) || nearby(a, b);
}

// ---------- blending ----------

const dateValue = (s: Service) => Date.parse(s.assuredDate ?? '') || Date.parse(s.lastModified ?? '') || 0;

function unionBy<T>(lists: Array<T[] | undefined>, key: (x: T) => string): T[] | undefined {
  if (!lists.some((l) => l?.length)) return undefined;
  const seen = new Map<string, T>();
  for (const l of lists) for (const x of l ?? []) if (!seen.has(key(x))) seen.set(key(x), x);
  return [...seen.values()];
}

const termKey = (t: Term) => normalise(t.name).trim();

function sameLocation(a: Location, b: Location): boolean {
  if (typeof a.lat === 'number' && typeof b.lat === 'number' && typeof a.lng === 'number' && typeof b.lng === 'number') {
    if (haversineKm({ lat: a.lat, lng: a.lng }, { lat: b.lat, lng: b.lng }) <= 0.05) return true;
  }
  const pa = normalisePostcode(a.address?.postcode);
  const pb = normalisePostcode(b.address?.postcode);
  if (!pa || pa !== pb) return false;
  const na = normalise(a.name ?? a.address?.street ?? '');
  const nb = normalise(b.name ?? b.address?.street ?? '');
  return !na || !nb || tokensSimilarity(nameTokens(na), nameTokens(nb)) >= 0.5;
}

const richness = (x: object | undefined) =>
  x ? Object.values(x).filter((v) => v !== undefined && !(Array.isArray(v) && v.length === 0)).length : -1;

function mergeLocations(lists: Array<Location[] | undefined>): Location[] | undefined {
  if (!lists.some((l) => l?.length)) return undefined;
  const out: Location[] = [];
  for (const l of lists) {
    for (const loc of l ?? []) {
      const i = out.findIndex((o) => sameLocation(o, loc));
      if (i < 0) out.push(loc);
      else {
        const [rich, poor] = richness(loc) > richness(out[i]) ? [loc, out[i]] : [out[i], loc];
        out[i] = {
          ...poor,
          ...rich,
          address: rich.address ?? poor.address,
          lat: rich.lat ?? poor.lat,
          lng: rich.lat !== undefined ? rich.lng : poor.lng,
          accessibility: unionBy([rich.accessibility, poor.accessibility], (x) => normalise(x)),
        };
        for (const k of Object.keys(out[i]) as Array<keyof Location>) if (out[i][k] === undefined) delete out[i][k];
      }
    }
  }
  return out;
}

function readable(s: Service): number {
  return compileService(s).rules.length * 10 + (s.schedules?.length ?? 0);
}

function pick<T>(records: Service[], get: (s: Service) => T | undefined, better: (a: T, b: T) => boolean): T | undefined {
  let best: T | undefined;
  for (const r of records) {
    const v = get(r);
    if (v === undefined) continue;
    if (best === undefined || better(v, best)) best = v;
  }
  return best;
}

/**
 * One blended service from records of the same service (in arrival order):
 * identity from the first; for each field the richer value (longer text,
 * stated beats not stated, lists unioned without duplicates); the newest
 * assured and modified dates.
 */
export function blendRecords(records: Service[]): BlendedService {
  const [first] = records;
  const out: BlendedService = { ...first, sources: records.map((r) => ({ key: r.key, directory: r.directory })) };
  if (records.length === 1) return out;
  const set = <K extends keyof BlendedService>(k: K, v: BlendedService[K] | undefined) => {
    if (v === undefined) delete out[k];
    else out[k] = v;
  };
  const longer = (a: string, b: string) => a.length > b.length;
  const describer = pick(records, (r) => (r.description ? r : undefined), (a, b) => longer(a.description!, b.description!));
  set('description', describer?.description);
  set('descriptionHtml', describer?.descriptionHtml);
  set('url', pick(records, (r) => r.url, () => false));
  set('email', pick(records, (r) => r.email, () => false));
  set('accessNote', pick(records, (r) => r.accessNote, longer));
  set('organisation', pick(records, (r) => r.organisation, (a, b) => richness(a) > richness(b)));
  set('ages', pick(records, (r) => (r.ages && (r.ages.min !== undefined || r.ages.max !== undefined) ? r.ages : undefined), (a, b) => richness(a) > richness(b)));
  set('cost', pick(records, (r) => r.cost, (a, b) => (a.options?.length ?? 0) + (a.text ? 1 : 0) > (b.options?.length ?? 0) + (b.text ? 1 : 0)));
  const scheduler = pick(records, (r) => (r.schedules?.length ? r : undefined), (a, b) => readable(a) > readable(b));
  set('schedules', scheduler?.schedules);
  const freshestFirst = [...records].sort((a, b) => dateValue(b) - dateValue(a));
  set('status', freshestFirst.find((r) => r.status)?.status);
  set('assuredDate', pick(records, (r) => r.assuredDate, (a, b) => a > b));
  set('lastModified', pick(records, (r) => r.lastModified, (a, b) => Date.parse(a) > Date.parse(b)));
  set('phones', unionBy(records.map((r) => r.phones), (p) => normalisePhone(p.number) ?? p.number.replace(/\s/g, '')));
  set('contacts', unionBy(records.map((r) => r.contacts), (c) => normalise(`${c.name ?? ''}|${c.email ?? ''}|${(c.phones ?? []).map((p) => normalisePhone(p.number)).join()}`)));
  set('access', unionBy(records.map((r) => r.access), String));
  set('attendance', unionBy(records.map((r) => r.attendance), String));
  set('languages', unionBy(records.map((r) => r.languages), (x) => normalise(x)));
  set('serviceAreas', unionBy(records.map((r) => r.serviceAreas), (x) => normalise(x)));
  set('eligibility', unionBy(records.map((r) => r.eligibility), termKey));
  set('categories', unionBy(records.map((r) => r.categories), termKey));
  set('locations', mergeLocations(records.map((r) => r.locations)));
  set('closures', unionBy(records.map((r) => r.closures), (c) => `${c.startDate}|${c.endDate}|${c.closed}`));
  set('sessions', unionBy(records.map((r) => r.sessions), (s) => `${Date.parse(s.start)}|${s.locationId ?? ''}`));
  return out;
}
