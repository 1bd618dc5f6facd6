/**
 * Turning what a person typed for a place into a point: "lat,lng" as written, a name from the page's own
 * place list, else the geocoder (postcodes.io by default, outward code only).
 */
import type { LatLng } from '../model/index.js';
import { fetchJson } from '../sources/index.js';
import { parseLatLng, postcodesIoGeocoder, type Geocoder } from '../engine/index.js';

export type PlaceError = 'not-found' | 'failed';

export interface PlaceOptions {
  geocoder?: Geocoder;
  /** Place names the page knows, or the URL of a JSON file of them (read on the first lookup). */
  places?: Record<string, LatLng> | string;
  timeoutMs?: number;
}

/** A place list as a Map by lower-cased name, keeping only entries with a usable point. */
function placeMap(list: unknown): Map<string, LatLng> {
  const out = new Map<string, LatLng>();
  if (!list || typeof list !== 'object' || Array.isArray(list)) return out;
  for (const [name, point] of Object.entries(list)) {
    if (!point || typeof point !== 'object') continue;
    const { lat, lng } = point as Record<string, unknown>;
    if (typeof lat === 'number' && typeof lng === 'number' && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
      out.set(name.toLowerCase(), { lat, lng });
    }
  }
  return out;
}

export class PlaceResolver {
  readonly #options: PlaceOptions;
  #list?: Promise<Map<string, LatLng>>;
  #lookup?: AbortController;

  constructor(options: PlaceOptions) {
    this.#options = options;
  }

  /** The point for `place`, or why there is none. A newer lookup aborts the geocoding of an older one. */
  async resolve(place: string): Promise<{ near: LatLng } | { error: PlaceError }> {
    const point = parseLatLng(place);
    if (point) return { near: point };
    const known = (await this.#places()).get(place.toLowerCase());
    if (known) return { near: known };
    this.#lookup?.abort();
    const controller = (this.#lookup = new AbortController());
    try {
      const geocoder = this.#options.geocoder ?? postcodesIoGeocoder();
      const near = await geocoder(place, controller.signal);
      return near ? { near } : { error: 'not-found' };
    } catch {
      return { error: 'failed' };
    }
  }

  /** Stops a lookup under way. */
  abort(): void {
    this.#lookup?.abort();
  }

  /** The page's place names; a list given by URL is read once. Without it, postcodes and "lat,lng" still work. */
  #places(): Promise<Map<string, LatLng>> {
    const places = this.#options.places;
    this.#list ??=
      typeof places === 'string'
        ? fetchJson(places, { timeoutMs: this.#options.timeoutMs }).then(placeMap, () => new Map())
        : Promise.resolve(placeMap(places));
    return this.#list;
  }
}
