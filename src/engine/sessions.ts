import type { Query } from '../model/index.js';
import { dayNumber, localParts, partsMask, weekdayOf, type Occurrence } from './schedule.js';
import { whenBits } from './search.js';

const MINUTE_MS = 60_000;

/**
 * The query's days, parts of the day and date applied to one dated session (`day` its local day number), for
 * lists of sessions such as the calendar: a service kept because it runs on Mondays shows only its Monday
 * sessions. The same bits as the availability filter of `search`;
 * a module of its own so that pages without such a list do not load it.
 */
export function sessionFilter(query: Query): (o: Occurrence, day: number) => boolean {
  const { dayBits, partBits } = whenBits(query);
  const date = dayNumber(query.date);
  return (o, day) => {
    if (date !== undefined && day !== date) return false;
    if (!(dayBits & (1 << weekdayOf(day)))) return false;
    if (partBits && !o.allDay) {
      const opens = localParts(o.start).minutes;
      if (!(partsMask(opens, o.end ? opens + (+o.end - +o.start) / MINUTE_MS : undefined) & partBits)) return false;
    }
    return true;
  };
}
