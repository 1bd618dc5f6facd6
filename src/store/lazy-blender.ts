import type { BlendedService, Service } from '../model/index.js';
import type { Blender, BlendPairs } from '../engine/blend.js';

/**
 * The blender, loaded as a chunk of its own: its match rules and field merging are about a tenth of the
 * finder, and are needed only once the first page has arrived. `ready()` starts the load (the store calls it
 * as a directory's first request leaves, so both travel together) and resolves when records can be added;
 * until then the blender holds nothing.
 */
export class LazyBlender implements Blender {
  #real?: Blender;
  #loading?: Promise<void>;

  ready(): Promise<void> {
    this.#loading ??= import('../engine/blend.js').then(
      ({ createBlender }) => {
        this.#real ??= createBlender();
      },
      (error: unknown) => {
        this.#loading = undefined; // a retry loads it again
        throw error;
      },
    );
    return this.#loading;
  }

  add(services: Service[]): void {
    if (!this.#real) throw new Error('The blender is not loaded yet: await ready() before adding records.');
    this.#real.add(services);
  }
  remove(directoryId: string): void {
    this.#real?.remove(directoryId);
  }
  services(): BlendedService[] {
    return this.#real?.services() ?? [];
  }
  record(key: string): Service | undefined {
    return this.#real?.record(key);
  }
  get merged(): number {
    return this.#real?.merged ?? 0;
  }
  get comparisons(): number {
    return this.#real?.comparisons ?? 0;
  }
  get judged(): number {
    return this.#real?.judged ?? 0;
  }
  pairs(): BlendPairs {
    return this.#real?.pairs() ?? { groups: [], candidates: [] };
  }
}
