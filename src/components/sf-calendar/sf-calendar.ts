import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { chunk } from '../internal/chunk.js';
import { LazyShell } from '../internal/lazy-shell.js';
import { tokens } from '../internal/shared.styles.js';
import type { SfCalendarView } from './calendar-view.js';
import { calendarView, type CalendarItem, type CalendarView } from './views.js';

export { CALENDAR_VIEWS, type CalendarItem, type CalendarView } from './views.js';

type ViewModule = typeof import('./calendar-view.js');
/** The calendar itself and its styles: one chunk, fetched by the first calendar on the page. */
const loadView = chunk(() => import('./calendar-view.js'));

/** What the element shows before the calendar has loaded: its loading and failure notices. */
const shellStyles = css`
  sf-calendar-view {
    display: block;
  }
  .status {
    margin: 0 0 var(--_space);
  }
`;

/**
 * The current results as dated sessions: a week or month grid, or an agenda
 * list (the default when the element is narrow), in Europe/London. Choose a
 * day to list its sessions; a session opens the service's detail. The grid
 * works like a date picker from the keyboard: arrow keys move a day (a week
 * up and down), Home and End go to the start and end of the week, Page Up
 * and Page Down move a month, Enter or Space lists the day's sessions and
 * moves focus there (Escape goes back). Sessions that were cancelled are
 * shown as cancelled; schedules given only in words are listed as their
 * words, never turned into guessed dates. Each session can be saved as an
 * `.ics` file. The calendar's code is loaded the first time a calendar is
 * on the page (it says so meanwhile, and offers to try again if it cannot).
 *
 * @tag sf-calendar
 * @summary Week, month and agenda views of when the results run, with keyboard grid navigation and "Add to calendar".
 *
 * @attr finder - The id of a `<service-finder>` elsewhere on the page (not needed inside one).
 * @attr lang - `en` or `cy`; otherwise inherited.
 * @attr view - `agenda`, `week` or `month`. When not set: `agenda` when the element is narrower than 600px, else `week`.
 * @attr start - The day to show first, `YYYY-MM-DD` (default today, Europe/London).
 * @attr days - How many days the agenda lists (default 7).
 *
 * @fires sf-select - {SfSelectEvent} When a session is chosen and its service opened; `key`.
 *
 * @csspart calendar - The section holding the calendar.
 * @csspart toolbar - The row of view and navigation buttons.
 * @csspart button - Every button (views, previous, today, next, add to calendar).
 * @csspart range - The heading naming the week, month or days shown.
 * @csspart grid - The week or month grid (a table with role grid).
 * @csspart day - Each day cell of the grid (also `day-today`, `day-selected`, `day-outside` for days of another month).
 * @csspart day-panel - The list of the chosen day's sessions under the grid.
 * @csspart agenda-day - Each day of the agenda (days in a row with nothing listed share one).
 * @csspart occurrence - Each session in a list (also `occurrence-cancelled`).
 * @csspart cancelled - The "Cancelled" label.
 * @csspart undated - The list of services whose times are given only in words.
 * @csspart partial-note - The line counting services that may match but are not shown (they do not state what the search asks, such as where they are).
 *
 * @cssprop --sf-color-border - Grid lines (default #b1b4b6).
 * @cssprop --sf-color-panel - Background of days of other months and of the undated list (default #f3f2f1).
 * @cssprop --sf-color-link - Session names and the chosen day (default #1d70b8).
 * @cssprop --sf-calendar-cell-height - Minimum height of a week cell (default 7rem).
 */
export class SfCalendar extends LazyShell<ViewModule> {
  static override styles = [tokens, shellStyles];

  /** `agenda`, `week` or `month`; unset: by the element's width. */
  @property({ reflect: true }) view?: CalendarView;
  /** The day to show first, `YYYY-MM-DD` (default today). */
  @property() start?: string;
  /** How many days the agenda lists. */
  @property({ type: Number }) days = 7;

  /** The view shown now: `view`, or the default for the element's width. */
  get currentView(): CalendarView {
    return this.inner()?.currentView ?? calendarView(this.view) ?? 'week';
  }

  /** The first and last day shown (`YYYY-MM-DD`, inclusive); empty until the calendar has loaded. */
  get range(): { from: string; to: string } {
    return this.inner()?.range ?? { from: '', to: '' };
  }

  /** The dated sessions of the current results in the period shown; none until the calendar has loaded. */
  get items(): CalendarItem[] {
    return this.inner()?.items ?? [];
  }

  /** Resolves when the calendar has loaded and rendered (or failed to load). */
  get calendarReady(): Promise<boolean> {
    return this.updateComplete;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.status !== 'ready') this.load();
  }

  protected loadChunk = loadView;
  protected chunkStyles = (module: ViewModule) => module.styles;
  protected inner = (): SfCalendarView | null | undefined => this.renderRoot?.querySelector<SfCalendarView>('sf-calendar-view');

  override render() {
    const { m } = this.l;
    if (this.status === 'ready') {
      return html`<sf-calendar-view
        .store=${this.activeStore}
        .view=${this.view}
        .start=${this.start}
        .days=${this.days}
      ></sf-calendar-view>`;
    }
    if (this.status === 'failed') {
      return html`<div part="calendar">
        <p class="status" role="alert">${m.finder.partFailed}</p>
        <button type="button" class="button secondary" part="button retry-button" @click=${this.load}>${m.finder.partRetry}</button>
      </div>`;
    }
    return html`<p class="status" part="calendar" role="status">${m.calendarView.loading}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sf-calendar': SfCalendar;
  }
}
