import { expect, html } from '@open-wc/testing';
import '../../src/define.js';
import type { SfService } from '../../src/components/sf-service/shell.js';
import { uiFor } from '../../src/components/finder-ui.js';
import { seriesExportable } from '../../src/store/ics.js';
import { inner, resetUrl, settle } from './helpers.js';

import { V3, NOW, now, isoOf, finder, captureDownload } from './calendar-helpers.js';

describe('<sf-calendar>: “Add to calendar”', () => {
  afterEach(resetUrl);

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
