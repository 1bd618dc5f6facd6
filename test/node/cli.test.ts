// The CLI over real HTTP: every dialect the fixture server speaks, its failure cases, and the real captures.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer } from '../fixtures/server.js';
import { runCli, serve } from '../helpers.js';

let server: { url: string; close(): Promise<void> };
let demoCount: number;

before(async () => {
  server = await startFixtureServer();
  const demo = (await (await fetch(`${server.url}/demo-data.json`)).json()) as unknown[] | { services: unknown[] };
  demoCount = Array.isArray(demo) ? demo.length : demo.services.length;
});
after(() => server.close());

const run = runCli;

describe('service-finder check', () => {
  for (const dialect of ['oruk-v1', 'oruk-v1-zero', 'placecube', 'oruk-v3', 'outpost']) {
    it(`reads the whole demo directory in the ${dialect} dialect`, async () => {
      const { code, out } = await run('check', `${server.url}/dialects/${dialect}`, '--json');
      assert.equal(code, 0);
      const report = JSON.parse(out);
      assert.equal(report.readable, true);
      assert.equal(report.dialect, dialect.startsWith('oruk-v1') || dialect === 'placecube' ? 'oruk-v1' : dialect);
      assert.equal(report.records + report.skipped, demoCount, 'every record read or reported');
      assert.ok(report.fields['locations with coordinates'] > 0.5, 'most demo records have coordinates');
    });
  }

  it('prints a plain-words report', async () => {
    const { code, out } = await run('check', `${server.url}/dialects/oruk-v3`);
    assert.equal(code, 0);
    assert.match(out, /Dialect: +oruk-v3/);
    assert.match(out, new RegExp(`Read: +${demoCount} services`));
    assert.match(out, /can be used by the finder/);
  });

  for (const [kase, words] of [
    ['500', /HTTP 500/],
    ['html200', /web page instead of data/i],
    ['truncated', /cut off or damaged/i],
    ['not-directory', /directory/i],
  ] as const) {
    it(`exits non-zero with a clear message when the directory answers ${kase}`, async () => {
      const { code, out } = await run('check', `${server.url}/broken/${kase}`, '--timeout', '5');
      assert.equal(code, 1);
      assert.match(out, words);
      assert.match(out, /cannot be read/);
    });
  }

  it('counts skipped records apart from other problems, and says which is which', async () => {
    const url = `${server.url}/openactive/session-series`;
    const report = JSON.parse((await run('check', url, '--json')).out);
    // The feed has a series with no name (left out), and sessions that cannot be placed (their series is kept or gone).
    assert.equal(report.skipped, 1);
    assert.deepEqual(
      report.problems.filter((p: string) => /\bskipped:/.test(p)).map((p: string) => p.replace(/^page \d+, /, '')),
      ['record ss-nameless, skipped: has no name and no activity to name it by'],
    );
    assert.ok(
      report.problems.some((p: string) => /record orphan-0: session belongs to series/.test(p)),
      'a session without its series is a problem, not a skipped record',
    );
    const others = report.problems.length - 1;
    assert.equal(report.otherProblems, others);
    const { out } = await run('check', url);
    assert.match(out, /Read: +\d+ services in \d+ pages, 1 skipped/);
    assert.match(out, new RegExp(`Problems \\(${report.problems.length}\\): 1 skipped record, ${others} other problems?\n`));
    const hostile = JSON.parse((await run('check', `${server.url}/broken/hostile`, '--json')).out);
    assert.equal(hostile.skipped, 6, 'records with no id or name, not objects, or repeated are skipped');
    assert.equal(hostile.records + hostile.skipped, 11);
  });

  it('counts every skipped record past the 100 listed for one reason, in check and in search', async () => {
    // Two OpenActive series feeds that both publish the same 150 series: the second copy of each is left out.
    const series = Array.from({ length: 150 }, (_, i) => ({
      id: `walk-${i}`,
      state: 'updated',
      kind: 'SessionSeries',
      modified: i + 1,
      data: { '@type': 'SessionSeries', '@id': `https://example.org/series/walk-${i}`, name: `Health walk ${i}` },
    }));
    const feeds = await serve((req, res) => {
      const self = `http://${req.headers.host}${req.url}`;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(req.url!.includes('?') ? { next: self, items: [] } : { next: `${self}?afterId=end`, items: series }));
    });
    try {
      const base = feeds.url;
      const both = `${base}/a/session-series ${base}/b/session-series`;
      const report = JSON.parse((await run('check', both, '--json')).out);
      assert.equal(report.records, 150);
      assert.equal(report.skipped, 150, 'the 100 listed and the 50 on the summary line');
      assert.equal(report.problems.length, 101);
      assert.equal(report.problems[100], 'skipped: 50 more series appear more than once');
      assert.match((await run('check', both)).out, /Problems \(101\): 150 skipped records, 0 other problems\n/);
      const search = JSON.parse((await run('search', both, '--json')).out);
      assert.equal(search.sources[0].skipped, 150);
    } finally {
      await feeds.close();
    }
  });

  it('reports a directory that never answers as a time-out', async () => {
    const { code, out } = await run('check', `${server.url}/broken/timeout`, '--timeout', '1');
    assert.equal(code, 1);
    assert.match(out, /did not answer within 1 second/);
  });

  it('stops a directory that pages forever at the page cap', async () => {
    const { out } = await run('check', `${server.url}/broken/forever`, '--max-pages', '5', '--json');
    const report = JSON.parse(out);
    assert.equal(report.pages, 5);
    assert.ok(
      report.problems.some((p: string) => /stopped early/i.test(p)),
      report.problems.join('\n'),
    );
  });

  it('rejects a missing URL with usage', async () => {
    const { code, err } = await run('check');
    assert.equal(code, 2);
    assert.match(err, /Usage:/);
  });
});

describe('service-finder search', () => {
  it('blends every dialect, merges the records they share, and keeps going when one directory fails', async () => {
    const { code, out } = await run(
      'search',
      `${server.url}/dialects/oruk-v3`,
      `${server.url}/dialects/outpost`,
      `${server.url}/broken/500`,
      '--json',
    );
    assert.equal(code, 0);
    const json = JSON.parse(out);
    const states = Object.fromEntries(json.sources.map((s: { url: string; state: string }) => [s.url, s.state]));
    assert.equal(states[`${server.url}/broken/500`], 'failed');
    assert.equal(states[`${server.url}/dialects/oruk-v3`], 'done');
    assert.match(json.sources.find((s: { state: string }) => s.state === 'failed').error, /500/);
    // The same demo services in two dialects blend into one set, each naming both directories.
    assert.ok(json.merged >= demoCount * 0.9, `merged ${json.merged} of ${demoCount}`);
    assert.ok(json.results.some((r: { directories: string[] }) => r.directories.length === 2));
  });

  it('applies filters and explains each result', async () => {
    const { out } = await run('search', `${server.url}/dialects/oruk-v3`, '--age', '70', '--access', 'drop-in', '--json');
    const json = JSON.parse(out);
    assert.ok(json.results.length > 0);
    for (const r of json.results) {
      assert.ok(
        r.explanations.some((e: string) => e.startsWith('age:')),
        r.name,
      );
      assert.ok(
        r.explanations.some((e: string) => e.startsWith('access:')),
        r.name,
      );
    }
    const firstPartial = json.results.findIndex((r: { partial: boolean }) => r.partial);
    assert.ok(firstPartial > 0, 'full matches, then records that do not state age or access');
    assert.ok(
      json.results.slice(firstPartial).every((r: { partial: boolean }) => r.partial),
      'partial matches come last',
    );
    const strict = JSON.parse(
      (await run('search', `${server.url}/dialects/oruk-v3`, '--age', '70', '--access', 'drop-in', '--strict', '--json')).out,
    );
    assert.ok(strict.results.every((r: { partial: boolean }) => !r.partial));
    assert.ok(json.matched > 0);
    assert.equal(strict.results.length, json.matched);
  });

  it('geocodes --near through a postcodes.io-compatible service and sorts by distance', async () => {
    const { out } = await run(
      'search',
      `${server.url}/dialects/oruk-v3`,
      '--near',
      'CF10 1EP',
      '--radius',
      '3',
      '--geocoder',
      `${server.url}/postcodes.io`,
      '--json',
    );
    const json = JSON.parse(out);
    assert.equal(json.placeError, undefined);
    const distances = json.results.filter((r: { partial: boolean }) => !r.partial).map((r: { distanceKm: number }) => r.distanceKm);
    assert.ok(distances.length > 0);
    assert.ok(distances.every((d: number) => d <= 3));
    assert.deepEqual(
      distances,
      [...distances].sort((a, b) => a - b),
    );
  });

  it('blends an OpenActive feed pair with an ORUK directory, merging the session series it shares', async () => {
    const { code, out } = await run(
      'search',
      `${server.url}/dialects/oruk-v3`,
      `${server.url}/openactive/session-series`,
      '--text',
      'tai chi',
      '--json',
    );
    assert.equal(code, 0);
    const json = JSON.parse(out);
    const openactive = json.sources.find((s: { dialect: string }) => s.dialect === 'openactive');
    assert.equal(openactive.state, 'done');
    assert.ok(openactive.count > 0);
    assert.equal(openactive.skipped, 1, 'the series left out, not every problem (as `check` counts)');
    const taiChi = json.results.find(
      (r: { name: string; directories: string[] }) => /tai chi for health/i.test(r.name) && r.directories.length === 2,
    );
    assert.ok(taiChi, 'the ORUK service and the OpenActive series for the same class are one result');
  });

  it('rejects an unknown access type', async () => {
    const { code, err } = await run('search', `${server.url}/dialects/oruk-v3`, '--access', 'walk-in');
    assert.equal(code, 2);
    assert.match(err, /walk-in/);
  });
});

describe('service-finder harvest', () => {
  it('writes a snapshot that reads back as a directory with every record', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sf-harvest-'));
    try {
      const file = join(dir, 'snapshot.json');
      const { code, out } = await run('harvest', `${server.url}/dialects/oruk-v1`, `${server.url}/broken/500`, '--out', file);
      assert.equal(code, 0);
      assert.match(out, new RegExp(`Wrote ${demoCount} services from 1 directories`));
      const snapshot = JSON.parse(await readFile(file, 'utf8'));
      assert.equal(snapshot.format, 'service-finder-snapshot');
      assert.equal(snapshot.services.length, demoCount);
      assert.ok(snapshot.services.every((s: { key: string }) => s.key.includes(':')));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a directory that lists summaries whole: every full record, none left a summary', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sf-harvest-'));
    try {
      const file = join(dir, 'snapshot.json');
      const { code } = await run('harvest', `${server.url}/dialects/placecube`, '--out', file);
      assert.equal(code, 0);
      const { services } = JSON.parse(await readFile(file, 'utf8')) as { services: Array<{ summary?: true; locations?: unknown[] }> };
      assert.equal(services.length, demoCount);
      assert.ok(
        services.every((s) => !s.summary),
        'no summaries',
      );
      assert.ok(
        services.some((s) => s.locations?.length),
        'locations from the full records',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names each directory as its services do, also for several OpenActive feeds read as one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sf-harvest-'));
    try {
      const file = join(dir, 'snapshot.json');
      const feeds = `${server.url}/openactive/session-series ${server.url}/openactive/scheduled-sessions`;
      const { code } = await run('harvest', feeds, `${server.url}/dialects/oruk-v3`, '--out', file);
      assert.equal(code, 0);
      const snapshot = JSON.parse(await readFile(file, 'utf8'));
      const named = snapshot.directories.map((d: { id: string }) => d.id);
      assert.deepEqual(named, ['openactive-session-series', 'dialects-oruk-v3']);
      assert.deepEqual(named, [...new Set(snapshot.services.map((s: { directory: { id: string } }) => s.directory.id))]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('service-finder needs', () => {
  it('lists the vocabulary: id, label and Welsh label, as text and as JSON', async () => {
    const json = await run('needs', '--json');
    assert.equal(json.code, 0);
    const needs = JSON.parse(json.out) as Array<{ id: string; label: string; labelCy: string }>;
    assert.ok(needs.length >= 30);
    assert.deepEqual(Object.keys(needs[0]).sort(), ['id', 'label', 'labelCy']);
    assert.ok(needs.some((x) => x.id === 'lonely' && x.labelCy === 'Teimlo’n unig neu’n ynysig'));
    const text = await run('needs');
    assert.match(text.out, /^lonely +Feeling lonely or isolated +Teimlo’n unig neu’n ynysig$/m);
  });

  it('counts, per directory, the services each need finds', async () => {
    const { code, out } = await run('needs', `${server.url}/dialects/oruk-v3`, '--json');
    assert.equal(code, 0);
    const report = JSON.parse(out) as {
      directories: Array<{ id: string; services: number }>;
      needs: Array<{ id: string; counts: Record<string, number> }>;
    };
    assert.equal(report.directories[0].services, demoCount);
    const active = report.needs.find((x) => x.id === 'staying-active')!;
    assert.ok(active.counts['dialects-oruk-v3'] > 0);
  });

  it('writes the whole vocabulary as a file to start from, and reads one back with --vocabulary', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sf-needs-'));
    try {
      const full = JSON.parse((await run('needs', '--full')).out);
      assert.equal(full.format, 'service-finder-needs');
      full.needs = full.needs.filter((x: { id: string }) => x.id === 'lonely');
      const file = join(dir, 'vocabulary.json');
      await writeFile(file, JSON.stringify(full));
      const { code, out } = await run('needs', '--json', '--vocabulary', file);
      assert.equal(code, 0);
      assert.deepEqual(
        JSON.parse(out).map((x: { id: string }) => x.id),
        ['lonely'],
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('search --need finds what meets the need and says why; an unknown need is a usage error', async () => {
    const { code, out } = await run('search', `${server.url}/dialects/oruk-v3`, '--need', 'staying-active', '--json');
    assert.equal(code, 0);
    const report = JSON.parse(out);
    assert.deepEqual(report.query.needs, ['staying-active']);
    assert.ok(report.matched > 0);
    assert.ok(report.results.every((r: { explanations: string[] }) => r.explanations.some((e) => e.startsWith('need: Staying active: '))));
    const bad = await run('search', `${server.url}/dialects/oruk-v3`, '--need', 'nope');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /"nope" is not a need/);
  });
});

const captured = new URL('../../../shared/reference/oruk/captured', import.meta.url);
describe(
  'service-finder check over the real captures',
  { skip: !existsSync(captured) && '../shared/reference is not present: real-capture checks skipped' },
  () => {
    for (const [name, path, rows] of [
      ['Bristol (Placecube)', 'captured/bristol', 819],
      ['North Lincolnshire (Placecube)', 'captured/northlincs', 738],
    ] as const) {
      it(`accounts for every record of ${name}`, async () => {
        const { code, out } = await run('check', `${server.url}/${path}`, '--json');
        assert.equal(code, 0);
        const report = JSON.parse(out);
        assert.equal(report.dialect, 'oruk-v1');
        assert.equal(report.records + report.skipped, rows);
      });
    }

    it('accounts for every record of Buckinghamshire (Outpost)', async () => {
      const { code, out } = await run('check', `${server.url}/captured/bucks`, '--json');
      assert.equal(code, 0);
      const report = JSON.parse(out);
      assert.equal(report.dialect, 'outpost');
      assert.equal(report.pages, 2);
      assert.equal(report.records + report.skipped, 100);
    });
  },
);
