/**
 * OpenActive (Modelling Opportunity Data 2.0 over RPDE): a `SessionSeries`
 * feed and its `ScheduledSession` feed, joined by `superEvent`, become one
 * Service per series with its dated sessions.
 *
 * RPDE needs the whole feed before an item is known to be current (a later
 * tombstone can delete it), so each feed page is reported as progress (no
 * services) and the joined services come in one page at the end. A page cap
 * or a looping feed still yields what was read, then throws SourceError
 * 'paging', as `readDirectory` does.
 */
import { TZDate } from '@date-fns/tz';
import type {
  AttendanceMode,
  Cost,
  CostOption,
  DirectoryRef,
  Location,
  Organisation,
  RecordProblem,
  Schedule,
  Service,
  ServiceStatus,
  Session,
  Term,
  Weekday,
} from '../model/index.js';
import { ACCESSIBILITY_SUPPORT_VOCABULARY, DAY_MS, MAX_ITEMS, MAX_NAME, MAX_SESSIONS, MAX_TEXT, SourceError } from '../model/index.js';
import { base } from './dialect.js';
import type { DirectoryPage, ReadOptions } from './index.js';
import {
  ageRange,
  code,
  compact,
  count,
  currency,
  date,
  dayRules,
  description,
  email,
  htmlToText,
  httpUrl,
  identifier,
  imageUrls,
  isObject,
  label,
  latLng,
  looksLikeHtml,
  monthDays,
  names,
  nonEmpty,
  num,
  phone,
  postcode,
  text,
  time,
  timezone,
  trimEnd,
  decoded,
  uniqueBy,
  type Raw,
} from './normalise.js';
import { compareModified, readRpde, type RpdeItem } from './rpde.js';

export { isOpenActiveUrl, isRpdePage } from './rpde.js';

/** The feeds of one OpenActive publisher: a pair, one URL (its sibling is looked for), or a list. */
export type OpenActiveFeeds = { sessionSeries?: string; scheduledSessions?: string } | string | string[];

export interface OpenActiveOptions extends ReadOptions {
  /** Sessions ending before `now` − 1 day are left out. Default: the current time. */
  now?: Date;
  /** The directory to key records by; default from the first feed URL and id/name. */
  directory?: DirectoryRef;
  /**
   * Given one URL, also read its sibling feed when one answers
   * (`…session-series` ↔ `…scheduled-sessions`). Default true.
   */
  siblings?: boolean;
}

export const ACTIVITY_LIST = 'https://openactive.io/activity-list';
/** The furthest instant a Date holds, in ms either side of 1970. */
const MAX_DATE_MS = 8.64e15;
/** Individual problems reported per kind of problem; the rest are summed up in one line. */
const PROBLEMS_PER_REASON = 100;

const SERIES_TYPES = new Set(['sessionseries', 'eventseries', 'headlineevent', 'courseinstance', 'course', 'event', 'ondemandevent']);
const SESSION_TYPES = new Set(['scheduledsession', 'scheduledsessions']);

// ---------------------------------------------------------------- URLs

/** The other feed of a pair by the usual naming (`…session-series` ↔ `…scheduled-sessions`), paging parameters dropped. */
export function siblingFeed(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const parts = u.pathname.split('/');
  const i = parts.length - 1 - [...parts].reverse().findIndex((p) => p !== '');
  const seg = parts[i] ?? '';
  const cased = (m: string, word: string) => (m[0] === m[0].toUpperCase() ? word[0].toUpperCase() + word.slice(1) : word);
  let other: string | undefined;
  if (/session([-_]?)series/i.test(seg)) {
    other = seg.replace(
      /(session)([-_]?)(series)/i,
      (_, a: string, sep: string, b: string) => `${cased(a, 'scheduled')}${sep}${cased(b, 'sessions')}`,
    );
  } else if (/scheduled([-_]?)sessions?/i.test(seg)) {
    other = seg.replace(
      /(scheduled)([-_]?)(sessions?)/i,
      (_, a: string, sep: string, b: string) => `${cased(a, 'session')}${sep}${cased(b, 'series')}`,
    );
  }
  if (!other || other === seg) return undefined;
  parts[i] = other;
  u.pathname = parts.join('/');
  for (const p of ['afterTimestamp', 'afterId', 'afterChangeNumber']) u.searchParams.delete(p);
  return u.href;
}

/** The feeds to read for `feeds`: one address and the sibling feed its name suggests (optional), or those listed. */
export function feedList(feeds: OpenActiveFeeds, siblings: boolean): Array<{ url: string; optional: boolean }> {
  if (typeof feeds === 'string') {
    const sibling = siblings ? siblingFeed(feeds) : undefined;
    return [{ url: feeds, optional: false }, ...(sibling ? [{ url: sibling, optional: true }] : [])];
  }
  const urls = Array.isArray(feeds) ? feeds : [feeds.sessionSeries, feeds.scheduledSessions];
  return [...new Set(urls.filter((u): u is string => !!u))].map((url) => ({ url, optional: false }));
}

// ---------------------------------------------------------------- problems

/** Problems with a cap per reason, so a feed of 50 000 stale sessions does not flood the status. */
class Problems {
  readonly #list: RecordProblem[] = [];
  readonly #groups = new Map<string, { n: number; listed: number; summary: string; skipped?: boolean }>();
  #group(key: string, summary: string) {
    let g = this.#groups.get(key);
    if (!g) this.#groups.set(key, (g = { n: 0, listed: 0, summary }));
    return g;
  }
  /** One record's problem; past the cap it is only counted. `summary` has `{n}` for the count. */
  add(key: string, summary: string, problem: RecordProblem) {
    const g = this.#group(key, summary);
    g.n++;
    g.skipped = problem.skipped;
    if (g.listed < PROBLEMS_PER_REASON) {
      g.listed++;
      this.#list.push(problem);
    }
  }
  /** Counted only, reported as one line. */
  count(key: string, summary: string, n = 1) {
    this.#group(key, summary).n += n;
  }
  all(): RecordProblem[] {
    const extra: RecordProblem[] = [];
    for (const g of this.#groups.values()) {
      const n = g.n - g.listed;
      if (n > 0)
        extra.push({
          reason: g.summary.replace('{n}', g.listed ? `${n} more` : String(n)),
          count: n,
          ...(g.skipped ? { skipped: true } : {}),
        });
    }
    return [...this.#list, ...extra];
  }
}

// ---------------------------------------------------------------- small readers

/** What follows the last `/`, `:` or `#` of a term's URL: "https://schema.org/EventCancelled" → "EventCancelled". */
function lastPart(t: string): string {
  return t.slice(Math.max(t.lastIndexOf('/'), t.lastIndexOf(':'), t.lastIndexOf('#')) + 1);
}
const typeOf = (d: Raw): string | undefined => {
  const t = code(d['@type'] ?? d.type);
  return t === undefined ? undefined : lastPart(t);
};
const idOf = (d: Raw): string | undefined => identifier(d['@id'] ?? d.id);
/** Last part of a schema.org / OpenActive enum value: "https://schema.org/EventCancelled" → "EventCancelled". */
const enumValue = (v: unknown): string | undefined => {
  const t = code(v);
  return t === undefined ? undefined : lastPart(t);
};
/** Plain text from a value that may carry HTML (names, labels), at most `max` long. */
const plain = (v: unknown, max = MAX_NAME): string | undefined => {
  const t = text(v, max);
  return t && looksLikeHtml(t) ? text(htmlToText(t), max) : t;
};
/** A list (a single value counts as a list of one), its first `max` items only. */
const list = (v: unknown, max = MAX_ITEMS): unknown[] =>
  Array.isArray(v) ? (v.length > max ? v.slice(0, max) : v) : v === undefined || v === null ? [] : [v];

/**
 * An ISO date-time with its offset. OpenActive sends offsets or `Z`; a
 * local time without one is read in `timezone` (Europe/London).
 */
export function isoInstant(v: unknown, timezone = 'Europe/London'): string | undefined {
  const t = code(v);
  if (!t) return undefined;
  const m = t.match(/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i);
  if (!m || !date(t)) return undefined;
  if (m[7]) return Number.isFinite(Date.parse(t)) ? t : undefined;
  try {
    const d = new TZDate(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), timezone);
    return Number.isFinite(+d) ? d.toISOString().replace('.000', '') : undefined;
  } catch {
    return undefined;
  }
}

/** ISO 8601 duration in minutes ("PT1H30M" → 90), or undefined. */
function minutes(v: unknown): number | undefined {
  const m = code(v)?.match(/^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i);
  if (!m || m[0] === 'P' || m[0] === 'PT') return undefined;
  return (+(m[1] ?? 0) * 24 + +(m[2] ?? 0)) * 60 + +(m[3] ?? 0) + Math.round(+(m[4] ?? 0) / 60);
}

const addMinutes = (hhmm: string, add: number) => {
  const total = (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)) + add) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
};

/** RPDE `modified` as a date-time, when it is plainly epoch seconds or milliseconds (not a change counter). */
function modifiedDate(v: unknown): string | undefined {
  const n = num(v);
  if (n === undefined) return undefined;
  const ms = n >= 946_684_800 && n <= 4_102_444_800 ? n * 1000 : n >= 946_684_800_000 && n <= 4_102_444_800_000 ? n : undefined;
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

// ---------------------------------------------------------------- activities

type Labels = Readonly<Record<string, string>>;
/** A label of the Activity List by uuid; only its own entries (a uuid is never a name such as `constructor`). */
const labelOf = (table: Labels, uuid: string | undefined) => (uuid && Object.hasOwn(table, uuid) ? table[uuid] : undefined);
let labels: Labels | undefined;
/** The Activity List (uuid → prefLabel), loaded only when a feed names an activity by id alone. */
async function activityLabels(): Promise<Labels> {
  labels ??= (await import('./activity-list.js')).ACTIVITY_LABELS;
  return labels;
}

const activityUuid = (id: string | undefined) =>
  id?.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)?.[0].toLowerCase();

/** Activity terms: `prefLabel` as sent, or looked up by id in the Activity List. */
export function activities(v: unknown, table?: Labels): Term[] | undefined {
  const out = new Map<string, Term>();
  for (const a of list(v)) {
    const id = isObject(a) ? idOf(a) : identifier(a);
    const name = (isObject(a) ? plain(a.prefLabel ?? a.name) : undefined) ?? (table ? labelOf(table, activityUuid(id)) : undefined);
    if (!name || out.has(name.toLowerCase())) continue;
    const scheme = isObject(a) ? label(a.inScheme) : undefined;
    const term: Term = { name, vocabulary: scheme && !scheme.startsWith(ACTIVITY_LIST) ? scheme : 'openactive-activity-list' };
    if (id) term.id = id;
    out.set(name.toLowerCase(), term);
  }
  return out.size ? [...out.values()] : undefined;
}

const needsLookup = (d: Raw) => list(d.activity).some((a) => !(isObject(a) && label(a.prefLabel ?? a.name)));

// ---------------------------------------------------------------- mapping

function address(v: unknown): Location['address'] {
  if (typeof v === 'string') {
    const t = label(v);
    if (!t) return undefined;
    const pc = t.match(/\b([A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})\b/i)?.[1];
    return compact({ street: trimEnd(pc ? t.replace(pc, '') : t, ', ') || undefined, postcode: postcode(pc) });
  }
  if (!isObject(v)) return undefined;
  return compact(
    {
      street: plain(v.streetAddress),
      town: plain(v.addressLocality),
      region: plain(v.addressRegion),
      postcode: postcode(v.postalCode),
      country: plain(v.addressCountry),
    },
    true,
  );
}

/** The amenities a place states it has (`value: true`), by name; those it states it lacks are left out. */
function amenities(v: unknown): string[] | undefined {
  return names(list(v).filter((a) => isObject(a) && a.value === true));
}

export function place(p: unknown): Location | undefined {
  if (!isObject(p)) return undefined;
  const geo = isObject(p.geo) ? p.geo : p;
  const point = latLng(geo.latitude, geo.longitude);
  const loc = compact<Location>({
    id: identifier(p['@id'] ?? p.id ?? p.identifier ?? p.url),
    name: plain(p.name),
    address: address(p.address),
    lat: point?.lat,
    lng: point?.lng,
    accessibility: names(p.accessibilityInformation),
    amenities: amenities(p.amenityFeature),
  });
  return loc.name || loc.address || loc.lat !== undefined ? loc : undefined;
}

function organisation(o: unknown): Organisation | undefined {
  if (!isObject(o)) return undefined;
  const name = plain(o.name) ?? [plain(o.givenName), plain(o.familyName)].filter(Boolean).join(' ');
  if (!name) return undefined;
  return compact<Organisation>({
    id: identifier(o['@id'] ?? o.id ?? o.identifier),
    name,
    description: description(o.description).description,
    url: httpUrl(o.url),
    email: email(o.email),
  });
}

const CURRENCY = new Map([
  ['GBP', '£'],
  ['EUR', '€'],
  ['USD', '$'],
]);
const money = (amount: number, currency?: string) => {
  const n = Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
  const sign = currency && CURRENCY.get(currency);
  return sign ? `${sign}${n}` : `${n}${currency ? ` ${currency}` : ''}`;
};

/** Offers as cost: every price 0 → free; any price above 0 → not free; no prices → not stated (unless `isAccessibleForFree`). */
export function offersCost(offers: unknown, freeFlag?: unknown): Cost | undefined {
  const options: CostOption[] = [];
  for (const o of list(offers).filter(isObject)) {
    const amount = num(o.price);
    if (amount === undefined || amount < 0) continue;
    options.push(
      compact<CostOption>({
        option: plain(o.name),
        amount,
        currency: currency(o.priceCurrency),
        description: plain(o.description),
      }),
    );
  }
  if (!options.length) return freeFlag === true ? { free: true, text: 'Free' } : undefined;
  const free = options.every((o) => o.amount === 0);
  const parts = options.map((o) => `${o.option ? `${o.option}: ` : ''}${o.amount === 0 ? 'free' : money(o.amount!, o.currency)}`);
  return { free, options, text: free ? 'Free' : [...new Set(parts)].join('; ') };
}

const GENDER = new Map<string, Term>([
  ['FemaleOnly', { id: 'https://openactive.io/FemaleOnly', name: 'Women only', vocabulary: 'openactive-gender-restriction' }],
  ['MaleOnly', { id: 'https://openactive.io/MaleOnly', name: 'Men only', vocabulary: 'openactive-gender-restriction' }],
]);

function eligibility(d: Raw): Term[] | undefined {
  const out: Term[] = [];
  const g = GENDER.get(enumValue(d.genderRestriction) ?? '');
  if (g) out.push({ ...g });
  for (const a of list(d.accessibilitySupport)) {
    const name = isObject(a) ? plain(a.prefLabel ?? a.name) : undefined;
    if (name && !out.some((t) => t.name === name))
      out.push(compact<Term>({ id: isObject(a) ? idOf(a) : undefined, name, vocabulary: ACCESSIBILITY_SUPPORT_VOCABULARY }));
  }
  return nonEmpty(out);
}

function attendance(d: Raw, hasPlace: boolean): AttendanceMode[] | undefined {
  const mode = enumValue(d.eventAttendanceMode ?? d['beta:eventAttendanceMode']);
  const out = new Set<AttendanceMode>();
  if (mode === 'OfflineEventAttendanceMode' || mode === 'MixedEventAttendanceMode') out.add('in-person');
  if (mode === 'OnlineEventAttendanceMode' || mode === 'MixedEventAttendanceMode') out.add('online');
  if (!mode && hasPlace) out.add('in-person');
  if (!mode && (isObject(d.virtualLocation) || isObject(d['beta:virtualLocation']) || typeOf(d) === 'OnDemandEvent')) out.add('online');
  return out.size ? [...out] : undefined;
}

function status(d: Raw): ServiceStatus | undefined {
  const s = enumValue(d.eventStatus);
  if (s === 'EventCancelled') return 'inactive';
  if (s === 'EventPostponed') return 'temporarily-closed';
  if (s === 'EventScheduled' || s === 'EventRescheduled') return 'active';
  return undefined;
}

const DAY_WORDS: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const byDayText = (v: unknown) =>
  list(v)
    .map((x) => enumValue(x))
    .filter((x): x is string => !!x);

/** One `eventSchedule` entry. `PartialSchedule` is kept as words only: it is never expanded into dates. */
export function eventSchedule(
  s: Raw,
  locationId?: string,
): { schedule?: Schedule; closures: Array<{ startDate: string; endDate: string; closed: boolean; description?: string }> } {
  const kind = typeOf(s);
  const zone = timezone(s.scheduleTimezone);
  const opensAt = time(s.startTime);
  const closesAt = time(s.endTime) ?? (opensAt && minutes(s.duration) ? addMinutes(opensAt, minutes(s.duration)!) : undefined);
  const days = dayRules(byDayText(s.byDay).join(','));
  const freqMatch = code(s.repeatFrequency)?.match(/^P(\d+)([DWMY])$/i);
  const words = [
    days ? days.map((r) => `${r.nth ? `${r.nth === -1 ? 'last' : `#${r.nth}`} ` : ''}${DAY_WORDS[r.day]}`).join(', ') : undefined,
    opensAt ? `${opensAt}${closesAt ? `–${closesAt}` : ''}` : undefined,
    date(s.startDate) ? `from ${date(s.startDate)}` : undefined,
    date(s.endDate) ? `until ${date(s.endDate)}` : undefined,
  ].filter(Boolean);
  const notes = plain(s.description, MAX_TEXT);
  if (kind === 'PartialSchedule' || !freqMatch || s.byMonth !== undefined || s.byMonthOfYear !== undefined) {
    // Not a complete rule: show it in words; the dated sessions carry the times.
    const schedule = compact<Schedule>({
      description: words.join(', ') || notes || 'See the dated sessions',
      notes: words.length ? notes : undefined,
      timezone: zone,
      locationId,
    });
    return { schedule, closures: [] };
  }
  const unit = freqMatch[2].toUpperCase();
  const n = Number(freqMatch[1]);
  const freq = unit === 'D' ? (n % 7 === 0 ? 'WEEKLY' : 'DAILY') : unit === 'W' ? 'WEEKLY' : unit === 'M' ? 'MONTHLY' : 'YEARLY';
  const interval = unit === 'D' && n % 7 === 0 ? n / 7 : n;
  const count = num(s.repeatCount);
  const schedule = compact<Schedule>({
    freq,
    interval: interval > 1 ? interval : undefined,
    byday: days,
    bymonthday: monthDays(list(s.byMonthDay).join(',')),
    opensAt,
    closesAt,
    dtstart: date(s.startDate),
    until: date(s.endDate),
    count: count && count > 0 ? Math.floor(count) : undefined,
    timezone: zone,
    notes,
    locationId,
  });
  const closures = list(s.exceptDate)
    .map((x) => date(x))
    .filter((x): x is string => !!x)
    .map((day) => ({ startDate: day, endDate: day, closed: true, description: 'No session' }));
  return { schedule, closures };
}

export interface SessionInput {
  id?: string;
  data: Raw;
}

/** A dated session, or the reason it cannot be read. */
export function session(input: SessionInput, timezone?: string): Session | string {
  const d = input.data;
  const start = isoInstant(d.startDate, timezone);
  if (!start) return 'has no readable start date';
  let end = isoInstant(d.endDate, timezone);
  const duration = minutes(d.duration);
  if (!end && duration) {
    const ms = Date.parse(start) + duration * 60_000;
    // A date past what Date can hold (a duration of centuries) has no end.
    if (Math.abs(ms) <= MAX_DATE_MS) end = new Date(ms).toISOString();
  }
  if (end && Date.parse(end) < Date.parse(start)) end = undefined;
  const s = compact<Session>({
    id: input.id ?? identifier(d.identifier) ?? idOf(d),
    start,
    end,
    remaining: count(d.remainingAttendeeCapacity ?? d.remainingUses),
  });
  const st = enumValue(d.eventStatus);
  if (st === 'EventCancelled' || st === 'EventPostponed') s.cancelled = true;
  return s;
}

interface SeriesEntry {
  /** RPDE id (or the embedded series' own id). */
  id: string;
  data: Raw;
  modified?: RpdeItem['modified'];
  sessions: SessionInput[];
  page?: number;
}

/**
 * One Service from a series and its sessions. Throws an Error in plain words
 * when it cannot be used. Sessions that ended before `cutoff` are left out.
 */
export function seriesToService(
  entry: SeriesEntry,
  directory: DirectoryRef,
  cutoff: number,
  table?: Labels,
): { service: Service; badSessions: Array<{ id?: string; reason: string }>; pastSessions: number } {
  // A series may inherit what it leaves out from its parent (an EventSeries embedded as superEvent).
  const parent = isObject(entry.data.superEvent) ? entry.data.superEvent : {};
  const d: Raw = { ...parent, ...entry.data };
  const categories = activities(d.activity, table);
  const loc = place(d.location);
  const name =
    plain(d.name) ??
    (categories ? label(`${categories.map((c) => c.name).join(' and ')}${loc?.name ? ` at ${loc.name}` : ''}`) : undefined);
  if (!name) throw new Error('has no name and no activity to name it by');
  const s: Service = base(entry.id, name, directory);
  const locations: Location[] = loc ? [loc] : [];
  const zone = list(d.eventSchedule)
    .filter(isObject)
    .map((x) => timezone(x.scheduleTimezone))
    .find(Boolean);
  const schedules: Schedule[] = [];
  const closures: NonNullable<Service['closures']> = [];
  for (const x of list(d.eventSchedule).filter(isObject)) {
    const r = eventSchedule(x);
    if (r.schedule) schedules.push(r.schedule);
    closures.push(...r.closures);
  }
  const badSessions: Array<{ id?: string; reason: string }> = [];
  let pastSessions = 0;
  const sessions = new Map<string, Session>();
  for (const input of entry.sessions) {
    const x = session(input, zone);
    if (typeof x === 'string') {
      badSessions.push({ id: input.id, reason: x });
      continue;
    }
    if (Date.parse(x.end ?? x.start) < cutoff) {
      pastSessions++;
      continue;
    }
    const own = place(input.data.location);
    if (own && !(own.id && own.id === loc?.id) && !(own.lat !== undefined && own.lat === loc?.lat && own.lng === loc?.lng)) {
      const known = locations.find((l) => (l.id && l.id === own.id) || (l.lat !== undefined && l.lat === own.lat && l.lng === own.lng));
      // Past MAX_ITEMS venues, a session's own venue is not kept: it is listed without one.
      if (!known && locations.length < MAX_ITEMS) {
        own.id ??= `${x.id ?? x.start}:location`;
        locations.push(own);
        x.locationId = own.id;
      } else if (known) x.locationId = known.id;
    }
    sessions.set(x.id ?? x.start, x);
  }
  // The soonest MAX_SESSIONS are kept.
  const sorted = [...sessions.values()].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)).slice(0, MAX_SESSIONS);
  const virtual = isObject(d.virtualLocation)
    ? d.virtualLocation
    : isObject(d['beta:virtualLocation'])
      ? d['beta:virtualLocation']
      : undefined;
  const organizer = organisation(d.organizer);
  const phones = [
    phone(isObject(d.organizer) ? d.organizer.telephone : undefined),
    phone(isObject(d.location) ? d.location.telephone : undefined),
  ].filter((p) => !!p);
  Object.assign(
    s,
    description(d.description),
    compact<Partial<Service>>({
      url: httpUrl(d.url) ?? httpUrl(virtual?.url),
      email: email(isObject(d.organizer) ? d.organizer.email : undefined),
      phones: nonEmpty(uniqueBy(phones, (p) => p.number)),
      organisation: organizer,
      status: status(d),
      accessNote: plain(d.attendeeInstructions, MAX_TEXT) ?? plain(virtual?.description, MAX_TEXT),
      images: imageUrls(d.image) ?? imageUrls(isObject(d.location) ? d.location.image : undefined),
      levels: names(d.level),
      leaders: names(d.leader),
      attendance: attendance(d, !!loc),
      ages: isObject(d.ageRange) ? ageRange(d.ageRange.minValue, d.ageRange.maxValue) : undefined,
      eligibility: eligibility(d),
      categories,
      locations: nonEmpty(locations),
      schedules: nonEmpty(schedules),
      closures: nonEmpty(closures),
      sessions: nonEmpty(sorted, MAX_SESSIONS),
      cost: offersCost(d.offers, d.isAccessibleForFree),
      lastModified:
        code(d.dateModified) && Number.isFinite(Date.parse(code(d.dateModified)!)) ? code(d.dateModified) : modifiedDate(entry.modified),
    }),
  );
  if (s.description && looksLikeHtml(s.description)) s.description = htmlToText(s.description);
  return { service: s, badSessions, pastSessions };
}

/** A series that has ended: it had dates, and none of its sessions or schedules reaches the cutoff. */
function ended(service: Service, hadSessions: boolean, cutoffDay: string): boolean {
  if (service.sessions?.length) return false;
  const schedules = service.schedules ?? [];
  if (schedules.some((x) => !x.until || x.until >= cutoffDay)) return false;
  return hadSessions || schedules.length > 0;
}

// ---------------------------------------------------------------- joining

/** Applies items in feed order: a later copy replaces an earlier one (unless its `modified` is older); a tombstone removes it. */
export function applyItems(
  store: Map<string, RpdeItem & { page?: number }>,
  items: Array<RpdeItem & { page?: number }>,
  feed: string,
  counts: { deleted: number; superseded: number },
) {
  for (const item of items) {
    const key = `${feed}\u0000${item.id}`;
    const before = store.get(key);
    if (before) {
      const order = compareModified(item.modified, before.modified);
      if (order !== undefined && order < 0) {
        counts.superseded++;
        continue;
      }
      if (before.state === 'updated') {
        if (item.state === 'deleted') counts.deleted++;
        else counts.superseded++;
      }
    }
    store.set(key, item);
  }
}

export interface JoinResult {
  services: Service[];
  problems: RecordProblem[];
  /** What became of every live item. */
  stats: {
    series: number;
    sessions: number;
    joined: number;
    past: number;
    orphans: number;
    ended: number;
    unsupported: number;
    bad: number;
  };
}

/**
 * Joins live RPDE items (any mix of series, sessions and series with
 * embedded `subEvent`s) into services. Pure apart from loading the Activity
 * List when a feed names activities by id only.
 */
export async function joinOpenActive(
  items: Array<RpdeItem & { page?: number }>,
  directory: DirectoryRef,
  now: Date = new Date(),
): Promise<JoinResult> {
  const cutoff = now.getTime() - DAY_MS;
  const cutoffDay = new Date(cutoff).toISOString().slice(0, 10);
  const problems = new Problems();
  const stats = { series: 0, sessions: 0, joined: 0, past: 0, orphans: 0, ended: 0, unsupported: 0, bad: 0 };
  const series: SeriesEntry[] = [];
  const index = new Map<string, SeriesEntry>();
  const sessions: Array<{ item: RpdeItem & { page?: number }; data: Raw }> = [];
  const unsupported = new Map<string, number>();

  const addSeries = (entry: SeriesEntry) => {
    series.push(entry);
    for (const k of [entry.id, idOf(entry.data), identifier(entry.data.identifier)]) if (k && !index.has(k)) index.set(k, entry);
    for (const sub of list(entry.data.subEvent).filter(isObject)) {
      if (SESSION_TYPES.has(typeOf(sub)?.toLowerCase() ?? 'scheduledsession'))
        entry.sessions.push({ id: identifier(sub.identifier) ?? idOf(sub), data: sub });
    }
  };

  for (const item of items) {
    if (item.state !== 'updated' || !item.data) continue;
    const type = (typeOf(item.data) ?? item.kind?.split('.')[0] ?? '').toLowerCase();
    if (SERIES_TYPES.has(type)) {
      stats.series++;
      addSeries({ id: item.id, data: item.data, modified: item.modified, sessions: [], page: item.page });
      // A standalone Event or CourseInstance with its own dates is its own session.
      if (type !== 'sessionseries' && type !== 'eventseries' && isoInstant(item.data.startDate))
        series[series.length - 1].sessions.push({ id: item.id, data: item.data });
    } else if (SESSION_TYPES.has(type)) {
      stats.sessions++;
      sessions.push({ item, data: item.data });
    } else {
      stats.unsupported++;
      unsupported.set(typeOf(item.data) ?? item.kind ?? 'unknown', (unsupported.get(typeOf(item.data) ?? item.kind ?? 'unknown') ?? 0) + 1);
    }
  }

  const lookup = (ref: string | undefined): SeriesEntry | undefined => {
    if (!ref) return undefined;
    const hit = index.get(ref);
    if (hit) return hit;
    const last = trimEnd(ref, '/#').split(/[/#]/).pop();
    return last ? index.get(decoded(last)) : undefined;
  };

  for (const { item, data } of sessions) {
    const sup = data.superEvent;
    const ref = isObject(sup) ? (idOf(sup) ?? identifier(sup.identifier)) : identifier(sup);
    let entry = lookup(ref);
    if (!entry && isObject(sup) && SERIES_TYPES.has(typeOf(sup)?.toLowerCase() ?? '')) {
      // The series is embedded in the session (kind "ScheduledSession.SessionSeries").
      entry = { id: ref ?? `${item.id}:series`, data: sup, sessions: [], page: item.page };
      stats.series++;
      addSeries(entry);
    }
    if (!entry) {
      stats.orphans++;
      problems.add('orphan', `{n} sessions belong to no series in the feed (deleted, or not published)`, {
        id: item.id,
        page: item.page,
        reason: ref
          ? `session belongs to series ${ref}, which is not in the series feed (it may have been deleted)`
          : 'session names no series (superEvent), so it cannot be shown',
      });
      continue;
    }
    entry.sessions.push({ id: item.id, data });
  }

  const table = series.some((e) => needsLookup(e.data)) ? await activityLabels() : undefined;
  const services: Service[] = [];
  const seen = new Set<string>();
  for (const entry of series) {
    if (seen.has(entry.id)) {
      stats.bad++;
      problems.add('duplicate', '{n} series appear more than once', {
        id: entry.id,
        page: entry.page,
        reason: 'appears more than once; the first copy is used',
        skipped: true,
      });
      continue;
    }
    seen.add(entry.id);
    try {
      const { service, badSessions, pastSessions } = seriesToService(entry, directory, cutoff, table);
      stats.past += pastSessions;
      stats.joined += entry.sessions.length - badSessions.length - pastSessions;
      for (const b of badSessions)
        problems.add('bad-session', '{n} sessions could not be read', {
          id: b.id,
          page: entry.page,
          reason: `session of ${entry.id} ${b.reason}`,
        });
      if (ended(service, entry.sessions.length > 0, cutoffDay)) {
        stats.ended++;
        problems.count('ended', '{n} session series were left out because all their sessions are in the past');
        continue;
      }
      services.push(service);
    } catch (error) {
      stats.bad++;
      problems.add('bad-series', '{n} series could not be read', {
        id: entry.id,
        page: entry.page,
        reason: error instanceof Error ? error.message : String(error),
        skipped: true,
      });
    }
  }
  for (const [type, n] of unsupported)
    problems.count(`kind:${type}`, `{n} items of kind ${type} were left out: this finder reads sessions and session series`, n);
  return { services, problems: problems.all(), stats };
}

// ---------------------------------------------------------------- reading

/**
 * Reads an OpenActive publisher's feeds to the end and yields its services:
 * one progress page (no services) per feed page, then one page with every
 * joined service. A feed that cannot be read is a SourceError, thrown after
 * the services that could be read are yielded; a sibling feed that was only
 * guessed is skipped quietly when it is not there.
 */
export async function* readOpenActive(feeds: OpenActiveFeeds, options: OpenActiveOptions = {}): AsyncGenerator<DirectoryPage> {
  const toRead = feedList(feeds, options.siblings !== false);
  if (!toRead.length) throw new SourceError('network', 'No OpenActive feed address was given.', '');
  const directory =
    options.directory ?? (await import('./index.js')).directoryRef(toRead[0].url, options.name, options.id, options.feedbackUrl);
  const store = new Map<string, RpdeItem & { page?: number }>();
  const counts = { deleted: 0, superseded: 0 };
  let page = 0;
  let failure: unknown;
  for (const [i, feed] of toRead.entries()) {
    let pagesOfFeed = 0;
    try {
      for await (const p of readRpde(feed.url, { ...options, pageOffset: page })) {
        pagesOfFeed++;
        page++;
        applyItems(
          store,
          p.items.map((item) => ({ ...item, page })),
          String(i),
          counts,
        );
        yield { directory, dialect: 'openactive', page, services: [], problems: p.problems };
      }
    } catch (error) {
      if (error instanceof SourceError && error.kind === 'aborted') throw error;
      const guessed =
        feed.optional &&
        pagesOfFeed === 0 &&
        error instanceof SourceError &&
        ['http', 'not-json', 'invalid-json', 'not-directory', 'network'].includes(error.kind);
      if (!guessed) {
        failure ??= error;
        // A page cap or loop in one feed still leaves the others worth reading.
        if (!(error instanceof SourceError)) break;
      }
    }
  }
  const live = [...store.values()].filter((x) => x.state === 'updated');
  if (live.length || !failure) {
    const joined = await joinOpenActive(live, directory, options.now ?? new Date());
    yield { directory, dialect: 'openactive', page: Math.max(page, 1), services: joined.services, problems: joined.problems };
  }
  if (failure) throw failure;
}
