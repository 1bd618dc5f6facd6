/**
 * How much of a directory's record is read. Text is cut to its field's limit before any pattern runs over it,
 * and lists to theirs before their items are compared, so the work one record can cause is bounded whatever a
 * directory sends (docs/security.md). Lengths are in UTF-16 code units, as JavaScript counts them.
 */

/** Record, location, term and session ids. */
export const MAX_ID = 200;
/** Names and labels: a service's, an organisation's, a place's, a term's. */
export const MAX_NAME = 300;
/** Other short text: address lines, notes, a schedule's words, a fee's words. */
export const MAX_TEXT = 2_000;
/** A description as plain text; longer text is cut at a word, with an ellipsis. */
export const MAX_DESCRIPTION = 20_000;
/** A description's HTML: longer HTML is read for its text only, and not kept for display. */
export const MAX_HTML = 40_000;
/** A web address. */
export const MAX_URL = 2_048;
/** An email address (RFC 5321's longest path). */
export const MAX_EMAIL = 254;
/** Codes: dates, times, enumerations, currencies, postcodes, phone numbers, time zones. */
export const MAX_CODE = 100;
/** Items kept of one list: phones, contacts, locations, schedules, terms, offers… */
export const MAX_ITEMS = 100;
/** Pictures kept of one record: a detail view shows a few, never a gallery. */
export const MAX_IMAGES = 3;
/** Dated sessions kept of one OpenActive series (the soonest). */
export const MAX_SESSIONS = 2_000;

/** Keys whose text is read up to MAX_HTML (descriptions); every other text is read up to MAX_URL at most. */
const LONG_TEXT_KEYS: ReadonlySet<string> = new Set(['description', 'descriptionHtml']);
/** What `cutStrings` keeps: one unit past each limit, so text that is too long is still seen to be. */
const KEEP_LONG = MAX_HTML + 1;
const KEEP_SHORT = Math.max(MAX_TEXT, MAX_URL) + 1;

/**
 * `value` (parsed JSON) with each string cut to the most any reader reads of it, in place: what the readers
 * make of it is unchanged, and a page of 200 KB fields costs no more to hand from a worker to the page than
 * the readers keep. Walked without recursion: JSON may nest deeper than a call stack.
 */
export function cutStrings(value: unknown): unknown {
  if (typeof value === 'string') return cut(value, KEEP_SHORT);
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const fields = node as Record<string | number, unknown>;
    for (const k of Array.isArray(node) ? node.keys() : Object.keys(node)) {
      const v = fields[k];
      if (typeof v === 'string') {
        const keep = typeof k === 'string' && LONG_TEXT_KEYS.has(k) ? KEEP_LONG : KEEP_SHORT;
        if (v.length > keep) fields[k] = cut(v, keep);
      } else if (v && typeof v === 'object') stack.push(v);
    }
  }
  return value;
}

/** `s` cut to at most `max` code units, never between the two halves of a surrogate pair. */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const last = s.charCodeAt(max - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/**
 * `s` without a run of `chars` at its end ("a, b, , " → "a, b"), in one backward pass: a pattern such as
 * `[, ]+$` scans to the end of the text from every comma of a long run.
 */
export function trimEnd(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1])) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** A surrogate without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `s` with each lone surrogate replaced by U+FFFD, as `String.prototype.toWellFormed` does: such text is no
 * Unicode, and `encodeURIComponent` throws on it.
 */
export function wellFormed(s: string): string {
  return /[\ud800-\udfff]/.test(s) ? s.replace(LONE_SURROGATE, '\ufffd') : s;
}
