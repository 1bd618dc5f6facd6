/**
 * Reading a static index near a query's place: the reader (src/sources/static-index.ts) given the
 * search's geometry and category matching. Loaded with the reader, the first time a page reads an index.
 */
import type { DirectoryRef, Query } from '../model/index.js';
import type { DirectoryPage } from '../sources/index.js';
import { StaticIndexReader } from '../sources/static-index.js';
import { distanceToBoxKm } from '../engine/box.js';
import { normalise } from '../engine/text.js';

/** The pages a query needs from an index that its reader (made here the first time) has not read. */
export function readIndex(
  ref: DirectoryRef,
  query: Query,
  signal: AbortSignal,
  readers: Map<string, StaticIndexReader>,
  timeoutMs?: number,
): AsyncGenerator<DirectoryPage> {
  let reader = readers.get(ref.id);
  if (!reader) readers.set(ref.id, (reader = new StaticIndexReader(ref, { timeoutMs })));
  const near = query.near!; // the store reads an index only near a place
  return reader.read(
    {
      distanceKm: (bounds) => distanceToBoxKm(near, bounds),
      radiusKm: typeof query.radiusKm === 'number' && query.radiusKm > 0 ? query.radiusKm : undefined,
      categories: query.categories,
      normalise: (name) => normalise(name).replace(/\s+/g, ' ').trim(),
    },
    signal,
  );
}
