import { en, type Catalogue, type Plural } from './en.js';
import { londonClock } from '../model/london.js';

export { en, type Catalogue, type Plural };

export type Lang = 'en' | 'cy';

/**
 * The catalogues loaded so far. English is always there; Welsh is a chunk of its own, fetched the first
 * time an element asks for it: most pages never do.
 */
const catalogues = new Map<Lang, Catalogue>([['en', en]]);
const loading = new Map<Lang, Promise<Catalogue | undefined>>();
const LOADERS: Record<Exclude<Lang, 'en'>, () => Promise<Catalogue>> = {
  cy: () => import('./cy.js').then((m) => m.cy),
};

/** The catalogue of `lang` if it has been loaded. */
export function loadedCatalogue(lang: Lang): Catalogue | undefined {
  return catalogues.get(lang);
}

/**
 * Loads the catalogue of `lang` once. Resolves with it, or with undefined when it could not be loaded (the
 * words are then English, and the next call tries again).
 */
export function loadCatalogue(lang: Lang): Promise<Catalogue | undefined> {
  const have = catalogues.get(lang);
  if (have) return Promise.resolve(have);
  let pending = loading.get(lang);
  if (!pending) {
    pending = LOADERS[lang as Exclude<Lang, 'en'>]().then(
      (catalogue) => {
        catalogues.set(lang, catalogue);
        loading.delete(lang);
        return catalogue;
      },
      () => {
        loading.delete(lang);
        return undefined;
      },
    );
    loading.set(lang, pending);
  }
  return pending;
}

/** Picks the language from a tag such as `cy`, `cy-GB`, `en-GB`; English otherwise. */
export function langFrom(tag: string | null | undefined): Lang {
  return tag && /^cy\b/i.test(tag.trim()) ? 'cy' : 'en';
}

/**
 * The language of an element: its own `lang`, else the nearest ancestor's,
 * looking through shadow roots to their hosts, else the page's.
 */
export function resolveLang(el: Element): Lang {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang') && node.getAttribute('lang')) {
      return langFrom(node.getAttribute('lang'));
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return langFrom(document.documentElement.lang);
}

const fill = (text: string, params?: Record<string, string | number>) =>
  params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text;

const MILE_KM = 1.609344;
export const kmToMiles = (km: number) => km / MILE_KM;
export const milesToKm = (miles: number) => miles * MILE_KM;

/** Intl's default for a number's decimals. */
const MAX_DECIMALS = 3;
/** Numbers this large, or smaller than `PLAIN_SMALLEST` (0 aside), go to Intl: `String` would write an exponent. */
const PLAIN_LIMIT = 1e15;
const PLAIN_SMALLEST = 1e-6;

/**
 * `n` written as en-GB and cy-GB write numbers: its sign, then `unit` ("£"), then thousands grouped with commas,
 * rounded to `decimals` as Intl rounds (the shortest decimal that reads back as `n`, "68.785", halves away from
 * zero), trailing zeros dropped unless `keepZeros`; undefined where only Intl can write it.
 */
function digits(n: number, decimals: number, keepZeros: boolean, unit = ''): string | undefined {
  const abs = Math.abs(n);
  if (!Number.isFinite(n) || abs >= PLAIN_LIMIT || (abs !== 0 && abs < PLAIN_SMALLEST)) return undefined;
  const [whole, fraction = ''] = String(abs).split('.');
  const up = fraction.length > decimals && fraction[decimals] >= '5';
  // The kept digits read back and rounded up by one in the last place: `toFixed` undoes the binary error.
  const kept = Number(`${whole}.${fraction.slice(0, decimals) || '0'}`) + (up ? 10 ** -decimals : 0);
  const [w, f = ''] = kept.toFixed(decimals).split('.');
  const shown = keepZeros ? f : f.replace(/0+$/, '');
  return `${n < 0 ? '-' : ''}${unit}${w.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${shown ? `.${shown}` : ''}`;
}

/** `text` with a capital first letter (a sentence that starts with a word written lower case within one). */
export const capitalised = (text: string, locale?: string): string => text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);

/** `word` with its first letter changed as `changes` says ("pryd" → "phryd"), in its case; a digraph ("ch", "th") as it is. */
function mutated(word: string, changes: Readonly<Record<string, string>>): string {
  const first = word.charAt(0);
  const lower = first.toLowerCase();
  if (!Object.hasOwn(changes, lower) || word.charAt(1).toLowerCase() === 'h') return word;
  const to = changes[lower];
  return (first === lower ? to : capitalised(to)) + word.slice(1);
}

/** The vowels of English and Welsh (w and y are vowels in Welsh), accents aside. */
const VOWELS = 'aeiouwy';

/**
 * Messages, plurals, numbers and dates in one language. Dates, times and
 * "3 months ago" are the catalogue's words, numbers and prices in pounds are
 * written by hand (see `number`); plurals, and prices in other currencies, are
 * Intl's, whose objects are made when first used and kept: making one costs
 * far more than using it, and a list of cards formats hundreds of numbers.
 */
export class Localizer {
  readonly lang: Lang;
  readonly m: Catalogue;
  readonly locale: string;
  readonly #made = new Map<string, unknown>();

  /** Words in `lang`, from `catalogue` or the one loaded for it (English until that has loaded: see `loadCatalogue`). */
  constructor(lang: Lang, catalogue: Catalogue | undefined = catalogues.get(lang)) {
    this.lang = catalogue ? lang : 'en';
    this.m = catalogue ?? en;
    this.locale = this.m.locale;
  }

  /** The value `make` returns for `key`, made once. */
  #once<T>(key: string, make: () => T): T {
    let v = this.#made.get(key) as T | undefined;
    if (v === undefined) this.#made.set(key, (v = make()));
    return v;
  }

  /** Fills `{name}` placeholders. */
  t(text: string, params?: Record<string, string | number>): string {
    return fill(text, params);
  }

  /** Chooses the plural form for `n` and fills `{n}` (formatted) and any other placeholders. */
  p(forms: Plural, n: number, params?: Record<string, string | number>): string {
    const rule = this.#once('plural', () => new Intl.PluralRules(this.locale)).select(n) as keyof Plural;
    // Intl gives 'zero' only where the language has it; English uses our 'zero' for exactly 0.
    const text = (n === 0 && forms.zero) || forms[rule] || forms.other;
    return fill(text, { n: this.number(n), ...params });
  }

  /**
   * A number as Intl writes it by default in both languages (thousands grouped with commas, at most three
   * decimals), written here: the first Intl number format costs 20 to 45 ms of ICU start-up on a 2-core
   * machine, which landed in the finder's first render of cards with prices.
   */
  number(n: number): string {
    return digits(n, MAX_DECIMALS, false) ?? this.#once('number', () => new Intl.NumberFormat(this.locale)).format(n);
  }

  /** A price: "£3", "£3.50" (pence shown when there are any). Pounds without Intl (see `number`); other currencies through it. */
  money(amount: number, currency = 'GBP'): string {
    const pence = amount % 1 !== 0;
    const text = currency === 'GBP' ? digits(amount, pence ? 2 : 0, pence, '£') : undefined;
    if (text !== undefined) return text;
    return this.#once(
      `money ${currency} ${pence}`,
      () => new Intl.NumberFormat(this.locale, { style: 'currency', currency, minimumFractionDigits: pence ? 2 : 0 }),
    ).format(amount);
  }

  /**
   * "a, b and c" (or "a, b or c") in the catalogue's words. Not Intl.ListFormat: its first use, ICU starting
   * up, was 100 ms of a finder's first render in a CPU profile on a 2-core machine, and for Welsh it writes
   * "a(c)" where a reader expects "a", or "ac" before a vowel.
   */
  list(items: string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
    if (items.length < 2) return items.join('');
    const c = this.m.calendar;
    const last = items[items.length - 1];
    // Its first letter without accents ("ŵy" starts with a w).
    const first = last.slice(0, 2).normalize('NFD').charAt(0).toLowerCase();
    const word = type === 'disjunction' ? c.or : first && VOWELS.includes(first) ? c.andBeforeVowel : c.and;
    return `${items.slice(0, -1).join(', ')} ${word} ${last}`;
  }

  /**
   * `list` of the catalogue's own words (access types, what a record does not say, days): the last takes the
   * mutation the language puts after "and" (Welsh "a phryd", not "a pryd"). A directory's words go to `list`
   * as written: on a Welsh page they are often English.
   */
  listOwn(items: string[]): string {
    if (items.length < 2) return this.list(items);
    return this.list([...items.slice(0, -1), mutated(items[items.length - 1], this.m.calendar.afterAnd)]);
  }

  /**
   * "Tuesday 4 March" (with the year when it is not this year), on London's clocks. Dates and times are the
   * catalogue's words, not Intl's: the first Intl date format starts ICU's data (see model/london.ts).
   */
  date(d: Date, options: { year?: 'numeric' } = {}): string {
    const p = londonClock(+d);
    const c = this.m.calendar;
    const withYear = options.year !== undefined || p.getUTCFullYear() !== londonClock(Date.now()).getUTCFullYear();
    return fill(withYear ? c.dateYear : c.date, {
      weekday: c.weekdays[p.getUTCDay()],
      day: p.getUTCDate(),
      month: c.months[p.getUTCMonth()],
      year: p.getUTCFullYear(),
    });
  }

  /** "October 2026" (Europe/London). */
  monthYear(d: Date): string {
    const p = londonClock(+d);
    return fill(this.m.calendar.monthYear, { month: this.m.calendar.months[p.getUTCMonth()], year: p.getUTCFullYear() });
  }

  /** Short weekday name for a calendar column ("Mon"); 0 = Sunday. */
  weekdayShort(weekday: number): string {
    return this.m.calendar.weekdaysShort[weekday];
  }

  /** "10:00" in Europe/London. */
  time(d: Date): string {
    const p = londonClock(+d);
    return `${String(p.getUTCHours()).padStart(2, '0')}:${String(p.getUTCMinutes()).padStart(2, '0')}`;
  }

  /**
   * "3 months ago", "yesterday", in the catalogue's words: Intl's relative times start ICU's data for them (14 ms
   * in a CPU profile of a finder's first names on a 2-core machine, asking whether the language has them).
   */
  ago(value: number, unit: 'day' | 'week' | 'month' | 'year'): string {
    const c = this.m.calendar;
    if (unit === 'day' && value === 1) return c.yesterday;
    return this.p({ day: c.daysAgo, week: c.weeksAgo, month: c.monthsAgo, year: c.yearsAgo }[unit], value);
  }

  /** A `YYYY-MM-DD` date as "4 March 2025". */
  day(iso: string): string {
    const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
    if (Number.isNaN(d.getTime())) return iso;
    const c = this.m.calendar;
    return fill(c.day, { day: d.getUTCDate(), month: c.months[d.getUTCMonth()], year: d.getUTCFullYear() });
  }

  /** Distance in miles for people in the UK, one decimal under 10. */
  miles(km: number): string {
    const miles = kmToMiles(km);
    const n = miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles);
    return this.p(this.m.card.distance, n);
  }
}

const cache = new Map<Lang, Localizer>();
/** The shared Localizer for `lang`; English while `lang`'s catalogue is still loading (asking starts the load). */
export function localizer(lang: Lang): Localizer {
  if (!catalogues.has(lang)) {
    void loadCatalogue(lang);
    lang = 'en';
  }
  let l = cache.get(lang);
  if (!l) cache.set(lang, (l = new Localizer(lang)));
  return l;
}
