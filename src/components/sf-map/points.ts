/**
 * From results to map points, without Leaflet: the element counts the
 * results with no location before the map has loaded, and the lazily loaded
 * map view groups the located ones by address.
 */
import type { Location, Result } from '../../model/index.js';

/** One service at one address. */
export interface PlaceEntry {
  key: string;
  name: string;
  /** The venue's name or street, for "Chair yoga, Rumney Hub". */
  place?: string;
}

/** Every service at one point: one marker (a list when several). */
export interface PointGroup {
  lat: number;
  lng: number;
  /** The address's own name, when the services there agree on one. */
  place?: string;
  entries: PlaceEntry[];
}

const located = (l: Location): l is Location & { lat: number; lng: number } =>
  typeof l.lat === 'number' && typeof l.lng === 'number' && Number.isFinite(l.lat) && Number.isFinite(l.lng);

/** Whether a result can be drawn on a map (at least one location with coordinates). */
export const hasPoint = (r: Result): boolean => r.service.locations?.some(located) ?? false;

/** The results a map cannot show. */
export const withoutPoint = (results: readonly Result[]): number => results.reduce((n, r) => (hasPoint(r) ? n : n + 1), 0);

/** What a marker is called after the service's name. */
export function placeName(l: Location): string | undefined {
  return l.name?.trim() || l.address?.street?.trim() || l.address?.town?.trim() || l.address?.postcode?.trim() || undefined;
}

/**
 * Groups every location of every result by point (to about a metre), one
 * entry per service per point, in result order. A service with locations
 * at several addresses is in several groups.
 */
export function groupPoints(results: readonly Result[]): PointGroup[] {
  const groups = new Map<string, PointGroup>();
  for (const r of results) {
    const s = r.service;
    for (const l of s.locations ?? []) {
      if (!located(l)) continue;
      const id = `${l.lat.toFixed(5)},${l.lng.toFixed(5)}`;
      let g = groups.get(id);
      const place = placeName(l);
      if (!g) groups.set(id, (g = { lat: l.lat, lng: l.lng, place, entries: [] }));
      else if (g.place !== place) g.place = g.place ?? place;
      if (!g.entries.some((e) => e.key === s.key)) g.entries.push({ key: s.key, name: s.name, place });
    }
  }
  return [...groups.values()];
}
