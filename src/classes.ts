/**
 * `service-finder-elements/classes`: the elements' classes, events and types, and the data layer, without
 * defining any element. For a page that defines the tags itself (other names, a scoped registry, a subclass)
 * or only later (`defineAll()`); `import 'service-finder-elements'` gives the same and defines them.
 */
export { ServiceFinder } from './components/service-finder/service-finder.js';
export { SfSearch } from './components/sf-search/sf-search.js';
export { SfResults } from './components/sf-results/sf-results.js';
export { SfService } from './components/sf-service/shell.js';
export { SfShortlist } from './components/sf-shortlist/sf-shortlist.js';
export { SfCalendar, CALENDAR_VIEWS, type CalendarView, type CalendarItem } from './components/sf-calendar/sf-calendar.js';
export { icsForOccurrence, icsForSeries, icsForShortlist, icsFilename, datable, type IcsOptions } from './store/ics.js';
export { SfMap, OSM_TILES, OSM_ATTRIBUTION } from './components/sf-map/sf-map.js';
export { FinderElement } from './components/finder-element.js';
export { finderContext } from './components/context.js';
export { FinderUi, uiFor } from './components/finder-ui.js';
export { SfSearchEvent, SfResultsEvent, SfSelectEvent, SfSourceErrorEvent, SfShowListEvent } from './components/events.js';
export { en, Localizer, localizer, loadCatalogue, resolveLang, langFrom, type Catalogue, type Lang, type Plural } from './i18n/index.js';
export { cy } from './i18n/cy.js';
export { Shortlist, sharedKeys, SHORTLIST_KEY, type ShortlistItem, type ShortlistOptions } from './store/shortlist.js';
export {
  UrlStateSync,
  queryToParams,
  paramsToQuery,
  parseUrlStateMode,
  hasUrlState,
  withParams,
  URL_KEYS,
  type UrlState,
  type UrlStateMode,
} from './store/url-state.js';
export { ELEMENTS, define, defineAll } from './registry.js';
export * from './data.js';
