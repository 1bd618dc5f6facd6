/**
 * Fetching a directory's list pages the way real servers page: the page size
 * asked for, the page parameter's base, and pages in parallel once the first
 * says how many there are. Knows nothing of records beyond the page envelope.
 */
import { SourceError } from '../model/index.js';
import { fetchJson, PER_HOST, type FetchJsonOptions } from './http.js';
import { LATER_WORKER_BYTES } from './json-body.js';
import { identifier, isObject, num } from './normalise.js';

/** Page size asked for first: large enough that most directories are a few requests, small enough that servers accept it. */
export const LARGE_PAGE = 1000;
/** Page size asked for when a server refuses the large one (ORUK's examples and most servers' default range). */
export const FALLBACK_PAGE = 100;
/** Pages fetched and waiting to be read, at most, beyond those in flight: a slow consumer holds no more than this. */
const AHEAD_PER_REQUEST = 2;

export interface Envelope {
  records: unknown[];
  /** The page number the server says this is, in its own base. */
  number?: number;
  totalPages?: number;
  /** Records in the whole list, when the server says. */
  totalItems?: number;
  last?: boolean;
}

/** Reads the page envelope of any dialect, or undefined when the body is not a directory page. */
export function envelope(body: unknown): Envelope | undefined {
  if (Array.isArray(body)) return { records: body, last: true };
  if (!isObject(body)) return undefined;
  if (Array.isArray(body.contents)) {
    return {
      records: body.contents,
      number: num(body.page_number),
      totalPages: num(body.total_pages),
      totalItems: num(body.total_items),
      last: typeof body.last_page === 'boolean' ? body.last_page : undefined,
    };
  }
  if (Array.isArray(body.content)) {
    return {
      records: body.content,
      number: num(body.number),
      totalPages: num(body.totalPages),
      totalItems: num(body.totalElements),
      last: typeof body.last === 'boolean' ? body.last : undefined,
    };
  }
  return undefined;
}

export interface PagingOptions extends FetchJsonOptions {
  /** Stop after this many pages: SourceError 'paging', after yielding what was read. */
  maxPages: number;
  /** Page size asked for; default LARGE_PAGE, falling back to FALLBACK_PAGE when refused. */
  perPage?: number;
  /** List pages requested at once once the total is known (default: the per-host limit). */
  pagesAtOnce?: number;
  /** The page's envelope, or undefined when the body is not a directory page (paging stops after it). */
  envelopeOf(body: unknown): Envelope | undefined;
}

export interface ListPage {
  /** 1-based position of the page in the list. */
  index: number;
  url: string;
  body: unknown;
  env?: Envelope;
  /** Pages in the list at the size the server gives, when it says. */
  totalPages?: number;
  /** Every page of the list has been asked for: other reads from its host no longer hold one up. */
  allAsked: boolean;
}

/** A JSON file (a snapshot or an export) is one page: no paging parameters are added to it. */
const isFile = (list: string) => /\.json$/i.test(new URL(list).pathname);

/** The first page `listPages` asks for: the list with the page size alone (a file as it is). */
export const firstPageUrl = (list: string, perPage = LARGE_PAGE): string => (isFile(list) ? list : pageUrl(list, { per_page: perPage }));

export function pageUrl(list: string, params: Record<string, number | undefined>): string {
  const u = new URL(list);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, String(v));
  return u.href;
}

/**
 * A large page size refused is an error status (400, 413, 422, or a 500 from a server that did not expect
 * it) or a body over the size limit; 401, 403 and 404 say something about the directory, not the size.
 */
const refusedSize = (e: unknown) =>
  e instanceof SourceError && ((e.kind === 'http' && ![401, 403, 404, 429].includes(e.status ?? 0)) || e.kind === 'too-large');

const firstId = (env: Envelope) => identifier(isObject(env.records[0]) ? env.records[0].id : undefined);

/** The same page again: the number it says, or its first record, is the previous page's. */
const repeats = (env: Envelope, previous: Envelope) =>
  env.records.length > 0 &&
  ((env.number !== undefined && env.number === previous.number) || (firstId(env) !== undefined && firstId(env) === firstId(previous)));

const repeatError = (index: number, url: string) =>
  new SourceError(
    'paging',
    `Page ${index} was the same as page ${index - 1}: the directory ignores the page number, so reading stopped.`,
    url,
  );

const capError = (maxPages: number, url: string) =>
  new SourceError('paging', `Stopped after ${maxPages} pages, the most this finder reads from one directory.`, url);

/**
 * Yields a list's pages in order. Page 1 is asked for with the page size alone; page 2 with the number
 * after the one page 1 reports, and if it repeats page 1 (a Spring server that counts its parameter from
 * 1 but its answers from 0), with the number after that, once. Then, when the pages say how many there
 * are, the rest are requested a few at a time (the per-host limit) and yielded in order as they arrive;
 * otherwise one after another until the last-page flag or an empty page. The next requests leave before a
 * page is yielded, so a consumer that takes long over a page does not hold them up.
 */
export async function* listPages(list: string, options: PagingOptions): AsyncGenerator<ListPage> {
  const { maxPages, envelopeOf } = options;
  const controller = new AbortController();
  const stop = () => controller.abort();
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  const fetchOptions: FetchJsonOptions = { ...options, signal: controller.signal };
  // The pages after the first: no first result waits for them, so large ones are parsed off the page.
  const laterOptions: FetchJsonOptions = { ...fetchOptions, workerBytes: LATER_WORKER_BYTES };
  try {
    if (isFile(list)) {
      const body = await fetchJson(list, fetchOptions);
      yield { index: 1, url: list, body, env: envelopeOf(body), allAsked: true };
      return;
    }
    let size = options.perPage ?? LARGE_PAGE;
    let url = firstPageUrl(list, size);
    let body: unknown;
    try {
      body = await fetchJson(url, fetchOptions);
    } catch (error) {
      if (!refusedSize(error) || size <= FALLBACK_PAGE) throw error;
      size = FALLBACK_PAGE;
      url = pageUrl(list, { per_page: size });
      body = await fetchJson(url, fetchOptions);
    }
    const first = envelopeOf(body);
    const lastIndex = first && pagesIn(first, size);
    const more = !!first && !ended(first) && (lastIndex === undefined || lastIndex > 1);
    // Page 2 finds the page parameter's base. It is asked for before page 1 is handed over: reading a
    // large page's records takes the consumer longer than the request takes to come back.
    let param = first?.number !== undefined ? first.number + 1 : 2;
    const firstUrl = url;
    url = pageUrl(list, { page: param, per_page: size });
    const secondAsked = more && maxPages >= 2 ? page(url) : undefined;
    secondAsked?.catch(() => undefined); // awaited below, unless the consumer stops first
    yield { index: 1, url: firstUrl, body, env: first, totalPages: lastIndex, allAsked: !more || (!!secondAsked && lastIndex === 2) };
    if (!more || !first) return;
    if (!secondAsked) throw capError(maxPages, firstUrl);

    let second = await secondAsked;
    if (second.env && repeats(second.env, first)) {
      param++;
      url = pageUrl(list, { page: param, per_page: size });
      second = await page(url);
      if (second.env && repeats(second.env, first)) throw repeatError(2, url);
    }
    if (!second.env || ended(second.env) || (lastIndex !== undefined && lastIndex <= 2)) {
      yield { index: 2, url, ...second, totalPages: lastIndex, allAsked: true };
      return;
    }

    const urlOf = (index: number) => pageUrl(list, { page: param + index - 2, per_page: size });
    // Without a total, one page after another until the last; with one, several at once.
    const atOnce = lastIndex === undefined ? 1 : Math.max(1, options.pagesAtOnce ?? PER_HOST);
    const last = Math.min(lastIndex ?? Infinity, maxPages);
    const pending = new Map<number, Promise<{ body?: unknown; error?: unknown }>>();
    let running = 0;
    let started = 3;
    let yielded = 2;
    let previous = second.env;
    const pump = () => {
      while (!controller.signal.aborted && running < atOnce && started <= last && started - yielded <= atOnce * AHEAD_PER_REQUEST) {
        running++;
        pending.set(
          started,
          fetchJson(urlOf(started++), laterOptions)
            .then(
              (b) => ({ body: b }),
              (error: unknown) => ({ error }),
            )
            .finally(() => {
              running--;
              pump();
            }),
        );
      }
    };
    // The pages after it are asked for before page 2 is handed over, as page 2 was before page 1.
    pump();
    yield { index: 2, url, ...second, totalPages: lastIndex, allAsked: started > last };
    for (let index = 3; index <= (lastIndex ?? Infinity); index++) {
      if (index > maxPages) throw capError(maxPages, urlOf(index));
      pump();
      const got = await pending.get(index)!;
      pending.delete(index);
      if ('error' in got) throw got.error;
      const env = envelopeOf(got.body);
      if (env && repeats(env, previous)) throw repeatError(index, urlOf(index));
      yielded = index;
      yield { index, url: urlOf(index), body: got.body, env, totalPages: lastIndex, allAsked: started > last };
      if (!env || ended(env)) return;
      previous = env;
    }
  } finally {
    // Stopped early (an error, a consumer that went away): the pages still under way are not waited for.
    options.signal?.removeEventListener('abort', stop);
    controller.abort();
  }

  async function page(url: string): Promise<{ body: unknown; env?: Envelope }> {
    const body = await fetchJson(url, laterOptions);
    return { body, env: envelopeOf(body) };
  }
}

/** The last page: it says so, or it is empty. */
const ended = (env: Envelope) => env.last === true || env.records.length === 0;

/**
 * How many pages the list has at the size the server gives. A server that gives fewer records than asked
 * (it caps the page size) and says how many records there are is counted from what it gave: some count
 * their pages from the size asked for.
 */
function pagesIn(first: Envelope, asked: number): number | undefined {
  const given = first.records.length;
  if (given < asked && first.totalItems !== undefined && given > 0) return Math.ceil(first.totalItems / given);
  if (first.totalPages !== undefined) return first.totalPages;
  return first.totalItems !== undefined ? Math.ceil(first.totalItems / asked) : undefined;
}
