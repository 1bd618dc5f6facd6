// The sources layer over real HTTP: every dialect round-trips the demo data, every failure is typed, captures read whole.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readDirectory, readRecords, readService, directoryRef, fetchJson, clearCache } from '../../src/sources/index.js';
import { orukV1 } from '../../src/sources/oruk-v1.js';
import { SourceError, type Service } from '../../src/model/index.js';
import { en } from '../../src/i18n/en.js';
import { cy } from '../../src/i18n/cy.js';
import { startFixtureServer } from '../fixtures/server.js';
import { fixtureLog } from '../fixtures/log.js';
import { readPages, serve } from '../helpers.js';
import type { DemoService } from '../fixtures/dialects.js';

let server: { url: string; close(): Promise<void> };
let demo: DemoService[];

before(async () => {
  server = await startFixtureServer();
  demo = (await (await fetch(`${server.url}/demo-data.json`)).json()) as DemoService[];
});
after(() => server.close());

const readAll = (url: string, options = {}) => readPages(readDirectory(url, options));

async function failure(url: string, options = {}) {
  const { error } = await readAll(url, options);
  assert.ok(error instanceof SourceError, `expected a SourceError, got ${String(error)}`);
  return error;
}

const sortedDays = (s: Pick<Service, 'schedules'>) =>
  (s.schedules ?? [])
    .filter((x) => x.freq === 'WEEKLY')
    .flatMap((x) => (x.byday ?? []).filter((d) => !d.nth).map((d) => `${d.day}${x.opensAt}`))
    .sort();

describe('readDirectory: the demo directory in every dialect', () => {
  for (const dialect of ['oruk-v1', 'oruk-v1-zero', 'placecube', 'oruk-v3', 'outpost']) {
    it(`${dialect}: every record read, in order, with the fields that dialect carries`, async () => {
      const { pages, services, problems, error } = await readAll(`${server.url}/dialects/${dialect}`);
      assert.equal(error, undefined);
      assert.deepEqual(problems, []);
      assert.equal(services.length, demo.length);
      assert.equal(pages[0].dialect, dialect === 'oruk-v3' ? 'oruk-v3' : dialect === 'outpost' ? 'outpost' : 'oruk-v1');
      assert.deepEqual(
        [...new Set(pages.map((p) => p.page))],
        [1],
        'one page: the large page size asked for, which the server caps at 500',
      );
      const slices = pages.map((p) => p.services.length);
      assert.equal(slices[0], 12, "a screen's worth first");
      // Then at most fifty at a time: fewer when reading them takes longer than a slice's time.
      assert.ok(
        slices.slice(1).every((n) => n >= 1 && n <= 50),
        `slices of 1 to 50: ${slices.join(', ')}`,
      );
      assert.equal(new Set(services.map((s) => s.key)).size, services.length);
      for (const [i, s] of services.entries()) {
        const d = demo[i];
        assert.equal(s.name, d.name);
        assert.equal(s.key, `${directoryRef(`${server.url}/dialects/${dialect}`).id}:${s.id}`);
        assert.deepEqual(s.ages, d.ages, `${d.id} ages`);
        const point = (x?: { locations?: Array<{ lat?: number; lng?: number }> }) =>
          x?.locations?.filter((l) => l.lat !== undefined).map((l) => [l.lat, l.lng]);
        assert.deepEqual(point(s) ?? [], point(d) ?? [], `${d.id} coordinates`);
        assert.deepEqual(s.locations?.[0]?.address?.postcode, d.locations?.[0]?.address?.postcode);
        assert.deepEqual(sortedDays(s), sortedDays(d), `${d.id} weekly days`);
        assert.equal(s.cost?.free, d.cost?.free, `${d.id} cost`);
        if (dialect !== 'outpost') {
          assert.deepEqual([...(s.access ?? [])].sort(), [...(d.access ?? [])].sort(), `${d.id} access`);
          assert.equal(s.assuredDate, d.assuredDate);
          assert.deepEqual(s.eligibility?.map((t) => t.name).sort(), d.eligibility?.map((t) => t.name).sort(), `${d.id} eligibility`);
        }
        if (d.descriptionHtml) assert.ok(s.description && !/[<>]/.test(s.description), `${d.id} HTML read as plain text`);
        else assert.equal(s.description, d.description, `${d.id} description`);
      }
    });
  }

  it('keeps "not stated" apart from "no": absent fields stay absent', async () => {
    const { services } = await readAll(`${server.url}/dialects/oruk-v3`);
    for (const [i, s] of services.entries()) {
      if (!demo[i].ages) assert.equal(s.ages, undefined, 'a -1 age is not stated');
      if (!demo[i].access) assert.equal(s.access, undefined);
      if (!demo[i].schedules) assert.equal(s.schedules, undefined);
    }
    const json = JSON.stringify(services);
    assert.doesNotMatch(json, /:""|:\[\]|:null/, 'no empty strings, empty arrays or nulls in the model');
  });

  it('reports the v3 version from GET /', async () => {
    const { pages } = await readAll(`${server.url}/dialects/oruk-v3`);
    // Asked for beside the first page, not before it is shown: the last slice waits for it.
    assert.equal(pages.at(-1)!.version, 'HSDS-UK-3.0');
  });

  it('streams: the first page arrives before the rest are read', async () => {
    const iterator = readDirectory(`${server.url}/dialects/oruk-v1`, { perPage: 10 });
    const first = await iterator.next();
    assert.equal(first.done, false);
    assert.equal(first.value!.services.length, 10);
    assert.equal(first.value!.totalPages, Math.ceil(demo.length / 10));
    await iterator.return(undefined);
  });

  it('a slice of records ends once its reading time has passed, one record read at least', () => {
    const raw = Array.from({ length: 5 }, (_, i) => ({ id: `r${i}`, name: `Record ${i}` }));
    const directory = directoryRef('https://example.org/api');
    const late = readRecords(raw, orukV1, directory, 1, new Set(), performance.now() - 1);
    assert.equal(late.count, 1);
    assert.deepEqual(
      late.services.map((s) => s.id),
      ['r0'],
    );
    const rest = readRecords(raw.slice(late.count), orukV1, directory, 1, new Set());
    assert.equal(rest.count, 4);
    assert.deepEqual(
      rest.services.map((s) => s.id),
      ['r1', 'r2', 'r3', 'r4'],
    );
  });

  it('reads one full record for the detail view', async () => {
    const { services } = await readAll(`${server.url}/dialects/placecube`, { details: false });
    assert.equal(services[0].locations, undefined, 'Placecube list items are summaries');
    const auto = await readAll(`${server.url}/dialects/placecube`, { perPage: 20, maxPages: 1 });
    assert.deepEqual(auto.pages[0].services[0].ages, demo[0].ages, 'summaries are filled from the full records by default');
    for (const s of auto.pages[0].services) assert.equal(s.directory, auto.pages[0].directory, 'filled records keep the page’s directory');
    const full = await readService(`${server.url}/dialects/placecube`, services[0].id);
    assert.equal(full.name, demo[0].name);
    assert.deepEqual(full.ages, demo[0].ages);
  });
});

describe('readDirectory: hostile and broken directories', () => {
  it('HTTP 500 is an http error with the status', async () => {
    const e = await failure(`${server.url}/broken/500`);
    assert.equal(e.kind, 'http');
    assert.equal(e.status, 500);
    assert.match(e.message, /HTTP 500/);
  });
  it('an HTML page with status 200 is not-json, said plainly', async () => {
    const e = await failure(`${server.url}/broken/html200`);
    assert.equal(e.kind, 'not-json');
    assert.match(e.message, /web page instead of data/);
    assert.match(en.errors[e.kind], /web page instead of service data/);
  });
  it('JSON that is not a directory is not-directory', async () => {
    assert.equal((await failure(`${server.url}/broken/not-directory`)).kind, 'not-directory');
  });
  it('a body cut off mid-JSON is invalid-json, not called a web page', async () => {
    const e = await failure(`${server.url}/broken/truncated`);
    assert.equal(e.kind, 'invalid-json');
    assert.match(e.message, /cut off or damaged/);
    assert.doesNotMatch(e.message, /web page/);
    assert.match(en.errors[e.kind], /cut off or damaged/);
    for (const m of [en, cy]) assert.notEqual(m.errors['invalid-json'], m.errors['not-json']);
  });
  it('an empty body is invalid-json too, and its words say no data came', async () => {
    const blank = await serve((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end());
    try {
      const e = await failure(`${blank.url}/services`);
      assert.equal(e.kind, 'invalid-json');
      assert.match(e.message, /empty response/);
      assert.match(en.errors[e.kind], /no service data/);
    } finally {
      await blank.close();
    }
  });
  it('no answer is a timeout', async () => {
    const e = await failure(`${server.url}/broken/timeout`, { timeoutMs: 300 });
    assert.equal(e.kind, 'timeout');
    assert.match(e.message, /did not answer within 0.3 seconds/);
  });
  it('a refused connection is a network error', async () => {
    assert.equal((await failure('http://127.0.0.1:9/services')).kind, 'network');
  });
  it('aborting stops the read with kind aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    assert.equal((await failure(`${server.url}/broken/timeout`, { signal: controller.signal })).kind, 'aborted');
  });
  it('endless paging stops at the page cap, after yielding what was read', async () => {
    const { pages, error } = await readAll(`${server.url}/broken/forever`, { maxPages: 7 });
    assert.equal(pages.length, 7);
    assert.ok(error instanceof SourceError && error.kind === 'paging');
    assert.match(error.message, /Stopped after 7 pages/);
  });
  it('a server that ignores the page number is stopped on the repeat', async () => {
    const { pages, error } = await readAll(`${server.url}/broken/self-link`);
    assert.equal(pages.length, 1);
    assert.ok(error instanceof SourceError && error.kind === 'paging');
  });
  it('429 is retried after Retry-After', async () => {
    const { services, error } = await readAll(`${server.url}/broken/429`);
    assert.equal(error, undefined);
    assert.equal(services.length, 20);
  });
  it('503 with a long Retry-After fails at once rather than hanging', async () => {
    const e = await failure(`${server.url}/broken/503`);
    assert.equal(e.status, 503);
  });
  it('a body over the size limit is too-large', async () => {
    assert.equal((await failure(`${server.url}/broken/huge`, { maxBytes: 5e6 })).kind, 'too-large');
  });
  it('outpost: an organisation described in HTML is read as plain text, as in the other dialects', async () => {
    const { pages, services, error } = await readAll(`${server.url}/broken/outpost-org`);
    assert.equal(error, undefined);
    assert.equal(pages[0].dialect, 'outpost');
    assert.deepEqual(services[0].organisation, {
      id: '9101',
      name: 'Friends of the Park',
      description: 'Run by volunteers & neighbours.',
      url: 'https://example.org/friends',
    });
  });
  it('a UTF-8 BOM is read, and bad UTF-8 does not lose the record', async () => {
    assert.equal((await readAll(`${server.url}/broken/bom`)).services.length, 20);
    const { services } = await readAll(`${server.url}/broken/bad-utf8`);
    assert.match(services[0].name, /^Caf\uFFFD/);
  });
  it('an empty directory is read, with no services', async () => {
    const { services, error } = await readAll(`${server.url}/broken/empty`);
    assert.equal(error, undefined);
    assert.equal(services.length, 0);
  });
  it('hostile records: bad ones reported with reasons, links only http(s), nothing dropped silently', async () => {
    const { services, problems } = await readAll(`${server.url}/broken/hostile`);
    assert.equal(services.length + problems.length, 11);
    assert.deepEqual(
      services.map((s) => s.id),
      ['h1', 'h2', 'h10', 'h11', 'h9'],
    );
    assert.deepEqual(
      problems.map((p) => p.reason),
      [
        'is not a record (not a JSON object)',
        'is not a record (not a JSON object)',
        'is not a record (not a JSON object)',
        'has no id, so it cannot be linked to',
        'has no name',
        'appears more than once; the first copy is used',
      ],
    );
    const [h1, h2] = services;
    assert.equal(h1.url, undefined, 'javascript: URL dropped');
    assert.equal(h1.email, undefined);
    assert.equal(h1.organisation?.url, undefined, 'data: URL dropped');
    assert.doesNotMatch(h1.description ?? '', /<|window/, 'plain text has no markup and no script text');
    assert.match(h1.descriptionHtml ?? '', /<script>/, 'the source HTML is kept only as untrusted HTML for the sanitiser');
    assert.equal(h2.ages, undefined);
    assert.equal(h2.locations, undefined);
    assert.equal(h2.description, undefined);
    const [, , h10, h11] = services;
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
    assert.deepEqual(
      [h10.locations?.[0].lat, h10.locations?.[0].lng],
      [51.48, -3.18],
      'a single object where a list belongs is a list of one',
    );
    assert.equal(h11.ages, undefined, 'age 999 and -1 are not ages');
    assert.equal(h11.locations, undefined, 'latitude 91 is not a place');
    assert.equal(h11.schedules?.[0].opensAt, undefined, '25:99 is not a time');
    assert.ok(h11.description!.length <= 20_001 && h11.description!.endsWith('…'), 'enormous text is cut');
  });
  it('follows a redirect; a redirect loop is a network error', async () => {
    assert.equal((await readAll(`${server.url}/broken/redirect`)).services.length, demo.length);
    assert.equal((await failure(`${server.url}/broken/redirect-loop`)).kind, 'network');
  });
  it('a response that never finishes times out', async () => {
    assert.equal((await failure(`${server.url}/broken/trickle`, { timeoutMs: 500 })).kind, 'timeout');
  });
  it('fetchJson refuses a URL that is not a web address', async () => {
    const { error } = await readAll('not a url');
    assert.ok(error instanceof SourceError && error.kind === 'network');
    await assert.rejects(fetchJson(`${server.url}/broken/500`), SourceError);
  });
});

describe('kind to directories', () => {
  const log = () => fixtureLog(server.url);
  it('a page read twice within the cache lifetime is fetched once; clearing the cache fetches again', async () => {
    const url = `${server.url}/dialects/outpost`;
    const count = async () => (await log()).filter((l) => l.startsWith('/dialects/outpost/services')).length;
    clearCache();
    const before = await count();
    await Promise.all([readAll(url), readAll(url)]);
    const once = (await count()) - before;
    assert.equal(once, 1, 'two readers at once share the page');
    await readAll(url);
    assert.equal((await count()) - before, once, 'a second read comes from the cache');
    clearCache(url);
    await readAll(url);
    assert.equal((await count()) - before, once * 2);
  });
  it('never asks one host for more than 4 things at once', async () => {
    // Ten different slow pages (300 ms each): four at a time takes three rounds.
    const started = Date.now();
    await Promise.all(Array.from({ length: 10 }, (_, i) => fetchJson(`${server.url}/broken/slow/services?delay=300&n=${i}`)));
    assert.ok(Date.now() - started >= 850, `took ${Date.now() - started} ms`);
  });
});

describe('directoryRef', () => {
  it('derives short stable ids and readable names', () => {
    assert.equal(directoryRef('https://bristol.openplace.directory/o/ServiceDirectoryService/v2').id, 'bristol-openplace-directory');
    assert.equal(directoryRef('https://api.familyinfo.buckinghamshire.gov.uk/api/v1').id, 'familyinfo-buckinghamshire');
    assert.equal(directoryRef('http://127.0.0.1:8787/dialects/oruk-v3').id, 'dialects-oruk-v3');
    assert.equal(directoryRef('https://x.org/api', 'Our directory', 'ours').id, 'ours');
  });
});

const captured = new URL('../../../shared/reference/oruk/captured', import.meta.url);
describe('real captures', { skip: !existsSync(captured) && '../shared/reference is not present: real-capture tests skipped' }, () => {
  for (const [name, rows] of [
    ['bristol', 819],
    ['northlincs', 738],
  ] as const) {
    it(`${name}: every one of ${rows} Placecube records read or reported`, async () => {
      const { services, problems, error, pages } = await readAll(`${server.url}/captured/${name}`);
      assert.equal(error, undefined);
      assert.equal(pages[0].dialect, 'oruk-v1');
      assert.equal(services.length + problems.length, rows);
      assert.ok(services.length > rows * 0.95);
      assert.ok(services.every((s) => !s.url || /^https?:/.test(s.url)));
      assert.ok(
        services.some((s) => s.access?.includes('self-referral')),
        'free-text "Self referral" mapped',
      );
      assert.ok(services.some((s) => s.descriptionHtml && s.description && !s.description.includes('<')));
      assert.ok(services.filter((s) => s.assuredDate).length > rows / 2);
    });
  }
  it('bucks: both Outpost pages, BOM and all', async () => {
    const { services, problems, error, pages } = await readAll(`${server.url}/captured/bucks`);
    assert.equal(error, undefined);
    assert.deepEqual([...new Set(pages.map((p) => p.page))], [1, 2]);
    assert.equal(pages[0].dialect, 'outpost');
    assert.equal(services.length + problems.length, 100);
    const walking = services.find((s) => s.id === '6378')!;
    assert.deepEqual(walking.ages, { min: 18 });
    assert.deepEqual([walking.locations![0].lat, walking.locations![0].lng], [51.863084, -0.738887], 'GeoJSON is [lng, lat]');
    assert.deepEqual(walking.schedules![0].byday, [{ day: 'MO' }]);
    assert.ok(walking.eligibility!.some((t) => t.name === 'Older people'));
    assert.ok(walking.locations![0].accessibility!.includes('Wheelchair accessible entrance'));
  });
});
