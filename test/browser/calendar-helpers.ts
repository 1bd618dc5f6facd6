// What the <sf-calendar> tests share: the directories, a fixed clock, and reading the grid.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FIXTURES } from './fixtures.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import type { SfCalendar } from '../../src/components/sf-calendar/sf-calendar.js';
import { deepActive, inner, loaded, settle } from './helpers.js';

export const V3 = `${FIXTURES}/dialects/oruk-v3`;
export const OA = `${FIXTURES}/openactive/session-series`;
/** Wednesday 21 October 2026, 10:00 in London: the week the clocks go back (Sunday 25th). */
export const NOW = new Date('2026-10-21T09:00:00Z');
export const now = () => NOW;
export const DAY_MS = 86_400_000;
export const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const dayOfIso = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

export async function finder(template: ReturnType<typeof html>): Promise<{ el: ServiceFinder; cal: SfCalendar; wrapper: HTMLElement }> {
  const wrapper = await fixture<HTMLElement>(template);
  const el = (wrapper.localName === 'service-finder' ? wrapper : wrapper.querySelector('service-finder')!) as ServiceFinder;
  await loaded(el);
  const cal = (el.shadowRoot!.querySelector('sf-calendar') ?? el.querySelector('sf-calendar')) as SfCalendar;
  await settle(el);
  return { el, cal, wrapper };
}

export const cellOf = (cal: SfCalendar, iso: string) => inner(cal, `[role="gridcell"][data-date="${iso}"]`);
/** What a screen reader announces for a day cell (its hidden label; the visible parts are aria-hidden). */
export const labelOf = (cal: SfCalendar, iso: string) => cellOf(cal, iso).querySelector('.label')!.textContent!.trim();
/** The time shown for one session in the chosen day's list. */
export function timeShown(cal: SfCalendar, iso: string, id: string): string {
  expect(inner(cal, '[part~="day-panel"]').dataset.day).to.equal(String(dayOfIso(iso)));
  return inner(cal, `[part~="day-panel"] [data-id="${CSS.escape(id)}"] .time`).textContent!.trim();
}
export const focusedDate = () => (deepActive() as HTMLElement | null)?.dataset.date;
export async function press(el: Element, key: string) {
  await sendKeys({ press: key });
  await settle(el);
}

/** Captures the next file download (the Blob URL the element clicks) instead of saving it. */
export async function captureDownload(action: () => void): Promise<{ name: string; type: string; text: string }> {
  const original = HTMLAnchorElement.prototype.click;
  let got: { href: string; download: string } | undefined;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (this.download) got = { href: this.href, download: this.download };
    else original.call(this);
  };
  try {
    action();
  } finally {
    HTMLAnchorElement.prototype.click = original;
  }
  expect(got, 'a download was started').to.not.equal(undefined);
  expect(got!.href.startsWith('blob:')).to.equal(true);
  const response = await fetch(got!.href);
  return { name: got!.download, type: response.headers.get('content-type') ?? '', text: await response.text() };
}
