import { adoptStyles, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Query, Result } from '../../model/index.js';
import { FinderElement } from '../finder-element.js';
import { SfShowListEvent } from '../events.js';
import { tokens } from '../internal/shared.styles.js';
import { chunk } from '../internal/chunk.js';
import { withoutPoint } from './points.js';
import { styles } from './sf-map.styles.js';
import type { MapView, MapWords } from './map-view.js';

/** OpenStreetMap's standard tiles (see their tile usage policy before using them on a busy site). */
export const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

type MapModule = typeof import('./map-view.js');
/** Leaflet, supercluster and the map view: one chunk, fetched by the first map shown. */
const loadMapModule = chunk(() => import('./map-view.js'));

/** Four decimals is about 10 m: the map's centre as a place the store resolves without a geocoder. */
const areaPlace = (lat: number, lng: number) => `${lat.toFixed(4)},${lng.toFixed(4)}`;

/**
 * The results on a map. Leaflet and the clustering are loaded the first time
 * a map is shown, so a page with only the list never downloads them.
 *
 * Markers are buttons named after the service and place ("Chair yoga, Rumney
 * Hub"); nearby services are clustered ("Cluster of 12 services": Enter zooms
 * in), and several services at one address open a short list. Choosing one
 * opens the service as a card does. Hovering or focusing a card in
 * `<sf-results>` highlights its marker. After the person moves the map, a
 * "Search this area" button sets the place to the map's centre (as
 * "lat,lng", like "Use my location") and the distance to the visible area.
 * Results without a location are counted above the map, next to a "Show as
 * list" button.
 *
 * @tag sf-map
 * @summary The results on a Leaflet map: clustered, keyboard-accessible markers in step with the list, and "search this area".
 *
 * @attr finder - The id of a `<service-finder>` elsewhere on the page (not needed inside one).
 * @attr lang - `en` or `cy`; otherwise inherited.
 * @attr tiles - Tile URL template with `{z}`, `{x}`, `{y}` (and optionally `{s}`); default OpenStreetMap's standard tiles.
 * @attr attribution - Attribution for the tiles (HTML, shown in the map's corner); default OpenStreetMap's. Required by most tile providers.
 *
 * @fires sf-select - {SfSelectEvent} When a service is opened from a marker; `key`.
 * @fires sf-show-list - {SfShowListEvent} When the person presses "Show as list"; `<service-finder>` shows and focuses its list and cancels it.
 *
 * @csspart map - The map itself (Leaflet's container).
 * @csspart note - "N results have no location".
 * @csspart button - Buttons ("Show as list", "Search this area").
 * @csspart list-button - The "Show as list" button.
 * @csspart area-button - The "Search this area" button.
 *
 * @cssprop --sf-map-height - Height of the map (default 28rem).
 * @cssprop --sf-map-marker-color - Fill of a service's pin (default #1d70b8).
 * @cssprop --sf-map-marker-outline-color - Outline of pins and clusters (default #ffffff).
 * @cssprop --sf-map-highlight-color - Pin or cluster of the card hovered or focused in the list (default #f47738).
 * @cssprop --sf-map-selected-color - Pin or cluster of the service open in the detail (default #00703c).
 * @cssprop --sf-map-cluster-color - Background of a cluster (default #1d70b8).
 * @cssprop --sf-map-cluster-text-color - The count on a cluster (default #ffffff).
 * @cssprop --sf-map-area-color - The search point and the radius around it (default #4c2c92).
 */
export class SfMap extends FinderElement {
  static override styles = [tokens, styles];

  /** Tile URL template, `{z}/{x}/{y}`. Every tile is requested from here and nowhere else. */
  @property() tiles = OSM_TILES;

  /** Attribution HTML for the tiles. */
  @property() attribution = OSM_ATTRIBUTION;

  @state() private status: 'loading' | 'ready' | 'failed' = 'loading';
  /** The person moved the map since the last search: offer "Search this area". */
  @state() private moved = false;

  #view?: MapView;
  #resize?: ResizeObserver;
  #generation = 0;
  #results?: Result[];
  #query?: Query;
  #areaPlace?: string;
  #userMoved = false;
  #lang?: string;
  #stylesAdopted = false;
  #mod?: MapModule;
  /** The tiles and attribution the map shows now. */
  #tileSource?: string;
  /** The FinderUi whose `highlight` events this map listens to. */
  #highlightUi?: EventTarget;

  /** The Leaflet map, once loaded (for pages that add their own layers). */
  get leafletMap() {
    return this.#view?.map;
  }

  /** Resolves when the map has loaded (or failed to). */
  get mapReady(): Promise<void> {
    return this.#ready;
  }

  #ready: Promise<void> = Promise.resolve();

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#ready = this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
  }

  protected override firstUpdated(): void {
    this.#ready = this.#start();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated?.(changed);
    const view = this.#view;
    if (!view) return;
    if (this.#tileSource !== `${this.tiles}\n${this.attribution}`) {
      this.#tileSource = `${this.tiles}\n${this.attribution}`;
      view.setTiles(this.tiles, this.attribution);
    }
    const lang = this.l.lang;
    if (lang !== this.#lang) {
      this.#lang = lang;
      view.setWords(this.#words());
      this.#labelContainer();
    }
    this.#sync();
  }

  protected override storeChanged(): void {
    this.#view?.select(this.ui?.selected);
  }

  override render() {
    const { m } = this.l;
    const store = this.activeStore;
    const missing = store && !(store.loading && !store.results.length) ? withoutPoint(store.results) : 0;
    return html`
      <div class="bar">
        ${missing ? html`<p class="note" part="note">${this.l.p(m.map.noLocation, missing)}</p>` : nothing}
        <button type="button" class="link-button" part="button list-button" @click=${this.#showList}>${m.map.showList}</button>
      </div>
      <div class="frame">
        ${
          this.moved && this.status === 'ready'
            ? html`<button type="button" class="button area" part="button area-button" @click=${this.#searchArea}>
                ${m.map.searchArea}
              </button>`
            : nothing
        }
        <div class="map" part="map" id="map" role="region" aria-describedby="map-help"></div>
        ${
          this.status === 'loading'
            ? html`<p class="status" role="status">${m.map.loading}</p>`
            : this.status === 'failed'
              ? html`<p class="status" role="alert">${m.map.failed}</p>`
              : nothing
        }
      </div>
      <p id="map-help" class="visually-hidden">${m.map.help}</p>
    `;
  }

  async #start(): Promise<void> {
    const generation = ++this.#generation;
    const container = this.renderRoot.querySelector<HTMLElement>('#map');
    if (!container || this.#view) return;
    let mod: MapModule;
    try {
      mod = await loadMapModule();
    } catch {
      if (generation === this.#generation) this.status = 'failed';
      return;
    }
    if (generation !== this.#generation || !this.isConnected || this.#view) return;
    if (!this.#stylesAdopted && this.shadowRoot) {
      adoptStyles(this.shadowRoot, [mod.leafletStyles, ...(this.constructor as typeof SfMap).elementStyles, mod.markerStyles]);
      this.#stylesAdopted = true;
    }
    this.#mod = mod;
    this.#lang = this.l.lang;
    this.#tileSource = `${this.tiles}\n${this.attribution}`;
    this.#view = new mod.MapView({
      container,
      tiles: this.tiles,
      attribution: this.attribution,
      words: this.#words(),
      onSelect: (key) => {
        const ui = this.ui;
        if (!ui) return;
        // Closing the detail returns focus to the service's card, scrolled into view in the list.
        ui.select(key, { from: this, openerKey: key });
      },
      onUserMove: () => {
        this.#userMoved = true;
        this.moved = true;
      },
    });
    this.#labelContainer();
    this.#resize = new ResizeObserver(() => this.#view?.invalidate(!this.#userMoved));
    this.#resize.observe(container);
    this.#results = undefined;
    this.#query = undefined;
    this.status = 'ready';
    this.#sync();
    this.#onHighlight();
  }

  #stop(): void {
    this.#generation++;
    this.#resize?.disconnect();
    this.#resize = undefined;
    this.#highlightUi?.removeEventListener('highlight', this.#onHighlight);
    this.#highlightUi = undefined;
    this.#view?.destroy();
    this.#view = undefined;
    this.#results = undefined;
    this.#query = undefined;
  }

  readonly #onHighlight = () => {
    const ui = this.ui;
    if (ui && ui !== this.#highlightUi) {
      this.#highlightUi?.removeEventListener('highlight', this.#onHighlight);
      ui.addEventListener('highlight', this.#onHighlight);
      this.#highlightUi = ui;
    }
    this.#view?.highlight(ui?.highlighted);
  };

  /** Brings the map up to date with the store: points, search circle, selection. */
  #sync(): void {
    const view = this.#view;
    const store = this.activeStore;
    if (!view || !store) return;
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
      if (this.moved) this.moved = false;
    }
    if (results !== this.#results) {
      this.#results = results;
      view.setData(this.#groups(results), !this.#userMoved);
    }
    view.select(this.ui?.selected);
  }

  #groups(results: Result[]) {
    return this.#mod?.groupPoints(results) ?? [];
  }

  #labelContainer(): void {
    const container = this.#view?.map.getContainer();
    container?.setAttribute('aria-label', this.l.m.map.label);
  }

  #words(): MapWords {
    const l = this.l;
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

  #searchArea = () => {
    const view = this.#view;
    const store = this.activeStore;
    if (!view || !store) return;
    const { center, radiusKm } = view.area();
    const place = areaPlace(center.lat, center.lng);
    this.#areaPlace = place;
    this.#userMoved = true;
    this.moved = false;
    void store.setQuery({ place, radiusKm: Math.max(0.1, Math.round(radiusKm * 10) / 10) });
  };

  #showList = () => {
    const event = new SfShowListEvent();
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    // No finder took it: bring a list that shows the same results into view.
    const roots: ParentNode[] = [this.getRootNode() as ParentNode, document];
    for (const root of roots) {
      for (const list of root.querySelectorAll<HTMLElement & { activeStore?: unknown; focusList?: () => void }>('sf-results')) {
        if (list.activeStore === this.activeStore && list.focusList) {
          list.focusList();
          return;
        }
      }
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sf-map': SfMap;
  }
}
