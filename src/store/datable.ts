/**
 * What "Add to calendar" needs to know on every render, without the iCalendar writer (./ics.ts, loaded
 * when a file is asked for): whether a schedule gives dates, whether a series file can be written, and a
 * service's cancelled sessions (which calendars list, struck through).
 */
import type { Schedule, Service, Session } from '../model/index.js';
import { compileRule, fires, isoDay, localParts, type Occurrence, type Rule } from '../engine/schedule.js';

/**
 * Whether a schedule gives dates without guessing: it can be read, and an
 * "every other week" or "ten sessions" rule says when it starts (without a
 * start, which weeks is not known).
 */
export function datable(schedule: Schedule): boolean {
  let known = datableCache.get(schedule);
  if (known === undefined) {
    const rule = compileRule(schedule);
    // INTERVAL and COUNT are written as whole numbers: a schedule whose numbers are not cannot be written.
    const whole = Number.isSafeInteger(rule?.interval) && (schedule.count === undefined || Number.isSafeInteger(schedule.count));
    known = !!rule && whole && !((rule.interval > 1 || (schedule.count ?? 0) > 0) && rule.start === undefined);
    datableCache.set(schedule, known);
  }
  return known;
}
const datableCache = new WeakMap<Schedule, boolean>();

/** A series file's first date: the rule's first from its start (or from today when it has none), if any. */
export function firstDay(rule: Rule, now: Date): number | undefined {
  const from = rule.from ?? localParts(now, rule.tz).day;
  for (let day = from; day <= from + 800 && (rule.to === undefined || day <= rule.to); day++) if (fires(rule, day)) return day;
  return undefined;
}

/**
 * Whether `icsForSeries` gives a file for the schedule, without writing it
 * (what an "add to calendar" button needs to know on every render).
 */
export function seriesExportable(schedule: Schedule, now: Date = new Date()): boolean {
  return datable(schedule) && firstDay(compileRule(schedule)!, now) !== undefined;
}

/** Cancelled dated sessions in [from, to): the engine leaves them out of `occurrences`. */
export function cancelledSessions(service: Service, from: Date, to: Date): Array<Occurrence & { cancelled: true }> {
  const out: Array<Occurrence & { cancelled: true }> = [];
  for (const session of service.sessions ?? []) {
    if (!session.cancelled) continue;
    const start = new Date(session.start);
    if (Number.isNaN(+start)) continue;
    const endRaw = session.end ? new Date(session.end) : undefined;
    const end = endRaw && !Number.isNaN(+endRaw) ? endRaw : undefined;
    if (!(start < to && (end ? end > from : start >= from))) continue;
    out.push({ start, end, schedule: sessionSchedule(session, start, end), session, cancelled: true });
  }
  return out;
}

function sessionSchedule(session: Session, start: Date, end: Date | undefined): Schedule {
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const p = localParts(start);
  return {
    dtstart: isoDay(p.day),
    count: 1,
    opensAt: hhmm(p.minutes),
    closesAt: end ? hhmm(localParts(end).minutes) : undefined,
    locationId: session.locationId,
  };
}
