/**
 * Reading one directory for the index, whole or as changes since the last read: an ORUK directory is
 * asked for `modified_after` the last read (a server that ignores it answers with everything, which is
 * read as a whole read); an OpenActive publisher's feeds continue from the `next` page stored last time,
 * applied to the items kept from before, since a session's change changes its series' service.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import type { Service } from '../../model/index.js';
import { SourceError } from '../../model/index.js';
import type { IndexDirectory } from '../../model/static-index.js';
import { directoryRef, readDirectory, type ReadOptions } from '../../sources/index.js';
import { applyItems, feedList, isOpenActiveUrl, joinOpenActive } from '../../sources/openactive.js';
import { readRpde, type RpdeItem } from '../../sources/rpde.js';
import { lines } from './records.js';

/** How a refresh reads a directory: changes since its last read, its feeds from where they stopped, or all of it. */
export type RefreshWay = 'changes' | 'rpde' | 'whole';

export interface SourceState extends IndexDirectory {
  refresh: RefreshWay;
  /** OpenActive feeds, each with the page to continue from. */
  feeds?: Array<{ url: string; next?: string }>;
}

export interface ReadContext {
  /** Continue from the last read (changes since, feeds from their stored pages) instead of reading it all. */
  resume: boolean;
  /** Overrides the time changes are asked for since. */
  since?: string;
  /** Where an OpenActive directory's items are kept between runs. */
  itemsPath: string;
  now: Date;
  options: Pick<ReadOptions, 'maxPages' | 'timeoutMs' | 'details'>;
  /** Takes records as they are read. */
  take(services: Service[]): void;
  log(line: string): void;
}

export interface ReadOutcome {
  source: SourceState;
  /** The records taken are all the directory has: any it gave before and not now are gone. */
  complete: boolean;
  read: number;
}

const message = (e: unknown) => (e instanceof SourceError ? e.message : e instanceof Error ? e.message : String(e));

/** The index's entry for a directory given by address (several OpenActive feeds: by the first). */
export function sourceFor(url: string, known?: SourceState): SourceState {
  if (known) return known;
  const feeds = url.trim().split(/\s+/);
  const ref = directoryRef(feeds[0]);
  const openactive = feeds.length > 1 || isOpenActiveUrl(feeds[0]);
  return { id: ref.id, name: ref.name, url: url.trim(), records: 0, state: 'done', refresh: openactive ? 'rpde' : 'changes' };
}

function withParam(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.href;
}

export async function readSource(source: SourceState, cx: ReadContext): Promise<ReadOutcome> {
  return source.refresh === 'rpde' ? readFeeds(source, cx) : readOruk(source, cx);
}

async function readOruk(source: SourceState, cx: ReadContext): Promise<ReadOutcome> {
  const started = cx.now.toISOString();
  const since = cx.resume && source.refresh === 'changes' ? (cx.since ?? source.lastRead) : undefined;
  const url = since ? withParam(source.url, 'modified_after', since) : source.url;
  let dialect: string | undefined;
  let read = 0;
  // A record last changed before `since` shows the server ignored the parameter and sent everything.
  let everything = !since;
  let error: unknown;
  try {
    // Each page is read once: the page cache would only hold on to them.
    const pages = readDirectory(url, { ...cx.options, cacheMs: 0, id: source.id, name: source.name, feedbackUrl: source.feedbackUrl });
    for await (const page of pages) {
      dialect = page.dialect;
      if (since) for (const s of page.services) if (s.lastModified && Date.parse(s.lastModified) < Date.parse(since)) everything = true;
      cx.take(page.services);
      read += page.services.length;
      cx.log(`${source.id}: page ${page.page}${page.totalPages ? ` of ${page.totalPages}` : ''}, ${read} records`);
    }
  } catch (e) {
    error = e;
    cx.log(`${source.id}: ${message(e)}`);
  }
  // An address that turned out to be an OpenActive feed was read whole, and is read whole again.
  const refresh: RefreshWay = dialect === 'openactive' ? 'whole' : 'changes';
  const complete = !error && (everything || dialect === 'openactive');
  const next: SourceState = { ...source, dialect: dialect ?? source.dialect, refresh };
  if (error) {
    next.state = read > 0 || source.lastRead ? 'partial' : 'failed';
    next.error = message(error);
    // The next refresh asks again from the last complete read (or reads it all).
  } else {
    next.state = 'done';
    delete next.error;
    next.lastRead = started;
  }
  return { source: next, complete, read };
}

type Item = RpdeItem & { page?: number };

async function loadItems(path: string): Promise<Map<string, Item>> {
  const items = new Map<string, Item>();
  for await (const line of lines(path)) {
    const [key, item] = JSON.parse(line) as [string, Item];
    items.set(key, item);
  }
  return items;
}

async function saveItems(path: string, items: Map<string, Item>): Promise<void> {
  const out = createWriteStream(`${path}.tmp`);
  for (const entry of items) if (!out.write(`${JSON.stringify(entry)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  await rename(`${path}.tmp`, path);
}

async function readFeeds(source: SourceState, cx: ReadContext): Promise<ReadOutcome> {
  const started = cx.now.toISOString();
  // Continuing needs the items kept from before: without them, the feeds are read from their start.
  const resume = cx.resume && !!source.feeds?.length && existsSync(cx.itemsPath);
  const feeds = resume
    ? source.feeds!.map((f) => ({ ...f, optional: false }))
    : feedList(source.url.split(/\s+/).length > 1 ? source.url.split(/\s+/) : source.url, true).map((f) => ({
        url: f.url,
        next: undefined as string | undefined,
        optional: f.optional,
      }));
  const items = resume ? await loadItems(cx.itemsPath) : new Map<string, Item>();
  const counts = { deleted: 0, superseded: 0 };
  const kept: Array<{ url: string; next?: string }> = [];
  let failure: unknown;
  let page = 0;
  for (const [i, feed] of feeds.entries()) {
    let pages = 0;
    let next = feed.next;
    try {
      for await (const p of readRpde(resume && feed.next ? feed.next : feed.url, { ...cx.options, pageOffset: page })) {
        pages++;
        page++;
        applyItems(
          items,
          p.items.map((item) => ({ ...item, page })),
          String(i),
          counts,
        );
        next = p.url;
        if (page % 20 === 0) cx.log(`${source.id}: ${page} feed pages, ${items.size} items`);
      }
      kept.push({ url: feed.url, next });
    } catch (e) {
      const guessed = feed.optional && pages === 0 && e instanceof SourceError && e.kind !== 'aborted' && e.kind !== 'timeout';
      if (!guessed) {
        failure ??= e;
        kept.push({ url: feed.url, next });
        cx.log(`${source.id}: ${message(e)}`);
      }
    }
  }
  const directory = directoryRef(feeds[0].url, source.name, source.id, source.feedbackUrl);
  const live = [...items.values()].filter((x) => x.state === 'updated');
  const joined = await joinOpenActive(live, directory, cx.now);
  cx.take(joined.services);
  await saveItems(cx.itemsPath, items);
  cx.log(`${source.id}: ${joined.services.length} services from ${items.size} feed items`);
  const next: SourceState = { ...source, dialect: 'openactive', refresh: 'rpde', feeds: kept };
  if (failure) {
    next.state = page > 0 || resume ? 'partial' : 'failed';
    next.error = message(failure);
  } else {
    next.state = 'done';
    delete next.error;
    next.lastRead = started;
  }
  // Continuing, every item known is in `items`: the services joined from them are the whole directory.
  // A first read that stopped part-way is not, and takes nothing away.
  return { source: next, complete: resume || !failure, read: joined.services.length };
}
