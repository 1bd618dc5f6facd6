/**
 * What the configurator lets a web editor choose, one entry a line: the element attribute each choice writes,
 * how it is asked, and where it goes on the form. A new preset (the `need` attribute, when its vocabulary
 * lands) is one more line here; the form, the preview, the HTML and the shortcode all follow this list.
 */
import { ACCESS_TYPES, AGE_BANDS, ATTENDANCE_MODES, REQUIRE_FIELDS } from '../../src/model/index.js';
import { en } from '../../src/i18n/index.js';

/** A text box, a number, an address, one of a list, several of a list, or a yes/no. */
export type PresetKind = 'text' | 'number' | 'url' | 'choice' | 'words' | 'flag';
/** The part of the form a preset sits in. */
export type PresetGroup = 'place' | 'filters' | 'show' | 'services';
/** A choice: text for text, number, url and choice; the chosen values for words; yes or no for a flag. */
export type PresetValue = string | boolean | readonly string[];
/** `[value, label]`. */
export type Option = readonly [value: string, label: string];

export interface Preset {
  /** The `<service-finder>` attribute it writes. */
  attr: string;
  kind: PresetKind;
  group: PresetGroup;
  label: string;
  hint?: string;
  /** The values offered for a choice or words. */
  options?: readonly Option[];
  /** Offered from what the checked directories use, not from a fixed list. */
  offered?: 'categories';
  /** How the element separates several words in the attribute. */
  separator?: ' ' | ',';
  /** The element's own default: choosing it writes nothing. */
  default?: string;
}

type Extra = Partial<Pick<Preset, 'options' | 'offered' | 'separator' | 'default'>>;
const preset =
  (kind: PresetKind) =>
  (attr: string, group: PresetGroup, label: string, hint?: string, extra: Extra = {}): Preset => ({
    attr,
    kind,
    group,
    label,
    hint,
    ...extra,
  });
const text = preset('text');
const number = preset('number');
const url = preset('url');
const choice = preset('choice');
const words = preset('words');
const flag = preset('flag');

const labelled = <T extends string>(values: readonly T[], labels: Record<T, string>): Option[] => values.map((v) => [v, labels[v]]);

const VIEWS: Option[] = [
  ['list', 'List'],
  ['map', 'Map'],
  ['calendar', 'Calendar'],
];
const LANGUAGES: Option[] = [
  ['en', 'English'],
  ['cy', 'Welsh (Cymraeg)'],
];
const URL_STATES: Option[] = [
  ['on', 'Yes, without the place or age (people can share a search and go back)'],
  ['full', 'Yes, with the place and age'],
  ['off', 'No'],
];

export const PRESETS: readonly Preset[] = [
  text('near', 'place', 'Postcode or place', 'A postcode (CF62), a place name or "latitude,longitude". Empty: people say where.'),
  number('radius', 'place', 'Distance from the place, in miles', 'Leave empty for any distance.'),
  choice('age', 'filters', 'Age group', undefined, { options: labelled(AGE_BANDS, en.ageBands) }),
  words('access', 'filters', 'How people can use it', undefined, { options: labelled(ACCESS_TYPES, en.access) }),
  words('category', 'filters', 'Type of service', 'The types the checked directories use.', { offered: 'categories', separator: ',' }),
  flag('free', 'filters', 'Free services only'),
  flag('strict', 'filters', 'Leave out services that do not say whether they match'),
  text('date', 'filters', 'On a date', 'YYYY-MM-DD: services that run that day. Empty: any day.'),
  flag('open-now', 'filters', 'Open now (when the page is opened)'),
  words('attendance', 'filters', 'How people take part', undefined, { options: labelled(ATTENDANCE_MODES, en.attendance) }),
  flag('hide-stale', 'filters', 'Hide listings that may be out of date'),
  words(
    'require',
    'filters',
    'Only listings that say',
    'For example what it is, how to get in touch and how to get in: enough to refer someone.',
    {
      options: labelled(REQUIRE_FIELDS, en.require),
    },
  ),
  words('view', 'show', 'Views', 'With none ticked, the list.', { options: VIEWS, default: 'list' }),
  choice('lang', 'show', 'Language', 'Unless chosen, the language of the page.', { options: LANGUAGES }),
  flag('hide-search', 'show', 'Hide the search form (people see only the presets’ results)'),
  choice('url-state', 'show', 'Keep the search in the page address', undefined, { options: URL_STATES, default: 'on' }),
  url('geocoder', 'services', 'Postcode look-up service', 'A postcodes.io-compatible address. Leave empty for postcodes.io.'),
  url('places', 'services', 'Place names', 'The address of a JSON list of place names and their points.'),
  url('map-tiles', 'services', 'Map tiles', 'A tile address with {z}, {x} and {y}. Leave empty for OpenStreetMap.'),
  text('map-attribution', 'services', 'Map attribution', 'Who the tiles are from, shown on the map. Needed with your own tiles.'),
];

/** The form's parts, in order, with their headings. */
export const GROUPS: ReadonlyArray<readonly [PresetGroup, string]> = [
  ['place', 'Where'],
  ['filters', 'Filters'],
  ['show', 'What to show'],
  ['services', 'Look-up and map services'],
];
