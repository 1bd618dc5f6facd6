/**
 * The engine: pure functions over the normalised model, for Node and
 * browsers alike (no DOM). Blend + dedup, index + search, schedules, geo,
 * text, freshness and completeness.
 */
export { createBlender, type Blender, type BlendPairs } from './blend.js';
export { blendRecords } from './dedup/merge.js';
export { normaliseUrl, normalisePhone, normalisePostcode } from './dedup/keys.js';
export {
  explainBlend,
  explainMatch,
  isNearMiss,
  type BlendExplanation,
  type MatchExplanation,
  type PairExplanation,
  type Rule,
} from './dedup/explain.js';
export { createIndex, search, ageBandRange, defaultSort, type SearchIndex, type SearchOptions, type SearchOutput } from './search.js';
export { occurrences, nextOpening, openAt, weeklyPattern, LONDON, type Occurrence, type WeeklyPattern } from './schedule.js';
export { haversineKm, parseLatLng, parsePostcode, postcodesIoGeocoder, type Geocoder, type LatLng } from './geo.js';
export { distanceToBoxKm } from './box.js';
export { normalise, tokenise, queryTerms, nameSimilarity, dayTimeWords, BUILT_IN_SYNONYMS } from './text.js';
export {
  compareDirectories,
  RULE_WORDS,
  PROBLEM_WORDS,
  type Comparison,
  type CompareOptions,
  type DirectoryRecords,
  type DirectorySummary,
  type Difference,
  type NearMiss,
  type Overlap,
  type PairEvidence,
  type Problem,
  type ProblemKind,
  type RecordRef,
  type SharedService,
} from './compare.js';
export { COMPARED_FIELDS, fieldValue, type ComparedField, type FieldValue } from './compare-fields.js';
export { personalContacts, personalEmail, mobileNumber, type PersonalContact } from './personal.js';
export {
  facets,
  freshness,
  completeness,
  checkedDate,
  COMPLETENESS_FIELDS,
  REFERRAL_FIELDS,
  referralGaps,
  STALE_DAYS,
  type Facet,
  type Freshness,
  type CompletenessField,
} from './quality.js';
