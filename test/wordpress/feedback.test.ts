// The WordPress plugin's "suggest a change" addresses and trust attributes, in a real WordPress
// (docs/trust.md): saved through the settings page (sanitised), written into the shortcode's
// `directories`, and followed by the finder on a published page to a per-record link.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { TRUST } from '../fixtures/trust.js';
import { launchChromium } from '../chromium.js';
import { finderLoaded, openRecorded } from '../e2e/strict-site.js';
import { buildPluginZip, startWordPress, wordpressSkip, type WordPressSite } from './wordpress-site.js';

const TEMPLATE = 'https://v3.example/feedback?service={id}';

describe('WordPress: "suggest a change" addresses and trust attributes', { skip: wordpressSkip(), timeout: 180_000 }, () => {
  let fixtures: FixtureServer;
  let wp: WordPressSite;
  let browser: Browser;
  let f: string;

  before(
    async () => {
      const ZIP = buildPluginZip();
      fixtures = await startFixtureServer();
      f = fixtures.url;
      wp = await startWordPress();
      const [installed] = wp.run<[{ active: boolean | string }]>([{ do: 'install-plugin', zip: ZIP }]);
      assert.equal(installed.active, true);
      browser = await launchChromium();
    },
    { timeout: 150_000 },
  );

  after(async () => {
    await browser?.close().catch(() => undefined);
    await wp?.stop();
    await fixtures?.close();
  });

  it('saves a template per directory through the settings page, sanitised; a bad line is ignored and said', async () => {
    const admin = await browser.newContext();
    try {
      const page = await admin.newPage();
      await page.goto(`${wp.origin}/wp-login.php`);
      await page.fill('#user_login', wp.admin.user);
      await page.fill('#user_pass', wp.admin.password);
      await Promise.all([page.waitForURL(/\/wp-admin\//), page.click('#wp-submit')]);
      await page.goto(`${wp.origin}/wp-admin/options-general.php?page=service-finder`);
      await page.fill('#service_finder_allowed', `${f}/trust`);
      await page.fill(
        '#service_finder_feedback',
        [
          `${f}/trust/v3 ${TEMPLATE}`,
          `${f}/trust/v1 javascript:alert({id})`,
          `${f}/trust/openactive https://{id}.evil.example/`,
          'not-an-address https://x.example/{id}',
        ].join('\n'),
      );
      await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
      const notices = (await page.locator('.notice, .updated, .error').allTextContents()).join(' | ');
      assert.match(notices, /Ignored ".*\/trust\/v1 javascript:alert\(\{id\}\)"/);
      assert.match(notices, /Ignored ".*https:\/\/\{id\}\.evil\.example\/"/);
      const [saved] = wp.run<[{ feedback: Record<string, string> }]>([{ do: 'option', name: 'service_finder_settings' }]);
      assert.deepEqual(saved.feedback, { [`${f}/trust/v3`]: TEMPLATE });
      // Shown again as written, so saving the page unchanged keeps it.
      assert.equal(await page.inputValue('#service_finder_feedback'), `${f}/trust/v3 ${TEMPLATE}`);
      await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
      const [again] = wp.run<[{ feedback: Record<string, string> }]>([{ do: 'option', name: 'service_finder_settings' }]);
      assert.deepEqual(again.feedback, { [`${f}/trust/v3`]: TEMPLATE });
    } finally {
      await admin.close();
    }
  });

  it('writes the template into the shortcode’s directories, and stale_after and no_images as attributes', () => {
    const [out] = wp.run<[string]>([
      { do: 'shortcode', text: `[service_finder endpoints="${f}/trust/v3 ${f}/trust/v1" relay="no" stale_after="365" no_images="yes"]` },
    ]);
    const element = out.replace(/<noscript>.*<\/noscript>$/s, '');
    const directories = JSON.stringify([{ url: `${f}/trust/v3`, feedbackUrl: TEMPLATE }, { url: `${f}/trust/v1` }]).replace(/"/g, '&quot;');
    assert.equal(element, `<service-finder directories="${directories}" no-images stale-after="365"></service-finder>`);
    const [bad] = wp.run<[string]>([
      { do: 'shortcode', text: `[service_finder endpoints="${f}/trust/v1" stale_after="soon" no_images="no"]` },
    ]);
    assert.equal(bad.replace(/<noscript>.*<\/noscript>$/s, ''), `<service-finder endpoints="${f}/trust/v1"></service-finder>`);
  });

  it('on a published page, a listing from that directory links to its template with its id', async () => {
    const [created] = wp.run<[{ url: string }]>([
      { do: 'page', title: 'Trust', slug: 'trust', content: `[service_finder endpoints="${f}/trust/v3" relay="no" url_state="off"]` },
    ]);
    const { page, context, errors } = await openRecorded(browser, created.url);
    try {
      await finderLoaded(page, true);
      const href = await page.evaluate(async (name) => {
        const el = document.querySelector('service-finder') as HTMLElement & {
          store: { services: Array<{ name: string; key: string }> };
          updateComplete: Promise<unknown>;
        };
        const key = el.store.services.find((s) => s.name === name)!.key;
        // Opened as a person would: the card's link (the detail view's code is fetched then, from the plugin's assets).
        const card = [...el.shadowRoot!.querySelector('sf-results')!.shadowRoot!.querySelectorAll<HTMLElement>('[part~="card"]')].find(
          (c) => c.dataset.key === key,
        )!;
        card.querySelector<HTMLAnchorElement>('h3 a')!.click();
        const detail = el.shadowRoot!.querySelector('sf-service')!;
        for (let i = 0; i < 200 && !detail.shadowRoot!.querySelector('a.suggest'); i++) await new Promise((r) => setTimeout(r, 100));
        return detail.shadowRoot!.querySelector<HTMLAnchorElement>('a.suggest')?.href;
      }, TRUST.lunch);
      assert.equal(href, 'https://v3.example/feedback?service=lunch-1');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
