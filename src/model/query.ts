import type { AccessType, AttendanceMode, Weekday } from './service.js';

export const AGE_BANDS = ['0-4', '5-11', '12-17', '18-25', '26-64', '65+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const PARTS_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export type PartOfDay = (typeof PARTS_OF_DAY)[number];

/** Fields a record can be required to state (`require`): each is a check in engine/quality.ts `states`. */
export const REQUIRE_FIELDS = ['times', 'location', 'contact', 'ages', 'access', 'cost', 'description'] as const;
export type RequireField = (typeof REQUIRE_FIELDS)[number];

/** A date as `date` takes it: `YYYY-MM-DD`. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const SORTS = ['relevance', 'distance', 'name', 'checked'] as const;
export type Sort = (typeof SORTS)[number];

/**
 * Venue accessibility and support a person can ask for. A record states them in its venues' accessibility
 * notes and amenities, or in OpenActive `accessibilitySupport`; one that states none is "not stated".
 */
export const ACCESSIBILITY_FEATURES = [
  'step-free',
  'hearing-loop',
  'accessible-toilet',
  'visual-impairment',
  'hearing-impairment',
  'learning-disability',
] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];

export interface LatLng {
  lat: number;
  lng: number;
}

/**
 * What a person asked for. Every field is optional: an empty query matches
 * everything. Filters drop only records known not to match; records that do
 * not state the field are kept after the matches unless `strict` is set.
 */
export interface Query {
  /** Free text: word-prefix, case- and accent-insensitive, with synonyms. */
  text?: string;
  /** Needs by id in the needs vocabulary (`lonely`, `money-debt`): services meeting any of them. */
  needs?: string[];
  /** A person's age in years. */
  age?: number;
  /** Or an age band. */
  ageBand?: AgeBand;
  access?: AccessType[];
  attendance?: AttendanceMode[];
  /** Venue accessibility or support, any of them (step-free access, a hearing loop…). */
  accessibility?: AccessibilityFeature[];
  /** Eligibility terms or circumstances, by name. */
  eligibility?: string[];
  /** Category (taxonomy term) names. */
  categories?: string[];
  days?: Weekday[];
  partsOfDay?: PartOfDay[];
  /** Open at the moment the query is evaluated. */
  openNow?: boolean;
  /** Runs on this date, `YYYY-MM-DD`, Europe/London. */
  date?: string;
  /** A resolved point. The store turns a postcode or place name into this. */
  near?: LatLng;
  /** What the person typed for the place (postcode, place name, "lat,lng"). */
  place?: string;
  radiusKm?: number;
  free?: boolean;
  /** Drop records that do not state a filtered field, instead of listing them after the matches. */
  strict?: boolean;
  /**
   * Order of the results (full matches always before partial ones). `relevance`: how well the words
   * match (a name before other terms, whole words before beginnings), then, with a place, the nearer,
   * and records checked within the year and more complete. Default: `relevance` with words, else
   * `distance` with a place, else `name`.
   */
  sort?: Sort;
  /** Hide records not checked for over a year. */
  hideStale?: boolean;
  /** Only records that state all of these (completeness filter). */
  require?: RequireField[];
}
