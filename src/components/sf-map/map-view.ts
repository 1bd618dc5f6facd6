/**
 * The Leaflet side of `<sf-map>`, in the map's chunk with Leaflet and
 * supercluster, loaded only when a map is shown (the element imports
 * `map-controller.ts` with `import()`, which drives this view). No Lit
 * element here: a plain class driving one Leaflet map in a container the
 * element owns.
 */
import * as L from 'leaflet/dist/leaflet-src.esm.js';
// Types from @types/leaflet by the package name, so the emitted .d.ts needs no path into Leaflet.
import type * as LT from 'leaflet';
import Supercluster, { type ClusterFeature, type PointFeature } from 'supercluster';
import { html, render } from 'lit';
import type { LatLng } from '../../model/index.js';
import { groupPoints, type PointGroup } from './points.js';
import { leafletStyles } from './leaflet.styles.js';
import { markerStyles } from './marker.styles.js';

export { groupPoints, leafletStyles, markerStyles };

type PointProps = { g: number; n: number };
type ClusterProps = { n: number };
type Feature = PointFeature<PointProps> | ClusterFeature<ClusterProps>;

/** The points of one set of results and their cluster index. */
export interface PointIndex {
  groups: PointGroup[];
  index: Supercluster<PointProps, ClusterProps>;
  /** Service key → the groups it is in. */
  byKey: Map<string, number[]>;
}

/** The map's deepest zoom; clusters stop one level before it (every address on its own). */
const MAX_ZOOM = 18;
const CLUSTER_MAX_ZOOM = 16;
/** "Fit to results" zooms in no further than this (a single result stays in its streets). */
const FIT_MAX_ZOOM = 15;

/** Builds the cluster index (one point per address; clusters count services, not addresses). */
export function buildIndex(groups: PointGroup[]): PointIndex {
  const index = new Supercluster<PointProps, ClusterProps>({
    // Leaflet's tiles are 256 px: with extent 256 the radius is in screen pixels.
    extent: 256,
    radius: 60,
    maxZoom: CLUSTER_MAX_ZOOM,
    map: (p) => ({ n: p.n }),
    reduce: (acc, p) => {
      acc.n += p.n;
    },
  });
  const byKey = new Map<string, number[]>();
  const features = groups.map((g, i) => {
    for (const e of g.entries) {
      const list = byKey.get(e.key);
      if (list) list.push(i);
      else byKey.set(e.key, [i]);
    }
    return {
      type: 'Feature' as const,
      properties: { g: i, n: g.entries.length },
      geometry: { type: 'Point' as const, coordinates: [g.lng, g.lat] },
    };
  });
  index.load(features);
  return { groups, index, byKey };
}

/** Words the map shows or announces, in the element's language. */
export interface MapWords {
  marker(name: string, place: string | undefined): string;
  cluster(n: number): string;
  address(n: number, place: string | undefined): string;
  count(n: number): string;
  zoomIn: string;
  zoomOut: string;
  close: string;
}

export interface MapViewOptions {
  container: HTMLElement;
  tiles: string;
  attribution: string;
  words: MapWords;
  /** A service was chosen (marker or address list). */
  onSelect(key: string): void;
  /** The person moved or zoomed the map (not a fit to the results). */
  onUserMove(): void;
}

/** A marker on the map and what it shows now (a marker is reused for another cluster or point). */
interface Shown {
  marker: LT.Marker;
  feature: Feature;
  kind: 'cluster' | 'point' | 'address';
  /** A cluster's diameter in pixels. */
  size?: number;
}

const kindOf = (f: Feature): Shown['kind'] => ('cluster' in f.properties ? 'cluster' : f.properties.n > 1 ? 'address' : 'point');
const clusterSize = (n: number) => (n < 10 ? 36 : n < 100 ? 44 : 52);

let live = 0;
/** How many Leaflet maps exist now (created and not yet removed): for leak tests. */
export const liveMaps = () => live;

const SVG = 'http://www.w3.org/2000/svg';
let pinTemplate: SVGSVGElement | undefined;

/** A pin: parsed once, then cloned (parsing markup for each of hundreds of markers is slow). */
function pin(): SVGSVGElement {
  if (!pinTemplate) {
    const svg = (pinTemplate = document.createElementNS(SVG, 'svg'));
    svg.setAttribute('class', 'pin');
    svg.setAttribute('viewBox', '0 0 28 38');
    svg.setAttribute('width', '28');
    svg.setAttribute('height', '38');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const body = document.createElementNS(SVG, 'path');
    body.setAttribute('class', 'pin-body');
    body.setAttribute('d', 'M14 1C7 1 1 6.7 1 13.8 1 23.4 14 37 14 37s13-13.6 13-23.2C27 6.7 21 1 14 1z');
    const dot = document.createElementNS(SVG, 'circle');
    dot.setAttribute('class', 'pin-dot');
    dot.setAttribute('cx', '14');
    dot.setAttribute('cy', '14');
    dot.setAttribute('r', '5');
    svg.append(body, dot);
  }
  return pinTemplate.cloneNode(true) as SVGSVGElement;
}

/** A count on a cluster or an address: hidden from screen readers (the marker's name says it). */
function countSpan(className: string, text: string): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = className;
  span.setAttribute('aria-hidden', 'true');
  span.textContent = text;
  return span;
}

/**
 * One Leaflet map showing clustered results, the search point and radius,
 * with markers that are buttons. Redraws only what is in view (padded), and
 * keeps markers that stay in view between redraws.
 */
export class MapView {
  readonly map: LT.Map;
  readonly #options: MapViewOptions;
  #words: MapWords;
  #tiles: LT.TileLayer;
  #zoom: LT.Control.Zoom;
  readonly #searchLayer = L.layerGroup();
  #data?: PointIndex;
  /** Shown markers by id: `c<cluster id>` or `p<group index>`. */
  readonly #markers = new Map<string, Shown>();
  #leaves?: Map<number, Set<number>>;
  #highlighted?: string;
  #selected?: string;
  #marked: HTMLElement[] = [];
  #fitting = 0;
  #popup?: LT.Popup;
  #search?: { near?: LatLng; radiusKm?: number };
  #removed = false;
  #drawnZoom?: number;

  constructor(options: MapViewOptions) {
    this.#options = options;
    this.#words = options.words;
    const map = (this.map = L.map(options.container, {
      center: [54.5, -3.0],
      zoom: 5,
      zoomControl: false,
      attributionControl: false,
      trackResize: false,
      maxZoom: MAX_ZOOM,
      zoomSnap: 1,
    }));
    live++;
    this.#zoom = L.control.zoom({ zoomInTitle: this.#words.zoomIn, zoomOutTitle: this.#words.zoomOut }).addTo(map);
    L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addTo(map);
    this.#tiles = L.tileLayer(options.tiles, { attribution: options.attribution, maxZoom: MAX_ZOOM }).addTo(map);
    this.#searchLayer.addTo(map);
    map.on('moveend', this.#onMoveEnd);
    map.on('popupclose', this.#onPopupClose);
  }

  /** Changes the tile source and its attribution. */
  setTiles(url: string, attribution: string): void {
    this.#tiles.remove();
    this.#tiles = L.tileLayer(url, { attribution, maxZoom: MAX_ZOOM }).addTo(this.map);
  }

  /** Changes the language of every name and title. */
  setWords(words: MapWords): void {
    this.#words = words;
    const container = this.#zoom.getContainer();
    for (const [cls, title] of [
      ['.leaflet-control-zoom-in', words.zoomIn],
      ['.leaflet-control-zoom-out', words.zoomOut],
    ] as const) {
      const a = container?.querySelector(cls);
      a?.setAttribute('title', title);
      a?.setAttribute('aria-label', title);
    }
    for (const { marker, feature } of this.#markers.values()) this.#label(marker, feature);
  }

  /** Shows these points. `fit` moves the view to them (and the search circle). */
  setData(groups: PointGroup[], fit: boolean): void {
    this.#data = buildIndex(groups);
    this.map.closePopup();
    // Cluster ids belong to one index: a new index redraws every marker.
    for (const { marker } of this.#markers.values()) marker.remove();
    this.#markers.clear();
    if (fit) this.fit();
    else this.redraw();
  }

  /** Draws the person's point and the radius around it (or nothing). */
  setSearch(near: LatLng | undefined, radiusKm: number | undefined): void {
    if (this.#search?.near === near && this.#search?.radiusKm === radiusKm) return;
    this.#search = { near, radiusKm };
    this.#searchLayer.clearLayers();
    if (!near) return;
    if (radiusKm && radiusKm > 0) {
      L.circle([near.lat, near.lng], { radius: radiusKm * 1000, interactive: false, className: 'sf-radius' }).addTo(this.#searchLayer);
    }
    L.circleMarker([near.lat, near.lng], { radius: 7, interactive: false, className: 'sf-you' }).addTo(this.#searchLayer);
  }

  /** Moves the view to show every point and the search circle. */
  fit(): void {
    const bounds = L.latLngBounds([]);
    for (const g of this.#data?.groups ?? []) bounds.extend([g.lat, g.lng]);
    const near = this.#search?.near;
    if (near) {
      const r = (this.#search?.radiusKm ?? 0) * 1000;
      bounds.extend(r > 0 ? L.latLng(near.lat, near.lng).toBounds(r * 2) : L.latLng(near.lat, near.lng));
    }
    this.#ownMove(() => {
      if (bounds.isValid()) this.map.fitBounds(bounds, { padding: [32, 32], maxZoom: FIT_MAX_ZOOM, animate: false });
      this.redraw();
    });
  }

  /** Runs `move`, a move of the view's own making: the `moveend` it causes is not the person's. */
  #ownMove(move: () => void): void {
    this.#fitting++;
    try {
      move();
    } finally {
      this.#fitting--;
    }
  }

  /** The centre of the view and the distance from it to the farther edge, for "search this area". */
  area(): { center: LatLng; radiusKm: number } {
    const c = this.map.getCenter();
    const b = this.map.getBounds();
    const ns = c.distanceTo([b.getNorth(), c.lng]);
    const ew = c.distanceTo([c.lat, b.getEast()]);
    return { center: { lat: c.lat, lng: c.lng }, radiusKm: Math.max(ns, ew) / 1000 };
  }

  /** The card hovered or focused in the list: its markers (or their clusters) stand out. */
  highlight(key: string | undefined): void {
    if (key === this.#highlighted) return;
    this.#highlighted = key;
    this.#mark();
  }

  /** The service open in the detail view. */
  select(key: string | undefined): void {
    if (key === this.#selected) return;
    this.#selected = key;
    this.#mark();
  }

  /**
   * After the container changed size (the page's layout, not the person): Leaflet's `moveend` for it is not
   * a move of theirs (no "Search this area"). `refit` fits a view that was fitted to the results again, so
   * they stay in view at the new size.
   */
  invalidate(refit: boolean): void {
    if (this.#removed) return;
    const before = this.map.getSize();
    this.#ownMove(() => {
      this.map.invalidateSize({ pan: false });
      const size = this.map.getSize();
      if (refit && size.x > 0 && size.y > 0 && !size.equals(before)) this.fit();
    });
  }

  /** Removes the map and everything it listens to. */
  destroy(): void {
    if (this.#removed) return;
    this.#removed = true;
    this.map.off();
    // Leaflet ends a zoom animation on a timer that would run on the removed map: mark it ended.
    (this.map as LT.Map & { _animatingZoom?: boolean })._animatingZoom = false;
    this.map.remove();
    this.#markers.clear();
    this.#marked = [];
    this.#data = undefined;
    live--;
  }

  readonly #onMoveEnd = () => {
    this.redraw();
    if (!this.#fitting) this.#options.onUserMove();
  };

  /** Draws the clusters and points in view (plus a margin), reusing markers that stay. */
  redraw(): void {
    if (this.#removed) return;
    const data = this.#data;
    const seen = new Set<string>();
    this.#leaves = undefined;
    if (data && data.groups.length) {
      const b = this.map.getBounds().pad(0.2);
      const west = Math.max(-180, b.getWest());
      const east = Math.min(180, b.getEast());
      const south = Math.max(-85, b.getSouth());
      const north = Math.min(85, b.getNorth());
      const zoom = Math.round(this.map.getZoom());
      const fresh: Array<[string, Feature]> = [];
      for (const feature of data.index.getClusters([west, south, east, north], zoom) as Feature[]) {
        const id = 'cluster' in feature.properties ? `c${feature.properties.cluster_id}` : `p${(feature.properties as PointProps).g}`;
        seen.add(id);
        if (!this.#markers.has(id)) fresh.push([id, feature]);
      }
      // After a zoom every marker changes: those that go are reused for those that come, as
      // moving a marker is cheaper than removing one and adding another. (After a pan only a
      // few change, at the edges, and reusing them costs more in reordering than it saves.)
      const reuse = zoom !== this.#drawnZoom;
      this.#drawnZoom = zoom;
      const pool: Record<Shown['kind'], Shown[]> = { cluster: [], point: [], address: [] };
      const focused = (this.map.getContainer().getRootNode() as Document | ShadowRoot).activeElement;
      for (const [id, shown] of this.#markers) {
        if (seen.has(id)) continue;
        this.#markers.delete(id);
        if (reuse && shown.kind !== 'address' && shown.marker.getElement() !== focused) pool[shown.kind].push(shown);
        else shown.marker.remove();
      }
      for (const [id, feature] of fresh) {
        const reused = pool[kindOf(feature)].pop();
        this.#markers.set(id, reused ? this.#reuse(reused, feature) : this.#create(feature));
      }
      for (const shown of [...pool.cluster, ...pool.point]) shown.marker.remove();
    } else {
      for (const { marker } of this.#markers.values()) marker.remove();
      this.#markers.clear();
    }
    this.#order();
    this.#mark();
  }

  /** Moves a marker no longer in view to show another cluster or single service. */
  #reuse(shown: Shown, feature: Feature): Shown {
    const [lng, lat] = feature.geometry.coordinates;
    shown.feature = feature;
    shown.marker.setLatLng([lat, lng]);
    const el = shown.marker.getElement();
    const props = feature.properties;
    if (el && 'cluster' in props) {
      const size = clusterSize(props.n);
      if (shown.size !== size) {
        shown.size = size;
        el.style.width = el.style.height = `${size}px`;
        el.style.marginLeft = el.style.marginTop = `${-size / 2}px`;
      }
      el.firstElementChild!.textContent = this.#words.count(props.n);
    }
    this.#label(shown.marker, feature);
    return shown;
  }

  #create(feature: Feature): Shown {
    const [lng, lat] = feature.geometry.coordinates;
    const props = feature.properties;
    let icon: LT.DivIcon;
    if ('cluster' in props) {
      const size = clusterSize(props.n);
      icon = L.divIcon({
        className: 'sf-marker sf-cluster',
        html: countSpan('count', this.#words.count(props.n)),
        iconSize: [size, size],
      });
    } else {
      const n = (props as PointProps).n;
      let html: HTMLElement | SVGSVGElement = pin();
      if (n > 1) {
        const wrap = document.createElement('span');
        wrap.append(html, countSpan('badge', this.#words.count(n)));
        html = wrap;
      }
      icon = L.divIcon({
        className: n > 1 ? 'sf-marker sf-point sf-address' : 'sf-marker sf-point',
        html: html as HTMLElement,
        iconSize: [28, 38],
        iconAnchor: [14, 37],
        popupAnchor: [0, -34],
      });
    }
    // Raised on hover by CSS, not riseOnHover (two listeners per marker).
    const marker = L.marker([lat, lng], { icon, keyboard: true });
    const shown: Shown = { marker, feature, kind: kindOf(feature), size: 'cluster' in props ? clusterSize(props.n) : undefined };
    marker.on('click', (e: LT.LeafletMouseEvent) => {
      L.DomEvent.stop(e.originalEvent);
      this.#activate(marker, shown.feature, false);
    });
    marker.on('keydown', (e: LT.LeafletKeyboardEvent) => {
      const key = e.originalEvent.key;
      if (key !== 'Enter' && key !== ' ') return;
      e.originalEvent.preventDefault();
      this.#activate(marker, shown.feature, true);
    });
    marker.addTo(this.map);
    this.#label(marker, feature);
    return shown;
  }

  #label(marker: LT.Marker, feature: Feature): void {
    const el = marker.getElement();
    if (!el) return;
    const props = feature.properties;
    let name: string;
    if ('cluster' in props) {
      name = this.#words.cluster(props.n);
    } else {
      const g = this.#data!.groups[(props as PointProps).g];
      name =
        g.entries.length > 1 ? this.#words.address(g.entries.length, g.place) : this.#words.marker(g.entries[0].name, g.entries[0].place);
      if (g.entries.length > 1) el.setAttribute('aria-haspopup', 'dialog');
      el.dataset.keys = g.entries.map((e) => e.key).join(' ');
    }
    el.setAttribute('aria-label', name);
    el.title = name;
  }

  #activate(marker: LT.Marker, feature: Feature, byKeyboard: boolean): void {
    const props = feature.properties;
    const data = this.#data;
    if (!data) return;
    if ('cluster' in props) {
      const zoom = Math.min(data.index.getClusterExpansionZoom(props.cluster_id), MAX_ZOOM);
      const first = data.index.getLeaves(props.cluster_id, 1)[0]?.properties.g;
      if (byKeyboard) {
        // Keep the keyboard in the map: focus moves to what the cluster opened into.
        this.map.once('moveend', () => {
          const next = first !== undefined ? this.#elementsForGroup(first)[0] : undefined;
          (next ?? this.map.getContainer()).focus();
        });
      }
      this.map.setView(marker.getLatLng(), zoom, { animate: !byKeyboard });
      return;
    }
    const group = data.groups[(props as PointProps).g];
    if (group.entries.length === 1) {
      this.#options.onSelect(group.entries[0].key);
      return;
    }
    this.#openList(marker, group);
  }

  /** The services at one address, as a list of buttons in a popup. */
  #openList(marker: LT.Marker, group: PointGroup): void {
    const content = document.createElement('div');
    content.className = 'sf-address-list';
    const heading = this.#words.address(group.entries.length, group.place);
    const close = () => {
      this.map.closePopup();
      marker.getElement()?.focus();
    };
    render(
      html`<div role="dialog" aria-label=${heading} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.stopPropagation(), close())}>
        <p class="heading">${heading}</p>
        <ul>
          ${group.entries.map(
            (e) =>
              html`<li>
                <button type="button" data-key=${e.key} @click=${() => (this.map.closePopup(), this.#options.onSelect(e.key))}>
                  ${e.name}
                </button>
              </li>`,
          )}
        </ul>
      </div>`,
      content,
    );
    this.#popup = L.popup({ maxWidth: 280, autoPanPadding: [16, 16], closeButton: true })
      .setLatLng(marker.getLatLng())
      .setContent(content);
    (this.#popup as LT.Popup & { _opener?: LT.Marker })._opener = marker;
    this.map.openPopup(this.#popup);
    const closeButton = this.#popup.getElement()?.querySelector<HTMLElement>('.leaflet-popup-close-button');
    closeButton?.setAttribute('aria-label', this.#words.close);
    closeButton?.setAttribute('title', this.#words.close);
    content.querySelector('button')?.focus();
  }

  readonly #onPopupClose = (e: LT.PopupEvent) => {
    const opener = (e.popup as LT.Popup & { _opener?: LT.Marker })._opener;
    // Focus was in the list (close button, Escape): back to the marker. Leaflet fades the popup
    // out, so it is still in the document here.
    const el = e.popup.getElement();
    const active = el && (el.getRootNode() as Document | ShadowRoot).activeElement;
    if (el && active && el.contains(active)) opener?.getElement()?.focus();
    if (this.#popup === e.popup) this.#popup = undefined;
  };

  /**
   * Puts marker elements in reading order (north to south, west to east) so
   * Tab follows the map. Markers kept from the last redraw are already in
   * order: only the new ones move.
   */
  #order(): void {
    const items = [...this.#markers.values()]
      .map(({ marker }) => ({ el: marker.getElement(), at: marker.getLatLng() }))
      .filter((i): i is { el: HTMLElement; at: LT.LatLng } => !!i.el);
    if (items.length < 2) return;
    items.sort((a, b) => b.at.lat - a.at.lat || a.at.lng - b.at.lng);
    const pane = items[0].el.parentElement;
    if (!pane) return;
    const focused = (pane.getRootNode() as Document | ShadowRoot).activeElement as HTMLElement | null;
    let moved = false;
    let at: Element | null = pane.firstElementChild;
    for (const { el } of items) {
      if (at === el) {
        at = el.nextElementSibling;
        continue;
      }
      pane.insertBefore(el, at);
      if (el === focused) moved = true;
    }
    if (moved) focused!.focus({ preventScroll: true });
  }

  /** Groups of a cluster, computed once per redraw when something needs them. */
  #clusterGroups(id: number): Set<number> {
    this.#leaves ??= new Map();
    let set = this.#leaves.get(id);
    if (!set) {
      set = new Set(this.#data!.index.getLeaves(id, Infinity).map((f) => f.properties.g));
      this.#leaves.set(id, set);
    }
    return set;
  }

  #elementsForGroup(g: number): HTMLElement[] {
    const own = this.#markers.get(`p${g}`)?.marker.getElement();
    if (own) return [own];
    for (const { marker, feature } of this.#markers.values()) {
      if ('cluster' in feature.properties && this.#clusterGroups(feature.properties.cluster_id).has(g)) {
        const el = marker.getElement();
        if (el) return [el];
      }
    }
    return [];
  }

  #elementsFor(key: string): HTMLElement[] {
    const groups = this.#data?.byKey.get(key) ?? [];
    return [...new Set(groups.flatMap((g) => this.#elementsForGroup(g)))];
  }

  /** Classes for the highlighted and selected services' markers. */
  #mark(): void {
    for (const el of this.#marked) {
      el.classList.remove('highlighted', 'selected');
      el.removeAttribute('aria-current');
    }
    this.#marked = [];
    const apply = (key: string | undefined, cls: string) => {
      if (!key) return;
      for (const el of this.#elementsFor(key)) {
        el.classList.add(cls);
        if (cls === 'selected') el.setAttribute('aria-current', 'true');
        this.#marked.push(el);
      }
    };
    apply(this.#selected, 'selected');
    apply(this.#highlighted, 'highlighted');
  }
}
