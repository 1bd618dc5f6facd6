// Hostile directory data in the store and the CLI, over real HTTP: names of Object's own properties in every
// enumeration and label, a snapshot impersonating another directory, and records built to throw.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FinderStore } from '../../src/store/finder-store.js';
import { ACCESS_TYPES, ATTENDANCE_MODES, SERVICE_STATUSES, WEEKDAYS, type Service } from '../../src/model/index.js';
import { directoryRef, readDirectory } from '../../src/sources/index.js';
import { en } from '../../src/i18n/en.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';
import { HOSTILE_DIALECTS, PROTOTYPE_NAMES, THROW_MARKER, hostileUrls } from '../fixtures/hostile.js';
import { uuidFor, type DemoService } from '../fixtures/dialects.js';
import { readPages, runCli } from '../helpers.js';

let server: FixtureServer;
let demo: DemoService[];
before(async () => {
  server = await startFixtureServer();
  demo = (await (await fetch(`${server.url}/demo-data.json`)).json()) as DemoService[];
});
after(() => server?.close());

const NOW = new Date('2026-03-02T10:00:00Z');

async function loaded(endpoints: string[]) {
  const store = new FinderStore({ endpoints, now: () => NOW });
  await store.load();
  return store;
}

const statusOf = (store: FinderStore, url: string) => store.statuses.find((s) => s.directory.url === url)!;
const from = (store: FinderStore, url: string) => store.services.filter((s) => s.sources.some((r) => r.directory.url === url));

const cli = runCli;

/** Every enumeration of a service holds one of its values, and no text holds a function's source. */
function assertModel(s: Service) {
  assert.doesNotMatch(JSON.stringify(s), /native code|function \w*\(/, `${s.key}: no function read as text`);
  const within = (values: unknown[] | undefined, allowed: readonly unknown[], what: string) =>
    assert.ok(
      (values ?? []).every((v) => allowed.includes(v)),
      `${s.key} ${what}: ${JSON.stringify(values)}`,
    );
  within(s.access, ACCESS_TYPES, 'access');
  within(s.attendance, ATTENDANCE_MODES, 'attendance');
  within(s.status === undefined ? [] : [s.status], SERVICE_STATUSES, 'status');
  for (const x of s.schedules ?? []) {
    within(
      x.byday?.map((d) => d.day),
      WEEKDAYS,
      'byday',
    );
    within(x.wkst === undefined ? [] : [x.wkst], WEEKDAYS, 'wkst');
    within(x.freq === undefined ? [] : [x.freq], ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'], 'freq');
  }
  for (const o of s.cost?.options ?? []) assert.ok(o.currency === undefined || /^[A-Z]{3}$/.test(o.currency), `${s.key} currency`);
}

describe('data never reaches the prototype', () => {
  const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join();

  it('has the names to try', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'apply', 'call', 'bind'])
      assert.ok(PROTOTYPE_NAMES.includes(name), name);
  });

  for (const dialect of HOSTILE_DIALECTS) {
    it(`${dialect}: every enumeration and label a prototype name; read, blended, indexed, faceted and searched, the other directory whole`, async () => {
      const before = prototypeKeys();
      const good = `${server.url}/dialects/oruk-v3`;
      const [bad] = hostileUrls(server.url, 'proto', dialect);
      const store = await loaded([good, bad]);
      assert.equal(statusOf(store, good).state, 'done');
      assert.equal(statusOf(store, bad).state, 'done', statusOf(store, bad).error?.message);
      assert.equal(from(store, good).length, demo.length, 'every good record');
      assert.equal(statusOf(store, bad).records, PROTOTYPE_NAMES.length, 'one record per name');
      for (const f of [...store.facets.categories, ...store.facets.eligibility]) assert.equal(typeof f.name, 'string');
      const categories = new Set(store.facets.categories.map((f) => f.name));
      for (const name of PROTOTYPE_NAMES) {
        assert.ok(categories.has(name), `${name} is a category`);
        await store.setQuery({ categories: [name] }, { replace: true });
        assert.ok(
          store.results.some((r) => !r.partial && r.service.sources.some((s) => s.directory.url === bad)),
          `the record whose category is ${name} is found by it`,
        );
        // Every filter, with the name wherever a query takes words.
        await store.setQuery(
          { categories: [name], eligibility: [name], text: name, access: ['drop-in'], openNow: true },
          { replace: true },
        );
        await store.setQuery(
          { text: name, strict: true, days: ['MO'], partsOfDay: ['morning'], date: '2026-03-03', free: true },
          { replace: true },
        );
      }
      for (const s of from(store, bad)) {
        store.nextOpening(s);
        assertModel(s);
      }
      store.dispose();
      assert.equal(prototypeKeys(), before, 'Object.prototype unchanged');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }

  it('the CLI searches every dialect’s prototype names beside a good directory', async () => {
    const good = `${server.url}/dialects/oruk-v1`;
    const bad = HOSTILE_DIALECTS.map((d) => hostileUrls(server.url, 'proto', d)[0]);
    const json = await cli('search', good, ...bad, '--json', '--category', 'constructor', '--eligibility', '__proto__');
    assert.equal(json.code, 0, json.err);
    const { sources, results } = JSON.parse(json.out) as { sources: Array<{ state: string; error?: string }>; results: unknown[] };
    assert.deepEqual(
      sources.map((s) => s.state),
      sources.map(() => 'done'),
      JSON.stringify(sources.map((s) => s.error)),
    );
    assert.ok(results.length > 0);
    const text = await cli('search', good, ...bad, '--text', 'toString');
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /match/);
  });
});

describe('one endpoint, one identity', () => {
  it('a snapshot claiming another directory’s id and record id never replaces its record', async () => {
    const victim = `${server.url}/dialects/oruk-v3`;
    const impostor = `${server.url}/hostile/impersonate/snapshot.json`;
    const own = directoryRef(victim).id;
    const key = `${own}:${uuidFor(`v3:${demo[0].id}`)}`;
    // The impostor read after the victim: its record, under the victim's key, replaced the victim's.
    const store = new FinderStore({ endpoints: [victim, impostor], now: () => NOW });
    await store.retry(own);
    await store.retry(directoryRef(impostor).id);
    const service = store.get(key)!;
    assert.equal(service.name, demo[0].name, 'its name');
    assert.equal(service.url, demo[0].url, 'its link');
    assert.deepEqual(
      service.sources.map((s) => s.key),
      [key, `${directoryRef(impostor).id}/dialects-oruk-v3:${uuidFor(`v3:${demo[0].id}`)}`],
      'the two records, each under its own endpoint (one service: they share a distinctive id)',
    );
    const victims = store.services.flatMap((s) => s.sources).filter((r) => r.directory.id === own);
    assert.equal(victims.length, demo.length, 'every record of the victim, and only those, under its id');
    store.dispose();
  });

  it('a snapshot’s records are keyed under the snapshot, named for display, and rebuilt field by field', async () => {
    const url = `${server.url}/hostile/impersonate/snapshot.json`;
    const endpoint = directoryRef(url);
    const { services, error } = await readPages(readDirectory(url));
    assert.equal(error, undefined);
    assert.equal(services.length, 2);
    for (const s of services) {
      assert.equal(s.directory.id, `${endpoint.id}/dialects-oruk-v3`);
      assert.equal(s.key, `${s.directory.id}:${s.id}`);
      assert.equal(s.directory.name, 'Cardiff Council directory', 'the name it gives is shown');
      assert.equal(s.directory.url, url, 'where it was read from');
    }
    const extra = services.find((s) => s.id === 'extra')!;
    const model = new Set([
      ...['key', 'id', 'directory', 'name', 'description', 'descriptionHtml', 'url', 'email', 'phones', 'contacts', 'organisation'],
      ...['status', 'access', 'accessNote', 'attendance', 'ages', 'eligibility', 'categories', 'locations', 'schedules'],
      ...['closures', 'sessions', 'cost', 'languages', 'serviceAreas', 'assuredDate', 'lastModified'],
    ]);
    for (const key of Object.keys(extra)) assert.ok(model.has(key), `${key} is a field of the model`);
    assert.equal(extra.url, undefined, 'javascript: dropped');
    assert.deepEqual(extra.access, ['drop-in']);
    assert.deepEqual(extra.attendance, ['online']);
    assert.equal(extra.status, undefined);
    assert.deepEqual(extra.ages, { max: 12 });
    assert.deepEqual(extra.locations, [{ name: 'Hall' }]);
    assert.deepEqual(extra.schedules, [{ freq: 'WEEKLY', byday: [{ day: 'TU' }] }]);
  });
});

describe('one directory’s failure stays its own', () => {
  // A record built to throw: text carrying THROW_MARKER throws wherever it is lower-cased, as the engine does
  // to every name when blending and to every organisation when indexing. The platform is made to throw (the
  // project's code never does on data it has read); the project's own code runs unchanged.
  const lower = String.prototype.toLowerCase;
  before(() => {
    String.prototype.toLowerCase = function (this: string) {
      if (this.includes(THROW_MARKER)) throw new Error('built to throw');
      return lower.call(this);
    };
  });
  after(() => {
    String.prototype.toLowerCase = lower;
  });

  for (const [field, stage] of [
    ['name', 'blending'],
    ['organisation', 'indexing'],
  ] as const) {
    it(`a record that throws when ${stage} fails its directory, with a clear message, and leaves every other directory whole`, async () => {
      const good = `${server.url}/dialects/oruk-v1`;
      const bad = `${server.url}/hostile/throw/${field}`;
      const store = await loaded([good, bad]);
      assert.equal(statusOf(store, good).state, 'done');
      assert.equal(from(store, good).length, demo.length, 'every good record');
      const status = statusOf(store, bad);
      assert.equal(status.state, 'failed');
      assert.equal(status.error?.kind, 'unreadable');
      assert.match(status.error!.message, /could not be read \(built to throw\)/);
      assert.ok(en.errors.unreadable.length > 0);
      assert.equal(from(store, bad).length, 0, 'none of its records stays, half blended or not');
      await store.setQuery({ text: 'chair' });
      assert.ok(store.results.length > 0);
      store.dispose();
    });
  }

  it('the CLI lists the failed directory in its sources and shows the others’ results', async () => {
    const good = `${server.url}/dialects/oruk-v3`;
    const bad = `${server.url}/hostile/throw/organisation`;
    const { code, out } = await cli('search', good, bad, '--json');
    assert.equal(code, 0);
    const { sources, total } = JSON.parse(out) as {
      sources: Array<{ url: string; state: string; count: number; error?: string }>;
      total: number;
    };
    const failed = sources.find((s) => s.url === bad)!;
    assert.equal(failed.state, 'failed');
    assert.match(failed.error ?? '', /could not be read/);
    const done = sources.find((s) => s.url === good)!;
    assert.equal(done.state, 'done');
    assert.equal(done.count, demo.length);
    assert.ok(total > 0);
    const text = await cli('search', good, bad);
    assert.match(text.out, /failed, .* could not be read \(built to throw\)/);
  });
});
