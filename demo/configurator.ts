/**
 * The configurator page: the configurator over the demo directories, with the demo's own postcode look-up,
 * place names and map tiles filled in, so that the preview (and a page made from the copied code) needs no
 * network beyond this machine.
 */
import { defineConfigurator } from './configurator/finder-configurator.js';
import { localServices } from './configurator/local-services.js';

declare const __FIXTURES__: string;

defineConfigurator();
const configurator = document.querySelector('finder-configurator')!;
configurator.initial = localServices(__FIXTURES__);
const directories = (await (await fetch(`${__FIXTURES__}/directories.json`)).json()) as Array<{ url: string; name: string }>;
configurator.examples = directories.map(({ url, name }) => ({ url, name }));
