/**
 * Every number that decides whether two records are one service, or how hard
 * the blender looks for twins, in one place. Distances are in kilometres.
 */

/** How alike two names must be (see `wordOverlap` in text.ts) for a shared phone, email, place or record id to count. */
export const NAME_ALIKE = 0.8;

/** How alike names must be when both records link to the same page of their own (a url with a path). */
export const NAME_ALIKE_SAME_PAGE = 0.25;

/**
 * Two records that both state where they are are at different places unless they share a postcode
 * or a point within this distance (200 m: one venue geocoded by two directories).
 */
export const SAME_PLACE_KM = 0.2;

/** A similar name within this distance (100 m) counts as the same service without a postcode. */
export const NEARBY_KM = 0.1;

/** Two locations of one blended service are one venue within this distance (50 m). */
export const SAME_VENUE_KM = 0.05;

/** …or at one postcode with names at least this alike (see `tokensSimilarity` in text.ts). */
export const SAME_VENUE_NAME = 0.5;

/** Two weekly start times further apart than this (in minutes) are two sessions. */
export const SAME_SESSION_MINUTES = 15;

/** An id this long or longer, shaped as a UUID, is distinctive enough to match on its own. */
export const DISTINCTIVE_ID_LENGTH = 32;

/** A phone number with fewer digits (111, 999) says nothing about identity. */
export const PHONE_MIN_DIGITS = 10;

/**
 * The most records the blender compares a record with through one blocking key. A key shared by
 * more (a council switchboard, a library hosting two hundred activities) is searched only through
 * the words of the names filed under it, and a word shared by more than this is not searched.
 */
export const MAX_BLOCK = 32;

/** Height of the blender's grid cell, in degrees of latitude (≈ 111 m). */
export const LAT_CELL = 0.001;

/** Width of the blender's grid cell in degrees of longitude: ≈ 100 m at 51–52°N, 83–88 m in the north of Scotland. */
export const LNG_CELL = 0.0015;

/** Names at least this alike whose records a rule kept apart are reported as near misses (see `explain` in blend.ts). */
export const NEAR_MISS_NAME = 0.5;
