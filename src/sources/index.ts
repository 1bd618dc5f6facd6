/**
 * Reads a directory from its base URL alone: finds the dialect, follows the
 * pages, and yields normalised services page by page. Every failure is a
 * SourceError; a bad record is reported as a problem and skipped, never thrown.
 */
import type { DirectoryRef, RecordProblem, Service } from '../model/index.js';
import { SourceError, endpointOf } from '../model/index.js';
import { nextTask } from '../model/tasks.js';
import type { Dialect } from './dialect.js';
import { fetchBytes, fetchJson, PER_HOST, type FetchJsonOptions } from './http.js';
import { envelope, firstPageUrl, listPages } from './paging.js';
import { code, identifier, isObject, label, slug, trimEnd, type Raw } from './normalise.js';
import { orukV1 } from './oruk-v1.js';
import { orukV3 } from './oruk-v3.js';
import { isSnapshot } from './snapshot-detect.js';
import { isOpenActiveUrl, isRpdePage } from './rpde-detect.js';

export { clearCache, fetchJson, PER_HOST, type FetchJsonOptions } from './http.js';
export { FALLBACK_PAGE, LARGE_PAGE } from './paging.js';
export type { Dialect } from './dialect.js';
export type { Snapshot } from './snapshot-detect.js';

export interface ReadOptions extends Omit<FetchJsonOptions, 'retries' | 'maxRetryAfterMs'> {
  /** Directory id used in record keys; default from the URL. */
  id?: string;
  /** Name people know the directory by; default from the URL. */
  name?: string;
  feedbackUrl?: string;
  /** Stop after this many pages (default 200). */
  maxPages?: number;
  /**
   * Page size asked for. Default: LARGE_PAGE (1,000), or FALLBACK_PAGE (100) when the server refuses it;
   * a server that gives fewer per page is read at the size it gives.
   */
  perPage?: number;
  /** List pages requested at once once the first says how many there are (default: the per-host limit); 1 reads them one after another. */
  pagesAtOnce?: number;
  /**
   * List items that are summaries, without locations, times or ages (Placecube; the full record is at
   * `/services/{id}`): `'auto'` (default) reads each full record before yielding it; `'later'` and `false`
   * yield the summaries, marked `summary` (the finder fills them in the background); `true` reads the full
   * record of every list item, summary or not.
   */
  details?: boolean | 'auto' | 'later';
  /** Read the address as an OpenActive (RPDE) feed; without it, a feed is recognised by its address or first page. */
  openactive?: boolean;
}

export interface DirectoryPage {
  directory: DirectoryRef;
  dialect: Dialect['name'];
  version?: string;
  /** 1-based number of the page these records are from (a large page is yielded in several slices). */
  page: number;
  totalPages?: number;
  services: Service[];
  problems: RecordProblem[];
  /** The records are the list's summaries, marked `summary`: each full record is at `/services/{id}` (`readService`). */
  summaries?: true;
  /** Every page of the list has been asked for (those not yet here are on their way). */
  listAsked?: true;
}

const SKIP_SEGMENTS = new Set(['api', 'o', 'services', 'hservices', 'servicedirectoryservice', 'v1', 'v2', 'v3', 'www']);

/** A directory reference from a URL: a short stable id for keys and a readable name. */
export function directoryRef(url: string, known?: string, id?: string, feedbackUrl?: string): DirectoryRef {
  let derived = url;
  let name = url;
  try {
    const u = new URL(url);
    const local = u.hostname === 'localhost' || /^[\d.]+$|:/.test(u.hostname);
    const hostParts = local
      ? []
      : u.hostname
          .replace(/^(www|api)\./, '')
          .split('.')
          .filter((p) => !['gov', 'uk', 'org', 'com', 'co', 'net'].includes(p));
    const pathParts = u.pathname.split('/').filter((p) => p && !SKIP_SEGMENTS.has(p.toLowerCase()) && !/\.json$/i.test(p));
    derived = [...hostParts, ...pathParts].join('-');
    name = u.hostname + trimEnd(u.pathname, '/');
  } catch {
    // Not a URL: the caller will get a network error for it; keep a usable id.
  }
  const ref: DirectoryRef = { id: slug(id ?? derived) || 'directory', name: known ?? name, url };
  if (feedbackUrl) ref.feedbackUrl = feedbackUrl;
  return ref;
}

/**
 * Tells ORUK v1 from Outpost (both Spring pages) by the shape of their records. Outpost's reader is a file of
 * its own, loaded when a directory speaks it: one council's supplier, where every page reads ORUK.
 */
async function dialectOf(body: unknown, records: unknown[]): Promise<Dialect> {
  if (isObject(body) && Array.isArray(body.contents)) return orukV3;
  const sample = records.find(isObject);
  if (sample && ('organisation' in sample || 'min_age' in sample || 'needs_referral' in sample || 'suitabilities' in sample))
    return (await import('./outpost.js')).outpost;
  if (
    sample &&
    !Array.isArray(body) &&
    ('minimum_age' in sample || 'attributes' in sample || 'schedules' in sample) &&
    !('regular_schedules' in sample)
  )
    return orukV3;
  return orukV1;
}

/** `<base>/services`, unless the URL already names the list or a file (exported for record-url.ts). */
export function servicesUrl(url: string): string {
  const u = new URL(url);
  if (/\/(h?services)\/?$/i.test(u.pathname) || /\.json$/i.test(u.pathname)) return u.href;
  u.pathname = `${trimEnd(u.pathname, '/')}/services`;
  return u.href;
}

/**
 * Whether a service is keyed under the directory it was read from: `<directory id>:<record id>`, its directory
 * that one (an endpoint, or a directory a static index lists) or one a snapshot names inside the endpoint.
 * Whatever a body says, nothing else is accepted.
 */
const ownedBy = (service: Service, directory: DirectoryRef) =>
  service.key === `${service.directory.id}:${service.id}` &&
  (service.directory.id === directory.id || endpointOf(service.directory.id) === directory.id);

/** An address `readDirectory` reads as OpenActive: an RPDE feed's, or several feeds' separated by spaces. */
const openActiveAddress = (url: string) => /\s/.test(url.trim()) || isOpenActiveUrl(url);

/**
 * Asks for a directory's first page now, as `readDirectory(url)` will: a read of it that starts within the
 * cache's lifetime takes this answer up (or waits for it) instead of asking again. For a finder that knows
 * its directories before it can make its store; an OpenActive feed is not asked for here.
 */
export function askFirstPage(url: string, options: Pick<FetchJsonOptions, 'timeoutMs'> = {}): void {
  if (openActiveAddress(url)) return;
  let first: string;
  try {
    first = firstPageUrl(servicesUrl(url));
  } catch {
    return; // not a web address: the read says so
  }
  // Its failure is the read's to report, when that read asks.
  fetchBytes(first, options).catch(() => undefined);
}

/**
 * Turns raw records into services: every record is either read or reported
 * with its reason (no id, no name, seen before, or what went wrong). With a
 * `deadline` (a `performance.now()` time) it stops once that has passed, after
 * one record at least; `count` says how many of `records` it took.
 */
export function readRecords(
  records: unknown[],
  dialect: Dialect,
  directory: DirectoryRef,
  page: number,
  seen: Set<string>,
  deadline = Infinity,
) {
  const services: Service[] = [];
  const problems: RecordProblem[] = [];
  let count = 0;
  for (const raw of records) {
    if (count > 0 && performance.now() > deadline) break;
    count++;
    if (!isObject(raw)) {
      problems.push({ page, reason: 'is not a record (not a JSON object)', skipped: true });
      continue;
    }
    const id = identifier(raw.id);
    if (!id) {
      problems.push({ page, reason: 'has no id, so it cannot be linked to', skipped: true });
      continue;
    }
    if (!label(raw.name)) {
      problems.push({ id, page, reason: 'has no name', skipped: true });
      continue;
    }
    let service: Service;
    try {
      service = dialect.toService(raw, directory);
    } catch (error) {
      problems.push({ id, page, reason: `could not be read: ${error instanceof Error ? error.message : String(error)}`, skipped: true });
      continue;
    }
    if (!ownedBy(service, directory)) {
      problems.push({ id, page, reason: `is not keyed under ${directory.id}, where it was read from`, skipped: true });
      continue;
    }
    if (seen.has(service.key)) {
      problems.push({ id, page, reason: 'appears more than once; the first copy is used', skipped: true });
      continue;
    }
    seen.add(service.key);
    services.push(service);
  }
  return { services, problems, count };
}

/**
 * Records read in one task and yielded together: a page of 1,000 is read a slice at a time, so a browser gets
 * a turn between slices and shows the first at once.
 */
const SLICE = 50;
/**
 * A slice ends sooner when reading it has taken this long: the store blends it in the same task, and fifty of
 * Bristol's records (descriptions in HTML) took 35–50 ms to read on a 2-core machine, then 15 ms to blend.
 */
const READ_SLICE_MS = 10;
/** The first page's first slice: a screen's worth, so the first names are drawn before a whole slice is read, blended and indexed. */
const FIRST_SLICE = 12;

/**
 * Reads every page of a directory, yielding records as they are read so a
 * caller can show the first at once (a large page comes in slices of
 * SLICE). Pages are fetched as `listPages` says (page size, the page
 * parameter's base, several at once) and yielded in order. Throws
 * SourceError (kind 'paging' when the cap is reached or a page repeats,
 * after yielding what was read).
 */
export async function* readDirectory(url: string, options: ReadOptions = {}): AsyncGenerator<DirectoryPage> {
  const directory = directoryRef(url, options.name, options.id, options.feedbackUrl);
  const { maxPages = 200 } = options;
  // OpenActive: an RPDE feed address (its sibling feed is looked for), or several feeds separated by spaces.
  const feeds = url.trim().split(/\s+/);
  if (options.openactive || openActiveAddress(url)) {
    // Loaded only when a page reads OpenActive: most finders never do.
    const { readOpenActive } = await import('./openactive.js');
    yield* readOpenActive(feeds.length > 1 ? feeds : url, {
      ...options,
      directory: feeds.length > 1 ? directoryRef(feeds[0], options.name, options.id, options.feedbackUrl) : directory,
    });
    return;
  }
  let list: string;
  try {
    list = servicesUrl(url);
  } catch {
    throw new SourceError('network', 'This is not a web address (it should start with https://).', url);
  }
  const seen = new Set<string>();
  let version: string | undefined;
  let versionLookup: Promise<unknown> | undefined;
  const details = options.details ?? 'auto';
  const pages = listPages(list, {
    ...options,
    maxPages,
    envelopeOf: (body) => (isSnapshot(body) ? { records: body.services, last: true } : envelope(body)),
  });
  for await (const { index, url: at, body, env, totalPages, allAsked } of pages) {
    if (index === 1 && isRpdePage(body)) {
      const { readOpenActive } = await import('./openactive.js');
      yield* readOpenActive(url, { ...options, directory });
      return;
    }
    if (!env) {
      throw new SourceError(
        'not-directory',
        'The address answered with data, but not a list of services in a directory format this finder knows (ORUK v1 or v3, Outpost, or a snapshot).',
        at,
      );
    }
    const isSnapshotPage = isSnapshot(body);
    const dialect = isSnapshotPage ? (await import('./snapshot.js')).snapshot : await dialectOf(body, env.records);
    // The version is asked for beside the first page, not before it is shown; the pages after it, and a
    // first page that is the last, wait for it.
    if (index === 1 && dialect === orukV3) versionLookup = rootVersion(list, options).then((v) => (version = v));
    const lastPage = env.last === true || env.records.length === 0 || (totalPages !== undefined && index >= totalPages);
    const areSummaries = dialect === orukV1 && summaries(env.records);
    const fill = !isSnapshotPage && (details === true || (details === 'auto' && areSummaries));
    for (let start = 0, end = 0; start < env.records.length || start === 0; start = end) {
      const first = index === 1 && start === 0;
      // Records are read in a task of their own, not in the one that received the page: a page's worth
      // could keep a browser busy for over 50 ms. The first page's first slice is small and read at once:
      // behind the tasks a large page leaves queued (collecting what parsing it made), its names would wait.
      if (!first) await nextTask();
      const deadline = first ? Infinity : performance.now() + READ_SLICE_MS;
      const read = readRecords(env.records.slice(start, start + (first ? FIRST_SLICE : SLICE)), dialect, directory, index, seen, deadline);
      end = start + Math.max(read.count, 1);
      if (fill) await fillDetails(read.services, list, directory, dialect, options, read.problems, index);
      else if (areSummaries) for (const s of read.services) s.summary = true;
      else if (isSnapshotPage) for (const s of read.services) delete s.summary; // a flag only the reader sets
      if (index > 1 || (lastPage && end >= env.records.length)) await versionLookup;
      const page: DirectoryPage = {
        directory,
        dialect: dialect.name,
        version,
        page: index,
        totalPages,
        services: read.services,
        problems: read.problems,
      };
      if (areSummaries && !fill) page.summaries = true;
      if (allAsked) page.listAsked = true;
      yield page;
    }
  }
}

/** ORUK v1 list items with none of the child arrays: only the full record says where, when and for whom. */
const summaries = (records: unknown[]) =>
  records.length > 0 &&
  records.every((r) => isObject(r) && !('service_at_locations' in r) && !('regular_schedules' in r) && !('eligibilitys' in r));

/** v3 servers say their version at `GET /`; a missing root is not a failure. */
async function rootVersion(list: string, options: ReadOptions): Promise<string | undefined> {
  try {
    const root = await fetchJson(list.replace(/\/h?services(\?.*)?$/i, '/'), { ...options, maxBytes: 1e6 });
    return isObject(root) ? code(root.version) : undefined;
  } catch {
    return undefined;
  }
}

/** List items that are summaries are replaced by the full record where it can be read, a few at a time (the per-host limit). */
async function fillDetails(
  services: Service[],
  list: string,
  directory: DirectoryRef,
  dialect: Dialect,
  options: ReadOptions,
  problems: RecordProblem[],
  page: number,
) {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < services.length; i = next++) {
      try {
        services[i] = await readService(list, services[i].id, options, dialect, directory);
      } catch (error) {
        services[i].summary = true;
        problems.push(detailsProblem(services[i], error, page));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PER_HOST, services.length) }, worker));
}

/** Why a summary stays a summary: its full record could not be read. */
export function detailsProblem(summary: Pick<Service, 'id'>, error: unknown, page?: number): RecordProblem {
  const problem: RecordProblem = {
    id: summary.id,
    reason: `the full record could not be read (${error instanceof Error ? error.message : String(error)}); the summary is used`,
  };
  if (page !== undefined) problem.page = page;
  return problem;
}

/**
 * The full record of a summary that `readDirectory` yielded (a page marked `summaries`), read from
 * `/services/{id}` of the directory it came from, as the list's dialect reads it.
 */
export function readFullRecord(summary: Service, options: FetchJsonOptions = {}): Promise<Service> {
  return readService(summary.directory.url, summary.id, options, orukV1, summary.directory);
}

/** Reads one full record, `/services/{id}`, for the detail view; `directory` when the caller has it already. */
export async function readService(
  url: string,
  id: string,
  options: ReadOptions = {},
  known?: Dialect,
  directory = directoryRef(url, options.name, options.id, options.feedbackUrl),
): Promise<Service> {
  const list = servicesUrl(url).split('?')[0];
  const target = `${trimEnd(list, '/')}/${encodeURIComponent(id)}`;
  const body = await fetchJson(target, options);
  if (!isObject(body) || !identifier(body.id) || !label(body.name)) {
    throw new SourceError('not-directory', 'The directory answered, but not with a service record.', target);
  }
  if (identifier(body.id) !== identifier(id)) {
    throw new SourceError('not-directory', 'The directory answered with another record than the one asked for.', target);
  }
  const dialect = known ?? (await dialectOf({ content: [] }, [body]));
  return dialect.toService(body as Raw, directory);
}
