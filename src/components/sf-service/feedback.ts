/** A directory's "suggest a change" address for one record, from its template (docs/trust.md). */

/** Where a template puts the record's id: `{id}`, as written or as a URL parser escapes it in a path. */
const ID_MARK = /\{id\}|%7Bid%7D/gi;

/**
 * The feedback address for record `id`: `template` with each `{id}` replaced by the id, URL-encoded. Only
 * http(s) addresses; the id goes only into the path, query or fragment, never into the host, so a record
 * cannot send people elsewhere. A template without `{id}` is the directory's one address for every record.
 */
export function feedbackHref(template: string | undefined, id: string): string | undefined {
  if (!template) return undefined;
  let url: URL;
  try {
    url = new URL(template, typeof location === 'undefined' ? undefined : location.href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const origin = `${url.protocol}//${url.host}`;
  // A template with a user name or password before its host is not an address to send people to.
  if (url.username || url.password || !url.href.startsWith(origin)) return undefined;
  const rest = url.href.slice(origin.length).replace(ID_MARK, () => encodeURIComponent(id));
  return origin + rest;
}
