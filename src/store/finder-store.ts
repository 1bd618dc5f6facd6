import type { BlendedService, DirectoryRef, DirectoryStatus, LatLng, Query, Result } from '../model/index.js';
import { SourceError, endpointOf } from '../model/index.js';
import { askFirstPage, clearCache, directoryRef, readDirectory, type DirectoryPage } from '../sources/index.js';
import {
  createIndex,
  facets as computeFacets,
  freshness as computeFreshness,
  nextOpening as computeNextOpening,
  search,
  type Geocoder,
  type SearchIndex,
} from '../engine/index.js';
import type { Synonyms } from '../engine/text.js';
import type { CompiledNeeds, NeedGroup, Need } from '../engine/needs/index.js';
import { PlaceResolver, type PlaceError } from './places.js';
import { NeedsLoader } from './needs.js';
import { blame, throwing, unreadable } from './quarantine.js';
import { LazyBlender } from './lazy-blender.js';
import { SLICE_MS, afterPaint, nextTask, whenIdle, yieldToMain } from './tasks.js';
import type { StaticIndexReader } from '../sources/static-index.js';
import type { DetailsReader, Unread } from './details.js';

export type { PlaceError } from './places.js';
export type { Unread } from './details.js';

/**
 * A directory to read: a URL, or a URL with the name people know it by. `source` is the directory's own
 * address when `url` reaches it through a relay (the WordPress plugin's): the directory is then named, and
 * its records keyed, as when it is read directly.
 */
export type Endpoint = string | { url: string; name?: string; id?: string; feedbackUrl?: string; source?: string };

/**
 * Asks for each directory's first page now, before a store is made: a store made within the page cache's
 * lifetime takes the answers up instead of asking again. For an element that knows its directories a task
 * before it makes its store.
 */
export function askFirstPages(endpoints: readonly Endpoint[], timeoutMs?: number): void {
  for (const e of endpoints) askFirstPage(typeof e === 'string' ? e : e.url, { timeoutMs });
}

export interface FinderStoreOptions {
  endpoints: Endpoint[];
  /** OpenActive feeds (RPDE), read as feeds whatever their addresses look like. */
  openactive?: Endpoint[];
  /**
   * Static indexes (`service-finder harvest --index`), by their manifests' URLs: read a few cells at a
   * time, those near the query's place; nothing is read from them until there is one.
   */
  index?: string[];
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
  /** Synonym groups for keyword search, added to the built-in ones and the vocabulary's. */
  synonyms?: Synonyms;
  /**
   * The needs vocabulary: the URL of a JSON file, or the object, that extends (or, with `"replace": true`,
   * replaces) the shipped one. Read when a need, a category or keywords are first asked for.
   */
  vocabulary?: string | object;
  /** Passed to the sources layer (per-request timeout). */
  timeoutMs?: number;
  /** Milliseconds to gather page arrivals before recomputing results (default 16). */
  batchMs?: number;
  /** Days after its last check that a record is out of date (default STALE_DAYS, docs/trust.md). Not in the address: the page sets it. */
  staleAfterDays?: number;
}

/** The query `patch` makes of `query`; a field patched to undefined is removed, not kept as undefined. */
export function mergeQuery(query: Query, patch: Partial<Query>): Query {
  const out: Query = {};
  for (const [key, value] of Object.entries({ ...query, ...patch })) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}

/** Whether a query reads the needs vocabulary: needs, categories (resolved through it) or keywords (which may name a need). */
const usesNeeds = (q: Query) => !!(q.needs?.length || q.categories?.length || q.text?.trim());

/**
 * What the last store let go had read and blended, when every directory was read in full: the next store
 * over the same directories, made within the page cache's lifetime (a finder removed and put back, a
 * single-page site's page visited again), takes it instead of reading and blending every page again. The
 * pages would come from the cache anyway; blending 10,000 records again kept a slow machine busy for seconds
 * and made the garbage collector pause the page.
 */
let letGo: { key: string; at: number; blender: LazyBlender; statuses: DirectoryStatus[] } | undefined;
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
/** The longest every service's needs wait for an idle moment once the vocabulary is there and reading has ended. */
const NEEDS_IDLE_WAIT_MS = 2_000;

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
  /** Static indexes, and for each the query it was last read for (place, radius, categories) and its reader. */
  readonly #indexes: DirectoryRef[];
  readonly #indexPlans = new Map<string, string>();
  readonly #indexReaders = new Map<string, StaticIndexReader>();
  /** `load()` was called: from then on a new place reads the indexes again. */
  #started = false;
  /** The latest read of each index. */
  readonly #indexReads = new Map<string, Promise<void>>();
  readonly #reads = new Map<string, AbortController>();
  #blender = new LazyBlender();
  #services: BlendedService[] = [];
  /** Each service by the key of every record in it (a blended service's key is its first record's). */
  #byKey = new Map<string, BlendedService>();
  #index?: SearchIndex;
  #output: Output = EMPTY;
  #facets: ReturnType<typeof computeFacets> = { eligibility: [], categories: [] };
  #dirty = false;
  #timer?: ReturnType<typeof setTimeout>;
  readonly #places: PlaceResolver;
  readonly #needs: NeedsLoader;
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
  /** Statuses of directories failed because their records could not be blended or indexed: a read's end leaves them failed. */
  readonly #quarantined = new WeakSet<DirectoryStatus>();
  /** Full records of summaries, read in the background (made when a directory lists summaries). */
  #details?: DetailsReader;
  #detailsLoading?: Promise<DetailsReader>;
  #unread?: Unread;
  /** The services whose needs are all worked out (`#readyNeeds`): the search uses needs when they are the current ones. */
  #needsReadyFor?: readonly BlendedService[];
  /** Every service's needs are to be worked out when the page is next idle (`#prepareNeeds`). */
  #needsPreparing = false;
  /** The matching under way (`#readyNeeds`), and for which services. */
  #needsMatching?: { services: readonly BlendedService[]; done: Promise<void> };
  /** Freshness already worked out, per service object: it changes once a day, and is read at every render of a card. */
  readonly #freshness = new WeakMap<BlendedService, { at: number; value: ReturnType<typeof computeFreshness> }>();

  constructor(options: FinderStoreOptions) {
    super();
    this.#options = options;
    this.#query = { ...options.query };
    this.#places = new PlaceResolver(options);
    this.#needs = new NeedsLoader(options);
    const ref = (e: Endpoint) => {
      if (typeof e === 'string') return directoryRef(e);
      const own = typeof e.source === 'string' ? directoryRef(e.source) : undefined;
      return directoryRef(e.url, e.name ?? own?.name, e.id ?? own?.id, e.feedbackUrl);
    };
    const feeds = (options.openactive ?? []).map(ref);
    this.#directories = [...options.endpoints.map(ref), ...feeds];
    this.#feeds = new Set(feeds.map((f) => f.id));
    this.#indexes = (options.index ?? []).map((url) => directoryRef(url));
    for (const endpoint of [...this.#directories, ...this.#indexes]) {
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
  /** Still reading: a directory, or the full records behind its summaries. */
  get reading(): boolean {
    return this.loading || !!this.#details?.pending;
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

  /** The needs and their groups, once the vocabulary is loaded (`loadNeeds`). */
  get vocabulary(): { groups: readonly NeedGroup[]; needs: readonly Need[] } | undefined {
    const c = this.#needs.compiled;
    return c && { groups: c.vocabulary.groups, needs: c.needs };
  }

  /** Why the page's vocabulary could not be read, and what was left out of it. */
  get vocabularyProblems(): { error?: string; problems: readonly string[] } {
    return { error: this.#needs.error, problems: this.#needs.problems };
  }

  /**
   * Loads the needs vocabulary (once) and applies it to the results. The store does this itself when a
   * query first asks for a need, a category or keywords; the search form asks as it is shown.
   */
  async loadNeeds(): Promise<void> {
    if (this.#needs.compiled) return;
    if (!(await this.#needs.load())) return;
    if (usesNeeds(this.#query)) await this.#readyNeeds();
    this.#refilter();
    this.#emit();
    this.#prepareNeeds();
  }

  /**
   * Once the vocabulary is loaded and reading has ended, works out every service's needs when the page is
   * idle, so the first keyword typed finds them ready: worked out from the first key, 10,000 services' needs
   * were 320–380 ms of slices among the next keys in a CPU profile of the keystroke bench, and the results
   * changed twice (without the needs, then with them).
   */
  #prepareNeeds(): void {
    if (this.#needsPreparing || !this.#needs.compiled || this.reading || this.#needsReadyFor === this.#services) return;
    this.#needsPreparing = true;
    // A search by need or keyword made meanwhile waits for the same matching (`#readyNeeds`), then searches again.
    whenIdle(() => {
      this.#needsPreparing = false;
      if (!this.#disposed) void this.#readyNeeds();
    }, NEEDS_IDLE_WAIT_MS);
  }

  /**
   * The vocabulary, and the needs of every service read so far: worked out a slice at a time, with the page
   * given a turn between slices, so the first search by need does not hold up input (10,000 records take
   * longer than a frame). Each service's needs are kept until it changes.
   */
  async #readyNeeds(services = this.#services): Promise<void> {
    const compiled = this.#needs.compiled;
    const needs = compiled ?? (await this.#needs.load());
    // Ready already (every keystroke of a keyword asks): going through 10,000 services again, each a cache
    // hit, was some 10 ms a key in a CPU profile.
    if (!needs || this.#needsReadyFor === services) return;
    // Under way for these services already (the page idle, then a keyword typed): waited for, not walked again.
    if (this.#needsMatching?.services === services) return this.#needsMatching.done;
    const done = this.#matchNeeds(needs, services, !compiled);
    this.#needsMatching = { services, done };
    await done;
    if (this.#needsMatching?.done === done) this.#needsMatching = undefined;
  }

  /** Matches `services` against `needs` a slice at a time (from the next task when they were `justCompiled`). */
  async #matchNeeds(needs: CompiledNeeds, services: readonly BlendedService[], justCompiled: boolean): Promise<void> {
    if (justCompiled) await yieldToMain();
    if (this.#disposed) return;
    let sliceStart = performance.now();
    for (const s of services) {
      needs.matches(s);
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToMain();
        // A finder taken off the page stops here: its store is let go, not kept busy.
        if (this.#disposed) return;
        sliceStart = performance.now();
      }
    }
    this.#needsReadyFor = services;
  }

  /**
   * Results that do not say what the query filters on and whose full records are still being read, with
   * the fields they leave unstated ("ages not yet read for 600 records"); undefined when there are none.
   */
  get unread(): Unread | undefined {
    return this.#unread;
  }

  /** Whether a service is shown from a list summary whose full record is still being read. */
  detailsPending(service: BlendedService): boolean {
    const details = this.#details;
    return !!details?.pending && service.sources.some((s) => details.has(s.key));
  }

  /**
   * The results on screen, by key (the results list calls this as it renders): where they are summaries,
   * their full records are read before any others.
   */
  showing(keys: Iterable<string>): void {
    this.#details?.show(keys);
  }

  get(key: string): BlendedService | undefined {
    return this.#byKey.get(key);
  }

  nextOpening(service: BlendedService) {
    const now = this.#now();
    const t = now.getTime();
    const hit = this.#openings.get(service);
    // Still the answer while that opening has not ended (or, with no end, begun) and the clock
    // has not gone back; "none within the horizon" is kept for a minute.
    if (hit && t >= hit.at && (hit.next ? t < (hit.next.end ?? hit.next.start).getTime() : t - hit.at < 60_000)) return hit.next;
    let next: ReturnType<typeof computeNextOpening>;
    try {
      next = computeNextOpening(service, now);
    } catch {
      next = undefined; // a record whose times cannot be worked out states none
    }
    this.#openings.set(service, { at: t, next });
    return next;
  }

  /** How long ago a service was checked; the same object while the answer holds (within a minute of the last). */
  freshness(service: BlendedService) {
    const now = this.#now();
    const t = now.getTime();
    const hit = this.#freshness.get(service);
    if (hit && t >= hit.at && t - hit.at < FRESHNESS_KEPT_MS) return hit.value;
    const value = computeFreshness(service, now, this.#options.staleAfterDays);
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
    if (usesNeeds(next)) {
      // Keywords and categories are searched at once, and again with the vocabulary when its file has come:
      // a keystroke never waits for it. Needs asked for by id have nothing to show until then.
      if (!next.needs?.length && this.#needsReadyFor !== this.#services) {
        this.#refilter();
        this.#emit();
      }
      await this.#readyNeeds();
    }
    this.#refilter();
    this.#emit();
    if (this.#started) this.#readIndexes();
  }

  /**
   * Reads every directory that is not already being read, and resolves the query's place if it has one.
   * The directories are asked for first, before the page's place list or the geocoder: results never
   * wait for the place (they are ordered by distance once it is known). Resolves when all have finished.
   */
  async load(): Promise<void> {
    // Read alongside the directories: the first results need it.
    if (usesNeeds(this.#query)) void this.#needs.load();
    this.#started = true;
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
    // An index is read near a point: now if there is one, else once the place is resolved (setQuery).
    if (!place) this.#readIndexes();
    await Promise.all([reads, place]);
    await Promise.all(this.#indexReads.values());
    if (this.#details?.pending) {
      await this.#details.settled();
      await this.#flush();
    }
  }

  /**
   * Reads from each index what the query's place needs and was not read; without a place, reads nothing
   * and says a place is needed.
   */
  #readIndexes(): void {
    const query = this.#query;
    const plan = query.near && JSON.stringify([query.near, query.radiusKm, query.categories]);
    for (const ref of this.#indexes) {
      const status = this.#statuses.get(ref.id)!;
      if (!plan) {
        if (status.state === 'idle' && !status.waitingFor) {
          status.waitingFor = 'place';
          this.#emit();
        }
      } else if (plan !== this.#indexPlans.get(ref.id)) {
        this.#indexPlans.set(ref.id, plan);
        this.#reads.get(ref.id)?.abort();
        const readers = this.#indexReaders;
        const timeoutMs = this.#options.timeoutMs;
        // The reader loads with the first index read: pages without an index never download it.
        const pages = async function* (signal: AbortSignal) {
          yield* (await import('./index-read.js')).readIndex(ref, query, signal, readers, timeoutMs);
        };
        this.#indexReads.set(ref.id, this.#read(ref, pages));
      }
    }
  }

  /** Reads one directory again, dropping what it gave before. */
  async retry(directoryId: string): Promise<void> {
    if (this.#indexReads.has(directoryId)) {
      // What was read stays; the files that could not be are asked for again.
      this.#indexPlans.delete(directoryId);
      this.#readIndexes();
      return this.#indexReads.get(directoryId);
    }
    const endpoint = this.#directories.find((e) => e.id === directoryId);
    if (!endpoint) return;
    this.#reads.get(directoryId)?.abort();
    clearCache(endpoint.url);
    letGo = undefined; // a retry asks for fresh pages: nothing read before is taken over
    this.#details?.forget(directoryId);
    this.#blender.remove(directoryId);
    this.#markDirty();
    await this.#read(endpoint);
  }

  /** Aborts every read and pending lookup. */
  dispose(): void {
    const statuses = [...this.#statuses.values()];
    // A store over an index is not taken over: what it read depends on the place searched.
    if (
      !this.#disposed &&
      statuses.length &&
      !this.#indexes.length &&
      statuses.every((s) => s.state === 'done' && !s.error && !s.summaries)
    ) {
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
    this.#details?.dispose();
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
    try {
      return this.#index ? search(this.#index, query, this.#searchOptions()).results.length : 0;
    } catch {
      return 0; // the search itself fails the directory at fault when the query is made
    }
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

  /** Reads a directory, or (with `pages`) what a search needs from an index, whose files that fail leave the rest read. */
  async #read(directory: DirectoryRef, pages?: (signal: AbortSignal) => AsyncIterable<DirectoryPage>): Promise<void> {
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
      const read =
        pages?.(controller.signal) ??
        readDirectory(directory.url, {
          id: directory.id,
          name: directory.name,
          feedbackUrl: directory.feedbackUrl,
          signal: controller.signal,
          maxPages: this.#options.maxPages,
          timeoutMs: this.#options.timeoutMs,
          openactive: this.#feeds.has(directory.id),
          details: 'later',
        });
      // The first request leaves now, in this task (the sources read each page's records in a task of
      // their own, so pages already in the cache do not all arrive in one).
      const blending = this.#blender.ready();
      blending.catch(() => undefined); // awaited with the first page; until then its failure is not unhandled
      for await (const page of read) {
        await blending;
        status.dialect = page.dialect;
        status.version = page.version;
        status.pagesRead = page.page;
        status.totalPages = page.totalPages;
        status.records += page.services.length;
        const firstNames = !this.#services.length && page.services.length > 0;
        for (const problem of page.problems) status.problems.push(problem);
        // Blending goes BLEND_CHUNK records at a time, the page given a turn whenever a slice has run
        // for SLICE_MS: a page of 100 could take over 50 ms on a slow machine before the code is warm.
        let sliceStart = performance.now();
        for (let i = 0; i < page.services.length; i += BLEND_CHUNK) {
          if (performance.now() - sliceStart > SLICE_MS) {
            await nextTask();
            sliceStart = performance.now();
            if (this.#reads.get(directory.id) !== controller) return; // replaced by a new read
          }
          try {
            this.#blender.add(page.services.slice(i, i + BLEND_CHUNK));
          } catch (error) {
            throw new SourceError('unreadable', unreadable(error).message, directory.url, undefined, { cause: error });
          }
        }
        this.#markDirty();
        if (page.summaries) {
          status.summaries = (status.summaries ?? 0) + page.services.length;
          // The details reader is a file of its own: the first names are drawn while it loads.
          const details = await this.#summaries();
          details.add(page.services);
          // A list of several pages, all asked for: no list request is left to wait behind full records on
          // the host they share, so these are read while the list's records are (those on screen first). A
          // list of one page is read through first, for its results to rank the records to read.
          if (page.listAsked && (page.totalPages ?? 1) > 1) details.start(directory.id);
          this.#markDirty();
        }
        // The first names are drawn before more is read: a slice of records read first would hold the frame.
        // Otherwise a plain task, not scheduler.yield(): the batch timer must get its turn between pages,
        // or pages from the cache would all be blended before the first recompute.
        if (firstNames) {
          await this.#flush();
          await afterPaint();
        } else await nextTask();
        if (this.#reads.get(directory.id) !== controller) return;
      }
      outcome = { state: 'done' };
    } catch (error) {
      if (controller.signal.aborted && this.#reads.get(directory.id) !== controller) return;
      // An index read that failed is not done: the same query reads again what could not be read.
      if (pages) this.#indexPlans.delete(directory.id);
      const e = error instanceof SourceError ? error : new SourceError('unreadable', unreadable(error).message, directory.url);
      // Records that could not be read or blended: none of the directory's stays (some may be half blended).
      if (e.kind === 'unreadable') {
        this.#blender.remove(directory.id);
        this.#markDirty();
      }
      // A page cap, a next page on another website, or an index's unreadable files are a partial read, not a
      // failure: keep what was read and say why it stopped.
      outcome = {
        state: (e.kind === 'paging' || e.kind === 'off-origin' || pages) && status.records > 0 ? 'done' : 'failed',
        error: { kind: e.kind, message: e.message, status: e.status },
      };
    }
    if (this.#reads.get(directory.id) !== controller) return;
    this.#reads.delete(directory.id);
    // The directory is shown as read once the results include all it gave (the recompute is sliced).
    this.#settling.push(() => {
      if (this.#quarantined.has(status)) return;
      status.state = outcome.state;
      if (outcome.error) status.error = outcome.error;
      status.finishedAt = Date.now();
    });
    await this.#flush();
    // Full records are read once the list is (its pages come first on a host shared with them), or once a
    // list of several pages is all asked for (above), and the results exist to put the query's first.
    this.#details?.start(directory.id);
  }

  /** The details reader, loaded when a directory first lists summaries: most finders never need it. */
  #summaries(): Promise<DetailsReader> {
    this.#detailsLoading ??= import('./details.js').then(({ DetailsReader }) => {
      const reader = new DetailsReader({
        results: () => this.#output.results,
        statuses: this.#statuses,
        timeoutMs: this.#options.timeoutMs,
        apply: (filled) => {
          this.#blender.add(filled);
          this.#markDirty();
        },
      });
      if (this.#disposed) reader.dispose();
      return (this.#details = reader);
    });
    return this.#detailsLoading;
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
    this.#prepareNeeds();
  }

  /**
   * Blended list, search index, facets and results for 10,000 records cost
   * more than a frame: they are built in slices with the page given a turn
   * between them, and committed together so readers never see a mix. When a
   * directory's records make a step throw, that directory fails and the
   * work starts again without it.
   */
  async #recompute(): Promise<void> {
    while (!(await this.#recomputeOnce()));
  }

  /** One try at `#recompute`: false when a directory failed on the way (its records are out of the blender). */
  async #recomputeOnce(): Promise<boolean> {
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
    const indexAlone = (s: BlendedService) => createIndex([s]);
    for (let i = 0; i < fresh.length; i += INDEX_CHUNK) {
      const chunk = fresh.slice(i, i + INDEX_CHUNK);
      // Builds and caches the entries of new and changed services.
      if (!this.#guard(chunk, () => createIndex(chunk), indexAlone)) return false;
      for (const s of chunk) this.#indexed.add(s);
      await turn();
    }
    let index: SearchIndex | undefined;
    // Every entry cached: only the name order is computed.
    if (!this.#guard(services, () => (index = createIndex(services)), indexAlone)) return false;
    await turn();
    let facets = this.#facets;
    if (
      !this.#guard(
        services,
        () => (facets = computeFacets(services)),
        (s) => computeFacets([s]),
      )
    )
      return false;
    await turn();
    if (usesNeeds(this.#query)) await this.#readyNeeds(services);
    this.#services = services;
    this.#byKey = new Map();
    for (const s of services) for (const r of s.sources) this.#byKey.set(r.key, s);
    this.#index = index;
    this.#facets = facets;
    this.#refilter();
    return true;
  }

  #refilter(): void {
    this.#search();
    const details = this.#details;
    this.#unread = details?.pending ? details.unread(this.#output.results) : undefined;
  }

  #search(): void {
    const index = this.#index;
    if (!index) {
      this.#output = EMPTY;
      return;
    }
    const options = this.#searchOptions();
    const services = index.entries.map((e) => e.service);
    if (
      this.#guard(
        services,
        () => (this.#output = search(index, this.#query, options)),
        (s) => search(createIndex([s]), this.#query, options),
      )
    )
      return;
    // Until the next recompute drops them from the blended list, the failed directories' services are left out here.
    const failed = (s: BlendedService) => s.sources.some((src) => this.#statuses.get(endpointOf(src.directory.id))?.state === 'failed');
    this.#index = createIndex(services.filter((s) => !failed(s)));
    this.#output = search(this.#index, this.#query, options);
    this.#markDirty();
  }

  /**
   * Runs `run`; when it throws, finds the services of `services` that `probe` throws for on their own, fails the
   * directories at fault (every directory of `services` when no service throws alone) and returns false.
   */
  #guard(services: readonly BlendedService[], run: () => void, probe: (service: BlendedService) => void): boolean {
    try {
      run();
      return true;
    } catch (error) {
      const bad = throwing(services, probe);
      const ids = new Set<string>();
      for (const s of bad.length ? bad : services) for (const id of blame(s, (key) => this.#blender.record(key), probe)) ids.add(id);
      if (!this.#fail(ids, error)) throw error;
      return false;
    }
  }

  /** Fails directories whose records could not be blended or indexed: their reads stop and their records leave. */
  #fail(ids: Set<string>, error: unknown): number {
    let failed = 0;
    for (const id of ids) {
      const status = this.#statuses.get(id);
      if (!status || this.#quarantined.has(status)) continue;
      this.#reads.get(id)?.abort();
      this.#reads.delete(id);
      this.#blender.remove(id);
      this.#quarantined.add(status);
      status.state = 'failed';
      status.error = unreadable(error);
      status.finishedAt = Date.now();
      failed++;
    }
    this.#dirty = true;
    return failed;
  }

  #searchOptions() {
    // Until every service's needs are worked out (a slice at a time), the search goes without them: worked
    // out inside one search, 10,000 services would hold up a keystroke.
    const needs = this.#needsReadyFor === this.#services ? this.#needs.compiled : undefined;
    return { now: this.#now(), synonyms: needs?.synonyms ?? this.#options.synonyms, needs, staleAfterDays: this.#options.staleAfterDays };
  }

  #emit(): void {
    this.dispatchEvent(new Event('change'));
  }
}
