// The needs vocabulary: matching with explanations, checks on a council's vocabulary, extension and replacement
// by URL over real HTTP, the search and the store, the address, and the real captures.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { DirectoryRef, Service } from '../../src/model/index.js';
import { createBlender, createIndex, queryTerms, search } from '../../src/engine/index.js';
import {
  applyVocabulary,
  compileNeeds,
  loadShippedVocabulary,
  needMatches,
  parseVocabulary,
  resolveNeed,
  VOCABULARY_LIMITS,
  type CompiledNeeds,
} from '../../src/engine/needs/index.js';
import { needExplanation } from '../../src/engine/needs/explain.js';
import { NeedsLoader } from '../../src/store/needs.js';
import { FinderStore } from '../../src/store/finder-store.js';
import { paramsToQuery, queryToParams } from '../../src/store/url-state.js';
import { readDirectory } from '../../src/sources/index.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';

const directory: DirectoryRef = { id: 'd', name: 'Directory', url: 'https://d.example/api' };
let n = 0;
const svc = (fields: Partial<Service> & { name: string }): Service => ({ key: `d:${++n}`, id: String(n), directory, ...fields });

let shipped: CompiledNeeds;
let server: FixtureServer;
before(async () => {
  shipped = compileNeeds(await loadShippedVocabulary());
  server = await startFixtureServer();
});
after(() => server.close());

const why = (service: Service, need: string) => needMatches(shipped, service).get(need);

describe('the shipped vocabulary', () => {
  it('has 30–60 needs, each with a unique id, an English and a Welsh label, and a known group', () => {
    const ids = new Set(shipped.needs.map((x) => x.id));
    assert.equal(ids.size, shipped.needs.length);
    assert.ok(shipped.needs.length >= 30 && shipped.needs.length <= 60, `${shipped.needs.length} needs`);
    const groups = new Set(shipped.vocabulary.groups.map((g) => g.id));
    for (const need of shipped.needs) {
      assert.ok(need.label && need.labelCy, need.id);
      assert.ok(groups.has(need.group!), `${need.id} is in group ${need.group}`);
    }
    for (const id of [
      'lonely',
      'money-debt',
      'mental-health',
      'staying-active',
      'caring',
      'memory-dementia',
      'food',
      'housing',
      'parenting',
      'learning-english',
    ]) {
      assert.ok(ids.has(id), id);
    }
  });

  it('passes its own checks: written out as a file, it reads back with no problems', () => {
    const file = { format: 'service-finder-needs', version: 1, replace: true, ...shipped.vocabulary };
    const { patch, problems } = parseVocabulary(JSON.parse(JSON.stringify(file)));
    assert.deepEqual(problems, []);
    assert.equal(patch.needs.length, shipped.needs.length);
  });
});

describe('matching a service to needs', () => {
  it('by its directory’s category, saying so', () => {
    const m = why(svc({ name: 'Village visiting', categories: [{ name: 'Befriending', vocabulary: 'taxonomies' }] }), 'lonely');
    assert.deepEqual(m, { need: 'lonely', how: 'category', term: 'Befriending' });
    const lonely = shipped.needs.find((x) => x.id === 'lonely')!;
    assert.equal(needExplanation(lonely, m!).detail, 'Feeling lonely or isolated: its directory calls it “Befriending”');
  });

  it('by an audience term, whole or part of a hierarchy', () => {
    const s = svc({ name: 'Reading group', eligibility: [{ name: 'Sensory Impaired>Visually Impaired', vocabulary: 'targetAudience' }] });
    assert.deepEqual(why(s, 'sight-hearing'), { need: 'sight-hearing', how: 'eligibility', term: 'Sensory Impaired>Visually Impaired' });
    const both = svc({ name: 'Job club', eligibility: [{ name: 'Low Income>Unemployed' }] });
    assert.equal(why(both, 'money-debt')?.term, 'Low Income>Unemployed');
    assert.equal(why(both, 'work')?.how, 'eligibility', 'the audience term, stronger than the name, explains it');
  });

  it('every OpenActive activity is staying active, by its scheme', () => {
    // Kabaddi is in no list of words: only its scheme says it is an activity.
    const session = svc({ name: 'Tuesday session', categories: [{ name: 'Kabaddi', vocabulary: 'openactive-activity-list' }] });
    assert.deepEqual(why(session, 'staying-active'), { need: 'staying-active', how: 'category', term: 'Kabaddi' });
    assert.equal(
      why(svc({ name: 'Tuesday session', categories: [{ name: 'Kabaddi', vocabulary: 'someone-elses-list' }] }), 'staying-active'),
      undefined,
    );
    const other = svc({ name: 'Tuesday session', categories: [{ name: 'Tai Chi', vocabulary: 'someone-elses-list' }] });
    assert.equal(why(other, 'staying-active')?.how, 'category', 'the words of a term count too');
  });

  it('by words in the name, the organisation’s name and the description, strongest first', () => {
    assert.deepEqual(why(svc({ name: 'Thursday Lunch Club' }), 'food'), { need: 'food', how: 'name', term: 'lunch club' });
    assert.deepEqual(why(svc({ name: 'Drop in', organisation: { name: 'Alzheimer’s Society' } }), 'memory-dementia'), {
      need: 'memory-dementia',
      how: 'organisation',
      term: 'alzheimer',
    });
    const described = svc({ name: 'Good Neighbours', description: 'Volunteers offer befriending visits at home.' });
    assert.equal(why(described, 'lonely')?.how, 'name');
    assert.deepEqual(why(svc({ name: 'Home visits', description: 'Weekly befriending visits.' }), 'lonely'), {
      need: 'lonely',
      how: 'description',
      term: 'befriend',
    });
  });

  it('name-only words do not count in a description', () => {
    assert.ok(why(svc({ name: 'Walking group' }), 'staying-active'));
    assert.equal(
      why(svc({ name: 'Advice drop-in', description: 'A short walking distance from the station.' }), 'staying-active'),
      undefined,
    );
  });

  it('words inside an unless-phrase do not count; elsewhere they do', () => {
    const toddlers = svc({ name: 'Stay and Play', description: 'For babies and toddlers with their parents or carers.' });
    assert.equal(why(toddlers, 'caring'), undefined);
    assert.equal(why(toddlers, 'early-years')?.how, 'name');
    const carers = svc({ name: 'Cuppa', description: 'For parents and carers. Also a support for carers group on Fridays.' });
    assert.deepEqual(why(carers, 'caring'), { need: 'caring', how: 'description', term: 'support for carers' });
    assert.equal(
      why(svc({ name: 'Swimming lessons', description: 'Learn breast stroke and back stroke.' }), 'long-term-condition'),
      undefined,
    );
    assert.ok(why(svc({ name: 'Life after stroke group' }), 'long-term-condition'));
  });

  it('a record its directory lists for both women and men is for everyone', () => {
    const both = svc({ name: 'Yoga', eligibility: [{ name: 'Women' }, { name: 'Men' }] });
    assert.equal(why(both, 'women'), undefined);
    assert.equal(why(both, 'men'), undefined);
    assert.equal(why(svc({ name: 'Yoga', eligibility: [{ name: 'Women' }] }), 'women')?.how, 'eligibility');
    assert.equal(why(svc({ name: 'Women’s walking group', eligibility: [{ name: 'Women' }, { name: 'Men' }] }), 'women')?.how, 'name');
  });

  it('names a need by its id, label, Welsh label or an alias, whatever the case and accents', () => {
    for (const name of ['lonely', 'Feeling lonely or isolated', 'teimlo’n unig neu’n ynysig', 'LONELINESS', 'Unigrwydd']) {
      assert.equal(resolveNeed(shipped, name)?.id, 'lonely', name);
    }
    assert.equal(resolveNeed(shipped, 'Staying active')?.id, 'staying-active');
    assert.equal(resolveNeed(shipped, 'Befriending lunch'), undefined);
  });

  it('directory terms that name Object’s own properties are only words', () => {
    const c = compileNeeds({ groups: [], needs: [{ id: 'proto', label: 'Proto', terms: ['__proto__', 'constructor'] }] });
    const weird = svc({
      name: 'toString',
      categories: [{ name: '__proto__' }, { name: 'hasOwnProperty' }],
      eligibility: [{ name: 'constructor' }],
    });
    assert.deepEqual(needMatches(c, weird).get('proto'), { need: 'proto', how: 'category', term: '__proto__' });
    assert.equal(needMatches(c, svc({ name: 'valueOf', categories: [{ name: 'toString' }] })).size, 0);
  });
});

describe('a council’s vocabulary', () => {
  it('is checked: prototype keys, wrong types, oversized lists and long text are left out, and said', () => {
    const { patch, problems } = parseVocabulary(
      JSON.parse(
        '{"__proto__":{"x":1},"needs":[7,{"id":"__proto__","label":"P"},{"id":"constructor","label":"C","terms":["__proto__"]},' +
          `{"id":"big","label":"B","words":${JSON.stringify(Array.from({ length: VOCABULARY_LIMITS.list + 5 }, (_, i) => `w${i}`))}},` +
          `{"id":"long","label":"${'L'.repeat(500)}"},{"id":"typed","label":"T","words":"one","labelCy":{}}]}`,
      ),
    );
    assert.deepEqual(
      patch.needs.map((x) => x.id),
      ['constructor', 'big', 'long', 'typed'],
    );
    assert.equal(patch.needs[1].words!.length, VOCABULARY_LIMITS.list);
    assert.equal(patch.needs[2].label, undefined, 'a label of 500 characters is not used');
    assert.equal(patch.needs[3].words, undefined);
    assert.equal(({} as Record<string, unknown>).x, undefined, 'nothing reached Object.prototype');
    for (const fragment of [
      'needs[0] is not an object',
      'needs[1] has no usable id',
      'the first 300 are used',
      'labelCy is not text',
      'words is not a list',
    ]) {
      assert.ok(
        problems.some((p) => p.includes(fragment)),
        `${fragment} in ${problems.join('; ')}`,
      );
    }
    const merged = applyVocabulary(shipped.vocabulary, patch);
    assert.equal(
      merged.needs.find((x) => x.id === 'long'),
      undefined,
      'a new need without a label is left out',
    );
  });

  it('extends the shipped one from a URL: a new need, more words for one, one removed, a synonym group', async () => {
    const loader = new NeedsLoader({ vocabulary: `${server.url}/needs/extend.json` });
    const c = (await loader.load())!;
    assert.equal(loader.error, undefined);
    assert.ok(
      loader.problems.some((p) => p.includes('"no-label"')),
      loader.problems.join('; '),
    );
    assert.equal(c.needs.length, shipped.needs.length, 'one added, one removed');
    assert.equal(c.byId.has('learning-welsh'), false);
    assert.equal(c.needs.find((x) => x.id === 'warm-hubs')?.labelCy, 'Hybiau cynnes');
    assert.ok(c.vocabulary.groups.some((g) => g.id === 'local'));
    assert.equal(needMatches(c, svc({ name: 'Chatty benches in the park' })).get('lonely')?.term, 'chatty bench');
    assert.ok(needMatches(c, svc({ name: 'Befriending' })).has('lonely'), 'the shipped words stay');
    assert.deepEqual(
      queryTerms('surgery', c.synonyms).map((t) => t.map((a) => a.join(' '))),
      [['surgery', 'gp practice']],
    );
    assert.ok(
      queryTerms('gp', c.synonyms)[0].some((a) => a.join(' ') === 'doctor'),
      'the built-in synonyms stay',
    );
  });

  it('replaces it from a URL: only its own needs, and no built-in synonyms', async () => {
    const c = (await new NeedsLoader({ vocabulary: `${server.url}/needs/replace.json` }).load())!;
    assert.deepEqual(
      c.needs.map((x) => x.id),
      ['getting-active'],
    );
    assert.equal(queryTerms('gp', c.synonyms)[0].length, 1);
    const m = needMatches(c, svc({ name: 'Session', categories: [{ name: 'Yoga', vocabulary: 'openactive-activity-list' }] }));
    assert.equal(m.get('getting-active')?.term, 'Yoga');
  });

  it('a hostile file over HTTP: what can be used is, the rest is said, nothing is polluted', async () => {
    const loader = new NeedsLoader({ vocabulary: `${server.url}/needs/hostile.json` });
    const c = (await loader.load())!;
    assert.equal(loader.error, undefined);
    assert.ok(c.byId.has('constructor') && c.byId.has('long-words') && c.byId.has('lonely'));
    assert.equal(c.needs.find((x) => x.id === 'constructor')!.label, 'Constructor', 'the first of two with one id');
    assert.equal(c.needs.find((x) => x.id === 'long-words')!.terms!.length, VOCABULARY_LIMITS.list);
    assert.deepEqual(c.needs.find((x) => x.id === 'long-words')!.words, ['fine*']);
    assert.equal(
      c.needs.find((x) => x.id === 'typed'),
      undefined,
      'a new need whose label is not text',
    );
    assert.ok(queryTerms('gp', c.synonyms)[0].some((a) => a.join(' ') === 'doctor'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.ok(loader.problems.length >= 5, loader.problems.join('; '));
  });

  for (const [name, path] of [
    ['one over the size limit', '/needs/huge.json'],
    ['a web page', '/needs/not-json'],
    ['a server error', '/broken/500'],
  ] as const) {
    it(`${name} leaves the shipped vocabulary in use and says why`, async () => {
      const loader = new NeedsLoader({ vocabulary: `${server.url}${path}` });
      const c = (await loader.load())!;
      assert.match(loader.error ?? '', /could not be read.*the shipped one is used/);
      assert.equal(c.needs.length, shipped.needs.length);
    });
  }

  it('page synonyms add to the vocabulary’s, in either shape', async () => {
    const c = (await new NeedsLoader({ synonyms: { 'warm hub': ['welcoming space'] } }).load())!;
    assert.equal(queryTerms('warm hub', c.synonyms)[0].length, 2);
    const d = (await new NeedsLoader({ synonyms: [['jab', 'vaccination']] }).load())!;
    assert.equal(queryTerms('jab', d.synonyms)[0].length, 2);
  });
});

describe('searching by need', () => {
  const index = () => {
    const b = createBlender();
    b.add([
      svc({ name: 'Befriending service', categories: [{ name: 'Befriending' }] }),
      svc({ name: 'Lunch club', description: 'A hot two-course meal and a chat.' }),
      svc({ name: 'Chair yoga', categories: [{ name: 'Chair Yoga', vocabulary: 'openactive-activity-list' }] }),
      svc({ name: 'Walking football', categories: [{ name: 'Staying active' }] }),
      svc({ name: 'Debt advice', categories: [{ name: 'Money and debt' }] }),
      svc({ name: 'Council tax', categories: [{ name: 'Council services' }] }),
    ]);
    return createIndex(b.services());
  };
  const now = new Date('2025-03-03T10:00:00Z');

  it('a need finds what meets it, the directory’s own term first, each with why', () => {
    const out = search(index(), { needs: ['lonely'] }, { now, needs: shipped });
    assert.deepEqual(
      out.results.map((r) => r.service.name),
      ['Befriending service', 'Lunch club'],
    );
    const e = out.results[0].explanations[0];
    assert.equal(e.field, 'need');
    assert.deepEqual(e.params, {
      need: 'lonely',
      label: 'Feeling lonely or isolated',
      labelCy: 'Teimlo’n unig neu’n ynysig',
      how: 'category',
      term: 'Befriending',
      cy: 'Teimlo’n unig neu’n ynysig: mae ei gyfeiriadur yn ei alw’n “Befriending”',
    });
    assert.equal(e.detail, 'Feeling lonely or isolated: its directory calls it “Befriending”');
  });

  it('several needs find what meets any; an unknown id is no filter', () => {
    assert.equal(search(index(), { needs: ['lonely', 'money-debt'] }, { now, needs: shipped }).results.length, 3);
    assert.equal(search(index(), { needs: ['no-such-need'] }, { now, needs: shipped }).results.length, 6);
  });

  it('a category preset that names a need finds OpenActive sessions and clubs alike; without the vocabulary, only the term', () => {
    const withNeeds = search(index(), { categories: ['Staying active'] }, { now, needs: shipped });
    assert.deepEqual(
      withNeeds.results
        .filter((r) => !r.partial)
        .map((r) => r.service.name)
        .sort(),
      ['Chair yoga', 'Walking football'],
    );
    const chair = withNeeds.results.find((r) => r.service.name === 'Chair yoga')!;
    assert.equal(chair.explanations[0].field, 'category');
    assert.equal(chair.explanations[0].params?.term, 'Chair Yoga');
    const without = search(index(), { categories: ['Staying active'] }, { now });
    assert.deepEqual(
      without.results.filter((r) => !r.partial).map((r) => r.service.name),
      ['Walking football'],
    );
  });

  it('a keyword that names a need finds what the need finds, besides the word itself', () => {
    const out = search(index(), { text: 'lonely' }, { now, needs: shipped });
    assert.deepEqual(out.results.map((r) => r.service.name).sort(), ['Befriending service', 'Lunch club']);
    assert.equal(out.results[0].explanations[0].params?.how, 'category');
    assert.equal(search(index(), { text: 'lonely' }, { now }).results.length, 0);
  });
});

describe('the store and the address', () => {
  it('loads the vocabulary when a need is asked for, and lists it', async () => {
    const store = new FinderStore({ endpoints: [`${server.url}/dialects/oruk-v3`], vocabulary: `${server.url}/needs/extend.json` });
    assert.equal(store.vocabulary === undefined, true, 'not read before it is needed');
    await store.setQuery({ needs: ['warm-hubs'] });
    assert.ok(store.vocabulary?.needs.some((x) => x.id === 'warm-hubs'));
    await store.load();
    await store.setQuery({ needs: ['lonely'] });
    assert.ok(store.matched > 0);
    assert.ok(store.results.every((r) => r.explanations.some((e) => e.field === 'need' && e.params?.need === 'lonely')));
    store.dispose();
  });

  it('works out every service’s needs once reading has ended, so the first keyword typed is searched with them at once', async () => {
    const store = new FinderStore({ endpoints: [`${server.url}/dialects/oruk-v3`] });
    await store.load();
    const literal = store.count({ text: 'lonely' });
    await store.loadNeeds();
    // The needs are worked out when the page is idle (in Node, after a wait): the count then finds more.
    const deadline = Date.now() + 5_000;
    while (store.count({ text: 'lonely' }) === literal && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const withNeeds = store.count({ text: 'lonely' });
    assert.ok(withNeeds > literal, `the needs were worked out unasked (${literal} by the word alone, ${withNeeds} with needs)`);
    // The first keyword's search has them: one change, already with what the need finds.
    const seen: number[] = [];
    store.addEventListener('change', () => seen.push(store.matched));
    await store.setQuery({ text: 'lonely' });
    assert.deepEqual(seen, [withNeeds]);
    store.dispose();
  });

  it('a category preset finds the OpenActive feed’s sessions and the ORUK directory’s clubs', async () => {
    const store = new FinderStore({
      endpoints: [`${server.url}/dialects/oruk-v3`],
      openactive: [`${server.url}/openactive/session-series`],
      query: { categories: ['Staying active'] },
    });
    await store.load();
    const full = store.results.slice(0, store.matched);
    const only = (id: string) => full.filter((r) => r.service.sources.every((s) => s.directory.id === id));
    const [oruk, feed] = store.statuses.map((s) => s.directory.id);
    assert.ok(only(oruk).length > 0, 'clubs from the ORUK directory alone');
    assert.ok(only(feed).length > 0, 'sessions from the OpenActive feed alone, by their activities');
    assert.ok(only(feed).every((r) => r.explanations.some((e) => e.field === 'category' && e.params?.need === 'staying-active')));
    store.dispose();
  });

  it('keeps needs in the address, dropping ids that could not be needs', () => {
    const { query } = paramsToQuery(new URLSearchParams('need=lonely,money-debt,__proto__,Bad%20Id&q=x'));
    assert.deepEqual(query.needs, ['lonely', 'money-debt']);
    assert.equal(queryToParams({ needs: ['lonely', 'food'] }).get('need'), 'lonely,food');
  });
});

const captured = new URL('../../../shared/reference/oruk/captured', import.meta.url);
describe('the real captures', { skip: !existsSync(captured) && '../shared/reference is not present: real-capture checks skipped' }, () => {
  it('Buckinghamshire: every service its directory files under Befriending is found for loneliness, by that term', async () => {
    const services: Service[] = [];
    for await (const page of readDirectory(`${server.url}/captured/bucks`)) services.push(...page.services);
    const befriending = services.filter((s) => s.categories?.some((t) => t.name === 'Befriending'));
    assert.ok(befriending.length > 0);
    for (const s of befriending) assert.equal(needMatches(shipped, s).get('lonely')?.how, 'category', s.name);
  });

  it('Bristol: "Singing for the Brain" sessions are found for memory and dementia', async () => {
    const services: Service[] = [];
    for await (const page of readDirectory(`${server.url}/captured/bristol`)) services.push(...page.services);
    const singing = services.filter((s) => /singing for the brain/i.test(s.name));
    assert.ok(singing.length >= 3);
    for (const s of singing) assert.ok(needMatches(shipped, s).has('memory-dementia'), s.name);
  });
});
