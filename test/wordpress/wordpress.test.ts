// The WordPress plugin in a real WordPress (Debian's wordpress, php and mariadb-server packages,
// installed by scripts/wordpress-env.sh when missing): install from the zip that `npm run
// wordpress:zip` builds, configure it through its settings page, publish pages with the shortcode
// and look at them in Chromium (playwright-core), directly and through the relay.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { fixtureLog } from '../fixtures/log.js';
import { launchChromium } from '../chromium.js';
import { eventually, finderLoaded, openRecorded, resultsCount } from '../e2e/strict-site.js';
import { buildPluginZip, startWordPress, wordpressSkip, type WordPressSite } from './wordpress-site.js';

const RELAY = '/wp-json/service-finder/v1/relay';
/** The name the settings page gives one directory (a colon and an ampersand, as names have). */
const NAMED = 'Council directory: adults & families';

describe('WordPress plugin in a real WordPress', { skip: wordpressSkip(), timeout: 180_000 }, () => {
  let fixtures: FixtureServer;
  let wp: WordPressSite;
  let browser: Browser;
  let f: string;
  let installed: { file: string; error: string | null; active: boolean | string };
  const pages: Record<string, string> = {};

  before(
    async () => {
      // The zip with the real bundle (vite.lib.config.ts), exactly as an editor would upload it.
      const ZIP = buildPluginZip();

      fixtures = await startFixtureServer();
      f = fixtures.url;
      wp = await startWordPress();
      // The first finder's values break out of attributes without '<' (so WordPress still parses the
      // shortcode); the second holds a <script>, which makes wptexturize mangle its quotes.
      const hostile = [
        `[service_finder endpoints="${f}/dialects/oruk-v3" relay="no" url_state="off" near='" autofocus onfocus="window.__xss=1' category='a" onmouseover="window.__xss=2' lang='cy" onclick="window.__xss=3']`,
        `[service_finder endpoints="${f}/dialects/oruk-v3" relay="no" url_state="off" near='"><script>window.__xss=4</script>' id='x"><img src=x onerror="window.__xss=5">']`,
      ].join('\n\n');
      const r = wp.run<[typeof installed, string, string, ...Array<{ id: number; url: string }>]>([
        { do: 'install-plugin', zip: ZIP },
        { do: 'permalinks', structure: '/%postname%/' },
        { do: 'theme', theme: 'twentytwentyone' },
        {
          do: 'page',
          title: 'Find services',
          slug: 'direct',
          content: `<p>Services near you.</p>\n[service_finder endpoints="${f}/dialects/oruk-v3" relay="no"]`,
        },
        {
          do: 'page',
          title: 'Through the relay',
          slug: 'relayed',
          content: `[service_finder endpoints="${f}/dialects/oruk-v1, ${f}/broken/no-cors ${f}/broken/500"]`,
        },
        { do: 'page', title: 'Hostile', slug: 'hostile', content: hostile },
        { do: 'page', title: 'No finder', slug: 'plain', content: '<p>Nothing to see.</p>' },
      ]);
      installed = r[0];
      for (const page of r.slice(3) as Array<{ id: number; url: string; error?: string }>) {
        assert.ok(page.url, `page not created: ${JSON.stringify(page)}`);
        pages[new URL(page.url).pathname.replace(/\//g, '')] = page.url;
      }
      browser = await launchChromium();
    },
    { timeout: 150_000 },
  );

  after(async () => {
    await browser?.close().catch(() => undefined);
    await wp?.stop();
    await fixtures?.close();
  });

  it('installs from the zip and activates', () => {
    assert.deepEqual(installed, { file: 'service-finder/service-finder.php', error: null, active: true });
  });

  describe('settings page (Settings → Service finder)', () => {
    let admin: BrowserContext;
    let page: Page;

    before(async () => {
      admin = await browser.newContext();
      page = await admin.newPage();
      await page.goto(`${wp.origin}/wp-login.php`);
      await page.fill('#user_login', wp.admin.user);
      await page.fill('#user_pass', wp.admin.password);
      await Promise.all([page.waitForURL(/\/wp-admin\//), page.click('#wp-submit')]);
    });
    after(async () => {
      await admin?.close();
    });

    it('saves the allowed directories, their names, defaults and relay through the Settings API', async () => {
      await page.goto(`${wp.origin}/wp-admin/options-general.php?page=service-finder`);
      assert.equal(await page.locator('h1').first().textContent(), 'Service finder');
      // A name after an address is what results show for that directory; two addresses may share a line.
      const allowed = [
        `${f}/dialects`,
        `${f}/broken/no-cors  ${NAMED}`,
        `${f}/broken/500, ${f}/broken/redirect/`,
        'javascript:alert(1)',
        `${f}/dialects`,
        `${f}/broken/redirect-loop`,
        `${f}/broken/503`,
        'not an address',
        // Rejected, and echoed back in a notice: as text, never as markup.
        'javascript:<img/src=x/onerror=window.__xss=1>',
      ];
      await page.fill('#service_finder_allowed', allowed.join('\n'));
      await page.fill('#service_finder_endpoints', `${f}/dialects/oruk-v3\nhttps://not-allowed.example/api Somewhere <b>else</b>`);
      await page.fill('#service_finder_radius', '3');
      await page.fill('#service_finder_geocoder', `${f}/postcodes.io`);
      await page.check('#service_finder_relay_on');
      await page.fill('#service_finder_cache', '60');
      // The fixture directories are served on this machine: the relay may fetch them only because this host is named.
      await page.fill('#service_finder_intranet', `${new URL(f).hostname}\nnot_a_host!`);
      await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
      const notices = await page.locator('.notice, .updated, .error').allTextContents();
      assert.ok(
        notices.some((n) => n.includes('Ignored "javascript:alert(1)"')),
        notices.join(' | '),
      );
      assert.ok(
        notices.some((n) => n.includes('Ignored "not an address"')),
        notices.join(' | '),
      );
      assert.ok(
        notices.some((n) => n.includes('Ignored "javascript:<img/src=x/onerror=window.__xss=1>"')),
        notices.join(' | '),
      );
      assert.ok(
        notices.some((n) => n.includes('Ignored "not_a_host!": not a host name.')),
        notices.join(' | '),
      );
      assert.equal(await page.locator('.notice img, .updated img, .error img, #wpbody img[src="x"]').count(), 0);
      assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
      assert.equal(
        await page.inputValue('#service_finder_allowed'),
        [
          `${f}/dialects`,
          `${f}/broken/no-cors ${NAMED}`,
          `${f}/broken/500`,
          `${f}/broken/redirect/`,
          `${f}/broken/redirect-loop`,
          `${f}/broken/503`,
        ].join('\n'),
      );
      assert.equal(
        await page.inputValue('#service_finder_endpoints'),
        `${f}/dialects/oruk-v3\nhttps://not-allowed.example/api Somewhere else`,
      );
      assert.ok(await page.isChecked('#service_finder_relay_on'));
      const [saved] = wp.run<[Record<string, unknown>]>([{ do: 'option', name: 'service_finder_settings' }]);
      assert.deepEqual(saved, {
        allowed: [
          `${f}/dialects`,
          `${f}/broken/no-cors`,
          `${f}/broken/500`,
          `${f}/broken/redirect/`,
          `${f}/broken/redirect-loop`,
          `${f}/broken/503`,
        ],
        endpoints: [`${f}/dialects/oruk-v3`, 'https://not-allowed.example/api'],
        names: { [`${f}/broken/no-cors`]: NAMED, 'https://not-allowed.example/api': 'Somewhere else' },
        radius: '3',
        relay: true,
        cache: 60,
        rate: 300,
        intranet: [new URL(f).hostname],
        geocoder: `${f}/postcodes.io`,
        places: '',
        feedback: [],
      });
    });

    it('refuses a save without the nonce, and the page to people who cannot manage options', async () => {
      const before = wp.run<[unknown]>([{ do: 'option', name: 'service_finder_settings' }])[0];
      const forged = await admin.request.post(`${wp.origin}/wp-admin/options.php`, {
        form: { option_page: 'service_finder', action: 'update', 'service_finder_settings[allowed]': 'https://evil.example/' },
        maxRedirects: 0,
      });
      assert.equal(forged.status(), 403);
      assert.deepEqual(wp.run<[unknown]>([{ do: 'option', name: 'service_finder_settings' }])[0], before);

      const anonymous = await fetch(`${wp.origin}/wp-admin/options-general.php?page=service-finder`, { redirect: 'manual' });
      assert.equal(anonymous.status, 302);
      assert.match(anonymous.headers.get('location') ?? '', /wp-login\.php/);
    });
  });

  const visit = (url: string) => openRecorded(browser, url);

  /** Waits until the results count says "N services found" with N at least 1 (failing with what it says if not). */
  const someResults = (page: Page) => resultsCount(page, /[1-9][\d,]* services? found/);

  it('shows results from the fixture directory on a published page (classic theme, module loaded in the footer)', async () => {
    const { page, context, requests, errors } = await visit(pages.direct);
    try {
      await someResults(page);
      // The list is virtualised: cards are rendered where the reader is, so scroll to it first.
      await page.locator('service-finder [part="count"]').scrollIntoViewIfNeeded();
      const firstCard = page.locator('service-finder [part="card"]').first();
      await firstCard.waitFor({ state: 'attached', timeout: 10_000 });
      assert.match((await firstCard.textContent()) ?? '', /127\.0\.0\.1\/dialects\/oruk-v3/);
      const element = page.locator('service-finder');
      assert.equal(await element.getAttribute('endpoints'), `${f}/dialects/oruk-v3`);
      assert.equal(await element.getAttribute('radius'), '3', 'default radius from the settings page');
      const script = page.locator('script[src*="/wp-content/plugins/service-finder/assets/service-finder.js"]');
      assert.equal(await script.count(), 1);
      assert.equal(await script.getAttribute('type'), 'module');
      assert.ok(
        requests.some((u) => u.startsWith(`${f}/dialects/oruk-v3/services`)),
        'the browser read the directory itself',
      );
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('loads the bundle only on pages that use the shortcode', async () => {
    const html = await (await fetch(pages.plain)).text();
    assert.ok(html.includes('Nothing to see.'));
    assert.ok(!html.includes('service-finder.js'), 'bundle enqueued on a page without the shortcode');
  });

  it('shows results through the relay; the browser never contacts the directories; a 500 reaches the element as an error', async () => {
    const { page, context, requests, errors, sourceErrors: sourceErrorsOf } = await visit(pages.relayed);
    try {
      // Each directory through the relay, with its own address as `source`.
      const directories = JSON.parse((await page.locator('service-finder').getAttribute('directories'))!);
      assert.deepEqual(directories, [
        { url: `${wp.origin}${RELAY}/0/oruk-v1`, source: `${f}/dialects/oruk-v1` },
        { url: `${wp.origin}${RELAY}/1`, source: `${f}/broken/no-cors`, name: NAMED },
        { url: `${wp.origin}${RELAY}/2`, source: `${f}/broken/500` },
      ]);
      assert.equal(await page.locator('service-finder').getAttribute('endpoints'), null);
      await someResults(page);
      // Results name the directory by the name from the settings page, else by its own address, not the relay's.
      await finderLoaded(page);
      const from = await page.evaluate(() => {
        const finder = document.querySelector('service-finder') as unknown as {
          store: { services: Array<{ sources: Array<{ directory: { name: string } }> }> };
        };
        return [...new Set(finder.store.services.flatMap((s) => s.sources.map((x) => x.directory.name)))];
      });
      assert.deepEqual(from.sort(), [`${new URL(f).hostname}/dialects/oruk-v1`, NAMED]);
      await eventually(async () => (await sourceErrorsOf()).length > 0, 'a source error from the relayed 500');
      const sourceErrors = await sourceErrorsOf();
      assert.equal(sourceErrors.length, 1, sourceErrors.join('\n'));
      assert.ok(sourceErrors[0].startsWith(`${wp.origin}${RELAY}/2 `), sourceErrors[0]);
      assert.deepEqual(
        requests.filter((u) => u.startsWith(f)),
        [],
        'the browser asked a directory directly',
      );
      assert.ok(requests.some((u) => u.startsWith(`${wp.origin}${RELAY}/0/oruk-v1/services`)));
      const upstream = await fixtureLog(f);
      assert.ok(
        upstream.some((line) => line.startsWith('/dialects/oruk-v1/services')),
        'relay did not fetch oruk-v1',
      );
      assert.ok(
        upstream.some((line) => line.startsWith('/broken/no-cors/services')),
        'relay did not fetch the directory without CORS',
      );
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  describe('relay REST route', () => {
    const get = (path: string) => fetch(`${wp.origin}${path}`, { redirect: 'manual' });

    it('relays an allowed directory: JSON, status, query and path forwarded, cached', async () => {
      const first = await get(`${RELAY}/0/oruk-v3/services?per_page=2&page=3`);
      assert.equal(first.status, 200);
      assert.match(first.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(first.headers.get('x-service-finder-relay'), 'miss');
      const body = (await first.json()) as { contents: unknown[]; page_number: number; size: number };
      assert.equal(body.contents.length, 2);
      assert.equal(body.page_number, 3);
      const direct = await (await fetch(`${f}/dialects/oruk-v3/services?per_page=2&page=3`)).json();
      assert.deepEqual(body, direct);

      const second = await get(`${RELAY}/0/oruk-v3/services?per_page=2&page=3`);
      assert.equal(second.headers.get('x-service-finder-relay'), 'hit');
      assert.match(second.headers.get('cache-control') ?? '', /max-age=60/);
      assert.deepEqual(await second.json(), direct);

      const full = await get(`${RELAY}/0/oruk-v3/services/${encodeURIComponent((body.contents[0] as { id: string }).id)}`);
      assert.equal(full.status, 200);
      assert.equal(((await full.json()) as { id: string }).id, (body.contents[0] as { id: string }).id);
    });

    it('passes status codes through, as JSON', async () => {
      const broken = await get(`${RELAY}/2/services`);
      assert.equal(broken.status, 500);
      assert.match(broken.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(await broken.json(), { error: 'Internal Server Error' });
      const missing = await get(`${RELAY}/0/oruk-v3/services/no-such-id`);
      assert.equal(missing.status, 404);
      const busy = await get(`${RELAY}/5/services`);
      assert.equal(busy.status, 503);
      assert.equal(busy.headers.get('retry-after'), '120');
      assert.equal(busy.headers.get('cache-control'), 'no-store');
    });

    it('follows redirects only to allowed addresses', async () => {
      // /broken/redirect sends everything on to /dialects/oruk-v1, which is allowed.
      const moved = await get(`${RELAY}/3/services?per_page=1`);
      assert.equal(moved.status, 200);
      assert.equal(((await moved.json()) as { content: unknown[] }).content.length, 1);
      // /broken/redirect-loop redirects to itself: given up after a few hops.
      const loop = await get(`${RELAY}/4/services`);
      assert.equal(loop.status, 502);
      assert.equal(((await loop.json()) as { code: string }).code, 'service_finder_relay_redirect');
    });

    it('refuses anything not on the allow-list with 403: never an open proxy', async () => {
      const refused = [
        `${RELAY}?url=${encodeURIComponent(`${f}/directories/bay-health/services`)}`,
        `${RELAY}?url=${encodeURIComponent('http://example.com/')}`,
        `${RELAY}?url=${encodeURIComponent(`${f}/dialects-evil/services`)}`,
        `${RELAY}?url=${encodeURIComponent(`${f}/dialects/../directories/bay-health/services`)}`,
        `${RELAY}?url=${encodeURIComponent(`file:///etc/passwd`)}`,
        `${RELAY}/99/services`,
      ];
      for (const path of refused) {
        const res = await get(path);
        assert.equal(res.status, 403, path);
        assert.match(res.headers.get('content-type') ?? '', /^application\/json/, path);
        assert.equal(((await res.json()) as { code: string }).code, 'service_finder_relay_forbidden', path);
      }
      // Climbing out of an allowed path. In /wp-json/ form WordPress itself already refuses these
      // (no route after it decodes the path: 404); in ?rest_route= form the relay sees them (403).
      const climbing = [
        `${RELAY}/0/%2e%2e/directories/bay-health/services`,
        `${RELAY}/0/..%2fdirectories/bay-health/services`,
        `${RELAY}/0/oruk-v3%2f..%2f..%2fdirectories/bay-health/services`,
        `/?rest_route=${encodeURIComponent('/service-finder/v1/relay/0/../directories/bay-health/services')}`,
        `/?rest_route=${encodeURIComponent('/service-finder/v1/relay/0/oruk-v3/..%2f..%2fdirectories/bay-health/services')}`,
      ];
      for (const path of climbing) {
        // Raw request line: fetch() would resolve %2e%2e itself before sending.
        const res = await wp.rawGet(path);
        assert.ok([403, 404].includes(res.status), `${path} answered ${res.status}`);
        assert.match(res.type, /^application\/json/, path);
      }
      assert.equal((await wp.rawGet(climbing[3])).status, 403);
      const allowed = await get(`${RELAY}?url=${encodeURIComponent(`${f}/dialects/oruk-v1/services?per_page=1`)}`);
      assert.equal(allowed.status, 200);
      const post = await fetch(`${wp.origin}${RELAY}/0/oruk-v1/services`, { method: 'POST' });
      assert.ok([404, 405].includes(post.status), `POST answered ${post.status}`);
      const log = await fixtureLog(f);
      assert.ok(!log.some((line) => line.startsWith('/directories/bay-health')), 'a refused URL reached the directory');
    });

    it('answers at ?rest_route= and /index.php/wp-json/ too, and the shortcode uses the latter with plain permalinks', async () => {
      const viaQuery = await get(`/?rest_route=${encodeURIComponent('/service-finder/v1/relay/0/oruk-v3/services')}&per_page=1`);
      assert.equal(viaQuery.status, 200);
      assert.equal(((await viaQuery.json()) as { contents: unknown[] }).contents.length, 1);
      const viaPathInfo = await get(`/index.php${RELAY}/0/oruk-v3/services?per_page=1`);
      assert.equal(viaPathInfo.status, 200);

      // A site with plain permalinks: the shortcode writes /index.php/wp-json/… and the element's requests work.
      const [, plainOutput] = wp.run<[string, string]>([
        { do: 'permalinks', structure: '' },
        { do: 'shortcode', text: `[service_finder endpoints="${f}/dialects/oruk-v3"]` },
      ]);
      try {
        const directories = /directories="([^"]+)"/.exec(plainOutput)![1].replaceAll('&quot;', '"');
        const base = (JSON.parse(directories) as Array<{ url: string }>)[0].url;
        assert.equal(base, `${wp.origin}/index.php${RELAY}/0/oruk-v3`);
        // What the element does with a base: append /services, set page and per_page.
        const url = new URL(base);
        url.pathname += '/services';
        url.searchParams.set('per_page', '1');
        const res = await fetch(url, { redirect: 'manual' });
        assert.equal(res.status, 200);
        assert.equal(((await res.json()) as { contents: unknown[] }).contents.length, 1);
      } finally {
        wp.run([{ do: 'permalinks', structure: '/%postname%/' }]);
      }
    });

    it('is off unless switched on', async () => {
      const [settings] = wp.run<[Record<string, unknown>]>([{ do: 'option', name: 'service_finder_settings' }]);
      wp.run([{ do: 'set-option', name: 'service_finder_settings', value: { ...settings, relay: false } }]);
      try {
        const res = await get(`${RELAY}/0/oruk-v3/services`);
        assert.equal(res.status, 403);
        assert.equal(((await res.json()) as { code: string }).code, 'service_finder_relay_off');
        const [output] = wp.run<[string]>([{ do: 'shortcode', text: `[service_finder endpoints="${f}/dialects/oruk-v3"]` }]);
        assert.ok(output.includes(`endpoints="${f}/dialects/oruk-v3"`), output);
      } finally {
        wp.run([{ do: 'set-option', name: 'service_finder_settings', value: settings }]);
      }
    });
  });

  describe('shortcode attributes', () => {
    it('sanitises every attribute by type and escapes what it writes', () => {
      const cases: Array<[string, string]> = [
        [
          `[service_finder endpoints="${f}/dialects/oruk-v3 javascript:alert(1) https://not-allowed.example/api ${f}/dialects/oruk-v3" relay="no" near='"><script>alert(1)</script>' radius="2.50" age="65+" access="drop-in, evil self-referral" category="Parenting, Money & debt" free="yes" strict="true" view="list,map,bogus" hide_search="yes" lang="cy" geocoder="${f}/postcodes.io" url-state="full" timeout="5000" max_pages="3" id="main finder"]`,
          `<service-finder id="mainfinder" endpoints="${f}/dialects/oruk-v3" near="&quot;&gt;" radius="2.5" age="65+" access="drop-in self-referral" category="Parenting,Money &amp; debt" free strict hide-search view="list map" lang="cy" geocoder="${f}/postcodes.io" url-state="full" timeout="5000" max-pages="3"></service-finder>`,
        ],
        [
          `[service_finder relay="no" near="CF62 4AB" radius="5e3" age="<img src=x>" access="everyone" free="no" view="grid" lang="fr" geocoder="javascript:alert(1)" url_state="sometimes" timeout="9" max_pages="-1"]`,
          `<service-finder endpoints="${f}/dialects/oruk-v3" near="CF62 4AB" radius="3" geocoder="${f}/postcodes.io"></service-finder>`,
        ],
        // The geocoder hears the postcodes people type: a shortcode may not send them elsewhere. Only
        // the settings page's geocoder and place list, or addresses under an allowed directory URL.
        [
          `[service_finder relay="no" geocoder="https://harvest.example/postcodes" places="https://harvest.example/places.json"]`,
          `<service-finder endpoints="${f}/dialects/oruk-v3" radius="3" geocoder="${f}/postcodes.io"></service-finder>`,
        ],
        [
          `[service_finder relay="no" geocoder="${f}/dialects/geocoder" places="${f}/dialects/places.json"]`,
          `<service-finder endpoints="${f}/dialects/oruk-v3" radius="3" geocoder="${f}/dialects/geocoder" places="${f}/dialects/places.json"></service-finder>`,
        ],
        // A directory named on the settings page goes as `directories`, with its name, read directly.
        [
          `[service_finder endpoints="${f}/broken/no-cors/" relay="no"]`,
          `<service-finder directories="[{&quot;url&quot;:&quot;${f}/broken/no-cors/&quot;,&quot;name&quot;:&quot;Council directory: adults &amp; families&quot;}]" radius="3" geocoder="${f}/postcodes.io"></service-finder>`,
        ],
        [
          `[service_finder relay="no" category='a" onmouseover="x' near="1 &lt; 2"]`,
          `<service-finder endpoints="${f}/dialects/oruk-v3" near="1 &lt; 2" radius="3" category="a&quot; onmouseover=&quot;x" geocoder="${f}/postcodes.io"></service-finder>`,
        ],
        [
          `[service_finder endpoints="${f}/dialects/oruk-v1" age="7"]`,
          `<service-finder directories="[{&quot;url&quot;:&quot;${wp.origin}${RELAY}/0/oruk-v1&quot;,&quot;source&quot;:&quot;${f}/dialects/oruk-v1&quot;}]" radius="3" age="7" geocoder="${f}/postcodes.io"></service-finder>`,
        ],
        // Needs by id: lower-case words and hyphens, each once; anything else is dropped.
        [
          `[service_finder relay="no" need="lonely, money-debt <b> Lonely x;y"]`,
          `<service-finder endpoints="${f}/dialects/oruk-v3" radius="3" need="lonely money-debt" geocoder="${f}/postcodes.io"></service-finder>`,
        ],
        // The filters: a real date, known ways of taking part and details, switches; anything else is dropped.
        [
          `[service_finder relay="no" date="2026-12-10" open_now="yes" attendance="online, phone carrier-pigeon" hide-stale="1" require="referral times bogus"]`,
          `<service-finder endpoints="${f}/dialects/oruk-v3" radius="3" date="2026-12-10" attendance="online phone" require="referral times" open-now hide-stale geocoder="${f}/postcodes.io"></service-finder>`,
        ],
        [
          `[service_finder relay="no" date="2026-02-30" open_now="no" attendance="<b>" require="everything"]`,
          `<service-finder endpoints="${f}/dialects/oruk-v3" radius="3" geocoder="${f}/postcodes.io"></service-finder>`,
        ],
        // The relay forwards only page and per_page: a directory whose address has a query of its own is read directly.
        [
          `[service_finder endpoints="${f}/dialects/oruk-v1?taxonomy_id=7"]`,
          `<service-finder directories="[{&quot;url&quot;:&quot;${f}/dialects/oruk-v1?taxonomy_id=7&quot;}]" radius="3" geocoder="${f}/postcodes.io"></service-finder>`,
        ],
      ];
      const outputs = wp.run<string[]>(cases.map(([text]) => ({ do: 'shortcode', text })));
      cases.forEach(([, expected], i) => {
        const element = outputs[i].replace(/<noscript>.*<\/noscript>$/s, '');
        assert.equal(element, expected, cases[i][0]);
        assert.ok(!/<script/i.test(outputs[i]));
      });
    });

    it('keeps a hostile page inert in the browser', async () => {
      const { page, context, errors } = await visit(pages.hostile);
      try {
        await page.waitForFunction(
          () =>
            customElements.get('service-finder') !== undefined &&
            [...document.querySelectorAll('service-finder')].every((el) => el.shadowRoot?.querySelector('sf-search')),
          undefined,
          { timeout: 15_000 },
        );
        const finders = page.locator('service-finder');
        assert.equal(await finders.count(), 2);
        assert.equal(await finders.first().getAttribute('near'), '" autofocus onfocus="window.__xss=1');
        assert.equal(await finders.first().getAttribute('category'), 'a" onmouseover="window.__xss=2');
        assert.equal(await finders.first().getAttribute('lang'), null);
        await page.locator('service-finder').first().hover();
        await page.waitForTimeout(300);
        assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
        assert.equal(await page.locator('img[src="x"], script:not([src]):has-text("__xss")').count(), 0);
        for (const finder of await finders.all()) {
          const attrs = await finder.evaluate((el) => el.getAttributeNames());
          assert.ok(
            attrs.every((a) => !a.startsWith('on') && a !== 'autofocus'),
            attrs.join(' '),
          );
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  });

  it('works with a block theme too (twentytwentythree: the module is printed before the content)', async () => {
    wp.run([{ do: 'theme', theme: 'twentytwentythree' }]);
    try {
      const { page, context, errors } = await visit(pages.direct);
      try {
        await someResults(page);
        assert.equal(await page.locator('script[type="module"][src*="service-finder.js"]').count(), 1);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    } finally {
      wp.run([{ do: 'theme', theme: 'twentytwentyone' }]);
    }
  });

  it('logs no PHP errors, warnings or notices from the plugin', () => {
    assert.deepEqual(wp.pluginLog(), []);
  });
});
