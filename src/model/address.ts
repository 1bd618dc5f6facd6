import type { Location } from './service.js';

/**
 * A location as one line: its name, street, town and postcode, each once
 * ("Barry Library, King Square, Barry, CF63 4RW"). The detail view, the
 * calendar, the shortlist and the .ics LOCATION all say it this way.
 */
export function addressWords(location: Location): string {
  const a = location.address;
  return [location.name, a?.street, a?.town, a?.postcode].filter((p, i, all) => p && all.indexOf(p) === i).join(', ');
}
