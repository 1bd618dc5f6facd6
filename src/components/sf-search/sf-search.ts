import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type {
  AccessibilityFeature,
  AccessType,
  AgeBand,
  AttendanceMode,
  PartOfDay,
  Query,
  RequireField,
  Weekday,
} from '../../model/index.js';
import { AGE_BANDS, DATE_PATTERN } from '../../model/index.js';
import { REFERRAL_FIELDS } from '../../engine/quality.js';
import { FinderElement } from '../finder-element.js';
import { mergeQuery, type FinderStore } from '../../store/finder-store.js';
import { soon, whenIdle } from '../../store/tasks.js';
import { SfSearchEvent } from '../events.js';
import { kmToMiles, milesToKm } from '../../i18n/index.js';
import { tokens } from '../internal/shared.styles.js';
import { styles } from './sf-search.styles.js';
import { needField } from './need-field.js';
import { chunk } from '../internal/chunk.js';
import type * as FilterFields from './filter-fields.js';

type MoreFields = typeof FilterFields;
/** The fields behind "More filters": a file of its own, which most visits never open. */
const moreFields = chunk(() => import('./filter-fields.js'));

/** Distances offered, in miles. */
const RADII = [1, 2, 5, 10, 20, 50];
/** Longest wait for an idle moment before the needs vocabulary is fetched anyway. */
const IDLE_WAIT_MS = 2000;

/** The form as filled in: the fields always shown, and those behind "More filters". */
interface Draft extends FilterFields.MoreDraft {
  needs: string[];
  text: string;
  place: string;
  radius: string;
  age: string;
  ageBand: string;
}

type FieldError = { field: 'age' | 'place' | 'location'; message: string };

const draftFrom = (q: Query): Draft => ({
  date: q.date ?? '',
  openNow: !!q.openNow,
  attendance: [...(q.attendance ?? [])],
  hideStale: !!q.hideStale,
  require: [...(q.require ?? [])],
  needs: [...(q.needs ?? [])],
  text: q.text ?? '',
  place: q.place ?? '',
  radius: q.radiusKm ? String(RADII.find((r) => Math.abs(milesToKm(r) - q.radiusKm!) < 0.01) ?? Math.round(kmToMiles(q.radiusKm))) : '',
  age: q.age === undefined ? '' : String(q.age),
  ageBand: q.ageBand ?? '',
  access: [...(q.access ?? [])],
  accessibility: [...(q.accessibility ?? [])],
  days: [...(q.days ?? [])],
  partsOfDay: [...(q.partsOfDay ?? [])],
  eligibility: [...(q.eligibility ?? [])],
  categories: [...(q.categories ?? [])],
  free: !!q.free,
  strict: !!q.strict,
});

/** A stable string of a query's form fields, for telling our own changes from others'. */
function signature(q: Query): string {
  const { near: _near, sort: _sort, ...rest } = q;
  return JSON.stringify(
    Object.keys(rest)
      .sort()
      .map((k) => [k, rest[k as keyof typeof rest]]),
  );
}

/** Filters chosen in the draft, one per field (the keyword is not one: it is always shown). */
export function chosenFilters(d: Draft): number {
  return [d.needs.length, d.place.trim(), d.age.trim() || d.ageBand, ...moreFilters(d)].filter(Boolean).length;
}

/** The filters under "More filters", each truthy when chosen. */
const moreFilters = (d: Draft) => [
  d.access.length,
  d.accessibility.length,
  d.attendance.length,
  d.days.length,
  d.partsOfDay.length,
  d.date,
  d.openNow,
  d.eligibility.length,
  d.categories.length,
  d.free,
  d.strict,
  d.hideStale,
  d.require.length,
];

const toggle = <T>(list: T[], value: T, on: boolean) => (on ? [...new Set([...list, value])] : list.filter((v) => v !== value));

/**
 * The search form, in the GOV.UK Design System pattern: labels, hints, an
 * error summary that takes focus. Enter searches; once data has loaded, changes
 * refine the results as the person types.
 *
 * @tag sf-search
 * @summary The search form: what you need help with, keyword, place and distance, age, access, accessibility and support, days and times, who it is for, type, free only.
 *
 * @attr finder - The id of a `<service-finder>` elsewhere on the page (not needed inside one).
 * @attr lang - `en` or `cy`; otherwise inherited.
 * @attr disclosure - The keyword box and a "Filters (n)" button that shows and hides the rest of the form, as GOV.UK's finders do on a phone. The one-tag finder sets it while it is narrow.
 *
 * @fires sf-search - {SfSearchEvent} On submit and on each live refinement; `query` is the new query.
 *
 * @csspart form - The form.
 * @csspart field - Each form group.
 * @csspart error-summary - The "There is a problem" box.
 * @csspart button - Buttons (also `filters-button`, the disclosure's).
 * @csspart filters - Everything but the keyword box: what the disclosure shows and hides.
 *
 * @cssprop --sf-color-error - Error colour (default #d4351c).
 * @cssprop --sf-focus-color - Focus highlight (default #ffdd00).
 */
export class SfSearch extends FinderElement {
  static override styles = [tokens, styles];

  /**
   * Milliseconds to wait after a change before refining (live); 0, the default, refines on every change
   * (the results list announces its count to screen readers only once it settles).
   */
  debounce = 0;

  /** The filters behind a "Filters (n)" button (see `@attr disclosure`). */
  @property({ type: Boolean, reflect: true }) disclosure = false;

  @state() private draft: Draft = draftFrom({});
  /** The disclosure is open. */
  @state() private filtersOpen = false;
  /** Whether "More filters" has been opened: its many fields are built only then (or when one is set). */
  @state() private moreShown = false;
  /** The file of the fields behind "More filters", once loaded. */
  @state() private moreFields?: MoreFields;
  /** What "enough detail to refer someone" asks for: the page's `require` once seen, else the referral fields. */
  #referFields: RequireField[] = [...REFERRAL_FIELDS];
  @state() private errors: FieldError[] = [];
  @state() private locating = false;

  #seen?: string;
  #sent?: string;
  /** Cancels the refinement scheduled by the last change, if it has not run. */
  #cancelApply = () => {};
  #submitted = false;
  #focusSummary = false;
  /** Stores the needs vocabulary has been asked of. */
  #needsAskedFor = new WeakSet<FinderStore>();

  protected override storeChanged(): void {
    const store = this.activeStore;
    if (!store) return;
    this.#wantNeeds(store);
    if (store.query.require?.length) this.#referFields = [...store.query.require];
    const sig = signature(store.query);
    if (sig !== this.#seen) {
      this.#seen = sig;
      if (sig !== this.#sent) this.draft = draftFrom(store.query);
    }
    this.#collectPlaceError();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#cancelApply();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.moreShown || moreFilters(this.draft).some(Boolean)) this.#loadMore();
  }

  protected override updated(): void {
    if (this.#focusSummary) {
      this.#focusSummary = false;
      (this.renderRoot.querySelector('.error-summary') as HTMLElement | null)?.focus();
    }
  }

  override render() {
    const { m } = this.l;
    const d = this.draft;
    const facets = this.activeStore?.facets ?? { eligibility: [], categories: [] };
    const errorFor = (field: FieldError['field']) => this.errors.find((e) => e.field === field);
    const placeError = errorFor('place') ?? errorFor('location');
    const ageError = errorFor('age');
    // A field's error, read first by a screen reader (its input names it in aria-describedby).
    const errorLine = (id: string, error?: FieldError) =>
      error
        ? html`<span class="error-message" id=${id}><span class="visually-hidden">${m.search.errorPrefix}</span> ${error.message}</span>`
        : nothing;
    // "Use my location" sits under the postcode box, on a phone too (the row wraps there).
    const locate = 'geolocation' in navigator;
    const moreOpen = moreFilters(d).some(Boolean);
    const disclosure = this.disclosure;
    const need = needField(this.l, this.activeStore?.vocabulary, d.needs);
    const clear = html`<button type="button" class="link-button" part="button clear-button" @click=${this.#clear}>
      ${m.search.clear}
    </button>`;

    return html`
      <form
        part="form"
        role="search"
        aria-label=${m.search.label}
        novalidate
        @submit=${this.#onSubmit}
        @input=${this.#onInput}
        @change=${this.#onInput}
        @focusin=${this.#prepare}
        @pointerdown=${this.#prepare}
      >
        ${
          this.errors.length
            ? html`<div class="error-summary" part="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
                <div role="alert">
                  <h2 id="error-summary-title">${m.search.errorSummary}</h2>
                  <ul>
                    ${this.errors.map(
                      (e) =>
                        html`<li><a href="#${e.field === 'location' ? 'place' : e.field}" @click=${this.#focusField}>${e.message}</a></li>`,
                    )}
                  </ul>
                </div>
              </div>`
            : nothing
        }
        ${disclosure ? nothing : need}

        <div class="group keyword" part="field">
          <label for="q">${m.search.keyword}</label>
          <span class="hint" id="q-hint">${m.search.keywordHint}</span>
          <input type="search" id="q" name="q" autocomplete="off" aria-describedby="q-hint" .value=${live(d.text)} />
        </div>
        ${
          disclosure
            ? html`<div class="actions">
                <button type="submit" class="button" part="button submit-button">${m.search.submit}</button>
                <button
                  type="button"
                  class="button secondary filters-button"
                  part="button filters-button"
                  aria-expanded=${this.filtersOpen ? 'true' : 'false'}
                  aria-controls="filters"
                  @click=${this.#toggleFilters}
                >
                  ${this.l.t(m.search.filters, { n: chosenFilters(d) })}
                </button>
              </div>`
            : nothing
        }
        <div id="filters" class="filters" part="filters" ?hidden=${disclosure && !this.filtersOpen}>
          ${disclosure ? need : nothing}

          <div class="group place ${placeError ? 'error' : ''}" part="field">
            <div class="row">
              <div>
                <label for="place">${m.search.place}</label>
                <span class="hint" id="place-hint">${m.search.placeHint}</span>
                ${errorLine('place-error', placeError)}
                <input
                  type="text"
                  id="place"
                  name="place"
                  autocomplete="postal-code"
                  spellcheck="false"
                  aria-describedby="place-hint${placeError ? ' place-error' : ''}"
                  aria-invalid=${placeError ? 'true' : 'false'}
                  .value=${live(d.place)}
                />
                ${
                  locate
                    ? html`<p class="locate">
                        <button
                          type="button"
                          class="link-button"
                          part="button location-button"
                          @click=${this.#useLocation}
                          ?disabled=${this.locating}
                        >
                          ${m.search.useLocation}
                        </button>
                        <span role="status">${this.locating ? m.search.locating : ''}</span>
                      </p>`
                    : nothing
                }
              </div>
              <div class=${locate ? 'beside-locate' : ''}>
                <label for="radius">${m.search.radius}</label>
                <select id="radius" name="radius" .value=${live(d.radius)}>
                  <option value="" ?selected=${!d.radius}>${m.search.radiusAny}</option>
                  ${RADII.map((r) => html`<option value=${r} ?selected=${d.radius === String(r)}>${this.l.p(m.search.radiusMiles, r)}</option>`)}
                </select>
              </div>
            </div>
          </div>

          <div class="group ${ageError ? 'error' : ''}" part="field">
            <div class="row">
              <div>
                <label for="age">${m.search.age}</label>
                <span class="hint" id="age-hint">${m.search.ageHint}</span>
                ${errorLine('age-error', ageError)}
                <input
                  type="text"
                  inputmode="numeric"
                  id="age"
                  name="age"
                  class="age"
                  autocomplete="off"
                  aria-describedby="age-hint${ageError ? ' age-error' : ''}"
                  aria-invalid=${ageError ? 'true' : 'false'}
                  .value=${live(d.age)}
                />
              </div>
              <div>
                <label for="band">${m.search.ageBand}</label>
                <select id="band" name="band" .value=${live(d.ageBand)}>
                  <option value="" ?selected=${!d.ageBand}>${m.search.ageBandAny}</option>
                  ${AGE_BANDS.map((b) => html`<option value=${b} ?selected=${d.ageBand === b}>${m.ageBands[b]}</option>`)}
                </select>
              </div>
            </div>
          </div>

          <details ?open=${moreOpen} @toggle=${this.#onMoreToggle}>
            <summary @click=${this.#showMore}>${m.search.more}</summary>
            ${(moreOpen || this.moreShown) && this.moreFields ? this.moreFields.morePanel(this.l, d, facets, this.#referFields) : nothing}
          </details>

          ${
            disclosure
              ? html`<div class="actions">${clear}</div>`
              : html`<div class="actions">
                  <button type="submit" class="button" part="button submit-button">${m.search.submit}</button>
                  ${clear}
                </div>`
          }
        </div>
      </form>
    `;
  }

  /** The panel opened by a click or a key on its summary: built before the browser opens it, once its file is here. */
  #showMore = () => {
    this.moreShown = true;
  };

  /** A panel opened otherwise (find in page, a script). */
  #onMoreToggle = (event: Event) => {
    if ((event.target as HTMLDetailsElement).open) this.moreShown = true;
  };

  /** Loads the panel's file; one that fails to load is asked for again the next time. */
  #loadMore(): void {
    if (this.moreFields) return;
    moreFields().then(
      (fields) => (this.moreFields = fields),
      () => undefined,
    );
  }

  /** Asked for when the form is first used, so that the panel's file is here by the time it is opened. */
  #prepare = () => {
    this.#loadMore();
    void this.activeStore?.loadNeeds();
  };

  /** Reads a form control into the draft. */
  #onInput = (event: Event) => {
    const input = event.target as HTMLInputElement | HTMLSelectElement;
    if (!input?.name) return;
    const d = { ...this.draft };
    const checked = input instanceof HTMLInputElement && input.checked;
    switch (input.name) {
      case 'need':
        d.needs = input.value ? [input.value] : [];
        break;
      case 'q':
        d.text = input.value;
        break;
      case 'place':
        d.place = input.value;
        break;
      case 'radius':
        d.radius = input.value;
        break;
      case 'age':
        d.age = input.value;
        if (d.age.trim()) d.ageBand = '';
        break;
      case 'band':
        d.ageBand = input.value;
        if (d.ageBand) d.age = '';
        break;
      case 'free':
        d.free = checked;
        break;
      case 'strict':
        d.strict = checked;
        break;
      case 'date':
        d.date = DATE_PATTERN.test(input.value) ? input.value : '';
        break;
      case 'openNow':
        d.openNow = checked;
        break;
      case 'hideStale':
        d.hideStale = checked;
        break;
      case 'require':
        d.require = checked ? [...this.#referFields] : [];
        break;
      case 'attendance':
        d.attendance = toggle(d.attendance, input.value as AttendanceMode, checked);
        break;
      case 'access':
        d.access = toggle(d.access, input.value as AccessType, checked);
        break;
      case 'accessibility':
        d.accessibility = toggle(d.accessibility, input.value as AccessibilityFeature, checked);
        break;
      case 'days':
        d.days = toggle(d.days, input.value as Weekday, checked);
        break;
      case 'partsOfDay':
        d.partsOfDay = toggle(d.partsOfDay, input.value as PartOfDay, checked);
        break;
      case 'eligibility':
        d.eligibility = toggle(d.eligibility, input.value, checked);
        break;
      case 'categories':
        d.categories = toggle(d.categories, input.value, checked);
        break;
      default:
        return;
    }
    const changed = JSON.stringify(d) !== JSON.stringify(this.draft);
    this.draft = d;
    // Live refinement once there is data. Typing a place waits for a submit or a radius change (the draft's
    // place goes with any other live change too).
    if (!changed || input.name === 'place') return;
    if ((this.activeStore?.services.length ?? 0) > 0) this.#schedule();
  };

  #schedule(): void {
    this.#cancelApply();
    const reading = !!this.activeStore?.reading;
    // Once everything is read, the list changes in the key's own task. While directories are still read, a task
    // after it: the browser echoes the key among the reading's tasks before the results change, and the keys of
    // one task refine once (in one task, a key and its results' layout made tasks of 53–94 ms).
    if (this.debounce <= 0 && !reading) void this.#apply(false);
    else this.#cancelApply = soon(() => void this.#apply(false), this.debounce);
  }

  #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    this.#cancelApply();
    void this.#apply(true);
  };

  /** Validates the draft and writes it to the store. */
  async #apply(submitted: boolean): Promise<void> {
    const store = this.activeStore;
    if (!store) return;
    const { m } = this.l;
    const d = this.draft;
    const errors: FieldError[] = [];
    const ageText = d.age.trim();
    let age: number | undefined;
    if (ageText) {
      age = Number(ageText);
      if (!/^\d{1,3}$/.test(ageText) || age > 120) {
        errors.push({ field: 'age', message: m.search.ageInvalid });
        age = undefined;
      }
    }
    const patch: Query = {
      needs: d.needs.length ? d.needs : undefined,
      text: d.text.trim() || undefined,
      place: d.place.trim() || undefined,
      radiusKm: d.radius ? milesToKm(Number(d.radius)) : undefined,
      age,
      ageBand: (d.ageBand || undefined) as AgeBand | undefined,
      access: d.access.length ? d.access : undefined,
      accessibility: d.accessibility.length ? d.accessibility : undefined,
      days: d.days.length ? d.days : undefined,
      partsOfDay: d.partsOfDay.length ? d.partsOfDay : undefined,
      eligibility: d.eligibility.length ? d.eligibility : undefined,
      categories: d.categories.length ? d.categories : undefined,
      free: d.free || undefined,
      strict: d.strict || undefined,
      date: d.date || undefined,
      openNow: d.openNow || undefined,
      attendance: d.attendance.length ? d.attendance : undefined,
      hideStale: d.hideStale || undefined,
      require: d.require.length ? d.require : undefined,
    };
    if (errors.length && submitted) {
      this.errors = errors;
      this.#showErrors();
      return;
    }
    if (submitted) this.#submitted = true;
    this.#sent = signature(mergeQuery(store.query, patch));
    await store.setQuery(patch);
    this.errors = errors.filter((e) => e.field !== 'place');
    this.#collectPlaceError();
    if (submitted && this.errors.length) this.#showErrors();
    this.dispatchEvent(new SfSearchEvent(store.query));
  }

  /**
   * The needs vocabulary is a file of its own: asked for once the first results are shown (or reading has
   * ended) and the page is idle, so it is there before anyone opens the choice without taking turns from
   * the first page; at once if the form is used first.
   */
  #wantNeeds(store: FinderStore): void {
    if (this.#needsAskedFor.has(store) || store.vocabulary || (store.loading && !store.services.length)) return;
    this.#needsAskedFor.add(store);
    whenIdle(() => void store.loadNeeds(), IDLE_WAIT_MS);
  }

  #collectPlaceError(): void {
    const store = this.activeStore;
    if (!store) return;
    const { m } = this.l;
    const others = this.errors.filter((e) => e.field !== 'place');
    const error = store.placeError && (this.#submitted || store.query.place) ? store.placeError : undefined;
    const next = error
      ? [{ field: 'place' as const, message: error === 'not-found' ? m.search.placeNotFound : m.search.placeFailed }, ...others]
      : others;
    if (JSON.stringify(next) !== JSON.stringify(this.errors)) this.errors = next;
  }

  /** Moves focus to the error summary, opening the disclosure so the fields it links to can be reached. */
  #showErrors(): void {
    this.#focusSummary = true;
    this.filtersOpen = true;
  }

  #toggleFilters = () => {
    this.filtersOpen = !this.filtersOpen;
  };

  #focusField = async (event: Event) => {
    event.preventDefault();
    const id = (event.currentTarget as HTMLAnchorElement).getAttribute('href')!.slice(1);
    // A field behind the closed disclosure is shown before it takes focus.
    this.filtersOpen = true;
    await this.updateComplete;
    const field = this.renderRoot.querySelector<HTMLElement>(`#${id}`);
    field?.focus();
    field?.scrollIntoView({ block: 'center' });
  };

  #useLocation = () => {
    const { m } = this.l;
    if (!('geolocation' in navigator)) {
      this.errors = [{ field: 'location', message: m.search.locationUnavailable }];
      return;
    }
    this.locating = true;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        this.locating = false;
        // Three decimals is about 100 m: enough to sort by distance.
        const round = (n: number) => Math.round(n * 1000) / 1000;
        this.draft = { ...this.draft, place: `${round(position.coords.latitude)},${round(position.coords.longitude)}` };
        this.errors = this.errors.filter((e) => e.field !== 'location');
        void this.#apply(true);
      },
      () => {
        this.locating = false;
        this.errors = [{ field: 'location', message: m.search.locationFailed }];
        this.#showErrors();
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  };

  #clear = () => {
    this.#cancelApply();
    this.draft = draftFrom({});
    this.errors = [];
    this.#submitted = false;
    void this.#apply(false);
    (this.renderRoot.querySelector('#q') as HTMLElement | null)?.focus();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sf-search': SfSearch;
  }
}
