import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ContextProvider } from '@lit/context';
import { LitElement } from 'lit';
import { askFirstPages, FinderStore, type Endpoint } from '../../store/finder-store.js';
import type { AccessType, Query } from '../../model/index.js';
import type { Synonyms } from '../../engine/text.js';
import { ACCESS_TYPES, AGE_BANDS } from '../../model/index.js';
import { filterPresets } from './filter-presets.js';
import { postcodesIoGeocoder } from '../../engine/geo.js';
import { initialUrlState, parseUrlStateMode, UrlStateSync } from '../../store/url-state.js';
import { nextTask } from '../../store/tasks.js';
import { milesToKm } from '../../i18n/index.js';
import { finderContext } from '../context.js';
import { uiFor } from '../finder-ui.js';
import { SfSourceErrorEvent } from '../events.js';
import { tokens } from '../internal/shared.styles.js';
import { styles } from './service-finder.styles.js';
import { finderViews } from '../internal/views.js';
import { flagAttribute, flagProp, listProp, numberProp, textProp, warnOnce } from '../internal/props.js';

/** Properties the store is made from: a change makes a new store. */
const REBUILD = [
  'endpoints',
  'openactive',
  'index',
  'directories',
  'geocoder',
  'places',
  'urlState',
  'timeout',
  'maxPages',
  'fullPostcode',
  'vocabulary',
  'synonyms',
  'staleAfter',
] as const;

/** The oldest age the form and the presets take. */
const MAX_AGE = 120;
/** From this width (in the finder's own font size) the filters sit beside the results instead of behind a button. */
const WIDE_EM = 48;

const isEndpoint = (d: unknown): d is Endpoint =>
  typeof d === 'string' || (typeof d === 'object' && d !== null && typeof (d as { url?: unknown }).url === 'string');

/** The `directories` attribute: JSON, keeping only entries with a URL; bad JSON is no directories, not an error. */
function parseDirectories(value: string | null): Endpoint[] {
  try {
    const list: unknown = JSON.parse(value ?? '[]');
    return Array.isArray(list) ? list.filter(isEndpoint) : [];
  } catch {
    return [];
  }
}

/** The `synonyms` attribute: JSON, a list of groups or an object. Text that is not JSON is kept, and warned about. */
function parseJson(value: string | null): Synonyms | string | undefined {
  if (!value) return undefined;
  try {
    return JSON.parse(value) as Synonyms;
  } catch {
    return value;
  }
}

/** Which query fields each preset property sets. */
const PRESET_FIELDS = {
  near: ['place'],
  radius: ['radiusKm'],
  age: ['age', 'ageBand'],
  access: ['access'],
  category: ['categories'],
  need: ['needs'],
  free: ['free'],
  strict: ['strict'],
  date: ['date'],
  openNow: ['openNow'],
  attendance: ['attendance'],
  hideStale: ['hideStale'],
  require: ['require'],
} as const satisfies Record<string, ReadonlyArray<keyof Query>>;

/**
 * The one tag: reads the directories, keeps the query and renders a complete
 * finder (search form, results, service detail, shortlist). Elements placed
 * inside it share its state instead of the default layout; elements elsewhere
 * on the page link to it with `finder="<its id>"`.
 *
 * `import 'service-finder-elements'` (or the CDN bundle) defines it and every `sf-*` element; the class alone,
 * defining nothing, comes from `service-finder-elements/classes`.
 *
 * @tag service-finder
 * @summary A complete, accessible service finder over one or more Open Referral UK directories.
 *
 * @attr endpoints - Directory base URLs (ORUK v1/v3 or a snapshot), separated by spaces or commas. As a property, also an array.
 * @attr directories - Directories with names, as JSON: `[{"url": "…", "name": "Cardiff Council directory", "feedbackUrl": "https://…?service={id}"}]`. `feedbackUrl` is where people suggest a change to a listing: `{id}` becomes the listing's id, URL-encoded (http(s) only).
 * @attr openactive - OpenActive feed URLs, separated by spaces or commas (or an array).
 * @attr index - Static index manifests (`service-finder harvest --index`), separated by spaces: only the cells near the chosen place are read, and nothing until there is one.
 * @attr near - Preset place: a postcode, a place name from `places`, or "lat,lng".
 * @attr radius - Preset distance from `near`, in miles (a number or text).
 * @attr age - Preset age in years (a number or text), or an age band (`0-4`, `5-11`, `12-17`, `18-25`, `26-64`, `65+`).
 * @attr access - Preset access types (`drop-in`, `appointment`, `self-referral`, `professional-referral`, `membership`, `assessment`), separated by spaces or commas (or an array).
 * @attr need - Preset needs by id from the needs vocabulary (`lonely`, `money-debt`; `service-finder needs` lists them), separated by spaces or commas (or an array): services meeting any of them.
 * @attr category - Preset category names, separated by commas (or an array). A name that is a need's label ("Staying active") also finds what that need finds.
 * @attr vocabulary - URL of a needs vocabulary (JSON, see docs/needs.md) that extends the shipped one, or with `"replace": true` replaces it. As a property, also the object itself.
 * @attr synonyms - Synonym groups for keyword search, as JSON: `[["gp", "doctor", "surgery"]]` or `{"gp": ["doctor"]}`; added to the built-in and the vocabulary's.
 * @attr free - Preset: free services only (`true` or `false` as a property).
 * @attr strict - Drop services that do not state a filtered field, instead of listing them after the matches.
 * @attr date - Preset: services that run on this date, `YYYY-MM-DD` (Europe/London).
 * @attr open-now - Preset: services open at the moment of searching.
 * @attr attendance - Preset ways of taking part (`in-person`, `online`, `phone`, `home-visit`), separated by spaces or commas (or an array): services offering any of them.
 * @attr hide-stale - Preset: hide listings not checked within the freshness window (a year), instead of marking them "may be out of date".
 * @attr require - Preset: only listings that state all of these (`description`, `contact`, `access`, `times`, `location`, `ages`, `cost`), separated by spaces or commas (or an array). Empty, or `referral`: enough detail to refer someone (`description contact access`). The form's "Only listings with enough detail to refer someone" then asks for these.
 * @attr view - Which views to show, separated by spaces: `list` (default), `map`, `calendar`; with `calendar`, add `agenda`, `week` or `month` to choose how it starts (default: by its width). `none` shows nothing and takes no place in the page's layout: the finder only holds the state for elements placed elsewhere with `finder="<id>"`.
 * @attr map-tiles - Tile URL template for the map view (`{z}/{x}/{y}`); default OpenStreetMap's standard tiles.
 * @attr map-attribution - Attribution (HTML) for `map-tiles`; default OpenStreetMap's.
 * @attr hide-search - Do not show the search form (for a preset finder, e.g. "what is on near this GP practice").
 * @attr lang - `en` or `cy`; otherwise the nearest ancestor's or the page's language.
 * @attr geocoder - Base URL of a postcodes.io-compatible geocoder (default https://api.postcodes.io).
 * @attr full-postcode - Geocode the full postcode instead of only its outward code.
 * @attr places - URL of a JSON object of place names to points: `{"Barry": {"lat": 51.4, "lng": -3.27}}`.
 * @attr url-state - `on` (default): the query is kept in the page address, without place or age; `full`: with them; `off`: not at all.
 * @attr timeout - Per-request time limit in milliseconds.
 * @attr max-pages - The most pages read from each directory.
 * @attr stale-after - Days after its last check that a listing is marked "may be out of date" (and hidden by "hide out-of-date listings"); default 180 (docs/trust.md).
 * @attr no-images - Show no pictures from directories: for pages that promise to make no requests to other sites.
 *
 * @fires sf-search - {SfSearchEvent} A person searched or refined; `query` is the new query.
 * @fires sf-results - {SfResultsEvent} The number of results changed; `count` and `partial`.
 * @fires sf-select - {SfSelectEvent} A service was opened (`key`) or the detail closed (`key` undefined).
 * @fires sf-source-error - {SfSourceErrorEvent} A directory could not be read; `directory`, `kind`, `message`.
 *
 * @slot - Elements to compose your own layout (`sf-search`, `sf-results`, `sf-service`, `sf-shortlist`); when empty, the default layout is shown.
 *
 * @csspart layout - The grid holding the default layout: the form beside the results when the finder is at least 48em wide, above them (its filters behind a "Filters (n)" button) when narrower.
 *
 * @cssprop --sf-color-primary - Button colour (default GOV.UK green #00703c).
 * @cssprop --sf-color-primary-text - Text on buttons (default #ffffff).
 * @cssprop --sf-color-primary-hover - Button colour on hover (default #005a30).
 * @cssprop --sf-color-primary-shadow - The line under buttons (default #002d18).
 * @cssprop --sf-color-secondary - Secondary buttons (default #f3f2f1).
 * @cssprop --sf-color-input-border - Borders of inputs (default #0b0c0c).
 * @cssprop --sf-color-warning - Warnings such as "not checked for over a year" (default #f47738).
 * @cssprop --sf-color-surface - Background of cards, panels and the map's popups (default #ffffff).
 * @cssprop --sf-color-text - Text colour (default #0b0c0c).
 * @cssprop --sf-color-muted - Secondary text (default #505a5f).
 * @cssprop --sf-color-link - Link colour (default #1d70b8).
 * @cssprop --sf-color-link-visited - Visited link colour (default #4c2c92).
 * @cssprop --sf-color-border - Borders between cards (default #b1b4b6).
 * @cssprop --sf-color-error - Errors (default #d4351c).
 * @cssprop --sf-color-panel - Background of notices and panels (default #f3f2f1).
 * @cssprop --sf-focus-color - Focus highlight (default #ffdd00).
 * @cssprop --sf-focus-text-color - Text and underline on focus (default #0b0c0c).
 * @cssprop --sf-font-family - Font (default "GDS Transport", arial, sans-serif).
 * @cssprop --sf-font-size - Base font size (default 1rem).
 * @cssprop --sf-space - Base spacing unit (default 1rem).
 * @cssprop --sf-radius - Corner radius of buttons, inputs and cards (default 0).
 * @cssprop --sf-max-width - Maximum width of the default layout (default none).
 */
export class ServiceFinder extends LitElement {
  static override styles = [tokens, styles];

  // Frameworks set properties, with the types they have: each is read through ../props.ts.
  @property() endpoints: string | Endpoint[] = '';
  @property() openactive?: string | string[];
  @property() index?: string | string[];
  @property() near?: string;
  @property() radius?: string | number;
  @property() age?: string | number;
  @property() access?: string | string[];
  @property() category?: string | string[];
  @property() need?: string | string[];
  @property() vocabulary?: string | object;
  @property({ converter: { fromAttribute: parseJson } }) synonyms?: Synonyms | string;
  @property({ converter: flagAttribute }) free = false;
  @property({ converter: flagAttribute }) strict = false;
  @property() date?: string;
  @property({ converter: flagAttribute, attribute: 'open-now' }) openNow = false;
  @property() attendance?: string | string[];
  @property({ converter: flagAttribute, attribute: 'hide-stale' }) hideStale = false;
  @property() require?: string | string[];
  @property() view = 'list';
  @property({ attribute: 'map-tiles' }) mapTiles?: string;
  @property({ attribute: 'map-attribution' }) mapAttribution?: string;
  @property({ converter: flagAttribute, attribute: 'hide-search' }) hideSearch = false;
  @property({ reflect: true }) override lang!: string;
  @property() geocoder?: string;
  @property({ converter: flagAttribute, attribute: 'full-postcode' }) fullPostcode = false;
  @property() places?: string;
  @property({ attribute: 'url-state' }) urlState = 'on';
  @property({ type: Number }) timeout?: number;
  @property({ type: Number, attribute: 'max-pages' }) maxPages?: number;
  @property({ attribute: 'stale-after' }) staleAfter?: string | number;
  @property({ converter: flagAttribute, attribute: 'no-images' }) noImages = false;

  /**
   * Directories with the names people know them by, instead of (or as well as) `endpoints`:
   * `[{ "url": "…", "name": "…", "id": "…", "feedbackUrl": "https://…?service={id}" }]`. As an attribute, JSON. When `url` is a
   * relay, `"source"` is the directory's own address: it is named, and its records keyed, from that.
   */
  @property({ converter: { fromAttribute: parseDirectories } }) directories: Endpoint[] | string = [];
  /** Clock for "open now", freshness and next openings (tests pin it). */
  @property({ attribute: false }) now?: () => Date;

  @state() private composed = false;
  /** Wide enough for the form beside the results. */
  @state() private wide = false;
  readonly #resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => this.#measure());

  readonly #provider = new ContextProvider(this, { context: finderContext });
  #store?: FinderStore;
  #sync?: UrlStateSync;
  #ready!: Promise<FinderStore>;
  #resolveReady!: (store: FinderStore) => void;
  #reported = new Set<string>();
  #setupRun = 0;
  /** What the store was made from (`#storeInputs`). */
  #madeWith?: string;
  /** The preset properties' values when the store was made, as JSON. */
  readonly #presetsMadeWith = new Map<string, string | undefined>();

  constructor() {
    super();
    this.#resetReady();
  }

  /** The state holder every element inside (and linked to) this finder renders. */
  get store(): FinderStore | undefined {
    return this.#store;
  }

  /** Resolves with the store once it is created (a task after the element connects). */
  get ready(): Promise<FinderStore> {
    return this.#ready;
  }

  /** The query the attributes ask for. */
  get presets(): Query {
    const q: Query = {};
    const near = textProp(this, 'near', this.near);
    if (near) q.place = near;
    const radius = numberProp(this, 'radius', this.radius);
    if (radius! > 0) q.radiusKm = milesToKm(radius!);
    const age = typeof this.age === 'string' ? this.age.trim() : this.age;
    if ((AGE_BANDS as readonly unknown[]).includes(age)) q.ageBand = age as Query['ageBand'];
    else if (age !== undefined && age !== '') {
      const years = typeof age === 'number' || /^\d{1,3}$/.test(String(age)) ? Number(age) : NaN;
      if (Number.isInteger(years) && years >= 0 && years <= MAX_AGE) q.age = years;
      else warnOnce(this, 'age', 'whole years (0 to 120) or an age band such as "65+"', age);
    }
    const access = listProp(this, 'access', this.access).filter((a): a is AccessType => (ACCESS_TYPES as readonly string[]).includes(a));
    if (access.length) q.access = access;
    const categories = listProp(this, 'category', this.category, /,/);
    if (categories.length) q.categories = categories;
    const needs = listProp(this, 'need', this.need);
    if (needs.length) q.needs = [...new Set(needs)];
    if (flagProp(this, 'free', this.free)) q.free = true;
    if (flagProp(this, 'strict', this.strict)) q.strict = true;
    return { ...q, ...filterPresets(this) };
  }

  /** `endpoints` and `directories`, as text, JSON or arrays. */
  #endpoints(): Endpoint[] {
    const named = typeof this.directories === 'string' ? parseDirectories(this.directories) : this.directories;
    const all: unknown[] = [
      ...(Array.isArray(this.endpoints) ? this.endpoints : listProp(this, 'endpoints', this.endpoints)),
      ...[named ?? []].flat(),
    ];
    const bad = all.find((d) => !isEndpoint(d));
    if (bad !== undefined) warnOnce(this, 'endpoints', 'URLs, or objects with a "url"', bad);
    return all.filter(isEndpoint);
  }

  /**
   * The first render waits for a task of its own: the bundle's evaluation and the first render
   * of every element inside, run together, made one task of over 50 ms on a slow machine.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await nextTask();
    await super.scheduleUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('sf-print-shortlist', this.#onPrintShortlist);
    this.addEventListener('sf-show-list', this.#onShowList);
    this.composed = this.#hasOwnLayout();
    this.#resize?.observe(this);
    if (this.#store) return;
    // The directories named so far are asked for in this task: the store is made a task later (#setup),
    // after the page's first frame, and takes the answers up; one a property names meanwhile is asked then.
    askFirstPages(this.#endpoints(), numberProp(this, 'timeout', this.timeout));
    void this.#setup();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    this.#teardown();
  }

  protected override updated(changed: PropertyValues): void {
    // Only once the store exists, and only for values it was not made with (the first update, which
    // comes after the store is made, sees every property set before it as changed).
    if (this.#store && REBUILD.some((k) => changed.has(k)) && this.#madeWith !== this.#storeInputs()) {
      this.#teardown();
      void this.#setup();
    } else if (this.#store) {
      // A preset a framework changes after set-up (the age from the app's state) changes the query; the
      // values the store was made with do not (the address may have replaced them).
      const props = (Object.keys(PRESET_FIELDS) as Array<keyof typeof PRESET_FIELDS>).filter(
        (k) => changed.has(k) && this.#presetsMadeWith.get(k) !== JSON.stringify(this[k]),
      );
      for (const k of props) this.#presetsMadeWith.set(k, JSON.stringify(this[k]));
      const fields = props.flatMap((k) => PRESET_FIELDS[k]);
      if (fields.length) {
        const presets = this.presets;
        void this.#store.setQuery(Object.fromEntries(fields.map((f) => [f, presets[f]])));
      }
    }
    if (changed.has('lang')) this.#relocalise();
    if (changed.has('noImages') && this.#store) uiFor(this.#store).noImages = flagProp(this, 'noImages', this.noImages);
  }

  /** The properties the store is made from, as one string. */
  #storeInputs(): string {
    return JSON.stringify(REBUILD.map((k) => this[k]));
  }

  override render() {
    const views = finderViews(this, this.view);
    // Composed inside, or `view="none"`: the finder only holds the state for elements placed elsewhere.
    if (this.composed || views.none) return html`<slot @slotchange=${this.#onSlotChange}></slot>`;
    const search = !flagProp(this, 'hideSearch', this.hideSearch);
    return html`<div class="layout ${search ? 'with-search' : ''} ${this.wide ? 'wide' : ''}" part="layout">
      ${search ? html`<sf-search exportparts="form, button, error-summary, field, filters" ?disclosure=${!this.wide}></sf-search>` : nothing}
      <div class="main">
        ${
          views.map
            ? html`<sf-map
                exportparts="map, note, list-button, area-button"
                tiles=${ifDefined(this.mapTiles || undefined)}
                attribution=${ifDefined(this.mapAttribution || undefined)}
              ></sf-map>`
            : nothing
        }
        ${
          views.calendar
            ? html`<sf-calendar
                view=${ifDefined(views.calendarView)}
                exportparts="calendar, grid, day, occurrence, cancelled"
              ></sf-calendar>`
            : nothing
        }
        ${views.list ? html`<sf-results exportparts="count, notice, list, card, card-title, button, sort, empty"></sf-results>` : nothing}
        <sf-service exportparts="detail, detail-title, button"></sf-service>
        <sf-shortlist exportparts="shortlist, button"></sf-shortlist>
        <slot @slotchange=${this.#onSlotChange}></slot>
      </div>
    </div>`;
  }

  #measure(): void {
    const em = parseFloat(getComputedStyle(this).fontSize) || 16;
    this.wide = this.getBoundingClientRect().width >= WIDE_EM * em;
  }

  #hasOwnLayout(): boolean {
    return [...this.children].some((c) => !c.hasAttribute('slot'));
  }

  #onSlotChange = () => {
    this.composed = this.#hasOwnLayout();
  };

  #resetReady(): void {
    this.#ready = new Promise((resolve) => (this.#resolveReady = resolve));
  }

  async #setup(): Promise<void> {
    const run = ++this.#setupRun;
    // Properties a page sets right after the element upgrades (named directories, a clock) must apply
    // before anything is fetched: the store is made a task later, ahead of the first render (which
    // waits for a task of its own, queued after this one), so the directories are asked for at once.
    await nextTask();
    if (run !== this.#setupRun || !this.isConnected) return;

    this.#madeWith = this.#storeInputs();
    for (const k of Object.keys(PRESET_FIELDS) as Array<keyof typeof PRESET_FIELDS>) this.#presetsMadeWith.set(k, JSON.stringify(this[k]));
    const endpoints = this.#endpoints();
    const mode = parseUrlStateMode(this.urlState);
    const presets = this.presets;
    const { vocabulary, synonyms } = this;
    if (vocabulary !== undefined && !['string', 'object'].includes(typeof vocabulary)) warnOnce(this, 'vocabulary', 'a URL', vocabulary);
    if (typeof synonyms === 'string') warnOnce(this, 'synonyms', 'JSON', synonyms);
    const initial = mode === 'off' ? { query: presets } : initialUrlState(presets);
    const store = new FinderStore({
      endpoints,
      openactive: listProp(this, 'openactive', this.openactive),
      // A manifest's address may be relative to the page (`index="/services/manifest.json"`).
      index: listProp(this, 'index', this.index).map((u) => new URL(u, document.baseURI).href),
      geocoder: postcodesIoGeocoder({
        ...(this.geocoder ? { baseUrl: this.geocoder } : {}),
        fullPostcode: flagProp(this, 'fullPostcode', this.fullPostcode),
      }),
      places: this.places || undefined,
      query: initial.query,
      now: this.now,
      timeoutMs: numberProp(this, 'timeout', this.timeout),
      maxPages: numberProp(this, 'maxPages', this.maxPages),
      vocabulary: typeof vocabulary === 'string' || typeof vocabulary === 'object' ? vocabulary || undefined : undefined,
      synonyms: typeof synonyms === 'object' ? synonyms || undefined : undefined,
      staleAfterDays: numberProp(this, 'staleAfter', this.staleAfter),
    });
    void this.#reportVocabulary(store);
    const ui = uiFor(store);
    ui.noImages = flagProp(this, 'noImages', this.noImages);
    // The directories first; a place in the query is resolved meanwhile.
    void store.load();
    if (mode !== 'off') {
      const sync = (this.#sync = new UrlStateSync(store, {
        mode,
        presets,
        selected: () => ui.selected,
        onSelect: (key) => ui.select(key, { from: this }),
      }));
      if (initial.service) ui.select(initial.service, { silent: true });
      ui.addEventListener('change', sync.update);
      sync.start();
    }
    this.#store = store;
    this.#reported.clear();
    store.addEventListener('change', this.#onStoreChange);
    ui.addEventListener('change', this.#onUiChange);
    this.#provider.setValue(store);
    this.dispatchEvent(new Event('sf-store-ready'));
    this.#resolveReady(store);
    this.requestUpdate();
  }

  /** A page's vocabulary that cannot be read, or parts of it left out, are the page's to fix: said in the console. */
  async #reportVocabulary(store: FinderStore): Promise<void> {
    if (!this.vocabulary && !this.synonyms) return;
    await store.loadNeeds();
    const { error, problems } = store.vocabularyProblems;
    if (error) console.warn(`<service-finder>: ${error}`);
    if (problems.length) console.warn(`<service-finder>: in the needs vocabulary or synonyms: ${problems.join('; ')}`);
  }

  #teardown(): void {
    this.#setupRun++;
    const store = this.#store;
    if (!store) return;
    this.#sync?.stop();
    if (this.#sync) uiFor(store).removeEventListener('change', this.#sync.update);
    this.#sync = undefined;
    store.removeEventListener('change', this.#onStoreChange);
    uiFor(store).removeEventListener('change', this.#onUiChange);
    store.dispose();
    this.#store = undefined;
    this.#resetReady();
  }

  #onStoreChange = () => {
    const store = this.#store;
    if (!store) return;
    for (const status of store.statuses) {
      if (status.state !== 'failed' || !status.error) continue;
      const id = `${status.directory.id}@${status.startedAt}`;
      if (this.#reported.has(id)) continue;
      this.#reported.add(id);
      this.dispatchEvent(new SfSourceErrorEvent(status.directory, status.error.kind, status.error.message));
    }
  };

  #onUiChange = () => {
    const ui = this.#store && uiFor(this.#store);
    this.toggleAttribute('detail-open', !!ui?.selected && !this.composed);
  };

  /** The map's "Show as list": show the list (next to the map) and move focus to it. */
  #onShowList = async (event: Event) => {
    if (this.composed) return;
    event.preventDefault();
    const views = finderViews(this, this.view);
    if (!views.list) this.view = [...views.names, 'list'].join(' ');
    const ui = this.#store && uiFor(this.#store);
    if (ui?.selected) ui.select(undefined, { from: this });
    await this.updateComplete;
    const results = this.shadowRoot?.querySelector<HTMLElement & { focusList?: () => void; updateComplete?: Promise<unknown> }>(
      'sf-results',
    );
    await results?.updateComplete;
    results?.focusList?.();
  };

  /** `sf-shortlist` asks to print only itself. */
  #onPrintShortlist = () => {
    this.setAttribute('printing', 'shortlist');
    window.addEventListener('afterprint', () => this.removeAttribute('printing'), { once: true });
  };

  /** Asks every element of this finder to render its words again (after `lang` changed). */
  #relocalise(): void {
    const all = [...(this.shadowRoot?.querySelectorAll('*') ?? []), ...this.querySelectorAll('*')];
    for (const el of all) (el as Partial<LitElement>).requestUpdate?.();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'service-finder': ServiceFinder;
  }
}
