import type { PresetValue } from './presets.js';

/**
 * The fixture server's postcode look-up, place names and map tiles as the configurator's starting choices: with
 * them, its preview (and a page made from the copied code) asks nothing of any machine but this one.
 */
export function localServices(fixtures: string): Record<string, PresetValue> {
  return {
    geocoder: `${fixtures}/postcodes.io`,
    places: `${fixtures}/places.json`,
    'map-tiles': `${fixtures}/tiles/{z}/{x}/{y}.png`,
    'map-attribution': 'Demo tiles drawn locally',
  };
}
