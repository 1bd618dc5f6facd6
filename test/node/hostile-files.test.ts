// Files and terminals: a calendar file parsed back with hostile values in every field has only the writer's own
// lines and properties; the CLI prints no character a terminal would act on.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from '../../src/model/index.js';
import { readDirectory } from '../../src/sources/index.js';
import { icsForOccurrence, icsForSeries, icsForShortlist } from '../../src/store/ics.js';
import { occurrences } from '../../src/engine/index.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { TERMINAL_TRICKS } from '../fixtures/hostile.js';
import { readPages, runCli } from '../helpers.js';

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
});
after(() => server?.close());

const NOW = new Date('2026-01-01T09:00:00Z');
const RANGE = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-06-01T00:00:00Z') };

/** The properties this writer uses: anything else in a file was put there by data. */
const PROPERTIES = new Set(
  [
    'BEGIN END VERSION PRODID CALSCALE METHOD X-WR-CALNAME TZID X-LIC-LOCATION TZOFFSETFROM TZOFFSETTO TZNAME RRULE',
    'UID DTSTAMP DTSTART DTEND SUMMARY LOCATION GEO DESCRIPTION URL X-ORGANISATION STATUS EXDATE RECURRENCE-ID',
  ]
    .join(' ')
    .split(' '),
);
const WEEKDAY = '(MO|TU|WE|TH|FR|SA|SU)';
/** Values of the properties that are not text: each in its type's form. */
const FORMS: Record<string, RegExp> = {
  GEO: /^-?\d+(\.\d+)?;-?\d+(\.\d+)?$/,
  URL: /^https?:\/\/[\x21-\x7e]+$/,
  UID: /^[\x21-\x7e]+$/,
  DTSTART: /^\d{8}(T\d{6}Z?)?$/,
  DTEND: /^\d{8}(T\d{6}Z?)?$/,
  'RECURRENCE-ID': /^\d{8}(T\d{6}Z?)?$/,
  EXDATE: /^\d{8}(T\d{6}Z?)?(,\d{8}(T\d{6}Z?)?)*$/,
  RRULE: new RegExp(
    `^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;INTERVAL=\\d+)?(;BYMONTH=\\d+)?(;BYDAY=([+-]?\\d)?${WEEKDAY}(,([+-]?\\d)?${WEEKDAY})*)?(;BYMONTHDAY=-?\\d+(,-?\\d+)*)?(;(UNTIL=\\d{8}(T\\d{6}Z)?|COUNT=\\d+))?(;WKST=${WEEKDAY})?$`,
  ),
};

/** Parses an .ics file back (RFC 5545 §3.1): CRLF line ends only, folded lines joined; checks every property. */
function parse(ics: string): Array<{ name: string; value: string }> {
  assert.doesNotMatch(ics, /\r(?!\n)|(?<!\r)\n/, 'no line end but CRLF');
  assert.ok(ics.endsWith('\r\n'));
  const lines = ics
    .slice(0, -2)
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n');
  const props = lines.map((line) => {
    assert.doesNotMatch(line, /[\x00-\x08\x0a-\x1f\x7f]/, `no control character in ${JSON.stringify(line)}`);
    const m = /^([A-Z-]+)((?:;[A-Z-]+=[^:;]+)*):(.*)$/.exec(line);
    assert.ok(m, `a content line: ${JSON.stringify(line)}`);
    assert.ok(PROPERTIES.has(m[1]), `a property of the writer's: ${m[1]}`);
    const form = FORMS[m[1]];
    if (form) assert.match(m[3], form, `${m[1]} in its form`);
    return { name: m[1], value: m[3] };
  });
  // Each event: one UID, one summary, at most one of each single property.
  let event: string[] | undefined;
  for (const p of props) {
    if (p.name === 'BEGIN' && p.value === 'VEVENT') event = [];
    else if (p.name === 'END' && p.value === 'VEVENT') {
      for (const one of ['UID', 'DTSTAMP', 'DTSTART', 'SUMMARY']) assert.equal(event!.filter((n) => n === one).length, 1, one);
      for (const once of ['GEO', 'URL', 'LOCATION', 'DESCRIPTION', 'RRULE', 'DTEND'])
        assert.ok(event!.filter((n) => n === once).length <= 1, once);
      event = undefined;
    } else event?.push(p.name);
  }
  return props;
}

/** A TEXT value unescaped. */
const unescape = (v: string) => v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

const inject = (v: string) => `${v}\r\nATTACH:https://evil.example/\nURL:https://evil.example/\u2028X-A:1\u0085X-B:2`;

/** A service whose every value, of whatever type, carries line breaks and properties (as data, not the model, could). */
function hostileService(): Service {
  const s = {
    // A lone surrogate (no Unicode; encodeURIComponent throws on it) in the key the UIDs are made from.
    key: inject('dir:1\ud83d'),
    id: inject('1'),
    directory: { id: inject('dir'), name: inject('Directory'), url: 'https://example.org/' },
    name: inject('Chair yoga; seated, gentle \\ kind'),
    description: inject('A description'),
    url: inject('https://example.org/yoga'),
    email: inject('yoga@example.org'),
    phones: [{ number: inject('029 2000 0000') }],
    organisation: { name: inject('Bay Yoga') },
    locations: [
      {
        id: inject('hall'),
        name: inject('Hall'),
        address: { street: inject('1 High St'), town: inject('Barry'), postcode: inject('CF62 7AA') },
        lat: inject('51.4'),
        lng: inject('-3.2'),
      },
    ],
    schedules: [
      {
        freq: 'WEEKLY',
        interval: 2,
        byday: [{ day: 'TU' }],
        opensAt: '10:00',
        closesAt: '11:00',
        dtstart: '2026-01-06',
        wkst: inject('MO'),
        notes: inject('Bring a mat'),
        locationId: inject('hall'),
      },
      {
        freq: 'MONTHLY',
        byday: [{ day: 'TU', nth: inject('1') }],
        opensAt: '10:00',
        dtstart: '2026-01-06',
        timezone: inject('Europe/London'),
      },
      { freq: 'WEEKLY', byday: [{ day: 'WE' }], opensAt: '10:00', dtstart: '2026-01-07', interval: 1e300, count: inject('3') },
    ],
    closures: [{ startDate: '2026-02-03', endDate: '2026-02-03', closed: false, opensAt: '12:00', description: inject('Half term') }],
    sessions: [{ id: inject('s1'), start: '2026-03-03T10:00:00Z', end: '2026-03-03T11:00:00Z', locationId: inject('hall') }],
  };
  return s as unknown as Service;
}

describe('.ics: every value written for its property’s type', () => {
  const options = { now: NOW, link: () => inject('https://finder.example/#service'), calendarName: inject('My list') };

  it('a hostile service: every series, occurrence and the shortlist parse back to the writer’s own properties', () => {
    const s = hostileService();
    const files = [
      ...(s.schedules ?? []).map((x) => icsForSeries(s, x, options)).filter((f): f is string => !!f),
      ...occurrences(s, RANGE.from, RANGE.to).map((o) => icsForOccurrence(s, o, options)),
      icsForShortlist([s], RANGE, options),
    ];
    assert.ok(files.length >= 4, `${files.length} files`);
    for (const file of files) {
      const props = parse(file);
      const summary = props.find((p) => p.name === 'SUMMARY');
      if (summary) assert.equal(unescape(summary.value).split('\n')[0], 'Chair yoga; seated, gentle \\ kind');
    }
  });

  it('read from a snapshot that carries them: the same', async () => {
    const { services, error } = await readPages(readDirectory(`${server.url}/hostile/ics/snapshot.json`));
    assert.equal(error, undefined);
    assert.equal(services.length, 1);
    const [s] = services;
    const files = [
      ...(s.schedules ?? []).map((x) => icsForSeries(s, x, { now: NOW })).filter((f): f is string => !!f),
      icsForShortlist([s], RANGE, { now: NOW }),
    ];
    assert.ok(files.length >= 2);
    for (const file of files) parse(file);
  });
});

describe('the CLI prints no character a terminal would act on', () => {
  /** Anything but printable text and the line ends between lines. */
  const UNPRINTABLE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

  it('check and search, over records whose ids and names carry escape sequences, returns and overrides', async () => {
    const url = `${server.url}/hostile/terminal`;
    for (const args of [
      ['check', url],
      ['search', url],
      ['search', url, '--text', 'record'],
    ]) {
      const { out, err } = await runCli(...args);
      assert.match(out, /Record|records/);
      assert.doesNotMatch(out, UNPRINTABLE, `${args[0]}: ${JSON.stringify(out.match(UNPRINTABLE))}`);
      assert.doesNotMatch(err, UNPRINTABLE);
    }
    assert.ok(TERMINAL_TRICKS.length > 0);
  });
});
