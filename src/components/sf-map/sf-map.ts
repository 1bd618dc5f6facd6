import { adoptStyles, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FinderElement } from '../finder-element.js';
import { SfShowListEvent } from '../events.js';
import { tokens } from '../internal/shared.styles.js';
import { chunk } from '../internal/chunk.js';
import { withoutPoint } from './points.js';
import { styles } from './sf-map.styles.js';
import type { MapController, MapHost } from './map-controller.js';

/** OpenStreetMap's standard tiles (see their tile usage policy before using them on a busy site). */
export const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/** Leaflet, supercluster, the map view and what keeps it in step with the store: one chunk, fetched by the first map shown. */
const loadMapModule = chunk(() => import('./map-controller.js'));

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

  #controller?: MapController;
  #generation = 0;
  #stylesAdopted = false;

  /** The Leaflet map, once loaded (for pages that add their own layers). */
  get leafletMap() {
    return this.#controller?.view.map;
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
    this.#controller?.update();
  }

  protected override storeChanged(): void {
    this.#controller?.select();
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
            ? html`<button type="button" class="button area" part="button area-button" @click=${() => this.#controller?.searchArea()}>
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
    if (!container || this.#controller) return;
    let mod: typeof import('./map-controller.js');
    try {
      mod = await loadMapModule();
    } catch {
      if (generation === this.#generation) this.status = 'failed';
      return;
    }
    if (generation !== this.#generation || !this.isConnected || this.#controller) return;
    if (!this.#stylesAdopted && this.shadowRoot) {
      adoptStyles(this.shadowRoot, [mod.leafletStyles, ...(this.constructor as typeof SfMap).elementStyles, mod.markerStyles]);
      this.#stylesAdopted = true;
    }
    this.#controller = new mod.MapController(this.#host(), container);
    this.status = 'ready';
  }

  /** What the map's controller reads of this element, read when it asks. */
  #host(): MapHost {
    return {
      element: this,
      l: () => this.l,
      store: () => this.activeStore,
      ui: () => this.ui,
      tiles: () => ({ url: this.tiles, attribution: this.attribution }),
      offerArea: (offered) => {
        this.moved = offered;
      },
    };
  }

  #stop(): void {
    this.#generation++;
    this.#controller?.destroy();
    this.#controller = undefined;
  }

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
