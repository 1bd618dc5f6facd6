/**
 * `npm run screenshots`: the demo's first screen at 1280×800 and 390×844 (one directory down), saved to
 * docs/images/ for the README. Starts `npm start` itself on free ports and drives the system Chromium.
 */
import { launchChromium } from '../test/chromium.js';
import { startDemo } from '../test/e2e/demo-server.js';
import { box, openFirstScreen, SIZES, type Size } from '../test/e2e/first-screen-measure.js';

const OUT = new URL('../docs/images/', import.meta.url);

const demo = await startDemo();
const browser = await launchChromium();
try {
  for (const size of Object.keys(SIZES) as Size[]) {
    const visit = await openFirstScreen(browser, demo.url, size);
    const file = new URL(`first-screen-${size}.png`, OUT);
    await visit.page.screenshot({ path: file.pathname });
    const name = await box(visit.page, 'sf-results [part~="card-title"]');
    console.log(`${file.pathname}: first result's name ends at y = ${Math.round(name.bottom)} of ${SIZES[size].height}`);
    await visit.close();
  }
} finally {
  await browser.close();
  demo.stop();
}
