/**
 * Filling summaries in the background. A directory that lists summaries (Placecube: no locations, times or
 * ages in its list) is shown from its list at once; the full record of each is read here, at most the
 * per-host limit at a time: the records on screen first, then those the current query lists, then the rest
 * in list order. Filled records are handed over in batches, so a directory of thousands costs a recompute
 * every few hundred milliseconds, not one per record. Everything stops on `dispose()`.
 */
import type { DirectoryStatus, FilterField, RecordProblem, Result, Service } from '../model/index.js';
import { SourceError } from '../model/index.js';
import { clearCache, detailsProblem, PER_HOST, readFullRecord } from '../sources/index.js';

/**
 * How long filled records gather before they are handed over: each batch costs a recompute of the results
 * and a render, so a directory of hundreds is filled in a few dozen steps rather than one per record.
 */
export const DETAILS_BATCH_MS = 1000;
/** Records on screen are handed over sooner: those are the ones a person is looking at. */
export const SHOWN_BATCH_MS = 100;

export interface DetailsOptions {
  /** Filled records, to replace their summaries (a batch at a time). */
  apply(filled: Service[]): void;
  /** The store's directory statuses: each counts its summaries still to read and lists those that could not be. */
  statuses: ReadonlyMap<string, DirectoryStatus>;
  /** The current results, best first: records they list are read before the rest. */
  results(): readonly Result[];
  timeoutMs?: number;
}

export class DetailsReader {
  readonly #options: DetailsOptions;
  /** Summaries still to read, by key, in list order. */
  readonly #waiting = new Map<string, Service>();
  /** Keys being read now, by host. */
  readonly #reading = new Map<string, Set<string>>();
  #shown = new Set<string>();
  /** Directories whose summaries may be read. */
  readonly #started = new Set<string>();
  /** Hosts of the summaries added. */
  readonly #hosts = new Set<string>();
  /** Per host, where the walk through the current results stopped (they are only walked again when they change). */
  readonly #ranked = new Map<string, { results: readonly Result[]; at: number }>();
  #filled: Service[] = [];
  #failed: Array<{ summary: Service; problem: RecordProblem }> = [];
  /** Keys of the records read (or failed) and not yet handed over. */
  readonly #arrived = new Set<string>();
  #timer?: ReturnType<typeof setTimeout>;
  /** When the batch under way is handed over (performance.now()). */
  #due = Infinity;
  readonly #controller = new AbortController();
  #settled?: { promise: Promise<void>; resolve: () => void };

  constructor(options: DetailsOptions) {
    this.#options = options;
  }

  /** Summaries whose full records are still to come: to read, being read, or read and not yet handed over. */
  get pending(): number {
    return this.#outstanding() + this.#arrived.size;
  }

  /** Whether the record `key` is a summary whose full record is still to come. */
  has(key: string): boolean {
    if (this.#waiting.has(key) || this.#arrived.has(key)) return true;
    for (const keys of this.#reading.values()) if (keys.has(key)) return true;
    return false;
  }

  /** Of `results`, those listed as not saying (a filtered field unknown) whose full records are still to come. */
  unread(results: readonly Result[]): Unread | undefined {
    let count = 0;
    const fields = new Set<FilterField>();
    for (const r of results) {
      if (!r.partial || !r.service.sources.some((s) => this.has(s.key))) continue;
      count++;
      for (const e of r.explanations) if (e.state === 'unknown') fields.add(e.field);
    }
    return count ? { count, fields: [...fields] } : undefined;
  }

  /** Summaries to read or being read. */
  #outstanding(): number {
    let reading = 0;
    for (const keys of this.#reading.values()) reading += keys.size;
    return this.#waiting.size + reading;
  }

  /** Summaries to read (a page marked `summaries`): they wait until their directory is started. */
  add(summaries: Service[]): void {
    if (this.#controller.signal.aborted) return;
    let startable = false;
    for (const s of summaries) {
      if (this.has(s.key)) continue;
      this.#waiting.set(s.key, s);
      this.#hosts.add(hostOf(s));
      startable ||= this.#started.has(s.directory.id);
    }
    // Summaries of a directory not yet started wait for `start`: looking for one to read now would walk every
    // summary waiting on the host, on every slice of a long list.
    if (startable) this.#pump();
  }

  /** Starts reading a directory's summaries: once its list's pages are asked for, as they come first on a shared host. */
  start(directoryId: string): void {
    this.#started.add(directoryId);
    this.#pump();
  }

  /** The records on screen now: theirs are read next. */
  show(keys: Iterable<string>): void {
    this.#shown = new Set(keys);
  }

  /** Drops the summaries of a directory still to read (it is read again). */
  forget(directoryId: string): void {
    this.#started.delete(directoryId);
    for (const [key, s] of this.#waiting) if (s.directory.id === directoryId) this.#waiting.delete(key);
    this.#filled = this.#filled.filter((s) => s.directory.id !== directoryId);
    this.#failed = this.#failed.filter((f) => f.summary.directory.id !== directoryId);
    this.#arrived.clear();
    for (const s of this.#filled) this.#arrived.add(s.key);
    for (const f of this.#failed) this.#arrived.add(f.summary.key);
    this.#checkSettled();
  }

  /** Resolves when every summary added so far is filled (or could not be) and handed over. */
  settled(): Promise<void> {
    if (!this.pending) return Promise.resolve();
    if (!this.#settled) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.#settled = { promise, resolve };
    }
    return this.#settled.promise;
  }

  /** Stops reading: requests under way are aborted, nothing more is handed over. */
  dispose(): void {
    this.#controller.abort(new SourceError('aborted', 'Reading was stopped.', ''));
    this.#waiting.clear();
    this.#reading.clear();
    this.#arrived.clear();
    clearTimeout(this.#timer);
    this.#settled?.resolve();
  }

  #pump(): void {
    for (const host of this.#hosts) {
      let reading = this.#reading.get(host);
      if (!reading) this.#reading.set(host, (reading = new Set()));
      while (reading.size < PER_HOST) {
        const next = this.#next(host);
        if (!next) break;
        this.#waiting.delete(next.key);
        reading.add(next.key);
        void this.#read(next, reading);
      }
    }
  }

  /** The next summary of `host` to read: on screen, then listed by the query, then in list order. */
  #next(host: string): Service | undefined {
    const on = (key: string) => {
      const s = this.#waiting.get(key);
      return s && hostOf(s) === host && this.#started.has(s.directory.id) ? s : undefined;
    };
    for (const key of this.#shown) {
      const s = on(key);
      if (s) return s;
    }
    const results = this.#options.results();
    let ranked = this.#ranked.get(host);
    if (ranked?.results !== results) this.#ranked.set(host, (ranked = { results, at: 0 }));
    for (; ranked.at < results.length; ranked.at++) {
      for (const source of results[ranked.at].service.sources) {
        const s = on(source.key);
        if (s) return s;
      }
    }
    for (const s of this.#waiting.values()) if (hostOf(s) === host && this.#started.has(s.directory.id)) return s;
    return undefined;
  }

  async #read(summary: Service, reading: Set<string>): Promise<void> {
    const signal = this.#controller.signal;
    try {
      // Not kept in the page cache: each full record is read once, and hundreds of them would push the list
      // pages out of it (and stay in memory for nothing).
      const full = await readFullRecord(summary, { signal, timeoutMs: this.#options.timeoutMs, cacheMs: 0 });
      if (!signal.aborted) this.#filled.push(full);
    } catch (error) {
      if (!signal.aborted) this.#failed.push({ summary, problem: detailsProblem(summary, error) });
    }
    if (signal.aborted) return;
    reading.delete(summary.key);
    this.#arrived.add(summary.key);
    this.#pump();
    this.#schedule(this.#shown.has(summary.key) ? SHOWN_BATCH_MS : DETAILS_BATCH_MS);
  }

  /** Hands the batch over within `ms` (or at once when nothing else is coming to share the recompute). */
  #schedule(ms: number): void {
    if (!this.#outstanding()) return this.#handOver();
    const due = performance.now() + ms;
    if (due >= this.#due) return;
    clearTimeout(this.#timer);
    this.#due = due;
    this.#timer = setTimeout(() => this.#handOver(), ms);
  }

  #handOver(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#due = Infinity;
    const filled = this.#filled.splice(0);
    const failed = this.#failed.splice(0);
    this.#arrived.clear();
    const { statuses } = this.#options;
    for (const s of [...filled, ...failed.map((f) => f.summary)]) {
      const status = statuses.get(s.directory.id);
      if (!status?.summaries) continue;
      // Its list pages hold only summaries, all read in full now: the page cache need not keep them.
      if (--status.summaries === 0) clearCache(status.directory.url);
    }
    for (const { summary, problem } of failed) statuses.get(summary.directory.id)?.problems.push(problem);
    if (filled.length || failed.length) this.#options.apply(filled);
    this.#checkSettled();
  }

  #checkSettled(): void {
    if (this.pending) return;
    this.#settled?.resolve();
    this.#settled = undefined;
  }
}

/** Hosts by directory address (a URL is parsed once, not for every record looked at). */
const hosts = new Map<string, string>();
function hostOf(s: Service): string {
  const url = s.directory.url;
  let host = hosts.get(url);
  if (host === undefined) {
    try {
      host = new URL(url).host;
    } catch {
      host = '';
    }
    hosts.set(url, host);
  }
  return host;
}

/** Results that may match once their full records are read: how many, and which filtered fields they leave unstated. */
export interface Unread {
  count: number;
  fields: FilterField[];
}
