// Staying where the finder was sent, over real HTTP: an RPDE feed's next page on another origin is not followed,
// and in Node redirects are followed by hand (http and https only, at most five hops).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readDirectory } from '../../src/sources/index.js';
import { MAX_REDIRECTS } from '../../src/sources/http.js';
import { SourceError } from '../../src/model/index.js';
import { FinderStore } from '../../src/store/finder-store.js';
import { en } from '../../src/i18n/en.js';
import { cy } from '../../src/i18n/cy.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { fixtureLog } from '../fixtures/log.js';
import { readPages } from '../helpers.js';

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
});
after(() => server?.close());

const read = (url: string) => readPages(readDirectory(url, { cacheMs: 0 }));

describe('RPDE paging stays on the feed’s origin', () => {
  it('stops at a next page on another origin, after the pages read, with a clear error; the other origin is never asked', async () => {
    const start = (await fixtureLog(server.url)).length;
    const { services, error } = await read(`${server.url}/hostile/elsewhere/session-series`);
    assert.ok(error instanceof SourceError, String(error));
    assert.equal(error.kind, 'off-origin');
    assert.match(error.message, /another website \(localhost:\d+\)/);
    assert.deepEqual(
      services.map((s) => s.name),
      ['Pilates in the park'],
      'the page read before is kept',
    );
    const log = (await fixtureLog(server.url)).slice(start);
    assert.ok(!log.some((l) => l.includes('/hostile/elsewhere/page-2')), log.join('\n'));
    assert.ok(en.errors['off-origin'] && cy.errors['off-origin'], 'words in both languages');
  });

  it('in the store, the directory is partly read and says why', async () => {
    const url = `${server.url}/hostile/elsewhere/session-series`;
    const store = new FinderStore({ endpoints: [url] });
    await store.load();
    const [status] = store.statuses;
    assert.equal(status.state, 'done');
    assert.equal(status.error?.kind, 'off-origin');
    assert.equal(store.services.length, 1);
    store.dispose();
  });
});

describe('redirects, followed by hand in Node', () => {
  it(`follows up to ${MAX_REDIRECTS}`, async () => {
    const { services, error } = await read(`${server.url}/hostile/redirect/chain/${MAX_REDIRECTS}`);
    assert.equal(error, undefined);
    assert.equal(services.length, 6);
  });

  it('stops after that many, with a clear error', async () => {
    const { error } = await read(`${server.url}/hostile/redirect/chain/${MAX_REDIRECTS + 1}`);
    assert.ok(error instanceof SourceError, String(error));
    assert.equal(error.kind, 'network');
    assert.match(error.message, /redirected more than 5 times/);
  });

  it('never follows one to an address that is not http or https', async () => {
    const { error } = await read(`${server.url}/hostile/redirect/file`);
    assert.ok(error instanceof SourceError, String(error));
    assert.match(error.message, /only http and https are followed/);
  });
});
