// OpenActive over real HTTP: RPDE paging to the end, tombstones, the series/session join, and the mapping onto the model.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SourceError, type RecordProblem, type Service } from '../../src/model/index.js';
import {
  activities,
  eventSchedule,
  isOpenActiveUrl,
  isoInstant,
  joinOpenActive,
  offersCost,
  readOpenActive,
  siblingFeed,
  applyItems,
  type OpenActiveFeeds,
} from '../../src/sources/openactive.js';
import { compareModified, isRpdePage, readRpde, type RpdeItem } from '../../src/sources/rpde.js';
import { compileRule } from '../../src/engine/schedule.js';
import { Features } from '../../src/engine/dedup/features.js';
import { sameService } from '../../src/engine/dedup/rules.js';
import { openActiveFixture, openActiveRoutes, OA_BASE_ID } from '../fixtures/openactive.js';
import type { DemoService } from '../fixtures/dialects.js';
import { readPages, serve } from '../helpers.js';

const demo = JSON.parse(readFileSync(new URL('../../demo/data/services.json', import.meta.url), 'utf8')) as DemoService[];
const now = new Date('2026-10-14T12:00:00Z');
const cutoff = now.getTime() - 86_400_000;
const fixture = openActiveFixture(demo, { now });

let server: Awaited<ReturnType<typeof serve>>;
let base: string;
const log: Array<{ url: string; items?: number; next?: string }> = [];

before(async () => {
  const routes = openActiveRoutes(demo, { now });
  server = await serve((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const entry: (typeof log)[number] = { url: req.url ?? '' };
    log.push(entry);
    // Record what each page said, to check where reading stopped.
    const end = res.end.bind(res) as (...args: unknown[]) => unknown;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      try {
        const body = JSON.parse(String(chunk));
        entry.items = body.items?.length;
        entry.next = body.next;
      } catch {
        // not JSON
      }
      return end(chunk, ...rest);
    }) as typeof res.end;
    if (!routes(req, res, url)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"Not found"}');
    }
  });
  base = server.url;
});
after(() => server.close());

async function readAll(feeds: OpenActiveFeeds, options: Parameters<typeof readOpenActive>[1] = {}) {
  const read = await readPages(readOpenActive(feeds, { now, ...options }));
  return { ...read, byId: new Map(read.services.map((s) => [s.id, s])) };
}

const pair = () => ({ sessionSeries: `${base}/openactive/session-series`, scheduledSessions: `${base}/openactive/scheduled-sessions` });
const problemIds = (problems: RecordProblem[]) => new Set(problems.map((p) => p.id).filter(Boolean));

describe('readOpenActive: the demo feed pair', () => {
  it('reads both feeds to their last page and yields the joined series at the end', async () => {
    log.length = 0;
    const { pages, services, error } = await readAll(pair());
    assert.equal(error, undefined);
    assert.ok(pages.every((p) => p.dialect === 'openactive'));
    assert.ok(
      pages.slice(0, -1).every((p) => p.services.length === 0),
      'progress pages carry no services',
    );
    assert.deepEqual(services.map((s) => s.id).sort(), [
      'ss-aqua',
      'ss-hostile',
      'ss-netball',
      'ss-online-yoga',
      'ss-tai-chi',
      'ss-walking-football',
      'ss-women-swim',
    ]);
    assert.equal(new Set(services.map((s) => s.key)).size, services.length);
    assert.ok(services.every((s) => s.key === `${s.directory.id}:${s.id}`));
    // One progress page per feed page, each feed page fetched once.
    const urls = log.map((l) => l.url);
    assert.equal(new Set(urls).size, urls.length, 'no page fetched twice');
    assert.equal(pages.length - 1, urls.length);
    for (const feed of ['session-series', 'scheduled-sessions']) {
      const mine = log.filter((l) => l.url.startsWith(`/openactive/${feed}`));
      const last = mine[mine.length - 1];
      assert.equal(last.items, 0, `${feed}: stops on an empty page`);
      assert.equal(last.next, `${base}${last.url}`, `${feed}: whose next is itself`);
      assert.ok(
        mine.slice(0, -1).every((l) => (l.items ?? 0) > 0),
        `${feed}: every earlier page had items`,
      );
    }
  });

  it('accounts for every item: read, deleted, in the past, or a problem with a reason', async () => {
    const { services, problems } = await readAll(pair());
    const tombstoned = new Set([...fixture.series, ...fixture.sessions].filter((i) => i.state === 'deleted').map((i) => i.id));
    const sessionIds = new Set(services.flatMap((s) => s.sessions ?? []).map((x) => x.id));
    const problemIdSet = problemIds(problems);
    const summaries = problems.filter((p) => !p.id).map((p) => p.reason);
    for (const item of fixture.series) {
      if (tombstoned.has(item.id)) continue;
      const ended = item.id === 'ss-ended';
      assert.ok(services.some((s) => s.id === item.id) || problemIdSet.has(item.id) || ended, `series ${item.id} accounted for`);
    }
    assert.ok(summaries.some((r) => /^1 session series were left out because all their sessions are in the past/.test(r)));
    for (const item of fixture.sessions) {
      if (tombstoned.has(item.id)) continue;
      const end = Date.parse(String(item.data?.endDate ?? item.data?.startDate ?? ''));
      const past = end < cutoff;
      assert.ok(sessionIds.has(item.id) || problemIdSet.has(item.id) || past, `session ${item.id} accounted for`);
      assert.ok(!(past && sessionIds.has(item.id)), `past session ${item.id} left out`);
    }
    for (const p of problems) assert.ok(p.reason.length > 10);
    assert.ok(problems.find((p) => p.id === 'ss-nameless')?.reason.includes('no name'));
    assert.ok(problems.find((p) => p.id === 'bad-0')?.reason.includes('start date'));
    assert.ok(problems.find((p) => p.id === 'orphan-0')?.reason.includes('ss-missing'));
  });

  it('applies tombstones: a deleted series and a deleted session are gone, a later copy replaces an earlier one', async () => {
    const { services, problems, byId } = await readAll(pair());
    assert.equal(byId.get('ss-deleted'), undefined);
    const all = JSON.stringify(services);
    assert.doesNotMatch(all, /del-0|Spin Class/);
    assert.ok(!problemIds(problems).has('del-0'), 'a deleted session is not a problem either');
    assert.ok(problems.find((p) => p.id === 'del-1')?.reason.includes('ss-deleted'), 'a session left without its series is reported');
    assert.equal(byId.get('ss-netball')?.name, 'Junior Netball');
    assert.deepEqual(byId.get('ss-netball')?.ages, { min: 8, max: 14 });
  });

  it('joins sessions to their series by superEvent URL, keeps embedded subEvents, and leaves out past sessions', async () => {
    const { byId } = await readAll(pair());
    const taiChi = byId.get('ss-tai-chi')!;
    const ids = taiChi.sessions!.map((s) => s.id);
    assert.deepEqual(ids, ['tc-3', 'tc-4', 'tc-5'], 'sorted, past ones (tc-0…tc-2) left out');
    assert.ok(taiChi.sessions!.every((s) => Date.parse(s.start) > cutoff && /[+-]\d{2}:\d{2}$|Z$/.test(s.start)));
    // Across the clock change: 10:00 London is +01:00 before 25 October 2026 and +00:00 after.
    assert.deepEqual(
      taiChi.sessions!.map((s) => s.start.slice(-6)),
      ['+01:00', '+00:00', '+00:00'],
    );
    const aqua = byId.get('ss-aqua')!;
    assert.deepEqual(
      aqua.sessions!.map((s) => s.id),
      ['aq-0', 'aq-1'],
    );
    assert.equal(aqua.sessions![1].start, '2026-10-27T11:00:00+00:00', 'a local time without offset is read in Europe/London');
    assert.equal(Date.parse(aqua.sessions![1].end!) - Date.parse(aqua.sessions![1].start), 45 * 60_000, 'end from duration');
    assert.equal(byId.get('ss-walking-football')!.sessions!.length, 4);
  });

  it('flags cancelled sessions and keeps them listed', async () => {
    const { byId } = await readAll(pair());
    const swim = byId.get('ss-women-swim')!;
    assert.deepEqual(
      swim.sessions!.map((s) => [s.id, !!s.cancelled]),
      [
        ['sw-0', false],
        ['sw-1', true],
        ['sw-2', false],
      ],
    );
  });

  it('keeps a PartialSchedule as words (never expanded) and reads a Schedule as a rule', async () => {
    const { byId } = await readAll(pair());
    const partial = byId.get('ss-women-swim')!.schedules!;
    assert.equal(partial.length, 1);
    assert.equal(partial[0].freq, undefined);
    assert.equal(partial[0].byday, undefined);
    assert.match(partial[0].description!, /Wednesday.*18:00–19:00/);
    assert.equal(compileRule(partial[0]), undefined, 'the engine cannot expand it');
    const taiChi = byId.get('ss-tai-chi')!.schedules![0];
    assert.equal(taiChi.freq, 'WEEKLY');
    assert.deepEqual(taiChi.byday, [{ day: 'TU' }]);
    assert.equal(taiChi.opensAt, '10:00');
    assert.equal(taiChi.closesAt, '11:00');
    assert.equal(taiChi.timezone, 'Europe/London');
    const yoga = byId.get('ss-online-yoga')!;
    assert.deepEqual(
      { freq: yoga.schedules![0].freq, interval: yoga.schedules![0].interval, closesAt: yoga.schedules![0].closesAt },
      { freq: 'WEEKLY', interval: 2, closesAt: '19:45' },
    );
    assert.deepEqual(yoga.closures, [{ startDate: '2026-10-29', endDate: '2026-10-29', closed: true, description: 'No session' }]);
  });

  it('maps ages, cost, location, eligibility, activities and attendance', async () => {
    const { byId } = await readAll(pair());
    const wf = byId.get('ss-walking-football')!;
    assert.deepEqual(wf.ages, { min: 50 });
    assert.equal(wf.cost?.free, true);
    assert.deepEqual(
      wf.eligibility?.map((t) => t.name),
      ['Men only'],
    );
    assert.deepEqual(
      wf.categories?.map((t) => t.name),
      ['Walking Football'],
      'looked up by id in the Activity List',
    );
    assert.equal(wf.email, 'play@walkingfootball.example.org');
    assert.deepEqual(wf.phones, [{ number: '029 2000 0001' }]);
    const swim = byId.get('ss-women-swim')!;
    assert.deepEqual(
      swim.eligibility?.map((t) => t.name),
      ['Women only'],
    );
    assert.deepEqual(swim.ages, { min: 16, max: 99 });
    assert.deepEqual(swim.cost, {
      free: false,
      options: [
        { option: 'Adult', amount: 4.5, currency: 'GBP' },
        { option: 'Junior', amount: 2, currency: 'GBP' },
      ],
      text: 'Adult: £4.50; Junior: £2',
    });
    const taiChi = byId.get('ss-tai-chi')!;
    const twin = demo.find((d) => d.id === fixture.twinOf)!;
    const loc = taiChi.locations![0];
    assert.equal(loc.name, twin.locations![0].name);
    assert.equal(loc.address?.postcode, twin.locations![0].address?.postcode);
    assert.deepEqual([loc.lat, loc.lng], [twin.locations![0].lat, twin.locations![0].lng]);
    assert.deepEqual(taiChi.attendance, ['in-person']);
    assert.equal(taiChi.organisation?.name, twin.organisation?.name);
    assert.equal(taiChi.categories?.[0].vocabulary, 'openactive-activity-list');
    assert.ok(taiChi.lastModified && Number.isFinite(Date.parse(taiChi.lastModified)));
    const yoga = byId.get('ss-online-yoga')!;
    assert.deepEqual(yoga.attendance, ['online']);
    assert.equal(yoga.locations, undefined);
    assert.equal(yoga.accessNote, 'Join 5 minutes early and have a mat ready.');
    assert.equal(yoga.url, 'https://zoom.example.org/j/123');
    // Unknown is not no: nothing empty or null is written.
    assert.doesNotMatch(JSON.stringify([...byId.values()]), /:""|:\[\]|:null/);
  });

  it('keeps hostile HTML out of every plain-text field', async () => {
    const { byId } = await readAll(pair());
    const h = byId.get('ss-hostile')!;
    assert.equal(h.name, 'Boxercise');
    assert.equal(h.description, 'Boxing fitness. Book');
    assert.match(h.descriptionHtml!, /<script>/, 'the HTML is kept for the sanitiser, marked as HTML');
    assert.equal(h.url, undefined);
    assert.deepEqual(h.organisation, { name: 'Fight Fit' });
    assert.deepEqual(
      h.categories?.map((c) => c.name),
      ['Boxercise'],
    );
    const { descriptionHtml, ...plainFields } = h;
    assert.doesNotMatch(JSON.stringify(plainFields), /<|>|javascript:|onerror|data:text/);
  });

  it('is one service the engine can deduplicate with the ORUK demo service at the same venue', async () => {
    const { byId } = await readAll(pair());
    const twin = demo.find((d) => d.id === fixture.twinOf)!;
    const oruk: Service = { ...twin, key: `oruk:${twin.id}`, directory: { id: 'oruk', name: 'ORUK', url: 'http://oruk.example' } };
    assert.equal(byId.get('ss-tai-chi')!.name, twin.name);
    assert.ok(sameService(new Features(byId.get('ss-tai-chi')!), new Features(oruk)));
    assert.ok(!sameService(new Features(byId.get('ss-walking-football')!), new Features(oruk)));
  });

  it('finds the sibling feed from one URL, reads the same as the pair, and also as a list', async () => {
    const one = await readAll(`${base}/openactive/session-series`);
    const both = await readAll(pair());
    const list = await readAll([`${base}/openactive/scheduled-sessions`, `${base}/openactive/session-series`]);
    const strip = (s: Service[]) => s.map(({ directory, key, ...x }) => x).sort((a, b) => a.id.localeCompare(b.id));
    assert.equal(one.error, undefined);
    assert.deepEqual(strip(one.services), strip(both.services));
    assert.deepEqual(strip(list.services), strip(both.services));
  });

  it('reads a series feed whose guessed sibling is missing (404) without failing', async () => {
    const { services, error, byId } = await readAll(`${base}/openactive/lonely/session-series`);
    assert.equal(error, undefined);
    assert.ok(services.length >= 5);
    assert.equal(byId.get('ss-walking-football')?.sessions, undefined, 'no sessions feed: no dated sessions');
    assert.equal(byId.get('ss-aqua')?.sessions?.length, 2, 'embedded sessions still read');
    const required = await readAll({
      sessionSeries: `${base}/openactive/lonely/session-series`,
      scheduledSessions: `${base}/openactive/lonely/scheduled-sessions`,
    });
    assert.ok(required.error instanceof SourceError && required.error.kind === 'http', 'a feed the caller named must exist');
    assert.ok(required.services.length >= 5, 'what was read is still yielded');
  });

  it('serves a no-CORS variant (no Access-Control-Allow-Origin) that Node still reads', async () => {
    const response = await fetch(`${base}/openactive/no-cors/session-series`);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.equal((await fetch(`${base}/openactive/session-series`)).headers.get('access-control-allow-origin'), '*');
    const { services, error } = await readAll(`${base}/openactive/no-cors/session-series`);
    assert.equal(error, undefined);
    assert.equal(services.length, 7);
    assert.ok(services.find((s) => s.id === 'ss-tai-chi')?.sessions?.length, 'the sibling no-CORS sessions feed was found');
  });
});

describe('readOpenActive: paging that would never end', () => {
  const guard = <T>(p: Promise<T>) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('did not stop')), 5000))]);

  it('stops a page whose next is itself while it still has items, with a paging error, after yielding what it read', async () => {
    log.length = 0;
    const { error, services } = await guard(readAll([`${base}/openactive/broken/self-link`]));
    assert.ok(error instanceof SourceError && error.kind === 'paging', String(error));
    assert.equal(log.length, 1, 'the page was fetched once');
    assert.ok(services.length > 0);
  });

  it('stops a next that goes back to a page already read', async () => {
    log.length = 0;
    const { error } = await guard(readAll([`${base}/openactive/broken/cycle`]));
    assert.ok(error instanceof SourceError && error.kind === 'paging');
    // The start address, then ?page=2, then ?page=1 (new to us), whose next (?page=2) was read already.
    assert.deepEqual(
      log.map((l) => l.url),
      ['/openactive/broken/cycle', '/openactive/broken/cycle?page=2', '/openactive/broken/cycle?page=1'],
    );
  });

  it('stops at the page cap with a paging error, keeping what was read', async () => {
    const { error, pages } = await readAll(pair(), { maxPages: 2 });
    assert.ok(error instanceof SourceError && error.kind === 'paging');
    assert.equal(pages.filter((p) => p.services.length === 0).length, 4, 'two pages of each feed');
    assert.ok(pages[pages.length - 1].services.length > 0);
  });

  it('reports a page that is not RPDE as not-directory', async () => {
    const { error } = await readAll([`${base}/nowhere`]);
    assert.ok(error instanceof SourceError && error.kind === 'http');
    const blank = await serve((_, res) => res.end('{"hello":"world"}'));
    try {
      const r = await readAll([`${blank.url}/feed`]);
      assert.ok(r.error instanceof SourceError && r.error.kind === 'not-directory');
    } finally {
      await blank.close();
    }
  });

  it('readRpde yields pages with their bad items reported, not thrown', async () => {
    const feed = await serve((req, res) => {
      const self = `http://${req.headers.host}${req.url}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/feed') {
        res.end(
          JSON.stringify({
            next: '/feed?afterTimestamp=2&afterId=b',
            items: [
              null,
              { id: 'a' },
              { id: 'b', state: 'updated', kind: 'SessionSeries', modified: 2 },
              { id: 'c', state: 'deleted', kind: 'SessionSeries', modified: 2 },
            ],
          }),
        );
      } else res.end(JSON.stringify({ next: self, items: [] }));
    });
    try {
      const pages = [];
      for await (const p of readRpde(`${feed.url}/feed`)) pages.push(p);
      assert.equal(pages.length, 2, 'a relative next is followed');
      assert.deepEqual(
        pages[0].items.map((i) => i.id),
        ['c'],
      );
      assert.deepEqual(
        pages[0].problems.map((p) => p.reason),
        [
          'is not an RPDE item (not a JSON object)',
          'has state "", which is neither "updated" nor "deleted"',
          'is "updated" but has no data',
        ],
      );
      assert.equal(pages[1].last, true);
    } finally {
      await feed.close();
    }
  });
});

describe('OpenActive helpers', () => {
  it('recognises RPDE pages and OpenActive addresses, and derives the sibling feed', () => {
    assert.ok(isRpdePage({ items: [{ state: 'updated', kind: 'SessionSeries', id: '1', modified: 1, data: {} }], next: 'x' }));
    assert.ok(isRpdePage({ items: [], next: 'https://x/feed' }));
    assert.ok(!isRpdePage({ content: [] }));
    assert.ok(!isRpdePage({ items: [{ id: 1, name: 'not rpde' }] }));
    assert.ok(isOpenActiveUrl('https://opendata.leisurecloud.live/api/feeds/BelfastCityCouncil-live-session-series'));
    assert.ok(isOpenActiveUrl('https://x.org/api/feed?afterTimestamp=1&afterId=2'));
    assert.ok(!isOpenActiveUrl('https://x.org/api/services'));
    assert.equal(
      siblingFeed('https://x.org/api/feeds/Club-live-session-series?afterTimestamp=1&afterId=2'),
      'https://x.org/api/feeds/Club-live-scheduled-sessions',
    );
    assert.equal(siblingFeed('https://x.org/rpde/scheduled-sessions'), 'https://x.org/rpde/session-series');
    assert.equal(siblingFeed('https://x.org/feeds/SessionSeries/'), 'https://x.org/feeds/ScheduledSessions/');
    assert.equal(siblingFeed('https://x.org/feeds/scheduledsessions'), 'https://x.org/feeds/sessionseries');
    assert.equal(siblingFeed('https://x.org/feeds/facility-uses'), undefined);
  });

  it('orders modified values, including 64-bit change numbers sent as strings', () => {
    assert.ok(compareModified(2, 10)! < 0);
    assert.ok(compareModified('18446744073709551615', '9223372036854775807')! > 0);
    assert.equal(compareModified('abc', 1), undefined);
    const store = new Map<string, RpdeItem>();
    const counts = { deleted: 0, superseded: 0 };
    applyItems(
      store,
      [
        { state: 'updated', id: 'a', modified: 5, data: { name: 'new' } },
        { state: 'updated', id: 'a', modified: 4, data: { name: 'stale' } },
        { state: 'updated', id: 'b', modified: 1, data: { name: 'b' } },
        { state: 'deleted', id: 'b', modified: 2 },
      ],
      '0',
      counts,
    );
    assert.equal(store.get('0\u0000a')?.data?.name, 'new', 'an older copy arriving late does not win');
    assert.equal(store.get('0\u0000b')?.state, 'deleted');
    assert.deepEqual(counts, { deleted: 1, superseded: 1 });
  });

  it('reads instants, offers, activities and schedules', () => {
    assert.equal(isoInstant('2026-07-01T09:30:00'), '2026-07-01T09:30:00+01:00');
    assert.equal(isoInstant('2026-12-01T09:30'), '2026-12-01T09:30:00+00:00');
    assert.equal(isoInstant('2026-12-01T09:30:00Z'), '2026-12-01T09:30:00Z');
    assert.equal(isoInstant('soon'), undefined);
    assert.equal(offersCost([]), undefined);
    assert.deepEqual(offersCost(undefined, true), { free: true, text: 'Free' });
    assert.equal(offersCost([{ price: 0 }, { price: 2 }])?.free, false);
    assert.deepEqual(
      activities([{ '@id': 'https://openactive.io/activity-list#c16df6ed-a4a0-4275-a8c3-1c8cff56856f' }], {
        'c16df6ed-a4a0-4275-a8c3-1c8cff56856f': 'Tai Chi',
      })?.map((t) => t.name),
      ['Tai Chi'],
    );
    assert.equal(activities([{ '@id': 'https://openactive.io/activity-list#unknown' }], {}), undefined);
    const monthly = eventSchedule({
      '@type': 'Schedule',
      repeatFrequency: 'P1M',
      byDay: ['-1FR'],
      startTime: '10:00',
      endTime: '11:00',
      startDate: '2026-01-01',
      repeatCount: 6,
    });
    assert.deepEqual(monthly.schedule, {
      freq: 'MONTHLY',
      byday: [{ day: 'FR', nth: -1 }],
      opensAt: '10:00',
      closesAt: '11:00',
      dtstart: '2026-01-01',
      count: 6,
    });
    assert.equal(
      eventSchedule({ '@type': 'Schedule', repeatFrequency: 'P1Y', byMonth: [6], startTime: '10:00' }).schedule?.freq,
      undefined,
      'byMonth cannot be said in the model: words only',
    );
    assert.equal(eventSchedule({ '@type': 'Schedule', repeatFrequency: 'P14D', byDay: ['schema:Monday'] }).schedule?.interval, 2);
  });

  it('joinOpenActive counts what became of every live item', async () => {
    const items = [...fixture.series, ...fixture.sessions].sort((a, b) => a.modified - b.modified);
    const store = new Map<string, RpdeItem>();
    applyItems(store, fixture.series, 's', { deleted: 0, superseded: 0 });
    applyItems(store, fixture.sessions, 'x', { deleted: 0, superseded: 0 });
    const live = [...store.values()].filter((i) => i.state === 'updated');
    const { services, stats } = await joinOpenActive(live, { id: 'oa', name: 'OA', url: OA_BASE_ID }, now);
    assert.equal(stats.series, services.length + stats.bad + stats.ended);
    const embedded = 2;
    const badSessions = 1;
    assert.equal(stats.sessions + embedded, stats.joined + stats.past + stats.orphans + badSessions);
    assert.ok(items.length > live.length);
  });
});
