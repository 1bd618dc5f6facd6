/**
 * A record's directory id names the endpoint it was read from. A snapshot's records keep the directories they
 * were harvested from, for display and for blending, under the snapshot's own id: `<endpoint id>/<directory>`.
 * Endpoint ids are made of letters, digits and hyphens, so no endpoint can take a snapshot's directory id.
 */
export const DIRECTORY_SEPARATOR = '/';

/** The id of the endpoint a directory id belongs to (itself, or the snapshot it is inside). */
export function endpointOf(directoryId: string): string {
  const at = directoryId.indexOf(DIRECTORY_SEPARATOR);
  return at < 0 ? directoryId : directoryId.slice(0, at);
}
