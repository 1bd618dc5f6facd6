import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DAY_MS, type BlendedService, type Query } from '../../model/index.js';
import {
  HORIZON_DAYS,
  compileService,
  isoDay,
  dayNumber,
  instantOf,
  localParts,
  occurrences,
  weekdayOf,
  ymdOf,
  type Occurrence,
} from '../../engine/schedule.js';
import { cancelledSessions, datable } from '../../store/datable.js';
import { sessionFilter } from '../../engine/sessions.js';
import { icsWriter, saveIcs } from '../internal/ics-loader.js';
import { serviceHref } from '../../store/url-state.js';
import { FinderElement } from '../finder-element.js';
import { addressWords } from '../../model/address.js';
import { partialFields, scheduleWords } from '../internal/words.js';
import { calendarView, CALENDAR_VIEWS, type CalendarItem, type CalendarView } from './views.js';
import { openFromLink } from '../internal/links.js';
import { returnFocus } from '../internal/return-focus.js';

export { styles } from './sf-calendar.styles.js';

/** Narrower than this (the element's own width), the agenda is the default view. */
const NARROW_PX = 600;
/** Occurrence names shown inside a week cell before "+ n more". */
const PEEK = 5;

// ---------- calendar maths on local day numbers ----------

const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m, d) / DAY_MS;
const mondayOf = (day: number) => day - weekdayOf(day);
/** The same day of the month `n` months on, kept within the month (31 Jan + 1 → 28 Feb). */
function addMonths(day: number, n: number): number {
  const { y, m, d } = ymdOf(day);
  const last = new Date(Date.UTC(y, m + n + 1, 0)).getUTCDate();
  return dayOf(y, m + n, Math.min(d, last));
}

let instances = 0;

/**
 * What `<sf-calendar>` shows, loaded the first time a calendar is on the page (most finders have none):
 * the week or month grid, or the agenda, of the current results' sessions. Rendered without a shadow root
 * of its own, inside `<sf-calendar>`'s, whose parts and styles it uses; `<sf-calendar>` passes it the store
 * and its `view`, `start` and `days`.
 *
 * @internal
 */
export class SfCalendarView extends FinderElement {
  /** `agenda`, `week` or `month`; unset: by the element's width. */
  @property({ reflect: true }) view?: CalendarView;
  /** The day to show first, `YYYY-MM-DD` (default today). */
  @property() start?: string;
  /** How many days the agenda lists. */
  @property({ type: Number }) days = 7;

  /** The element is narrower than 600px (agenda by default). */
  @state() private narrow = false;
  /** The day with focus in the grid (roving tabindex); the period shown holds it. */
  @state() private anchor?: number;
  /** The day whose sessions are listed under the grid. */
  @state() private chosen?: number;
  /** The calendar file writer could not be loaded. */
  @state() private icsFailed = false;

  readonly #token = `sf-calendar-${++instances}:`;
  #resize?: ResizeObserver;
  #focusCell = false;
  #focusPanel = false;
  #wasSelected?: string;
  #cache?: { results: unknown; query: Query; from: number; to: number; items: CalendarItem[] };

  /** The view shown now: `view`, or the default for the element's width. */
  get currentView(): CalendarView {
    return calendarView(this.view) ?? (this.narrow ? 'agenda' : 'week');
  }

  /** The first and last day shown (`YYYY-MM-DD`, inclusive). */
  get range(): { from: string; to: string } {
    const { from, to } = this.#range(this.currentView, this.#anchorDay());
    return { from: isoDay(from), to: isoDay(to - 1) };
  }

  /** The dated sessions of the current results in the period shown. */
  get items(): CalendarItem[] {
    const { from, to } = this.#range(this.currentView, this.#anchorDay());
    return this.#items(from, to);
  }

  /** Rendered into `<sf-calendar>`'s shadow root, where its styles are. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver !== 'undefined') {
      this.#resize = new ResizeObserver((entries) => this.#measure(entries[0]?.contentRect.width));
      this.#resize.observe(this);
    }
    // The host's width is known before its first render: start in the right view.
    this.#measure(this.getBoundingClientRect().width);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    this.#resize = undefined;
  }

  #measure(width: number | undefined): void {
    if (!width) return; // hidden: keep what we had
    const narrow = width < NARROW_PX;
    if (narrow !== this.narrow) this.narrow = narrow;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('start') && changed.get('start') !== undefined) {
      this.anchor = undefined;
      this.chosen = undefined;
    }
  }

  protected override storeChanged(): void {
    const ui = this.ui;
    const selected = ui?.selected;
    if (this.#wasSelected && !selected && ui?.openerKey?.startsWith(this.#token)) {
      void this.#returnFocus(ui.openerKey.slice(this.#token.length));
    }
    this.#wasSelected = selected;
  }

  protected override updated(): void {
    if (this.#focusCell) {
      this.#focusCell = false;
      this.renderRoot.querySelector<HTMLElement>(`[role="gridcell"][tabindex="0"]`)?.focus();
    }
    if (this.#focusPanel) {
      this.#focusPanel = false;
      this.renderRoot.querySelector<HTMLElement>('#day-title')?.focus();
    }
  }

  // ---------- days ----------

  #today(): number {
    return localParts(this.activeStore?.currentTime() ?? new Date()).day;
  }

  #anchorDay(): number {
    return this.anchor ?? dayNumber(this.start) ?? this.#today();
  }

  #range(view: CalendarView, anchor: number): { from: number; to: number } {
    if (view === 'week') {
      const from = mondayOf(anchor);
      return { from, to: from + 7 };
    }
    if (view === 'month') {
      const { y, m } = ymdOf(anchor);
      const first = dayOf(y, m, 1);
      const next = dayOf(y, m + 1, 1);
      return { from: mondayOf(first), to: mondayOf(next - 1) + 7 };
    }
    const days = Number.isFinite(this.days) && this.days > 0 ? Math.min(Math.floor(this.days), HORIZON_DAYS) : 7;
    return { from: anchor, to: anchor + days };
  }

  /** "Wednesday 21 October 2026" (Welsh names from the catalogue where the browser has none). */
  #dateWords(day: number, year = false): string {
    return this.l.date(instantOf(day, 12 * 60), year ? { year: 'numeric' } : {});
  }

  // ---------- occurrences ----------

  #items(from: number, to: number): CalendarItem[] {
    const store = this.activeStore;
    if (!store) return [];
    const c = this.#cache;
    if (c && c.results === store.results && c.query === store.query && c.from === from && c.to === to) return c.items;
    const start = instantOf(from, 0);
    const end = instantOf(to, 0);
    const keep = sessionFilter(store.query);
    const items: CalendarItem[] = [];
    // Full matches only: those that do not state what the query asks (say, where they are) are only counted.
    for (const { service } of store.results.slice(0, store.matched)) {
      const all: Array<Occurrence & { cancelled?: boolean }> = [
        ...occurrences(service, start, end).filter((o) => o.session || datable(o.schedule)),
        ...cancelledSessions(service, start, end),
      ];
      for (const o of all) {
        const day = localParts(o.start).day;
        if (day < from || day >= to || !keep(o, day)) continue;
        const where = o.session?.locationId ?? o.schedule.locationId ?? '';
        items.push({ id: `${service.key}|${+o.start}|${where}`, service, occurrence: o, cancelled: !!o.cancelled, day });
      }
    }
    items.sort((a, b) => +a.occurrence.start - +b.occurrence.start || a.service.name.localeCompare(b.service.name));
    this.#cache = { results: store.results, query: store.query, from, to, items };
    return items;
  }

  /** Results whose times are given only in words, and how many say nothing about when. */
  #undated(): { list: Array<{ service: BlendedService; words: string[] }>; unstated: number } {
    const store = this.activeStore!;
    const list: Array<{ service: BlendedService; words: string[] }> = [];
    let unstated = 0;
    for (const { service } of store.results.slice(0, store.matched)) {
      const words = (service.schedules ?? [])
        .filter((s) => !datable(s))
        .map((s) => scheduleWords(this.l, s))
        .filter((w): w is string => !!w);
      if (words.length) list.push({ service, words: [...new Set(words)] });
      else if (!compileService(service).known) unstated++;
    }
    return { list, unstated };
  }

  // ---------- render ----------

  override render() {
    const store = this.activeStore;
    const l = this.l;
    const m = l.m.calendarView;
    if (!store) return html`<p role="status">${l.m.finder.loading}</p>`;
    const view = this.currentView;
    const today = this.#today();
    const anchor = this.#anchorDay();
    const { from, to } = this.#range(view, anchor);
    const items = this.#items(from, to);
    if (items.length) icsWriter(); // loaded now, so "Add to calendar" saves the file at once
    const byDay = new Map<number, CalendarItem[]>();
    for (const item of items) {
      const list = byDay.get(item.day);
      if (list) list.push(item);
      else byDay.set(item.day, [item]);
    }
    const { y, m: month } = ymdOf(anchor);
    const title =
      view === 'month'
        ? l.monthYear(instantOf(dayOf(y, month, 1), 12 * 60))
        : l.t(m.range, { from: l.day(isoDay(from)), to: l.day(isoDay(to - 1)) });
    const waiting = store.loading && !store.services.length;
    const active = items.filter((i) => !i.cancelled).length;
    const status = waiting ? l.m.finder.loading : active ? `${title}: ${l.p(m.sessions, active)}` : `${title}: ${m.nothingInRange}`;
    const [prev, next] =
      view === 'week'
        ? [m.previousWeek, m.nextWeek]
        : view === 'month'
          ? [m.previousMonth, m.nextMonth]
          : [l.p(m.previousDays, to - from), l.p(m.nextDays, to - from)];

    return html`<section part="calendar" aria-labelledby="range">
      <div class="toolbar" part="toolbar">
        <div class="views" role="group" aria-label=${m.views}>
          ${CALENDAR_VIEWS.map(
            (v) =>
              html`<button
                type="button"
                class="button secondary"
                part="button view-button"
                data-view=${v}
                aria-pressed=${v === view ? 'true' : 'false'}
                @click=${() => this.#setView(v)}
              >
                ${m[v]}
              </button>`,
          )}
        </div>
        <div class="nav">
          <button type="button" class="button secondary" part="button nav-button" data-step="-1" @click=${() => this.#step(-1)}>
            ${prev}
          </button>
          <button type="button" class="button secondary" part="button nav-button" data-step="0" @click=${() => this.#goTo(today)}>
            ${m.today}
          </button>
          <button type="button" class="button secondary" part="button nav-button" data-step="1" @click=${() => this.#step(1)}>
            ${next}
          </button>
        </div>
      </div>
      <h2 id="range" part="range">${title}</h2>
      <p class="status" role="status">${status}</p>
      ${view === 'agenda' ? this.#agenda(from, to, today, byDay) : this.#grid(view, from, to, anchor, today, byDay)} ${this.#undatedList()}
      ${this.icsFailed ? html`<p class="status" role="alert">${l.m.finder.partFailed}</p>` : nothing}
    </section>`;
  }

  #grid(view: CalendarView, from: number, to: number, anchor: number, today: number, byDay: Map<number, CalendarItem[]>): TemplateResult {
    const l = this.l;
    const m = l.m.calendarView;
    const weeks: number[] = [];
    for (let w = from; w < to; w += 7) weeks.push(w);
    const month = ymdOf(anchor).m;
    const chosen = this.chosen !== undefined && this.chosen >= from && this.chosen < to ? this.chosen : anchor;
    const cell = (day: number) => {
      const list = byDay.get(day) ?? [];
      const cancelled = list.filter((i) => i.cancelled).length;
      const count = list.length - cancelled;
      const sessions =
        count || !cancelled
          ? l.p(m.sessions, count) + (cancelled ? `, ${l.p(m.cancelledCount, cancelled)}` : '')
          : l.p(m.cancelledCount, cancelled);
      const outside = view === 'month' && ymdOf(day).m !== month;
      const parts = ['day', day === today ? 'day-today' : '', day === chosen ? 'day-selected' : '', outside ? 'day-outside' : '']
        .filter(Boolean)
        .join(' ');
      return html`<td
        role="gridcell"
        part=${parts}
        class=${[day === today ? 'today' : '', day === chosen ? 'selected' : '', outside ? 'outside' : ''].join(' ')}
        data-day=${day}
        data-date=${isoDay(day)}
        tabindex=${day === anchor ? '0' : '-1'}
        aria-selected=${day === chosen ? 'true' : 'false'}
        aria-current=${day === today ? 'date' : nothing}
        @click=${() => this.#choose(day, false)}
      >
        <span class="label visually-hidden">${l.t(m.cellLabel, { date: this.#dateWords(day, true), sessions })}</span>
        <span class="num" aria-hidden="true">${ymdOf(day).d}</span>
        ${
          view === 'week'
            ? html`<ul class="peek" aria-hidden="true">
                ${list
                  .slice(0, PEEK)
                  .map(
                    (i) =>
                      html`<li class=${i.cancelled ? 'cancelled' : ''}>
                        <span class="time">${i.occurrence.allDay ? m.allDay : l.time(i.occurrence.start)}</span> ${i.service.name}
                      </li>`,
                  )}
                ${list.length > PEEK ? html`<li class="more">+${l.number(list.length - PEEK)}</li>` : nothing}
              </ul>`
            : count || cancelled
              ? html`<span class="count" aria-hidden="true"
                  ><span class="words">${sessions}</span
                  ><span class="short">${l.number(count)}${cancelled ? html` <s>${l.number(cancelled)}</s>` : nothing}</span></span
                >`
              : nothing
        }
      </td>`;
    };
    return html`<p id="grid-help" class="help">${m.gridHelp}</p>
      <table role="grid" class="grid ${view}" part="grid" aria-labelledby="range" aria-describedby="grid-help" @keydown=${this.#onGridKey}>
        <thead>
          <tr role="row">
            ${[1, 2, 3, 4, 5, 6, 0].map(
              (wd) => html`<th role="columnheader" scope="col"><abbr title=${l.m.calendar.weekdays[wd]}>${l.weekdayShort(wd)}</abbr></th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${weeks.map(
            (w) =>
              html`<tr role="row">
                ${[0, 1, 2, 3, 4, 5, 6].map((i) => cell(w + i))}
              </tr>`,
          )}
        </tbody>
      </table>
      ${this.#dayPanel(chosen, byDay.get(chosen) ?? [])}`;
  }

  #dayPanel(day: number, list: CalendarItem[]): TemplateResult {
    const m = this.l.m.calendarView;
    return html`<section class="day-panel" part="day-panel" aria-labelledby="day-title" data-day=${day} @keydown=${this.#onPanelKey}>
      <h3 id="day-title" tabindex="-1">${this.l.t(m.dayHeading, { date: this.#dateWords(day) })}</h3>
      ${
        list.length
          ? html`<ul class="items">
              ${list.map((i) => this.#item(i))}
            </ul>`
          : html`<p class="muted">${m.nothing}</p>`
      }
    </section>`;
  }

  #agenda(from: number, to: number, today: number, byDay: Map<number, CalendarItem[]>): TemplateResult {
    const m = this.l.m.calendarView;
    // Days with sessions, and today, each have a section; other days in a row share one (a quiet week
    // on a GP practice's page reads as two lines, not seven).
    const runs: Array<[number, number]> = [];
    let quiet = false; // the last run is of such days
    for (let d = from; d < to; d++) {
      const empty = !byDay.get(d)?.length && d !== today;
      if (empty && quiet) runs[runs.length - 1][1] = d;
      else runs.push([d, d]);
      quiet = empty;
    }
    return html`<div class="agenda">
      ${runs.map(([day, until]) => {
        const list = byDay.get(day) ?? [];
        const title = until > day ? this.l.t(m.range, { from: this.#dateWords(day), to: this.#dateWords(until) }) : this.#dateWords(day);
        return html`<section
          class="agenda-day ${day === today ? 'today' : ''}"
          part="agenda-day"
          aria-labelledby="d-${day}"
          data-day=${day}
          data-date=${isoDay(day)}
        >
          <h3 id="d-${day}">${title}${day === today ? html` <span class="today-tag" aria-current="date">${m.today}</span>` : nothing}</h3>
          ${
            list.length
              ? html`<ul class="items">
                  ${list.map((i) => this.#item(i))}
                </ul>`
              : html`<p class="muted">${until > day ? m.nothingOnDays : m.nothing}</p>`
          }
        </section>`;
      })}
    </div>`;
  }

  #item(i: CalendarItem): TemplateResult {
    const l = this.l;
    const m = l.m.calendarView;
    const o = i.occurrence;
    const time = o.allDay ? m.allDay : o.end ? l.t(l.m.schedule.times, { from: l.time(o.start), to: l.time(o.end) }) : l.time(o.start);
    const locationId = o.session?.locationId ?? o.schedule.locationId;
    const location = (locationId && i.service.locations?.find((x) => x.id === locationId)) || i.service.locations?.[0];
    const where = location ? addressWords(location) : '';
    const href = serviceHref(i.service.key);
    return html`<li
      class="item ${i.cancelled ? 'cancelled' : ''}"
      part=${i.cancelled ? 'occurrence occurrence-cancelled' : 'occurrence'}
      data-id=${i.id}
    >
      <span class="time">${time}</span>
      <span class="what">
        <a href=${href} class="name" data-id=${i.id} data-key=${i.service.key} @click=${(e: MouseEvent) => this.#open(e, i)}
          >${i.service.name}</a
        >
        ${i.cancelled ? html`<strong class="tag" part="cancelled">${m.cancelled}</strong>` : nothing}
        ${where ? html`<span class="where">${where}</span>` : nothing}
      </span>
      ${
        i.cancelled
          ? nothing
          : html`<button type="button" class="link-button ics" part="button ics-button" @click=${() => this.#download(i)}>
              ${m.addToCalendar}<span class="visually-hidden">: ${i.service.name}, ${this.#dateWords(i.day)} ${time}</span>
            </button>`
      }
    </li>`;
  }

  #undatedList(): TemplateResult | typeof nothing {
    const m = this.l.m.calendarView;
    const { list, unstated } = this.#undated();
    const store = this.activeStore!;
    const partial = store.results.slice(store.matched);
    if (!list.length && !unstated && !partial.length) return nothing;
    return html`<section class="undated" part="undated" aria-labelledby="undated-title">
      ${
        list.length
          ? html`<h3 id="undated-title">${m.undatedHeading}</h3>
              <p class="muted">${m.undatedHint}</p>
              <ul>
                ${list.map(
                  ({ service, words }) =>
                    html`<li>
                      <a
                        href=${serviceHref(service.key)}
                        data-key=${service.key}
                        @click=${(e: MouseEvent) => this.#openService(e, service.key)}
                        >${service.name}</a
                      >: ${words.join('; ')}
                    </li>`,
                )}
              </ul>`
          : html`<h3 id="undated-title" class="visually-hidden">${m.undatedHeading}</h3>`
      }
      ${unstated ? html`<p class="muted">${this.l.p(m.unstated, unstated)}</p>` : nothing}
      ${partial.length ? html`<p class="muted" part="partial-note">${this.l.p(m.partial, partial.length, { fields: partialFields(this.l, partial) })}</p>` : nothing}
    </section>`;
  }

  // ---------- actions ----------

  #setView(view: CalendarView): void {
    this.view = view;
    // The choice is `<sf-calendar>`'s `view` (reflected to its attribute), which it passes back down.
    const host = (this.getRootNode() as Partial<ShadowRoot>).host as { view?: CalendarView } | undefined;
    if (host) host.view = view;
  }

  #goTo(day: number): void {
    this.anchor = day;
    this.chosen = day;
  }

  #step(direction: number): void {
    const view = this.currentView;
    const anchor = this.#anchorDay();
    const { from, to } = this.#range(view, anchor);
    this.#goTo(
      view === 'week' ? anchor + 7 * direction : view === 'month' ? addMonths(anchor, direction) : anchor + (to - from) * direction,
    );
  }

  /** Lists a day's sessions; from the keyboard, focus moves to the list. */
  #choose(day: number, moveFocus: boolean): void {
    this.anchor = day;
    this.chosen = day;
    if (moveFocus) this.#focusPanel = true;
  }

  #onGridKey = (event: KeyboardEvent) => {
    const cell = (event.target as HTMLElement).closest?.<HTMLElement>('[role="gridcell"]');
    if (!cell || event.altKey || event.ctrlKey || event.metaKey) return;
    const day = Number(cell.dataset.day);
    let next: number;
    switch (event.key) {
      case 'ArrowLeft':
        next = day - 1;
        break;
      case 'ArrowRight':
        next = day + 1;
        break;
      case 'ArrowUp':
        next = day - 7;
        break;
      case 'ArrowDown':
        next = day + 7;
        break;
      case 'Home':
        next = mondayOf(day);
        break;
      case 'End':
        next = mondayOf(day) + 6;
        break;
      case 'PageUp':
        next = addMonths(day, event.shiftKey ? -12 : -1);
        break;
      case 'PageDown':
        next = addMonths(day, event.shiftKey ? 12 : 1);
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.#choose(day, true);
        return;
      default:
        return;
    }
    event.preventDefault();
    this.anchor = next;
    this.#focusCell = true;
  };

  #onPanelKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || this.ui?.selected) return;
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`[role="gridcell"][tabindex="0"]`)?.focus();
  };

  #open(event: MouseEvent, item: CalendarItem): void {
    openFromLink(event, this.ui, item.service.key, this, this.#token + item.id);
  }

  #openService(event: MouseEvent, key: string): void {
    openFromLink(event, this.ui, key, this, `${this.#token}service|${key}`);
  }

  async #download(item: CalendarItem): Promise<void> {
    const saved = await saveIcs((ics) => ({
      text: ics.icsForOccurrence(item.service, item.occurrence, {
        now: this.activeStore?.currentTime(),
        link: (s) => serviceHref(s.key),
      }),
      name: ics.icsFilename(`${item.service.name} ${isoDay(item.day)}`),
    }));
    if (!saved) this.icsFailed = true;
  }

  /** After the detail closes, focus goes back to the session (or service) that opened it. */
  #returnFocus(id: string): Promise<void> {
    const selector = id.startsWith('service|') ? `a[data-key="${CSS.escape(id.slice(8))}"]` : `a[data-id="${CSS.escape(id)}"]`;
    return returnFocus(() => this.renderRoot.querySelector<HTMLElement>(selector));
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('sf-calendar-view'))
  customElements.define('sf-calendar-view', SfCalendarView);
