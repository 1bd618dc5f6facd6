/**
 * The store's side of static indexes (`service-finder harvest --index`): whether a query needs a new
 * read (its place, radius and categories changed). The reading itself (./index-read.ts, with the reader)
 * is loaded the first time an index is read, so pages without an index never download it.
 */
import type { DirectoryPage } from '../sources/index.js';
import type { StaticIndexReader } from '../sources/static-index.js';
import type { DirectoryRef, Query } from '../model/index.js';
import { directoryRef } from '../sources/index.js';

/** What of a query decides what an index reads; undefined without a place (nothing is read). */
export function indexPlan(query: Query): string | undefined {
  if (!query.near) return undefined;
  return JSON.stringify([query.near.lat, query.near.lng, query.radiusKm ?? null, [...(query.categories ?? [])].sort()]);
}

export class IndexSources {
  readonly refs: DirectoryRef[];
  readonly #timeoutMs?: number;
  /** Each index's reader (made by the index chunk): what it read is not read again. */
  readonly readers = new Map<string, StaticIndexReader>();
  /** The plan each index was last read for. */
  readonly #plans = new Map<string, string>();

  constructor(urls: string[], options: { timeoutMs?: number }) {
    this.refs = [...new Map(urls.map((url) => directoryRef(url)).map((r) => [r.id, r])).values()];
    this.#timeoutMs = options.timeoutMs;
  }

  /** Whether `query` needs reading that the index's last read did not do. */
  wants(id: string, query: Query): boolean {
    const plan = indexPlan(query);
    return plan !== undefined && plan !== this.#plans.get(id);
  }

  /** Forgets what an index's last read was for: the same query reads again (only what it could not read). */
  forget(id: string): void {
    this.#plans.delete(id);
  }

  /** The pages `query` needs from index `ref` (nothing it read before). */
  async *pages(ref: DirectoryRef, query: Query, signal: AbortSignal): AsyncGenerator<DirectoryPage> {
    const plan = indexPlan(query);
    if (!plan) return;
    this.#plans.set(ref.id, plan);
    try {
      yield* (await import('./index-read.js')).readIndex(ref, query, signal, this.readers, this.#timeoutMs);
    } catch (error) {
      // Not read after all: the same search asks again.
      if (this.#plans.get(ref.id) === plan) this.#plans.delete(ref.id);
      throw error;
    }
  }
}
