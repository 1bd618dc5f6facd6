import { html, nothing, type TemplateResult } from 'lit';
import type { VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import type { DirectoryStatus, FilterField, Query, Result, Sort } from '../../model/index.js';
import { serviceHref } from '../../store/url-state.js';
import { defaultSort } from '../../engine/search.js';
import { mergeQuery, type Unread } from '../../store/finder-store.js';
import { FinderElement } from '../finder-element.js';
import { SfResultsEvent } from '../events.js';
import { Announcer } from '../internal/announcer.js';
import { openFromLink } from '../internal/links.js';
import { returnFocus } from '../internal/return-focus.js';
import { checkedWords, costWords, explain, partialFields, placeWords, unreadWords, whenWords } from '../internal/words.js';
import { tokens } from '../internal/shared.styles.js';
import { styles } from './sf-results.styles.js';

/** Lists longer than this are virtualised. */
const VIRTUALISE_OVER = 40;
/** Cards shown while the virtualizer loads: a tall screen's worth, few enough to render within a frame or two. */
const FIRST_CARDS = 8;

/**
 * The virtualizer, loaded the first time a list is long enough to need it, so
 * short lists (and preset pages) do not download it. Until it arrives the
 * first cards are rendered plainly.
 */
let virtualizer:
  | {
      virtualize: typeof import('@lit-labs/virtualizer/virtualize.js').virtualize;
      ref: typeof import('@lit-labs/virtualizer/virtualize.js').virtualizerRef;
      flow: typeof import('@lit-labs/virtualizer/layouts/flow.js').flow;
    }
  | undefined;
let loadingVirtualizer: Promise<unknown> | undefined;
function loadVirtualizer() {
  // The layout is named, so the virtualizer does not import its default one separately.
  loadingVirtualizer ??= Promise.all([import('@lit-labs/virtualizer/virtualize.js'), import('@lit-labs/virtualizer/layouts/flow.js')]).then(
    ([v, f]) => (virtualizer = { virtualize: v.virtualize, ref: v.virtualizerRef, flow: f.flow }),
  );
  return loadingVirtualizer;
}

type Loosen = { field: LoosenField; count: number };
type LoosenField =
  | 'text'
  | 'needs'
  | 'age'
  | 'access'
  | 'attendance'
  | 'days'
  | 'partsOfDay'
  | 'date'
  | 'openNow'
  | 'eligibility'
  | 'categories'
  | 'distance'
  | 'free'
  | 'hideStale'
  | 'require';

const LOOSEN: Record<LoosenField, { filter: FilterField; active: (q: Query) => boolean; patch: Partial<Query> }> = {
  text: { filter: 'text', active: (q) => !!q.text?.trim(), patch: { text: undefined } },
  needs: { filter: 'need', active: (q) => !!q.needs?.length, patch: { needs: undefined } },
  age: { filter: 'age', active: (q) => q.age !== undefined || !!q.ageBand, patch: { age: undefined, ageBand: undefined } },
  access: { filter: 'access', active: (q) => !!q.access?.length, patch: { access: undefined } },
  attendance: { filter: 'attendance', active: (q) => !!q.attendance?.length, patch: { attendance: undefined } },
  days: { filter: 'availability', active: (q) => !!q.days?.length, patch: { days: undefined } },
  partsOfDay: { filter: 'availability', active: (q) => !!q.partsOfDay?.length, patch: { partsOfDay: undefined } },
  date: { filter: 'availability', active: (q) => !!q.date, patch: { date: undefined } },
  openNow: { filter: 'availability', active: (q) => !!q.openNow, patch: { openNow: undefined } },
  eligibility: { filter: 'eligibility', active: (q) => !!q.eligibility?.length, patch: { eligibility: undefined } },
  categories: { filter: 'category', active: (q) => !!q.categories?.length, patch: { categories: undefined } },
  distance: { filter: 'distance', active: (q) => !!q.near, patch: { place: undefined, near: undefined, radiusKm: undefined } },
  free: { filter: 'cost', active: (q) => !!q.free, patch: { free: undefined } },
  hideStale: { filter: 'freshness', active: (q) => !!q.hideStale, patch: { hideStale: undefined } },
  require: { filter: 'completeness', active: (q) => !!q.require?.length, patch: { require: undefined } },
};

/**
 * The results: a count (read to screen readers once it stops changing), a sort control, a
 * notice per directory (still loading, failed with a retry, out of date),
 * the full matches, then the services that may match but do not say.
 * Long lists are virtualised.
 *
 * @tag sf-results
 * @summary The results list with per-directory notices, sorting, and an empty state that says which filter to loosen.
 *
 * @attr finder - The id of a `<service-finder>` elsewhere on the page (not needed inside one).
 * @attr lang - `en` or `cy`; otherwise inherited.
 *
 * @fires sf-results - {SfResultsEvent} When the number of results changes; `count` (full matches) and `partial`.
 * @fires sf-select - {SfSelectEvent} When a service is opened from a card; `key`.
 *
 * @slot empty - Shown instead of the built-in empty state when nothing matches.
 *
 * @csspart count - The count, as shown.
 * @csspart announcement - The count read to screen readers, once it has stayed the same for a second (hidden).
 * @csspart sort - The sort select.
 * @csspart notice - Each directory notice (also `notice-loading`, `notice-failed`, `notice-stale`).
 * @csspart list - Each list of cards.
 * @csspart card - Each result.
 * @csspart card-title - The heading of each result.
 * @csspart button - Buttons (retry, shortlist, loosen).
 * @csspart empty - The empty state.
 *
 * @cssprop --sf-color-border - Line between cards (default #b1b4b6).
 * @cssprop --sf-color-panel - Notice background (default #f3f2f1).
 * @cssprop --sf-color-link - Service names (default #1d70b8).
 */
export class SfResults extends FinderElement {
  static override styles = [tokens, styles];

  #lastCount?: string;
  /** The count as shown now: read to screen readers once it settles. */
  #countText = '';
  readonly #announcer = new Announcer(() => this.renderRoot?.querySelector<HTMLElement>('#announce'));
  #wasSelected?: string;
  #loosenCache?: { query: Query; services: unknown[]; value?: Loosen };
  #telling = false;

  protected override storeChanged(): void {
    const ui = this.ui;
    const selected = ui?.selected;
    if (this.#wasSelected && !selected && ui?.openerKey) void this.#returnFocus(ui.openerKey);
    // Chosen on a map: bring its card into view when the list is still shown (and no detail view shows it).
    else if (selected && selected !== this.#wasSelected) void this.#returnFocus(selected, false);
    this.#wasSelected = selected;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#announcer.stop();
  }

  protected override updated(): void {
    const store = this.activeStore;
    if (!store) return;
    this.#announcer.say(this.#countText);
    const key = `${store.matched}/${store.partial}`;
    if (key !== this.#lastCount && !(store.loading && !store.results.length)) {
      this.#lastCount = key;
      this.dispatchEvent(new SfResultsEvent(store.matched, store.partial));
    }
  }

  override render() {
    const store = this.activeStore;
    const { m } = this.l;
    if (!store) return html`<p class="count" part="count" role="status">${m.finder.loading}</p>`;
    // Full matches come first: the store counts them.
    const full = store.results.slice(0, store.matched);
    const partial = store.results.slice(store.matched);
    const waiting = store.loading && !store.services.length;
    const count = waiting
      ? m.finder.loading
      : this.l.p(m.results.found, full.length) + (partial.length ? `, ${this.l.p(m.results.moreUnknown, partial.length)}` : '');
    this.#countText = count;
    const sort = defaultSort(store.query);
    const sorts: Sort[] = ['relevance', 'name', 'checked', ...(store.query.near ? (['distance'] as Sort[]) : [])];

    return html`
      <section aria-labelledby="count">
        <div class="bar">
          <h2 class="count" id="count" part="count">${count}</h2>
          <p class="visually-hidden" id="announce" part="announcement" role="status" aria-live="polite"></p>
          ${
            store.results.length > 1
              ? html`<div>
                  <label for="sort">${m.sort.label}</label>
                  <select id="sort" part="sort" @change=${this.#onSort}>
                    ${sorts.map((s) => html`<option value=${s} ?selected=${s === sort}>${m.sort[s]}</option>`)}
                  </select>
                </div>`
              : nothing
          }
        </div>
        ${this.#notices(store.statuses, store.unread)}
        ${waiting ? nothing : store.results.length ? this.#list(full, 'full') : this.#empty()}
        ${
          partial.length
            ? html`<h2 class="partial">${this.l.t(m.results.partialHeading, { fields: partialFields(this.l, partial) })}</h2>
                ${this.#list(partial, 'partial')}`
            : nothing
        }
      </section>
    `;
  }

  #notices(statuses: DirectoryStatus[], unread: Unread | undefined): TemplateResult | typeof nothing {
    const { m } = this.l;
    const items = statuses.flatMap((s) => {
      const name = s.directory.name;
      if (s.state === 'done' && s.summaries) {
        return [
          html`<div class="notice loading" part="notice notice-loading">
            <p>${this.l.p(m.directory.details, s.summaries, { name })}</p>
          </div>`,
        ];
      }
      if (s.state === 'loading') {
        return [
          html`<div class="notice loading" part="notice notice-loading">
            <p>${s.pagesRead ? this.l.p(m.directory.loadingPages, s.pagesRead, { name }) : this.l.t(m.directory.loading, { name })}</p>
          </div>`,
        ];
      }
      if (s.state === 'failed') {
        const reason = s.error ? m.errors[s.error.kind] : '';
        return [
          html`<div class="notice failed" part="notice notice-failed" data-directory=${s.directory.id}>
            <p><strong>${this.l.t(m.directory.failed, { name })}</strong> ${reason}</p>
            <button
              type="button"
              class="button secondary"
              part="button retry-button"
              @click=${() => this.activeStore?.retry(s.directory.id)}
            >
              ${this.l.t(m.directory.retry, { name })}
            </button>
          </div>`,
        ];
      }
      if (s.waitingFor === 'place') {
        return [html`<div class="notice" part="notice notice-place"><p>${this.l.t(m.directory.needsPlace, { name })}</p></div>`];
      }
      if (s.state === 'done' && s.error) {
        return [
          html`<div class="notice stale" part="notice notice-stale">
            <p>${this.l.t(m.directory.partial, { name })} ${m.errors[s.error.kind]}</p>
          </div>`,
        ];
      }
      return [];
    });
    if (unread) items.push(html`<div class="notice loading" part="notice notice-loading"><p>${unreadWords(this.l, unread)}</p></div>`);
    return items.length ? html`<div class="notices">${items}</div>` : nothing;
  }

  #list(results: Result[], group: 'full' | 'partial'): TemplateResult {
    const render = (r: Result) => this.#card(r);
    if (results.length <= VIRTUALISE_OVER)
      return html`<ol class="list ${group}" part="list">
        ${results.map(render)}
      </ol>`;
    let items: unknown;
    if (!virtualizer) {
      void loadVirtualizer().then(() => this.requestUpdate());
      items = results.slice(0, FIRST_CARDS).map(render);
    } else {
      const { virtualize, flow } = virtualizer;
      items = virtualize({ items: results, keyFunction: (r: Result) => r.service.key, renderItem: render, layout: flow() });
    }
    // A template of its own for long lists: the list stays the same element when the virtualizer arrives,
    // and a short list gets a fresh one (the virtualizer leaves its markers in the element it fills: a
    // list going long and short in one element gained three comment nodes a search, never freed).
    return html`<ol class="list ${group} long" part="list">
      ${items}
    </ol>`;
  }

  #card(r: Result): TemplateResult {
    const store = this.activeStore!;
    const l = this.l;
    const { m } = l;
    const s = r.service;
    const next = store.nextOpening(s);
    const fresh = store.freshness(s);
    const cost = costWords(l, s.cost);
    const place = placeWords(l, s);
    const directories = [...new Map(s.sources.map((src) => [src.directory.id, src.directory.name])).values()];
    const shortlisted = this.ui?.shortlist.has(s.key) ?? false;
    const href = serviceHref(s.key);
    const titleId = `t-${cssId(s.key)}`;
    // A place without a distance only orders the list: the distance is among the facts, and nothing was chosen to be within.
    const why = r.explanations.filter((e) => !(e.field === 'distance' && e.state === 'match' && e.params?.radiusKm === undefined));
    const summary = store.detailsPending(s);
    if (summary) this.#tellShown();
    return html`<li
      class="card"
      part="card"
      data-key=${s.key}
      aria-labelledby=${titleId}
      @mouseenter=${this.#point}
      @mouseleave=${this.#unpoint}
      @focusin=${this.#point}
      @focusout=${this.#unpoint}
    >
      <h3 class="card-title" part="card-title" id=${titleId}>
        <a href=${href} data-key=${s.key} @click=${(e: MouseEvent) => this.#open(e, s.key)}>${s.name}</a>
      </h3>
      ${s.organisation?.name && s.organisation.name !== s.name ? html`<p class="muted">${l.t(m.card.organisation, { name: s.organisation.name })}</p>` : nothing}
      ${s.status === 'temporarily-closed' ? html`<p><strong class="closed-tag">${m.trust.temporarilyClosed}</strong></p>` : nothing}
      ${s.alert ? html`<p class="alert"><strong>${m.trust.alert}:</strong> ${s.alert}</p>` : nothing}
      <ul class="facts">
        ${r.distanceKm !== undefined ? html`<li>${l.miles(r.distanceKm)}</li>` : nothing} ${place ? html`<li>${place}</li>` : nothing}
        ${next ? html`<li>${l.t(m.card.next, { when: whenWords(l, next) })}${next.remaining === 0 ? html` <strong class="full-tag">${m.trust.full}</strong>` : nothing}</li>` : nothing}
        ${s.access?.length ? html`<li>${l.t(m.card.access, { list: l.listOwn(s.access.map((a) => m.access[a])) })}</li>` : nothing}
        ${cost ? html`<li>${cost}</li>` : nothing} ${summary ? html`<li class="summary">${m.card.summary}</li>` : nothing}
      </ul>
      ${
        why.length
          ? html`<ul class="why" aria-label=${m.why.label}>
              ${why.map((e) => html`<li class=${e.state}>${explain(l, e, store.query)}</li>`)}
            </ul>`
          : nothing
      }
      <p class="muted">
        ${l.t(m.card.from, { list: l.list(directories) })} ·
        ${checkedWords(l, fresh)}${fresh.stale ? html`<strong class="stale-tag">${m.card.stale}</strong>` : nothing}
      </p>
      <button
        type="button"
        class="button secondary shortlist-button"
        part="button shortlist-button"
        @click=${() => this.ui?.shortlist.toggle({ key: s.key, name: s.name })}
      >
        ${shortlisted ? m.shortlist.removeShort : m.shortlist.addShort}<span class="visually-hidden">: ${s.name}</span>
      </button>
    </li>`;
  }

  /**
   * Tells the store, at the next frame after summaries were rendered, which records the cards in the list
   * show (a long list is virtualised: its cards are those in view): their full records are read first.
   */
  #tellShown(): void {
    if (this.#telling) return;
    this.#telling = true;
    requestAnimationFrame(() => {
      this.#telling = false;
      const store = this.activeStore;
      if (!store) return;
      const keys: string[] = [];
      for (const card of this.renderRoot.querySelectorAll<HTMLElement>('li.card[data-key]')) {
        for (const source of store.get(card.dataset.key!)?.sources ?? []) keys.push(source.key);
      }
      store.showing(keys);
    });
  }

  /** Hovering or focusing a card highlights the service on a map sharing the store. */
  #point = (event: Event) => {
    this.ui?.highlight((event.currentTarget as HTMLElement).dataset.key);
  };

  #unpoint = (event: Event) => {
    const card = event.currentTarget as HTMLElement;
    const next = (event as FocusEvent).relatedTarget as Node | null;
    if (next && card.contains(next)) return;
    if (this.ui?.highlighted === card.dataset.key) this.ui?.highlight(undefined);
  };

  /** Scrolls to the start of the list and moves focus to its count (from a map's "Show as list"). */
  focusList(): void {
    const count = this.renderRoot.querySelector<HTMLElement>('[part~="count"]');
    if (!count) return;
    count.tabIndex = -1;
    count.scrollIntoView({ block: 'start' });
    count.focus({ preventScroll: true });
  }

  #open(event: MouseEvent, key: string): void {
    openFromLink(event, this.ui, key, this, key);
  }

  #onSort = (event: Event) => {
    void this.activeStore?.setQuery({ sort: (event.target as HTMLSelectElement).value as Sort });
  };

  #empty(): TemplateResult {
    const store = this.activeStore!;
    const { m } = this.l;
    if (!store.services.length) {
      return html`<div class="empty" part="empty">
        <slot name="empty"><p>${m.results.emptyNoData}</p></slot>
      </div>`;
    }
    const loosen = this.#loosen();
    return html`<div class="empty" part="empty">
      <slot name="empty">
        <h2>${m.results.emptyTitle}</h2>
        ${
          loosen
            ? html`<p>
                  ${this.l.t(m.results.emptyLoosen, {
                    filter: m.filters[LOOSEN[loosen.field].filter],
                    count: this.l.p(m.results.servicesCount, loosen.count),
                  })}
                </p>
                <button
                  type="button"
                  class="button secondary"
                  part="button loosen-button"
                  @click=${() => store.setQuery(LOOSEN[loosen.field].patch)}
                >
                  ${this.l.t(m.results.emptyLoosenButton, { filter: m.filters[LOOSEN[loosen.field].filter] })}
                </button>`
            : html`<p>${m.results.emptyGeneric}</p>`
        }
      </slot>
    </div>`;
  }

  /** Which one filter, removed, would give the most results. */
  #loosen(): Loosen | undefined {
    const store = this.activeStore!;
    const query = store.query;
    // The store makes a new query and a new service list on every change: the same two, the same answer.
    const cache = this.#loosenCache;
    if (cache?.query === query && cache.services === store.services) return cache.value;
    let best: Loosen | undefined;
    for (const field of Object.keys(LOOSEN) as LoosenField[]) {
      if (!LOOSEN[field].active(query)) continue;
      const count = store.count(mergeQuery(query, LOOSEN[field].patch));
      if (count > (best?.count ?? 0)) best = { field, count };
    }
    this.#loosenCache = { query, services: store.services, value: best };
    return best;
  }

  /** Puts focus back on the card that opened the detail (or only scrolls to it), scrolling it into view if virtualised. */
  #returnFocus(key: string, focus = true): Promise<void> {
    return returnFocus(
      () => this.renderRoot.querySelector<HTMLElement>(`a[data-key="${CSS.escape(key)}"]`),
      focus,
      // Only scrolling: stop once the person has opened another, hidden the list, or the detail view took over.
      () => focus || (this.ui?.selected === key && this.offsetParent !== null && !this.ui.detailShown),
      () => this.#scrollToCard(key),
    );
  }

  /** Asks the virtualizer to render the card of `key` (a long list renders only the cards near the screen). */
  #scrollToCard(key: string): void {
    const store = this.activeStore;
    const at = store?.results.findIndex((r) => r.service.key === key) ?? -1;
    if (!store || at < 0 || !virtualizer) return;
    const partial = at >= store.matched;
    const list = this.renderRoot.querySelector<VirtualizerHostElement>(partial ? 'ol.partial' : 'ol.full');
    list?.[virtualizer.ref]?.element(partial ? at - store.matched : at)?.scrollIntoView({ block: 'center' });
  }
}

const cssId = (key: string) => key.replace(/[^a-zA-Z0-9_-]/g, '_');

declare global {
  interface HTMLElementTagNameMap {
    'sf-results': SfResults;
  }
}
