// `service-finder compare` over real HTTP: the fixture directories of test/fixtures/compare.ts, whose overlaps,
// disagreements, near misses and problems are known, a directory that fails, and the real captures.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Service } from '../../src/model/index.js';
import { directoryRef } from '../../src/sources/index.js';
import { fieldValue, mobileNumber, personalContacts, personalEmail, type Comparison } from '../../src/engine/index.js';
import { runCli } from '../helpers.js';
import { comparisonHtml } from '../../src/cli/compare-html.js';
import { startFixtureServer } from '../fixtures/server.js';
import { HOSTILE } from '../fixtures/compare.js';

let server: { url: string; close(): Promise<void> };
before(async () => {
  server = await startFixtureServer();
});
after(() => server.close());

/** Text as the directory readers give it: whitespace and control characters folded into one space. */
const asRead = (text: string) => text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();

const dir = (name: string) => `${server.url}/compare/${name}`;
const AS_OF = '2026-12-01';

async function compareJson(...names: string[]): Promise<Comparison> {
  const { code, out } = await runCli('compare', ...names.map(dir), '--json', '--as-of', AS_OF);
  assert.equal(code, 0);
  return JSON.parse(out) as Comparison;
}

const service = (s: Partial<Service>): Service => ({
  key: 'd:1',
  id: '1',
  directory: directoryRef('https://example.org/d'),
  name: 'A service',
  ...s,
});

describe('compared fields', () => {
  it('reads one schedule the same however a directory splits it into rows', () => {
    const oneRow = service({
      schedules: [{ freq: 'WEEKLY', byday: [{ day: 'MO' }, { day: 'TU' }, { day: 'WE' }], opensAt: '09:00', closesAt: '17:00' }],
    });
    const perDay = service({
      schedules: ['MO', 'TU', 'WE'].map((day) => ({
        freq: 'WEEKLY' as const,
        byday: [{ day: day as 'MO' }],
        opensAt: '09:00',
        closesAt: '17:00',
      })),
    });
    assert.deepEqual(fieldValue(oneRow, 'times'), { key: 'Mon–Wed 09:00–17:00', text: 'Mon–Wed 09:00–17:00' });
    assert.deepEqual(fieldValue(perDay, 'times'), fieldValue(oneRow, 'times'));
    const monthly = service({ schedules: [{ freq: 'MONTHLY', byday: [{ day: 'WE', nth: 1 }], opensAt: '15:45', closesAt: '17:00' }] });
    assert.equal(fieldValue(monthly, 'times')?.text, '1st Wed of the month 15:45–17:00');
    assert.equal(fieldValue(service({ schedules: [{ description: 'Phone for times' }] }), 'times')?.text, 'Phone for times');
    assert.equal(fieldValue(service({}), 'times'), undefined, 'no schedule: not stated');
  });

  it('compares contact details as numbers and addresses, whatever their spacing, case or order', () => {
    const a = service({ phones: [{ number: '029 2018 0081' }], email: 'Foodbank@Example.org' });
    const b = service({ contacts: [{ email: 'foodbank@example.org', phones: [{ number: '+44 (0)29 20180081' }] }] });
    assert.equal(fieldValue(a, 'contacts')?.key, fieldValue(b, 'contacts')?.key);
    assert.equal(fieldValue(a, 'contacts')?.text, '029 2018 0081, Foodbank@Example.org', 'shown as the directory writes it');
  });

  it('compares prices by amount, addresses by street and postcode, ages and access as stated', () => {
    const words = service({ cost: { free: false, text: '£1 a session', options: [{ amount: 1, currency: 'GBP' }] } });
    const amount = service({ cost: { free: false, options: [{ amount: 1 }] } });
    assert.equal(fieldValue(words, 'cost')?.key, fieldValue(amount, 'cost')?.key);
    assert.equal(fieldValue(words, 'cost')?.text, '£1 a session');
    const here = service({ locations: [{ address: { street: '144 Railway Terrace', postcode: 'cf11 4ts' } }] });
    const there = service({ locations: [{ address: { street: '144, Railway Terrace', postcode: 'CF11 4TS', town: 'Cardiff' } }] });
    assert.equal(fieldValue(here, 'address')?.key, fieldValue(there, 'address')?.key);
    assert.equal(fieldValue(service({ locations: [{ lat: 51.5, lng: -3.2 }] }), 'address'), undefined, 'a point alone is not an address');
    assert.equal(fieldValue(service({ ages: { min: 0, max: 3 } }), 'ages')?.text, '0–3');
    assert.equal(fieldValue(service({ ages: { max: 11 } }), 'ages')?.text, 'up to 11');
    assert.equal(fieldValue(service({ access: ['self-referral', 'drop-in'] }), 'access')?.key, 'drop-in self-referral');
  });
});

describe('contact details that look personal', () => {
  it("flags an address shaped as a person's name, not a shared mailbox", () => {
    for (const e of ['jo.bloggs@example.org', 'j.bloggs@council.gov.uk', 'Jo_Bloggs@example.com', 'jo.r.bloggs@example.org'])
      assert.ok(personalEmail(e), e);
    for (const e of [
      'info@example.org',
      'family.hubs@council.gov.uk',
      'north.enquiries@example.org',
      'knitters@gmail.com',
      'jo2024@example.org',
    ])
      assert.ok(!personalEmail(e), e);
  });

  it('flags UK mobiles however written, not landlines, pagers or personal numbering', () => {
    for (const n of ['07700 900123', '+44 7700 900123', '+44 (0)7700 900123']) assert.ok(mobileNumber(n), n);
    for (const n of ['029 2018 0081', '07623 123456', '07000 123456', '0800 111 999']) assert.ok(!mobileNumber(n), n);
  });

  it("looks at the service's, its contacts' and its organisation's details, each once", () => {
    const s = service({
      email: 'jo.bloggs@example.org',
      phones: [{ number: '07700 900123' }],
      contacts: [{ email: 'Jo.Bloggs@example.org', phones: [{ number: '+447700900123' }, { number: '029 2018 0081' }] }],
      organisation: { name: 'Org', email: 'sam.jones@example.org' },
    });
    assert.deepEqual(personalContacts(s), [
      { kind: 'email', value: 'jo.bloggs@example.org' },
      { kind: 'email', value: 'sam.jones@example.org' },
      { kind: 'mobile', value: '07700 900123' },
    ]);
  });
});

describe('service-finder compare', () => {
  it('finds the known overlaps, differences, near misses and problems of three directories in three dialects', async () => {
    const c = await compareJson('north', 'south', 'west');
    const [north, south, west] = ['north', 'south', 'west'].map((n) => `compare-${n}`);
    assert.equal(c.asOf, AS_OF);
    assert.deepEqual(
      c.directories.map(({ id, name, url, count, shared, stale, undated, incomplete, personal, skipped }) => ({
        id,
        name,
        url,
        count,
        shared,
        stale,
        undated,
        incomplete,
        personal,
        skipped,
      })),
      [
        {
          id: north,
          name: '127.0.0.1/compare/north',
          url: dir('north'),
          count: 7,
          shared: 3,
          stale: 1,
          undated: 1,
          incomplete: 0,
          personal: 0,
          skipped: 0,
        },
        {
          id: south,
          name: '127.0.0.1/compare/south',
          url: dir('south'),
          count: 4,
          shared: 2,
          stale: 0,
          undated: 0,
          incomplete: 1,
          personal: 1,
          skipped: 0,
        },
        {
          id: west,
          name: '127.0.0.1/compare/west',
          url: dir('west'),
          count: 4,
          shared: 2,
          stale: 0,
          undated: 0,
          incomplete: 2,
          personal: 0,
          skipped: 0,
        },
      ],
    );
    assert.deepEqual(c.overlaps, [
      { a: north, b: south, shared: 2 },
      { a: north, b: west, shared: 2 },
      { a: south, b: west, shared: 1 },
    ]);

    // Each group: its records, the rule tying each pair, and each field the copies differ on.
    const groups = c.groups.map((g) => ({
      records: g.services.map((s) => `${s.directory}:${s.id}`),
      evidence: g.evidence.map((e) => `${e.a.id}~${e.b.id}:${e.rule}`),
      differences: Object.fromEntries(g.differences.map((d) => [`${d.field} (${d.kind})`, d.values.map((v) => v.value)])),
    }));
    assert.deepEqual(groups, [
      {
        records: [`${north}:n-link`, `${south}:s-link`, `${west}:501`],
        evidence: ['n-link~s-link:samePage', 'n-link~501:samePage', 's-link~501:samePage'],
        differences: { 'ages (conflict)': ['18+', '16+', '18+'], 'status (conflict)': ['active', 'active', 'temporarily-closed'] },
      },
      {
        records: [`${north}:n-foodbank`, `${south}:s-foodbank`],
        evidence: ['n-foodbank~s-foodbank:samePhone'],
        differences: {
          'times (conflict)': ['Mon 10:00–12:00', 'Mon 10:00–12:30'],
          'contacts (conflict)': ['029 2018 0081, foodbank@eastsidefoodbank.org.uk', '029 2018 0081, gabalfa@eastsidefoodbank.org.uk'],
          'cost (gap)': ['Free', null],
        },
      },
      {
        records: [`${north}:n-housing`, `${west}:502`],
        evidence: ['n-housing~502:samePlace'],
        differences: {
          'access (conflict)': ['professional-referral', 'self-referral'],
          'contacts (gap)': ['029 2018 0580, admin@tenantsfirst.cymru', null],
          'address (conflict)': ['144 Railway Terrace, Cardiff, CF11 4TS', '146 Railway Terrace, Cardiff, CF11 4TS'],
        },
      },
    ]);
    assert.equal(c.groups[1].evidence[0].detail, 'a shared phone number and alike names');
    assert.deepEqual(c.groups[0].services[0], {
      directory: north,
      id: 'n-link',
      name: 'Wellbeing Link Workers',
      link: `${dir('north')}/services/n-link`,
    });

    assert.deepEqual(
      c.nearMisses.map((n) => [`${n.a.directory}:${n.a.id}`, `${n.b.directory}:${n.b.id}`, n.rule, n.nameSimilarity, n.same]),
      [
        [`${north}:n-circle`, `${south}:s-circle`, 'differentPlaces', 1, false],
        [`${north}:n-knit`, `${west}:503`, 'differentSessions', 1, false],
      ],
    );

    assert.deepEqual(
      c.problems.map((p) => [p.directory, p.id, p.kind, p.detail]),
      [
        [north, 'n-youth', 'stale', 'last checked 2024-06-30, 884 days before 2026-12-01'],
        [north, 'n-lunch', 'undated', 'neither a date it was checked nor one it was changed'],
        [south, 's-cinio', 'incomplete', 'does not say what the service is'],
        [south, 's-cinio', 'personal', "email jo.bloggs@example.org, shaped as a person's name"],
        [south, 's-cinio', 'personal', 'mobile number 07700 900123'],
        [west, '502', 'incomplete', 'does not say how to get in touch'],
        [west, '504', 'incomplete', 'does not say how people get in (drop-in, referral…)'],
      ],
    );
  });

  it('prints the comparison for a person, with the counts, each group, near miss and problem', async () => {
    const { code, out } = await runCli('compare', dir('north'), dir('south'), '--as-of', AS_OF);
    assert.equal(code, 0);
    assert.match(out, /^Compared 2 directories as of 2026-12-01\.$/m);
    assert.match(out, /^ {4}7 records, 2 listed elsewhere too; 1 not checked within a year, 1 undated, /m);
    assert.match(out, /^ {2}compare-north and compare-south: 2$/m);
    assert.match(out, /^ {4}times, they differ: compare-north Mon 10:00–12:00 \| compare-south Mon 10:00–12:30$/m);
    assert.match(out, /^ {4}cost, not stated by all: compare-north Free \| compare-south \(not stated\)$/m);
    assert.match(
      out,
      /Wellbeing Circle \(compare-north n-circle\) and Wellbeing Circle \(compare-south s-circle\): alike names at different places \(names 100% alike\)/,
    );
    assert.match(out, /^ {2}compare-south s-cinio Clwb Cinio: a contact detail that looks personal: mobile number 07700 900123$/m);
  });

  it("prints a directory's text without the control characters a terminal acts on", async () => {
    const { code, out } = await runCli('compare', dir('north'), dir('hostile'), '--as-of', AS_OF);
    assert.equal(code, 0);
    assert.doesNotMatch(
      out,
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
      'no control character or bidi override but the line ends',
    );
    assert.ok(out.includes('Wellbeing Link Workers<img src=x onerror="window.__pwned=1"> [31m'), 'the text itself is kept');
    assert.ok(out.includes('listed as: compare-north n-link, compare-hostile "><script>window.__pwned=1</script> "'), 'the id too');
    // JSON escapes what it must: a program reads the text as the directory's reader gave it, override and all.
    const json = (await runCli('compare', dir('north'), dir('hostile'), '--as-of', AS_OF, '--json')).out;
    assert.doesNotMatch(json, /[\u0000-\u0009\u000b-\u001f]/);
    const hostile = (JSON.parse(json) as Comparison).groups[0].services[1];
    assert.equal(hostile.name, asRead(HOSTILE.name));
    assert.equal(hostile.id, HOSTILE.id);
  });

  it('reports a directory that cannot be read and compares the others, exiting 1', async () => {
    const { code, out } = await runCli('compare', dir('north'), `${server.url}/broken/500`, dir('south'), '--json', '--as-of', AS_OF);
    assert.equal(code, 1);
    const c = JSON.parse(out) as Comparison;
    assert.deepEqual(
      c.directories.map((d) => [d.id, d.count, d.error]),
      [
        ['compare-north', 7, undefined],
        ['broken-500', 0, 'The directory answered HTTP 500: it has a problem of its own. Try again later.'],
        ['compare-south', 4, undefined],
      ],
    );
    assert.deepEqual(c.overlaps, [{ a: 'compare-north', b: 'compare-south', shared: 2 }], 'no pairs with a directory that gave nothing');
    assert.deepEqual(c.problems[2], {
      directory: 'broken-500',
      kind: 'read',
      detail: 'The directory answered HTTP 500: it has a problem of its own. Try again later.',
    });
  });

  it('tells two addresses that give one directory id apart', async () => {
    const { code, out } = await runCli('compare', dir('north'), `${dir('north')}/`, '--json', '--as-of', AS_OF);
    assert.equal(code, 0);
    const c = JSON.parse(out) as Comparison;
    assert.deepEqual(
      c.directories.map((d) => [d.id, d.count]),
      [
        ['compare-north', 7],
        ['compare-north-2', 7],
      ],
    );
    assert.deepEqual(
      c.overlaps,
      [{ a: 'compare-north', b: 'compare-north-2', shared: 7 }],
      'every record found in both, none lost to a shared key',
    );
  });

  it('writes one self-contained HTML report: no script, nothing fetched, every directory value escaped, links to each record', async () => {
    const dir_ = await mkdtemp(join(tmpdir(), 'sf-compare-'));
    try {
      const file = join(dir_, 'report.html');
      const { code, err } = await runCli('compare', dir('north'), dir('hostile'), '--as-of', AS_OF, '--html', file);
      assert.equal(code, 0);
      assert.match(err, /Wrote the report to /);
      const html = await readFile(file, 'utf8');
      assert.match(html, /^<!DOCTYPE html>/);
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
      assert.equal((html.match(/<script/gi) ?? []).length, 0, 'no script element, the hostile ones escaped');
      assert.doesNotMatch(html, /<img|<link|src=["']?http|@import|url\(/i, 'nothing loaded from anywhere');
      assert.doesNotMatch(html, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/, 'no control characters');
      assert.ok(
        html.includes('Wellbeing Link Workers&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;'),
        'the hostile name shown as text',
      );
      assert.ok(html.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;34 Meadow Street'), 'the hostile street shown as text');
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      assert.ok(hrefs.length > 0);
      for (const href of hrefs) assert.match(href, /^http:\/\/127\.0\.0\.1:\d+\/compare\/(north|hostile)(\/services\/[^"<>\s]+)?$/, href);
      assert.ok(
        hrefs.includes(`${dir('hostile')}/services/%22%3E%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E%E2%80%AE`),
        'a hostile id is a path segment',
      );
      assert.match(html, /<caption>Services each pair of directories both list<\/caption>/);
      assert.match(html, /<h2>Services listed by several directories \(2\)<\/h2>/);
    } finally {
      await rm(dir_, { recursive: true, force: true });
    }
  });

  it('links in the HTML report only to http(s) addresses', () => {
    const record = (link: string) => ({ directory: 'd', id: '1', name: 'Name', link });
    const html = comparisonHtml({
      asOf: AS_OF,
      directories: [
        {
          id: 'd',
          url: 'javascript:alert(1)',
          name: 'D',
          count: 1,
          shared: 0,
          stale: 0,
          undated: 0,
          incomplete: 0,
          personal: 0,
          skipped: 0,
        },
      ],
      overlaps: [],
      groups: [],
      nearMisses: [
        {
          a: record('data:text/html,<script>alert(1)</script>'),
          b: record('https://example.org/services/1'),
          rule: 'namesDiffer',
          detail: 'names not alike enough',
          nameSimilarity: 0.7,
          same: false,
        },
      ],
      problems: [{ directory: 'd', kind: 'stale', detail: 'old', id: '1', name: 'Name', link: 'vbscript:x' }],
    });
    assert.deepEqual(
      [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]),
      ['https://example.org/services/1'],
    );
    assert.ok(html.includes('javascript:alert(1)'), 'an address not linked is still shown, as text');
  });

  it('writes each table as CSV that a spreadsheet reads as text', async () => {
    const dir_ = await mkdtemp(join(tmpdir(), 'sf-compare-'));
    try {
      const { code } = await runCli('compare', dir('north'), dir('south'), dir('hostile'), '--as-of', AS_OF, '--csv', join(dir_, 'tables'));
      assert.equal(code, 0);
      assert.deepEqual((await readdir(join(dir_, 'tables'))).sort(), [
        'differences.csv',
        'directories.csv',
        'evidence.csv',
        'groups.csv',
        'near-misses.csv',
        'overlaps.csv',
        'problems.csv',
      ]);
      const table = async (name: string) => (await readFile(join(dir_, 'tables', name), 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
      assert.deepEqual((await table('overlaps.csv')).slice(0, 4), [
        '"directory a","directory b","services both list"',
        '"compare-north","compare-south","2"',
        '"compare-north","compare-hostile","2"',
        '"compare-south","compare-hostile","2"',
      ]);
      const groups = (await table('groups.csv')).join('\n');
      assert.ok(
        groups.includes(`"'=HYPERLINK(""https://evil.example/"")\u202eWellbeing Link Workers<img`),
        'a formula defused with an apostrophe',
      );
      assert.ok(groups.includes(`"compare-hostile","'@SUM(1+1)","'+Gabalfa Foodbank`), 'ids and names alike');
      assert.doesNotMatch(groups, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/, 'no control characters');
      const problems = await table('problems.csv');
      assert.ok(
        problems.includes(
          `"compare-south","s-cinio","Clwb Cinio","${dir('south')}/services/s-cinio","personal","mobile number 07700 900123"`,
        ),
      );
      const differences = await table('differences.csv');
      assert.ok(differences.includes('"2","times","conflict","compare-south","s-foodbank","Mon 10:00–12:30"'));
    } finally {
      await rm(dir_, { recursive: true, force: true });
    }
  });

  for (const [args, message] of [
    [[], /compare needs the addresses/],
    [['https://a.example/api', 'https://a.example/api'], /given https:\/\/a\.example\/api twice/],
    [['https://a.example/api', '--as-of', '1/12/2026'], /--as-of needs YYYY-MM-DD/],
  ] as const) {
    it(`stops with its usage for ${message.source}`, async () => {
      const { code, err } = await runCli('compare', ...args);
      assert.equal(code, 2);
      assert.match(err, message);
      assert.match(err, /service-finder compare <url> <url>…/);
    });
  }
});

const captured = new URL('../../../shared/reference/oruk/captured', import.meta.url);
describe(
  'service-finder compare over the real captures',
  { skip: !existsSync(captured) && '../shared/reference is not present: real-capture comparison skipped' },
  () => {
    it('finds what docs/compare.md reports', async () => {
      // As of the day Bristol and North Lincolnshire were captured; Buckinghamshire's capture is older (docs/compare.md).
      const urls = ['bristol', 'northlincs', 'bucks'].map((n) => `${server.url}/captured/${n}`);
      const { code, out } = await runCli('compare', ...urls, '--json', '--as-of', '2024-12-18');
      assert.equal(code, 0);
      const c = JSON.parse(out) as Comparison;
      assert.deepEqual(
        c.directories.map((d) => [d.id, d.count, d.shared, d.stale, d.undated, d.incomplete, d.personal, d.skipped]),
        [
          ['captured-bristol', 817, 2, 608, 0, 790, 36, 2],
          ['captured-northlincs', 738, 3, 9, 0, 678, 104, 0],
          ['captured-bucks', 100, 1, 100, 0, 99, 28, 0],
        ],
      );
      assert.deepEqual(c.overlaps, [
        { a: 'captured-bristol', b: 'captured-northlincs', shared: 2 },
        { a: 'captured-bristol', b: 'captured-bucks', shared: 0 },
        { a: 'captured-northlincs', b: 'captured-bucks', shared: 1 },
      ]);
      assert.deepEqual(
        c.groups.map((g) => [
          g.services.map((s) => `${s.directory}: ${s.name}`),
          g.evidence.map((e) => e.rule),
          g.differences.map((d) => d.field),
        ]),
        [
          [['captured-bristol: The Carents Room', 'captured-northlincs: The Carents Room'], ['sameHomepage'], []],
          [['captured-bristol: The National Autistic Society', 'captured-northlincs: National Autistic Society'], ['sameHomepage'], []],
          [['captured-northlincs: Young Minds', 'captured-bucks: Young Minds'], ['sameHomepage'], ['contacts']],
        ],
      );
      assert.deepEqual(
        c.nearMisses.map((n) => [n.a.name, n.b.name, n.rule]),
        [
          ['Care Act Advocacy', 'Care Act Advocacy', 'pagesDiffer'],
          ['Independent Health Complaints Advocacy', 'Independent Mental Health Advocacy', 'namesDiffer'],
          [
            'Independent Mental Capacity Advocacy',
            'Independent Mental Capacity Advocacy including Deprivation of Liberty Safeguards (DoLS)',
            'pagesDiffer',
          ],
          ['Independent Mental Capacity Advocacy', 'Independent Mental Health Advocacy', 'namesDiffer'],
          ['Independent Mental Health Advocacy (IMHA)', 'Independent Mental Health Advocacy', 'pagesDiffer'],
        ],
      );
      const mobiles = c.problems.filter((p) => p.kind === 'personal' && p.detail.startsWith('mobile'));
      assert.deepEqual([...new Set(mobiles.map((p) => p.directory))], ['captured-bucks']);
      assert.equal(mobiles.length, 20);
    });
  },
);
