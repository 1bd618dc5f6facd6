import { CALENDAR_VIEWS, type CalendarView } from '../sf-calendar/views.js';
import { listProp } from './props.js';

/** What a `<service-finder view="…">` shows. */
export interface FinderViews {
  /** The words given, as given. */
  names: string[];
  /** `none`: nothing shown, the finder only holds the state for elements placed elsewhere. */
  none: boolean;
  /** The list: asked for, or shown because neither the map nor the calendar was. */
  list: boolean;
  map: boolean;
  calendar: boolean;
  /** How the calendar starts (`agenda`, `week`, `month`), when one of them is given. */
  calendarView?: CalendarView;
}

/** Reads the `view` attribute (or property): words separated by spaces or commas, or an array of them. */
export function finderViews(host: Element, value: unknown): FinderViews {
  const names = listProp(host, 'view', value);
  const has = (name: string) => names.includes(name);
  const map = has('map');
  const calendar = has('calendar');
  return {
    names,
    none: has('none'),
    list: has('list') || !(map || calendar),
    map,
    calendar,
    calendarView: CALENDAR_VIEWS.find(has),
  };
}
