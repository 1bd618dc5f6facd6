/**
 * What `<sf-calendar>` and the .ics export need from the schedule expansion
 * (src/engine/schedule.ts), checked against RFC 5545. The first three were
 * found while building the calendar and fixed in the engine.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Schedule, Service } from '../../src/model/index.js';
import { occurrences } from '../../src/engine/schedule.js';

let n = 0;
function svc(schedules: Schedule[]): Service {
  const id = `c${++n}`;
  return { key: `a:${id}`, id, name: id, directory: { id: 'a', name: 'A', url: 'https://a.example/' }, schedules };
}
const dates = (s: Service, from: string, to: string) =>
  occurrences(s, new Date(from), new Date(to)).map((o) => o.start.toISOString().slice(0, 10));

describe('schedule expansion for the calendar', () => {
  it('every other week with no start date is not expanded (which weeks is not known)', () => {
    const s = svc([{ freq: 'WEEKLY', interval: 2, byday: [{ day: 'TU' }], opensAt: '10:00' }]);
    // Today the engine gives every Tuesday: twice as many sessions as there are.
    assert.deepEqual(dates(s, '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z'), []);
  });

  it('COUNT with no start date is not expanded (from when to count is not known)', () => {
    const s = svc([{ freq: 'WEEKLY', count: 2, byday: [{ day: 'TU' }], opensAt: '10:00' }]);
    assert.deepEqual(dates(s, '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z'), []);
  });

  it('MONTHLY with BYDAY and BYMONTHDAY is their intersection (RFC 5545: Friday the 13th)', () => {
    const s = svc([{ freq: 'MONTHLY', byday: [{ day: 'FR' }], bymonthday: [13], opensAt: '10:00' }]);
    assert.deepEqual(dates(s, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'), ['2026-02-13', '2026-03-13', '2026-11-13']);
  });

  it('a cancelled session is left out of occurrences (the calendar adds it back, marked cancelled)', () => {
    const s: Service = {
      ...svc([]),
      sessions: [
        { start: '2026-10-21T18:00:00+01:00', end: '2026-10-21T19:00:00+01:00' },
        { start: '2026-10-28T18:00:00Z', cancelled: true },
      ],
    };
    assert.deepEqual(dates(s, '2026-10-19T00:00:00Z', '2026-11-02T00:00:00Z'), ['2026-10-21']);
  });

  it('a weekly rule on the day the clocks go back keeps its local time', () => {
    const s = svc([{ freq: 'WEEKLY', byday: [{ day: 'SU' }], opensAt: '01:30', closesAt: '02:30' }]);
    const [o] = occurrences(s, new Date('2026-10-25T00:00:00Z'), new Date('2026-10-26T00:00:00Z'));
    // 01:30 happens twice that night; either is 01:30 local, and the session lasts into the GMT hour.
    assert.ok(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z'].includes(o.start.toISOString()));
    assert.equal(o.end!.toISOString(), '2026-10-25T02:30:00.000Z');
  });
});
