// The configurator's WordPress shortcode (demo/configurator/snippet.ts) in a real WordPress: the plugin turns it
// into the element the configurator's HTML writes, for values with quotes, brackets and ampersands too, less
// only what the configurator says the shortcode cannot carry.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { elementAttributes, type Choices } from '../../demo/configurator/attributes.js';
import type { PastedDirectory } from '../../demo/configurator/directories.js';
import { htmlSnippet, shortcode } from '../../demo/configurator/snippet.js';
import { buildPluginZip, startWordPress, wordpressSkip, type WordPressSite } from './wordpress-site.js';

const ENTITIES = new Map([
  ['amp', '&'],
  ['quot', '"'],
  ['lt', '<'],
  ['gt', '>'],
  ['#039', "'"],
  ['#39', "'"],
  ['#91', '['],
  ['#93', ']'],
]);
const decode = (value: string) => value.replace(/&(#?\w+);/g, (m, name: string) => ENTITIES.get(name) ?? m);

/** The attributes of the first `<service-finder>` tag in `html`, decoded (values in either quotes, or bare). */
function finderAttributes(html: string): Record<string, string> {
  const tag = /<service-finder\b([^>]*)>/.exec(html)?.[1];
  assert.ok(tag !== undefined, `no <service-finder> in ${html}`);
  return Object.fromEntries([...tag.matchAll(/([a-z-]+)(?:=(?:"([^"]*)"|'([^']*)'))?/g)].map((m) => [m[1], decode(m[2] ?? m[3] ?? '')]));
}

describe('the configurator’s shortcode in a real WordPress', { skip: wordpressSkip(), timeout: 180_000 }, () => {
  let wp: WordPressSite;

  before(
    async () => {
      const ZIP = buildPluginZip();
      wp = await startWordPress();
      const [installed] = wp.run<[{ active: boolean | string }]>([{ do: 'install-plugin', zip: ZIP }]);
      assert.equal(installed.active, true);
      // The plugin takes a shortcode's geocoder and place list only from addresses the administrator allows (the
      // geocoder hears visitors' postcodes): these cases' hosts are allowed, as a site using them would allow them.
      wp.run([
        {
          do: 'set-option',
          name: 'service_finder_settings',
          value: { allowed: ['https://a.example/', 'https://b.example/', 'https://c.example/', 'https://geo.example/'] },
        },
      ]);
    },
    { timeout: 150_000 },
  );
  after(() => wp?.stop());

  const cases: Array<[string, PastedDirectory[], Choices]> = [
    [
      'hostile text in the place, the types of service and an address',
      [{ url: 'https://a.example/api?x=1&y=2' }, { url: 'https://b.example/oruk' }],
      new Map<string, string | boolean | string[]>([
        ['near', `St Mary's "Hall" [east] & more`],
        ['radius', '2.5'],
        ['category', ["Carers' support", 'Money & debt']],
        ['free', true],
        ['hide-search', true],
        ['view', ['map', 'calendar']],
        ['lang', 'cy'],
        ['url-state', 'full'],
        ['geocoder', 'https://geo.example/postcodes?key=a&b=c'],
      ]),
    ],
    [
      'named directories, an age group, access and map tiles (names and tiles are left out, and said so)',
      [{ url: 'https://a.example/api', name: 'Council "A" & friends' }, { url: 'https://c.example/feed' }],
      new Map<string, string | boolean | string[]>([
        ['radius', '10'],
        ['age', '65+'],
        ['access', ['drop-in', 'self-referral']],
        ['strict', true],
        ['url-state', 'off'],
        ['map-tiles', 'https://tiles.example/{z}/{x}/{y}.png'],
        ['places', 'https://a.example/places.json'],
      ]),
    ],
  ];

  for (const [what, directories, choices] of cases) {
    it(`writes the element the HTML writes: ${what}`, () => {
      const { attributes, errors } = elementAttributes(directories, choices);
      assert.equal(errors.size, 0);
      const code = shortcode(attributes);
      const [output] = wp.run<[string]>([{ do: 'shortcode', text: code.text }]);
      const expected = finderAttributes(htmlSnippet(attributes));
      for (const { attribute } of code.leftOut) delete expected[attribute];
      // Named directories reach WordPress as addresses; their names come from its settings page.
      if (code.leftOut.some((l) => l.attribute === 'directories')) expected.endpoints = directories.map((d) => d.url).join(' ');
      assert.deepEqual(finderAttributes(output), expected, code.text);
    });
  }
});
