// The query's days, parts of the day and date applied to single sessions (the calendar's list), by the engine.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sessionFilter } from '../../src/engine/sessions.js';
import { dayNumber, type Occurrence } from '../../src/engine/schedule.js';

/** Monday 19 October 2026 (British Summer Time: London is UTC+1). */
const MONDAY = '2026-10-19';
const session = (iso: string, hours: number, utcHour: number, allDay = false): { o: Occurrence; day: number } => {
  const start = new Date(`${iso}T${String(utcHour).padStart(2, '0')}:00:00Z`);
  return { o: { start, end: new Date(+start + hours * 3_600_000), schedule: {}, allDay }, day: dayNumber(iso)! };
};
const keeps = (q: Parameters<typeof sessionFilter>[0], s: { o: Occurrence; day: number }) => sessionFilter(q)(s.o, s.day);

describe('sessionFilter', () => {
  it('keeps every session when the query asks nothing of when', () => {
    assert.equal(keeps({}, session(MONDAY, 1, 9)), true);
  });

  it('keeps sessions on the days asked for only', () => {
    assert.equal(keeps({ days: ['MO'] }, session(MONDAY, 1, 9)), true);
    assert.equal(keeps({ days: ['TU', 'FR'] }, session(MONDAY, 1, 9)), false);
    assert.equal(keeps({ days: ['TU'] }, session('2026-10-20', 1, 9)), true);
  });

  it('keeps sessions in the parts of the day asked for, by London time; a session with no times is kept', () => {
    // 09:00 UTC is 10:00 in London: morning.
    assert.equal(keeps({ partsOfDay: ['morning'] }, session(MONDAY, 1, 9)), true);
    assert.equal(keeps({ partsOfDay: ['evening'] }, session(MONDAY, 1, 9)), false);
    // 18:00 UTC is 19:00 in London: evening.
    assert.equal(keeps({ partsOfDay: ['evening'] }, session(MONDAY, 1, 18)), true);
    assert.equal(keeps({ partsOfDay: ['evening'] }, session(MONDAY, 0, 0, true)), true);
  });

  it('keeps sessions on the date asked for only', () => {
    assert.equal(keeps({ date: MONDAY }, session(MONDAY, 1, 9)), true);
    assert.equal(keeps({ date: '2026-10-20' }, session(MONDAY, 1, 9)), false);
  });
});
