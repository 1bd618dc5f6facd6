/**
 * Small readers shared by the adapters. Each turns a raw JSON value into a
 * model value or `undefined` ("not stated"): empty strings, nulls, -1 ages
 * and placeholder dates never reach the model.
 */
import type { AccessType, Address, AttendanceMode, DayRule, Phone, ServiceStatus, Term, Weekday } from '../model/index.js';
import { cut, trimEnd, wellFormed } from '../model/limits.js';
import {
  MAX_CODE,
  MAX_DESCRIPTION,
  MAX_EMAIL,
  MAX_HTML,
  MAX_ID,
  MAX_IMAGES,
  MAX_ITEMS,
  MAX_NAME,
  MAX_TEXT,
  MAX_URL,
  SERVICE_STATUSES,
  WEEKDAYS,
} from '../model/index.js';
import { ANY_LENGTH, intern } from './intern.js';
import { LONDON } from '../model/london.js';

export type Raw = Record<string, unknown>;

export const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * A list of objects, its first MAX_ITEMS items only; a single object where a list belongs counts as a list of
 * one. Items past the cap are never looked at.
 */
export const objects = (v: unknown, max = MAX_ITEMS): Raw[] =>
  Array.isArray(v) ? (v.length > max ? v.slice(0, max) : v).filter(isObject) : isObject(v) ? [v] : [];

export { cut, trimEnd };

/** Text longer than `max` cut at its last space before the limit (or at the limit), with an ellipsis. */
function clip(s: string | undefined, max: number): string | undefined {
  if (!s || s.length <= max) return s;
  const head = cut(s, max);
  const space = head.lastIndexOf(' ');
  return `${space > 0 ? head.slice(0, space) : head}…`;
}

/** Whitespace and control characters (C0, DEL, C1): folded into one space, so none reaches a page, a file or a terminal. */
const SPACE_OR_CONTROL = /[\s\x00-\x1f\x7f-\x9f]+/g;

/**
 * A trimmed non-empty string (numbers are accepted as ids), else undefined. The string is cut to `max` before
 * anything else reads it; whitespace and control characters are folded into single spaces, and a lone
 * surrogate becomes U+FFFD.
 */
export function text(v: unknown, max = MAX_TEXT): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = wellFormed(cut(v, max).replace(SPACE_OR_CONTROL, ' ').trim());
  return t ? t : undefined;
}

/** A description already plain (a snapshot's): cut at a word with an ellipsis past MAX_DESCRIPTION. */
export const longText = (v: unknown): string | undefined => intern(clip(text(v, MAX_HTML), MAX_DESCRIPTION));

/** Lower-case letters and digits with single hyphens between ("Cardiff Council!" → "cardiff-council"), as ids are made. */
export const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** An id (of a record, a location, a term, a session). */
export const identifier = (v: unknown): string | undefined => text(v, MAX_ID);
/** A name or a label. */
export const label = (v: unknown): string | undefined => text(v, MAX_NAME);
/** A code: a date, a time, an enumeration's value, a currency, a postcode, a phone number. */
export const code = (v: unknown): string | undefined => text(v, MAX_CODE);

/** `decodeURIComponent`, or the text as it is when its escapes are broken (`%E0%A4%A`). */
export function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `list` without repeats by `key`, first copy kept, at most MAX_ITEMS: one pass, whatever its length. */
export function uniqueBy<T>(list: readonly T[], key: (x: T) => string, max = MAX_ITEMS): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const x of list) {
    if (out.length >= max) break;
    const k = key(x);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out;
}

export function num(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.length <= MAX_CODE && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** An age bound: whole years 0–130; -1, null and nonsense are "not stated". */
export function age(v: unknown): number | undefined {
  const n = num(v);
  return n !== undefined && n >= 0 && n <= 130 ? Math.floor(n) : undefined;
}

export function ageRange(min: unknown, max: unknown) {
  // 0–130 style "all ages" still states an age range: keep it.
  return compact({ min: age(min), max: age(max) }, true);
}

/** http(s) URLs only; anything else (javascript:, mailto:, relative) is dropped. */
export function httpUrl(v: unknown): string | undefined {
  // A longer address is not cut (that would be another address): it is not read.
  if (typeof v === 'string' && v.length > MAX_URL) return undefined;
  let t = text(v, MAX_URL);
  if (!t) return undefined;
  if (t.slice(0, 4).toLowerCase() === 'www.') t = `https://${t}`;
  try {
    const url = new URL(t);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Picture addresses: a URL, an `ImageObject` (`url` or `contentUrl`), or a list of them; http(s) only,
 * without repeats, at most MAX_IMAGES. Items past MAX_ITEMS are never looked at.
 */
export function imageUrls(v: unknown): string[] | undefined {
  const items = Array.isArray(v) ? v.slice(0, MAX_ITEMS) : [v];
  const urls = items.map((x) => httpUrl(isObject(x) ? (x.url ?? x.contentUrl) : x)).filter((u): u is string => !!u);
  return nonEmpty(uniqueBy(urls, (u) => u, MAX_IMAGES));
}

/** Names from strings or objects (`prefLabel`, `name`, or a person's `givenName` and `familyName`), without repeats. */
export function names(v: unknown): string[] | undefined {
  const items = Array.isArray(v) ? v.slice(0, MAX_ITEMS) : [v];
  const out = items.map((x) => {
    if (!isObject(x)) return label(x);
    return label(x.prefLabel ?? x.name) ?? label([label(x.givenName), label(x.familyName)].filter(Boolean).join(' '));
  });
  return nonEmpty(
    uniqueBy(
      out.filter((n): n is string => !!n),
      (n) => n.toLowerCase(),
    ),
  );
}

/** A count that cannot be negative (places left): a whole number from 0, else undefined. */
export function count(v: unknown): number | undefined {
  const n = num(v);
  return n !== undefined && n >= 0 ? Math.floor(n) : undefined;
}

/** One `@` between a local part and a domain with a dot inside it; no spaces or angle brackets. */
export function email(v: unknown): string | undefined {
  let t = text(v, MAX_EMAIL + 7);
  if (t?.slice(0, 7).toLowerCase() === 'mailto:') t = t.slice(7);
  if (!t || t.length > MAX_EMAIL || !/^[^\s@<>]+@[^\s@<>]+$/.test(t)) return undefined;
  const domain = t.slice(t.indexOf('@') + 1);
  // A provider's address repeats on each of its services: one copy of it.
  return domain.slice(1, -1).includes('.') ? intern(t, ANY_LENGTH) : undefined;
}

/** `YYYY-MM-DD` from a date or date-time string; placeholders such as 0001-01-01 are dropped. */
export function date(v: unknown): string | undefined {
  const m = code(v)?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (!m || Number(m[1]) < 1990 || Number(m[1]) > 2100) return undefined;
  return intern(`${m[1]}-${m[2]}-${m[3]}`, ANY_LENGTH);
}

export function dateTime(v: unknown): string | undefined {
  const t = code(v);
  return t && date(t) && Number.isFinite(Date.parse(t)) ? t : undefined;
}

/** `HH:MM` from "9:30", "09:30:00", "09:30:00Z". */
export function time(v: unknown): string | undefined {
  const m = code(v)?.match(/^(\d{1,2}):(\d{2})/);
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59) return undefined;
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}

/** Named entities read in descriptions: a Map, so a name such as `&constructor;` finds nothing. */
const ENTITIES = new Map<string, string>([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', ' '],
  ['rsquo', '’'],
  ['lsquo', '‘'],
  ['rdquo', '”'],
  ['ldquo', '“'],
  ['ndash', '–'],
  ['mdash', '—'],
  ['hellip', '…'],
  ['pound', '£'],
  ['euro', '€'],
  ['bull', '•'],
]);

/** Each entity's length is bounded, so an ampersand followed by a long run of digits or letters costs one pass. */
const ENTITY = /&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi;

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    return ENTITIES.get(e.toLowerCase()) ?? all;
  });
}

/** The start of a tag: `<` then a letter, or `</` then a letter. */
const TAG_START = /<\/?[a-z]/i;
const NAMED_OR_NUMBERED_ENTITY = /&(?:[a-z]+|#\d+);/i;

/**
 * Whether text carries markup: a tag (a tag's start with a `>` after it) or an entity. The same test as
 * `/<\/?[a-z][^>]*>|&[a-z]+;|&#\d+;/i`, in one pass: that pattern scans to the end of the text from every `<a`
 * that no `>` follows.
 */
export function looksLikeHtml(s: string): boolean {
  const tag = TAG_START.exec(s);
  return (tag !== null && s.includes('>', tag.index + 1)) || NAMED_OR_NUMBERED_ENTITY.test(s);
}

/** Elements whose content is not text: dropped whole, up to their end tag. */
const HIDDEN_ELEMENTS = ['script', 'style'] as const;

/**
 * HTML without its tags (each becomes a space), `script` and `style` elements dropped with their content.
 * One pass with `indexOf`: a pattern such as `<[^>]*>` would scan to the end from every `<` that no `>` follows.
 * A `<` that no `>` follows is text, as that pattern leaves it.
 */
export function stripTags(html: string): string {
  const lower = html.toLowerCase();
  // Where each hidden element's next end tag is (-1: none from `from` on), so each is looked for once.
  const ends = new Map<string, { from: number; at: number }>();
  const endOf = (name: string, from: number): number => {
    const known = ends.get(name);
    if (known && (known.at < 0 ? known.from <= from : known.at >= from)) return known.at;
    let at = lower.indexOf(`</${name}`, from);
    while (at >= 0) {
      let k = at + name.length + 2;
      while (k < lower.length && lower.charCodeAt(k) <= 32) k++;
      if (lower[k] === '>') break;
      at = lower.indexOf(`</${name}`, at + 1);
    }
    ends.set(name, { from, at });
    return at;
  };
  const parts: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    parts.push(html.slice(i, lt), ' ');
    i = gt + 1;
    const hidden = HIDDEN_ELEMENTS.find((name) => lower.startsWith(name, lt + 1));
    if (!hidden) continue;
    const end = endOf(hidden, lt + 1);
    if (end >= 0) i = html.indexOf('>', end) + 1;
  }
  parts.push(html.slice(i));
  return parts.join('');
}

/** Plain text from HTML: tags dropped (block ends become spaces), entities decoded, whitespace folded. */
export function htmlToText(html: string): string | undefined {
  return text(decodeEntities(stripTags(cut(html, MAX_HTML))), MAX_HTML);
}

/**
 * Description as plain text, plus the source HTML where it was HTML. The HTML
 * is untrusted: elements sanitise it (DOMPurify) before rendering.
 */
export function description(v: unknown): { description?: string; descriptionHtml?: string } {
  if (typeof v !== 'string') return {};
  const raw = cut(v, MAX_HTML).trim();
  if (!raw) return {};
  if (!looksLikeHtml(raw)) return { description: intern(clip(text(raw, MAX_HTML), MAX_DESCRIPTION)) };
  const plain = intern(clip(htmlToText(raw), MAX_DESCRIPTION));
  // Enormous HTML is not worth sanitising and rendering (and was cut): the plain text stands in for it.
  return plain ? (v.length > MAX_HTML ? { description: plain } : { description: plain, descriptionHtml: intern(raw) }) : {};
}

const ACCESS_WORDS: Array<[RegExp, AccessType]> = [
  [/drop[\s-]?in|walk[\s-]?in|just turn up|no need to book/i, 'drop-in'],
  [/appointment|booking|book ahead|by arrangement/i, 'appointment'],
  [/self[\s-]?refer/i, 'self-referral'],
  [
    /(professional|gp|agency|social worker|health visitor)[\s-]?referral|referral (from|by|needed|required)|^referral$|needs? (a )?referral/i,
    'professional-referral',
  ],
  [/membership|members only|join/i, 'membership'],
  [/assessment/i, 'assessment'],
];

/** Access types named in free text ("Self referral", "Drop-in", "referral"). */
export function accessTypes(...values: unknown[]): AccessType[] | undefined {
  const found = new Set<AccessType>();
  for (const v of values.flatMap((x) => (Array.isArray(x) ? x : [x]))) {
    const t = text(v);
    if (!t) continue;
    for (const part of t.split(/[,;/|]| and /)) {
      for (const [pattern, type] of ACCESS_WORDS) if (pattern.test(part.trim())) found.add(type);
    }
  }
  return found.size ? [...found] : undefined;
}

const ATTENDANCE_WORDS: Array<[RegExp, AttendanceMode]> = [
  [/venue|in[\s-]?person|face[\s-]?to[\s-]?face|centre|group/i, 'in-person'],
  [/online|video|virtual|web|remote/i, 'online'],
  [/phone|telephone|call/i, 'phone'],
  [/home[\s-]?visit|outreach|at home/i, 'home-visit'],
];

export function attendanceModes(...values: unknown[]): AttendanceMode[] | undefined {
  const found = new Set<AttendanceMode>();
  for (const v of values.flatMap((x) => (Array.isArray(x) ? x : [x]))) {
    const t = text(v);
    if (!t) continue;
    for (const [pattern, mode] of ATTENDANCE_WORDS) if (pattern.test(t)) found.add(mode);
  }
  return found.size ? [...found] : undefined;
}

export function status(v: unknown): ServiceStatus | undefined {
  const t = code(v)
    ?.toLowerCase()
    .replace(/[\s_]+/g, '-');
  // The list's own string, not the record's copy of it.
  return SERVICE_STATUSES.find((s) => s === t);
}

const DAY_NAMES = new Map<string, Weekday>([
  ['mon', 'MO'],
  ['tue', 'TU'],
  ['wed', 'WE'],
  ['thu', 'TH'],
  ['fri', 'FR'],
  ['sat', 'SA'],
  ['sun', 'SU'],
]);

/** `BYDAY` lists ("MO,2TU,-1FR") or weekday names ("Monday", "tuesday"). */
export function dayRules(v: unknown): DayRule[] | undefined {
  const t = text(v);
  if (!t) return undefined;
  const rules: DayRule[] = [];
  for (const part of t.split(/[,\s]+/)) {
    const m = part.match(/^([+-]?\d{1,2})?([A-Za-z]{2,})$/);
    if (!m) continue;
    const code = m[2].toUpperCase();
    const day =
      (WEEKDAYS as readonly string[]).includes(code.slice(0, 2)) && code.length === 2
        ? (code as Weekday)
        : DAY_NAMES.get(code.slice(0, 3).toLowerCase());
    if (!day) continue;
    const nth = m[1] ? Number(m[1]) : undefined;
    rules.push(nth ? { day, nth } : { day });
  }
  return rules.length ? rules : undefined;
}

export function monthDays(v: unknown): number[] | undefined {
  const t = text(v);
  if (!t) return undefined;
  const days = t
    .split(/[,\s]+/)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n !== 0 && n >= -31 && n <= 31);
  return days.length ? days : undefined;
}

export function freq(v: unknown) {
  const t = code(v)?.toUpperCase();
  return t === 'DAILY' || t === 'WEEKLY' || t === 'MONTHLY' || t === 'YEARLY' ? t : undefined;
}

export function phone(v: unknown, descriptionValue?: unknown): Phone | undefined {
  const number = code(v);
  if (!number || !/\d{3}/.test(number)) return undefined;
  const description = label(descriptionValue);
  return description ? { number, description } : { number };
}

/** Terms from a list of objects, deduplicated by name. */
export function terms(
  list: Raw[],
  name: (r: Raw) => unknown,
  vocabulary?: (r: Raw) => unknown,
  id?: (r: Raw) => unknown,
): Term[] | undefined {
  const seen = new Map<string, Term>();
  for (const r of list) {
    // A directory's terms repeat on record after record: one copy of each.
    const n = intern(label(name(r)), ANY_LENGTH);
    if (!n || seen.has(n.toLowerCase())) continue;
    const term: Term = { name: n };
    const i = identifier(id?.(r) ?? r.id);
    const v = intern(label(vocabulary?.(r)), ANY_LENGTH);
    if (i) term.id = i;
    if (v) term.vocabulary = v;
    seen.set(n.toLowerCase(), term);
  }
  return seen.size ? [...seen.values()] : undefined;
}

/** Upper-case, single-spaced UK postcode, or the text as given when it is not one. */
export function postcode(v: unknown): string | undefined {
  const t = code(v)?.toUpperCase();
  if (!t) return undefined;
  const m = t.replace(/\s+/g, '').match(/^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/);
  return m ? `${m[1]} ${m[2]}` : t;
}

/** A currency as its ISO 4217 code ("GBP"), else undefined. */
export function currency(v: unknown): string | undefined {
  const t = code(v)?.toUpperCase();
  return t && /^[A-Z]{3}$/.test(t) ? t : undefined;
}

/** Time zones already checked: a directory names few. */
const zones = new Map<string, boolean>();
const MAX_ZONES_KEPT = 1_000;

/** An IANA time zone this platform knows ("Europe/London"), else undefined: a schedule in an unknown zone has no times. */
export function timezone(v: unknown): string | undefined {
  const t = code(v);
  if (!t) return undefined;
  // Known without asking Intl, whose first time zone starts ICU's data (see model/london.ts).
  if (t === LONDON) return t;
  let known = zones.get(t);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: t });
      known = true;
    } catch {
      known = false;
    }
    if (zones.size < MAX_ZONES_KEPT) zones.set(t, known);
  }
  return known ? t : undefined;
}

/** WGS84 point, only when both numbers are finite, in range and not the 0,0 placeholder. */
export function latLng(lat: unknown, lng: unknown): { lat: number; lng: number } | undefined {
  const a = num(lat);
  const b = num(lng);
  if (a === undefined || b === undefined || Math.abs(a) > 90 || Math.abs(b) > 180 || (a === 0 && b === 0)) return undefined;
  return { lat: a, lng: b };
}

/**
 * A copy without the keys whose value is undefined, so "not stated" is
 * absent, not `undefined`. A new object rather than `delete`: V8 turns an
 * object that loses keys into a slow dictionary, and every record has
 * several of these. With `orNothing`, undefined when no key is left.
 */
export function compact<T extends object>(o: T): T;
export function compact<T extends object>(o: T, orNothing: true): T | undefined;
export function compact<T extends object>(o: T, orNothing = false): T | undefined {
  const out = {} as T;
  let stated = false;
  for (const key in o) {
    if (o[key] === undefined) continue;
    out[key] = o[key];
    stated = true;
  }
  return stated || !orNothing ? out : undefined;
}

/** A list, or undefined when empty ("not stated"); at most `max` items. */
export const nonEmpty = <T>(list: T[], max = MAX_ITEMS): T[] | undefined =>
  list.length ? (list.length > max ? list.slice(0, max) : list) : undefined;

/** An address from the fields every dialect uses (`address_1`, `city`, `postal_code`…); undefined when empty. */
export function address(a: Raw | undefined): Address | undefined {
  if (!a) return undefined;
  const street =
    [a.address_1, a.address_2]
      .map((line) => label(line))
      .filter(Boolean)
      .join(', ') || undefined;
  return compact<Address>(
    {
      street,
      town: label(a.city),
      region: label(a.region ?? a.state_province),
      postcode: postcode(a.postal_code),
      country: label(a.country),
    },
    true,
  );
}
