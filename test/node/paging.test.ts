// Paging as servers really do it, over real HTTP: Spring's one-indexed parameters, refused and capped page
// sizes, and pages in parallel within the per-host limit, read back from the fixture server's request log.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readDirectory, PER_HOST, LARGE_PAGE, FALLBACK_PAGE } from '../../src/sources/index.js';
import { SourceError } from '../../src/model/index.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { fixtureLog } from '../fixtures/log.js';
import { readPages } from '../helpers.js';

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
});
after(() => server.close());

/** A paging list of its own (`tag` keeps its pages out of the cache and apart in the log). */
const list = (tag: string, params: string) => `${server.url}/paging/services?t=${tag}&${params}`;
const read = (url: string, options = {}) => readPages(readDirectory(url, options));

/** The log lines of one list: each request, and `sent …` when it was answered. */
async function traffic(tag: string) {
  return (await fixtureLog(server.url)).filter((l) => l.includes(`t=${tag}&`));
}
const requests = (lines: string[]) => lines.filter((l) => !l.startsWith('sent '));
const param = (line: string, name: string) => new URL(line.replace(/^sent /, ''), 'http://x').searchParams.get(name);

/** The most requests of the log under way at once. */
function mostAtOnce(lines: string[]): number {
  let now = 0;
  let most = 0;
  for (const l of lines) {
    now += l.startsWith('sent ') ? -1 : 1;
    most = Math.max(most, now);
  }
  return most;
}

const numbers = (ids: string[]) => ids.map((id) => Number(id.replace('paging-', '')));
const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('paging as servers really do it', () => {
  it('Spring with one-indexed parameters (asked from 1, answered from 0): every record, page 1 asked again once', async () => {
    const { services, error, pages } = await read(list('spring1', 'total=819&base=1&numbers=0&cap=100'));
    assert.equal(error, undefined);
    assert.deepEqual(numbers(services.map((s) => s.id)), oneToN(819), 'all 819, in order, none twice');
    assert.equal(pages.at(-1)!.page, 9);
    // Page 1 (no number), then `page=1` (which the server read as page 1 again), then `page=2` onwards.
    const asked = requests(await traffic('spring1')).map((l) => param(l, 'page'));
    assert.deepEqual(asked.slice(0, 3), [null, '1', '2']);
    assert.deepEqual([...asked.slice(3)].sort(), ['3', '4', '5', '6', '7', '8', '9']);
  });

  it('Spring counting both from 0: the page after 0 is 1, asked once', async () => {
    const { services, error } = await read(list('spring0', 'total=250&base=0&numbers=0&cap=100'));
    assert.equal(error, undefined);
    assert.deepEqual(numbers(services.map((s) => s.id)), oneToN(250));
    const asked = requests(await traffic('spring0')).map((l) => param(l, 'page'));
    assert.deepEqual(asked, [null, '1', '2']);
  });

  it('a page that repeats even at the next number stops with a paging error, after what was read', async () => {
    const { services, error } = await read(`${server.url}/broken/self-link`);
    assert.ok(error instanceof SourceError && error.kind === 'paging', String(error));
    assert.match(error.message, /Page 2 was the same as page 1/);
    assert.equal(services.length, 5);
  });

  it(`asks for ${LARGE_PAGE} a page, and for ${FALLBACK_PAGE} when the server refuses that`, async () => {
    const { services, error } = await read(list('refuse', 'total=450&refuse=200'));
    assert.equal(error, undefined);
    assert.deepEqual(numbers(services.map((s) => s.id)), oneToN(450));
    const sizes = requests(await traffic('refuse')).map((l) => param(l, 'per_page'));
    assert.deepEqual(sizes, [String(LARGE_PAGE), ...Array(5).fill(String(FALLBACK_PAGE))]);
  });

  it('a server that gives fewer than asked is read at the size it gives, even when it counts pages from the size asked', async () => {
    const { services, error, pages } = await read(list('capped', 'total=730&cap=100&count=asked'));
    assert.equal(error, undefined);
    assert.deepEqual(numbers(services.map((s) => s.id)), oneToN(730));
    assert.equal(pages[0].totalPages, 8);
    assert.equal(requests(await traffic('capped')).length, 8);
  });
});

describe('pages in parallel', () => {
  it(`pages 1 and 2 alone, then ${PER_HOST} at once (never more), yielded in order though page 3 comes last`, async () => {
    const { services, error, pages } = await read(list('parallel', 'total=1000&cap=100&delay=40&slow=3:400'));
    assert.equal(error, undefined);
    // Each page once, in order (the first comes in two slices: a screen's worth, then the rest).
    assert.deepEqual(
      pages.map((p) => p.page).filter((n, i, all) => n !== all[i - 1]),
      oneToN(10),
    );
    assert.deepEqual(numbers(services.map((s) => s.id)), oneToN(1000), 'records in list order');
    const lines = await traffic('parallel');
    assert.equal(requests(lines).length, 10, 'each page asked for once');
    // The first two answered before anything else was asked: the total and the page parameter come first.
    assert.deepEqual(
      lines.slice(0, 4).map((l) => [l.startsWith('sent '), param(l, 'page')]),
      [
        [false, null],
        [true, null],
        [false, '2'],
        [true, '2'],
      ],
    );
    assert.equal(mostAtOnce(lines), PER_HOST, `at most ${PER_HOST} at once, and as many`);
    const sent = lines.filter((l) => l.startsWith('sent ')).map((l) => param(l, 'page'));
    assert.ok(sent.indexOf('4') < sent.indexOf('3'), 'page 4 arrived before the slow page 3');
  });

  it('the next pages are asked for while a page is still being read: page 2 before page 1 is handed over, the rest before page 2', async () => {
    const reader = readDirectory(list('ahead', 'total=500&cap=100'));
    // Polls the log for a page's request while the reader waits, untouched, between two pages.
    const asked = async (page: string) => {
      for (let tries = 0; tries < 100; tries++) {
        if (requests(await traffic('ahead')).some((l) => param(l, 'page') === page)) return true;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return false;
    };
    try {
      assert.equal((await reader.next()).value?.page, 1, "page 1's first records");
      assert.ok(await asked('2'), 'page 2 asked for while page 1 is being read');
      let at = await reader.next();
      while (!at.done && at.value.page === 1) at = await reader.next();
      assert.equal(at.value?.page, 2, "page 2's records");
      assert.ok(await asked('3'), 'page 3 asked for while page 2 is being read');
    } finally {
      await reader.return(undefined);
    }
  });

  it('pagesAtOnce: 1 reads one page after another', async () => {
    const { services, error } = await read(list('serial', 'total=500&cap=100&delay=20'), { pagesAtOnce: 1 });
    assert.equal(error, undefined);
    assert.equal(services.length, 500);
    assert.equal(mostAtOnce(await traffic('serial')), 1);
  });

  it('a failed page stops the read after the pages before it', async () => {
    const { services, error } = await read(list('fail', 'total=1000&cap=100&fail=5&slow=4:200'));
    assert.ok(error instanceof SourceError && error.kind === 'http' && error.status === 500, String(error));
    assert.deepEqual(numbers(services.map((s) => s.id)), oneToN(400), 'the four pages before it, though it failed first');
  });

  it('the page cap stops the read after the pages before it', async () => {
    const { services, error } = await read(list('cap', 'total=1000&cap=100'), { maxPages: 6 });
    assert.ok(error instanceof SourceError && error.kind === 'paging', String(error));
    assert.equal(services.length, 600, 'six pages read before the cap');
    assert.deepEqual(numbers(services.map((s) => s.id)), oneToN(600));
  });
});
