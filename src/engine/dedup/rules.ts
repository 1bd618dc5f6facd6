/**
 * Match rules: whether two records describe the same real-world service.
 * Only strong evidence counts (see `judge`); two records from one directory
 * are never the same. `judge` says which rule decided, so that the same
 * code that merges can explain a merge or a near miss (see explain.ts).
 */
import { haversineKm } from '../geo.js';
import { wordOverlap } from '../text.js';
import { when, type Features, type Name, type Timing } from './features.js';
import { NAME_ALIKE, NAME_ALIKE_SAME_PAGE, NEARBY_KM, SAME_PLACE_KM, SAME_SESSION_MINUTES } from './thresholds.js';

/**
 * What `judge` found: evidence that two records are one service (positive), or the rule that keeps
 * them apart (negative). Small integers, so that the hot path compares numbers.
 */
export const Verdict = {
  /** The same distinctive id (a UUID): one record published twice. */
  sameId: 1,
  /** The same page of its own (a url with a path). */
  samePage: 2,
  /** The same record id (not distinctive on its own) and alike names. */
  sameRecordId: 3,
  /** The same homepage and alike names. */
  sameHomepage: 4,
  /** A shared phone number and alike names. */
  samePhone: 5,
  /** A shared email address and alike names. */
  sameEmail: 6,
  /** The same postcode, or within 100 m, and alike names. */
  samePlace: 7,
  /** Two records of one directory are never one service. */
  sameDirectory: -1,
  /** The names are not alike enough (see `NAME_ALIKE`). */
  namesDiffer: -2,
  /** Both state where they are, and no place is shared. */
  differentPlaces: -3,
  /** Different day or time words in the names, or schedules that never start together. */
  differentSessions: -4,
  /** Both state phone numbers and share none. */
  phonesDiffer: -5,
  /** Both link to a page of their own, and the pages differ. */
  pagesDiffer: -6,
  /** Nothing is wrong, and nothing ties them: no shared id, page, phone, email or place. */
  noEvidence: -7,
} as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

/** Compatible, with no evidence read yet (see `compatibility`). */
const NO_OBJECTION = 0;

// Loops rather than closures, from here on: these run for every pair of records compared.

const sameId = (a: Features, b: Features) => a.id === b.id || a.id.trim() === b.id.trim();

function shares(a: string[], b: string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/** Whether a point of `a` is within `km` of a point of `b`. */
function within(a: Features['points'], b: Features['points'], km: number): boolean {
  for (const p of a) for (const q of b) if (haversineKm(p, q) <= km) return true;
  return false;
}

const sameItems = <T>(a: T[], b: T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Whether two readings of one record give dedup the same evidence (a page read again is usually unchanged).
 * The schedules, read last, are read only when everything else is the same.
 */
export function sameEvidence(a: Features, b: Features): boolean {
  return (
    sameId(a, b) &&
    a.strongId === b.strongId &&
    a.urlNorm === b.urlNorm &&
    a.urlKey === b.urlKey &&
    a.words.dayWords === b.words.dayWords &&
    sameItems(a.words.tokens, b.words.tokens) &&
    sameItems(a.emails, b.emails) &&
    sameItems(a.numbers, b.numbers) &&
    sameItems(a.postcodes, b.postcodes) &&
    a.points.length === b.points.length &&
    a.points.every((p, i) => p.lat === b.points[i].lat && p.lng === b.points[i].lng) &&
    sameTiming(when(a), when(b))
  );
}

const sameTiming = (x: Timing, y: Timing) => x.days === y.days && sameItems(x.starts, y.starts);

/**
 * Two sessions at one venue: different day/time words in the name, or
 * schedules on different weekdays, or no weekday on which both start within
 * 15 minutes of each other (10:00 and 09:00 are two sessions).
 */
export function differentSessions(a: Features, b: Features): boolean {
  if (a.words.dayWords !== b.words.dayWords) return true;
  const x = when(a);
  const y = when(b);
  if (x.days && y.days && (x.days & y.days) === 0) return true;
  if (!x.starts.length || !y.starts.length) return false;
  for (const p of x.starts) for (const q of y.starts) if (Math.abs(p - q) <= SAME_SESSION_MINUTES) return false;
  return true;
}

/**
 * Both state where they are and no place is shared (no common postcode,
 * nothing within 200 m): one organisation running the same thing at two
 * venues, often under one url and phone.
 */
export function differentPlaces(a: Features, b: Features): boolean {
  if (shares(a.postcodes, b.postcodes) || within(a.points, b.points, SAME_PLACE_KM)) return false;
  return (a.postcodes.length > 0 && b.postcodes.length > 0) || (a.points.length > 0 && b.points.length > 0);
}

function nearby(a: Features, b: Features): boolean {
  return shares(a.postcodes, b.postcodes) || within(a.points, b.points, NEARBY_KM);
}

/**
 * Evidence against, for the weaker rules: both state phones and share none,
 * or both link to a page of their own (a url with a path) and the pages differ.
 */
function disagreement(a: Features, b: Features): Verdict | typeof NO_OBJECTION {
  if (a.numbers.length > 0 && b.numbers.length > 0 && !shares(a.numbers, b.numbers)) return Verdict.phonesDiffer;
  return a.urlHasPath && b.urlHasPath && a.urlNorm !== b.urlNorm ? Verdict.pagesDiffer : NO_OBJECTION;
}

/** How alike two records' names are, 0..1 (see `wordOverlap`). */
export function similarity(a: Features, b: Features): number {
  return a.words.key === b.words.key ? 1 : wordOverlap(a.words.tokens, b.words.tokens);
}

/**
 * Whether two records may sit in one blended service at all: not from one
 * directory, not two sessions or two venues, and names alike unless a
 * distinctive id or a url with a path ties them. `Verdict.sameId` when a
 * distinctive id ties them (nothing else is asked), the rule that keeps them
 * apart, or `NO_OBJECTION`.
 */
function compatibility(a: Features, b: Features): Verdict | typeof NO_OBJECTION {
  if (a.dir === b.dir) return Verdict.sameDirectory;
  if (a.strongId && a.strongId === b.strongId) return Verdict.sameId;
  const samePage = a.urlHasPath && a.urlNorm === b.urlNorm;
  if (!samePage && !mayBeAlike(a.words, b.words)) return Verdict.namesDiffer;
  const sim = similarity(a, b);
  if (sim < NAME_ALIKE && !(samePage && sim >= NAME_ALIKE_SAME_PAGE)) return Verdict.namesDiffer;
  // Places first: they are read already, sessions are read on first need.
  if (differentPlaces(a, b)) return Verdict.differentPlaces;
  return differentSessions(a, b) ? Verdict.differentSessions : NO_OBJECTION;
}

/** Whether two records may sit in one blended service at all (see `compatibility`). */
export function compatible(a: Features, b: Features): boolean {
  return compatibility(a, b) >= NO_OBJECTION;
}

/**
 * Quick test that names could reach 0.8 (one name's words all in the
 * other's, or the same letters), before the exact comparison. A word spelled
 * one letter differently ("Macmillan"/"McMillan") has a bit of its own, so
 * one bit of difference is let through.
 */
export function mayBeAlike(a: Name, b: Name): boolean {
  const x = a.mask & ~b.mask;
  const y = b.mask & ~a.mask;
  return (x & (x - 1)) === 0 || (y & (y - 1)) === 0 || a.keyHash === b.keyHash;
}

/**
 * Strong evidence only: same distinctive id; same url with a path (or a
 * bare homepage plus a very similar name); same email or phone plus a very
 * similar name; or a very similar name at the same postcode or within
 * 100 m. Never two records of one directory, never two different sessions,
 * never the same activity at two different venues. The evidence found first,
 * in that order, or the rule that said no.
 */
export function judge(a: Features, b: Features): Verdict {
  const objection = compatibility(a, b);
  if (objection !== NO_OBJECTION) return objection;
  if (a.urlHasPath && a.urlNorm === b.urlNorm) return Verdict.samePage;
  const against = disagreement(a, b);
  if (against !== NO_OBJECTION) return against;
  if (sameId(a, b)) return Verdict.sameRecordId;
  if (a.urlNorm && a.urlNorm === b.urlNorm) return Verdict.sameHomepage;
  if (shares(a.numbers, b.numbers)) return Verdict.samePhone;
  if (shares(a.emails, b.emails)) return Verdict.sameEmail;
  return nearby(a, b) ? Verdict.samePlace : Verdict.noEvidence;
}

/** Whether two records are one service (see `judge`). */
export function sameService(a: Features, b: Features): boolean {
  return judge(a, b) > NO_OBJECTION;
}
