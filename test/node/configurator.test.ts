// The configurator's DOM-free parts (demo/configurator/): the presets it offers against the element and the
// WordPress plugin, the pasted addresses, and the two snippets it writes. The page itself is tested in Chromium
// (test/browser/configurator.test.ts, test/e2e/configurator.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { ACCESS_TYPES, AGE_BANDS, ATTENDANCE_MODES, REQUIRE_FIELDS } from '../../src/model/index.js';
import { PRESETS, type PresetValue } from '../../demo/configurator/presets.js';
import { elementAttributes, presetAttribute } from '../../demo/configurator/attributes.js';
import { parseDirectoryLines } from '../../demo/configurator/directories.js';
import { htmlSnippet, shortcode, SHORTCODE_ATTRIBUTES } from '../../demo/configurator/snippet.js';

const root = new URL('../../', import.meta.url);
const php = readFileSync(new URL('wordpress/service-finder/includes/shortcode.php', root), 'utf8');

/** The quoted words of the PHP `array( … )` that follows `after` in shortcode.php. */
function phpArray(after: RegExp): string[] {
  const start = php.search(after);
  assert.ok(start >= 0, `shortcode.php no longer has ${after}`);
  const body = /array\(([^)]*)\)/.exec(php.slice(start))?.[1] ?? '';
  return [...body.matchAll(/'([^']*)'/g)].map((m) => m[1]);
}

const preset = (attr: string) => PRESETS.find((p) => p.attr === attr)!;
const optionValues = (attr: string) => preset(attr).options!.map(([v]) => v);
const choices = (entries: Record<string, PresetValue>) => new Map(Object.entries(entries));

describe('the configurator’s presets and the WordPress shortcode', () => {
  it('knows the shortcode attributes the plugin accepts (shortcode_atts in shortcode.php)', () => {
    const start = php.indexOf('shortcode_atts(');
    assert.ok(start >= 0, 'shortcode.php no longer calls shortcode_atts');
    const defaults = php.slice(start, php.indexOf('$given', start));
    const keys = [...defaults.matchAll(/'([a-z_]+)'\s*=>/g)].map((m) => m[1]);
    assert.deepEqual([...SHORTCODE_ATTRIBUTES].sort(), keys.sort());
  });

  it('offers only the words the plugin keeps, so a shortcode carries every choice it names', () => {
    assert.deepEqual(phpArray(/const SERVICE_FINDER_ACCESS\b/), optionValues('access'));
    assert.deepEqual(phpArray(/const SERVICE_FINDER_AGE_BANDS\b/), optionValues('age'));
    assert.deepEqual(phpArray(/const SERVICE_FINDER_VIEWS\b/), optionValues('view'));
    assert.deepEqual(phpArray(/in_array\(\s*\$lang,/), optionValues('lang'));
    assert.deepEqual(phpArray(/in_array\(\s*\$url_state,/), optionValues('url-state'));
    assert.deepEqual(phpArray(/const SERVICE_FINDER_ATTENDANCE\b/), optionValues('attendance'));
    assert.deepEqual(phpArray(/const SERVICE_FINDER_REQUIRE\b/), ['referral', ...optionValues('require')]);
    // And the model's, which the element reads.
    assert.deepEqual(optionValues('access'), [...ACCESS_TYPES]);
    assert.deepEqual(optionValues('age'), [...AGE_BANDS]);
    assert.deepEqual(optionValues('attendance'), [...ATTENDANCE_MODES]);
    assert.deepEqual(optionValues('require'), [...REQUIRE_FIELDS]);
  });

  it('names only attributes <service-finder> has (custom-elements.json)', () => {
    const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', root), 'utf8')) as {
      modules: Array<{ declarations?: Array<{ tagName?: string; attributes?: Array<{ name: string }> }> }>;
    };
    const finder = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'service-finder');
    const attributes = new Set(finder?.attributes?.map((a) => a.name));
    assert.ok(attributes.size > 10, 'the manifest lists the finder’s attributes');
    assert.deepEqual(
      PRESETS.map((p) => p.attr).filter((a) => !attributes.has(a)),
      [],
    );
  });
});

describe('the configurator stays out of the library', () => {
  it('nothing under src/ imports demo/ (the bundle pages load is built from src/define.ts)', () => {
    const files = readdirSync(new URL('src/', root), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length > 20);
    const importing = files.filter((f) => /from '(\.\.\/)+demo\//.test(readFileSync(new URL(`src/${f}`, root), 'utf8')));
    assert.deepEqual(importing, []);
  });
});

describe('pasted directory addresses', () => {
  it('reads one a line, with an optional name, as the WordPress settings page does', () => {
    const { directories, rejected } = parseDirectoryLines(
      [
        ' https://a.example/api  Cardiff Council directory ',
        '',
        'https://b.example/oruk, https://c.example/feed',
        'https://a.example/api',
        'javascript:alert(1)',
        'directory.example/api',
        'https://d.example/x https://e.example/y A name for two',
      ].join('\n'),
    );
    assert.deepEqual(directories, [
      { url: 'https://a.example/api', name: 'Cardiff Council directory' },
      { url: 'https://b.example/oruk' },
      { url: 'https://c.example/feed' },
    ]);
    assert.deepEqual(
      rejected.map((r) => r.line),
      ['javascript:alert(1)', 'directory.example/api', 'https://d.example/x https://e.example/y A name for two'],
    );
  });
});

describe('the attributes written for what was chosen', () => {
  it('writes nothing for the element’s own defaults or for what was not chosen', () => {
    const { attributes, errors } = elementAttributes(
      [{ url: 'https://a.example/api' }],
      choices({ view: ['list'], 'url-state': 'on', free: false, near: '  ', lang: '', access: [] }),
    );
    assert.deepEqual(attributes, [['endpoints', 'https://a.example/api']]);
    assert.equal(errors.size, 0);
  });

  it('writes words in the element’s order and names directories as JSON only when one has a name', () => {
    const { attributes } = elementAttributes(
      [{ url: 'https://a.example/api', name: 'Council' }, { url: 'https://b.example/api' }],
      choices({ view: ['calendar', 'list', 'bogus'], access: ['membership', 'drop-in'], free: true, radius: '2.50' }),
    );
    assert.deepEqual(attributes, [
      ['directories', '[{"url":"https://a.example/api","name":"Council"},{"url":"https://b.example/api"}]'],
      ['radius', '2.5'],
      ['access', 'drop-in membership'],
      ['free', true],
      ['view', 'list calendar'],
    ]);
  });

  it('says why a value cannot be used instead of writing it', () => {
    assert.match(presetAttribute(preset('radius'), 'five')!.error!, /number of miles/);
    assert.match(presetAttribute(preset('radius'), '0')!.error!, /number of miles/);
    assert.match(presetAttribute(preset('geocoder'), 'javascript:alert(1)')!.error!, /https:\/\//);
    assert.match(presetAttribute(preset('category'), ['Advice, guidance'])!.error!, /comma/);
    assert.deepEqual(presetAttribute(preset('age'), '200'), {}, 'not an offered age group');
  });
});

describe('the snippets', () => {
  const hostile = elementAttributes(
    [{ url: 'https://a.example/api?x=1&y="2"]', name: `Council's "directory" <b>&</b> [more]` }, { url: 'https://b.example/api' }],
    choices({ near: `"><script>alert(1)</script> [x]`, category: ["Carers' support", 'Money & debt'], 'hide-search': true }),
  ).attributes;

  it('HTML: the script tag, then the element; a value never leaves its quotes', () => {
    const html = htmlSnippet(hostile, 'https://cdn.example/sf.js?v="1"');
    const [script, ...element] = html.split('\n');
    assert.equal(script, '<script type="module" src="https://cdn.example/sf.js?v=&quot;1&quot;"></script>');
    const tag = element.join('\n');
    assert.match(tag, /^<service-finder\n( {2}[a-z-]+(="[^"<>]*"|='[^'<>]*')?\n)+><\/service-finder>$/);
    assert.ok(!/<script/.test(tag));
    assert.match(
      tag,
      /directories='\[\{"url":"https:\/\/a\.example\/api\?x=1&amp;y=\\"2\\"\]","name":"Council&#39;s \\"directory\\" &lt;b&gt;&amp;&lt;\/b&gt; \[more\]"\}/,
    );
    assert.match(tag, /\n {2}hide-search\n/, 'a yes/no attribute is written bare');
  });

  it('HTML: a short tag stays on one line', () => {
    assert.equal(
      htmlSnippet([['endpoints', 'https://a.example/api']]),
      '<script type="module" src="https://unpkg.com/service-finder-elements/dist/bundle/service-finder.js"></script>\n<service-finder endpoints="https://a.example/api"></service-finder>',
    );
  });

  it('shortcode: every value inside its quotes, with nothing that ends the value or the shortcode', () => {
    const { text, leftOut } = shortcode(hostile);
    assert.match(text, /^\[service_finder( [a-z_]+="[^"[\]<>]*")+\]$/);
    assert.match(text, / endpoints="https:\/\/a\.example\/api\?x=1&amp;y=&quot;2&quot;&#93; https:\/\/b\.example\/api" /);
    assert.match(text, / near="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt; &#91;x&#93;" /);
    assert.match(text, / category="Carers&#039; support,Money &amp; debt" /);
    assert.match(text, / hide_search="yes"\]$/);
    assert.deepEqual(
      leftOut.map((l) => l.attribute),
      ['directories'],
      'the names go on the settings page',
    );
  });

  it('shortcode: lists what it cannot carry (map tiles) and writes the rest with underscores', () => {
    const { attributes } = elementAttributes(
      [{ url: 'https://a.example/api' }],
      choices({ 'map-tiles': 'https://tiles.example/{z}/{x}/{y}.png', 'url-state': 'off', 'hide-search': true }),
    );
    const { text, leftOut } = shortcode(attributes);
    assert.equal(text, '[service_finder endpoints="https://a.example/api" hide_search="yes" url_state="off"]');
    assert.deepEqual(
      leftOut.map((l) => l.attribute),
      ['map-tiles'],
    );
  });
});
