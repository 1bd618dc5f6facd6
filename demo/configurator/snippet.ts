/**
 * The two things a web editor copies: HTML for any page (the script tag and the element) and the WordPress
 * shortcode. Both are written from the same attributes (attributes.ts), escaped for where they go.
 */
import type { Attribute } from './attributes.js';

/** Where the README tells pages to load the finder from. */
export const DEFAULT_SCRIPT = 'https://unpkg.com/service-finder-elements/dist/bundle/service-finder.js';

/**
 * The attributes `[service_finder]` accepts, as `shortcode_atts` in wordpress/service-finder/includes/shortcode.php
 * lists them (test/node/configurator.test.ts holds the two equal). The plugin also takes them with hyphens.
 */
export const SHORTCODE_ATTRIBUTES = [
  'endpoints',
  'openactive',
  'near',
  'radius',
  'age',
  'access',
  'category',
  'need',
  'free',
  'strict',
  'date',
  'open_now',
  'attendance',
  'hide_stale',
  'require',
  'view',
  'hide_search',
  'lang',
  'geocoder',
  'full_postcode',
  'places',
  'url_state',
  'timeout',
  'max_pages',
  'stale_after',
  'no_images',
  'relay',
  'id',
] as const;

/** A tag on one line up to this long; longer, one attribute a line. */
const ONE_LINE = 100;

const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (value: string) => escapeText(value).replace(/"/g, '&quot;');

/** `name="value"`, or `name='value'` for a value with double quotes in it (the directories' JSON), which reads better. */
function htmlAttribute(name: string, value: string): string {
  return value.includes('"') ? `${name}='${escapeText(value).replace(/'/g, '&#39;')}'` : `${name}="${escapeAttribute(value)}"`;
}

/**
 * Inside a shortcode's quotes: entities for what would end the value or the shortcode (`"`, `]`), open a tag
 * WordPress then refuses (`<`), or be read as an entity. The plugin decodes entities in every attribute that can
 * hold such characters (addresses, the place, the categories); the others take only fixed words.
 */
const escapeShortcode = (value: string) => escapeAttribute(value).replace(/'/g, '&#039;').replace(/\[/g, '&#91;').replace(/\]/g, '&#93;');

/** The script tag and the element, ready to paste into a page. */
export function htmlSnippet(attributes: readonly Attribute[], script = DEFAULT_SCRIPT): string {
  const parts = attributes.map(([name, value]) => (value === true ? name : htmlAttribute(name, value)));
  const oneLine = `<service-finder${parts.map((p) => ` ${p}`).join('')}></service-finder>`;
  const element = oneLine.length <= ONE_LINE ? oneLine : `<service-finder\n${parts.map((p) => `  ${p}\n`).join('')}></service-finder>`;
  return `<script type="module" src="${escapeAttribute(script)}"></script>\n${element}`;
}

/** A choice the shortcode cannot carry, and what to do instead. */
export interface LeftOut {
  attribute: string;
  instead: string;
}

const INSTEAD = new Map([
  [
    'directories',
    'Give the directories’ names on the WordPress settings page (Settings → Service finder), after each address, and their “suggest a change” addresses under “Suggest a change” addresses.',
  ],
]);
const NOT_IN_SHORTCODE = 'The shortcode has no such attribute; the finder uses its default.';

/**
 * `[service_finder …]` for the same attributes: named directories go as plain addresses (names are given on the
 * settings page), and what the shortcode has no attribute for is listed with what to do instead.
 */
export function shortcode(attributes: readonly Attribute[]): { text: string; leftOut: LeftOut[] } {
  const accepted = new Set<string>(SHORTCODE_ATTRIBUTES);
  const parts: string[] = [];
  const leftOut: LeftOut[] = [];
  for (const [name, value] of attributes) {
    if (name === 'directories') {
      const urls = (JSON.parse(value as string) as Array<{ url: string }>).map((d) => d.url);
      parts.push(`endpoints="${escapeShortcode(urls.join(' '))}"`);
      leftOut.push({ attribute: name, instead: INSTEAD.get(name)! });
      continue;
    }
    const key = name.replace(/-/g, '_');
    if (!accepted.has(key)) leftOut.push({ attribute: name, instead: INSTEAD.get(name) ?? NOT_IN_SHORTCODE });
    else parts.push(`${key}="${value === true ? 'yes' : escapeShortcode(value)}"`);
  }
  return { text: `[service_finder${parts.map((p) => ` ${p}`).join('')}]`, leftOut };
}
