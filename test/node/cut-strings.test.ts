// What a worker hands the page (`cutStrings`: each string cut to the most any reader reads of it) reads the
// same as the whole body: every dialect's demo directory and every hostile directory with 200 KB fields, read
// over real HTTP twice, once as served and once with each JSON body cut as the worker cuts it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readDirectory, clearCache } from '../../src/sources/index.js';
import { cutStrings, MAX_HTML, MAX_URL } from '../../src/model/limits.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { HOSTILE_DIALECTS, hostileUrls } from '../fixtures/hostile.js';
import { readPages } from '../helpers.js';

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
});
after(() => server?.close());

/** A fetch whose JSON bodies come back as the worker would hand them over. */
const cutFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const text = await response.text();
  let body = text;
  try {
    body = JSON.stringify(cutStrings(JSON.parse(text)));
  } catch {
    // not JSON: passed on as it came
  }
  return new Response(body, { status: response.status, headers: response.headers });
};

async function both(url: string) {
  clearCache();
  const whole = await readPages(readDirectory(url, { cacheMs: 0 }));
  clearCache();
  const cut = await readPages(readDirectory(url, { cacheMs: 0, fetch: cutFetch }));
  return { whole, cut };
}

describe('cutStrings: what the JSON worker hands over reads the same as the whole body', () => {
  it('cuts long text to one past the longest read, descriptions to one past MAX_HTML, and leaves the rest', () => {
    const long = 'x'.repeat(200_000);
    const value = cutStrings({ name: long, description: long, nested: [{ descriptionHtml: long, url: long }], n: 5, ok: 'short' }) as {
      name: string;
      description: string;
      nested: Array<{ descriptionHtml: string; url: string }>;
      n: number;
      ok: string;
    };
    assert.equal(value.name.length, MAX_URL + 1);
    assert.equal(value.description.length, MAX_HTML + 1);
    assert.equal(value.nested[0].descriptionHtml.length, MAX_HTML + 1);
    assert.equal(value.nested[0].url.length, MAX_URL + 1);
    assert.equal(value.n, 5);
    assert.equal(value.ok, 'short');
  });

  it('never cuts between the halves of a surrogate pair, and walks JSON nested deeper than a call stack', () => {
    const pairs = cutStrings({ name: '😀'.repeat(5_000) }) as { name: string };
    assert.equal(pairs.name.length, MAX_URL);
    let deep: unknown = 'y'.repeat(10_000);
    for (let i = 0; i < 200_000; i++) deep = [deep];
    cutStrings(deep);
    let inner = deep;
    while (Array.isArray(inner)) inner = inner[0];
    assert.equal((inner as string).length, MAX_URL + 1);
  });

  for (const dialect of ['oruk-v1', 'placecube', 'oruk-v3', 'outpost']) {
    it(`the demo directory as ${dialect}`, async () => {
      const { whole, cut } = await both(`${server.url}/dialects/${dialect}`);
      assert.equal(whole.error, undefined);
      assert.ok(whole.services.length > 0);
      assert.deepEqual(cut.services, whole.services);
    });
  }

  for (const dialect of HOSTILE_DIALECTS) {
    it(`every field 200 KB long: ${dialect}`, { timeout: 120_000 }, async () => {
      for (const url of hostileUrls(server.url, 'text', dialect, 'mixed')) {
        const { whole, cut } = await both(url);
        assert.ok(whole.services.length > 0, url);
        assert.deepEqual(cut.services, whole.services, url);
        assert.deepEqual(cut.problems, whole.problems, url);
      }
    });
  }
});
