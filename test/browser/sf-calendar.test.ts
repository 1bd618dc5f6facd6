import { expect, html } from '@open-wc/testing';
import '../../src/define.js';
import { localParts, weekdayOf } from '../../src/engine/schedule.js';
import { inner, resetUrl, settle } from './helpers.js';

import { V3, OA, now, DAY_MS, isoOf, finder, cellOf, labelOf, timeShown } from './calendar-helpers.js';

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
});
