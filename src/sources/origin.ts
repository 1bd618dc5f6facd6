/**
 * Where a directory may send the reader: its pages stay on the origin it was read from (an http address may
 * move to https on the same host), and only http(s) is ever fetched.
 */

/** Whether an address may be fetched at all: http or https. */
export function fetchable(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/** Whether `to` is on the origin of `from`, or is the same host and port reached over https instead of http. */
export function sameOrigin(from: string | URL, to: string | URL): boolean {
  const a = typeof from === 'string' ? new URL(from) : from;
  const b = typeof to === 'string' ? new URL(to) : to;
  if (a.origin === b.origin) return true;
  const port = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');
  return (
    a.protocol === 'http:' &&
    b.protocol === 'https:' &&
    a.hostname === b.hostname &&
    (port(a) === port(b) || (port(a) === '80' && port(b) === '443'))
  );
}
