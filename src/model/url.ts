/**
 * `url` as the URL parser writes it (control characters, spaces and non-ASCII percent-encoded) when it is an
 * http(s) address, resolved against `base` when given; otherwise undefined. Only such addresses become links
 * or calendar URLs: a directory's `javascript:` or `data:` address never does.
 */
export function httpHref(url: string | undefined, base?: string): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
