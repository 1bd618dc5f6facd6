/**
 * The search index and the one filter + rank pass. "Unknown is not no":
 * each filter drops only records known not to match; records that do not
 * state the field follow the full matches, marked partial, unless strict.
 */
import type { AgeBand, BlendedService, Explanation, FilterField, Query, Result, Sort } from '../model/index.js';
import { REQUIRE_FIELDS, WEEKDAYS } from '../model/index.js';
import { accessibilityFeatures } from './accessibility.js';
import { haversineKm } from './geo.js';
import { checkedDate, completeness, listed, staleWindow, states } from './quality.js';
import { dayNumber, instantOf, localParts, openAt, PART_BITS, runsOn, weeklyPattern, type WeeklyPattern } from './schedule.js';
import { normalise, queryTerms, tokenise, type Synonyms } from './text.js';
import type { CompiledNeeds } from './needs/compile.js';

const NAME = 1;
const TERMS = 2;
const ORG = 4;
const DESCRIPTION = 8;

function fieldWeight(mask: number): number {
  if (mask & NAME) return 3;
  if (mask & TERMS) return 2;
  if (mask & ORG) return 1.5;
  return 1;
}

interface Entry {
  service: BlendedService;
  /** Normalised name, for sorting by name. */
  sortName: string;
  /** Every word (and joined adjacent pair) of the indexed text, sorted; `masks` in step. */
  words: string[];
  /** Per word: which fields it occurs in (name, terms, organisation, description). */
  masks: Uint8Array;
  ageKnown: boolean;
  ageMin: number;
  ageMax: number;
  access?: readonly string[];
  attendance?: readonly string[];
  /** Accessibility features stated; undefined when the record says nothing about accessibility. */
  accessibility?: ReadonlySet<string>;
  eligibility?: Set<string>;
  categories?: Set<string>;
  pattern: WeeklyPattern;
  /** lat, lng, lat, lng, … */
  coords: number[];
  free?: boolean;
  checked?: string;
  checkedMs: number;
  /** Day number (days since 1970-01-01) of the checked date; NaN without one. */
  checkedDay: number;
  completeness: number;
  /** Bit per REQUIRE_FIELDS entry that the record states. */
  stated: number;
}

export interface SearchIndex {
  readonly entries: readonly Entry[];
  /** Position of each entry in name order. */
  readonly nameRank: Int32Array;
  /** The entries in name order. */
  readonly nameOrder: Int32Array;
  /** Last text scoring, reused while only other filters change, with the scores of its last few words. */
  textCache?: { key: string; scores: Float32Array | undefined; tokens: TokenScores[] };
}

/** One query word's score per entry, and the entries it matched. */
interface TokenScores {
  token: string;
  scores: Float32Array;
  hits: Int32Array;
}

/** Query words whose scores are kept: a word typed a letter at a time is looked for among the last one's matches. */
const TOKENS_KEPT = 8;

function indexTokens(text: string | undefined, mask: number, into: Map<string, number>, pairs = true): void {
  const tokens = tokenise(text);
  for (let i = 0; i < tokens.length; i++) {
    into.set(tokens[i], (into.get(tokens[i]) ?? 0) | mask);
    // Joined pairs let "playgroup" find "Play Group" in names and terms.
    if (pairs && i > 0) {
      const pair = tokens[i - 1] + tokens[i];
      into.set(pair, (into.get(pair) ?? 0) | mask);
    }
  }
}

/**
 * Entries are cached per service object: the blender hands back the same
 * object for a service that did not change, so re-indexing after each page
 * of records only does the work for what is new.
 */
const entryCache = new WeakMap<BlendedService, Entry>();

function entryOf(service: BlendedService): Entry {
  const cached = entryCache.get(service);
  if (cached) return cached;
  const tokens = new Map<string, number>();
  indexTokens(service.name, NAME, tokens);
  for (const t of service.categories ?? []) indexTokens(t.name, TERMS, tokens);
  for (const t of service.eligibility ?? []) indexTokens(t.name, TERMS, tokens);
  indexTokens(service.organisation?.name, ORG, tokens);
  indexTokens(service.description, DESCRIPTION, tokens, false);
  const words = [...tokens.keys()].sort();
  const masks = Uint8Array.from(words, (w) => tokens.get(w)!);
  const ages = service.ages;
  const coords: number[] = [];
  for (const l of service.locations ?? []) {
    if (typeof l.lat === 'number' && typeof l.lng === 'number') coords.push(l.lat, l.lng);
  }
  const checked = checkedDate(service);
  let stated = 0;
  REQUIRE_FIELDS.forEach((f, bit) => {
    if (states(service, f)) stated |= 1 << bit;
  });
  const entry: Entry = {
    service,
    sortName: normalise(service.name),
    words,
    masks,
    ageKnown: !!ages && (ages.min !== undefined || ages.max !== undefined),
    ageMin: ages?.min ?? 0,
    ageMax: ages?.max ?? Infinity,
    access: service.access?.length ? service.access : undefined,
    attendance: service.attendance?.length ? service.attendance : undefined,
    accessibility: accessibilityFeatures(service),
    eligibility: service.eligibility?.length ? new Set(service.eligibility.map((t) => normalise(t.name).trim())) : undefined,
    categories: service.categories?.length ? new Set(service.categories.map((t) => normalise(t.name).trim())) : undefined,
    pattern: weeklyPattern(service),
    coords,
    free: service.cost?.free,
    checked,
    checkedMs: checked ? Date.parse(checked) : NaN,
    checkedDay: dayNumber(checked) ?? NaN,
    completeness: completeness(service).score,
    stated,
  };
  entryCache.set(service, entry);
  return entry;
}

/** Precomputes what `search` reads. Cheap to call again after more records arrive (entries are cached). */
export function createIndex(services: BlendedService[]): SearchIndex {
  const entries = services.filter(listed).map(entryOf);
  const order = entries.map((_, i) => i);
  order.sort((a, b) => {
    const x = entries[a];
    const y = entries[b];
    return x.sortName < y.sortName ? -1 : x.sortName > y.sortName ? 1 : x.service.key < y.service.key ? -1 : 1;
  });
  const nameRank = new Int32Array(entries.length);
  order.forEach((entry, rank) => (nameRank[entry] = rank));
  return { entries, nameRank, nameOrder: Int32Array.from(order) };
}

function lowerBound(words: string[], q: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid] < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Per entry: best weight of a word starting with `q` (exact word 1×, prefix 0.7×). An entry with no word
 * starting with a kept shorter word that `q` starts with has none starting with `q` either: typing a word
 * letter by letter, each letter looks only among the entries the word so far matched.
 */
function scoreToken(index: SearchIndex, q: string, kept: TokenScores[]): Float32Array {
  const known = kept.find((t) => t.token === q);
  if (known) return known.scores;
  let within: Int32Array | undefined;
  for (const t of kept) if (q.startsWith(t.token) && (!within || t.hits.length < within.length)) within = t.hits;
  const { entries } = index;
  const scores = new Float32Array(entries.length);
  const hits: number[] = [];
  const n = within ? within.length : entries.length;
  for (let k = 0; k < n; k++) {
    const i = within ? within[k] : k;
    const { words, masks } = entries[i];
    let best = 0;
    for (let j = lowerBound(words, q); j < words.length && words[j].startsWith(q); j++) {
      const w = fieldWeight(masks[j]) * (words[j] === q ? 1 : 0.7);
      if (w > best) best = w;
    }
    if (best > 0) {
      scores[i] = best;
      hits.push(i);
    }
  }
  kept.unshift({ token: q, scores, hits: Int32Array.from(hits) });
  if (kept.length > TOKENS_KEPT) kept.pop();
  return scores;
}

/** Text score per entry (0 = no match), or undefined when the text has no words. */
function textScores(index: SearchIndex, text: string, synonyms?: Synonyms): Float32Array | undefined {
  const key = `${text}\u0000${synonyms ? JSON.stringify(synonyms) : ''}`;
  if (index.textCache?.key === key) return index.textCache.scores;
  const kept = index.textCache?.tokens ?? [];
  const terms = queryTerms(text, synonyms);
  const n = index.entries.length;
  let total: Float32Array | undefined;
  for (const alternatives of terms) {
    const term = new Float32Array(n);
    for (const alt of alternatives) {
      // Kept scores are read, never written.
      let altScore: Float32Array | undefined;
      for (const token of alt) {
        const s = scoreToken(index, token, kept);
        if (!altScore) altScore = s;
        else altScore = altScore.map((v, i) => Math.min(v, s[i]));
      }
      if (altScore) for (let i = 0; i < n; i++) if (altScore[i] > term[i]) term[i] = altScore[i];
    }
    if (!total) total = term;
    else for (let i = 0; i < n; i++) total[i] = term[i] > 0 && total[i] > 0 ? total[i] + term[i] : 0;
  }
  index.textCache = { key, scores: total, tokens: kept };
  return total;
}

/** 0: known not to match, 1: match, 2: not stated. */
type State = 0 | 1 | 2;

interface Filter {
  field: FilterField;
  test(e: Entry, i: number): State;
  explain(e: Entry, i: number): Omit<Explanation, 'field' | 'state'>;
  /** The explanation is the same for every entry: one object serves every result. */
  same?: boolean;
}

/** A filter as the needs vocabulary's module makes it (engine/needs/filters.ts): it reads only the service. */
export type NeedFilter = Filter;
/** The filters the needs vocabulary makes for a query, in place of (or besides) the search's own. */
export type NeedFilters = { text?: Filter; need?: Filter; category?: Filter };

const NOT_STATED = { detail: 'not stated' };

export function ageBandRange(band: AgeBand): { min: number; max: number } {
  if (band.endsWith('+')) return { min: Number(band.slice(0, -1)), max: Infinity };
  const [min, max] = band.split('-').map(Number);
  return { min, max };
}

function ageText(min: number, max: number): { detail: string; params: Record<string, number> } {
  if (max === Infinity) return { detail: `matches ${min}+`, params: { min } };
  if (min === 0) return { detail: `matches up to ${max}`, params: { max } };
  return { detail: `matches ${min}–${max}`, params: { min, max } };
}

function anyOf(
  wanted: readonly string[],
  field: FilterField,
  get: (e: Entry) => readonly string[] | Set<string> | undefined,
  norm = false,
): Filter {
  const want = norm ? wanted.map((w) => normalise(w).trim()) : [...wanted];
  const hits = (e: Entry) => {
    const have = get(e)!;
    return want.filter((w) => (have instanceof Set ? have.has(w) : have.includes(w)));
  };
  return {
    field,
    test: (e) => (get(e) ? (hits(e).length ? 1 : 0) : 2),
    explain: (e) => {
      const h = hits(e);
      const names = norm ? h.map((w) => wanted[want.indexOf(w)]) : h;
      return { detail: names.join(', '), params: { [field]: names.join(', ') } };
    },
  };
}

export interface SearchOptions {
  now: Date;
  /** Synonym groups for the words: an object adds to the built-in groups, a list of groups replaces them. */
  synonyms?: Synonyms;
  /**
   * The needs vocabulary, compiled: needed for `query.needs`, and lets a category preset or a keyword
   * that names a need ("Staying active", "lonely") find what the need finds.
   */
  needs?: CompiledNeeds;
  /** Days after its last check that a record is out of date (`hideStale`, and the ranking's small boost); default STALE_DAYS. */
  staleAfterDays?: number;
}

export interface SearchOutput {
  results: Result[];
  /** Services in the index (inactive and defunct ones excluded). */
  total: number;
  /** Full matches. */
  matched: number;
  /** Listed after the matches because a filtered field is not stated. */
  partial: number;
}

/**
 * `boost` collects, per entry, what a need match adds to its relevance (a keyword naming a need, a need
 * asked for, a category preset resolved through the vocabulary).
 */
function buildFilters(
  query: Query,
  options: SearchOptions,
  scores: Float32Array | undefined,
  distance: Float64Array,
  boost: Float32Array,
): Filter[] {
  const filters: Filter[] = [];
  const text = query.text?.trim();
  const own = {
    text:
      text && scores
        ? ({
            field: 'text',
            test: (_e, i) => (scores[i] > 0 ? 1 : 0),
            explain: () => ({ detail: `matches “${text}”`, params: { text } }),
            same: true,
          } as Filter)
        : undefined,
    category: query.categories?.length ? anyOf(query.categories, 'category', (e) => e.categories, true) : undefined,
  };
  const needs = options.needs?.filters(query, own, boost) ?? {};
  const textFilter = needs.text ?? own.text;
  if (textFilter) filters.push(textFilter);
  if (needs.need) filters.push(needs.need);
  const ageRange =
    typeof query.age === 'number' && Number.isFinite(query.age)
      ? { min: query.age, max: query.age }
      : query.ageBand
        ? ageBandRange(query.ageBand)
        : undefined;
  if (ageRange) {
    filters.push({
      field: 'age',
      test: (e) => (!e.ageKnown ? 2 : e.ageMin <= ageRange.max && e.ageMax >= ageRange.min ? 1 : 0),
      explain: (e) => ageText(e.ageMin, e.ageMax),
    });
  }
  if (query.access?.length) filters.push(anyOf(query.access, 'access', (e) => e.access));
  if (query.attendance?.length) filters.push(anyOf(query.attendance, 'attendance', (e) => e.attendance));
  if (query.accessibility?.length) {
    const wanted = query.accessibility;
    const hits = (e: Entry) => wanted.filter((f) => e.accessibility?.has(f));
    // Saying one thing about a venue says nothing of the rest: no record is known not to have a feature.
    filters.push({
      field: 'accessibility',
      test: (e) => (hits(e).length ? 1 : 2),
      explain: (e) => ({ detail: hits(e).join(', '), params: { accessibility: hits(e).join(', ') } }),
    });
  }
  if (query.eligibility?.length) filters.push(anyOf(query.eligibility, 'eligibility', (e) => e.eligibility, true));
  const category = needs.category ?? own.category;
  if (category) filters.push(category);
  if (query.days?.length || query.partsOfDay?.length) {
    const { dayBits, partBits } = whenBits(query);
    const words = [query.days?.length ? query.days.join(', ') : '', query.partsOfDay?.length ? query.partsOfDay.join(', ') : ''].filter(
      Boolean,
    );
    filters.push({
      field: 'availability',
      test: (e) => {
        const p = e.pattern;
        if (!p.known) return 2;
        const days = p.days & dayBits;
        if (!days) return 0;
        if (!partBits) return 1;
        let unknown = false;
        for (let wd = 0; wd < 7; wd++) {
          if (!(days & (1 << wd))) continue;
          if (p.parts[wd] & partBits) return 1;
          if (p.partsUnknown & (1 << wd)) unknown = true;
        }
        return unknown ? 2 : 0;
      },
      explain: (e) => {
        const runs = WEEKDAYS.filter((_d, wd) => e.pattern.days & dayBits & (1 << wd));
        return {
          detail: `runs ${runs.join(', ')}${partBits ? ` (${query.partsOfDay!.join(', ')})` : ''}`,
          params: { when: words.join(' ') },
        };
      },
    });
  }
  const day = dayNumber(query.date);
  if (query.date && day !== undefined) {
    const bounds = { from: instantOf(day, 0), to: instantOf(day + 1, 0) };
    const date = query.date;
    filters.push({
      field: 'availability',
      test: (e) => {
        const r = runsOn(e.service, day, bounds);
        return r === 'yes' ? 1 : r === 'no' ? 0 : 2;
      },
      explain: () => ({ detail: `runs on ${date}`, params: { date } }),
      same: true,
    });
  }
  if (query.openNow) {
    const local = new Map<string, { day: number; minutes: number }>();
    filters.push({
      field: 'availability',
      test: (e) => {
        const r = openAt(e.service, options.now, local);
        return r === 'yes' ? 1 : r === 'no' ? 0 : 2;
      },
      explain: () => ({ detail: 'open now', params: { openNow: 'yes' } }),
      same: true,
    });
  }
  if (query.near) {
    const near = query.near;
    const radius = typeof query.radiusKm === 'number' && query.radiusKm > 0 ? query.radiusKm : undefined;
    filters.push({
      field: 'distance',
      test: (e, i) => {
        if (e.coords.length === 0) return 2;
        let best = Infinity;
        for (let k = 0; k < e.coords.length; k += 2) {
          const d = haversineKm(near, { lat: e.coords[k], lng: e.coords[k + 1] });
          if (d < best) best = d;
        }
        distance[i] = best;
        return radius === undefined || best <= radius ? 1 : 0;
      },
      explain: (_e, i): Omit<Explanation, 'field' | 'state'> => {
        const km = Math.round(distance[i] * 10) / 10;
        return { detail: `${km} km away`, params: radius === undefined ? { km } : { km, radiusKm: radius } };
      },
    });
  }
  if (query.free) {
    filters.push({
      field: 'cost',
      test: (e) => (e.free === undefined ? 2 : e.free ? 1 : 0),
      explain: () => ({ detail: 'free', params: { free: 'yes' } }),
      same: true,
    });
  }
  if (query.hideStale) {
    const today = localParts(options.now).day;
    const staleDays = staleWindow(options.staleAfterDays);
    filters.push({
      field: 'freshness',
      test: (e) => (Number.isNaN(e.checkedDay) ? 2 : today - e.checkedDay <= staleDays ? 1 : 0),
      explain: (e) => ({ detail: `checked ${e.checked}`, params: { date: e.checked!, days: today - e.checkedDay, within: staleDays } }),
    });
  }
  if (query.require?.length) {
    const need = query.require;
    const bits = need.reduce((m, f) => m | (1 << REQUIRE_FIELDS.indexOf(f)), 0);
    filters.push({
      field: 'completeness',
      test: (e) => ((e.stated & bits) === bits ? 1 : 0),
      explain: () => ({ detail: `states ${need.join(', ')}`, params: { fields: need.join(', ') } }),
      same: true,
    });
  }
  return filters;
}

/** Every weekday's bit (Monday is bit 0). */
const ALL_DAYS = 0x7f;

/**
 * The weekdays a query asks for (all seven when none) and its parts of the day (0: any), as bits: the
 * availability filter's, and `sessionFilter`'s (engine/sessions.ts) for single sessions.
 */
export function whenBits(query: Query): { dayBits: number; partBits: number } {
  return {
    dayBits: query.days?.length ? query.days.reduce((m, d) => m | (1 << WEEKDAYS.indexOf(d)), 0) : ALL_DAYS,
    partBits: (query.partsOfDay ?? []).reduce((m, p) => m | PART_BITS[p], 0),
  };
}

interface Hit {
  result: Result;
  e: Entry;
  i: number;
}

/** Default order: relevance with text or needs (the strongest evidence first), else distance with a point, else name. */
export function defaultSort(query: Query): Sort {
  return query.sort ?? (query.text?.trim() || query.needs?.length ? 'relevance' : query.near ? 'distance' : 'name');
}

/**
 * Filters and ranks the index for a query. Full matches always come before partial ones. Explanations that
 * are the same for every result (and the "not stated" ones) are shared between results: read them, never
 * change them.
 */
export function search(index: SearchIndex, query: Query, options: SearchOptions): SearchOutput {
  const { entries, nameOrder } = index;
  const distance = new Float64Array(entries.length).fill(NaN);
  const words = query.text?.trim();
  const text = words ? textScores(index, words, options.synonyms) : undefined;
  const boost = new Float32Array(entries.length);
  const filters = buildFilters(query, options, text, distance, boost);
  const states = new Uint8Array(filters.length);
  const today = localParts(options.now).day;
  const staleDays = staleWindow(options.staleAfterDays);
  const unknown = filters.map((filter): Explanation => ({ field: filter.field, state: 'unknown', ...NOT_STATED }));
  const matchOnce: Array<Explanation | undefined> = [];
  const match = (f: number, e: Entry, i: number): Explanation =>
    filters[f].same
      ? (matchOnce[f] ??= { field: filters[f].field, state: 'match', ...filters[f].explain(e, i) })
      : { field: filters[f].field, state: 'match', ...filters[f].explain(e, i) };
  // With every explanation the same for all entries, the list depends only on which filters matched.
  const allSame = filters.every((f) => f.same);
  const lists = new Map<number, Explanation[]>();
  // Hits are gathered in name order: a stable sort then leaves equals in name order.
  const full: Hit[] = [];
  const partials: Hit[] = [];
  outer: for (let k = 0; k < entries.length; k++) {
    const i = nameOrder[k];
    const e = entries[i];
    let partial = false;
    let code = 0;
    for (let f = 0; f < filters.length; f++) {
      const s = filters[f].test(e, i);
      if (s === 0) continue outer;
      if (s === 2) {
        if (query.strict) continue outer;
        partial = true;
      }
      states[f] = s;
      code = code * 3 + s;
    }
    let explanations = allSame ? lists.get(code) : undefined;
    if (!explanations) {
      explanations = filters.map((_filter, f) => (states[f] === 1 ? match(f, e, i) : unknown[f]));
      if (allSame) lists.set(code, explanations);
    }
    // Small boosts: checked within the freshness window, complete enough to refer with confidence, and near the person
    // (1 on the spot, ½ at 3 km, ¼ at 9 km: among names that match alike, the nearer comes first).
    const fresh = today - e.checkedDay <= staleDays ? 0.2 : 0;
    const near = Number.isNaN(distance[i]) ? 0 : 1 / (1 + distance[i] / 3);
    const score = (text ? text[i] : 0) + boost[i] + 0.3 * e.completeness + fresh + near;
    const result: Result = { service: e.service, score, explanations, partial };
    if (!Number.isNaN(distance[i])) result.distanceKm = distance[i];
    (partial ? partials : full).push({ result, e, i });
  }
  const sort = defaultSort(query);
  const dist = (r: Result) => r.distanceKm ?? Infinity;
  const checked = (h: Hit) => (Number.isNaN(h.e.checkedMs) ? -Infinity : h.e.checkedMs);
  const order: ((a: Hit, b: Hit) => number) | undefined =
    sort === 'relevance'
      ? (a, b) => b.result.score - a.result.score || dist(a.result) - dist(b.result)
      : sort === 'distance'
        ? (a, b) => dist(a.result) - dist(b.result)
        : sort === 'checked'
          ? (a, b) => checked(b) - checked(a)
          : undefined;
  if (order) {
    full.sort(order);
    partials.sort(order);
  }
  const matched = full.length;
  const hits = full.concat(partials);
  return {
    results: hits.map((h) => h.result),
    total: entries.length,
    matched,
    partial: hits.length - matched,
  };
}
