/**
 * Key normalisers: a record's url, phone numbers and postcodes as dedup
 * compares and files them, whatever way each directory writes them.
 */
import { trimEnd } from '../../model/limits.js';
import { PHONE_MIN_DIGITS } from './thresholds.js';

const URL_PARTS = /^\s*https?:\/\/(?:[^@/?#\s]*@)?([^/?#:\s]+)(?::\d+)?([^?#\s]*)(\?[^#\s]*)?/i;

/**
 * "https://www.Example.org/a/b/?utm_source=x#top" → { key: "example.org/a/b", hasPath: true }.
 * A regular expression rather than `new URL()`: this runs for every record.
 */
export function normaliseUrl(url: string | undefined): { key: string; hasPath: boolean } | undefined {
  const m = url ? URL_PARTS.exec(url) : null;
  if (!m) return undefined;
  let host = m[1].toLowerCase();
  if (host.startsWith('www.')) host = host.slice(4);
  let path = m[2];
  if (path.includes('%')) {
    try {
      path = decodeURIComponent(path);
    } catch {
      // keep it encoded
    }
  }
  path = trimEnd(path.toLowerCase().replace(/\/(index\.(html?|php))?$/, ''), '/');
  const search = m[3]
    ? m[3]
        .slice(1)
        .split('&')
        .filter((p) => p && !/^(utm_|fbclid|gclid)/i.test(p))
        .join('&')
    : '';
  return { key: host + path + (search ? `?${search}` : ''), hasPath: path !== '' || search !== '' };
}

/** Digits only, +44 → 0; undefined for short numbers (111, 999) that say nothing about identity. */
export function normalisePhone(number: string | undefined): string | undefined {
  if (!number) return undefined;
  const text = number.includes('(0)') ? number.replace('(0)', '') : number;
  let d = text.replace(/\D+/g, '');
  if (d.startsWith('0044')) d = '0' + d.slice(4);
  else if (d.startsWith('44') && d.length === 12) d = '0' + d.slice(2);
  return d.length >= PHONE_MIN_DIGITS ? d : undefined;
}

export function normalisePostcode(postcode: string | undefined): string | undefined {
  const p = postcode?.toUpperCase().replace(/\s/g, '');
  return p && /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(p) ? p : undefined;
}

/** A number's digits when it can be read as a phone number (`digits`), else as written without spaces. */
export const keyOfPhone = (number: string, digits: string | undefined) => digits ?? number.replace(/\s/g, '');

/** The key under which blending unions phone numbers (see `keyOfPhone`). */
export const phoneKey = (p: { number: string }) => keyOfPhone(p.number, normalisePhone(p.number));
