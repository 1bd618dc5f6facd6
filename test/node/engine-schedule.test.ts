import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Schedule, Service } from '../../src/model/index.js';
import { nextOpening, occurrences, openAt, weeklyPattern } from '../../src/engine/index.js';
import { instantOf, localParts, minutesOf } from '../../src/engine/schedule.js';
import { TZDate } from '@date-fns/tz';

let n = 0;
function svc(fields: Partial<Service>): Service {
  const id = `s${++n}`;
  return { key: `a:${id}`, id, name: id, directory: { id: 'a', name: 'A', url: 'https://a.example/' }, ...fields };
}
const iso = (d: Date) => d.toISOString();
const between = (s: Service, from: string, to: string) => occurrences(s, new Date(from), new Date(to));

describe('schedules → occurrences (Europe/London)', () => {
  it('reads opening times as written: H:MM, HH:MM, HH:MM:SS, up to 24:00; anything else is not a time', () => {
    const cases: Array<[string | undefined, number | undefined]> = [
      ['9:30', 570],
      ['09:30', 570],
      ['09:30:00', 570],
      ['00:00', 0],
      ['24:00', 1440],
      ['17:45+01:00', 1065],
      ['24:01', undefined],
      ['123:45', undefined],
      ['9.30', undefined],
      ['9:3', undefined],
      ['12:', undefined],
      ['T09:30', undefined],
      [' 09:30', undefined],
      ['', undefined],
      [undefined, undefined],
      ['٠٩:٣٠', undefined],
    ];
    for (const [text, minutes] of cases) assert.equal(minutesOf(text), minutes, String(text));
  });

  it('weekly Sunday 10:00 stays 10:00 local across the March clock change', () => {
    const s = svc({ schedules: [{ freq: 'WEEKLY', byday: [{ day: 'SU' }], opensAt: '10:00', closesAt: '11:30' }] });
    const occ = between(s, '2026-03-16T00:00:00Z', '2026-04-06T00:00:00Z');
    assert.deepEqual(
      occ.map((o) => iso(o.start)),
      [
        '2026-03-22T10:00:00.000Z', // GMT
        '2026-03-29T09:00:00.000Z', // BST from 01:00 that morning
        '2026-04-05T09:00:00.000Z',
      ],
    );
    assert.deepEqual(
      occ.map((o) => o.start.getUTCHours()),
      [10, 9, 9],
    );
    assert.equal(iso(occ[1].end!), '2026-03-29T10:30:00.000Z');
  });

  it('weekly Sunday 10:00 stays 10:00 local across the October clock change', () => {
    const s = svc({ schedules: [{ freq: 'WEEKLY', byday: [{ day: 'SU' }], opensAt: '10:00' }] });
    const occ = between(s, '2026-10-12T00:00:00Z', '2026-11-02T00:00:00Z');
    assert.deepEqual(
      occ.map((o) => o.start.getUTCHours()),
      [9, 10, 10],
    );
    assert.equal(iso(occ[1].start), '2026-10-25T10:00:00.000Z');
    assert.equal(occ[1].end, undefined);
  });

  it('monthly on the nth weekday, including the last Friday', () => {
    const lastFri = svc({ schedules: [{ freq: 'MONTHLY', byday: [{ day: 'FR', nth: -1 }], opensAt: '14:00' }] });
    assert.deepEqual(
      between(lastFri, '2026-04-01T00:00:00Z', '2026-06-01T00:00:00Z').map((o) => iso(o.start)),
      ['2026-04-24T13:00:00.000Z', '2026-05-29T13:00:00.000Z'],
    );
    const secondTue = svc({ schedules: [{ freq: 'MONTHLY', byday: [{ day: 'TU', nth: 2 }], opensAt: '10:00' }] });
    assert.deepEqual(
      between(secondTue, '2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z').map((o) => iso(o.start).slice(0, 10)),
      ['2026-01-13', '2026-02-10', '2026-03-10'],
    );
  });

  it('monthly by month day, including the last day of the month', () => {
    const s = svc({ schedules: [{ freq: 'MONTHLY', bymonthday: [15, -1], opensAt: '09:00' }] });
    assert.deepEqual(
      between(s, '2026-02-01T00:00:00Z', '2026-03-31T00:00:00Z').map((o) => iso(o.start).slice(0, 10)),
      ['2026-02-15', '2026-02-28', '2026-03-15'],
    );
  });

  it('daily and fortnightly rules from dtstart; until and count', () => {
    const daily = svc({ schedules: [{ freq: 'DAILY', opensAt: '08:00', dtstart: '2026-04-14', until: '2026-04-16' }] });
    assert.equal(between(daily, '2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z').length, 3);
    const fortnightly = svc({
      schedules: [{ freq: 'WEEKLY', interval: 2, byday: [{ day: 'WE' }], dtstart: '2026-04-01', opensAt: '18:00' }],
    });
    assert.deepEqual(
      between(fortnightly, '2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z').map((o) => iso(o.start).slice(0, 10)),
      ['2026-04-01', '2026-04-15', '2026-04-29'],
    );
    const counted = svc({ schedules: [{ freq: 'WEEKLY', byday: [{ day: 'MO' }], dtstart: '2026-04-06', count: 2, opensAt: '10:00' }] });
    assert.deepEqual(
      between(counted, '2026-04-01T00:00:00Z', '2026-06-01T00:00:00Z').map((o) => iso(o.start).slice(0, 10)),
      ['2026-04-06', '2026-04-13'],
    );
  });

  it('does not guess: INTERVAL or COUNT with nothing to count from gives no dates', () => {
    const everyOther = svc({ schedules: [{ freq: 'WEEKLY', interval: 2, byday: [{ day: 'TU' }], opensAt: '10:00' }] });
    assert.deepEqual(between(everyOther, '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z'), []);
    const twice = svc({ schedules: [{ freq: 'WEEKLY', count: 2, byday: [{ day: 'TU' }], opensAt: '10:00' }] });
    assert.deepEqual(between(twice, '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z'), []);
    const anchored = svc({
      schedules: [{ freq: 'WEEKLY', interval: 2, byday: [{ day: 'TU' }], validFrom: '2026-10-06', opensAt: '10:00' }],
    });
    assert.deepEqual(
      between(anchored, '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z').map((o) => iso(o.start).slice(0, 10)),
      ['2026-10-06', '2026-10-20'],
      'validFrom anchors the interval when there is no dtstart',
    );
  });

  it('monthly BYDAY with BYMONTHDAY is their intersection (Friday the 13th)', () => {
    const s = svc({ schedules: [{ freq: 'MONTHLY', byday: [{ day: 'FR' }], bymonthday: [13], opensAt: '10:00' }] });
    assert.deepEqual(
      between(s, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z').map((o) => iso(o.start).slice(0, 10)),
      ['2026-02-13', '2026-03-13', '2026-11-13'],
    );
  });

  it('honours validFrom/validTo and removes closed days; closures may change hours', () => {
    const s = svc({
      schedules: [
        { freq: 'WEEKLY', byday: [{ day: 'MO' }], opensAt: '10:00', closesAt: '12:00', validFrom: '2026-04-01', validTo: '2026-04-30' },
      ],
      closures: [
        { startDate: '2026-04-06', endDate: '2026-04-06', closed: true, description: 'Easter Monday' },
        { startDate: '2026-04-20', endDate: '2026-04-20', closed: false, opensAt: '13:00', closesAt: '14:00' },
      ],
    });
    const occ = between(s, '2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z');
    assert.deepEqual(
      occ.map((o) => iso(o.start)),
      ['2026-04-13T09:00:00.000Z', '2026-04-20T12:00:00.000Z', '2026-04-27T09:00:00.000Z'],
    );
  });

  it('description-only schedules produce nothing; dated sessions are included, cancelled ones not', () => {
    assert.deepEqual(between(svc({ schedules: [{ description: 'Term time' }] }), '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'), []);
    const s = svc({
      sessions: [
        { id: 'x', start: '2026-04-10T18:00:00+01:00', end: '2026-04-10T19:00:00+01:00' },
        { id: 'y', start: '2026-04-11T18:00:00+01:00', cancelled: true },
      ],
    });
    const occ = between(s, '2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z');
    assert.equal(occ.length, 1);
    assert.equal(iso(occ[0].start), '2026-04-10T17:00:00.000Z');
    assert.equal(occ[0].session?.id, 'x');
    assert.equal(occ[0].schedule.opensAt, '18:00');
  });

  it('sessions whose dates cannot be read leave the times not stated; cancelled ones still state them', () => {
    const unreadable = svc({ sessions: [{ id: 'x', start: 'next Tuesday' }] });
    assert.equal(weeklyPattern(unreadable).known, false);
    assert.equal(openAt(unreadable, new Date('2026-04-10T17:30:00Z')), 'unknown');
    const cancelled = svc({
      sessions: [{ id: 'y', start: '2026-04-10T18:00:00+01:00', end: '2026-04-10T19:00:00+01:00', cancelled: true }],
    });
    assert.equal(weeklyPattern(cancelled).known, true);
    assert.equal(openAt(cancelled, new Date('2026-04-10T17:30:00Z')), 'no');
  });

  it('a window running past midnight ends the next day', () => {
    const s = svc({ schedules: [{ freq: 'WEEKLY', byday: [{ day: 'FR' }], opensAt: '22:00', closesAt: '02:00' }] });
    const [o] = between(s, '2026-04-10T00:00:00Z', '2026-04-11T12:00:00Z');
    assert.equal(iso(o.start), '2026-04-10T21:00:00.000Z');
    assert.equal(iso(o.end!), '2026-04-11T01:00:00.000Z');
    assert.equal(openAt(s, new Date('2026-04-11T00:30:00Z')), 'yes');
    assert.equal(openAt(s, new Date('2026-04-11T02:30:00Z')), 'no');
  });
});

describe("London's clocks by arithmetic", () => {
  const DAY = 86_400_000;
  // Every quarter hour of the days the clocks change, and a day a month, from 1996 to 2040.
  const days = [
    ...['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26', '2031-03-30', '2031-10-26'].map(
      (d) => Date.parse(`${d}T00:00:00Z`) / DAY,
    ),
    ...Array.from({ length: 45 * 12 }, (_, i) => Date.UTC(1996 + Math.floor(i / 12), i % 12, 1 + ((i * 7) % 28)) / DAY),
  ];
  it('reads the day and minute of an instant as @date-fns/tz does', () => {
    let compared = 0;
    for (const day of days) {
      for (let t = (day - 1) * DAY; t < (day + 1) * DAY; t += 15 * 60_000) {
        const z = new TZDate(t, 'Europe/London');
        const expected = { day: Date.UTC(z.getFullYear(), z.getMonth(), z.getDate()) / DAY, minutes: z.getHours() * 60 + z.getMinutes() };
        assert.deepEqual({ ...localParts(new Date(t)) }, expected, new Date(t).toISOString());
        compared++;
      }
    }
    assert.ok(compared > 50_000);
  });
  it('finds the instant of a day and minute as @date-fns/tz does, in the hour that happens twice and the hour that never does', () => {
    for (const day of days) {
      const d = new Date(day * DAY);
      for (let minutes = 0; minutes <= 1440; minutes += 15) {
        const expected = +new TZDate(
          d.getUTCFullYear(),
          d.getUTCMonth(),
          d.getUTCDate(),
          Math.floor(minutes / 60),
          minutes % 60,
          'Europe/London',
        );
        assert.equal(+instantOf(day, minutes), expected, `${d.toISOString().slice(0, 10)} +${minutes} min`);
      }
    }
  });
});

describe('nextOpening and openAt', () => {
  const s = svc({ schedules: [{ freq: 'WEEKLY', byday: [{ day: 'TU' }, { day: 'TH' }], opensAt: '10:00', closesAt: '12:00' }] });
  it('finds the next opening, or the one under way', () => {
    assert.deepEqual(nextOpening(s, new Date('2026-04-15T10:30:00Z')), {
      start: new Date('2026-04-16T09:00:00Z'),
      end: new Date('2026-04-16T11:00:00Z'),
    });
    assert.deepEqual(nextOpening(s, new Date('2026-04-16T10:00:00Z'))?.start, new Date('2026-04-16T09:00:00Z'));
    assert.equal(nextOpening(svc({}), new Date('2026-04-15T10:30:00Z')), undefined);
    const once = svc({ schedules: [{ freq: 'WEEKLY', byday: [{ day: 'MO' }], opensAt: '10:00', validTo: '2026-01-01' }] });
    assert.equal(nextOpening(once, new Date('2026-04-15T10:30:00Z')), undefined);
  });
  it('is the first of the occurrences over the horizon, for rules of every kind, closures and sessions, across the clock changes', () => {
    // The definition nextOpening is read without listing: the first occurrence not over by `now`.
    const reference = (service: Service, now: Date) => {
      for (const o of occurrences(service, now, new Date(+now + 62 * 86_400_000))) {
        if (o.allDay) {
          if (o.start >= now) return { start: o.start, allDay: true };
        } else if (o.end ? o.end > now : o.start >= now) {
          const next: { start: Date; end?: Date; remaining?: number } = o.end ? { start: o.start, end: o.end } : { start: o.start };
          if (o.session?.remaining !== undefined) next.remaining = o.session.remaining;
          return next;
        }
      }
      return undefined;
    };
    const services = [
      s,
      svc({
        schedules: [
          { freq: 'WEEKLY', byday: [{ day: 'MO' }, { day: 'WE' }], opensAt: '18:00', closesAt: '20:00' },
          { freq: 'WEEKLY', byday: [{ day: 'WE' }], opensAt: '18:00', closesAt: '19:00' },
        ],
      }),
      svc({ schedules: [{ freq: 'DAILY', opensAt: '22:00', closesAt: '02:00' }] }),
      svc({ schedules: [{ freq: 'WEEKLY', byday: [{ day: 'SA' }] }] }),
      svc({
        schedules: [
          {
            freq: 'MONTHLY',
            byday: [
              { day: 'TU', nth: 1 },
              { day: 'FR', nth: -1 },
            ],
            opensAt: '09:30',
            closesAt: '11:00',
          },
        ],
      }),
      svc({ schedules: [{ freq: 'WEEKLY', byday: [{ day: 'TH' }], opensAt: '01:30', closesAt: '03:00', timezone: 'America/New_York' }] }),
      svc({
        schedules: [{ freq: 'DAILY', opensAt: '09:00', closesAt: '17:00' }],
        closures: [
          { startDate: '2026-03-20', endDate: '2026-04-05', closed: true },
          { startDate: '2026-04-06', endDate: '2026-04-07', closed: false, opensAt: '12:00', closesAt: '13:00' },
        ],
      }),
      svc({
        schedules: [{ freq: 'WEEKLY', byday: [{ day: 'FR' }], opensAt: '10:00', closesAt: '11:00', validFrom: '2026-04-01' }],
        sessions: [
          { start: '2026-03-27T10:00:00Z', end: '2026-03-27T11:00:00Z', remaining: 0 },
          { start: '2026-04-03T09:00:00Z', end: '2026-04-03T10:00:00Z', remaining: 4 },
          { start: '2026-04-10T09:00:00Z', cancelled: true },
        ],
      }),
    ];
    let compared = 0;
    for (let t = Date.parse('2026-03-01T00:00:00Z'); t < Date.parse('2026-05-01T00:00:00Z'); t += 7 * 3_600_000 + 13 * 60_000) {
      for (const service of services) {
        const now = new Date(t);
        assert.deepEqual(nextOpening(service, now), reference(service, now), `${service.id} at ${now.toISOString()}`);
        compared++;
      }
    }
    assert.ok(compared > 1500);
  });
  it('openAt is yes inside a window, no outside, unknown without readable times', () => {
    assert.equal(openAt(s, new Date('2026-04-16T09:30:00Z')), 'yes');
    assert.equal(openAt(s, new Date('2026-04-16T11:30:00Z')), 'no');
    assert.equal(openAt(svc({ schedules: [{ description: 'Mornings' }] }), new Date()), 'unknown');
    const noTimes: Schedule = { freq: 'WEEKLY', byday: [{ day: 'TH' }] };
    assert.equal(openAt(svc({ schedules: [noTimes] }), new Date('2026-04-16T09:30:00Z')), 'unknown');
    assert.equal(openAt(svc({ schedules: [noTimes] }), new Date('2026-04-15T09:30:00Z')), 'no');
  });
});
