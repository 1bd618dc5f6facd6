/**
 * The part of `<sf-map>` that keeps a Leaflet map in step with the store: its points, search circle,
 * selection, highlight, words and tiles, and "search this area". It comes with the map view, Leaflet and
 * supercluster in the map's chunk: a page whose finder shows no map never downloads it.
 */
import type { FinderStore } from '../../store/finder-store.js';
import type { FinderUi } from '../finder-ui.js';
import type { Localizer } from '../../i18n/index.js';
import type { Query, Result } from '../../model/index.js';
import { groupPoints, MapView, type MapWords } from './map-view.js';

export { leafletStyles, markerStyles } from './map-view.js';

/** Four decimals is about 10 m: the map's centre as a place the store resolves without a geocoder. */
const areaPlace = (lat: number, lng: number) => `${lat.toFixed(4)},${lng.toFixed(4)}`;

/** What the controller reads of its element, as the element has it when asked. */
export interface MapHost {
  /** The element: a service chosen on the map is opened from it. */
  readonly element: HTMLElement;
  l(): Localizer;
  store(): FinderStore | undefined;
  ui(): FinderUi | undefined;
  tiles(): { url: string; attribution: string };
  /** Offers "Search this area" (after the person moved the map), or takes it away. */
  offerArea(offered: boolean): void;
}

/** Made by `<sf-map>` once its chunk has loaded, for the map container it rendered; destroyed when it disconnects. */
export class MapController {
  readonly view: MapView;
  readonly #host: MapHost;
  readonly #resize: ResizeObserver;
  #results?: Result[];
  #query?: Query;
  #areaPlace?: string;
  #userMoved = false;
  #lang: string;
  /** The tiles and attribution the map shows now. */
  #tileSource: string;
  /** The FinderUi whose `highlight` events this map listens to. */
  #highlightUi?: EventTarget;

  constructor(host: MapHost, container: HTMLElement) {
    const { url, attribution } = host.tiles();
    this.#host = host;
    this.#lang = host.l().lang;
    this.#tileSource = `${url}\n${attribution}`;
    this.view = new MapView({
      container,
      tiles: url,
      attribution,
      words: this.#words(),
      onSelect: (key) => {
        // Closing the detail returns focus to the service's card, scrolled into view in the list.
        host.ui()?.select(key, { from: host.element, openerKey: key });
      },
      onUserMove: () => {
        this.#userMoved = true;
        host.offerArea(true);
      },
    });
    this.#labelContainer();
    this.#resize = new ResizeObserver(() => this.view.invalidate(!this.#userMoved));
    this.#resize.observe(container);
    this.update();
  }

  /** After the element renders: tiles, words, points, search circle and selection brought up to date. */
  update(): void {
    const { url, attribution } = this.#host.tiles();
    const view = this.view;
    if (this.#tileSource !== `${url}\n${attribution}`) {
      this.#tileSource = `${url}\n${attribution}`;
      view.setTiles(url, attribution);
    }
    const lang = this.#host.l().lang;
    if (lang !== this.#lang) {
      this.#lang = lang;
      view.setWords(this.#words());
      this.#labelContainer();
    }
    this.#sync();
  }

  /** The service open in the detail, marked. */
  select(): void {
    this.view.select(this.#host.ui()?.selected);
  }

  /** Sets the place to the map's centre and the distance to the area shown. */
  searchArea(): void {
    const store = this.#host.store();
    if (!store) return;
    const { center, radiusKm } = this.view.area();
    const place = areaPlace(center.lat, center.lng);
    this.#areaPlace = place;
    this.#userMoved = true;
    this.#host.offerArea(false);
    void store.setQuery({ place, radiusKm: Math.max(0.1, Math.round(radiusKm * 10) / 10) });
  }

  destroy(): void {
    this.#resize.disconnect();
    this.#highlightUi?.removeEventListener('highlight', this.#onHighlight);
    this.#highlightUi = undefined;
    this.view.destroy();
  }

  readonly #onHighlight = () => {
    const ui = this.#host.ui();
    if (ui && ui !== this.#highlightUi) {
      this.#highlightUi?.removeEventListener('highlight', this.#onHighlight);
      ui.addEventListener('highlight', this.#onHighlight);
      this.#highlightUi = ui;
    }
    this.view.highlight(ui?.highlighted);
  };

  #sync(): void {
    const view = this.view;
    const store = this.#host.store();
    if (!store) return;
    this.#onHighlight();
    const { results, query } = store;
    if (query !== this.#query) {
      const first = this.#query === undefined;
      this.#query = query;
      view.setSearch(query.near, query.radiusKm);
      if (query.place === undefined || query.place !== this.#areaPlace) {
        // A new search (not "search this area"): show its results wherever they are.
        if (!first) this.#userMoved = false;
        this.#areaPlace = undefined;
      }
      this.#host.offerArea(false);
    }
    if (results !== this.#results) {
      this.#results = results;
      view.setData(groupPoints(results), !this.#userMoved);
    }
    this.select();
  }

  #labelContainer(): void {
    this.view.map.getContainer().setAttribute('aria-label', this.#host.l().m.map.label);
  }

  #words(): MapWords {
    const l = this.#host.l();
    const { m } = l;
    return {
      marker: (name, place) => (place ? l.t(m.map.marker, { name, place }) : name),
      cluster: (n) => l.p(m.map.cluster, n),
      address: (n, place) => (place ? l.p(m.map.address, n, { place }) : l.p(m.map.addressUnnamed, n)),
      count: (n) => l.number(n),
      zoomIn: m.map.zoomIn,
      zoomOut: m.map.zoomOut,
      close: m.map.close,
    };
  }
}
