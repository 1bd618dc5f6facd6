/**
 * Reads a directory from its base URL alone: finds the dialect, follows the
 * pages, and yields normalised services page by page. Every failure is a
 * SourceError; a bad record is reported as a problem and skipped, never thrown.
 */
import type { DirectoryRef, RecordProblem, Service } from '../model/index.js';
import { SourceError, endpointOf } from '../model/index.js';
import type { Dialect } from './dialect.js';
import { fetchJson, type FetchJsonOptions } from './http.js';
import { code, identifier, isObject, label, num, slug, trimEnd, type Raw } from './normalise.js';
import { orukV1 } from './oruk-v1.js';
import { orukV3 } from './oruk-v3.js';
import { outpost } from './outpost.js';
import { isSnapshot, snapshot } from './snapshot.js';
import { isOpenActiveUrl, isRpdePage } from './rpde-detect.js';

export { clearCache, fetchJson, type FetchJsonOptions } from './http.js';
export type { Dialect } from './dialect.js';
export type { Snapshot } from './snapshot.js';

export interface ReadOptions extends Omit<FetchJsonOptions, 'retries' | 'maxRetryAfterMs'> {
  /** Directory id used in record keys; default from the URL. */
  id?: string;
  /** Name people know the directory by; default from the URL. */
  name?: string;
  feedbackUrl?: string;
  /** Stop after this many pages (default 200). */
  maxPages?: number;
  /** Page size asked for (default 100); servers may give another. */
  perPage?: number;
  /**
   * Fetch each record's full form (`/services/{id}`): `'auto'` (default) when
   * list items are summaries without locations, times or ages (Placecube).
   */
  details?: boolean | 'auto';
  /** Read the address as an OpenActive (RPDE) feed; without it, a feed is recognised by its address or first page. */
  openactive?: boolean;
}

export interface DirectoryPage {
  directory: DirectoryRef;
  dialect: Dialect['name'];
  version?: string;
  /** 1-based count of pages read so far. */
  page: number;
  totalPages?: number;
  services: Service[];
  problems: RecordProblem[];
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

interface Envelope {
  records: unknown[];
  /** The page number the server says this is, in its own base. */
  number?: number;
  totalPages?: number;
  last?: boolean;
}

/** Reads the page envelope of any dialect, or undefined when the body is not a directory page. */
function envelope(body: unknown): Envelope | undefined {
  if (Array.isArray(body)) return { records: body, last: true };
  if (!isObject(body)) return undefined;
  if (Array.isArray(body.contents)) {
    return {
      records: body.contents,
      number: num(body.page_number),
      totalPages: num(body.total_pages),
      last: typeof body.last_page === 'boolean' ? body.last_page : undefined,
    };
  }
  if (Array.isArray(body.content)) {
    return {
      records: body.content,
      number: num(body.number),
      totalPages: num(body.totalPages),
      last: typeof body.last === 'boolean' ? body.last : undefined,
    };
  }
  return undefined;
}

/** Tells ORUK v1 from Outpost (both Spring pages) by the shape of their records. */
function dialectOf(body: unknown, records: unknown[]): Dialect {
  if (isObject(body) && Array.isArray(body.contents)) return orukV3;
  const sample = records.find(isObject);
  if (sample && ('organisation' in sample || 'min_age' in sample || 'needs_referral' in sample || 'suitabilities' in sample))
    return outpost;
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

function pageUrl(list: string, params: Record<string, number | undefined>): string {
  const u = new URL(list);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, String(v));
  return u.href;
}

/**
 * Whether a service is keyed under the endpoint it was read from: `<directory id>:<record id>`, its directory
 * the endpoint's or one a snapshot names inside it. Whatever a body says, nothing else is accepted.
 */
const ownedBy = (service: Service, endpoint: DirectoryRef) =>
  service.key === `${service.directory.id}:${service.id}` && endpointOf(service.directory.id) === endpoint.id;

/**
 * Turns raw records into services: every record is either read or reported
 * with its reason (no id, no name, seen before, or what went wrong).
 */
function readRecords(records: unknown[], dialect: Dialect, directory: DirectoryRef, page: number, seen: Set<string>) {
  const services: Service[] = [];
  const problems: RecordProblem[] = [];
  for (const raw of records) {
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
  return { services, problems };
}

/**
 * Reads every page of a directory, yielding each as it arrives so a caller
 * can show the first page at once. Stops on the last-page flag, an empty
 * page or the page cap; a server that sends the same page again is stopped.
 * Throws SourceError (kind 'paging' when the cap is reached, after yielding
 * what was read).
 */
export async function* readDirectory(url: string, options: ReadOptions = {}): AsyncGenerator<DirectoryPage> {
  const directory = directoryRef(url, options.name, options.id, options.feedbackUrl);
  const { maxPages = 200, perPage = 100 } = options;
  // OpenActive: an RPDE feed address (its sibling feed is looked for), or several feeds separated by spaces.
  const feeds = url.trim().split(/\s+/);
  if (options.openactive || feeds.length > 1 || isOpenActiveUrl(url)) {
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
  let next: string | undefined = pageUrl(list, { per_page: /\.json$/i.test(list) ? undefined : perPage });
  let previous: { number?: number; firstId?: string } | undefined;
  let version: string | undefined;
  let versionLookup: Promise<unknown> | undefined;
  let zeroBased = false;
  for (let page = 1; next; page++) {
    if (page > maxPages) {
      throw new SourceError('paging', `Stopped after ${maxPages} pages, the most this finder reads from one directory.`, url);
    }
    const body = await fetchJson(next, options);
    if (page === 1 && isRpdePage(body)) {
      const { readOpenActive } = await import('./openactive.js');
      yield* readOpenActive(url, { ...options, directory });
      return;
    }
    let dialect: Dialect;
    let env: Envelope | undefined;
    if (isSnapshot(body)) {
      dialect = snapshot;
      env = { records: body.services, last: true };
    } else {
      env = envelope(body);
      if (!env) {
        throw new SourceError(
          'not-directory',
          'The address answered with data, but not a list of services in a directory format this finder knows (ORUK v1 or v3, Outpost, or a snapshot).',
          next,
        );
      }
      dialect = dialectOf(body, env.records);
    }
    const firstId = identifier(isObject(env.records[0]) ? env.records[0].id : undefined);
    if (
      previous &&
      env.records.length &&
      ((env.number !== undefined && env.number === previous.number) || (firstId !== undefined && firstId === previous.firstId))
    ) {
      throw new SourceError(
        'paging',
        `Page ${page} was the same as page ${page - 1}: the directory ignores the page number, so reading stopped.`,
        next,
      );
    }
    // The version is asked for beside the first page, not before it is shown; the last page waits for it.
    if (page === 1 && dialect === orukV3) versionLookup = rootVersion(list, options).then((v) => (version = v));
    if (page === 1) zeroBased = env.number === 0;
    const pagesSeen = env.number !== undefined ? env.number + (zeroBased ? 1 : 0) : page;
    const done = env.last === true || env.records.length === 0 || (env.totalPages !== undefined && pagesSeen >= env.totalPages);
    // Its records are read in a task of their own, not in the one that received the page: together
    // they could keep a browser busy for over 50 ms.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const read = readRecords(env.records, dialect, directory, page, seen);
    const details = options.details ?? 'auto';
    if (dialect !== snapshot && (details === true || (details === 'auto' && dialect === orukV1 && summaries(env.records))))
      await fillDetails(read.services, list, directory, dialect, options, read.problems, page);
    if (done) await versionLookup;
    yield { directory, dialect: dialect.name, version, page, totalPages: env.totalPages, services: read.services, problems: read.problems };
    previous = { number: env.number, firstId };
    next = done ? undefined : pageUrl(list, { page: env.number !== undefined ? env.number + 1 : page + 1, per_page: perPage });
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

/** List items that are summaries are replaced by the full record where it can be read. */
async function fillDetails(
  services: Service[],
  list: string,
  directory: DirectoryRef,
  dialect: Dialect,
  options: ReadOptions,
  problems: RecordProblem[],
  page: number,
) {
  const fill = async (i: number) => {
    try {
      services[i] = await readService(list, services[i].id, options, dialect, directory);
    } catch (error) {
      problems.push({
        id: services[i].id,
        page,
        reason: `the full record could not be read (${error instanceof Error ? error.message : String(error)}); the summary is used`,
      });
    }
  };
  // A few at a time: the HTTP layer bounds requests per host; this bounds what waits on the caller's signal.
  for (let start = 0; start < services.length; start += 6) {
    await Promise.all(services.slice(start, start + 6).map((_, j) => fill(start + j)));
  }
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
  const dialect = known ?? dialectOf({ content: [] }, [body]);
  return dialect.toService(body as Raw, directory);
}
