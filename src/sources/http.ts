import { SourceError } from '../model/index.js';
import { fetchable } from './origin.js';
import { jsonOf } from './json-body.js';

export interface FetchJsonOptions {
  signal?: AbortSignal;
  /** Per request, including retries' waits. Default 20 s. */
  timeoutMs?: number;
  /** Largest body accepted. Default 20 MB (a page of 100 full records is rarely over 1 MB). */
  maxBytes?: number;
  /** Retries after 429 or 503. Default 2. */
  retries?: number;
  /** Longest wait honoured from a Retry-After header. Default 10 s. */
  maxRetryAfterMs?: number;
  /** Injected fetch (e.g. one with credentials or a proxy); default globalThis.fetch. */
  fetch?: typeof fetch;
  /** How long a page read is reused instead of fetched again. Default 5 minutes; 0 turns it off. */
  cacheMs?: number;
  /** Bodies at least this large are parsed in a worker where one can run. Default WORKER_BYTES (json-body.ts). */
  workerBytes?: number;
}

/**
 * Pages read recently (and reads under way), so two finders on a page or a
 * re-render never fetch twice. Kept as the bytes received, decoded and
 * parsed by each reader: a page is then one buffer outside the JavaScript
 * heap, not the thousands of objects its JSON makes, which the garbage
 * collector would trace on every full collection (and which no record
 * needs once read).
 */
const cache = new Map<string, { at: number; body: Promise<Uint8Array> }>();
const CACHE_ENTRIES = 300;

/** Forgets cached pages: all of them, or those whose URL starts with `prefix` (a retry does this). */
export function clearCache(prefix = ''): void {
  for (const key of cache.keys()) if (key.startsWith(prefix)) cache.delete(key);
}

/** Requests at once to one host: directories are small servers. Paging and details stay within it. */
export const PER_HOST = 4;
const active = new Map<string, number>();
const waiting = new Map<string, Array<() => void>>();

/** At most PER_HOST requests at once to one host: directories are small servers. */
async function slot(host: string, signal?: AbortSignal): Promise<() => void> {
  while ((active.get(host) ?? 0) >= PER_HOST) {
    await new Promise<void>((resolve) => {
      const wake = () => {
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      const queue = waiting.get(host) ?? [];
      queue.push(wake);
      waiting.set(host, queue);
      signal?.addEventListener('abort', wake, { once: true });
    });
    if (signal?.aborted) throw signal.reason;
  }
  active.set(host, (active.get(host) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    active.set(host, (active.get(host) ?? 1) - 1);
    // Wake every waiter; each checks again (one that was aborted just leaves).
    for (const wake of waiting.get(host)?.splice(0) ?? []) wake();
  };
}

/** Redirects followed for one request, as a browser would follow twenty. */
export const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/**
 * Node's fetch follows a redirect to any address; there redirects are followed here instead, each hop checked
 * as the first address was. A browser follows them itself, within the page's Content Security Policy and CORS.
 */
const FOLLOW_BY_HAND = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** GETs `url`, following redirects by hand where the platform would follow them unchecked (see FOLLOW_BY_HAND). */
async function request(doFetch: typeof fetch, url: string, signal: AbortSignal): Promise<Response> {
  const init: RequestInit = { signal, headers: { accept: 'application/json' }, credentials: 'omit' };
  if (!FOLLOW_BY_HAND) return doFetch(url, init);
  let target = url;
  for (let hop = 0; ; hop++) {
    const response = await doFetch(target, { ...init, redirect: 'manual' });
    if (!REDIRECTS.has(response.status)) return response;
    await response.body?.cancel();
    if (hop === MAX_REDIRECTS) throw new SourceError('network', `The directory redirected more than ${MAX_REDIRECTS} times.`, url);
    let next: URL | undefined;
    try {
      next = new URL(response.headers.get('location') ?? '', target);
    } catch {
      next = undefined;
    }
    if (!next || !fetchable(next) || (new URL(target).protocol === 'https:' && next.protocol === 'http:')) {
      throw new SourceError(
        'network',
        'The directory redirected to an address this finder does not follow (only http and https are followed, never from https back to http).',
        target,
      );
    }
    target = next.href;
  }
}

const seconds = (ms: number) => {
  const s = Math.round(ms / 100) / 10;
  return `${s} second${s === 1 ? '' : 's'}`;
};

/** Seconds or an HTTP date, as a delay in ms. */
function retryAfter(header: string | null, fallback: number): number {
  if (!header) return fallback;
  const n = Number(header);
  if (Number.isFinite(n)) return Math.max(0, n * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : fallback;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

async function readBody(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) throw tooLarge(url, maxBytes);
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

const tooLarge = (url: string, maxBytes: number) =>
  new SourceError('too-large', `The directory sent more than ${Math.round(maxBytes / 1e6)} MB in one response.`, url);

/**
 * GETs a URL and parses JSON, with a time limit, abort, bounded concurrency
 * per host and retries on 429/503 honouring Retry-After. Every failure is a
 * SourceError with a plain-words message.
 */
export async function fetchJson(url: string, options: FetchJsonOptions = {}): Promise<unknown> {
  const body = await fetchBody(url, options);
  try {
    return await jsonOf(body, url, options.workerBytes);
  } catch (error) {
    cache.delete(url); // a body that is not JSON is not kept: the next read asks the directory again
    throw error;
  }
}

/** The bytes of a response, read as `fetchJson` reads them (limits, retries, cache), for a caller that checks them first. */
export { fetchBody as fetchBytes };

function fetchBody(url: string, options: FetchJsonOptions): Promise<Uint8Array> {
  const { cacheMs = 300_000 } = options;
  if (cacheMs <= 0 || options.fetch) return fetchOnce(url, options);
  const hit = cache.get(url);
  if (hit && Date.now() - hit.at < cacheMs) {
    // A read under way is shared, but each caller keeps its own abort.
    return options.signal ? abortable(hit.body, options.signal, url) : hit.body;
  }
  // Shared reads are not tied to one caller's signal; each caller's own signal still ends its wait.
  const body = fetchOnce(url, { ...options, signal: undefined });
  cache.set(url, { at: Date.now(), body });
  body.catch(() => cache.delete(url));
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return options.signal ? abortable(body, options.signal, url) : body;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal, url: string): Promise<T> {
  if (signal.aborted) return Promise.reject(new SourceError('aborted', 'Reading was stopped.', url));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new SourceError('aborted', 'Reading was stopped.', url));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function fetchOnce(url: string, options: FetchJsonOptions): Promise<Uint8Array> {
  const { timeoutMs = 20_000, maxBytes = 20e6, retries = 2, maxRetryAfterMs = 10_000 } = options;
  const doFetch = options.fetch ?? globalThis.fetch;
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new SourceError('timeout', `The directory did not answer within ${seconds(timeoutMs)}.`, url)),
    timeoutMs,
  );
  const onAbort = () => controller.abort(new SourceError('aborted', 'Reading was stopped.', url));
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const host = new URL(url).host;
  try {
    for (let attempt = 0; ; attempt++) {
      const release = await slot(host, controller.signal);
      let response: Response;
      let body: Uint8Array;
      try {
        response = await request(doFetch, url, controller.signal);
        const wait = retryAfter(response.headers.get('retry-after'), 500 * 2 ** attempt);
        if ((response.status === 429 || response.status === 503) && attempt < retries && wait <= maxRetryAfterMs) {
          await response.body?.cancel();
          release();
          await sleep(wait, controller.signal);
          continue;
        }
        if (!response.ok) {
          await response.body?.cancel();
          throw new SourceError('http', httpMessage(response.status), url, response.status);
        }
        body = await readBody(response, url, maxBytes);
      } finally {
        release();
      }
      return body;
    }
  } catch (error) {
    if (error instanceof SourceError) throw error;
    if (controller.signal.aborted && controller.signal.reason instanceof SourceError) throw controller.signal.reason;
    throw new SourceError(
      'network',
      'The directory could not be reached (it may be offline, or it does not allow web pages on other sites to read it).',
      url,
      undefined,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function httpMessage(status: number): string {
  if (status === 404) return 'The directory answered HTTP 404: nothing was found at this address.';
  if (status === 401 || status === 403) return `The directory answered HTTP ${status}: it needs a key or login to read.`;
  if (status === 429) return 'The directory answered HTTP 429: it is asking us to slow down. Try again later.';
  if (status >= 500) return `The directory answered HTTP ${status}: it has a problem of its own. Try again later.`;
  return `The directory answered HTTP ${status}.`;
}
