/**
 * One directory's failure stays its own: when blending, indexing or searching throws, the services it throws
 * for are found one by one, and the directories whose records make them throw are named, so that only those
 * directories fail and every other directory's results stay.
 */
import type { BlendedService, Service, SourceErrorKind } from '../model/index.js';
import { endpointOf } from '../model/index.js';
import { cut } from '../model/limits.js';

/** The longest part of an exception's message a directory's status repeats. */
const MAX_REASON = 200;

/** The items of `list` for which `probe` throws, each tried on its own. */
export function throwing<T>(list: readonly T[], probe: (item: T) => void): T[] {
  return list.filter((item) => {
    try {
      probe(item);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * The endpoints to blame for a service that throws: those whose record, as a service of its own, throws too
 * (`record` finds a record by key); when none does, or the service is one record, every endpoint it came from.
 */
export function blame(
  service: BlendedService,
  record: (key: string) => Service | undefined,
  probe: (service: BlendedService) => void,
): Set<string> {
  const sources = service.sources;
  if (sources.length > 1) {
    const own = throwing(sources, (src) => {
      const r = record(src.key);
      if (r) probe({ ...r, sources: [src] });
    });
    if (own.length) return new Set(own.map((src) => endpointOf(src.directory.id)));
  }
  return new Set(sources.map((src) => endpointOf(src.directory.id)));
}

/** What a directory's status says when its records could not be read, blended or indexed. */
export function unreadable(error: unknown): { kind: SourceErrorKind; message: string } {
  const why = error instanceof Error ? error.message : String(error);
  return { kind: 'unreadable', message: `Its records could not be read (${cut(why, MAX_REASON)}), so its services are left out.` };
}
