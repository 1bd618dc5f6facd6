/**
 * Where a person can read one record of a directory, for `service-finder compare`'s links. Apart from
 * index.ts so that it stays out of the browser bundle, which never links to a directory's own record.
 */
import { servicesUrl } from './index.js';
import { isOpenActiveUrl } from './rpde-detect.js';

/**
 * `<services list>/{id}` of an ORUK or Outpost directory (the address `readService` reads), from the address the
 * directory was read from; undefined for a file (`….json`), an OpenActive feed, or what is not a web address.
 */
export function recordUrl(url: string, id: string): string | undefined {
  if (/\s/.test(url.trim()) || isOpenActiveUrl(url)) return undefined;
  try {
    const list = new URL(servicesUrl(url));
    if (/\.json$/i.test(list.pathname)) return undefined;
    list.search = '';
    list.hash = '';
    return `${list.href.replace(/\/+$/, '')}/${encodeURIComponent(id)}`;
  } catch {
    return undefined;
  }
}
