import type { LatLng } from '../model/index.js';

export type { LatLng };

/** Turns what a person typed for a place into a point; undefined when not found. */
export type Geocoder = (place: string, signal?: AbortSignal) => Promise<LatLng | undefined>;

const R = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in kilometres. */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** "51.48,-3.17" (or "51.48 -3.17") → a point; undefined unless both numbers are in range. */
export function parseLatLng(text: string): LatLng | undefined {
  const m = /^\s*([-+]?\d{1,3}(?:\.\d+)?)\s*[,\s]\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$/.exec(text);
  if (!m) return undefined;
  const lat = Number(m[1]);
  const lng = Number(m[2]);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return undefined;
  return { lat, lng };
}

const OUTCODE = '[A-Z]{1,2}\\d[A-Z\\d]?';
const POSTCODE_RE = new RegExp(`^(${OUTCODE})\\s*(\\d[A-Z]{2})$`);
const OUTCODE_RE = new RegExp(`^(${OUTCODE})$`);

/**
 * Recognises a UK postcode ("cf10 1ab" → { outcode: "CF10", postcode: "CF10 1AB" })
 * or a bare outward code ("CF10" → { outcode: "CF10" }); undefined for anything else.
 */
export function parsePostcode(text: string): { outcode: string; postcode?: string } | undefined {
  const t = text.trim().toUpperCase().replace(/\s+/g, ' ');
  const full = POSTCODE_RE.exec(t);
  if (full) return { outcode: full[1], postcode: `${full[1]} ${full[2]}` };
  const out = OUTCODE_RE.exec(t);
  if (out) return { outcode: out[1] };
  return undefined;
}

/**
 * A geocoder backed by postcodes.io. For privacy only the outward code
 * ("CF10") is sent unless `fullPostcode` is set. Place names that are not
 * postcodes resolve to undefined; a 404 resolves to undefined; any other
 * failure throws.
 */
export function postcodesIoGeocoder({
  baseUrl = 'https://api.postcodes.io',
  fullPostcode = false,
}: { baseUrl?: string; fullPostcode?: boolean } = {}): Geocoder {
  const base = baseUrl.replace(/\/+$/, '');
  return async (place, signal) => {
    const parsed = parsePostcode(place);
    if (!parsed) return undefined;
    const url =
      fullPostcode && parsed.postcode
        ? `${base}/postcodes/${encodeURIComponent(parsed.postcode.replace(' ', ''))}`
        : `${base}/outcodes/${encodeURIComponent(parsed.outcode)}`;
    const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`Geocoder answered ${response.status} for ${url}`);
    const body = (await response.json()) as { result?: { latitude?: unknown; longitude?: unknown } };
    const lat = body.result?.latitude;
    const lng = body.result?.longitude;
    if (typeof lat !== 'number' || typeof lng !== 'number') return undefined;
    return { lat, lng };
  };
}
