/**
 * Shared by the demo pages: registers the elements and points every finder on
 * the page at the demo directories served by the fixture server, plus one
 * directory that is down, to show that the others' results stay.
 */
import '../src/define.js';
import type { ServiceFinder } from '../src/index.js';

declare const __FIXTURES__: string;

interface DemoDirectory {
  id: string;
  name: string;
  url: string;
  feedbackUrl?: string;
}

// Map tiles, the geocoder and place names from the fixture server, set before anything
// is awaited so that nothing asks OpenStreetMap or postcodes.io first: the demo makes
// no request beyond localhost.
for (const finder of document.querySelectorAll<ServiceFinder>('service-finder')) {
  finder.mapTiles ??= `${__FIXTURES__}/tiles/{z}/{x}/{y}.png`;
  finder.mapAttribution ??= 'Demo tiles drawn locally';
  finder.geocoder = `${__FIXTURES__}/postcodes.io`;
  finder.places = `${__FIXTURES__}/places.json`;
}

const directories = (await (await fetch(`${__FIXTURES__}/directories.json`)).json()) as DemoDirectory[];
for (const finder of document.querySelectorAll<ServiceFinder>('service-finder')) {
  finder.directories = [
    ...directories.map(({ url, name, id, feedbackUrl }) => ({ url, name, id, feedbackUrl })),
    ...(finder.hasAttribute('data-with-broken')
      ? [{ url: `${__FIXTURES__}/broken/500`, name: 'Penarth Community Directory (old server)', id: 'penarth-old' }]
      : []),
  ];
}
