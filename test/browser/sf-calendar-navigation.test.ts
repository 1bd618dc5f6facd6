import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { uiFor } from '../../src/components/finder-ui.js';
import { deepActive, inner, resetUrl, settle } from './helpers.js';

import { V3, now, isoOf, finder, cellOf, labelOf, focusedDate, press } from './calendar-helpers.js';

describe('<sf-calendar>: views and keyboard', () => {
  afterEach(resetUrl);

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
});
