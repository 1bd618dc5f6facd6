/**
 * What the stories share: where the fixture server is, the directories it
 * publishes, and a render that applies Storybook args to an element the way
 * custom-elements.json describes them (attributes as attributes, properties
 * as properties, events as actions, CSS custom properties as styles).
 */
import { defineAll, uiFor, type Query, type ServiceFinder } from '../src/classes.js';

// Called, not only imported, so that the stories never depend on what a production build (storybook build)
// keeps of a bare import.
defineAll();

type Args = Record<string, unknown>;
interface ArgType {
  action?: string | { name?: string };
  table?: { category?: string };
}
export interface StoryContext {
  argTypes: Record<string, ArgType>;
  parameters: { scenario?: Scenario; [key: string]: unknown };
}

const env = (import.meta as ImportMeta & { env?: Record<string, string | undefined> }).env ?? {};

/**
 * The fixture server (test/fixtures/server.ts). `storybook dev` starts it on
 * port 8787; for a static build run `npm run storybook:fixtures`, or build
 * with `STORYBOOK_FIXTURES=<url>`, or set `window.SF_FIXTURES` before the
 * stories load.
 */
export const FIXTURES: string = (
  (globalThis as { SF_FIXTURES?: string }).SF_FIXTURES ??
  env.STORYBOOK_FIXTURES ??
  'http://127.0.0.1:8787'
).replace(/\/+$/, '');

/** A directory with its name, as the `directories` property takes it. */
export interface Directory {
  url: string;
  name: string;
  id: string;
}
const directory = (id: string, name: string, path = `/directories/${id}`): Directory => ({ id, name, url: `${FIXTURES}${path}` });

/** The four overlapping demo directories (blended and deduplicated), from demo/data/directories.json. */
export const DIRECTORIES: Directory[] = [
  directory('cardiff-council', 'Cardiff Council Community Directory'),
  directory('vale-wellbeing', 'Vale Wellbeing Directory'),
  directory('bay-health', 'Bay Health Connections'),
  directory('cwtch-map', 'Cwtch Community Map'),
];
/** The whole demo directory (400 services) in the ORUK v3 dialect. */
export const DEMO = directory('demo', 'Demo directory', '/dialects/oruk-v3');
/** A directory that takes 100 s to answer: the loading state (give the finder a longer `timeout`). */
export const SLOW = directory('slow', 'Penarth Community Directory', '/broken/slow?delay=100000');
/** A directory that is down (HTTP 500). */
export const DOWN = directory('down', 'Valleys Support Finder', '/broken/500');
/** A directory that answers with a web page instead of JSON. */
export const HTML = directory('html', 'Barry Town Council listings', '/broken/html200');

/** Attributes every story's finder gets: the fixture geocoder and places, and no address-bar state. */
export const FINDER_DEFAULTS: Args = {
  geocoder: `${FIXTURES}/postcodes.io`,
  places: `${FIXTURES}/places.json`,
  'url-state': 'off',
};

/** A query nothing in the demo data matches. */
export const NOTHING_MATCHES: Partial<Query> = { text: 'zzyzx submarine repairs' };

/**
 * What happens after the finder has loaded: a query typed into it, a service
 * opened in the detail, services added to the shortlist. `finder` holds the
 * attributes of the `<service-finder>` wrapped around a part element.
 */
export interface Scenario {
  finder?: Args;
  query?: Partial<Query>;
  /** Open a service: `true` for the first result, or part of its name. */
  open?: boolean | string;
  /** Add the first n results to the shortlist. */
  shortlist?: number;
}

/** Sets args on an element as the manifest describes them. */
export function applyArgs(el: HTMLElement, args: Args, argTypes: Record<string, ArgType> = {}): HTMLElement {
  for (const [name, value] of Object.entries(args)) {
    const argType = argTypes[name];
    const category = argType?.table?.category;
    if (argType?.action && typeof value === 'function') {
      const event = typeof argType.action === 'string' ? argType.action : argType.action.name;
      if (event) el.addEventListener(event, value as EventListener);
    } else if (category === 'css custom properties') {
      if (value !== undefined && value !== '') el.style.setProperty(name, String(value));
    } else if (category === 'slots') {
      if (typeof value === 'string' && value) {
        const child = document.createElement('div');
        child.slot = name;
        child.textContent = value;
        el.append(child);
      }
    } else if (category === 'events' || category === 'css shadow parts') {
      // documentation only
    } else if (
      category === 'properties' ||
      (!category && !name.includes('-') && name in el) ||
      (value !== null && typeof value === 'object' && name in el)
    ) {
      // Objects (e.g. `directories`) go in as properties even where an attribute (JSON) exists too.
      if (value !== undefined) (el as unknown as Args)[name] = value;
    } else if (value === undefined || value === null || value === false) {
      el.removeAttribute(name);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  return el;
}

/** `document.createElement` with args applied. */
export function create(tag: string, args: Args = {}, argTypes: Record<string, ArgType> = {}, ...children: Node[]): HTMLElement {
  const el = applyArgs(document.createElement(tag), args, argTypes);
  el.append(...children);
  return el;
}

let ids = 0;

/**
 * A part element (`sf-search`, `sf-results`…) rendered from the story's args,
 * inside a `<service-finder>` set up from `parameters.scenario.finder`.
 * Extra elements (e.g. results next to the detail) go in `siblings`.
 */
export function inFinder(tag: string, args: Args, context: StoryContext, siblings: Node[] = []): HTMLElement {
  const scenario = context.parameters.scenario ?? {};
  const element = create(tag, args, context.argTypes);
  const finder = create(
    'service-finder',
    { ...FINDER_DEFAULTS, id: `story-finder-${++ids}`, ...scenario.finder },
    {},
    element,
    ...siblings,
  ) as ServiceFinder;
  void play(finder, scenario);
  return finder;
}

/** The one tag rendered from the story's args, with the story's scenario played on it. */
export function finderStory(args: Args, context: StoryContext): HTMLElement {
  const finder = create('service-finder', { ...FINDER_DEFAULTS, ...args }, context.argTypes) as ServiceFinder;
  void play(finder, context.parameters.scenario ?? {});
  return finder;
}

/** Waits for the finder's store, types the query, waits for the directories, opens and shortlists. */
export async function play(finder: ServiceFinder, scenario: Scenario): Promise<void> {
  if (!scenario.query && !scenario.open && !scenario.shortlist) return;
  const store = await finder.ready;
  if (scenario.query) await store.setQuery(scenario.query);
  if (!scenario.open && !scenario.shortlist) return;
  while (store.loading || !store.results.length) {
    await new Promise((resolve) => store.addEventListener('change', resolve, { once: true }));
  }
  const results = store.results;
  const ui = uiFor(store);
  const names = new Set<string>();
  for (const r of results) {
    if (names.size >= (scenario.shortlist ?? 0)) break;
    if (names.has(r.service.name)) continue;
    names.add(r.service.name);
    ui.shortlist.add({ key: r.service.key, name: r.service.name });
  }
  if (scenario.open) {
    const wanted = typeof scenario.open === 'string' ? scenario.open.toLowerCase() : '';
    const result = results.find((r) => r.service.name.toLowerCase().includes(wanted)) ?? results[0];
    ui.select(result.service.key, { from: finder, openerKey: result.service.key });
  }
}

/** A `<style>` element, for theme stories. */
export function style(css: string): HTMLStyleElement {
  const el = document.createElement('style');
  el.textContent = css;
  return el;
}

/** A wrapper `<div>` holding the nodes. */
export function wrap(attrs: Args, ...children: Node[]): HTMLElement {
  return create('div', attrs, {}, ...children);
}

/** A purple council's restyle: a handful of custom properties and one part. */
export const COUNCIL_THEME = `
  .council {
    --sf-color-primary: #5b2c6f;
    --sf-color-primary-hover: #43204f;
    --sf-color-primary-shadow: #2a1433;
    --sf-color-link: #5b2c6f;
    --sf-color-link-visited: #3d1d4a;
    --sf-color-panel: #f4eef7;
    --sf-focus-color: #f9c74f;
    --sf-font-family: Georgia, 'Times New Roman', serif;
    --sf-radius: 6px;
  }
  .council ::part(card) {
    border-bottom-style: dashed;
  }
`;
