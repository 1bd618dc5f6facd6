import type { BlendedService } from '../../model/index.js';
import type { Occurrence } from '../../engine/schedule.js';

export type CalendarView = 'agenda' | 'week' | 'month';
export const CALENDAR_VIEWS: readonly CalendarView[] = ['agenda', 'week', 'month'];

/** One dated occurrence of one result, on a local (Europe/London) day. */
export interface CalendarItem {
  id: string;
  service: BlendedService;
  occurrence: Occurrence;
  cancelled: boolean;
  /** Local day number (days since 1970-01-01). */
  day: number;
}

/** `value` if it names a calendar view, otherwise undefined (the element picks its default). */
export function calendarView(value: unknown): CalendarView | undefined {
  return CALENDAR_VIEWS.find((v) => v === value);
}
