/**
 * Every element and its tag, and the define guard: defining a tag that something already has (two WordPress
 * plugins loading the bundle, two copies of the package in one app) leaves it alone instead of throwing.
 */
import { ServiceFinder } from './components/service-finder/service-finder.js';
import { SfSearch } from './components/sf-search/sf-search.js';
import { SfResults } from './components/sf-results/sf-results.js';
import { SfService } from './components/sf-service/shell.js';
import { SfShortlist } from './components/sf-shortlist/sf-shortlist.js';
import { SfCalendar } from './components/sf-calendar/sf-calendar.js';
// Small: Leaflet and the clustering are imported by <sf-map> itself when a map is first shown.
import { SfMap } from './components/sf-map/sf-map.js';

export const ELEMENTS = {
  'service-finder': ServiceFinder,
  'sf-search': SfSearch,
  'sf-results': SfResults,
  'sf-service': SfService,
  'sf-shortlist': SfShortlist,
  'sf-calendar': SfCalendar,
  'sf-map': SfMap,
} as const;

/** Defines `tag` as `ctor` unless something already has that name. Returns whether it defined it. */
export function define(tag: string, ctor: CustomElementConstructor): boolean {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return false;
  try {
    customElements.define(tag, ctor);
    return true;
  } catch {
    // Another copy won a race, or this constructor is already registered under another name.
    return false;
  }
}

/** Defines every element under its tag (`ELEMENTS`), leaving alone any tag already defined. */
export function defineAll(): void {
  for (const [tag, ctor] of Object.entries(ELEMENTS)) define(tag, ctor);
}
