/**
 * Schedules → dated occurrences, in each schedule's time zone (Europe/London
 * unless the data says otherwise). Rules are evaluated on local calendar days
 * and local clock times, so 10:00 stays 10:00 across the clock changes; only
 * the final conversion to an instant goes through TZDate.
 */
import { TZDate } from '@date-fns/tz';
import type { Closure, PartOfDay, Schedule, Service, Session } from '../model/index.js';
import { DAY_MS, WEEKDAYS } from '../model/index.js';
import { LONDON, londonInstant, londonTime } from '../model/london.js';

export { LONDON };
/**
 * How far ahead, in days, dated times are looked for: the next opening, a detail view's next session, the
 * calendar's longest agenda. Two months: past that, most directories' schedules are no longer kept up to date.
 */
export const HORIZON_DAYS = 62;

export interface Occurrence {
  start: Date;
  end?: Date;
  /** The rule that produced it; for a dated session, a synthesised one-off rule. */
  schedule: Schedule;
  /** Set when the occurrence is one of `service.sessions`. */
  session?: Session;
  /** The rule names the day but no times: `start` is local midnight. */
  allDay?: boolean;
}

// ---------- calendar days as integers (days since 1970-01-01) ----------

/** 'YYYY-MM-DD' (or an ISO date-time: its date part) → day number; undefined when unreadable. */
export function dayNumber(ymd: string | undefined): number | undefined {
  if (!ymd) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? t / DAY_MS : undefined;
}

/** Monday = 0 … Sunday = 6, the order of WEEKDAYS. */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** `YYYY-MM-DD` of a day number. */
export const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function ymdOf(day: number): { y: number; m: number; d: number } {
  const date = new Date(day * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth(), d: date.getUTCDate() };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
}

/** The digit at `i` of `text`, or -1. */
function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * 'HH:MM' or 'HH:MM:SS' (or 'H:MM') → minutes after midnight. Read digit by digit, as
 * `/^(\d{1,2}):(\d{2})/` would: a match would allocate, and this runs for every rule compiled.
 */
export function minutesOf(time: string | undefined): number | undefined {
  if (!time) return undefined;
  let h = digitAt(time, 0);
  if (h < 0) return undefined;
  let i = 1;
  if (digitAt(time, 1) >= 0) h = h * 10 + digitAt(time, i++);
  const m1 = digitAt(time, i + 1);
  const m2 = digitAt(time, i + 2);
  if (time.charCodeAt(i) !== 58 || m1 < 0 || m2 < 0) return undefined; // 58: ':'
  const v = h * 60 + m1 * 10 + m2;
  return v <= 24 * 60 ? v : undefined;
}

/**
 * Local parts already worked out, by zone (other than London's, which is arithmetic) and then instant:
 * building the search index asks for the same instants (now, the horizon) once per schedule, and each
 * conversion costs Intl calls.
 */
const parts = new Map<string, Map<number, LocalParts>>();
/** Instants kept per zone before the cache starts again. */
const PARTS_KEPT = 1000;

interface LocalParts {
  readonly day: number;
  readonly minutes: number;
}

/** The local calendar day and minute of an instant in a time zone. */
export function localParts(date: Date, tz = LONDON): LocalParts {
  const time = date.getTime();
  if (tz === LONDON) {
    const local = londonTime(time);
    const day = Math.floor(local / DAY_MS);
    return { day, minutes: Math.floor((local - day * DAY_MS) / 60_000) };
  }
  const zone = zoneCache(parts, tz, PARTS_KEPT);
  let p = zone.get(time);
  if (!p) {
    const t = new TZDate(time, tz);
    p = { day: Date.UTC(t.getFullYear(), t.getMonth(), t.getDate()) / DAY_MS, minutes: t.getHours() * 60 + t.getMinutes() };
    zone.set(time, p);
  }
  return p;
}

/**
 * Instants already converted, by zone (other than London's) and then local
 * day and minute: cards and calendars ask for the same few day-times again
 * and again, and each conversion costs Intl calls, enough to be a quarter of
 * the first render of 40 cards without this cache.
 */
const instants = new Map<string, Map<number, number>>();

/** Instants kept per zone before the cache starts again. */
const INSTANTS_KEPT = 50_000;

/** The cache of zone `tz`, started again once it holds more than `max`: a page left open keeps asking for new times. */
function zoneCache<V>(caches: Map<string, Map<number, V>>, tz: string, max: number): Map<number, V> {
  let zone = caches.get(tz);
  if (!zone || zone.size > max) caches.set(tz, (zone = new Map()));
  return zone;
}

/** Local day + minutes in a time zone → instant. */
export function instantOf(day: number, minutes: number, tz = LONDON): Date {
  if (tz === LONDON) return new Date(londonInstant(day * DAY_MS + Math.trunc(minutes) * 60_000));
  const convert = () => {
    const { y, m, d } = ymdOf(day);
    return +new TZDate(y, m, d, Math.floor(minutes / 60), minutes % 60, tz);
  };
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) return new Date(convert());
  const zone = zoneCache(instants, tz, INSTANTS_KEPT);
  const key = day * 1441 + minutes;
  let t = zone.get(key);
  if (t === undefined) zone.set(key, (t = convert()));
  return new Date(t);
}

// ---------- compiled rules ----------

export interface Rule {
  schedule: Schedule;
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  /** Weekday bitmask from BYDAY entries without nth. */
  dayMask: number;
  nth: Array<{ wd: number; nth: number }>;
  monthDays: number[];
  start?: number;
  /** Day that INTERVAL and COUNT count from: dtstart, else validFrom. */
  anchor?: number;
  /** Inclusive day window from validFrom/validTo/dtstart/until/count. */
  from?: number;
  to?: number;
  opens?: number;
  closes?: number;
  tz: string;
  wkst: number;
}

interface CompiledClosure {
  from: number;
  to: number;
  closed: boolean;
  opens?: number;
  closes?: number;
}

export interface CompiledService {
  rules: Rule[];
  closures: CompiledClosure[];
  sessions: Array<{ start: Date; end?: Date; session: Session }>;
  /** Readable rules or sessions exist: the service states when it runs. */
  known: boolean;
}

function firesRaw(rule: Rule, day: number): boolean {
  if (rule.start !== undefined && day < rule.start) return false;
  const wd = weekdayOf(day);
  const anchor = rule.anchor ?? day;
  switch (rule.freq) {
    case 'DAILY':
      if (rule.interval > 1 && (day - anchor) % rule.interval !== 0) return false;
      return rule.dayMask === 0 || (rule.dayMask & (1 << wd)) !== 0;
    case 'WEEKLY': {
      if (rule.interval > 1) {
        const align = (d: number) => d - ((weekdayOf(d) - rule.wkst + 7) % 7);
        if (((align(day) - align(anchor)) / 7) % rule.interval !== 0) return false;
      }
      return (rule.dayMask & (1 << wd)) !== 0;
    }
    case 'MONTHLY': {
      const { y, m, d } = ymdOf(day);
      if (rule.interval > 1) {
        const s = ymdOf(anchor);
        if (((y - s.y) * 12 + (m - s.m)) % rule.interval !== 0) return false;
      }
      const dim = daysInMonth(y, m);
      // BYDAY and BYMONTHDAY together mean both (RFC 5545: "Friday the 13th").
      if (rule.dayMask || rule.nth.length) {
        let byDay = (rule.dayMask & (1 << wd)) !== 0;
        for (const n of rule.nth) {
          if (byDay) break;
          if (n.wd === wd) byDay = n.nth > 0 ? Math.ceil(d / 7) === n.nth : Math.ceil((dim - d + 1) / 7) === -n.nth;
        }
        if (!byDay) return false;
      }
      if (rule.monthDays.length) return rule.monthDays.some((md) => (md > 0 ? md : dim + md + 1) === d);
      return true;
    }
    case 'YEARLY': {
      if (rule.start === undefined) return false;
      const a = ymdOf(day);
      const s = ymdOf(rule.start);
      if (rule.interval > 1 && (a.y - s.y) % rule.interval !== 0) return false;
      return a.m === s.m && a.d === s.d;
    }
  }
}

/** Whether a rule's pattern (ignoring closures) falls on a local day. */
export function fires(rule: Rule, day: number): boolean {
  if (rule.from !== undefined && day < rule.from) return false;
  if (rule.to !== undefined && day > rule.to) return false;
  return firesRaw(rule, day);
}

const later = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
const earlier = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));

/** How far ahead a COUNT is counted, in days (about 30 years). */
const COUNT_DAYS = 11_000;

/** Reads a schedule; undefined when it cannot be turned into dates (e.g. only a description). */
export function compileRule(schedule: Schedule): Rule | undefined {
  const start = dayNumber(schedule.dtstart);
  const freq = schedule.freq ?? (schedule.byday?.length ? 'WEEKLY' : undefined);
  if (!freq) return undefined;
  let dayMask = 0;
  const nth: Rule['nth'] = [];
  for (const r of schedule.byday ?? []) {
    const wd = WEEKDAYS.indexOf(r.day);
    if (wd < 0) continue;
    if (r.nth && freq === 'MONTHLY') nth.push({ wd, nth: r.nth });
    else dayMask |= 1 << wd;
  }
  const monthDays = (schedule.bymonthday ?? []).filter((d) => Number.isInteger(d) && d !== 0 && Math.abs(d) <= 31);
  if (freq === 'WEEKLY' && dayMask === 0) {
    if (start === undefined) return undefined;
    dayMask = 1 << weekdayOf(start);
  }
  if (freq === 'MONTHLY' && dayMask === 0 && nth.length === 0 && monthDays.length === 0) {
    if (start === undefined) return undefined;
    monthDays.push(ymdOf(start).d);
  }
  if (freq === 'YEARLY' && start === undefined) return undefined;
  const interval = schedule.interval && schedule.interval > 1 ? Math.floor(schedule.interval) : 1;
  const validFrom = dayNumber(schedule.validFrom);
  const anchor = start ?? validFrom;
  // "Every other week" or "twice" with nothing to count from: which dates is not known.
  if ((interval > 1 || (schedule.count && schedule.count > 0)) && anchor === undefined) return undefined;
  const validTo = dayNumber(schedule.validTo);
  const until = dayNumber(schedule.until);
  const rule: Rule = {
    schedule,
    freq,
    interval,
    dayMask,
    nth,
    monthDays,
    start,
    anchor,
    from: later(validFrom, start),
    to: earlier(validTo, until),
    opens: minutesOf(schedule.opensAt),
    closes: minutesOf(schedule.closesAt),
    tz: schedule.timezone || LONDON,
    wkst: schedule.wkst ? Math.max(0, WEEKDAYS.indexOf(schedule.wkst)) : 0,
  };
  if (schedule.count && schedule.count > 0 && schedule.count <= COUNT_DAYS && anchor !== undefined) {
    // COUNT, best effort: find the day of the last counted occurrence (capped at ~30 years: a larger count,
    // one a day at most, cannot end within them).
    let seen = 0;
    for (let day = anchor; day < anchor + COUNT_DAYS; day++) {
      if (firesRaw(rule, day) && ++seen >= schedule.count) {
        rule.to = rule.to === undefined ? day : Math.min(rule.to, day);
        break;
      }
    }
  }
  return rule;
}

function compileClosure(c: Closure): CompiledClosure | undefined {
  const from = dayNumber(c.startDate);
  const to = dayNumber(c.endDate) ?? from;
  if (from === undefined || to === undefined) return undefined;
  return { from, to, closed: c.closed, opens: minutesOf(c.opensAt), closes: minutesOf(c.closesAt) };
}

const compiledCache = new WeakMap<Service, CompiledService>();

/** The service's schedules, closures and sessions in a form that is quick to evaluate (cached per object). */
export function compileService(service: Service): CompiledService {
  let c = compiledCache.get(service);
  if (c) return c;
  const rules = (service.schedules ?? []).map(compileRule).filter((r): r is Rule => r !== undefined);
  const closures = (service.closures ?? []).map(compileClosure).filter((x): x is CompiledClosure => x !== undefined);
  const sessions: CompiledService['sessions'] = [];
  // Times are known when a rule or a session can be read: a cancelled session says when it would have been, an unreadable one nothing.
  let dated = rules.length > 0;
  for (const session of service.sessions ?? []) {
    const start = new Date(session.start);
    if (Number.isNaN(+start)) continue;
    dated = true;
    if (session.cancelled) continue;
    const end = session.end ? new Date(session.end) : undefined;
    sessions.push({ start, end: end && !Number.isNaN(+end) ? end : undefined, session });
  }
  sessions.sort((a, b) => +a.start - +b.start);
  c = { rules, closures, sessions, known: dated };
  compiledCache.set(service, c);
  return c;
}

function closureOn(c: CompiledService, day: number): CompiledClosure | undefined {
  for (const x of c.closures) if (day >= x.from && day <= x.to) return x;
  return undefined;
}

/** Opening window of a rule on a day after closures; undefined when closed that day. */
function windowOn(c: CompiledService, rule: Rule, day: number): { opens?: number; closes?: number } | undefined {
  if (!fires(rule, day)) return undefined;
  const closure = closureOn(c, day);
  if (closure?.closed) return undefined;
  if (closure && closure.opens !== undefined) return { opens: closure.opens, closes: closure.closes };
  return { opens: rule.opens, closes: rule.closes };
}

function sessionRule(s: { start: Date; end?: Date; session: Session }): Schedule {
  const p = localParts(s.start);
  const { y, m, d } = ymdOf(p.day);
  const hhmm = (x: number) => `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
  const ymd = `${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return {
    dtstart: ymd,
    count: 1,
    opensAt: hhmm(p.minutes),
    closesAt: s.end ? hhmm(localParts(s.end).minutes) : undefined,
    description: 'Session',
    locationId: s.session.locationId,
  };
}

/**
 * Every occurrence overlapping [from, to), sorted by start: recurring rules
 * (closures removed, validity honoured) and the service's dated sessions.
 * Schedules that only have a description produce nothing.
 */
export function occurrences(service: Service, from: Date, to: Date): Occurrence[] {
  return listOccurrences(service, from, to, false);
}

/**
 * `occurrences`; with `firstOfEach`, only each rule's first and the first session: a rule's occurrences come a
 * day at a time in the order they start, so the first of the list is among them. Each date costs an Intl
 * conversion: a card's whole horizon of them was about half of a results list's first render in a CPU profile.
 */
function listOccurrences(service: Service, from: Date, to: Date, firstOfEach: boolean): Occurrence[] {
  const c = compileService(service);
  const out: Occurrence[] = [];
  for (const rule of c.rules) {
    const first = localParts(from, rule.tz).day - 1;
    const last = localParts(to, rule.tz).day;
    for (let day = first; day <= last; day++) {
      const w = windowOn(c, rule, day);
      if (!w) continue;
      const allDay = w.opens === undefined;
      const opens = w.opens ?? 0;
      const start = instantOf(day, opens, rule.tz);
      let end: Date | undefined;
      if (w.closes !== undefined && !allDay && w.closes !== opens) {
        end = w.closes > opens ? instantOf(day, w.closes, rule.tz) : instantOf(day + 1, w.closes, rule.tz);
      }
      if (start < to && (end ? end > from : start >= from)) {
        out.push(allDay ? { start, schedule: rule.schedule, allDay } : { start, end, schedule: rule.schedule });
        if (firstOfEach) break;
      }
    }
  }
  for (const s of c.sessions) {
    if (s.start < to && (s.end ? s.end > from : s.start >= from)) {
      out.push({ start: s.start, end: s.end, schedule: sessionRule(s), session: s.session });
      if (firstOfEach) break; // sessions are sorted by start
    }
  }
  // A stable sort: occurrences that start together stay in the order of their rules.
  return out.sort((a, b) => +a.start - +b.start);
}

/**
 * The next time the service opens (or the session under way), searching up
 * to `HORIZON_DAYS` ahead of `now`.
 */
export function nextOpening(service: Service, now: Date): { start: Date; end?: Date; allDay?: boolean; remaining?: number } | undefined {
  const o = listOccurrences(service, now, new Date(now.getTime() + HORIZON_DAYS * DAY_MS), true)[0];
  if (!o) return undefined;
  if (o.allDay) return { start: o.start, allDay: true };
  const next: { start: Date; end?: Date; remaining?: number } = o.end ? { start: o.start, end: o.end } : { start: o.start };
  // A session's places left, as its feed states them: 0 is full.
  if (o.session?.remaining !== undefined) next.remaining = o.session.remaining;
  return next;
}

export type Tri = 'yes' | 'no' | 'unknown';

/** Does the service run on this local day (Europe/London)? Unknown when it states no readable times. */
export function runsOn(service: Service, day: number, bounds?: { from: Date; to: Date }): Tri {
  const c = compileService(service);
  if (!c.known) return 'unknown';
  for (const rule of c.rules) if (windowOn(c, rule, day)) return 'yes';
  if (c.sessions.length) {
    const from = bounds?.from ?? instantOf(day, 0);
    const to = bounds?.to ?? instantOf(day + 1, 0);
    for (const s of c.sessions) if (s.start < to && (s.end ?? s.start) >= from) return 'yes';
  }
  return 'no';
}

/**
 * Is the service open at this instant? Unknown when it states no readable
 * times or the day's times are missing. `local` caches the local day and
 * minute of `now` per time zone across many calls.
 */
export function openAt(service: Service, now: Date, local = new Map<string, { day: number; minutes: number }>()): Tri {
  if (service.status === 'temporarily-closed') return 'no';
  const c = compileService(service);
  if (!c.known) return 'unknown';
  let unknown = false;
  for (const rule of c.rules) {
    let p = local.get(rule.tz);
    if (!p) local.set(rule.tz, (p = localParts(now, rule.tz)));
    const today = windowOn(c, rule, p.day);
    if (today) {
      if (today.opens === undefined) unknown = true;
      else if (today.closes === undefined || today.closes === today.opens) {
        if (p.minutes >= today.opens) unknown = true;
      } else if (today.closes > today.opens) {
        if (p.minutes >= today.opens && p.minutes < today.closes) return 'yes';
      } else if (p.minutes >= today.opens) return 'yes';
    }
    const yesterday = windowOn(c, rule, p.day - 1);
    if (
      yesterday &&
      yesterday.opens !== undefined &&
      yesterday.closes !== undefined &&
      yesterday.closes < yesterday.opens &&
      p.minutes < yesterday.closes
    ) {
      return 'yes';
    }
  }
  for (const s of c.sessions) {
    if (s.start <= now && s.end && s.end > now) return 'yes';
  }
  return unknown ? 'unknown' : 'no';
}

export const PART_BOUNDS = { morning: [0, 720], afternoon: [720, 1020], evening: [1020, 1440] } as const;

/** Bit of each part of the day in `partsMask` and `WeeklyPattern.parts`. */
export const PART_BITS: Record<PartOfDay, number> = { morning: 1, afternoon: 2, evening: 4 };

/** The parts of the day (PART_BITS) that a time from `opens` to `closes` (minutes; none: a start only) touches. */
export function partsMask(opens: number, closes: number | undefined): number {
  let mask = 0;
  const bounds = [PART_BOUNDS.morning, PART_BOUNDS.afternoon, PART_BOUNDS.evening];
  bounds.forEach(([a, b], i) => {
    const hit = closes === undefined || closes === opens ? opens >= a && opens < b : closes > opens ? opens < b && closes > a : opens < b; // runs past midnight: from opens to the end of the day
    if (hit) mask |= 1 << i;
  });
  return mask;
}

/**
 * The weekly shape of a service for day/part-of-day filtering: which
 * weekdays it can run on, which parts of each day (bit 0 morning, 1
 * afternoon, 2 evening), and which days have a rule without times.
 */
export interface WeeklyPattern {
  known: boolean;
  days: number;
  parts: number[];
  partsUnknown: number;
}

/** The weekdays a rule can fire on (bit 0 Monday); every day for a daily rule without days, a yearly one, or days of the month. */
export function ruleDays(rule: Rule): number {
  let bits = rule.dayMask;
  for (const n of rule.nth) bits |= 1 << n.wd;
  if ((rule.freq === 'DAILY' && bits === 0) || (rule.monthDays.length && !bits) || rule.freq === 'YEARLY') return 0x7f;
  return bits;
}

export function weeklyPattern(service: Service): WeeklyPattern {
  const c = compileService(service);
  const pattern: WeeklyPattern = { known: c.known, days: 0, parts: [0, 0, 0, 0, 0, 0, 0], partsUnknown: 0 };
  const add = (dayBits: number, opens: number | undefined, closes: number | undefined) => {
    pattern.days |= dayBits;
    for (let wd = 0; wd < 7; wd++) {
      if (!(dayBits & (1 << wd))) continue;
      if (opens === undefined) pattern.partsUnknown |= 1 << wd;
      else pattern.parts[wd] |= partsMask(opens, closes);
    }
  };
  for (const rule of c.rules) add(ruleDays(rule), rule.opens, rule.closes);
  for (const s of c.sessions) {
    const p = localParts(s.start);
    add(1 << weekdayOf(p.day), p.minutes, s.end ? localParts(s.end).minutes : undefined);
  }
  return pattern;
}
