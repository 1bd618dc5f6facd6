// Deleting the plugin on a network of sites (WordPress multisite, subdirectories) in a real
// WordPress: each site keeps its own settings, rate counters and cached relay answers, and
// uninstall removes them from every site, not only the main one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { startWordPress, wordpressSkip, type WordPressSite } from './wordpress-site.js';

const PLUGIN = fileURLToPath(new URL('../../wordpress/service-finder', import.meta.url));
const FILE = 'service-finder/service-finder.php';
/** Every row the plugin may leave in a site's options table. */
const OURS = '%service\\_finder%';

describe('WordPress plugin on a network of sites', { skip: wordpressSkip(), timeout: 180_000 }, () => {
  let fixtures: FixtureServer;
  let wp: WordPressSite;
  let second: number;

  before(
    async () => {
      fixtures = await startFixtureServer();
      wp = await startWordPress({ multisite: true, pluginFolder: PLUGIN });
      const [site] = wp.run<[number | { error: string }]>([{ do: 'add-site', path: '/second/', title: 'Second site' }]);
      assert.equal(typeof site, 'number', JSON.stringify(site));
      second = site as number;
      const settings = {
        allowed: [`${fixtures.url}/dialects`],
        relay: true,
        cache: 300,
        rate: 100,
        intranet: [new URL(fixtures.url).hostname],
      };
      wp.run([1, second].map((site) => ({ do: 'set-option', site, name: 'service_finder_settings', value: settings })));
    },
    { timeout: 150_000 },
  );

  after(async () => {
    await wp?.stop();
    await fixtures?.close();
  });

  it('is a network with the plugin active on every site', () => {
    const [multisite, active] = wp.run<[boolean, boolean]>([
      { do: 'call', fn: 'is_multisite', args: [] },
      { do: 'call', fn: 'is_plugin_active_for_network', args: [FILE] },
    ]);
    assert.deepEqual([multisite, active], [true, true]);
  });

  it("removes every site's settings, rate counters and cached answers when the plugin is deleted", async () => {
    // Each site's own relay answers, so each site stores what the relay stores.
    for (const path of ['/', '/second/']) {
      const res = await fetch(`${wp.origin}${path}?rest_route=/service-finder/v1/relay/0/oruk-v3/services&per_page=1`);
      assert.equal(res.status, 200, `${path}: ${await res.text()}`);
      // A hit would mean another site's cache answered.
      assert.equal(res.headers.get('x-service-finder-relay'), 'miss', path);
    }
    const stored = wp.run<string[][]>([1, second].map((site) => ({ do: 'options-like', site, like: OURS })));
    for (const rows of stored) {
      assert.ok(rows.includes('service_finder_settings'), rows.join());
      assert.ok(rows.includes('service_finder_relay_clients'), rows.join());
      assert.ok(rows.includes('service_finder_relay_cache'), rows.join());
      assert.ok(
        rows.some((r) => r.startsWith('_transient_service_finder_relay_')),
        rows.join(),
      );
    }

    const [deleted] = wp.run<[true | { error: string }]>([{ do: 'delete-plugin', file: FILE }]);
    assert.equal(deleted, true, JSON.stringify(deleted));
    assert.ok(!existsSync(join(wp.www, 'wp-content/plugins/service-finder')));
    assert.deepEqual(wp.run<string[][]>([1, second].map((site) => ({ do: 'options-like', site, like: OURS }))), [[], []]);
  });

  it('logs no PHP errors, warnings or notices from the plugin', () => {
    assert.deepEqual(wp.pluginLog(), []);
  });
});
