import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import type { SfCalendar } from '../../src/components/sf-calendar/sf-calendar.js';
import type { SfService } from '../../src/components/sf-service/sf-service.js';
import { uiFor } from '../../src/components/finder-ui.js';
import { seriesExportable } from '../../src/store/ics.js';
import { localParts, weekdayOf } from '../../src/engine/schedule.js';
import { deepActive, inner, loaded, resetUrl, settle } from './helpers.js';

const V3 = `${FIXTURES}/dialects/oruk-v3`;
const OA = `${FIXTURES}/openactive/session-series`;
/** Wednesday 21 October 2026, 10:00 in London: the week the clocks go back (Sunday 25th). */
const NOW = new Date('2026-10-21T09:00:00Z');
const now = () => NOW;
const DAY_MS = 86_400_000;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayOfIso = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

async function finder(template: ReturnType<typeof html>): Promise<{ el: ServiceFinder; cal: SfCalendar; wrapper: HTMLElement }> {
  const wrapper = await fixture<HTMLElement>(template);
  const el = (wrapper.localName === 'service-finder' ? wrapper : wrapper.querySelector('service-finder')!) as ServiceFinder;
  await loaded(el);
  const cal = (el.shadowRoot!.querySelector('sf-calendar') ?? el.querySelector('sf-calendar')) as SfCalendar;
  await settle(el);
  return { el, cal, wrapper };
}

const cellOf = (cal: SfCalendar, iso: string) => inner(cal, `[role="gridcell"][data-date="${iso}"]`);
/** What a screen reader announces for a day cell (its hidden label; the visible parts are aria-hidden). */
const labelOf = (cal: SfCalendar, iso: string) => cellOf(cal, iso).querySelector('.label')!.textContent!.trim();
/** The time shown for one session in the chosen day's list. */
function timeShown(cal: SfCalendar, iso: string, id: string): string {
  expect(inner(cal, '[part~="day-panel"]').dataset.day).to.equal(String(dayOfIso(iso)));
  return inner(cal, `[part~="day-panel"] [data-id="${CSS.escape(id)}"] .time`).textContent!.trim();
}
const focusedDate = () => (deepActive() as HTMLElement | null)?.dataset.date;
async function press(el: Element, key: string) {
  await sendKeys({ press: key });
  await settle(el);
}

/** Captures the next file download (the Blob URL the element clicks) instead of saving it. */
async function captureDownload(action: () => void): Promise<{ name: string; type: string; text: string }> {
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

describe('<sf-calendar>', () => {
  afterEach(resetUrl);

  it('shows this week’s sessions of the results, in Europe/London, across the clock change', async () => {
    const { el, cal } = await finder(
      html`<div style="width: 1000px">
        <service-finder url-state="off" view="calendar" endpoints=${V3} .now=${now}></service-finder>
      </div>`,
    );
    expect(cal.currentView).to.equal('week');
    expect(cal.range).to.deep.equal({ from: '2026-10-19', to: '2026-10-25' });
    expect(inner(cal, '[part~="range"]').textContent).to.equal('19 October 2026 to 25 October 2026');
    // Only the calendar: no list.
    expect(el.shadowRoot!.querySelector('sf-results')).to.equal(null);

    // 508 sessions, counted by hand from demo/data/services.json (what /dialects/oruk-v3 serves, without
    // closures or dated sessions) for Monday 19 to Sunday 25 October 2026: of the 392 active services'
    // schedules, weekly ones every week give 435, weekly ones within their validFrom/validTo 35, every-
    // other-week ones whose week from their dtstart this is 29, and monthly ones whose nth weekday of
    // October falls in the week 9; the 16 schedules given only in words give none.
    expect(cal.items.length).to.equal(508);

    const cells = cal.shadowRoot!.querySelectorAll<HTMLElement>('[role="gridcell"]');
    expect(cells.length).to.equal(7);
    expect([...cells].filter((c) => c.tabIndex === 0).map((c) => c.dataset.date)).to.deep.equal(['2026-10-21']);
    const wednesday = cellOf(cal, '2026-10-21');
    expect(wednesday.getAttribute('aria-current')).to.equal('date');
    expect(wednesday.getAttribute('aria-selected')).to.equal('true');
    const onWednesday = cal.items.filter((i) => isoOf(i.day) === '2026-10-21').length;
    expect(labelOf(cal, '2026-10-21')).to.match(new RegExp(`^Wednesday,? 21 October 2026, ${onWednesday} sessions$`));
    expect(wednesday.querySelector('.num')!.getAttribute('aria-hidden')).to.equal('true');
    // The chosen day's sessions are listed under the grid.
    const panel = inner(cal, '[part~="day-panel"]');
    expect(inner(cal, '#day-title').textContent).to.equal('On Wednesday 21 October');
    expect(panel.querySelectorAll('[part~="occurrence"]').length).to.equal(onWednesday);

    // The clocks go back on Sunday 25 October: a weekly session keeps its local time, an hour later in UTC.
    const tuesday = cal.items.find(
      (i) => isoOf(i.day) === '2026-10-20' && !i.occurrence.session && i.occurrence.schedule.freq === 'WEEKLY' && i.occurrence.end,
    )!;
    cellOf(cal, '2026-10-20').click();
    await settle(el);
    const bst = timeShown(cal, '2026-10-20', tuesday.id);
    expect(bst).to.equal(`${tuesday.occurrence.schedule.opensAt}–${tuesday.occurrence.schedule.closesAt}`);
    inner<HTMLButtonElement>(cal, '[data-step="1"]').click();
    await settle(el);
    expect(cal.range).to.deep.equal({ from: '2026-10-26', to: '2026-11-01' });
    cellOf(cal, '2026-10-27').click();
    await settle(el);
    const later = cal.items.find(
      (i) =>
        i.service.key === tuesday.service.key && isoOf(i.day) === '2026-10-27' && i.occurrence.schedule === tuesday.occurrence.schedule,
    )!;
    expect(timeShown(cal, '2026-10-27', later.id)).to.equal(bst);
    expect(+later.occurrence.start - +tuesday.occurrence.start).to.equal(7 * DAY_MS + 3_600_000);
  });

  it('uses the same query: a keyword or a day narrows the sessions', async () => {
    const { el, cal } = await finder(
      html`<div style="width: 1000px">
        <service-finder url-state="off" view="calendar week" endpoints=${V3} .now=${now}></service-finder>
      </div>`,
    );
    const all = cal.items.length;
    await el.store!.setQuery({ days: ['TU'] });
    await settle(el);
    expect(cal.items.length).to.be.greaterThan(0);
    expect(cal.items.length).to.be.lessThan(all);
    expect(cal.items.every((i) => isoOf(i.day) === '2026-10-20')).to.equal(true);
    await el.store!.setQuery({ days: undefined, text: 'tai chi' });
    await settle(el);
    const keys = new Set(el.store!.results.map((r) => r.service.key));
    expect(cal.items.length).to.be.greaterThan(0);
    expect(cal.items.every((i) => keys.has(i.service.key))).to.equal(true);
  });

  it('shows only full matches: services that do not say where they are are counted, not put in a search within 5 km', async () => {
    const { el, cal } = await finder(
      html`<div style="width: 1000px">
        <service-finder url-state="off" view="calendar agenda" endpoints=${V3} near="51.40,-3.27" radius="5" .now=${now}></service-finder>
      </div>`,
    );
    const store = el.store!;
    const partial = store.results.slice(store.matched);
    // Records with an address but no coordinates, some of them weekly (e.g. a community garden in Llanrumney, 15 km away).
    const weekly = partial.filter((r) => r.service.schedules?.some((s) => s.freq === 'WEEKLY' && !s.validTo));
    expect(weekly.length, 'partial matches that run every week').to.be.greaterThan(0);
    const full = new Set(store.results.slice(0, store.matched).map((r) => r.service.key));
    expect(cal.items.length).to.be.greaterThan(0);
    expect(cal.items.every((i) => full.has(i.service.key))).to.equal(true);
    expect(inner(cal, '[part~="partial-note"]').textContent!.trim()).to.equal(
      `${partial.length} more services may match but are not shown: they do not say where they are.`,
    );
  });

  it('lists schedules given only in words as their words, never as dates', async () => {
    const { el, cal } = await finder(
      html`<div style="width: 1000px">
        <service-finder url-state="off" view="calendar" endpoints=${V3} .now=${now}></service-finder>
      </div>`,
    );
    const wordy = el.store!.results.filter((r) => r.service.schedules?.some((s) => s.description && !s.freq && !s.byday));
    expect(wordy.length).to.be.greaterThan(0);
    const undated = inner(cal, '[part~="undated"]');
    expect(undated.querySelector('h3')!.textContent).to.equal('Times given in words only');
    for (const r of wordy) {
      const text = r.service.schedules!.find((s) => s.description)!.description!;
      const entry = [...undated.querySelectorAll('li')].find((li) => li.querySelector('a')!.dataset.key === r.service.key);
      expect(entry, r.service.name).to.not.equal(undefined);
      expect(entry!.textContent).to.contain(text);
    }
    const keys = new Set(wordy.filter((r) => !r.service.schedules!.some((s) => s.freq)).map((r) => r.service.key));
    expect(cal.items.some((i) => keys.has(i.service.key))).to.equal(false);
  });

  it('keyboard: arrows, Home/End, Page Up/Down move a roving focus; Enter lists the day; a session opens the service and focus comes back', async () => {
    const { el, cal } = await finder(
      html`<div style="width: 1000px">
        <service-finder url-state="off" view="calendar" endpoints=${V3} .now=${now}></service-finder>
      </div>`,
    );
    cellOf(cal, '2026-10-21').focus();
    const moves: Array<[string, string]> = [
      ['ArrowRight', '2026-10-22'],
      ['ArrowLeft', '2026-10-21'],
      ['ArrowLeft', '2026-10-20'],
      ['ArrowDown', '2026-10-27'], // into next week
      ['ArrowUp', '2026-10-20'],
      ['Home', '2026-10-19'],
      ['ArrowLeft', '2026-10-18'], // into last week
      ['ArrowRight', '2026-10-19'],
      ['End', '2026-10-25'],
      ['PageDown', '2026-11-25'],
      ['PageUp', '2026-10-25'],
    ];
    for (const [key, date] of moves) {
      await press(el, key);
      expect(focusedDate(), `${key} → ${date}`).to.equal(date);
      const tabbable = [...cal.shadowRoot!.querySelectorAll<HTMLElement>('[role="gridcell"]')].filter((c) => c.tabIndex === 0);
      expect(tabbable.map((c) => c.dataset.date)).to.deep.equal([date]);
      expect(cal.range.from <= date && date <= cal.range.to).to.equal(true);
    }
    expect(labelOf(cal, '2026-10-25')).to.match(/^Sunday,? 25 October 2026, /);

    // Enter lists the day and moves focus to its heading.
    await press(el, 'Enter');
    expect(cellOf(cal, '2026-10-25').getAttribute('aria-selected')).to.equal('true');
    expect(deepActive()).to.equal(inner(cal, '#day-title'));
    expect(inner(cal, '#day-title').textContent).to.equal('On Sunday 25 October');
    // Escape goes back to the grid.
    await press(el, 'Escape');
    expect(focusedDate()).to.equal('2026-10-25');

    // Back to Wednesday, list it, Tab to the first session, Enter opens the service.
    for (let i = 0; i < 4; i++) await press(el, 'ArrowLeft');
    expect(focusedDate()).to.equal('2026-10-21');
    await press(el, 'Enter');
    await sendKeys({ press: 'Tab' });
    const link = deepActive() as HTMLAnchorElement;
    expect(link.matches('[part~="day-panel"] a.name')).to.equal(true);
    const key = link.dataset.key!;
    const selected = new Promise<string | undefined>((resolve) => el.addEventListener('sf-select', (e) => resolve(e.key), { once: true }));
    await press(el, 'Enter');
    expect(await selected).to.equal(key);
    await settle(el);
    expect(uiFor(el.store!).selected).to.equal(key);
    const service = inner(el, 'sf-service');
    expect(deepActive()).to.equal(inner(service, '[part~="detail-title"]'));
    expect(getComputedStyle(cal).display).to.equal('none');
    await press(el, 'Escape');
    await waitUntil(() => deepActive() === link, 'focus back on the session', { timeout: 3000 });
  });

  it('month view: a 5-week October, Page Down to November, buttons move by a month', async () => {
    const { el, cal } = await finder(
      html`<div style="width: 1000px">
        <service-finder url-state="off" view="calendar month" endpoints=${V3} .now=${now}></service-finder>
      </div>`,
    );
    expect(cal.currentView).to.equal('month');
    expect(inner(cal, '[part~="range"]').textContent).to.equal('October 2026');
    expect(cal.shadowRoot!.querySelectorAll('tbody tr').length).to.equal(5);
    expect(cal.range).to.deep.equal({ from: '2026-09-28', to: '2026-11-01' });
    expect(cellOf(cal, '2026-09-28').getAttribute('part')).to.contain('day-outside');
    // A day's count says what it counts where the cell has room; a phone's narrow month shows the number.
    const busy = isoOf(cal.items.find((i) => !i.cancelled && isoOf(i.day).startsWith('2026-10'))!.day);
    const n = cal.items.filter((i) => !i.cancelled && isoOf(i.day) === busy).length;
    const shown = () => cellOf(cal, busy).querySelector<HTMLElement>('.count')!.innerText.trim();
    expect(shown()).to.equal(n === 1 ? '1 session' : `${n} sessions`);
    (el.parentElement as HTMLElement).style.width = '360px';
    await waitUntil(() => shown() === String(n), 'the number alone when narrow', { timeout: 3000 });
    (el.parentElement as HTMLElement).style.width = '1000px';
    await waitUntil(() => shown() !== String(n), 'words again when wide', { timeout: 3000 });
    cellOf(cal, '2026-10-21').focus();
    await press(el, 'PageDown');
    expect(focusedDate()).to.equal('2026-11-21');
    expect(inner(cal, '[part~="range"]').textContent).to.equal('November 2026');
    inner<HTMLButtonElement>(cal, '[data-step="1"]').click();
    await settle(el);
    expect(inner(cal, '[part~="range"]').textContent).to.equal('December 2026');
    inner<HTMLButtonElement>(cal, '[data-step="0"]').click();
    await settle(el);
    expect(inner(cal, '[part~="range"]').textContent).to.equal('October 2026');
    inner<HTMLButtonElement>(cal, '[data-view="week"]').click();
    await settle(el);
    expect(cal.getAttribute('view')).to.equal('week');
    expect(cal.range.from).to.equal('2026-10-19');
  });

  it('agenda is the default when narrow; widening shows the week', async () => {
    const { el, cal, wrapper } = await finder(
      html`<div style="width: 360px">
        <service-finder url-state="off" view="calendar" endpoints=${V3} .now=${now}></service-finder>
      </div>`,
    );
    expect(cal.currentView).to.equal('agenda');
    expect(cal.shadowRoot!.querySelector('[role="grid"]')).to.equal(null);
    const days = [...cal.shadowRoot!.querySelectorAll<HTMLElement>('[part~="agenda-day"]')];
    expect(days.map((d) => d.dataset.date)).to.deep.equal([
      '2026-10-21',
      '2026-10-22',
      '2026-10-23',
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
      '2026-10-27',
    ]);
    expect(days[0].querySelector('h3')!.textContent).to.match(/^\s*Wednesday 21 October\s+Today\s*$/);
    expect(days[0].querySelectorAll('[part~="occurrence"]').length).to.equal(cal.items.filter((i) => isoOf(i.day) === '2026-10-21').length);
    expect(inner(cal, '[data-step="1"]').textContent!.trim()).to.equal('Next 7 days');
    await expect(el).to.be.accessible();
    // Wide, the form sits beside the calendar, which takes two thirds of the finder: over 600px of 1000.
    wrapper.style.width = '1000px';
    await waitUntil(() => cal.currentView === 'week', 'week view when wide', { timeout: 3000 });
    await settle(el);
    expect(cal.shadowRoot!.querySelector('[role="grid"]')).to.not.equal(null);
  });

  it('the agenda gives days in a row with nothing listed one heading, and keeps today and days with sessions apart', async () => {
    const { el, cal } = await finder(
      html`<service-finder url-state="off" endpoints=${V3} .now=${now}>
        <sf-calendar view="agenda"></sf-calendar>
      </service-finder>`,
    );
    await el.store!.setQuery({ days: ['SA'] });
    await settle(el);
    // Wednesday 21 October is today; only Saturday 24 has sessions.
    expect(cal.items.length).to.be.greaterThan(0);
    expect(cal.items.every((i) => isoOf(i.day) === '2026-10-24')).to.equal(true);
    const days = [...cal.shadowRoot!.querySelectorAll<HTMLElement>('[part~="agenda-day"]')];
    expect(days.map((d) => d.querySelector('h3')!.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Wednesday 21 October Today',
      'Thursday 22 October to Friday 23 October',
      'Saturday 24 October',
      'Sunday 25 October to Tuesday 27 October',
    ]);
    expect(days.map((d) => d.querySelector('p.muted')?.textContent)).to.deep.equal([
      'Nothing listed on this day.',
      'Nothing listed on these days.',
      undefined,
      'Nothing listed on these days.',
    ]);
    expect(days[2].querySelectorAll('[part~="occurrence"]').length).to.equal(cal.items.length);
    await expect(el).to.be.accessible();
  });

  it('the agenda length and first day come from `days` and `start`', async () => {
    const { el, cal } = await finder(
      html`<service-finder url-state="off" endpoints=${V3} .now=${now}>
        <sf-calendar view="agenda" start="2026-10-26" days="3"></sf-calendar>
      </service-finder>`,
    );
    expect(cal.range).to.deep.equal({ from: '2026-10-26', to: '2026-10-28' });
    expect(cal.shadowRoot!.querySelectorAll('[part~="agenda-day"]').length).to.equal(3);
    inner<HTMLButtonElement>(cal, '[data-step="1"]').click();
    await settle(el);
    expect(cal.range).to.deep.equal({ from: '2026-10-29', to: '2026-10-31' });
  });

  it('Welsh month and day names with lang="cy"', async () => {
    const { el, cal } = await finder(
      html`<div style="width: 1000px">
        <service-finder lang="cy" url-state="off" view="calendar month" endpoints=${V3} .now=${now}></service-finder>
      </div>`,
    );
    expect(inner(cal, '[part~="range"]').textContent).to.equal('Hydref 2026');
    expect([...cal.shadowRoot!.querySelectorAll('th abbr')].map((a) => a.textContent)).to.deep.equal([
      'Llun',
      'Maw',
      'Mer',
      'Iau',
      'Gwe',
      'Sad',
      'Sul',
    ]);
    expect(inner(cal, 'th abbr').getAttribute('title')).to.equal('Dydd Llun');
    expect(labelOf(cal, '2026-10-21')).to.match(/^Dydd Mercher 21 Hydref 2026, \d+ sesiwn$/);
    expect(inner(cal, '[data-view="week"]').textContent!.trim()).to.equal('Wythnos');
    expect(inner(cal, '#day-title').textContent).to.equal('Ar Dydd Mercher 21 Hydref');
    await expect(el).to.be.accessible();
    inner<HTMLButtonElement>(cal, '[data-view="agenda"]').click();
    await settle(el);
    expect(inner(cal, '[part~="agenda-day"] h3').textContent).to.match(/^\s*Dydd Mercher 21 Hydref\s+Heddiw\s*$/);
  });

  it('is accessible (axe) in the week and month views, with a day listed', async () => {
    const { el, cal } = await finder(
      html`<div style="width: 1000px">
        <service-finder url-state="off" view="calendar week" endpoints=${V3} .now=${now}></service-finder>
      </div>`,
    );
    await expect(el).to.be.accessible();
    cellOf(cal, '2026-10-23').click();
    await settle(el);
    await expect(el).to.be.accessible();
    inner<HTMLButtonElement>(cal, '[data-view="month"]').click();
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('shows a cancelled OpenActive session as cancelled', async () => {
    // The fixture feeds follow the real clock: the cancelled swim is next week's Wednesday at 18:00.
    const today = localParts(new Date()).day;
    const wednesday = today - weekdayOf(today) + 7 + 2;
    const { el, cal } = await finder(
      html`<div style="width: 1000px">
        <service-finder url-state="off" endpoints=${OA}>
          <sf-calendar view="week" start=${isoOf(wednesday)}></sf-calendar>
          <sf-service></sf-service>
        </service-finder>
      </div>`,
    );
    const cancelled = cal.items.filter((i) => i.cancelled);
    expect(cancelled.map((i) => [i.service.name, isoOf(i.day)])).to.deep.equal([['Women Only Swim', isoOf(wednesday)]]);
    expect(labelOf(cal, isoOf(wednesday))).to.match(/, 1 cancelled$/);
    const item = inner(cal, '[part~="day-panel"] [part~="occurrence-cancelled"]');
    expect(item.querySelector('.name')!.textContent).to.equal('Women Only Swim');
    expect(item.querySelector('[part~="cancelled"]')!.textContent).to.equal('Cancelled');
    expect(item.querySelector('.time')!.textContent).to.equal('18:00–19:00');
    expect(getComputedStyle(item.querySelector('.name')!).textDecorationLine).to.equal('line-through');
    // Nothing to add to a calendar for a cancelled session.
    expect(item.querySelector('[part~="ics-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('“Add to calendar” downloads an .ics file: one session, the recurring series, the shortlist', async () => {
    const { el, cal } = await finder(
      html`<div style="width: 1000px">
        <service-finder url-state="off" view="calendar" endpoints=${V3} .now=${now}></service-finder>
      </div>`,
    );
    const first = cal.items.find((i) => isoOf(i.day) === '2026-10-21' && !i.occurrence.session && i.occurrence.end)!;
    const row = inner(cal, `[part~="day-panel"] [data-id="${CSS.escape(first.id)}"]`);
    const button = row.querySelector<HTMLButtonElement>('[part~="ics-button"]')!;
    expect(button.textContent).to.contain(`Add to calendar: ${first.service.name}, Wednesday 21 October`);
    const one = await captureDownload(() => button.click());
    expect(one.name).to.match(/-2026-10-21\.ics$/);
    expect(one.type).to.contain('text/calendar');
    const unfolded = one.text.replace(/\r\n /g, '');
    expect(one.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).to.equal(true);
    expect(one.text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).to.equal(true);
    expect(unfolded).to.contain('BEGIN:VTIMEZONE\r\nTZID:Europe/London');
    const opens = first.occurrence.schedule.opensAt!.replace(':', '').slice(0, 4);
    expect(unfolded).to.contain(`DTSTART;TZID=Europe/London:20261021T${opens}00`);
    expect(unfolded).to.contain('DTSTAMP:20261021T090000Z');
    expect(unfolded).to.contain(`SUMMARY:${first.service.name.replace(/([,;\\])/g, '\\$1')}`);
    expect(unfolded).to.match(/UID:[^\r]+@service-finder-elements/);
    expect(unfolded.slice(unfolded.indexOf('BEGIN:VEVENT'))).to.not.contain('RRULE');

    // The detail: the recurring series, with its RRULE.
    row.querySelector<HTMLAnchorElement>('a.name')!.click();
    await settle(el);
    const service = inner(el, 'sf-service');
    const series = inner<HTMLButtonElement>(service, '[part~="ics-series-button"]');
    expect(series.textContent!.trim()).to.match(/^Add to calendar: /);
    const file = await captureDownload(() => series.click());
    expect(file.text.replace(/\r\n /g, '')).to.match(/\r\nRRULE:FREQ=(WEEKLY|MONTHLY)[^\r]*BYDAY=[^\r]+\r\n/);
    const next = await captureDownload(() => inner<HTMLButtonElement>(service, '[part~="ics-next-button"]').click());
    expect(next.text).to.contain('BEGIN:VEVENT');

    // The shortlist: every session of the listed services over the next weeks.
    uiFor(el.store!).shortlist.clear();
    uiFor(el.store!).shortlist.add({ key: first.service.key, name: first.service.name });
    await settle(el);
    const shortlist = inner(el, 'sf-shortlist');
    const all = inner<HTMLButtonElement>(shortlist, '[part~="ics-button"]');
    expect(all.textContent!.trim()).to.equal('Add the next 8 weeks to your calendar');
    const list = await captureDownload(() => all.click());
    expect(list.name).to.equal('shortlist.ics');
    const events = list.text.match(/BEGIN:VEVENT/g)!.length;
    expect(events).to.be.greaterThan(1);
    expect(list.text).to.contain('X-WR-CALNAME:Shortlist');
    uiFor(el.store!).shortlist.clear();
  });

  it('the detail view writes a series’ .ics file when the button is pressed, not on every render', async () => {
    const { el } = await finder(html`<service-finder url-state="off" endpoints=${V3} .now=${now}></service-finder>`);
    const store = el.store!;
    const s = store.results.map((r) => r.service).find((x) => x.schedules?.some((sc) => seriesExportable(sc, NOW)))!;
    // Of what this page shows (a list and the detail), only the .ics writer reads a schedule's
    // locationId (for the series' UID and LOCATION): count the reads.
    let reads = 0;
    const restore = s.schedules!.map((sc) => {
      const own = Object.getOwnPropertyDescriptor(sc, 'locationId');
      const value = sc.locationId;
      Object.defineProperty(sc, 'locationId', { get: () => (reads++, value), configurable: true, enumerable: true });
      return () => (own ? Object.defineProperty(sc, 'locationId', own) : delete sc.locationId);
    });
    try {
      uiFor(store).select(s.key);
      await settle(el);
      const service = inner<SfService>(el, 'sf-service');
      service.requestUpdate();
      await settle(el);
      const button = inner<HTMLButtonElement>(service, '[part~="ics-series-button"]');
      expect(reads).to.equal(0, 'no .ics written to render the detail');
      const file = await captureDownload(() => button.click());
      expect(file.text).to.contain('RRULE:');
      expect(reads).to.be.greaterThan(0, 'the file is written on the press');
    } finally {
      for (const undo of restore) undo();
      uiFor(store).select(undefined);
    }
  });
});
