/**
 * Categories in the index: the vocabulary the manifest carries (each name as most records spell it, with
 * how many name it), and the files of services without a place, one set per category.
 */
import { createHash } from 'node:crypto';
import { UNLOCATED_FORMAT, type UnlocatedEntry } from '../../model/static-index.js';
import { normalise } from '../../engine/index.js';
import { indexFileJson, type IndexFiles } from './files.js';
import { byKey } from './partition.js';
import type { StoredRecord } from './records.js';

/** Most category names the manifest carries (the most used). */
const MAX_VOCABULARY = 2000;

/** A category name as the search compares them: the engine's normalising, spaces folded. */
export const categoryKey = (name: string) => normalise(name).replace(/\s+/g, ' ').trim();

/** A file id for a category: readable, and unique by a hash of the name. */
function categoryId(category: string | null): string {
  if (category === null) return 'none';
  const slug = category
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `${slug || 'category'}-${createHash('sha256').update(category).digest('hex').slice(0, 6)}`;
}

/** Counts category names as records name them; the shown name is the most used spelling. */
export class Vocabulary {
  readonly #terms = new Map<string, Map<string, number>>();

  add(names: string[]): void {
    const seen = new Set<string>();
    for (const name of names) {
      const key = categoryKey(name);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      let spellings = this.#terms.get(key);
      if (!spellings) this.#terms.set(key, (spellings = new Map()));
      spellings.set(name, (spellings.get(name) ?? 0) + 1);
    }
  }

  list(): Array<{ name: string; count: number }> {
    const terms = [...this.#terms.values()].map((spellings) => {
      let best = '';
      let most = 0;
      let count = 0;
      for (const [name, n] of spellings) {
        count += n;
        if (n > most || (n === most && name < best)) [best, most] = [name, n];
      }
      return { name: best, count };
    });
    terms.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
    return terms.slice(0, MAX_VOCABULARY).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/** Writes the services without a place: by category, in files of at most `cellSize`. */
export async function writeUnlocated(records: StoredRecord[], cellSize: number, files: IndexFiles): Promise<UnlocatedEntry[]> {
  const byCategory = new Map<string | null, StoredRecord[]>();
  for (const r of records) {
    const keys = [...new Set(r.categories.map(categoryKey).filter(Boolean))];
    for (const k of keys.length ? keys : [null]) {
      const list = byCategory.get(k);
      if (list) list.push(r);
      else byCategory.set(k, [r]);
    }
  }
  const order = [...byCategory.keys()].sort((a, b) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
  const entries: UnlocatedEntry[] = [];
  for (const category of order) {
    const list = byCategory.get(category)!.sort(byKey);
    for (let i = 0, n = 1; i < list.length; i += cellSize, n++) {
      const chunk = list.slice(i, i + cellSize);
      const id = `${categoryId(category)}-${n}`;
      const w = await files.put(
        'unlocated',
        id,
        indexFileJson(
          UNLOCATED_FORMAT,
          id,
          chunk.map((r) => r.json),
        ),
      );
      entries.push({ id, category, count: chunk.length, bytes: w.bytes, sha256: w.sha256 });
    }
  }
  return entries;
}
