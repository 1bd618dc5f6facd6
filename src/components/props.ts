/**
 * Reading the properties frameworks set. React and Vue pass numbers, booleans and arrays where HTML passes
 * strings (`age={70}`, `:free="true"`, `endpoints={[a, b]}`); each reader takes both. Anything else is a
 * mistake in the page: it warns once per element and property, naming the property and what it expected,
 * and is ignored, so the finder never breaks over it.
 */

const warned = new WeakMap<Element, Set<string>>();

function described(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text "${value.slice(0, 40)}"`;
  return `${typeof value === 'number' ? 'the number' : typeof value} ${String(value).slice(0, 40)}`;
}

/** Says once per element and property that `value` is not what the property takes. */
export function warnOnce(host: Element, property: string, expected: string, value: unknown): void {
  let seen = warned.get(host);
  if (!seen) warned.set(host, (seen = new Set()));
  if (seen.has(property)) return;
  seen.add(property);
  console.warn(`<${host.localName}>: the ${property} property takes ${expected}, not ${described(value)}. It is ignored.`);
}

const split = (value: string, separator: RegExp) =>
  value
    .split(separator)
    .map((v) => v.trim())
    .filter(Boolean);

/** A list: text with items separated by spaces or commas (or `separator`), or an array of strings. */
export function listProp(host: Element, property: string, value: unknown, separator = /[\s,]+/): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') return split(value, separator);
  if (Array.isArray(value)) {
    const strings = value.filter((v): v is string => typeof v === 'string');
    if (strings.length < value.length)
      warnOnce(
        host,
        property,
        'text or an array of text',
        value.find((v) => typeof v !== 'string'),
      );
    return strings.flatMap((v) => split(v, separator));
  }
  warnOnce(host, property, 'text or an array of text', value);
  return [];
}

/** A number: a finite number, or text holding one. */
export function numberProp(host: Element, property: string, value: unknown, expected = 'a number'): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  if (Number.isFinite(n)) return n;
  warnOnce(host, property, expected, value);
  return undefined;
}

/**
 * A flag attribute: present is true, as HTML has it, except for the text "false", which a framework or a
 * CMS writes when it means false (`hide-search="false"`).
 */
export const flagAttribute = { fromAttribute: (value: string | null): boolean => value !== null && value.trim().toLowerCase() !== 'false' };

/** A flag: true or false, or text as an attribute gives it (present is true, "false" is false). */
export function flagProp(host: Element, property: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim().toLowerCase() !== 'false';
  warnOnce(host, property, 'true or false', value);
  return false;
}

/**
 * Whether a property's value changed. A framework passes a new array or object on every render: the same
 * data in a new one is no change (and does not make the finder read its directories again).
 */
export function changedByValue(value: unknown, old: unknown): boolean {
  if (value === old) return false;
  if (typeof value !== 'object' || typeof old !== 'object' || value === null || old === null) return true;
  try {
    return JSON.stringify(value) !== JSON.stringify(old);
  } catch {
    return true; // not data (a cycle): compared by identity, which differed
  }
}
