/** The needs vocabulary's file format name, its size caps and its ids: small, so the finder's first file can check an address. */

export const VOCABULARY_FORMAT = 'service-finder-needs';

/** Caps on a vocabulary from a URL, so a hostile or broken file costs bounded time and memory. */
export const VOCABULARY_LIMITS = {
  /** Bytes of the JSON file. */
  bytes: 1_000_000,
  needs: 200,
  groups: 40,
  /** Entries in each list of one need. */
  list: 300,
  /** Phrases across all needs and lists. */
  phrases: 20_000,
  /** Characters of a label, a term or a phrase. */
  chars: 120,
  /** Words of one phrase. */
  words: 8,
  synonymGroups: 300,
  synonymPhrases: 30,
} as const;

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ID_CHARS = 64;

/** True for a usable need or group id: lower-case letters and digits in hyphenated runs, as an address can carry it. */
export const isNeedId = (v: unknown): v is string => typeof v === 'string' && v.length <= ID_CHARS && ID.test(v);
