// The WordPress relay's limits, in a real WordPress (the plugin folder installed as it is; no bundle
// needed): only the finder's parameters are forwarded and cached, each client has a rate, the cache
// has a cap, nothing on this machine or a private network is fetched unless its host is named, and
// no path segment carries a `;`. Every check also reads the fixture server's request log: a refused
// request must never reach a directory.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { fixtureLog } from '../fixtures/log.js';
import { startWordPress, wordpressSkip, type WordPressSite } from './wordpress-site.js';

const PLUGIN = fileURLToPath(new URL('../../wordpress/service-finder', import.meta.url));
const RELAY = '/wp-json/service-finder/v1/relay';
const SETTINGS = 'service_finder_settings';

describe('WordPress relay limits', { skip: wordpressSkip(), timeout: 180_000 }, () => {
  let fixtures: FixtureServer;
  let wp: WordPressSite;
  let f: string;
  let port: string;
  let settings: Record<string, unknown>;

  /** Allowed directories, by position (the relay's <n>). */
  const allowed = () => [
    `${f}/dialects`, // 0: the fixture server, on this machine
    `http://localhost:${port}/dialects`, // 1: the same, by a name that resolves to loopback
    'http://169.254.169.254/latest', // 2: cloud metadata (link-local)
    `http://[::1]:${port}/dialects`, // 3: IPv6 loopback
    `http://[::ffff:127.0.0.1]:${port}/dialects`, // 4: IPv4-mapped IPv6 loopback
    `http://2130706433:${port}/dialects`, // 5: 127.0.0.1 written as one number
    `${f}/elsewhere`, // 6: redirects to other hosts
  ];

  /** Changes some settings for the length of one check. */
  async function withSettings(change: Record<string, unknown>, check: () => Promise<void>) {
    wp.run([{ do: 'set-option', name: SETTINGS, value: { ...settings, ...change } }]);
    try {
      await check();
    } finally {
      wp.run([{ do: 'set-option', name: SETTINGS, value: settings }]);
    }
  }

  /** What the fixture server is asked while `act` runs. */
  async function upstreamDuring(act: () => Promise<void>): Promise<string[]> {
    const before = (await fixtureLog(f)).length;
    await act();
    return (await fixtureLog(f)).slice(before);
  }

  const get = (path: string) => fetch(`${wp.origin}${path}`, { redirect: 'manual' });
  const code = async (res: Response) => ((await res.json()) as { code: string }).code;
  /** Names of the relay's cached answers in the options table. */
  const cachedRows = () =>
    wp
      .run<[string[]]>([{ do: 'options-like', like: '\\_transient\\_service\\_finder\\_relay\\_%' }])[0]
      .filter((name) => !name.startsWith('_transient_timeout_'));
  const cacheIndex = () =>
    wp.run<[Record<string, [number, number]> | false]>([{ do: 'option', name: 'service_finder_relay_cache' }])[0] || {};

  before(
    async () => {
      fixtures = await startFixtureServer();
      f = fixtures.url;
      port = new URL(f).port;
      wp = await startWordPress({ pluginFolder: PLUGIN });
      // Cache limits from an option, so each check can set its own (the filter is the documented way to change them).
      mkdirSync(join(wp.www, 'wp-content/mu-plugins'), { recursive: true });
      writeFileSync(
        join(wp.www, 'wp-content/mu-plugins/test-cache-limits.php'),
        `<?php add_filter( 'service_finder_relay_cache_limits', function ( $limits ) { $test = get_option( 'test_cache_limits' ); return is_array( $test ) ? $test : $limits; } );\n`,
      );
      settings = {
        allowed: allowed(),
        endpoints: [],
        names: {},
        radius: '',
        relay: true,
        cache: 300,
        rate: 0,
        intranet: [new URL(f).hostname],
        geocoder: '',
        places: '',
      };
      wp.run([
        { do: 'set-option', name: SETTINGS, value: settings },
        { do: 'permalinks', structure: '/%postname%/' },
      ]);
    },
    { timeout: 150_000 },
  );

  after(async () => {
    await wp?.stop();
    await fixtures?.close();
  });

  describe('parameters', () => {
    it('forwards only page and per_page, normalised and sorted; anything else is neither forwarded nor cached apart', async () => {
      const rowsBefore = cachedRows().length;
      let first: Response | undefined;
      const asked = await upstreamDuring(async () => {
        first = await get(`${RELAY}/0/oruk-v3/services?utm_source=x&per_page=2&junk=%3Cscript%3E&page=5&Page=9`);
      });
      assert.equal(first!.status, 200);
      assert.equal(first!.headers.get('x-service-finder-relay'), 'miss');
      assert.deepEqual(asked, ['/dialects/oruk-v3/services?page=5&per_page=2']);

      // The same page asked with other junk, another order, leading zeros, or by ?url=: one cached answer.
      const again = await upstreamDuring(async () => {
        for (const path of [
          `${RELAY}/0/oruk-v3/services?page=5&per_page=2`,
          `${RELAY}/0/oruk-v3/services?per_page=002&page=05&cachebuster=${Date.now()}`,
          `${RELAY}/0/oruk-v3/services?page=5&per_page=2&PER_PAGE=7&_=1`,
          `${RELAY}?url=${encodeURIComponent(`${f}/dialects/oruk-v3/services?junk=1&page=5&per_page=2`)}&more=1`,
        ]) {
          const res = await get(path);
          assert.equal(res.status, 200, path);
          assert.equal(res.headers.get('x-service-finder-relay'), 'hit', path);
        }
      });
      assert.deepEqual(again, []);
      assert.equal(cachedRows().length, rowsBefore + 1);
    });

    it('refuses a page or per_page that is not a plain number in range (400), without asking the directory', async () => {
      const asked = await upstreamDuring(async () => {
        for (const query of ['page=abc', 'per_page[]=1', 'page=-1', 'page=1e3', 'per_page=1001', 'page=99999999', 'page=1%3Bx']) {
          const res = await get(`${RELAY}/0/oruk-v3/services?${query}`);
          assert.equal(res.status, 400, query);
          assert.equal(await code(res), 'service_finder_relay_parameter', query);
        }
      });
      assert.deepEqual(asked, []);
    });
  });

  it('refuses ";" in any path segment on every route, and a "%" left after decoding (403)', async () => {
    const asked = await upstreamDuring(async () => {
      for (const path of [
        `${RELAY}/0/oruk-v3;/services`,
        `${RELAY}/0/oruk-v3%3B/services`,
        `${RELAY}/0/oruk-v3;jsessionid=1/services`,
        `${RELAY}/0/..;/directories/bay-health/services`,
        `${RELAY}/0/oruk-v3/services/%252e%252e`,
        `/index.php${RELAY}/0/..;/directories/bay-health/services`,
        `/?rest_route=${encodeURIComponent('/service-finder/v1/relay/0/..;/directories/bay-health/services')}`,
        `${RELAY}?url=${encodeURIComponent(`${f}/dialects/..;/directories/bay-health/services`)}`,
        `${RELAY}?url=${encodeURIComponent(`${f}/dialects/oruk-v3;x=1/services`)}`,
        `${RELAY}?url=${encodeURIComponent(`${f}/dialects/oruk-v3%3B/services`)}`,
      ]) {
        const res = await wp.rawGet(path);
        // In /wp-json/ form WordPress may refuse a path with "..;" before the relay sees it (no route: 404).
        assert.ok([403, 404].includes(res.status), `${path} answered ${res.status}`);
        if (res.status === 403) assert.match(res.body, /service_finder_relay_forbidden/, path);
      }
    });
    assert.deepEqual(asked, []);
    // The relay's own refusal, not WordPress's: ?rest_route= reaches it with the segment intact.
    assert.equal((await wp.rawGet(`/?rest_route=${encodeURIComponent('/service-finder/v1/relay/0/oruk-v3;/services')}`)).status, 403);
  });

  describe('addresses', () => {
    it('refuses this machine, private, shared and link-local networks and their IPv6 forms, after resolving the name (403)', async () => {
      const asked = await upstreamDuring(async () => {
        for (const n of [1, 2, 3, 4, 5]) {
          const res = await get(`${RELAY}/${n}/oruk-v3/services?per_page=1`);
          assert.equal(res.status, 403, `${allowed()[n]} answered ${res.status}`);
          assert.equal(await code(res), 'service_finder_relay_private', allowed()[n]);
        }
      });
      assert.deepEqual(asked, []);
    });

    it('refuses the fixture host itself once it is no longer named as an intranet host', async () => {
      await withSettings({ intranet: [] }, async () => {
        const asked = await upstreamDuring(async () => {
          const res = await get(`${RELAY}/0/oruk-v3/services?per_page=1&page=7`);
          assert.equal(res.status, 403);
          assert.equal(await code(res), 'service_finder_relay_private');
          const byUrl = await get(`${RELAY}?url=${encodeURIComponent(`${f}/dialects/oruk-v3/services?page=7`)}`);
          assert.equal(byUrl.status, 403);
        });
        assert.deepEqual(asked, []);
      });
    });

    it('fetches a private address for a host named as an intranet host, and only by that name', async () => {
      await withSettings({ intranet: ['localhost'] }, async () => {
        const byName = await get(`${RELAY}/1/oruk-v3/services?per_page=1&page=8`);
        assert.equal(byName.status, 200);
        assert.equal(((await byName.json()) as { contents: unknown[] }).contents.length, 1);
        const byAddress = await get(`${RELAY}/0/oruk-v3/services?per_page=1&page=8`);
        assert.equal(byAddress.status, 403);
      });
    });

    it('checks every redirect the same way: to a private address it is refused, even when that address is allowed', async () => {
      const asked = await upstreamDuring(async () => {
        const loopback = await get(`${RELAY}/6/loopback/services?page=9`);
        assert.equal(loopback.status, 502);
        assert.equal(await code(loopback), 'service_finder_relay_redirect');
        const metadata = await get(`${RELAY}/6/metadata`);
        assert.equal(metadata.status, 502);
        assert.equal(await code(metadata), 'service_finder_relay_redirect');
      });
      // The redirects were asked for; where they pointed was not.
      assert.deepEqual(asked, ['/elsewhere/loopback/services?page=9', '/elsewhere/metadata']);
      // With the name allowed, the same redirect is followed: the refusal was the address check.
      await withSettings({ intranet: [new URL(f).hostname, 'localhost'] }, async () => {
        const followed = await upstreamDuring(async () => {
          assert.equal((await get(`${RELAY}/6/loopback/services?page=9`)).status, 200);
        });
        assert.deepEqual(followed, ['/elsewhere/loopback/services?page=9', '/dialects/oruk-v1/services?page=9']);
      });
    });

    it('knows which addresses are public (the plugin function over every range it refuses)', () => {
      const table: Array<[string, boolean]> = [
        ['127.0.0.1', true],
        ['127.255.0.9', true],
        ['0.0.0.0', true],
        ['10.1.2.3', true],
        ['172.16.0.1', true],
        ['172.31.255.255', true],
        ['172.32.0.1', false],
        ['192.168.1.1', true],
        ['169.254.169.254', true],
        ['100.64.0.1', true],
        ['100.127.255.255', true],
        ['100.128.0.1', false],
        ['198.18.0.1', true],
        ['224.0.0.1', true],
        ['255.255.255.255', true],
        ['8.8.8.8', false],
        ['151.101.1.1', false],
        ['::1', true],
        ['::', true],
        ['fc00::1', true],
        ['fd12:3456::1', true],
        ['fe80::1', true],
        ['febf::1', true],
        ['ff02::1', true],
        ['::ffff:127.0.0.1', true],
        ['::ffff:169.254.169.254', true],
        ['::ffff:10.0.0.1', true],
        ['::ffff:8.8.8.8', false],
        ['64:ff9b::a9fe:a9fe', true],
        ['64:ff9b::808:808', false],
        ['2002:7f00:1::', true],
        ['2002:808:808::', false],
        ['2001:0:4136:e378::1', true],
        ['2001:4860:4860::8888', false],
        ['2a00:1450:4009:81d::200e', false],
        ['not an address', true],
      ];
      const results = wp.run<boolean[]>(table.map(([ip]) => ({ do: 'call', fn: 'service_finder_address_is_private', args: [ip] })));
      assert.deepEqual(
        table.map(([ip], i) => [ip, results[i]]),
        table,
      );
      const [localhost, decimal] = wp.run<[string[], string[]]>([
        { do: 'call', fn: 'service_finder_resolve_host', args: ['localhost'] },
        { do: 'call', fn: 'service_finder_resolve_host', args: ['2130706433'] },
      ]);
      assert.ok(localhost.includes('127.0.0.1'), localhost.join());
      assert.deepEqual(decimal, ['127.0.0.1']);
    });
  });

  it("answers 429 with Retry-After past a client's rate, without asking the directory, and keeps no address in clear", async () => {
    wp.run([{ do: 'set-option', name: 'service_finder_relay_clients', value: [] }]);
    await withSettings({ rate: 3 }, async () => {
      const asked = await upstreamDuring(async () => {
        for (const page of [21, 22, 23]) assert.equal((await get(`${RELAY}/0/oruk-v3/services?per_page=1&page=${page}`)).status, 200);
        const limited = await get(`${RELAY}/0/oruk-v3/services?per_page=1&page=24`);
        assert.equal(limited.status, 429);
        assert.match(limited.headers.get('content-type') ?? '', /^application\/json/);
        assert.equal(await code(limited), 'service_finder_relay_rate');
        // Three a minute: the next request is allowed within 20 seconds.
        const retry = Number(limited.headers.get('retry-after'));
        assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 20, `Retry-After: ${limited.headers.get('retry-after')}`);
        assert.equal(limited.headers.get('cache-control'), 'no-store');
        // A cached answer counts too: the limit is on what a client asks.
        assert.equal((await get(`${RELAY}/0/oruk-v3/services?per_page=1&page=21`)).status, 429);
      });
      assert.deepEqual(asked, [
        '/dialects/oruk-v3/services?page=21&per_page=1',
        '/dialects/oruk-v3/services?page=22&per_page=1',
        '/dialects/oruk-v3/services?page=23&per_page=1',
      ]);
      const [buckets] = wp.run<[Record<string, unknown>]>([{ do: 'option', name: 'service_finder_relay_clients' }]);
      assert.equal(Object.keys(buckets).length, 1);
      assert.ok(!JSON.stringify(buckets).includes('127.0.0.1'), JSON.stringify(buckets));
    });
    // 0 turns the limit off.
    await withSettings({ rate: 0 }, async () => {
      for (let i = 0; i < 5; i++) assert.equal((await get(`${RELAY}/0/oruk-v3/services?per_page=1&page=21`)).status, 200);
    });
  });

  describe('cache cap', () => {
    after(() => wp.run([{ do: 'set-option', name: 'test_cache_limits', value: false }]));

    it('keeps at most the set number of answers, dropping those closest to expiry', async () => {
      wp.run([{ do: 'set-option', name: 'test_cache_limits', value: { entries: 3, bytes: 1e7 } }]);
      for (const page of [31, 32, 33, 34, 35]) {
        const res = await get(`${RELAY}/0/oruk-v3/services?per_page=1&page=${page}`);
        assert.equal(res.headers.get('x-service-finder-relay'), 'miss');
      }
      assert.equal(cachedRows().length, 3);
      assert.equal(Object.keys(cacheIndex()).length, 3);
      assert.equal((await get(`${RELAY}/0/oruk-v3/services?per_page=1&page=35`)).headers.get('x-service-finder-relay'), 'hit');
      assert.equal((await get(`${RELAY}/0/oruk-v3/services?per_page=1&page=31`)).headers.get('x-service-finder-relay'), 'miss');
    });

    it('keeps at most the set number of bytes, and no answer larger than that', async () => {
      const size = (await (await fetch(`${f}/dialects/oruk-v3/services?page=41&per_page=1`)).arrayBuffer()).byteLength;
      wp.run([{ do: 'set-option', name: 'test_cache_limits', value: { entries: 100, bytes: Math.floor(size * 2.5) } }]);
      for (const page of [41, 42, 43, 44]) await get(`${RELAY}/0/oruk-v3/services?per_page=1&page=${page}`);
      const kept = Object.values(cacheIndex());
      assert.ok(kept.length >= 1 && kept.length <= 2, `${kept.length} answers kept`);
      assert.ok(kept.reduce((sum, [bytes]) => sum + bytes, 0) <= size * 2.5, JSON.stringify(kept));
      assert.equal(cachedRows().length, kept.length);

      wp.run([{ do: 'set-option', name: 'test_cache_limits', value: { entries: 100, bytes: 10 } }]);
      for (let i = 0; i < 2; i++)
        assert.equal((await get(`${RELAY}/0/oruk-v3/services?per_page=1&page=45`)).headers.get('x-service-finder-relay'), 'miss');
    });
  });

  it('logs no PHP errors, warnings or notices from the plugin', () => {
    assert.deepEqual(wp.pluginLog(), []);
  });
});
