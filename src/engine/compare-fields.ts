/**
 * The fields `compareDirectories` holds two copies of one service to: each as a key that is equal
 * whenever two directories say the same thing however they write it (phone numbers spaced or not,
 * one schedule row per weekday or one for several, postcodes in any case), and as the directory's
 * own words for a person to read.
 */
import type { Service } from '../model/index.js';
import { normalisePhone, normalisePostcode } from './dedup/keys.js';
import { compileRule, compileService, localParts, weekdayOf, type Rule } from './schedule.js';
import { normalise, tokenise } from './text.js';

/** The fields compared, in the order a report lists them. */
export const COMPARED_FIELDS = ['access', 'times', 'ages', 'contacts', 'address', 'cost', 'status'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** What a record states of a field: `key` to compare, `text` to show. */
export interface FieldValue {
  key: string;
  text: string;
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const NTH = new Map([
  [1, '1st'],
  [2, '2nd'],
  [3, '3rd'],
  [4, '4th'],
  [5, '5th'],
  [-1, 'last'],
]);

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function hours(opens: number | undefined, closes: number | undefined): string {
  if (opens === undefined) return '';
  return closes === undefined ? `from ${hhmm(opens)}` : `${hhmm(opens)}–${hhmm(closes)}`;
}

/** Weekdays (bit 0 Monday) as "Mon, Wed" or "Mon–Fri" for a run of three or more. */
function days(mask: number): string {
  const out: string[] = [];
  for (let d = 0; d < 7; d++) {
    if (!(mask & (1 << d))) continue;
    let end = d;
    while (end + 1 < 7 && mask & (1 << (end + 1))) end++;
    if (end - d >= 2) {
      out.push(`${DAY_NAMES[d]}–${DAY_NAMES[end]}`);
      d = end;
    } else out.push(DAY_NAMES[d]);
  }
  return out.join(', ');
}

/** A rule that is not simply "these weekdays, every week", in words: "every 2 weeks on Tue 10:00–12:00", "2nd Mon of the month". */
function ruleWords(rule: Rule): string {
  const time = hours(rule.opens, rule.closes);
  const when: string[] = [];
  if (rule.freq === 'MONTHLY') {
    const parts = [
      ...rule.nth.map((n) => `${NTH.get(n.nth) ?? `${n.nth}th`} ${DAY_NAMES[n.wd]}`),
      ...(rule.dayMask ? [`every ${days(rule.dayMask)}`] : []),
      ...(rule.monthDays.length ? [`day ${rule.monthDays.join(', ')}`] : []),
    ];
    when.push(`${parts.join(', ')} of ${rule.interval > 1 ? `every ${rule.interval} months` : 'the month'}`);
  } else if (rule.freq === 'YEARLY') {
    when.push(`yearly from ${rule.schedule.dtstart ?? ''}`);
  } else {
    const unit = rule.freq === 'DAILY' ? 'days' : 'weeks';
    when.push(`every ${rule.interval} ${unit}${rule.dayMask ? ` on ${days(rule.dayMask)}` : ''}`);
  }
  if (rule.schedule.count) when.push(`${rule.schedule.count} times`);
  return [...when, time].filter(Boolean).join(' ');
}

/**
 * When a service runs: weekly slots (weekday and hours) gathered from every rule that repeats each
 * week, however the directory splits them into rows; other rules in words; dated sessions as the
 * weekly slots they fall in; a schedule that cannot be read, in its own words.
 */
function times(service: Service): FieldValue | undefined {
  // Days of each distinct window, so that "Mon–Thu 09:00–17:00" is one entry whatever the rows.
  const windows = new Map<string, number>();
  const other: string[] = [];
  const addSlot = (mask: number, window: string) => windows.set(window, (windows.get(window) ?? 0) | mask);
  const words: string[] = [];
  for (const schedule of service.schedules ?? []) {
    const rule = compileRule(schedule);
    if (!rule) {
      const said = schedule.description?.trim();
      if (said) words.push(said);
      continue;
    }
    const weekly = rule.interval === 1 && !rule.schedule.count && (rule.freq === 'WEEKLY' || rule.freq === 'DAILY');
    if (weekly) addSlot(rule.dayMask || (rule.freq === 'DAILY' ? 0x7f : 0), hours(rule.opens, rule.closes));
    else other.push(ruleWords(rule));
  }
  for (const s of compileService(service).sessions) {
    const start = localParts(s.start);
    addSlot(1 << weekdayOf(start.day), hours(start.minutes, s.end ? localParts(s.end).minutes : undefined));
  }
  const entries = [...windows].map(([window, mask]) => [days(mask), window].filter(Boolean).join(' '));
  entries.push(...other);
  if (entries.length) {
    const sorted = [...new Set(entries)].sort();
    return { key: sorted.join('; '), text: sorted.join('; ') };
  }
  if (!words.length) return undefined;
  return { key: words.map(normalise).sort().join('; '), text: words.join('; ') };
}

function ages(service: Service): FieldValue | undefined {
  const a = service.ages;
  if (!a || (a.min === undefined && a.max === undefined)) return undefined;
  const text = a.max === undefined ? `${a.min}+` : a.min === undefined ? `up to ${a.max}` : `${a.min}–${a.max}`;
  return { key: text, text };
}

/** Values keyed by `keyOf`, first spelling kept, keys sorted: a list the same whatever its order. */
function listed(values: Array<string | undefined>, keyOf: (v: string) => string): FieldValue | undefined {
  const byKey = new Map<string, string>();
  for (const v of values) {
    const t = v?.trim();
    if (t && !byKey.has(keyOf(t))) byKey.set(keyOf(t), t);
  }
  if (!byKey.size) return undefined;
  const keys = [...byKey.keys()].sort();
  return { key: keys.join(' '), text: keys.map((k) => byKey.get(k)).join(', ') };
}

const phoneKey = (n: string) => normalisePhone(n) ?? n.replace(/\s/g, '');

/** Phone numbers and email addresses, the service's and its contacts'. */
function contacts(service: Service): FieldValue | undefined {
  const values: Array<string | undefined> = [service.email];
  for (const p of service.phones ?? []) values.push(p.number);
  for (const c of service.contacts ?? []) {
    values.push(c.email);
    for (const p of c.phones ?? []) values.push(p.number);
  }
  return listed(values, (v) => (v.includes('@') ? v.toLowerCase() : phoneKey(v)));
}

/** Street and postcode of each location that states either (a point alone is not an address). */
function address(service: Service): FieldValue | undefined {
  const byKey = new Map<string, string>();
  for (const l of service.locations ?? []) {
    const a = l.address;
    if (!a?.street && !a?.postcode) continue;
    const key = `${tokenise(a.street).join(' ')}|${normalisePostcode(a.postcode) ?? normalise(a.postcode ?? '')}`;
    if (!byKey.has(key)) byKey.set(key, [a.street, a.town, a.postcode].filter(Boolean).join(', '));
  }
  if (!byKey.size) return undefined;
  const keys = [...byKey.keys()].sort();
  return { key: keys.join('; '), text: keys.map((k) => byKey.get(k)).join('; ') };
}

const money = (amount: number, currency = 'GBP') => (currency === 'GBP' ? `£${amount.toFixed(2)}` : `${amount.toFixed(2)} ${currency}`);

/** Free, or the prices stated (amounts compare; the words are shown), or the directory's words. */
function cost(service: Service): FieldValue | undefined {
  const c = service.cost;
  if (!c) return undefined;
  if (c.free) return { key: 'free', text: c.text ?? 'free' };
  const amounts = [...new Set((c.options ?? []).filter((o) => o.amount !== undefined).map((o) => money(o.amount!, o.currency)))].sort();
  const words =
    c.text ??
    (c.options ?? [])
      .map((o) => [o.option, o.amount !== undefined ? money(o.amount, o.currency) : '', o.description].filter(Boolean).join(' '))
      .join('; ');
  if (amounts.length) return { key: amounts.join(' '), text: words || amounts.join(', ') };
  return words ? { key: normalise(words), text: words } : { key: 'not free', text: 'not free (no price given)' };
}

/** What a record states of `field`, or undefined when it does not say. */
export function fieldValue(service: Service, field: ComparedField): FieldValue | undefined {
  switch (field) {
    case 'access': {
      const list = [...new Set(service.access ?? [])].sort();
      return list.length ? { key: list.join(' '), text: list.join(', ') } : undefined;
    }
    case 'times':
      return times(service);
    case 'ages':
      return ages(service);
    case 'contacts':
      return contacts(service);
    case 'address':
      return address(service);
    case 'cost':
      return cost(service);
    case 'status':
      return service.status ? { key: service.status, text: service.status } : undefined;
  }
}
