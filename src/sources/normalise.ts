/**
 * Small readers shared by the adapters. Each turns a raw JSON value into a
 * model value or `undefined` ("not stated"): empty strings, nulls, -1 ages
 * and placeholder dates never reach the model.
 */
import type { AccessType, Address, AttendanceMode, DayRule, Phone, ServiceStatus, Term, Weekday } from '../model/index.js';
import { WEEKDAYS } from '../model/index.js';

export type Raw = Record<string, unknown>;

export const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A list of objects; a single object where a list belongs counts as a list of one. */
export const objects = (v: unknown): Raw[] => (Array.isArray(v) ? v.filter(isObject) : isObject(v) ? [v] : []);

/** Longest description kept; longer text is cut at a word with an ellipsis. */
export const MAX_DESCRIPTION = 20_000;

const cap = (s: string | undefined) => (s && s.length > MAX_DESCRIPTION ? `${s.slice(0, MAX_DESCRIPTION).replace(/\s+\S*$/, '')}…` : s);

/** A trimmed non-empty string (numbers are accepted as ids), else undefined. */
export function text(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}

export function num(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
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
  let t = text(v);
  if (!t) return undefined;
  if (/^www\./i.test(t)) t = `https://${t}`;
  try {
    const url = new URL(t);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function email(v: unknown): string | undefined {
  const t = text(v)?.replace(/^mailto:/i, '');
  return t && /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(t) ? t : undefined;
}

/** `YYYY-MM-DD` from a date or date-time string; placeholders such as 0001-01-01 are dropped. */
export function date(v: unknown): string | undefined {
  const m = text(v)?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (!m || Number(m[1]) < 1990 || Number(m[1]) > 2100) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

export function dateTime(v: unknown): string | undefined {
  const t = text(v);
  return t && date(t) && Number.isFinite(Date.parse(t)) ? t : undefined;
}

/** `HH:MM` from "9:30", "09:30:00", "09:30:00Z". */
export function time(v: unknown): string | undefined {
  const m = text(v)?.match(/^(\d{1,2}):(\d{2})/);
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59) return undefined;
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  pound: '£',
  euro: '€',
  bull: '•',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

export const looksLikeHtml = (s: string) => /<\/?[a-z][^>]*>|&[a-z]+;|&#\d+;/i.test(s);

/** Plain text from HTML: tags dropped (block ends become spaces), entities decoded, whitespace folded. */
export function htmlToText(html: string): string | undefined {
  const stripped = html.replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ');
  return text(decodeEntities(stripped));
}

/**
 * Description as plain text, plus the source HTML where it was HTML. The HTML
 * is untrusted: elements sanitise it (DOMPurify) before rendering.
 */
export function description(v: unknown): { description?: string; descriptionHtml?: string } {
  const raw = typeof v === 'string' ? v.trim() : '';
  if (!raw) return {};
  if (!looksLikeHtml(raw)) return { description: cap(text(raw)) };
  const plain = cap(htmlToText(raw));
  // Enormous HTML is not worth sanitising and rendering: the plain text stands in for it.
  return plain ? (raw.length > MAX_DESCRIPTION * 2 ? { description: plain } : { description: plain, descriptionHtml: raw }) : {};
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
  const t = text(v)
    ?.toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (t === 'active' || t === 'inactive' || t === 'defunct' || t === 'temporarily-closed') return t;
  return undefined;
}

const DAY_NAMES: Record<string, Weekday> = { mon: 'MO', tue: 'TU', wed: 'WE', thu: 'TH', fri: 'FR', sat: 'SA', sun: 'SU' };

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
        : DAY_NAMES[code.slice(0, 3).toLowerCase()];
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
  const t = text(v)?.toUpperCase();
  return t === 'DAILY' || t === 'WEEKLY' || t === 'MONTHLY' || t === 'YEARLY' ? t : undefined;
}

export function phone(v: unknown, descriptionValue?: unknown): Phone | undefined {
  const number = text(v);
  if (!number || !/\d{3}/.test(number)) return undefined;
  const description = text(descriptionValue);
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
    const n = text(name(r));
    if (!n || seen.has(n.toLowerCase())) continue;
    const term: Term = { name: n };
    const i = text(id?.(r) ?? r.id);
    const v = text(vocabulary?.(r));
    if (i) term.id = i;
    if (v) term.vocabulary = v;
    seen.set(n.toLowerCase(), term);
  }
  return seen.size ? [...seen.values()] : undefined;
}

/** Upper-case, single-spaced UK postcode, or the text as given when it is not one. */
export function postcode(v: unknown): string | undefined {
  const t = text(v)?.toUpperCase();
  if (!t) return undefined;
  const m = t.replace(/\s+/g, '').match(/^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/);
  return m ? `${m[1]} ${m[2]}` : t;
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

export const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);

/** An address from the fields every dialect uses (`address_1`, `city`, `postal_code`…); undefined when empty. */
export function address(a: Raw | undefined): Address | undefined {
  if (!a) return undefined;
  const street = [a.address_1, a.address_2].map(text).filter(Boolean).join(', ') || undefined;
  return compact<Address>(
    { street, town: text(a.city), region: text(a.region ?? a.state_province), postcode: postcode(a.postal_code), country: text(a.country) },
    true,
  );
}
