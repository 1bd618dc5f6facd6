/**
 * The first screen of the demo's one-tag page (one directory down, its notice shown) at a given size: where the
 * results count and the first result's name are, for the first-screen test and `npm run screenshots`.
 */
import type { Browser, Page } from 'playwright-core';
import { finderLoaded, openRecorded, resultsCount, type Visit } from './strict-site.js';

export const SIZES = {
  wide: { width: 1280, height: 800 },
  narrow: { width: 390, height: 844 },
} as const;
export type Size = keyof typeof SIZES;

export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Opens the demo's one-tag page at `size`, once every directory is read (the broken one's notice shown, no
 * "still reading" notice left): the screen a person sees once it settles.
 */
export async function openFirstScreen(browser: Browser, demo: string, size: Size): Promise<Visit> {
  const visit = await openRecorded(browser, new URL('/', demo).href, (page) => void page.setViewportSize(SIZES[size]));
  await visit.page.setViewportSize(SIZES[size]);
  await resultsCount(visit.page, /\d+ services found/);
  await visit.page.locator('sf-results [part~="notice-failed"]').first().waitFor();
  await visit.page.locator('sf-results [part~="card-title"]').first().waitFor();
  await finderLoaded(visit.page, true);
  await visit.page.locator('sf-results [part~="notice-loading"]').first().waitFor({ state: 'detached', timeout: 30_000 });
  await visit.page.locator('sf-results').evaluate((el) => (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete);
  return visit;
}

export async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} has no box`);
  return { top: b.y, bottom: b.y + b.height, left: b.x, right: b.x + b.width };
}
