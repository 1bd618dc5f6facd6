import type { BlendedService, DirectoryRef, DirectoryStatus, LatLng, Query, Result } from '../model/index.js';
import { SourceError } from '../model/index.js';
import { clearCache, directoryRef, readDirectory } from '../sources/index.js';
import {
  createBlender,
  createIndex,
  facets as computeFacets,
  freshness as computeFreshness,
  nextOpening as computeNextOpening,
  search,
  type Geocoder,
  type SearchIndex,
} from '../engine/index.js';
import { PlaceResolver, type PlaceError } from './places.js';
import { SLICE_MS, nextTask, yieldToMain } from './tasks.js';

export type { PlaceError } from './places.js';

/**
 * A directory to read: a URL, or a URL with the name people know it by. `source` is the directory's own
 * address when `url` reaches it through a relay (the WordPress plugin's): the directory is then named, and
 * its records keyed, as when it is read directly.
 */
export type Endpoint = string | { url: string; name?: string; id?: string; feedbackUrl?: string; source?: string };

export interface FinderStoreOptions {
  endpoints: Endpoint[];
  /** OpenActive feeds (RPDE), read as feeds whatever their addresses look like. */
  openactive?: Endpoint[];
  /** Turns what a person typed for a place into a point. Default: postcodes.io, outward code only. */
  geocoder?: Geocoder;
  /**
   * Place names the page knows ("Barry": { lat, lng }), matched case-insensitively before geocoding;
   * or the URL of a JSON file of them, read when a place is first looked up.
   */
  places?: Record<string, LatLng> | string;
  /** The starting query (presets). */
  query?: Query;
  maxPages?: number;
  /** Clock for "open now", freshness and next openings; tests pin it. */
  now?: () => Date;
  synonyms?: Record<string, string[]>;
  /** Passed to the sources layer (per-request timeout). */
  timeoutMs?: number;
  /** Milliseconds to gather page arrivals before recomputing results (default 16). */
  batchMs?: number;
}

/** The query `patch` makes of `query`; a field patched to undefined is removed, not kept as undefined. */
export function mergeQuery(query: Query, patch: Partial<Query>): Query {
  const out: Query = {};
  for (const [key, value] of Object.entries({ ...query, ...patch })) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}

/**
 * What the last store let go had read and blended, when every directory was read in full: the next store
 * over the same directories, made within the page cache's lifetime (a finder removed and put back, a
 * single-page site's page visited again), takes it instead of reading and blending every page again. The
 * pages would come from the cache anyway; blending 10,000 records again kept a slow machine busy for seconds
 * and made the garbage collector pause the page.
 */
let letGo: { key: string; at: number; blender: ReturnType<typeof createBlender>; statuses: DirectoryStatus[] } | undefined;
const LET_GO_MS = 300_000; // the page cache's lifetime (src/sources/http.ts)

interface Output {
  results: Result[];
  total: number;
  matched: number;
  partial: number;
}

const EMPTY: Output = { results: [], total: 0, matched: 0, partial: 0 };
/** Records blended, and services indexed, between checks of the time taken. */
const BLEND_CHUNK = 50;
/** A service's freshness is worked out again after this long (it changes at midnight). */
const FRESHNESS_KEPT_MS = 60_000;
const INDEX_CHUNK = 50;

/**
 * The one framework-free state holder: reads every directory, blends what
 * arrives page by page, and keeps the filtered, ranked results for the
 * current query. Dispatches a plain `change` event after every change;
 * listeners read the properties again. Runs in browsers and in Node.
 */
export class FinderStore extends EventTarget {
  readonly #options: FinderStoreOptions;
  #query: Query;
  #placeError?: PlaceError;
  readonly #statuses = new Map<string, DirectoryStatus>();
  /** Every directory and feed to read, and which of them are OpenActive feeds. */
  readonly #directories: DirectoryRef[];
  readonly #feeds: Set<string>;
  readonly #reads = new Map<string, AbortController>();
  #blender = createBlender();
  #services: BlendedService[] = [];
  /** Each service by the key of every record in it (a blended service's key is its first record's). */
  #byKey = new Map<string, BlendedService>();
  #index?: SearchIndex;
  #output: Output = EMPTY;
  #facets: ReturnType<typeof computeFacets> = { eligibility: [], categories: [] };
  #dirty = false;
  #timer?: ReturnType<typeof setTimeout>;
  readonly #places: PlaceResolver;
  /** Place lookups started: only the latest one's answer is used. */
  #lookups = 0;
  /** The lookup under way: asked again for the same place meanwhile, the store waits for it instead of starting another. */
  #resolving?: { place: string; answer: ReturnType<PlaceResolver['resolve']> };
  /** The recompute under way, if any; a flush asked for meanwhile runs when it ends. */
  #flushing?: Promise<void>;
  #flushWanted = false;
  /** Directory outcomes (done, failed) applied with the results that include their records. */
  readonly #settling: Array<() => void> = [];
  /** Services whose search index entry is built (the engine caches entries per service object). */
  #indexed = new WeakSet<BlendedService>();
  #disposed = false;
  /** Next openings already worked out, per service object (cards ask again on every render). */
  readonly #openings = new WeakMap<BlendedService, { at: number; next: ReturnType<typeof computeNextOpening> }>();
  /** Freshness already worked out, per service object: it changes once a day, and is read at every render of a card. */
  readonly #freshness = new WeakMap<BlendedService, { at: number; value: ReturnType<typeof computeFreshness> }>();

  constructor(options: FinderStoreOptions) {
    super();
    this.#options = options;
    this.#query = { ...options.query };
    this.#places = new PlaceResolver(options);
    const ref = (e: Endpoint) => {
      if (typeof e === 'string') return directoryRef(e);
      const own = typeof e.source === 'string' ? directoryRef(e.source) : undefined;
      return directoryRef(e.url, e.name ?? own?.name, e.id ?? own?.id, e.feedbackUrl);
    };
    const feeds = (options.openactive ?? []).map(ref);
    this.#directories = [...options.endpoints.map(ref), ...feeds];
    this.#feeds = new Set(feeds.map((f) => f.id));
    for (const endpoint of this.#directories) {
      this.#statuses.set(endpoint.id, { directory: endpoint, state: 'idle', pagesRead: 0, records: 0, problems: [] });
    }
  }

  get query(): Query {
    return this.#query;
  }
  get placeError(): PlaceError | undefined {
    return this.#placeError;
  }
  get loading(): boolean {
    return [...this.#statuses.values()].some((s) => s.state === 'loading');
  }
  get statuses(): DirectoryStatus[] {
    return [...this.#statuses.values()];
  }
  get services(): BlendedService[] {
    return this.#services;
  }
  get merged(): number {
    return this.#blender.merged;
  }
  get results(): Result[] {
    return this.#output.results;
  }
  get total(): number {
    return this.#output.total;
  }
  get matched(): number {
    return this.#output.matched;
  }
  get partial(): number {
    return this.#output.partial;
  }
  get facets() {
    return this.#facets;
  }

  get(key: string): BlendedService | undefined {
    return this.#byKey.get(key);
  }

  nextOpening(service: BlendedService) {
    const now = this.#now();
    const t = now.getTime();
    const hit = this.#openings.get(service);
    // Still the answer while that opening has not ended (or, with no end, begun) and the clock
    // has not gone back; "none in the next 62 days" is kept for a minute.
    if (hit && t >= hit.at && (hit.next ? t < (hit.next.end ?? hit.next.start).getTime() : t - hit.at < 60_000)) return hit.next;
    const next = computeNextOpening(service, now);
    this.#openings.set(service, { at: t, next });
    return next;
  }

  /** How long ago a service was checked; the same object while the answer holds (within a minute of the last). */
  freshness(service: BlendedService) {
    const now = this.#now();
    const t = now.getTime();
    const hit = this.#freshness.get(service);
    if (hit && t >= hit.at && t - hit.at < FRESHNESS_KEPT_MS) return hit.value;
    const value = computeFreshness(service, now);
    this.#freshness.set(service, { at: t, value });
    return value;
  }

  /** The store's clock: the `now` option (tests pin it), else the current time. */
  currentTime(): Date {
    return this.#now();
  }

  /**
   * Changes the query (merged into the current one unless `replace`) and
   * recomputes the results. A changed `place` is resolved to `near` first;
   * an unknown place sets `placeError` and leaves the distance filter off.
   */
  async setQuery(patch: Partial<Query>, options: { replace?: boolean } = {}): Promise<void> {
    let next = mergeQuery(options.replace ? {} : this.#query, patch);
    if (next.place !== this.#query.place || (next.place && !next.near)) {
      delete next.near;
      this.#placeError = undefined;
      const asked = next.place;
      if (asked?.trim()) {
        // The place is the query's from now on; its point follows the lookup. What else changes meanwhile
        // (a keyword typed while a postcode is looked up) is kept, and a newer lookup answers for itself.
        const lookup = ++this.#lookups;
        this.#query = next;
        const resolved = await this.#resolve(asked);
        if (lookup !== this.#lookups || this.#query.place !== asked) return;
        next = { ...this.#query };
        if ('near' in resolved) next.near = resolved.near;
        else this.#placeError = resolved.error;
      }
    }
    this.#query = next;
    this.#refilter();
    this.#emit();
  }

  /**
   * Reads every directory that is not already being read, and resolves the query's place if it has one.
   * The directories are asked for first, before the page's place list or the geocoder: results never
   * wait for the place (they are ordered by distance once it is known). Resolves when all have finished.
   */
  async load(): Promise<void> {
    const kept = letGo;
    const fresh = [...this.#statuses.values()].every((s) => s.state === 'idle');
    let reads: Promise<void>;
    if (kept && fresh && kept.key === this.#key() && Date.now() - kept.at < LET_GO_MS) {
      letGo = undefined;
      this.#blender = kept.blender;
      for (const s of kept.statuses) this.#statuses.set(s.directory.id, { ...s, problems: [...s.problems] });
      this.#dirty = true;
      reads = this.#flush();
    } else {
      reads = Promise.all(this.#directories.map((endpoint) => this.#read(endpoint))).then(() => undefined);
    }
    const place = this.#query.place && !this.#query.near ? this.setQuery({}) : undefined;
    await Promise.all([reads, place]);
  }

  /** Reads one directory again, dropping what it gave before. */
  async retry(directoryId: string): Promise<void> {
    const endpoint = this.#directories.find((e) => e.id === directoryId);
    if (!endpoint) return;
    this.#reads.get(directoryId)?.abort();
    clearCache(endpoint.url);
    letGo = undefined; // a retry asks for fresh pages: nothing read before is taken over
    this.#blender.remove(directoryId);
    this.#markDirty();
    await this.#read(endpoint);
  }

  /** Aborts every read and pending lookup. */
  dispose(): void {
    const statuses = [...this.#statuses.values()];
    if (!this.#disposed && statuses.length && statuses.every((s) => s.state === 'done' && !s.error)) {
      const kept = (letGo = { key: this.#key(), at: Date.now(), blender: this.#blender, statuses });
      // Not held past the page cache's lifetime (and no timer keeps Node running for it).
      const timer: { unref?: () => void } = setTimeout(() => letGo === kept && (letGo = undefined), LET_GO_MS);
      timer.unref?.();
    }
    this.#disposed = true;
    for (const controller of this.#reads.values()) controller.abort();
    this.#reads.clear();
    // Reads stopped part-way are no longer loading: nothing more will arrive.
    for (const status of this.#statuses.values()) if (status.state === 'loading') status.state = 'idle';
    this.#places.abort();
    clearTimeout(this.#timer);
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  /** What decides which records a store reads: two stores with the same key read the same. */
  #key(): string {
    return JSON.stringify([this.#directories, [...this.#feeds], this.#options.maxPages ?? null]);
  }

  /**
   * How many results a query would give, against what is loaded now (the
   * current results are not changed): "remove the age filter to see 12".
   */
  count(query: Query): number {
    return this.#index ? search(this.#index, query, { now: this.#now(), synonyms: this.#options.synonyms }).results.length : 0;
  }

  /** The point for `place`: the lookup under way for it, else a new one. */
  #resolve(place: string): ReturnType<PlaceResolver['resolve']> {
    if (this.#resolving?.place === place) return this.#resolving.answer;
    const answer = this.#places.resolve(place.trim());
    const resolving = (this.#resolving = { place, answer });
    void answer.finally(() => {
      if (this.#resolving === resolving) this.#resolving = undefined;
    });
    return answer;
  }

  async #read(directory: DirectoryRef): Promise<void> {
    const controller = new AbortController();
    this.#reads.set(directory.id, controller);
    const status: DirectoryStatus = {
      directory,
      state: 'loading',
      pagesRead: 0,
      records: 0,
      problems: [],
      startedAt: Date.now(),
    };
    this.#statuses.set(directory.id, status);
    this.#emit();
    let outcome: Pick<DirectoryStatus, 'state' | 'error'>;
    try {
      const pages = readDirectory(directory.url, {
        id: directory.id,
        name: directory.name,
        feedbackUrl: directory.feedbackUrl,
        signal: controller.signal,
        maxPages: this.#options.maxPages,
        timeoutMs: this.#options.timeoutMs,
        openactive: this.#feeds.has(directory.id),
      });
      // The first request leaves now, in this task (the sources read each page's records in a task of
      // their own, so pages already in the cache do not all arrive in one).
      for await (const page of pages) {
        status.dialect = page.dialect;
        status.version = page.version;
        status.pagesRead = page.page;
        status.totalPages = page.totalPages;
        status.records += page.services.length;
        status.problems.push(...page.problems);
        // Blending goes BLEND_CHUNK records at a time, the page given a turn whenever a slice has run
        // for SLICE_MS: a page of 100 could take over 50 ms on a slow machine before the code is warm.
        let sliceStart = performance.now();
        for (let i = 0; i < page.services.length; i += BLEND_CHUNK) {
          if (performance.now() - sliceStart > SLICE_MS) {
            await nextTask();
            sliceStart = performance.now();
            if (this.#reads.get(directory.id) !== controller) return; // replaced by a new read
          }
          this.#blender.add(page.services.slice(i, i + BLEND_CHUNK));
        }
        this.#markDirty();
        // A plain task, not scheduler.yield(): the batch timer must get its turn between pages,
        // or pages from the cache would all be blended before the first recompute.
        await nextTask();
        if (this.#reads.get(directory.id) !== controller) return;
      }
      outcome = { state: 'done' };
    } catch (error) {
      if (controller.signal.aborted && this.#reads.get(directory.id) !== controller) return;
      const e = error instanceof SourceError ? error : new SourceError('network', String(error), directory.url);
      // A page cap is a partial read, not a failure: keep what was read and say why it stopped.
      outcome = {
        state: e.kind === 'paging' && status.records > 0 ? 'done' : 'failed',
        error: { kind: e.kind, message: e.message, status: e.status },
      };
    }
    if (this.#reads.get(directory.id) !== controller) return;
    this.#reads.delete(directory.id);
    // The directory is shown as read once the results include all it gave (the recompute is sliced).
    this.#settling.push(() => {
      status.state = outcome.state;
      if (outcome.error) status.error = outcome.error;
      status.finishedAt = Date.now();
    });
    await this.#flush();
  }

  /**
   * Gathers page arrivals for a moment so a burst of pages costs one recompute. The first records the
   * store has are shown at once: the first page's names are drawn in the frame after it arrives.
   */
  #markDirty(): void {
    this.#dirty = true;
    if (!this.#services.length && !this.#flushing) {
      void this.#flush();
      return;
    }
    this.#timer ??= setTimeout(() => void this.#flush(), this.#options.batchMs ?? 16);
  }

  /**
   * Recomputes the results from what has been read, then emits. One
   * recompute at a time: asked for during one, it runs again after it.
   * Resolves when the results include everything read before the call.
   */
  #flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#flushWanted = true;
    this.#flushing ??= this.#runFlushes();
    return this.#flushing;
  }

  async #runFlushes(): Promise<void> {
    // Starts a microtask later, so `#flushing` is set before the loop can end and clear it.
    await undefined;
    try {
      while (this.#flushWanted && !this.#disposed) {
        this.#flushWanted = false;
        const settle = this.#settling.splice(0);
        if (this.#dirty) {
          this.#dirty = false;
          const start = performance.now();
          await this.#recompute();
          // Rendering the new results is a task of its own, unless recomputing them took less than a slice.
          if (performance.now() - start > SLICE_MS) await yieldToMain();
          if (this.#disposed) return;
        }
        for (const apply of settle) apply();
        this.#emit();
      }
    } finally {
      this.#flushing = undefined;
    }
  }

  /**
   * Blended list, search index, facets and results for 10,000 records cost
   * more than a frame: they are built in slices with the page given a turn
   * between them, and committed together so readers never see a mix.
   */
  async #recompute(): Promise<void> {
    let sliceStart = performance.now();
    // The page gets a turn whenever a slice has run for SLICE_MS; a small recompute (the first page) runs in one.
    const turn = async () => {
      if (performance.now() - sliceStart <= SLICE_MS) return;
      await yieldToMain();
      sliceStart = performance.now();
    };
    const services = this.#blender.services();
    await turn();
    const fresh = services.filter((s) => !this.#indexed.has(s));
    for (let i = 0; i < fresh.length; i += INDEX_CHUNK) {
      const chunk = fresh.slice(i, i + INDEX_CHUNK);
      createIndex(chunk); // builds and caches the entries of new and changed services
      for (const s of chunk) this.#indexed.add(s);
      await turn();
    }
    const index = createIndex(services); // every entry cached: only the name order is computed
    await turn();
    const facets = computeFacets(services);
    await turn();
    this.#services = services;
    this.#byKey = new Map();
    for (const s of services) for (const r of s.sources) this.#byKey.set(r.key, s);
    this.#index = index;
    this.#facets = facets;
    this.#refilter();
  }

  #refilter(): void {
    this.#output = this.#index ? search(this.#index, this.#query, { now: this.#now(), synonyms: this.#options.synonyms }) : EMPTY;
  }

  #emit(): void {
    this.dispatchEvent(new Event('change'));
  }
}
