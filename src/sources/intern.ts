/**
 * One copy of each text that repeats: a provider's services often carry the same description (and its HTML),
 * a directory's records the same terms and dates, and each record is parsed from its own page, so without
 * this every service keeps a copy of its own. Texts are kept in arrival order up to a total length, the
 * oldest let go first: the table never holds much more than the records read recently do.
 */

/** Free text shorter than this is not worth a lookup (a term or a date is: see `intern`'s `min`). */
const MIN_LENGTH = 200;
/** For texts a directory repeats word for word (a term, a date, an organisation's name): kept whatever their length. */
export const ANY_LENGTH = 0;
/** Total length of the texts kept (UTF-16 code units). */
const MAX_KEPT = 2_000_000;

const kept = new Map<string, string>();
let keptLength = 0;

/** `s`, or the equal text seen before; texts shorter than `min` are left as they are. */
export function intern(s: string, min?: number): string;
export function intern(s: string | undefined, min?: number): string | undefined;
export function intern(s: string | undefined, min = MIN_LENGTH): string | undefined {
  if (s === undefined || s.length < min) return s;
  const had = kept.get(s);
  if (had !== undefined) return had;
  kept.set(s, s);
  keptLength += s.length;
  for (const old of kept.keys()) {
    if (keptLength <= MAX_KEPT) break;
    kept.delete(old);
    keptLength -= old.length;
  }
  return s;
}
