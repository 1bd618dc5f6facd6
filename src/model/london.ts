/**
 * Europe/London's clock by arithmetic, not Intl: the first Intl date format a page makes starts ICU's date and
 * time zone data, 30 to 53 ms in a fresh Chromium page on a 2-core machine, which a finder would pay before its first names (the next
 * opening on a card, the day it falls on). British Summer Time begins at 01:00 UTC on the last Sunday of March
 * and ends at 01:00 UTC on the last Sunday of October (the rule since 1996; earlier years are read by it too,
 * and the finder shows no times from them). Other time zones go through Intl (@date-fns/tz).
 */
import { DAY_MS } from './time.js';

export const LONDON = 'Europe/London';

const HOUR_MS = 3_600_000;

/** 01:00 UTC on the last Sunday of a month (0 = January) of a year. */
function lastSundayOneAm(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0);
  return lastDay - new Date(lastDay).getUTCDay() * DAY_MS + HOUR_MS;
}

/** The year last asked about, from its first instant to the next year's, and its summer time. */
let year = { from: 0, to: 0, summer: 0, winter: 0 };

/** Milliseconds Europe/London is ahead of UTC at an instant: an hour in summer time, else none. */
export function londonOffset(time: number): number {
  // Thousands of instants a search, nearly all in one year: its changes are worked out once.
  if (!(time >= year.from && time < year.to)) {
    const y = new Date(time).getUTCFullYear();
    year = { from: Date.UTC(y, 0, 1), to: Date.UTC(y + 1, 0, 1), summer: lastSundayOneAm(y, 2), winter: lastSundayOneAm(y, 9) };
  }
  return time >= year.summer && time < year.winter ? HOUR_MS : 0;
}

/** What London's clocks read at an instant, as milliseconds whose UTC reading is that wall-clock time. */
export const londonTime = (time: number): number => time + londonOffset(time);

/** An instant's date and time on London's clocks, as a Date whose UTC fields read them. */
export function londonClock(time: number): Date {
  return new Date(londonTime(time));
}

/**
 * The instant London's clocks read `local` (a time whose UTC fields are the wall-clock reading). A reading
 * that happens twice (the hour after 01:00 on the last Sunday of October) is the second, in Greenwich time;
 * one that never happens (the hour after 01:00 on the last Sunday of March) is read as the hour after. Both
 * as @date-fns/tz reads them, which the finder uses for other time zones.
 */
export function londonInstant(local: number): number {
  return londonOffset(local) && londonOffset(local - HOUR_MS) ? local - HOUR_MS : local;
}
