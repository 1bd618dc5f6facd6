/**
 * One copy of each long text: a provider's services often carry the same description (and its HTML), and
 * each record is parsed from its own page, so without this every service keeps a copy of its own. Texts
 * are kept in arrival order up to a total length, the oldest let go first: the table never holds much more
 * than the records read recently do.
 */

/** Texts shorter than this are not worth a lookup. */
const MIN_LENGTH = 200;
/** Total length of the texts kept (UTF-16 code units). */
const MAX_KEPT = 2_000_000;

const kept = new Map<string, string>();
let keptLength = 0;

/** `s`, or the equal text seen before. */
export function intern(s: string): string;
export function intern(s: string | undefined): string | undefined;
export function intern(s: string | undefined): string | undefined {
  if (s === undefined || s.length < MIN_LENGTH) return s;
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
