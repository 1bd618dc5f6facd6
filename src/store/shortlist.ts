/**
 * The shortlist: services a person chose to keep. Opt-in: nothing is written
 * to the device until the person adds something; clearing it removes the
 * stored entry. Framework-free (an EventTarget dispatching `change`).
 */
export interface ShortlistItem {
  key: string;
  /** Kept so the list can be shown before (or without) the directories loading. */
  name: string;
}

export interface ShortlistOptions {
  /** Where to keep the list; `null` keeps it in memory only. Default: `localStorage`. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  storageKey?: string;
  /** A list someone shared (from a link): shown, but not stored until the person changes it. */
  shared?: ShortlistItem[];
}

export const SHORTLIST_KEY = 'service-finder:shortlist';

function defaultStorage(): ShortlistOptions['storage'] {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage blocked (privacy settings, sandboxed frame)
  }
}

export class Shortlist extends EventTarget {
  readonly #storage: ShortlistOptions['storage'];
  readonly #storageKey: string;
  #items: ShortlistItem[] = [];
  /** True while showing a shared list that the person has not changed. */
  shared = false;

  constructor(options: ShortlistOptions = {}) {
    super();
    this.#storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.#storageKey = options.storageKey ?? SHORTLIST_KEY;
    if (options.shared?.length) {
      this.#items = [...options.shared];
      this.shared = true;
    } else {
      this.#items = this.#read();
    }
  }

  get items(): readonly ShortlistItem[] {
    return this.#items;
  }

  get size(): number {
    return this.#items.length;
  }

  has(key: string): boolean {
    return this.#items.some((i) => i.key === key);
  }

  add(item: ShortlistItem): void {
    if (this.has(item.key)) return;
    this.#items = [...this.#items, { key: item.key, name: item.name }];
    this.#changed();
  }

  remove(key: string): void {
    if (!this.has(key)) return;
    this.#items = this.#items.filter((i) => i.key !== key);
    this.#changed();
  }

  toggle(item: ShortlistItem): boolean {
    if (this.has(item.key)) this.remove(item.key);
    else this.add(item);
    return this.has(item.key);
  }

  clear(): void {
    this.#items = [];
    this.#changed();
  }

  /** A link to this list: the page's address with `list=key,key`. */
  shareUrl(base: string | URL): string {
    const url = new URL(String(base));
    url.searchParams.set('list', this.#items.map((i) => i.key).join(','));
    return url.toString();
  }

  #read(): ShortlistItem[] {
    try {
      const raw = this.#storage?.getItem(this.#storageKey);
      if (!raw) return [];
      const parsed: unknown = JSON.parse(raw);
      if (!Array.isArray(parsed)) return [];
      return parsed
        .filter((i): i is ShortlistItem => !!i && typeof i.key === 'string' && typeof i.name === 'string')
        .map((i) => ({ key: i.key, name: i.name }));
    } catch {
      return [];
    }
  }

  #changed(): void {
    this.shared = false;
    try {
      if (this.#items.length) this.#storage?.setItem(this.#storageKey, JSON.stringify(this.#items));
      else this.#storage?.removeItem(this.#storageKey);
    } catch {
      // Full or blocked storage: the list still works for this visit.
    }
    this.dispatchEvent(new Event('change'));
  }
}

/** Reads `list=key,key` from a page address (a shared shortlist). */
export function sharedKeys(search: string | URLSearchParams): string[] {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  return (params.get('list') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
}
