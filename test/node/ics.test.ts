import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Schedule, Service } from '../../src/model/index.js';
import { occurrences } from '../../src/engine/schedule.js';
import {
  escapeText,
  foldLine,
  icsFilename,
  icsForOccurrence,
  icsForSeries,
  icsForShortlist,
  datable,
  seriesExportable,
} from '../../src/store/ics.js';

// ---------- a tiny iCalendar reader, enough to check what the writer wrote ----------

interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
}
interface Component {
  type: string;
  props: Prop[];
  children: Component[];
}

/** Unfolds (CRLF + space), splits into content lines and nests BEGIN/END. */
function parse(text: string): Component {
  assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
  assert.ok(!/[^\r]\n/.test(text), 'no bare LF');
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .slice(0, -1);
  const root: Component = { type: 'ROOT', props: [], children: [] };
  const stack = [root];
  for (const line of lines) {
    const m = /^([A-Z0-9-]+)((?:;[A-Z0-9-]+=(?:"[^"]*"|[^;:,]*(?:,[^;:,]*)*))*):(.*)$/.exec(line);
    assert.ok(m, `content line: ${line}`);
    const params: Record<string, string> = {};
    for (const p of m[2].split(';').slice(1)) {
      const [k, v] = p.split('=');
      params[k] = v;
    }
    const prop = { name: m[1], params, value: m[3] };
    if (prop.name === 'BEGIN') {
      const c: Component = { type: prop.value, props: [], children: [] };
      stack[stack.length - 1].children.push(c);
      stack.push(c);
    } else if (prop.name === 'END') {
      assert.equal(stack.pop()!.type, prop.value, 'END matches BEGIN');
    } else stack[stack.length - 1].props.push(prop);
  }
  assert.equal(stack.length, 1, 'every BEGIN has an END');
  assert.equal(root.children.length, 1);
  return root.children[0];
}

const get = (c: Component, name: string) => c.props.find((p) => p.name === name);
const all = (c: Component, name: string) => c.props.filter((p) => p.name === name);
const events = (cal: Component) => cal.children.filter((c) => c.type === 'VEVENT');
const unescape = (v: string) => v.replace(/\\(.)/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
const rrule = (c: Component) =>
  Object.fromEntries(
    get(c, 'RRULE')!
      .value.split(';')
      .map((kv) => kv.split('=')),
  );

/** "20261025T100000" + TZID=Europe/London → instant, via Intl (independent of the writer's code). */
function londonInstant(stamp: string): Date {
  const [, y, mo, d, h, mi] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})/.exec(stamp)!.map(Number);
  for (const offset of [0, 1]) {
    const guess = new Date(Date.UTC(y, mo - 1, d, h - offset, mi));
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(guess));
    if (hour === h) return guess;
  }
  throw new Error(`no instant for ${stamp}`);
}

let n = 0;
function svc(fields: Partial<Service>): Service {
  const id = `s${++n}`;
  return { key: `demo:${id}`, id, name: `Service ${id}`, directory: { id: 'demo', name: 'Demo', url: 'https://demo.example/' }, ...fields };
}

const NOW = new Date('2026-10-21T09:00:00Z');

describe('iCalendar export', () => {
  it('one occurrence in the clock-change week keeps local 10:00 (TZID + VTIMEZONE)', () => {
    const s = svc({
      name: 'Sunday walk',
      schedules: [{ freq: 'WEEKLY', byday: [{ day: 'SU' }], opensAt: '10:00', closesAt: '11:30' }],
      locations: [{ name: 'Barry Island', address: { street: 'Paget Road', town: 'Barry', postcode: 'CF62 5TQ' }, lat: 51.39, lng: -3.27 }],
    });
    const [before, after] = occurrences(s, new Date('2026-10-18T00:00:00Z'), new Date('2026-10-26T00:00:00Z'));
    assert.equal(before.start.toISOString(), '2026-10-18T09:00:00.000Z'); // BST
    assert.equal(after.start.toISOString(), '2026-10-25T10:00:00.000Z'); // GMT from 02:00 that morning
    for (const [o, local] of [
      [before, '20261018T100000'],
      [after, '20261025T100000'],
    ] as const) {
      const cal = parse(icsForOccurrence(s, o, { now: NOW }));
      assert.equal(get(cal, 'VERSION')!.value, '2.0');
      const tz = cal.children.find((c) => c.type === 'VTIMEZONE')!;
      assert.equal(get(tz, 'TZID')!.value, 'Europe/London');
      assert.deepEqual(
        tz.children.map((c) => [c.type, get(c, 'RRULE')!.value]),
        [
          ['DAYLIGHT', 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU'],
          ['STANDARD', 'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU'],
        ],
      );
      const [ev] = events(cal);
      const start = get(ev, 'DTSTART')!;
      assert.equal(start.params.TZID, 'Europe/London');
      assert.equal(start.value, local);
      assert.equal(get(ev, 'DTEND')!.value, local.replace('T100000', 'T113000'));
      assert.equal(londonInstant(start.value).toISOString(), o.start.toISOString());
      assert.equal(get(ev, 'DTSTAMP')!.value, '20261021T090000Z');
      assert.equal(unescape(get(ev, 'SUMMARY')!.value), 'Sunday walk');
      assert.equal(unescape(get(ev, 'LOCATION')!.value), 'Barry Island, Paget Road, Barry, CF62 5TQ');
      assert.equal(get(ev, 'GEO')!.value, '51.39;-3.27');
    }
  });

  it('UIDs are stable per service and occurrence, and differ between them', () => {
    const s = svc({ schedules: [{ freq: 'WEEKLY', byday: [{ day: 'TU' }], opensAt: '10:00' }] });
    const other = svc({ key: 'demo:s,x;y', schedules: [{ freq: 'WEEKLY', byday: [{ day: 'TU' }], opensAt: '10:00' }] });
    const [a, b] = occurrences(s, new Date('2026-10-19T00:00:00Z'), new Date('2026-11-02T00:00:00Z'));
    const uid = (svc: Service, o = a, now = NOW) => get(events(parse(icsForOccurrence(svc, o, { now })))[0], 'UID')!.value;
    assert.equal(uid(s), uid(s, a, new Date('2027-01-01T00:00:00Z')));
    assert.notEqual(uid(s, a), uid(s, b));
    assert.notEqual(uid(s), uid(other));
    assert.match(uid(other), /^[A-Za-z0-9%._-]+@service-finder-elements$/);
    // The shortlist export gives each occurrence the same UID as a single download.
    const list = parse(
      icsForShortlist([s], { from: new Date('2026-10-19T00:00:00Z'), to: new Date('2026-10-26T00:00:00Z') }, { now: NOW }),
    );
    assert.deepEqual(
      events(list).map((e) => get(e, 'UID')!.value),
      [uid(s)],
    );
  });

  it('a last-Friday-of-the-month series: RRULE with an ordinal BYDAY, DTSTART on the first one, UNTIL in UTC', () => {
    const schedule: Schedule = {
      freq: 'MONTHLY',
      byday: [{ day: 'FR', nth: -1 }],
      opensAt: '14:00',
      closesAt: '15:30',
      dtstart: '2026-01-01',
      until: '2026-12-31',
    };
    const s = svc({ schedules: [schedule] });
    const cal = parse(icsForSeries(s, schedule, { now: NOW })!);
    const [ev] = events(cal);
    assert.equal(get(ev, 'DTSTART')!.value, '20260130T140000'); // the last Friday of January 2026
    assert.equal(get(ev, 'DTSTART')!.params.TZID, 'Europe/London');
    assert.equal(get(ev, 'DTEND')!.value, '20260130T153000');
    assert.deepEqual(rrule(ev), { FREQ: 'MONTHLY', BYDAY: '-1FR', UNTIL: '20261231T235959Z' });
    // The engine agrees on the dates the rule gives.
    const dates = occurrences(s, new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')).map((o) =>
      o.start.toISOString().slice(0, 10),
    );
    assert.deepEqual(dates.slice(0, 5), ['2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24', '2026-05-29']);
    assert.equal(dates.length, 12);
  });

  it('first and second Mondays, month days, daily, yearly', () => {
    const rule = (schedule: Schedule) => rrule(events(parse(icsForSeries(svc({}), schedule, { now: NOW })!))[0]);
    assert.deepEqual(
      rule({
        freq: 'MONTHLY',
        byday: [
          { day: 'MO', nth: 1 },
          { day: 'MO', nth: 2 },
        ],
        opensAt: '09:00',
      }),
      { FREQ: 'MONTHLY', BYDAY: '1MO,2MO' },
    );
    assert.deepEqual(rule({ freq: 'MONTHLY', bymonthday: [1, -1], opensAt: '09:00' }), { FREQ: 'MONTHLY', BYMONTHDAY: '1,-1' });
    assert.deepEqual(rule({ freq: 'DAILY', opensAt: '09:00', dtstart: '2026-10-01', count: 10 }), { FREQ: 'DAILY', COUNT: '10' });
    assert.deepEqual(rule({ freq: 'WEEKLY', byday: [{ day: 'MO' }, { day: 'WE' }], opensAt: '09:00' }), { FREQ: 'WEEKLY', BYDAY: 'MO,WE' });
    assert.deepEqual(rule({ freq: 'YEARLY', dtstart: '2026-12-24', opensAt: '18:00' }), { FREQ: 'YEARLY' });
  });

  it('fortnightly from dtstart, with WKST, a closure as EXDATE and shorter hours as a RECURRENCE-ID override', () => {
    const schedule: Schedule = {
      freq: 'WEEKLY',
      interval: 2,
      byday: [{ day: 'TU' }],
      dtstart: '2026-09-08',
      opensAt: '19:00',
      closesAt: '20:30',
      wkst: 'MO',
    };
    const s = svc({
      schedules: [schedule],
      closures: [
        { startDate: '2026-12-21', endDate: '2027-01-03', closed: true, description: 'Christmas' },
        { startDate: '2026-10-20', endDate: '2026-10-20', closed: false, opensAt: '18:00', closesAt: '19:00' },
      ],
    });
    const cal = parse(icsForSeries(s, schedule, { now: NOW })!);
    const [main, override] = events(cal);
    assert.equal(get(main, 'DTSTART')!.value, '20260908T190000');
    assert.deepEqual(rrule(main), { FREQ: 'WEEKLY', INTERVAL: '2', BYDAY: 'TU', WKST: 'MO' });
    // Fortnights from 8 Sep: 29 Dec is one, 22 Dec is not.
    const exdate = all(main, 'EXDATE');
    assert.equal(exdate.length, 1);
    assert.equal(exdate[0].params.TZID, 'Europe/London');
    assert.deepEqual(exdate[0].value.split(','), ['20261229T190000']);
    assert.equal(get(override, 'UID')!.value, get(main, 'UID')!.value);
    assert.equal(get(override, 'RECURRENCE-ID')!.value, '20261020T190000');
    assert.equal(get(override, 'DTSTART')!.value, '20261020T180000');
    assert.equal(get(override, 'DTEND')!.value, '20261020T190000');
    // The engine leaves out the same date.
    const dates = occurrences(s, new Date('2026-12-01T00:00:00Z'), new Date('2027-01-20T00:00:00Z')).map((o) =>
      o.start.toISOString().slice(0, 10),
    );
    assert.deepEqual(dates, ['2026-12-01', '2026-12-15', '2027-01-12']); // not 29 Dec
  });

  it('a weekly series across the clock change: one DTSTART in BST, UNTIL at the end of a GMT or a BST day', () => {
    const bst: Schedule = { freq: 'WEEKLY', byday: [{ day: 'SU' }], opensAt: '10:00', validFrom: '2026-10-01', validTo: '2026-11-30' };
    const ev = events(parse(icsForSeries(svc({}), bst, { now: NOW })!))[0];
    assert.equal(get(ev, 'DTSTART')!.value, '20261004T100000');
    assert.equal(rrule(ev).UNTIL, '20261130T235959Z');
    assert.equal(get(ev, 'DTEND'), undefined);
    const summer: Schedule = { ...bst, validTo: '2026-06-30', validFrom: '2026-06-01' };
    assert.equal(rrule(events(parse(icsForSeries(svc({}), summer, { now: NOW })!))[0]).UNTIL, '20260630T225959Z');
  });

  it('a rule with a day but no times is an all-day series (VALUE=DATE)', () => {
    const schedule: Schedule = { freq: 'WEEKLY', byday: [{ day: 'WE' }], dtstart: '2026-10-07', until: '2026-10-28' };
    const s = svc({ closures: [{ startDate: '2026-10-14', endDate: '2026-10-14', closed: true }] });
    const cal = parse(icsForSeries(s, schedule, { now: NOW })!);
    const [ev] = events(cal);
    assert.equal(get(ev, 'DTSTART')!.params.VALUE, 'DATE');
    assert.equal(get(ev, 'DTSTART')!.value, '20261007');
    assert.equal(get(ev, 'DTEND')!.value, '20261008');
    assert.equal(rrule(ev).UNTIL, '20261028');
    assert.equal(get(ev, 'EXDATE')!.value, '20261014');
    assert.equal(
      cal.children.some((c) => c.type === 'VTIMEZONE'),
      false,
    );
  });

  it('never guesses: a description-only schedule, or every other week with nothing to count from, gives no file', () => {
    const s = svc({});
    assert.equal(icsForSeries(s, { description: 'Tuesday mornings, except bank holidays' }), undefined);
    assert.equal(datable({ description: 'Please phone' }), false);
    const unanchored: Schedule = { freq: 'WEEKLY', interval: 2, byday: [{ day: 'TU' }], opensAt: '10:00' };
    assert.equal(icsForSeries(s, unanchored), undefined);
    assert.equal(datable(unanchored), false);
    assert.equal(datable({ ...unanchored, dtstart: '2026-09-08' }), true);
    // A series that has ended has nothing left to add.
    assert.equal(icsForSeries(s, { freq: 'WEEKLY', byday: [{ day: 'TU' }], dtstart: '2025-01-01', until: '2025-01-02' }), undefined);
  });

  it('seriesExportable says, without writing it, whether icsForSeries gives a file', () => {
    const s = svc({});
    const schedules: Schedule[] = [
      { description: 'Tuesday mornings, except bank holidays' },
      { freq: 'WEEKLY', interval: 2, byday: [{ day: 'TU' }], opensAt: '10:00' },
      { freq: 'WEEKLY', interval: 2, byday: [{ day: 'TU' }], opensAt: '10:00', dtstart: '2026-09-08' },
      { freq: 'WEEKLY', byday: [{ day: 'TU' }], dtstart: '2025-01-01', until: '2025-01-02' },
      { freq: 'WEEKLY', byday: [{ day: 'TU' }], opensAt: '10:00' },
      { freq: 'MONTHLY', byday: [{ day: 'FR', nth: -1 }], opensAt: '19:00', validTo: '2026-12-31' },
      { freq: 'MONTHLY', bymonthday: [31], validFrom: '2026-11-01', validTo: '2026-11-30' },
    ];
    const answers = schedules.map((sc) => seriesExportable(sc, NOW));
    assert.deepEqual(answers, [false, false, true, false, true, true, false]);
    assert.deepEqual(
      answers,
      schedules.map((sc) => icsForSeries(s, sc, { now: NOW }) !== undefined),
    );
  });

  it('escapes commas, semicolons, backslashes and newlines, and strips control characters', () => {
    assert.equal(escapeText('Tea, cake; chat\nand C:\\temp\r\nbye\u0007'), 'Tea\\, cake\\; chat\\nand C:\\\\temp\\nbye');
    const s = svc({
      name: 'Tea, cake; chat',
      description: 'Line one,\nline two; with \\ backslash',
      schedules: [{ freq: 'WEEKLY', byday: [{ day: 'TU' }], opensAt: '10:00', notes: 'Not in August' }],
      url: 'javascript:alert(1)',
    });
    const [o] = occurrences(s, new Date('2026-10-19T00:00:00Z'), new Date('2026-10-26T00:00:00Z'));
    const ev = events(parse(icsForOccurrence(s, o, { now: NOW, link: () => 'https://council.example/find?service=demo%3As1' })))[0];
    assert.equal(get(ev, 'SUMMARY')!.value, 'Tea\\, cake\\; chat');
    assert.equal(unescape(get(ev, 'SUMMARY')!.value), 'Tea, cake; chat');
    assert.equal(
      unescape(get(ev, 'DESCRIPTION')!.value),
      'Line one,\nline two; with \\ backslash\n\nNot in August\n\nhttps://council.example/find?service=demo%3As1',
    );
    assert.equal(get(ev, 'URL')!.value, 'https://council.example/find?service=demo%3As1');
  });

  it('folds lines at 75 octets without splitting a character, and unfolds to the original', () => {
    const long = 'Grŵp cerdded i’r teulu 🥾 — '.repeat(12);
    const folded = foldLine(`DESCRIPTION:${long}`);
    const physical = folded.split('\r\n');
    assert.ok(physical.length > 5);
    for (const [i, line] of physical.entries()) {
      assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line ${i} is ${Buffer.byteLength(line, 'utf8')} octets`);
      if (i > 0) assert.equal(line[0], ' ');
      assert.ok(!line.includes('\uFFFD'));
    }
    assert.equal(folded.replace(/\r\n /g, ''), `DESCRIPTION:${long}`);
    assert.equal(foldLine('SUMMARY:short'), 'SUMMARY:short');
    const exactly75 = `X:${'a'.repeat(73)}`;
    assert.equal(foldLine(exactly75), exactly75);
    assert.equal(foldLine(`${exactly75}b`), `${exactly75}\r\n b`);

    const s = svc({
      name: 'Ymarfer corff ysgafn',
      description: long,
      schedules: [{ freq: 'WEEKLY', byday: [{ day: 'TH' }], opensAt: '11:00' }],
    });
    const text = icsForSeries(s, s.schedules![0], { now: NOW })!;
    for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75);
    assert.equal(unescape(get(events(parse(text))[0], 'DESCRIPTION')!.value), long.trim());
  });

  it('the shortlist over a range: every occurrence, cancelled sessions marked, services without dates add nothing', () => {
    const weekly = svc({
      name: 'Chair yoga',
      schedules: [{ freq: 'WEEKLY', byday: [{ day: 'MO' }, { day: 'TH' }], opensAt: '10:00', closesAt: '11:00' }],
    });
    const swim = svc({
      name: 'Women only swim',
      sessions: [
        { id: 'sw-0', start: '2026-10-21T18:00:00+01:00', end: '2026-10-21T19:00:00+01:00' },
        { id: 'sw-1', start: '2026-10-28T18:00:00Z', end: '2026-10-28T19:00:00Z', cancelled: true },
      ],
    });
    const vague = svc({ name: 'Coffee morning', schedules: [{ description: 'Most Fridays' }] });
    const text = icsForShortlist(
      [weekly, swim, vague],
      { from: new Date('2026-10-19T00:00:00Z'), to: new Date('2026-11-02T00:00:00Z') },
      { now: NOW, calendarName: 'My shortlist' },
    );
    const cal = parse(text);
    assert.equal(unescape(get(cal, 'X-WR-CALNAME')!.value), 'My shortlist');
    const evs = events(cal);
    assert.deepEqual(
      evs.map((e) => [unescape(get(e, 'SUMMARY')!.value), get(e, 'DTSTART')!.value, get(e, 'STATUS')?.value ?? '']),
      [
        ['Chair yoga', '20261019T100000', ''],
        ['Chair yoga', '20261022T100000', ''],
        ['Chair yoga', '20261026T100000', ''],
        ['Chair yoga', '20261029T100000', ''],
        ['Women only swim', '20261021T180000', ''],
        ['Women only swim', '20261028T180000', 'CANCELLED'],
      ],
    );
    assert.equal(new Set(evs.map((e) => get(e, 'UID')!.value)).size, evs.length);
  });

  it('file names', () => {
    assert.equal(icsFilename('Tai Chi for Health'), 'tai-chi-for-health.ics');
    assert.equal(icsFilename('Grŵp Cerdded'), 'grwp-cerdded.ics');
    assert.equal(icsFilename('***'), 'calendar.ics');
  });
});
