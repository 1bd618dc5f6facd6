import type { DirectoryRef, Service } from './service.js';

/** A record that went into a blended service. */
export interface SourceRecord {
  key: string;
  directory: DirectoryRef;
  /** `YYYY-MM-DD` this directory last checked its record (assured, else modified), when it says. */
  checked?: string;
}

/**
 * One real-world service after blending: the richest fields of every record
 * that describes it. `key` and `directory` are those of the first record;
 * `sources` lists every record merged into it, the first included.
 */
export interface BlendedService extends Service {
  sources: SourceRecord[];
}

/** The fields a query filters on, used to explain why a result is listed. */
export type FilterField =
  | 'text'
  | 'need'
  | 'age'
  | 'access'
  | 'attendance'
  | 'accessibility'
  | 'eligibility'
  | 'category'
  | 'availability'
  | 'distance'
  | 'cost'
  | 'freshness'
  | 'completeness';

/**
 * Why a result is listed, one per filter in the query: it matched, or the
 * record does not state the field ("unknown is not no"). `detail` is short
 * English for the CLI and logs ("matches 18–65"); elements render their own
 * words from `field`, `state` and `params`.
 */
export interface Explanation {
  field: FilterField;
  state: 'match' | 'unknown';
  detail: string;
  params?: Record<string, string | number>;
}

export interface Result {
  service: BlendedService;
  /** Higher is better; only meaningful within one search. */
  score: number;
  /** From the query's point to the nearest location, when both are known. */
  distanceKm?: number;
  explanations: Explanation[];
  /** True when at least one filtered field is not stated: listed after the full matches. */
  partial: boolean;
}
