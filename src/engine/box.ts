/**
 * Distances to boxes on the map (a static index's tiles): kept apart from ./geo.ts, which every page
 * loads, since only a page reading an index measures them.
 */
import type { LatLng } from '../model/index.js';
import { haversineKm } from './geo.js';

/**
 * Distance in kilometres from a point to a box ([west, south, east, north]): 0 inside it. Measured to the
 * box's point nearest in latitude and longitude, which is never nearer than the box's nearest point on the
 * sphere and, for boxes of up to a few hundred kilometres, hardly further (a caller allows a little over).
 */
export function distanceToBoxKm(p: LatLng, box: readonly [number, number, number, number]): number {
  const [west, south, east, north] = box;
  const lat = Math.min(north, Math.max(south, p.lat));
  const lng = Math.min(east, Math.max(west, p.lng));
  return lat === p.lat && lng === p.lng ? 0 : haversineKm(p, { lat, lng });
}
