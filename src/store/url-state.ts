/**
 * The query in the page address, so a search can be shared and the back
 * button works. Framework-free: `queryToParams` / `paramsToQuery` convert,
 * `UrlStateSync` keeps a FinderStore and `history` in step.
 *
 * Privacy: the person's place (`near`) and age (`age`, `band`) are written to
 * the address only in `full` mode, when the page opts in. They are always
 * read from an address that has them (someone shared such a link).
 */
import type {
  AccessibilityFeature,
  AccessType,
  AgeBand,
  AttendanceMode,
  PartOfDay,
  Query,
  RequireField,
  Sort,
  Weekday,
} from '../model/index.js';
import {
  ACCESS_TYPES,
  ACCESSIBILITY_FEATURES,
  AGE_BANDS,
  ATTENDANCE_MODES,
  DATE_PATTERN,
  PARTS_OF_DAY,
  REQUIRE_FIELDS,
  SORTS,
  WEEKDAYS,
} from '../model/index.js';
import { isNeedId } from '../engine/needs/limits.js';

export type UrlStateMode = 'off' | 'on' | 'full';

/** Every parameter this module reads and writes; others on the page are left alone. */
export const URL_KEYS = [
  'q',
  'need',
  'age',
  'band',
  'access',
  'attendance',
  'date',
  'open-now',
  'day',
  'time',
  'category',
  'for',
  'near',
  'radius',
  'free',
  'strict',
  'hide-stale',
  'require',
  'sort',
  'service',
  'accessibility',
] as const;

const MILE_KM = 1.609344;

export interface UrlState {
  query: Query;
  service?: string;
}

export function parseUrlStateMode(value: string | null | undefined): UrlStateMode {
  const v = (value ?? '').trim().toLowerCase();
  if (v === 'off' || v === 'false' || v === 'no') return 'off';
  if (v === 'full') return 'full';
  return 'on';
}

const list = (params: URLSearchParams, key: string) =>
  params
    .getAll(key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

const only = <T extends string>(values: string[], allowed: readonly T[]): T[] =>
  values.filter((v): v is T => (allowed as readonly string[]).includes(v));

const flag = (v: string | null) => v !== null && /^(1|true|yes|on|)$/i.test(v);

/** Reads a query (and the open service) from address parameters. Unknown values are ignored. */
export function paramsToQuery(params: URLSearchParams): UrlState {
  const query: Query = {};
  const q = params.get('q')?.trim();
  if (q) query.text = q;
  const needs = list(params, 'need').filter(isNeedId);
  if (needs.length) query.needs = [...new Set(needs)];
  const age = params.get('age');
  if (age && /^\d{1,3}$/.test(age.trim())) query.age = Number(age);
  const band = params.get('band');
  if (band && (AGE_BANDS as readonly string[]).includes(band)) query.ageBand = band as AgeBand;
  const access = only<AccessType>(list(params, 'access'), ACCESS_TYPES);
  if (access.length) query.access = access;
  const attendance = only<AttendanceMode>(list(params, 'attendance'), ATTENDANCE_MODES);
  if (attendance.length) query.attendance = [...new Set(attendance)];
  const date = params.get('date')?.trim();
  if (date && DATE_PATTERN.test(date)) query.date = date;
  if (params.has('open-now') && flag(params.get('open-now'))) query.openNow = true;
  const days = only<Weekday>(
    list(params, 'day').map((d) => d.toUpperCase()),
    WEEKDAYS,
  );
  if (days.length) query.days = days;
  const times = only<PartOfDay>(list(params, 'time'), PARTS_OF_DAY);
  if (times.length) query.partsOfDay = times;
  const categories = list(params, 'category');
  if (categories.length) query.categories = categories;
  const accessibility = only<AccessibilityFeature>(list(params, 'accessibility'), ACCESSIBILITY_FEATURES);
  if (accessibility.length) query.accessibility = [...new Set(accessibility)];
  const eligibility = list(params, 'for');
  if (eligibility.length) query.eligibility = eligibility;
  const near = params.get('near')?.trim();
  if (near) query.place = near;
  const radius = Number(params.get('radius'));
  if (params.has('radius') && Number.isFinite(radius) && radius > 0) query.radiusKm = radius * MILE_KM;
  if (params.has('free') && flag(params.get('free'))) query.free = true;
  if (params.has('strict') && flag(params.get('strict'))) query.strict = true;
  if (params.has('hide-stale') && flag(params.get('hide-stale'))) query.hideStale = true;
  const require = only<RequireField>(list(params, 'require'), REQUIRE_FIELDS);
  if (require.length) query.require = [...new Set(require)];
  const sort = params.get('sort');
  if (sort && (SORTS as readonly string[]).includes(sort)) query.sort = sort as Sort;
  const service = params.get('service')?.trim();
  return service ? { query, service } : { query };
}

/** Writes a query as address parameters; `near` and `age` only in `full` mode. */
export function queryToParams(query: Query, options: { mode?: UrlStateMode; service?: string } = {}): URLSearchParams {
  const full = options.mode === 'full';
  const p = new URLSearchParams();
  if (query.text?.trim()) p.set('q', query.text.trim());
  if (query.needs?.length) p.set('need', query.needs.join(','));
  if (full && query.age !== undefined) p.set('age', String(query.age));
  if (full && query.ageBand) p.set('band', query.ageBand);
  if (query.access?.length) p.set('access', query.access.join(','));
  if (query.attendance?.length) p.set('attendance', query.attendance.join(','));
  if (query.date) p.set('date', query.date);
  if (query.openNow) p.set('open-now', '1');
  if (query.days?.length) p.set('day', query.days.join(','));
  if (query.partsOfDay?.length) p.set('time', query.partsOfDay.join(','));
  if (query.categories?.length) p.set('category', query.categories.join(','));
  if (query.eligibility?.length) p.set('for', query.eligibility.join(','));
  if (query.accessibility?.length) p.set('accessibility', query.accessibility.join(','));
  if (full && query.place?.trim()) p.set('near', query.place.trim());
  if (query.radiusKm) p.set('radius', String(Math.round((query.radiusKm / MILE_KM) * 10) / 10));
  if (query.free) p.set('free', '1');
  if (query.strict) p.set('strict', '1');
  if (query.hideStale) p.set('hide-stale', '1');
  if (query.require?.length) p.set('require', query.require.join(','));
  if (query.sort && query.sort !== 'relevance') p.set('sort', query.sort);
  if (options.service) p.set('service', options.service);
  return p;
}

/** True when the address has any parameter this module owns. */
export function hasUrlState(params: URLSearchParams): boolean {
  return URL_KEYS.some((k) => params.has(k));
}

/** The address with our parameters replaced by `ours`, keeping the page's own parameters and hash. */
export function withParams(href: string, ours: URLSearchParams): string {
  const url = new URL(href);
  for (const key of URL_KEYS) url.searchParams.delete(key);
  for (const [k, v] of ours) url.searchParams.append(k, v);
  return url.toString();
}

/** The links made for the page's address, once it is read without this module's parameters. */
let links: { page: string; base: string; byKey: Map<string, string> } | undefined;
/** Links kept for one address: a card's link is asked for at every render of the card. */
const LINKS_KEPT = 2000;

/**
 * This page's address opened on one service: the link every card, calendar entry and `.ics` event gives.
 * The finder writes the query into the address as a person types, which leaves these links the same.
 */
export function serviceHref(key: string): string {
  const page = typeof location === 'undefined' ? 'http://localhost/' : location.href;
  if (links?.page !== page) {
    const base = withParams(page, new URLSearchParams());
    links = links?.base === base ? { ...links, page } : { page, base, byKey: new Map() };
  }
  let href = links.byKey.get(key);
  if (href === undefined) {
    if (links.byKey.size >= LINKS_KEPT) links.byKey.clear();
    href = withParams(links.base, new URLSearchParams({ service: key }));
    links.byKey.set(key, href);
  }
  return href;
}

/** The part of an address this module owns, in a stable order, for comparing. */
function ownString(href: string): string {
  const params = new URL(href).searchParams;
  const own = new URLSearchParams();
  for (const key of URL_KEYS) for (const v of params.getAll(key)) own.append(key, v);
  return own.toString();
}

export interface UrlStateTarget {
  readonly query: Query;
  setQuery(patch: Partial<Query>, options?: { replace?: boolean }): Promise<void>;
  addEventListener(type: 'change', listener: () => void): void;
  removeEventListener(type: 'change', listener: () => void): void;
}

export interface UrlStateSyncOptions {
  mode: Exclude<UrlStateMode, 'off'>;
  /** The query the page set with attributes; an address without a field falls back to it. */
  presets?: Query;
  /** The service open now, written as `service`. */
  selected?: () => string | undefined;
  /** Called when the back or forward button changes the open service. */
  onSelect?: (key: string | undefined) => void;
  /** Successive changes within this many ms replace the history entry instead of adding one. */
  coalesceMs?: number;
  win?: Window;
}

/**
 * Keeps a store's query and the page address in step: a changed query (or
 * open service) pushes a history entry; back and forward restore them.
 */
/** The query from `win`'s address, over the presets: where a finder starts (before any store exists). */
export function initialUrlState(presets: Query = {}, win: Window = window): UrlState {
  const state = paramsToQuery(new URLSearchParams(win.location.search));
  return { ...state, query: { ...presets, ...state.query } };
}

export class UrlStateSync {
  readonly #store: UrlStateTarget;
  readonly #options: UrlStateSyncOptions;
  readonly #win: Window;
  #lastPush = 0;
  #restoring = false;
  /** The first write (presets on page load) replaces the entry instead of adding one. */
  #synced = false;

  constructor(store: UrlStateTarget, options: UrlStateSyncOptions) {
    this.#store = store;
    this.#options = options;
    this.#win = options.win ?? window;
  }

  /** The query from the current address, over the presets. */
  initial(): UrlState {
    return initialUrlState(this.#options.presets, this.#win);
  }

  start(): void {
    this.#store.addEventListener('change', this.update);
    this.#win.addEventListener('popstate', this.#onPopState);
    // Write the starting state (presets) over the current entry, not as a new one.
    this.#synced = false;
    this.update();
    this.#synced = true;
  }

  stop(): void {
    this.#store.removeEventListener('change', this.update);
    this.#win.removeEventListener('popstate', this.#onPopState);
  }

  /** Writes the current query to the address if it changed. */
  readonly update = (): void => {
    if (this.#restoring) return;
    const params = queryToParams(this.#store.query, { mode: this.#options.mode, service: this.#options.selected?.() });
    const href = this.#win.location.href;
    if (ownString(href) === params.toString()) return;
    const next = withParams(href, params);
    const now = Date.now();
    const coalesce = !this.#synced || now - this.#lastPush < (this.#options.coalesceMs ?? 1000);
    if (coalesce) this.#win.history.replaceState(this.#win.history.state, '', next);
    else this.#win.history.pushState({ serviceFinder: true }, '', next);
    this.#lastPush = now;
  };

  readonly #onPopState = async (): Promise<void> => {
    const state = this.initial();
    if (this.#options.mode !== 'full') {
      // Place and age never went into the address: keep what the person has now.
      const { place, near, age, ageBand } = this.#store.query;
      Object.assign(state.query, { place, near, age, ageBand });
    }
    this.#restoring = true;
    try {
      this.#options.onSelect?.(state.service);
      await this.#store.setQuery(state.query, { replace: true });
    } finally {
      this.#restoring = false;
    }
  };
}
