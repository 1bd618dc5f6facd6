/**
 * The configurator page: the configurator over the demo directories, with the demo's own postcode look-up,
 * place names and map tiles filled in, so that the preview (and a page made from the copied code) needs no
 * network beyond this machine.
 */
import { defineConfigurator } from './configurator/finder-configurator.js';

declare const __FIXTURES__: string;

defineConfigurator();
const configurator = document.querySelector('finder-configurator')!;
configurator.initial = {
  geocoder: `${__FIXTURES__}/postcodes.io`,
  places: `${__FIXTURES__}/places.json`,
  'map-tiles': `${__FIXTURES__}/tiles/{z}/{x}/{y}.png`,
  'map-attribution': 'Demo tiles drawn locally',
};
const directories = (await (await fetch(`${__FIXTURES__}/directories.json`)).json()) as Array<{ url: string; name: string }>;
configurator.examples = directories.map(({ url, name }) => ({ url, name }));
