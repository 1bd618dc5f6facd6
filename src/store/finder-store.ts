import type { BlendedService, DirectoryStatus, LatLng, Query, Result } from '../model/index.js';
import { SourceError } from '../model/index.js';
import { clearCache, directoryRef, readDirectory } from '../sources/index.js';
import {
  createBlender,
  createIndex,
  facets as computeFacets,
  freshness as computeFreshness,
  nextOpening as computeNextOpening,
  parseLatLng,
  postcodesIoGeocoder,
  search,
  type Geocoder,
  type SearchIndex,
} from '../engine/index.js';

/** A directory to read: a URL, or a URL with the name people know it by. */
export type Endpoint = string | { url: string; name?: string; id?: string; feedbackUrl?: string };

export interface FinderStoreOptions {
  endpoints: Endpoint[];
  /** OpenActive feeds (read by a later adapter; listed here so pages can pass them now). */
  openactive?: Endpoint[];
  /** Turns what a person typed for a place into a point. Default: postcodes.io, outward code only. */
  geocoder?: Geocoder;
  /** Place names the page knows ("Barry": { lat, lng }), matched case-insensitively before geocoding. */
  places?: Record<string, LatLng>;
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

export type PlaceError = 'not-found' | 'failed';

interface Output {
  results: Result[];
  total: number;
  matched: number;
  partial: number;
}

const EMPTY: Output = { results: [], total: 0, matched: 0, partial: 0 };

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
  readonly #reads = new Map<string, AbortController>();
  readonly #blender = createBlender();
  #services: BlendedService[] = [];
  #index?: SearchIndex;
  #output: Output = EMPTY;
  #facets: ReturnType<typeof computeFacets> = { eligibility: [], categories: [] };
  #dirty = false;
  #timer?: ReturnType<typeof setTimeout>;
  #geocoding?: AbortController;

  constructor(options: FinderStoreOptions) {
    super();
    this.#options = options;
    this.#query = { ...options.query };
    for (const endpoint of this.#endpoints()) {
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
    return this.#services.find((s) => s.key === key || s.sources.some((r) => r.key === key));
  }

  nextOpening(service: BlendedService) {
    return computeNextOpening(service, this.#now());
  }

  freshness(service: BlendedService) {
    return computeFreshness(service, this.#now());
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
    const next: Query = options.replace ? { ...patch } : { ...this.#query, ...patch };
    for (const key of Object.keys(next) as Array<keyof Query>) {
      if (next[key] === undefined) delete next[key];
    }
    if (next.place !== this.#query.place || (next.place && !next.near)) {
      next.near = undefined;
      this.#placeError = undefined;
      if (next.place?.trim()) {
        const resolved = await this.#resolvePlace(next.place.trim());
        if ('near' in resolved) next.near = resolved.near;
        else this.#placeError = resolved.error;
      }
      if (!next.near) delete next.near;
    }
    this.#query = next;
    this.#refilter();
    this.#emit();
  }

  /** Reads every directory that is not already being read. Resolves when all have finished. */
  async load(): Promise<void> {
    if (this.#query.place && !this.#query.near) await this.setQuery({});
    await Promise.all(this.#endpoints().map((endpoint) => this.#read(endpoint)));
  }

  /** Reads one directory again, dropping what it gave before. */
  async retry(directoryId: string): Promise<void> {
    const endpoint = this.#endpoints().find((e) => e.id === directoryId);
    if (!endpoint) return;
    this.#reads.get(directoryId)?.abort();
    clearCache(endpoint.url);
    this.#blender.remove(directoryId);
    this.#markDirty();
    await this.#read(endpoint);
  }

  /** Aborts every read and pending lookup. */
  dispose(): void {
    for (const controller of this.#reads.values()) controller.abort();
    this.#reads.clear();
    this.#geocoding?.abort();
    clearTimeout(this.#timer);
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  #endpoints() {
    return this.#options.endpoints.map((e) =>
      typeof e === 'string' ? directoryRef(e) : directoryRef(e.url, e.name, e.id, e.feedbackUrl),
    );
  }

  async #resolvePlace(place: string): Promise<{ near: LatLng } | { error: PlaceError }> {
    const point = parseLatLng(place);
    if (point) return { near: point };
    const known = Object.entries(this.#options.places ?? {}).find(
      ([name]) => name.toLowerCase() === place.toLowerCase(),
    );
    if (known) return { near: known[1] };
    this.#geocoding?.abort();
    const controller = (this.#geocoding = new AbortController());
    try {
      const geocoder = this.#options.geocoder ?? postcodesIoGeocoder();
      const near = await geocoder(place, controller.signal);
      return near ? { near } : { error: 'not-found' };
    } catch {
      return { error: 'failed' };
    }
  }

  async #read(directory: ReturnType<typeof directoryRef>): Promise<void> {
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
    try {
      const pages = readDirectory(directory.url, {
        id: directory.id,
        name: directory.name,
        feedbackUrl: directory.feedbackUrl,
        signal: controller.signal,
        maxPages: this.#options.maxPages,
        timeoutMs: this.#options.timeoutMs,
      });
      for await (const page of pages) {
        status.dialect = page.dialect;
        status.version = page.version;
        status.pagesRead = page.page;
        status.totalPages = page.totalPages;
        status.records += page.services.length;
        status.problems.push(...page.problems);
        this.#blender.add(page.services);
        this.#markDirty();
      }
      status.state = 'done';
    } catch (error) {
      if (controller.signal.aborted && this.#reads.get(directory.id) !== controller) return;
      const e = error instanceof SourceError ? error : new SourceError('network', String(error), directory.url);
      // A page cap is a partial read, not a failure: keep what was read and say why it stopped.
      status.state = e.kind === 'paging' && status.records > 0 ? 'done' : 'failed';
      status.error = { kind: e.kind, message: e.message, status: e.status };
    } finally {
      if (this.#reads.get(directory.id) === controller) {
        this.#reads.delete(directory.id);
        status.finishedAt = Date.now();
        this.#flush();
      }
    }
  }

  /** Gathers page arrivals for a moment so a burst of pages costs one recompute. */
  #markDirty(): void {
    this.#dirty = true;
    this.#timer ??= setTimeout(() => this.#flush(), this.#options.batchMs ?? 16);
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#dirty) {
      this.#dirty = false;
      this.#services = this.#blender.services();
      this.#index = createIndex(this.#services);
      this.#facets = computeFacets(this.#services);
      this.#refilter();
    }
    this.#emit();
  }

  #refilter(): void {
    this.#output = this.#index
      ? search(this.#index, this.#query, { now: this.#now(), synonyms: this.#options.synonyms })
      : EMPTY;
  }

  #emit(): void {
    this.dispatchEvent(new Event('change'));
  }
}
