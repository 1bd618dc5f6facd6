/**
 * Field merging: one blended service from the records of one service, each
 * field taken from the record that states it best.
 */
import type { BlendedService, Location, Service, SourceRecord, Term } from '../../model/index.js';
import { checkedOf } from '../quality.js';
import { haversineKm } from '../geo.js';
import { nameTokens, normalise, tokensSimilarity } from '../text.js';
import type { Memo } from './features.js';
import { Fields } from './fields.js';
import { normalisePostcode, phoneKey } from './keys.js';
import { SAME_VENUE_KM, SAME_VENUE_NAME } from './thresholds.js';

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
    if (haversineKm({ lat: x.lat, lng: x.lng }, { lat: y.lat, lng: y.lng }) <= SAME_VENUE_KM) return true;
  }
  const postcode = normalisePostcode(x.address?.postcode);
  if (!postcode || postcode !== normalisePostcode(y.address?.postcode)) return false;
  const a = nameTokens(x.name ?? x.address?.street ?? '');
  const b = nameTokens(y.name ?? y.address?.street ?? '');
  return !a.length || !b.length || tokensSimilarity(a, b) >= SAME_VENUE_NAME;
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
 * A record alone as a blended service: a copy with its sources. Copied key by key: a spread
 * (`{ ...record, sources }`) of a record built the way the adapters build them (a few fields, then
 * each stated field added) takes V8's slow path, several times slower, with a few hundred bytes
 * more for each copy. (A blend of several records is spread: its first record's shape then serves
 * the writes below, see `Fields`.)
 */
function withSources(record: Service, sources: BlendedService['sources']): BlendedService {
  const out = {} as Record<string, unknown>;
  for (const k in record) out[k] = record[k as keyof Service];
  out.sources = sources;
  return out as unknown as BlendedService;
}

/** A record as a source of a blended service: its key, its directory, and the date that directory last checked it. */
function sourceOf(r: Fields): SourceRecord {
  const checked = checkedOf(r.assuredDate, r.lastModified);
  return checked ? { key: r.key, directory: r.directory, checked } : { key: r.key, directory: r.directory };
}

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
  if (records.length === 1) return withSources(first, [sourceOf(f)]);
  const sources = records.map(sourceOf);
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
  // A directory's own words (an alert, how to apply, accreditations, pictures, levels, leaders): the first that states them.
  for (const r of records) {
    if (r === f) continue;
    if (r.alert && !out.alert) out.alert = r.alert;
    if (r.applicationProcess && !out.applicationProcess) out.applicationProcess = r.applicationProcess;
    if (r.accreditations && !out.accreditations) out.accreditations = r.accreditations;
    if (r.images && !out.images) out.images = r.images;
    if (r.levels && !out.levels) out.levels = r.levels;
    if (r.leaders && !out.leaders) out.leaders = r.leaders;
  }
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
