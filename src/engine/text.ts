/**
 * Text helpers shared by dedup and search: accent- and case-folding,
 * tokenising, synonym groups and name similarity.
 */

const ASCII = /^[\x00-\x7f]*$/;

/** NFKD, diacritics stripped, lower-cased, apostrophes dropped ("Children’s" → "childrens"). */
export function normalise(text: string): string {
  let t = text;
  if (!ASCII.test(t)) {
    // Typographic punctuation is the usual non-ASCII; only accents need the full decomposition.
    t = t.replace(/[’‘]/g, "'").replace(/[“”–—…\u00a0]/g, ' ');
    if (!ASCII.test(t)) t = t.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  }
  t = t.toLowerCase();
  return t.includes("'") || t.includes('`') ? t.replace(/['`]/g, '') : t;
}

/** Normalised word tokens (letters and digits of any script). */
export function tokenise(text: string | undefined): string[] {
  return text ? words(normalise(text)) : [];
}

/** `tokenise` of text already normalised. */
function words(n: string): string[] {
  // The Unicode-aware split is several times slower; plain ASCII text does not need it.
  const words = n.split(ASCII.test(n) ? /[^a-z0-9]+/ : /[^\p{L}\p{N}]+/u);
  if (words[0] === '') words.shift();
  if (words[words.length - 1] === '') words.pop();
  return words;
}

/** Synonym groups: each entry is a list of phrases that mean the same. */
export const BUILT_IN_SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['counselling', 'counseling'],
  ['gp', 'doctor', 'doctors'],
  ['dementia', 'memory', 'alzheimers'],
  ['foodbank', 'food bank'],
];

/**
 * Synonyms for keyword search: an object of a phrase to its synonyms adds groups to the built-in ones; a
 * list of groups is the whole set (the needs vocabulary's, which starts from the built-in ones unless it
 * replaces them).
 */
export type Synonyms = Record<string, string[]> | ReadonlyArray<readonly string[]>;

/** One query term: a list of alternatives, each a sequence of tokens that must all match. */
export type QueryTerm = string[][];

interface SynonymTable {
  /** First token → phrases (token sequences) starting with it, longest first, each with its group. */
  byFirst: Map<string, Array<{ phrase: string[]; group: string[][] }>>;
}

const tableCache = new WeakMap<object, SynonymTable>();
let builtInTable: SynonymTable | undefined;

const isGroupList = (s: Synonyms | undefined): s is ReadonlyArray<readonly string[]> => Array.isArray(s);

function buildTable(extra?: Synonyms): SynonymTable {
  const groups: Array<readonly string[]> = isGroupList(extra) ? [...extra] : [...BUILT_IN_SYNONYMS];
  if (!isGroupList(extra)) for (const [key, values] of Object.entries(extra ?? {})) groups.push([key, ...values]);
  const byFirst: SynonymTable['byFirst'] = new Map();
  for (const group of groups) {
    const phrases = group.map((p) => tokenise(p)).filter((p) => p.length > 0);
    for (const phrase of phrases) {
      const list = byFirst.get(phrase[0]) ?? [];
      list.push({ phrase, group: phrases });
      byFirst.set(phrase[0], list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
  return { byFirst };
}

function table(extra?: Synonyms): SynonymTable {
  if (!extra || (!isGroupList(extra) && Object.keys(extra).length === 0)) return (builtInTable ??= buildTable());
  let t = tableCache.get(extra);
  if (!t) tableCache.set(extra, (t = buildTable(extra)));
  return t;
}

/**
 * Splits a query into terms. A word or phrase listed in a synonym group
 * becomes one term whose alternatives are every phrase of the group
 * ("food bank" → [["food","bank"],["foodbank"]]).
 */
export function queryTerms(text: string, synonyms?: Synonyms): QueryTerm[] {
  const tokens = tokenise(text);
  const { byFirst } = table(synonyms);
  const terms: QueryTerm[] = [];
  for (let i = 0; i < tokens.length;) {
    const candidates = byFirst.get(tokens[i]);
    const hit = candidates?.find((c) => c.phrase.every((t, j) => tokens[i + j] === t));
    if (hit) {
      const alternatives = new Map<string, string[]>();
      for (const phrase of [hit.phrase, ...hit.group]) alternatives.set(phrase.join(' '), phrase);
      terms.push([...alternatives.values()]);
      i += hit.phrase.length;
    } else {
      terms.push([[tokens[i]]]);
      i += 1;
    }
  }
  return terms;
}

const STOPWORDS = new Set(['the', 'and', 'a', 'an', 'of', 'for', 'at', 'in', 'on', 'to', 'with', 'by', 'y', 'service']);

/** Tokens used to compare names: stopwords dropped, a plural "s" trimmed. */
export function nameTokens(name: string): string[] {
  return nameWords(normalise(name));
}

/** `nameTokens` of a name already normalised. */
export function nameWords(name: string): string[] {
  const out: string[] = [];
  for (const t of words(name)) {
    if (!STOPWORDS.has(t)) out.push(t.length > 3 && t.endsWith('s') && !t.endsWith('ss') ? t.slice(0, -1) : t);
  }
  return out;
}

/**
 * True when two words differ by one insertion, deletion or substitution of a letter
 * ("counseling"/"counselling"); a digit is never a typo ("Room 10001" and "Room 10002" are two rooms).
 */
function oneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (isDigit(a.charCodeAt(i)) || isDigit(b.charCodeAt(i))) return false;
  // Skip one character in the longer word (or both when equally long), then the rest must match.
  let x = la >= lb ? i + 1 : i;
  let y = lb >= la ? i + 1 : i;
  while (x < la && y < lb) if (a.charCodeAt(x++) !== b.charCodeAt(y++)) return false;
  return true;
}

/** Whether a character code is 0–9 (NaN, past the end of a word, is not). */
const isDigit = (c: number) => c >= 48 && c <= 57;

function unmatched(a: string[], b: string[]): number {
  let n = 0;
  outer: for (const t of a) {
    for (const u of b) if (u === t || (t.length >= 5 && u.length >= 5 && oneEdit(t, u))) continue outer;
    n++;
  }
  return n;
}

/**
 * 0..1: how alike two service names are, from pre-computed name tokens.
 * 1: the same words (or the same letters: "Foodbank"/"Food Bank"); 0.9: one
 * name's words (two or more) all in the other ("Lunch club"/"Lunch club
 * (Penarth)"); below 0.8 whenever each name has a word the other lacks
 * ("Barry Island Lunch Club"/"Barry Island Youth Club", "… (Cadoxton)"/"… (Rhoose)").
 */
export function tokensSimilarity(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  return a.join('') === b.join('') ? 1 : wordOverlap(a, b);
}

/** `tokensSimilarity` without the run-together check (callers that compared joined names already). */
export function wordOverlap(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const ua = unmatched(a, b);
  const ub = unmatched(b, a);
  if (ua === 0 && ub === 0) return 1;
  if (ua === 0 || ub === 0) return (ua === 0 ? a : b).length >= 2 ? 0.9 : 0.7;
  // Both have a word of their own: a Dice-like overlap, scaled to stay below 0.8.
  return (0.75 * (a.length - ua + (b.length - ub))) / (a.length + b.length);
}

/** 0..1: how alike two service names are. */
export function nameSimilarity(a: string, b: string): number {
  return tokensSimilarity(nameTokens(a), nameTokens(b));
}

const DAY_WORDS = new Map<string, string>(
  Object.entries({
    monday: 'MO',
    mon: 'MO',
    mondays: 'MO',
    tuesday: 'TU',
    tue: 'TU',
    tues: 'TU',
    tuesdays: 'TU',
    wednesday: 'WE',
    wed: 'WE',
    weds: 'WE',
    wednesdays: 'WE',
    thursday: 'TH',
    thu: 'TH',
    thur: 'TH',
    thurs: 'TH',
    thursdays: 'TH',
    friday: 'FR',
    fri: 'FR',
    fridays: 'FR',
    saturday: 'SA',
    sat: 'SA',
    saturdays: 'SA',
    sunday: 'SU',
    sun: 'SU',
    sundays: 'SU',
    llun: 'MO',
    mawrth: 'TU',
    mercher: 'WE',
    iau: 'TH',
    gwener: 'FR',
    sadwrn: 'SA',
    sul: 'SU',
    morning: 'morning',
    mornings: 'morning',
    afternoon: 'afternoon',
    afternoons: 'afternoon',
    evening: 'evening',
    evenings: 'evening',
    night: 'evening',
    weekday: 'weekday',
    weekdays: 'weekday',
    weekend: 'weekend',
    weekends: 'weekend',
  }),
);

/**
 * Whether text may name a day or a time. The times: a digit then "am"/"pm" ("10am", "10 am", "10:am") or a
 * digit, a colon or a dot, and a digit ("10:30"); written so that no start scans a run of digits again, as
 * `\d[:.]?\d*\s*[ap]m` did from every digit of a long number.
 */
const MAYBE_DAY_OR_TIME =
  /\d[:.]?\s*[ap]m|\d[:.]\d|mon|tue|wed|thu|fri|sat|sun|sul|llun|mawrth|mercher|iau|gwener|sadwrn|morning|afternoon|evening|night|week/;

/**
 * The day and time words in a name ("Chair yoga (Monday 10am)" → "MO|10am"),
 * sorted and joined, so two sessions at one venue can be told apart.
 */
export function dayTimeWords(name: string): string {
  return dayTimeWordsIn(normalise(name));
}

/** `dayTimeWords` of a name already normalised. */
export function dayTimeWordsIn(text: string): string {
  if (!MAYBE_DAY_OR_TIME.test(text)) return '';
  const found = new Set<string>();
  if (/\d/.test(text)) {
    for (const m of text.matchAll(/\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)\b|\b(\d{1,2})[:.](\d{2})\b/g)) {
      if (m[3]) {
        let h = Number(m[1]) % 12;
        if (m[3] === 'pm') h += 12;
        found.add(`${h}:${m[2] ?? '00'}`);
      } else found.add(`${Number(m[4])}:${m[5]}`);
    }
  }
  for (const t of text.split(/[^\p{L}\p{N}]+/u)) {
    const w = DAY_WORDS.get(t);
    if (w) found.add(w);
  }
  if (found.size === 0) return '';
  return [...found].sort().join('|');
}
