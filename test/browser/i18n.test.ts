import { expect, fixture, html } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import { en, Localizer, loadCatalogue, resolveLang } from '../../src/i18n/index.js';
import { cy } from '../../src/i18n/cy.js';
import type { Schedule } from '../../src/model/index.js';
import { cards, inner, loaded, resetUrl, settle, loadedFixture } from './helpers.js';
import { checkedWords, costWords, placeWords, scheduleWords, unknownFields, whenWords } from '../../src/components/internal/words.js';

const V3 = `${FIXTURES}/dialects/oruk-v3`;

/** Every message's key; a map of letters (`calendar.afterAnd`) is one key: its letters are the language's own. */
function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v && !('other' in v) && k !== 'afterAnd' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('languages', () => {
  // The Welsh words are a chunk of their own: Localizers made directly need them loaded first.
  before(() => loadCatalogue('cy'));
  afterEach(resetUrl);

  it('the Welsh catalogue has every English key', () => {
    expect(keys(cy).sort()).to.deep.equal(keys(en).sort());
  });

  it('renders Welsh with lang="cy"', async () => {
    const el = await loadedFixture(
      html`<service-finder lang="cy" url-state="off" endpoints="${V3} ${FIXTURES}/broken/500"></service-finder>`,
    );
    const search = inner(el, 'sf-search');
    expect(inner(search, 'label[for="q"]').textContent).to.equal('Am beth ydych chi’n chwilio?');
    expect(inner(search, 'button[type="submit"]').textContent!.trim()).to.equal('Chwilio');
    const results = inner(el, 'sf-results');
    expect(inner(results, '[part~="count"]').textContent).to.match(/^Canfuwyd \d+ gwasanaeth/);
    const notice = inner(results, '[part~="notice-failed"]');
    expect(notice.textContent).to.contain('Nid oedd modd darllen');
    expect(notice.textContent).to.contain(cy.errors.http);
    const card = (await cards(results))[0];
    expect(card.textContent).to.contain('Ychwanegu at y rhestr fer');
    expect(card.textContent).to.match(/Gwiriwyd|Ni wyddys/);
  });

  it('inherits the page or an ancestor’s lang', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="cy-GB"><service-finder url-state="off" endpoints=${V3}></service-finder></div>`,
    );
    const el = wrapper.querySelector<ServiceFinder>('service-finder')!;
    await loaded(el);
    expect(resolveLang(inner(el, 'sf-search'))).to.equal('cy');
    expect(inner(inner(el, 'sf-search'), 'button[type="submit"]').textContent!.trim()).to.equal('Chwilio');
  });

  it('switches language when lang changes', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    el.lang = 'cy';
    await settle(el);
    expect(inner(inner(el, 'sf-search'), 'button[type="submit"]').textContent!.trim()).to.equal('Chwilio');
  });

  it('formats numbers, plurals and dates in Welsh', () => {
    const l = new Localizer('cy');
    expect(l.p(cy.results.found, 0)).to.equal('Ni chanfuwyd unrhyw wasanaethau');
    expect(l.p(cy.results.found, 2)).to.equal('Canfuwyd 2 wasanaeth');
    expect(l.p(cy.results.found, 1234)).to.equal('Canfuwyd 1,234 gwasanaeth');
    expect(l.date(new Date('2025-03-04T10:00:00Z'), { year: 'numeric' })).to.equal('Dydd Mawrth 4 Mawrth 2025');
    expect(l.day('2024-11-05')).to.equal('5 Tachwedd 2024');
    expect(l.ago(3, 'month')).to.equal('3 mis yn ôl');
    expect(l.list(['a', 'b', 'c'])).to.match(/^a, b,? a c$/);
    expect(new Localizer('en').p(en.results.found, 1)).to.equal('1 service found');
    expect(new Localizer('en').miles(8.05)).to.equal('5 miles away');
  });

  it('says on a card where a service is, in a few words', () => {
    const english = new Localizer('en');
    const hall = { name: 'St Mary’s Hall', address: { street: '1 High Street', town: 'Penarth', postcode: 'CF64 1AA' } };
    expect(placeWords(english, { locations: [hall] })).to.equal('Where: St Mary’s Hall, Penarth');
    expect(placeWords(english, { locations: [hall, { address: { street: '2 Low Street' } }] })).to.equal(
      'Where: St Mary’s Hall, Penarth and 1 other place',
    );
    expect(placeWords(english, { locations: [{ address: { street: '2 Low Street', postcode: 'CF64 1AB' } }] })).to.equal(
      'Where: 2 Low Street, CF64 1AB',
    );
    expect(placeWords(english, { attendance: ['online', 'phone'] })).to.equal('Online · By phone');
    expect(placeWords(english, { attendance: ['in-person'] })).to.equal(undefined);
    expect(placeWords(new Localizer('cy'), { locations: [hall, hall, hall] })).to.equal('Lleoliad: St Mary’s Hall, Penarth (a 2 arall)');
  });

  it('writes numbers and prices in pounds as Intl does, in both languages, and other currencies through Intl', () => {
    const values = [0, 7, 0.4, 1.5, 2.25, 3.999, 12.5, 999, 999.9996, 1000, 1234.5, -2.5, -1234567, 10_000_000, 2 ** 53 - 1, 1e20];
    // Three decimals exactly (ties when rounded to pence: 68.785), and long fractions.
    const spread = Array.from({ length: 200 }, (_, i) => [(i * 7919) / 1000 - 50, (i * 7919) / 997]).flat();
    for (const lang of ['en', 'cy'] as const) {
      const l = new Localizer(lang, lang === 'cy' ? cy : en);
      const plain = new Intl.NumberFormat(l.locale);
      for (const n of [...values, ...spread]) {
        expect(l.number(n), `${lang} ${n}`).to.equal(plain.format(n));
        const money = new Intl.NumberFormat(l.locale, { style: 'currency', currency: 'GBP', minimumFractionDigits: n % 1 ? 2 : 0 });
        expect(l.money(n), `${lang} £${n}`).to.equal(money.format(n));
      }
      expect(l.number(1e21), 'beyond plain digits, through Intl').to.equal(plain.format(1e21));
      expect(l.money(3.5, 'EUR')).to.equal(new Intl.NumberFormat(l.locale, { style: 'currency', currency: 'EUR' }).format(3.5));
    }
    expect(new Localizer('en').money(3)).to.equal('£3');
    expect(new Localizer('en').money(3.5)).to.equal('£3.50');
  });

  it('writes dates and times on London’s clocks as Intl does in English, across the clock changes', () => {
    const l = new Localizer('en', en);
    const zone = { timeZone: 'Europe/London' } as const;
    const date = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', ...zone });
    const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...zone });
    const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', ...zone });
    const thisYear = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', ...zone });
    const year = new Intl.DateTimeFormat('en-GB', { year: 'numeric', ...zone }).format(new Date());
    let compared = 0;
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 13 * 3_600_000 + 7 * 60_000) {
      const d = new Date(t);
      expect(l.date(d, { year: 'numeric' }), d.toISOString()).to.equal(date.format(d));
      expect(l.date(d), d.toISOString()).to.equal(month.format(d).endsWith(year) ? thisYear.format(d) : date.format(d));
      expect(l.time(d), d.toISOString()).to.equal(time.format(d));
      expect(l.monthYear(d), d.toISOString()).to.equal(month.format(d));
      compared++;
    }
    expect(compared).to.be.greaterThan(600);
  });

  it('a card’s words make no Intl format but plural rules: prices in pounds, distances, dates and times are written by hand', () => {
    const names = ['DateTimeFormat', 'NumberFormat', 'RelativeTimeFormat', 'PluralRules', 'ListFormat'] as const;
    const originals = names.map((name) => [name, Intl[name]] as const);
    const made: string[] = [];
    for (const [name, Original] of originals) {
      // Counts what is made; supportedLocalesOf and the rest come from the original.
      (Intl as Record<string, unknown>)[name] = new Proxy(Original, {
        construct(target, args: unknown[]) {
          made.push(name);
          return Reflect.construct(target, args) as object;
        },
      });
    }
    try {
      for (const lang of ['en', 'cy'] as const) {
        const l = new Localizer(lang, lang === 'cy' ? cy : en);
        const now = new Date();
        const inAYear = new Date(+now + 300 * 86_400_000);
        whenWords(l, { start: now, end: new Date(+now + 3_600_000) });
        whenWords(l, { start: inAYear, end: new Date(+inAYear + 3_600_000) });
        whenWords(l, { start: inAYear, allDay: true });
        for (const [days, months] of [
          [0, 0],
          [1, 0],
          [3, 0],
          [20, 0],
          [70, 2],
          [800, 26],
        ])
          checkedWords(l, { date: '2026-01-01', days, months, stale: false });
        costWords(l, { free: false, options: [{ amount: 2 }, { amount: 2.5 }, { amount: 12 }] });
        for (const km of [0.4, 3, 40]) l.miles(km);
        l.p(l.m.results.found, 1234);
        // Starting ICU's number or date data costs tens of milliseconds; plural rules a millisecond or two.
        expect([...new Set(made)], `${lang}: formats made for a card's words`).to.deep.equal(['PluralRules']);
        made.length = 0;
      }
    } finally {
      for (const [name, Original] of originals) (Intl as Record<string, unknown>)[name] = Original;
    }
  });

  it('joins lists in the catalogue’s words: as Intl does in English, with "a" ("ac" before a vowel) and "neu" in Welsh', () => {
    const english = new Localizer('en');
    for (const type of ['conjunction', 'disjunction'] as const) {
      const intl = new Intl.ListFormat('en-GB', { style: 'long', type });
      for (const items of [[], ['a'], ['a', 'b'], ['a', 'b', 'c', 'd']]) expect(english.list(items, type)).to.equal(intl.format(items));
    }
    const welsh = new Localizer('cy');
    expect(welsh.list(['te', 'coffi', 'dŵr'])).to.equal('te, coffi a dŵr');
    // "ac" before a vowel, w and y among them, accented or not.
    expect(welsh.list(['te', 'coffi', 'afalau'])).to.equal('te, coffi ac afalau');
    expect(welsh.list(['bara', 'ŵy'])).to.equal('bara ac ŵy');
    expect(welsh.list(['bara', 'Ynys Môn'])).to.equal('bara ac Ynys Môn');
    expect(english.list(['tea', 'apples'])).to.equal('tea and apples');
    expect(welsh.list(['te', 'coffi'], 'disjunction')).to.equal('te neu coffi');
  });

  it('in Welsh, the catalogue’s own word after "a" takes the aspirate mutation; a directory’s words stay as written', () => {
    const welsh = new Localizer('cy');
    const english = new Localizer('en');
    expect(welsh.listOwn(['te', 'coffi'])).to.equal('te a choffi');
    expect(welsh.listOwn(['bara', 'te', 'Caerdydd'])).to.equal('bara, te a Chaerdydd');
    expect(welsh.listOwn(['bara', 'pysgod'])).to.equal('bara a physgod');
    // A digraph is a letter of its own, and a vowel takes "ac" as before.
    expect(welsh.listOwn(['bara', 'chwaraeon'])).to.equal('bara a chwaraeon');
    expect(welsh.listOwn(['te', 'afalau'])).to.equal('te ac afalau');
    expect(welsh.listOwn(['te'])).to.equal('te');
    // On a Welsh page a directory's words are often English: never mutated.
    expect(welsh.list(['Carers', 'Parents'])).to.equal('Carers a Parents');
    expect(english.listOwn(['tea', 'coffee'])).to.equal('tea and coffee');
    // Through the catalogue: what partial matches do not say, and a weekly schedule on two days.
    expect(unknownFields(welsh, ['distance', 'availability'])).to.equal('ble maen nhw a phryd maen nhw’n rhedeg');
    const weekly: Schedule = { freq: 'WEEKLY', byday: [{ day: 'MO' }, { day: 'TU' }], opensAt: '10:00', closesAt: '12:00' };
    expect(scheduleWords(welsh, weekly)).to.equal('Bob dydd Llun a bob dydd Mawrth 10:00–12:00');
    expect(scheduleWords(english, weekly)).to.equal('Mondays and Tuesdays 10:00–12:00');
  });
});
