/**
 * Reading the properties frameworks set. React and Vue pass numbers, booleans and arrays where HTML passes
 * strings (`age={70}`, `:free="true"`, `endpoints={[a, b]}`); each reader takes both. Anything else is a
 * mistake in the page: it warns once per element and property, naming the property and what it expected,
 * and is ignored, so the finder never breaks over it.
 */

const warned = new WeakMap<Element, Set<string>>();

/** Says once per element and property that `value` is not what the property takes. */
export function warnOnce(host: Element, property: string, expected: string, value: unknown): void {
  const seen = warned.get(host) ?? new Set();
  warned.set(host, seen);
  if (seen.has(property)) return;
  seen.add(property);
  const got = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value === 'object' ? 'an object' : JSON.stringify(value);
  console.warn(`<${host.localName}>: the ${property} property takes ${expected}, not ${got}. It is ignored.`);
}

/** Text, or nothing: anything else warns. */
export function textProp(host: Element, property: string, value: unknown, expected = 'text'): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (value !== undefined && value !== null) warnOnce(host, property, expected, value);
  return undefined;
}

/** A list: text with items separated by spaces or commas (or `separator`), or an array of text. */
export function listProp(host: Element, property: string, value: unknown, separator = /[\s,]+/): string[] {
  const items = Array.isArray(value) ? value : [value ?? ''];
  const bad = items.find((v) => typeof v !== 'string');
  if (bad !== undefined) warnOnce(host, property, 'text or an array of text', bad);
  return items.flatMap((v) => (typeof v === 'string' ? v.split(separator) : [])).flatMap((v) => v.trim() || []);
}

/** A number: a finite number, or text holding one. */
export function numberProp(host: Element, property: string, value: unknown, expected = 'a number'): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' || (typeof value === 'string' && value.trim()) ? Number(value) : NaN;
  if (Number.isFinite(n)) return n;
  warnOnce(host, property, expected, value);
  return undefined;
}

/** Text as a flag attribute or a framework gives it: present is true, except "false" (`hide-search="false"`). */
const flagText = (value: string) => value.trim().toLowerCase() !== 'false';

/** The converter of a flag attribute. */
export const flagAttribute = { fromAttribute: (value: string | null): boolean => value !== null && flagText(value) };

/** A flag: true or false, or text as an attribute gives it. */
export function flagProp(host: Element, property: string, value: unknown): boolean {
  if (typeof value === 'boolean' || value === undefined || value === null) return !!value;
  if (typeof value === 'string') return flagText(value);
  warnOnce(host, property, 'true or false', value);
  return false;
}
