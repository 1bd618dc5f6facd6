/**
 * Telling an OpenActive (RPDE) feed from a directory, by its address or its first page. Kept apart from the
 * feed reader (rpde.ts), which pages that never read a feed do not load.
 */
import { isObject } from './normalise.js';

/** An RPDE page: `{ items: [...], next }`, whose items carry `state` and `kind`. */
export function isRpdePage(body: unknown): body is { items: unknown[]; next?: unknown } {
  if (!isObject(body) || !Array.isArray(body.items)) return false;
  if (!body.items.length) return typeof body.next === 'string';
  return body.items.some((i) => isObject(i) && 'state' in i && ('kind' in i || 'modified' in i));
}

/** An address that names an OpenActive feed by its path or its RPDE paging parameters. */
export function isOpenActiveUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      /rpde|openactive|session-?series|scheduled-?sessions?|sessionseries/i.test(u.pathname) ||
      u.searchParams.has('afterTimestamp') ||
      u.searchParams.has('afterChangeNumber')
    );
  } catch {
    return false;
  }
}
