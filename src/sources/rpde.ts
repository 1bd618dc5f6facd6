/**
 * Realtime Paged Data Exchange (RPDE 1.0, the paging of every OpenActive
 * feed): follow `next` until the last page, which has empty `items` and a
 * `next` equal to its own URL. Items are `{ state, kind, id, modified, data }`;
 * a `deleted` item (a tombstone) has no data and removes any earlier copy.
 */
import type { RecordProblem } from '../model/index.js';
import { SourceError } from '../model/index.js';
import { fetchJson, type FetchJsonOptions } from './http.js';
import { MAX_CODE } from '../model/index.js';
import { code, compact, identifier, isObject, label, type Raw } from './normalise.js';
import { fetchable, sameOrigin } from './origin.js';
import { isRpdePage } from './rpde-detect.js';

export { isOpenActiveUrl, isRpdePage } from './rpde-detect.js';

export interface RpdeItem {
  state: 'updated' | 'deleted';
  id: string;
  kind?: string;
  /** Ordering value: a timestamp or change number (number, or a string for 64-bit values). */
  modified?: number | string;
  data?: Raw;
}

export interface RpdePage {
  url: string;
  /** 1-based page number within this feed. */
  page: number;
  items: RpdeItem[];
  problems: RecordProblem[];
  /** True on the feed's last page. */
  last: boolean;
}

export interface RpdeOptions extends FetchJsonOptions {
  // cacheMs defaults to 0 here: a harvest reads each page once, and thousands of
  // large pages would push everything else out of the shared page cache.
  /** Stop after this many pages of this feed (default 200): SourceError 'paging', after yielding what was read. */
  maxPages?: number;
  /** Added to page numbers in problems, when several feeds share one count. */
  pageOffset?: number;
}

/** `next` resolved against the page it came from (some feeds send a path only), or undefined. */
function resolve(next: unknown, current: string): string | undefined {
  const t = typeof next === 'string' ? next.trim() : undefined;
  if (!t) return undefined;
  try {
    const url = new URL(t, current);
    return fetchable(url) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Reads one raw RPDE item, or says in plain words why it cannot be used. */
export function rpdeItem(raw: unknown): RpdeItem | string {
  if (!isObject(raw)) return 'is not an RPDE item (not a JSON object)';
  const id = identifier(raw.id);
  if (!id) return 'has no id, so deletions and updates of it cannot be matched';
  const state = code(raw.state)?.toLowerCase();
  if (state !== 'updated' && state !== 'deleted') return `has state "${code(raw.state) ?? ''}", which is neither "updated" nor "deleted"`;
  const item: RpdeItem = { state, id };
  const kind = label(raw.kind);
  if (kind) item.kind = kind;
  // A longer string is not an ordering value (a 64-bit change number has 20 digits).
  if (typeof raw.modified === 'number' || (typeof raw.modified === 'string' && raw.modified.length <= MAX_CODE))
    item.modified = raw.modified;
  if (state === 'updated') {
    if (!isObject(raw.data)) return 'is "updated" but has no data';
    item.data = raw.data;
  }
  return item;
}

/**
 * Compares two `modified` values: numbers numerically; integer strings
 * (64-bit change numbers) by length then text; otherwise undefined
 * (not comparable: the later one in the feed wins).
 */
export function compareModified(a: RpdeItem['modified'], b: RpdeItem['modified']): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  if (/^\d+$/.test(sa) && /^\d+$/.test(sb)) {
    const x = sa.replace(/^0+(?=\d)/, '');
    const y = sb.replace(/^0+(?=\d)/, '');
    return x.length !== y.length ? x.length - y.length : x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string' && Number.isFinite(Date.parse(a)) && Number.isFinite(Date.parse(b)))
    return Date.parse(a) - Date.parse(b);
  return undefined;
}

/**
 * Reads every page of one RPDE feed, yielding each as it arrives. Ends on
 * the last page (empty `items`, `next` equal to the page's URL) or a page
 * without `next`. A page whose `next` is its own URL while it still has
 * items, or a `next` that goes back to a page already read, would loop
 * for ever: reading stops with SourceError 'paging' after yielding it. A
 * `next` on another website is not followed: reading stops with
 * SourceError 'off-origin' after yielding the page that links there.
 */
export async function* readRpde(url: string, options: RpdeOptions = {}): AsyncGenerator<RpdePage> {
  const { maxPages = 200, pageOffset = 0 } = options;
  const visited = new Set<string>();
  let current = resolve(url, url);
  if (!current) throw new SourceError('network', 'This is not a web address (it should start with https://).', url);
  const home = current;
  for (let page = 1; ; page++) {
    if (page > maxPages) {
      throw new SourceError('paging', `Stopped after ${maxPages} pages of this feed, the most this finder reads from one feed.`, current);
    }
    const body = await fetchJson(current, { ...options, cacheMs: options.cacheMs ?? 0 });
    if (!isRpdePage(body)) {
      throw new SourceError(
        'not-directory',
        'The address answered with data, but not an OpenActive feed page (RPDE: "items" and "next").',
        current,
      );
    }
    visited.add(current);
    const items: RpdeItem[] = [];
    const problems: RecordProblem[] = [];
    for (const raw of body.items) {
      const item = rpdeItem(raw);
      if (typeof item === 'string')
        problems.push(
          compact({ id: isObject(raw) ? identifier(raw.id) : undefined, page: page + pageOffset, reason: item, skipped: true }),
        );
      else items.push(item);
    }
    const next = resolve(body.next, current);
    const last = !next || (next === current && body.items.length === 0);
    yield { url: current, page, items, problems, last };
    if (last) return;
    if (next === current) {
      throw new SourceError(
        'paging',
        `Page ${page} of the feed links to itself while it still has items, so reading it again would never end; reading stopped.`,
        current,
      );
    }
    if (!sameOrigin(home, next!)) {
      throw new SourceError(
        'off-origin',
        `Page ${page} of the feed links to its next page on another website (${new URL(next!).host}), which this finder does not follow; reading stopped.`,
        next!,
      );
    }
    if (visited.has(next!)) {
      throw new SourceError('paging', `Page ${page} of the feed links back to a page already read, so reading stopped.`, next!);
    }
    current = next!;
  }
}
