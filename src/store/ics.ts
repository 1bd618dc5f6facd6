/**
 * iCalendar (RFC 5545) files for "Add to calendar": one occurrence, a
 * recurring session with its RRULE (closures as EXDATE, changed hours as
 * RECURRENCE-ID overrides), or everything on a shortlist over a date range.
 *
 * DOM-free, so it runs in Node (CLI, tests) as well as in browsers. Times are
 * written as local times with `TZID=Europe/London` and a VTIMEZONE block, so a
 * 10:00 session stays 10:00 in the person's calendar across the clock
 * changes; lines are CRLF-terminated and folded at 75 octets; text is escaped.
 *
 * A schedule that cannot be turned into dates (only a description) gives no
 * event: it is never guessed.
 */
import { httpHref, type Location, type Schedule, type Service } from '../model/index.js';
import { addressWords } from '../model/address.js';
import { wellFormed } from '../model/limits.js';
import {
  LONDON,
  compileRule,
  dayNumber,
  isoDay,
  fires,
  instantOf,
  localParts,
  minutesOf,
  occurrences,
  type Occurrence,
  type Rule,
} from '../engine/schedule.js';
import { cancelledSessions, datable, firstDay } from './datable.js';

export { cancelledSessions, datable, seriesExportable } from './datable.js';

const ICAL_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const PRODID = '-//service-finder-elements//Service finder//EN';
const UID_DOMAIN = 'service-finder-elements';

export interface IcsOptions {
  /** DTSTAMP, and "today" for a series without a start date. Default: the current time. */
  now?: Date;
  /** A link to the service on the page (added to the description). */
  link?: (service: Service) => string | undefined;
  /** X-WR-CALNAME: the name calendar apps give an imported file. */
  calendarName?: string;
}

// ---------- text ----------

/**
 * Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11; a Unicode line or
 * paragraph separator is a line break too). Other control characters are removed.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, '\\n')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

/** Control characters (CR and LF among them) never stand in a content line: only the writer ends lines. */
const CONTROL = /[\u0000-\u001f\u007f]/g;

const octets = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/**
 * Folds a content line so no line is longer than 75 octets (UTF-8), never
 * splitting a character; continuation lines start with one space.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = octets(ch.codePointAt(0)!);
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = 74; // the leading space takes one octet
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

// ---------- dates ----------

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const ymd = (day: number): string => isoDay(day).replaceAll('-', '');

/** 20261021T100000 */
function localStamp(day: number, minutes: number): string {
  return `${ymd(day)}T${pad(Math.floor(minutes / 60))}${pad(minutes % 60)}00`;
}

/** 20261021T090000Z */
export function utcStamp(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** A date-time property in the schedule's zone (TZID) or, for zones without a VTIMEZONE here, in UTC. */
function dateTimeProp(name: string, instant: Date, tz: string): string {
  if (tz !== LONDON) return `${name}:${utcStamp(instant)}`;
  const p = localParts(instant, tz);
  return `${name};TZID=${tz}:${localStamp(p.day, p.minutes)}`;
}

/** Europe/London since 1996: BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
const VTIMEZONE_LONDON = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'X-LIC-LOCATION:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

// ---------- identity ----------

/** Record keys hold `:` and anything a directory put in its ids: keep UIDs plain ASCII. */
const uidPart = (s: string) =>
  encodeURIComponent(wellFormed(s)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** FNV-1a, for a short stable id of a schedule's rule. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

function scheduleFingerprint(s: Schedule): string {
  return JSON.stringify([
    s.freq,
    s.interval,
    s.byday,
    s.bymonthday,
    s.opensAt,
    s.closesAt,
    s.dtstart,
    s.until,
    s.count,
    s.validFrom,
    s.validTo,
    s.timezone,
    s.locationId,
  ]);
}

/** The UID of one occurrence: the same service and start always give the same UID. */
export function occurrenceUid(service: Service, occurrence: Pick<Occurrence, 'start' | 'schedule' | 'session'>): string {
  const where = occurrence.schedule.locationId ?? occurrence.session?.locationId;
  return `${uidPart(service.key)}-${utcStamp(occurrence.start)}${where ? `-${uidPart(where)}` : ''}@${UID_DOMAIN}`;
}

/** The UID of a recurring series: the same service and rule always give the same UID. */
export function seriesUid(service: Service, schedule: Schedule): string {
  return `${uidPart(service.key)}-series-${hash(scheduleFingerprint(schedule))}@${UID_DOMAIN}`;
}

// ---------- shared event properties ----------

function locationOf(service: Service, locationId: string | undefined): Location | undefined {
  const all = service.locations ?? [];
  return (locationId && all.find((l) => l.id === locationId)) || all[0];
}

/** A FLOAT value: a finite number within `limit` either side of 0. */
const float = (n: unknown, limit: number): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= limit;

function describe(service: Service, schedule: Schedule | undefined, options: IcsOptions): string[] {
  const lines: string[] = [`SUMMARY:${escapeText(service.name)}`];
  const loc = locationOf(service, schedule?.locationId);
  const where = loc ? addressWords(loc) : '';
  if (where) lines.push(`LOCATION:${escapeText(where)}`);
  if (float(loc?.lat, 90) && float(loc?.lng, 180)) lines.push(`GEO:${loc.lat};${loc.lng}`);
  const link = options.link?.(service);
  const description = [
    service.description?.trim(),
    schedule?.notes?.trim(),
    service.phones?.[0]?.number,
    service.email,
    httpHref(service.url),
    httpHref(link),
  ].filter(Boolean);
  if (description.length) lines.push(`DESCRIPTION:${escapeText(description.join('\n\n'))}`);
  const url = httpHref(link) ?? httpHref(service.url);
  if (url) lines.push(`URL:${url}`);
  if (service.organisation?.name) lines.push(`X-ORGANISATION:${escapeText(service.organisation.name)}`);
  return lines;
}

// ---------- events ----------

interface EventOut {
  lines: string[];
  london: boolean;
}

function occurrenceEvent(service: Service, o: Occurrence & { cancelled?: boolean }, options: IcsOptions, stamp: string): EventOut {
  const tz = o.schedule.timezone || LONDON;
  const lines = ['BEGIN:VEVENT', `UID:${occurrenceUid(service, o)}`, `DTSTAMP:${stamp}`];
  if (o.allDay) {
    const day = localParts(o.start, tz).day;
    lines.push(`DTSTART;VALUE=DATE:${ymd(day)}`, `DTEND;VALUE=DATE:${ymd(day + 1)}`);
  } else {
    lines.push(dateTimeProp('DTSTART', o.start, tz));
    if (o.end && o.end > o.start) lines.push(dateTimeProp('DTEND', o.end, tz));
  }
  lines.push(...describe(service, o.session ? { ...o.schedule, locationId: o.session.locationId } : o.schedule, options));
  if (o.cancelled || o.session?.cancelled) lines.push('STATUS:CANCELLED');
  lines.push('END:VEVENT');
  return { lines, london: !o.allDay && tz === LONDON };
}

function calendar(events: EventOut[], options: IcsOptions): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODID}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  if (options.calendarName) lines.push(`X-WR-CALNAME:${escapeText(options.calendarName)}`);
  if (events.some((e) => e.london)) lines.push(...VTIMEZONE_LONDON);
  for (const e of events) lines.push(...e.lines);
  lines.push('END:VCALENDAR');
  return lines.map((line) => foldLine(line.replace(CONTROL, ''))).join('\r\n') + '\r\n';
}

/** An .ics file with one event: one dated occurrence (a cancelled session is marked STATUS:CANCELLED). */
export function icsForOccurrence(service: Service, occurrence: Occurrence, options: IcsOptions = {}): string {
  const stamp = utcStamp(options.now ?? new Date());
  return calendar([occurrenceEvent(service, occurrence, options, stamp)], options);
}

// ---------- series ----------

interface ClosureDays {
  from: number;
  to: number;
  closed: boolean;
  opens?: number;
  closes?: number;
}

function closuresOf(service: Service): ClosureDays[] {
  const out: ClosureDays[] = [];
  for (const c of service.closures ?? []) {
    const from = dayNumber(c.startDate);
    const to = dayNumber(c.endDate) ?? from;
    if (from === undefined || to === undefined) continue;
    out.push({ from, to, closed: c.closed, opens: minutesOf(c.opensAt), closes: minutesOf(c.closesAt) });
  }
  return out;
}

/** The RRULE value for a compiled rule; `bound` is `UNTIL=…` or `COUNT=…` or empty. */
function rruleOf(rule: Rule, bound: string, wkst: string | undefined): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval > 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.freq !== 'YEARLY') {
    const byday = ICAL_DAYS.filter((_, i) => rule.dayMask & (1 << i)) as string[];
    if (rule.freq === 'MONTHLY')
      byday.push(...rule.nth.filter((n) => Number.isInteger(n.nth) && Math.abs(n.nth) <= 5).map((n) => `${n.nth}${ICAL_DAYS[n.wd]}`));
    if (byday.length) parts.push(`BYDAY=${byday.join(',')}`);
    if (rule.freq === 'MONTHLY' && rule.monthDays.length) parts.push(`BYMONTHDAY=${rule.monthDays.join(',')}`);
  }
  if (bound) parts.push(bound);
  if (wkst && (ICAL_DAYS as readonly string[]).includes(wkst) && rule.interval > 1 && rule.freq === 'WEEKLY') parts.push(`WKST=${wkst}`);
  return `RRULE:${parts.join(';')}`;
}

/**
 * An .ics file with the recurring session: DTSTART on its first date (or the
 * first date from today when the schedule gives none), the RRULE (FREQ,
 * INTERVAL, BYDAY with ordinals, BYMONTHDAY, UNTIL or COUNT), closures as
 * EXDATE and days with changed hours as RECURRENCE-ID overrides.
 * Undefined when the schedule cannot be turned into dates (a description
 * only), when "every other week" has no start date to count from, or when it
 * has no dates left.
 */
export function icsForSeries(service: Service, schedule: Schedule, options: IcsOptions = {}): string | undefined {
  if (!datable(schedule)) return undefined;
  const rule = compileRule(schedule)!;
  const now = options.now ?? new Date();
  const tz = rule.tz;
  const first = firstDay(rule, now);
  if (first === undefined) return undefined;

  const allDay = rule.opens === undefined;
  const opens = rule.opens ?? 0;
  const london = !allDay && tz === LONDON;
  const when = (day: number, minutes: number) => (tz === LONDON ? localStamp(day, minutes) : utcStamp(instantOf(day, minutes, tz)));
  const zoned = (name: string, day: number, minutes: number) =>
    tz === LONDON ? `${name};TZID=${tz}:${localStamp(day, minutes)}` : `${name}:${utcStamp(instantOf(day, minutes, tz))}`;
  const endOf = (day: number, o: number, c: number | undefined): [number, number] | undefined =>
    c === undefined || c === o ? undefined : c > o ? [day, c] : [day + 1, c];

  // COUNT only when it counts from the DTSTART written here; otherwise the engine's last date as UNTIL.
  let bound = '';
  const countFromStart =
    schedule.count && rule.start !== undefined && !schedule.until && !schedule.validTo && (rule.from ?? rule.start) === rule.start;
  if (countFromStart) bound = `COUNT=${schedule.count}`;
  else if (rule.to !== undefined)
    bound = allDay ? `UNTIL=${ymd(rule.to)}` : `UNTIL=${utcStamp(new Date(+instantOf(rule.to + 1, 0, tz) - 1000))}`;

  const stamp = utcStamp(now);
  const uid = seriesUid(service, schedule);
  const main = ['BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${stamp}`];
  if (allDay) main.push(`DTSTART;VALUE=DATE:${ymd(first)}`, `DTEND;VALUE=DATE:${ymd(first + 1)}`);
  else {
    main.push(zoned('DTSTART', first, opens));
    const end = endOf(first, opens, rule.closes);
    if (end) main.push(zoned('DTEND', end[0], end[1]));
  }
  main.push(rruleOf(rule, bound, schedule.wkst));

  // Closures: closed days are EXDATEs; changed hours are overrides of that instance.
  const exdates: number[] = [];
  const overrides: string[][] = [];
  const last = rule.to ?? first + 3660;
  const closures = closuresOf(service);
  const seen = new Set<number>();
  for (const c of closures) {
    for (let day = Math.max(c.from, first); day <= Math.min(c.to, last); day++) {
      if (seen.has(day) || !fires(rule, day)) continue;
      seen.add(day); // the first closure covering a day wins, as in the engine
      if (c.closed) exdates.push(day);
      else if (c.opens !== undefined && !allDay) {
        const o = ['BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${stamp}`, zoned('RECURRENCE-ID', day, opens), zoned('DTSTART', day, c.opens)];
        const end = endOf(day, c.opens, c.closes);
        if (end) o.push(zoned('DTEND', end[0], end[1]));
        o.push(...describe(service, schedule, options), 'END:VEVENT');
        overrides.push(o);
      }
    }
  }
  exdates.sort((a, b) => a - b);
  if (exdates.length) {
    if (allDay) main.push(`EXDATE;VALUE=DATE:${exdates.map(ymd).join(',')}`);
    else if (tz === LONDON) main.push(`EXDATE;TZID=${tz}:${exdates.map((d) => when(d, opens)).join(',')}`);
    else main.push(`EXDATE:${exdates.map((d) => when(d, opens)).join(',')}`);
  }
  main.push(...describe(service, schedule, options), 'END:VEVENT');
  return calendar([{ lines: main, london }, ...overrides.map((lines) => ({ lines, london }))], options);
}

/**
 * An .ics file with every occurrence of every service in [from, to), one
 * event each (cancelled sessions marked STATUS:CANCELLED). Services with no
 * dates in the range add nothing.
 */
export function icsForShortlist(services: Service[], range: { from: Date; to: Date }, options: IcsOptions = {}): string {
  const stamp = utcStamp(options.now ?? new Date());
  const events: EventOut[] = [];
  for (const service of services) {
    const all: Array<Occurrence & { cancelled?: boolean }> = [
      ...occurrences(service, range.from, range.to),
      ...cancelledSessions(service, range.from, range.to),
    ];
    all.sort((a, b) => +a.start - +b.start);
    for (const o of all) events.push(occurrenceEvent(service, o, options, stamp));
  }
  return calendar(events, options);
}

/** A file name for a download: "tai-chi-for-health.ics". */
export function icsFilename(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'calendar'}.ics`;
}
