/**
 * Bundled by bench/map.ts and loaded into Chromium: builds the cluster index
 * for many points, then mounts a real `<sf-map>` on those results and times
 * redraws after pans and zooms at several zoom levels.
 */
import { SfMap } from '../src/components/sf-map/sf-map.js';
import { buildIndex, groupPoints } from '../src/components/sf-map/map-view.js';
import type { FinderStore } from '../src/store/finder-store.js';
import type { Query, Result } from '../src/model/index.js';
import { rng } from './data.js';

export interface MapBenchLevel {
  zoom: number;
  markers: number;
  clusters: number;
  panMs: number;
  zoomMs: number;
}

export interface MapBenchResult {
  points: number;
  groups: number;
  groupFirstMs: number;
  groupMedianMs: number;
  indexFirstMs: number;
  indexMedianMs: number;
  firstDrawMs: number;
  levels: MapBenchLevel[];
}

declare global {
  interface Window {
    runMapBench(count: number, zooms: number[]): Promise<MapBenchResult>;
  }
}

if (!customElements.get('sf-map')) customElements.define('sf-map', SfMap);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** `count` results around Cardiff and the Vale; about one in ten shares a venue with another. */
function results(count: number): Result[] {
  const r = rng(42);
  const venues: Array<{ name: string; lat: number; lng: number }> = [];
  return Array.from({ length: count }, (_, i) => {
    let venue: { name: string; lat: number; lng: number };
    if (venues.length && r() < 0.1) venue = venues[Math.floor(r() * venues.length)];
    else {
      // Denser in the city, thinning out over about 30 km.
      const d = Math.pow(r(), 1.5) * 0.35;
      const a = r() * Math.PI * 2;
      venue = { name: `Venue ${venues.length + 1}`, lat: 51.48 + d * Math.sin(a) * 0.62, lng: -3.18 + d * Math.cos(a) };
      venues.push(venue);
    }
    const key = `bench:${i}`;
    return {
      service: {
        key,
        id: String(i),
        name: `Service ${i}`,
        directory: { id: 'bench', name: 'Bench', url: 'http://bench.invalid' },
        locations: [venue],
        sources: [],
      },
      score: 1,
      explanations: [],
      partial: false,
    } as unknown as Result;
  });
}

/** The little of FinderStore the map reads. */
function fakeStore(list: Result[]): FinderStore {
  const store = new EventTarget() as EventTarget & {
    results: Result[];
    query: Query;
    loading: boolean;
    services: unknown[];
    setQuery(q: Partial<Query>): Promise<void>;
  };
  store.results = list;
  store.query = {};
  store.loading = false;
  store.services = [];
  store.setQuery = async (q) => {
    store.query = { ...store.query, ...q };
    store.dispatchEvent(new Event('change'));
  };
  return store as unknown as FinderStore;
}

/** A grey tile as a data URL: no network. */
function tileUrl(): string {
  const c = document.createElement('canvas');
  c.width = c.height = 8;
  const g = c.getContext('2d')!;
  g.fillStyle = '#e8e8e8';
  g.fillRect(0, 0, 8, 8);
  return c.toDataURL('image/png');
}

window.runMapBench = async (count, zooms) => {
  const list = results(count);

  // 1. Index: grouping by address, then supercluster; cold, then warm.
  const times: number[] = [];
  const groupTimes: number[] = [];
  let groups = 0;
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    const g = groupPoints(list);
    const t1 = performance.now();
    buildIndex(g);
    times.push(performance.now() - t1);
    groupTimes.push(t1 - t0);
    groups = g.length;
  }

  // 2. A real <sf-map> on those results.
  const map = document.createElement('sf-map') as SfMap;
  map.tiles = tileUrl();
  map.attribution = 'Bench';
  map.style.cssText = 'width: 1024px; --sf-map-height: 700px';
  document.body.append(map);
  await map.updateComplete;
  await map.mapReady;
  const store = fakeStore([]);
  map.store = store;
  await map.updateComplete;
  const leaflet = map.leafletMap!;
  const t0 = performance.now();
  (store as unknown as { results: Result[] }).results = list;
  store.dispatchEvent(new Event('change'));
  await map.updateComplete;
  const firstDrawMs = performance.now() - t0;
  await frame();

  const shadow = map.shadowRoot!;
  const levels: MapBenchLevel[] = [];
  const center = leaflet.getCenter();
  for (const zoom of zooms) {
    leaflet.setView(center, zoom, { animate: false });
    await frame();
    const pans: number[] = [];
    const zoomTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const dx = (i % 2 ? -1 : 1) * 300;
      const start = performance.now();
      leaflet.panBy([dx, i % 3 === 0 ? 150 : -75], { animate: false }); // moveend → redraw, synchronously
      shadow.querySelector('.leaflet-marker-pane')?.getBoundingClientRect(); // and layout
      pans.push(performance.now() - start);
      await frame();
    }
    for (let i = 0; i < 5; i++) {
      leaflet.setView(center, zoom - 1, { animate: false });
      await frame();
      const start = performance.now();
      leaflet.setView(center, zoom, { animate: false });
      shadow.querySelector('.leaflet-marker-pane')?.getBoundingClientRect();
      zoomTimes.push(performance.now() - start);
      await frame();
    }
    leaflet.setView(center, zoom, { animate: false });
    await frame();
    levels.push({
      zoom,
      markers: shadow.querySelectorAll('.sf-marker').length,
      clusters: shadow.querySelectorAll('.sf-cluster').length,
      panMs: median(pans),
      zoomMs: median(zoomTimes),
    });
  }
  map.remove();
  return {
    points: count,
    groups,
    groupFirstMs: groupTimes[0],
    groupMedianMs: median(groupTimes.slice(1)),
    indexFirstMs: times[0],
    indexMedianMs: median(times.slice(1)),
    firstDrawMs,
    levels,
  };
};
