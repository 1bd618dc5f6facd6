import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import type { SfMap } from '../../src/components/sf-map/sf-map.js';
import { groupPoints } from '../../src/components/sf-map/points.js';
import { uiFor } from '../../src/components/finder-ui.js';
import type { FinderStore } from '../../src/store/finder-store.js';
import { cards, deepActive, inner, resetUrl, settle, loadedFixture } from './helpers.js';

const V3 = `${FIXTURES}/dialects/oruk-v3`;
const TILES = `${FIXTURES}/tiles/{z}/{x}/{y}.png`;

const markers = (map: SfMap) => [...map.shadowRoot!.querySelectorAll<HTMLElement>('.sf-marker')];
const clusters = (map: SfMap) => markers(map).filter((m) => m.classList.contains('sf-cluster'));
const points = (map: SfMap) => markers(map).filter((m) => m.classList.contains('sf-point'));
/** Services a marker stands for: a cluster's count, or the keys at one address. */
const servicesOn = (m: HTMLElement) =>
  m.classList.contains('sf-cluster') ? Number(m.textContent!.replace(/\D/g, '')) : m.dataset.keys!.split(' ').length;

async function mapFinder(attrs: { lang?: string } = {}) {
  const el = await loadedFixture(
    html`<service-finder
      url-state="off"
      view="map list"
      lang=${attrs.lang ?? 'en'}
      map-tiles=${TILES}
      map-attribution="Fixture tiles"
      endpoints=${V3}
      style="display: block; width: 900px; --sf-map-height: 500px"
    ></service-finder>`,
  );
  const map = inner<SfMap>(el, 'sf-map');
  await map.mapReady;
  await settle(el);
  await waitUntil(() => markers(map).length > 0, 'markers drawn', { timeout: 5000 });
  return { el, map, store: el.store!, leaflet: map.leafletMap! };
}

describe('<sf-map>', () => {
  afterEach(resetUrl);

  it('a page with only the list does not load Leaflet', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${V3}></service-finder>`);
    const names = performance.getEntriesByType('resource').map((e) => e.name);
    expect(names.filter((n) => /leaflet|supercluster|kdbush|map-view/.test(n))).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('sf-map')).to.equal(null);
  });

  it('draws a marker for every located result and counts the rest', async () => {
    const { map, store } = await mapFinder();
    const groups = groupPoints(store.results);
    const entries = groups.reduce((n, g) => n + g.entries.length, 0);
    expect(entries).to.be.greaterThan(100);
    // The view is fitted to the results: every located service is on a marker or in a cluster.
    expect(markers(map).reduce((n, m) => n + servicesOn(m), 0)).to.equal(entries);
    const missing = store.results.filter(
      (r) => !r.service.locations?.some((l) => typeof l.lat === 'number' && typeof l.lng === 'number'),
    ).length;
    const note = map.shadowRoot!.querySelector('[part~="note"]');
    if (missing) expect(note!.textContent).to.equal(`${missing} ${missing === 1 ? 'result has' : 'results have'} no location`);
    else expect(note).to.equal(null);
  });

  it('clusters at low zoom: a cluster shows its count and is named by it', async () => {
    const { map, leaflet } = await mapFinder();
    leaflet.setView(leaflet.getCenter(), 10, { animate: false });
    await waitUntil(() => clusters(map).length > 0, 'clusters at zoom 10');
    const cluster = clusters(map).sort((a, b) => servicesOn(b) - servicesOn(a))[0];
    const n = servicesOn(cluster);
    expect(n).to.be.greaterThan(1);
    expect(cluster.getAttribute('aria-label')).to.equal(`Cluster of ${n} services`);
    expect(cluster.getAttribute('role')).to.equal('button');
    expect(cluster.tabIndex).to.equal(0);
  });

  it('clicking a cluster zooms in', async () => {
    const { map, leaflet } = await mapFinder();
    leaflet.setView(leaflet.getCenter(), 10, { animate: false });
    await waitUntil(() => clusters(map).length > 0, 'clusters at zoom 10');
    const before = leaflet.getZoom();
    clusters(map)[0].click();
    await waitUntil(() => leaflet.getZoom() > before, 'zoomed in', { timeout: 3000 });
  });

  it('Enter on a cluster zooms in and keeps focus in the map', async () => {
    const { map, leaflet } = await mapFinder();
    leaflet.setView(leaflet.getCenter(), 10, { animate: false });
    await waitUntil(() => clusters(map).length > 0, 'clusters at zoom 10');
    const before = leaflet.getZoom();
    clusters(map)[0].focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => leaflet.getZoom() > before, 'zoomed in', { timeout: 3000 });
    await waitUntil(() => deepActive()?.classList.contains('sf-marker') ?? false, 'focus on a marker', { timeout: 3000 });
    expect(leaflet.getContainer().contains(deepActive())).to.equal(true);
  });

  it('hovering or focusing a card highlights its marker', async () => {
    const { el, map, store } = await mapFinder();
    const results = inner(el, 'sf-results');
    const located = new Set(groupPoints(store.results).flatMap((g) => g.entries.map((e) => e.key)));
    const card = (await cards(results, 3)).find((c) => located.has(c.dataset.key!))!;
    expect(card, 'a card with a location').to.exist;
    const key = card.dataset.key!;
    const highlighted = () => markers(map).filter((m) => m.classList.contains('highlighted'));
    const standsFor = (m: HTMLElement) => m.classList.contains('sf-cluster') || m.dataset.keys!.split(' ').includes(key);

    card.dispatchEvent(new MouseEvent('mouseenter'));
    await waitUntil(() => highlighted().length > 0, 'marker highlighted on hover');
    expect(highlighted().every(standsFor)).to.equal(true);
    card.dispatchEvent(new MouseEvent('mouseleave'));
    await waitUntil(() => highlighted().length === 0, 'highlight cleared');

    card.querySelector<HTMLElement>('[part~="card-title"] a')!.focus();
    await waitUntil(() => highlighted().length > 0, 'marker highlighted on focus');
    expect(highlighted().every(standsFor)).to.equal(true);
    expect(uiFor(store).highlighted).to.equal(key);
  });

  it('Enter on a marker opens the service', async () => {
    const { el, map, store, leaflet } = await mapFinder();
    const group = groupPoints(store.results).find((g) => g.entries.length === 1)!;
    const key = group.entries[0].key;
    leaflet.setView([group.lat, group.lng], 18, { animate: false });
    const marker = () => points(map).find((m) => m.dataset.keys === key);
    await waitUntil(() => marker(), 'marker in view');
    const name = store.results.find((r) => r.service.key === key)!.service.name;
    expect(marker()!.getAttribute('aria-label')).to.equal(group.entries[0].place ? `${name}, ${group.entries[0].place}` : name);
    const events: Array<string | undefined> = [];
    el.addEventListener('sf-select', (e) => events.push(e.key));
    marker()!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => uiFor(store).selected === key, 'selected');
    await settle(el);
    expect(events).to.deep.equal([key]);
    expect(el.hasAttribute('detail-open')).to.equal(true);
    expect(inner(inner(el, 'sf-service'), '[part~="detail-title"]').textContent).to.equal(name);
    expect(marker()!.classList.contains('selected')).to.equal(true);
  });

  it('several services at one address open a list to choose from', async () => {
    const { map, store, leaflet } = await mapFinder();
    const group = groupPoints(store.results).find((g) => g.entries.length > 1)!;
    expect(group, 'a venue with several services').to.exist;
    leaflet.setView([group.lat, group.lng], 18, { animate: false });
    const keys = group.entries.map((e) => e.key).join(' ');
    const marker = () => points(map).find((m) => m.dataset.keys === keys);
    await waitUntil(() => marker(), 'address marker in view');
    expect(marker()!.getAttribute('aria-label')).to.match(new RegExp(`^${group.entries.length} services at `));
    marker()!.focus();
    await sendKeys({ press: 'Enter' });
    const buttons = () => [...map.shadowRoot!.querySelectorAll<HTMLButtonElement>('.sf-address-list button')];
    await waitUntil(() => buttons().length === group.entries.length, 'list of services');
    expect(deepActive()).to.equal(buttons()[0]);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => deepActive() === marker(), 'focus back on the marker');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => buttons().length === group.entries.length, 'list again');
    buttons()[1].click();
    await waitUntil(() => uiFor(store).selected === group.entries[1].key, 'second service selected');
  });

  it('"Search this area" after panning sets the place to the map centre and the visible distance', async () => {
    const { el, map, store, leaflet } = await mapFinder();
    const area = () => map.shadowRoot!.querySelector<HTMLButtonElement>('[part~="area-button"]');
    expect(area()).to.equal(null);
    leaflet.panBy([200, 120], { animate: false });
    await waitUntil(() => area(), '"Search this area" offered');
    expect(area()!.textContent!.trim()).to.equal('Search this area');
    const center = leaflet.getCenter();
    const zoom = leaflet.getZoom();
    area()!.click();
    await waitUntil(() => store.query.near !== undefined, 'near set');
    await settle(el);
    expect(store.query.near!.lat).to.be.closeTo(center.lat, 0.0001);
    expect(store.query.near!.lng).to.be.closeTo(center.lng, 0.0001);
    expect(store.query.place).to.equal(`${center.lat.toFixed(4)},${center.lng.toFixed(4)}`);
    const b = leaflet.getBounds();
    const halfWidthKm = center.distanceTo([center.lat, b.getEast()]) / 1000;
    expect(store.query.radiusKm).to.be.closeTo(Math.max(halfWidthKm, center.distanceTo([b.getNorth(), center.lng]) / 1000), 0.1);
    // The map stays where the person put it, shows the search point and radius, and the button goes.
    expect(leaflet.getZoom()).to.equal(zoom);
    expect(leaflet.getCenter().distanceTo(center)).to.be.lessThan(1);
    expect(map.shadowRoot!.querySelector('path.sf-radius')).to.exist;
    expect(map.shadowRoot!.querySelector('path.sf-you')).to.exist;
    expect(area()).to.equal(null);
    // Every result is within the radius of the centre (or does not say where it is).
    for (const r of store.results)
      if (r.distanceKm !== undefined && !r.partial) expect(r.distanceKm).to.be.at.most(store.query.radiusKm! + 0.01);
  });

  it('a change of size is not the person moving the map: no "Search this area", the results stay fitted', async () => {
    const { el, map, store, leaflet } = await mapFinder();
    const area = () => map.shadowRoot!.querySelector<HTMLButtonElement>('[part~="area-button"]');
    const entries = groupPoints(store.results).reduce((n, g) => n + g.entries.length, 0);
    const width = leaflet.getSize().x;
    // The page's layout narrows the map (as a finder's does when it first measures itself as wide).
    map.style.width = `${Math.round(width / 2)}px`;
    await waitUntil(() => leaflet.getSize().x !== width, 'the map took its new size');
    await settle(el);
    expect(area()).to.equal(null);
    expect(markers(map).reduce((n, m) => n + servicesOn(m), 0)).to.equal(entries);
  });

  it('draws the person’s place and radius from the search', async () => {
    const { el, map, store } = await mapFinder();
    await store.setQuery({ place: '51.48,-3.18', radiusKm: 3 });
    await settle(el);
    const radius = map.shadowRoot!.querySelector<SVGPathElement>('path.sf-radius');
    expect(radius).to.exist;
    expect(map.shadowRoot!.querySelector('path.sf-you')).to.exist;
    // Fitted: the whole circle is in view.
    const box = radius!.getBoundingClientRect();
    const frame = map.leafletMap!.getContainer().getBoundingClientRect();
    expect(box.left).to.be.at.least(frame.left - 1);
    expect(box.right).to.be.at.most(frame.right + 1);
  });

  it('markers and clusters are reachable by Tab with names, and Tab leaves the map', async () => {
    const { map, leaflet, store } = await mapFinder();
    const container = leaflet.getContainer();
    expect(container.getAttribute('aria-label')).to.equal('Map of results');
    const names = store.results.map((r) => r.service.name);
    container.focus();
    await sendKeys({ press: 'Tab' });
    const first = deepActive() as HTMLElement;
    expect(first.classList.contains('sf-marker')).to.equal(true);
    for (const m of markers(map)) {
      expect(m.getAttribute('role')).to.equal('button');
      // A cluster, an address with several services, or one service's name (with its place when known).
      const label = m.getAttribute('aria-label')!;
      const named = names.some((n) => label === n || label.startsWith(`${n}, `));
      expect(/^Cluster of \d+ services?$|^\d+ services? at .+/.test(label) || named, label).to.equal(true);
    }
    // Tab through every stop in the map: it ends outside the map.
    const stops = container.querySelectorAll('[tabindex="0"], a[href], button').length;
    let left = false;
    for (let i = 0; i < stops + 2 && !left; i++) {
      await sendKeys({ press: 'Tab' });
      left = !container.contains(deepActive());
    }
    expect(left, 'focus left the map').to.equal(true);
    // And Shift+Tab comes back in.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(container.contains(deepActive())).to.equal(true);
  });

  it('offers the list: "Show as list" shows the list and moves focus to it', async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" view="map" map-tiles=${TILES} endpoints=${V3}></service-finder>`);
    expect(el.shadowRoot!.querySelector('sf-results')).to.equal(null);
    const map = inner<SfMap>(el, 'sf-map');
    await map.mapReady;
    const button = inner<HTMLButtonElement>(map, '[part~="list-button"]');
    expect(button.textContent!.trim()).to.equal('Show as list');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('sf-results'), 'list shown');
    await settle(el);
    const results = inner(el, 'sf-results');
    await waitUntil(() => deepActive() === results.shadowRoot!.querySelector('[part~="count"]'), 'focus on the list');
    expect(el.view.split(' ')).to.include.members(['map', 'list']);
  });

  it('is accessible (axe), in English and Welsh', async () => {
    const { map, leaflet } = await mapFinder();
    await expect(map).to.be.accessible();
    leaflet.setView(leaflet.getCenter(), 11, { animate: false });
    await waitUntil(() => clusters(map).length > 0, 'clusters');
    await expect(map).to.be.accessible();
    const cy = await mapFinder({ lang: 'cy' });
    cy.leaflet.setView(cy.leaflet.getCenter(), 10, { animate: false });
    await waitUntil(() => clusters(cy.map).length > 0, 'clusters');
    expect(clusters(cy.map)[0].getAttribute('aria-label')).to.match(/^Clwstwr o \d+ g?wasanaeth$/);
    expect(inner(cy.map, '[part~="list-button"]').textContent!.trim()).to.equal('Dangos fel rhestr');
    expect(cy.leaflet.getContainer().getAttribute('aria-label')).to.equal('Map o’r canlyniadau');
    await expect(cy.map).to.be.accessible();
  });

  it('requests tiles only from the configured tile server', async () => {
    const { map } = await mapFinder();
    await waitUntil(() => map.shadowRoot!.querySelectorAll('img.leaflet-tile-loaded').length > 0, 'tiles loaded', { timeout: 5000 });
    const tiles = [...map.shadowRoot!.querySelectorAll<HTMLImageElement>('img.leaflet-tile')];
    expect(tiles.length).to.be.greaterThan(0);
    for (const t of tiles) expect(t.src.startsWith(`${FIXTURES}/tiles/`), t.src).to.equal(true);
    const images = performance.getEntriesByType('resource').filter((e) => (e as PerformanceResourceTiming).initiatorType === 'img');
    expect(images.length).to.be.greaterThan(0);
    for (const e of images) expect(e.name.startsWith(`${FIXTURES}/tiles/`), e.name).to.equal(true);
    expect(map.shadowRoot!.querySelector('.leaflet-control-attribution')!.textContent).to.contain('Fixture tiles');
    // Changing the attributes changes the tile layer and its attribution.
    map.tiles = `${FIXTURES}/tiles/{z}/{x}/{y}.png?v=2`;
    map.attribution = 'Other tiles';
    await map.updateComplete;
    await waitUntil(() => map.shadowRoot!.querySelector<HTMLImageElement>('img.leaflet-tile')?.src.endsWith('?v=2'), 'new tiles');
    expect(map.shadowRoot!.querySelector('.leaflet-control-attribution')!.textContent).to.contain('Other tiles');
    expect(map.shadowRoot!.querySelector('.leaflet-control-attribution')!.textContent).to.not.contain('Fixture tiles');
  });

  it('does not leak after 50 mounts and unmounts', async () => {
    const { el, store } = await mapFinder();
    const { liveMaps } = await import('../../src/components/sf-map/map-view.js');
    const ui = uiFor(store);
    const watched = new Map<EventTarget, number>([
      [window, 0],
      [document, 0],
      [store, 0],
      [ui, 0],
    ]);
    const add = EventTarget.prototype.addEventListener;
    const remove = EventTarget.prototype.removeEventListener;
    const registered = new Set<string>();
    let adds = 0;
    let observers = 0;
    const RO = window.ResizeObserver;
    EventTarget.prototype.addEventListener = function (
      this: EventTarget,
      type: string,
      fn: EventListenerOrEventListenerObject | null,
      opts?: boolean | AddEventListenerOptions,
    ) {
      if (watched.has(this) && fn) {
        // Count only distinct registrations, as the DOM does.
        const key = listenerKey(this, type, fn, opts);
        if (!registered.has(key)) {
          adds++;
          registered.add(key);
          watched.set(this, watched.get(this)! + 1);
        }
      }
      return add.call(this, type, fn, opts);
    } as typeof add;
    EventTarget.prototype.removeEventListener = function (
      this: EventTarget,
      type: string,
      fn: EventListenerOrEventListenerObject | null,
      opts?: boolean | EventListenerOptions,
    ) {
      if (watched.has(this) && fn) {
        const key = listenerKey(this, type, fn, opts);
        if (registered.delete(key)) watched.set(this, watched.get(this)! - 1);
      }
      return remove.call(this, type, fn, opts);
    } as typeof remove;
    window.ResizeObserver = class extends RO {
      override observe(target: Element, options?: ResizeObserverOptions) {
        observers++;
        super.observe(target, options);
      }
      override disconnect() {
        observers--;
        super.disconnect();
      }
    };
    const heap = () => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize;
    const host = document.createElement('div');
    host.style.cssText = 'width: 600px';
    el.after(host);
    const baseline = liveMaps();
    let heapAfter10: number | undefined;
    try {
      for (let i = 0; i < 50; i++) {
        const m = document.createElement('sf-map');
        m.tiles = TILES;
        m.store = store as FinderStore;
        host.append(m);
        await m.updateComplete;
        await m.mapReady;
        expect(m.leafletMap, `map ${i} created`).to.exist;
        expect(m.shadowRoot!.querySelectorAll('.sf-marker').length).to.be.greaterThan(0);
        m.remove();
        if (i === 9) heapAfter10 = heap();
      }
    } finally {
      EventTarget.prototype.addEventListener = add;
      EventTarget.prototype.removeEventListener = remove;
      window.ResizeObserver = RO;
      host.remove();
    }
    expect(liveMaps()).to.equal(baseline);
    expect(observers).to.equal(0);
    expect(adds, 'listeners were added (and counted) while mounted').to.be.at.least(50);
    for (const [target, n] of watched)
      expect(
        n,
        `listeners left on ${target === window ? 'window' : target === document ? 'document' : target === store ? 'the store' : 'the ui'}`,
      ).to.equal(0);
    const heapAfter50 = heap();
    if (heapAfter10 !== undefined && heapAfter50 !== undefined) {
      // performance.memory is coarse: only catch growth of a map's size per cycle (several MB each).
      expect(heapAfter50 - heapAfter10, 'heap growth over 40 cycles').to.be.lessThan(40 * 1024 * 1024);
    }
  });
});

const listenerKey = (target: object, type: string, fn: object, opts?: boolean | EventListenerOptions) =>
  `${stamp(target)}|${type}|${String(typeof opts === 'object' ? !!opts.capture : !!opts)}|${stamp(fn)}`;

const stamps = new WeakMap<object, number>();
let nextStamp = 0;
function stamp(o: object): number {
  let s = stamps.get(o);
  if (s === undefined) stamps.set(o, (s = ++nextStamp));
  return s;
}
