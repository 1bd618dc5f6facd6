import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { DAY_MS, type BlendedService } from '../../model/index.js';
import { FinderElement } from '../finder-element.js';
import { addressWords } from '../../model/address.js';
import { ageWords, costWords, safeHref, scheduleWords, whenWords } from '../internal/words.js';
import { dayNumber, HORIZON_DAYS, isoDay, localParts, occurrences } from '../../engine/schedule.js';
import { datable, seriesExportable } from '../../store/datable.js';
import { icsWriter, saveIcs } from '../internal/ics-loader.js';
import { serviceHref } from '../../store/url-state.js';
import { styles } from './sf-service.styles.js';
import { lacksNote } from './lacks.js';
import { accreditations, checks, expect, referral, statusNotices, suggestions } from './trust.js';
import { placesWords } from '../internal/words.js';

/** The detail's styles, adopted by `<sf-service>` once this module has loaded. */
export const detailStyles = styles;

/**
 * The detail of one service, rendered by `<sf-service>` once a service is opened: this module is a chunk of
 * its own, loaded with the first service opened. Rendered without a shadow root of its own, inside
 * `<sf-service>`'s, whose parts and styles it uses. The public element, its attributes and parts are
 * documented on `<sf-service>` (shell.ts).
 *
 * @internal
 */
export class SfServiceDetail extends FinderElement {
  /** Rendered into `<sf-service>`'s shadow root, where its styles are adopted (`detailStyles`). */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  #shown?: string;
  #focusTitle = false;
  /** The calendar file writer could not be loaded: said under the buttons until a press works. */
  @state() private icsFailed = false;

  /**
   * The sanitised HTML description of the open service. DOMPurify is loaded
   * only when a description has HTML; until then (and if it fails) the plain
   * text stands in, so nothing unsanitised is ever rendered.
   */
  #description = new Task(this, {
    task: async ([source]: readonly [string | undefined]) =>
      source ? { source, html: (await import('./sanitise.js')).sanitiseHtml(source) } : undefined,
    args: () => [this.activeStore && this.ui?.selected ? this.activeStore.get(this.ui.selected)?.descriptionHtml : undefined] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeydown);
    if (this.ui) this.ui.detailShown = false;
  }

  protected override storeChanged(): void {
    const selected = this.ui?.selected;
    if (selected !== this.#shown) {
      this.#shown = selected;
      this.#focusTitle = !!selected;
    }
  }

  protected override updated(): void {
    if (this.ui) this.ui.detailShown = this.hasAttribute('open');
    if (!this.#focusTitle) return;
    const title = this.renderRoot.querySelector<HTMLElement>('h2');
    if (!title) return;
    this.#focusTitle = false;
    title.focus();
    this.scrollIntoView?.({ block: 'start' });
  }

  override render() {
    const store = this.activeStore;
    const key = this.ui?.selected;
    this.toggleAttribute('open', !!key);
    if (!store || !key) return nothing;
    const { m } = this.l;
    const service = store.get(key);
    if (!service) {
      return html`<article part="detail" aria-labelledby="title">
        <h2 id="title" part="detail-title" tabindex="-1">${store.loading ? m.finder.loading : m.service.label}</h2>
        ${store.loading ? nothing : html`<p>${m.service.notFound}</p>`}
        <button type="button" class="button secondary" part="button close-button" @click=${this.close}>${m.service.back}</button>
      </article>`;
    }
    return this.#detail(service);
  }

  /** Closes the detail; focus returns to the card that opened it. */
  close = (): void => {
    this.ui?.select(undefined, { from: this });
  };

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.ui?.selected) {
      event.preventDefault();
      this.close();
    }
  };

  /** "Add to calendar" for each recurring schedule that has dates, and for the next session. */
  #calendarButtons(s: BlendedService): TemplateResult | typeof nothing {
    const l = this.l;
    const { m } = l;
    const now = this.activeStore?.currentTime() ?? new Date();
    // Which schedules have a file to give is cheap to know; the file is written only when asked for.
    const series = (s.schedules ?? []).filter((sc) => seriesExportable(sc, now));
    const next = occurrences(s, now, new Date(+now + HORIZON_DAYS * DAY_MS)).find(
      (o) => (o.end ?? o.start) >= now && (o.session || datable(o.schedule)),
    );
    if (!series.length && !next) return nothing;
    icsWriter(); // loaded now, so a press saves the file at once
    const options = { now, link: (x: { key: string }) => serviceHref(x.key) };
    const save = async (write: Parameters<typeof saveIcs>[0]) => {
      this.icsFailed = !(await saveIcs(write));
    };
    return html`<div class="actions calendar-actions">
      ${series.map(
        (sc) =>
          html`<button
            type="button"
            class="button secondary"
            part="button ics-series-button"
            @click=${() => save((ics) => ({ text: ics.icsForSeries(s, sc, options)!, name: ics.icsFilename(s.name) }))}
          >
            ${l.t(m.service.addSeries, { when: scheduleWords(l, sc) ?? m.calendarView.addToCalendar })}
          </button>`,
      )}
      ${
        next
          ? html`<button
              type="button"
              class="button secondary"
              part="button ics-next-button"
              @click=${() =>
                save((ics) => ({
                  text: ics.icsForOccurrence(s, next, options),
                  name: ics.icsFilename(`${s.name} ${isoDay(localParts(next.start).day)}`),
                }))}
            >
              ${m.service.addNext}<span class="visually-hidden">: ${whenWords(l, next)}</span>
            </button>`
          : nothing
      }
      ${this.icsFailed ? html`<p class="error" role="alert">${m.finder.partFailed}</p>` : nothing}
    </div>`;
  }

  #detail(s: BlendedService): TemplateResult {
    const store = this.activeStore!;
    const l = this.l;
    const { m } = l;
    const next = store.nextOpening(s);
    const fresh = store.freshness(s);
    const schedules = (s.schedules ?? []).map((sc) => scheduleWords(l, sc)).filter((t): t is string => !!t);
    const notes = (s.schedules ?? []).map((sc) => sc.notes?.trim()).filter((t): t is string => !!t);
    // Closures still to come, by the store's clock, in Europe/London.
    const today = localParts(store.currentTime()).day;
    const closures = (s.closures ?? []).filter((c) => c.closed && (dayNumber(c.endDate) ?? -Infinity) >= today).slice(0, 5);
    const ages = ageWords(l, s.ages);
    const cost = costWords(l, s.cost);
    const directories = [...new Map(s.sources.map((src) => [src.directory.id, src.directory])).values()];
    const shortlisted = this.ui?.shortlist.has(s.key) ?? false;
    const website = safeHref(s.url);
    const phones = [...(s.phones ?? []), ...(s.contacts ?? []).flatMap((c) => c.phones ?? [])];

    return html`<article part="detail" aria-labelledby="title">
      <div class="top">
        <button type="button" class="link-button" part="button close-button" @click=${this.close}>${m.service.back}</button>
      </div>
      <h2 id="title" part="detail-title" tabindex="-1">${s.name}</h2>
      ${s.organisation?.name && s.organisation.name !== s.name ? html`<p class="muted">${l.t(m.service.runBy, { name: s.organisation.name })}</p>` : nothing}
      ${statusNotices(l, s)}
      <div class="description">
        ${
          s.descriptionHtml && this.#description.value?.source === s.descriptionHtml
            ? unsafeHTML(this.#description.value.html)
            : s.description
              ? html`<p>${s.description}</p>`
              : nothing
        }
      </div>

      <h3>${m.service.when}</h3>
      ${next ? html`<p><strong>${l.t(m.service.next, { when: whenWords(l, next) })}</strong>${placesWords(l, next)}</p>` : nothing}
      ${
        schedules.length
          ? html`<ul class="plain">
              ${schedules.map((t) => html`<li>${t}</li>`)}
            </ul>`
          : nothing
      }
      ${notes.map((n) => html`<p>${n}</p>`)}
      ${closures.map(
        (c) =>
          html`<p>
            ${c.startDate === c.endDate ? l.t(m.service.closedDay, { date: l.day(c.startDate) }) : l.t(m.service.closed, { from: l.day(c.startDate), to: l.day(c.endDate) })}
          </p>`,
      )}
      ${!next && !schedules.length ? html`<p>${m.service.notStated}</p>` : nothing} ${this.#calendarButtons(s)}

      <h3>${m.service.where}</h3>
      ${
        s.locations?.length
          ? html`<ul class="plain">
              ${s.locations.map(
                (loc) =>
                  html`<li>
                    ${addressWords(loc)}${loc.accessibility?.length ? html`<br /><span class="muted">${loc.accessibility.join('; ')}</span>` : nothing}
                  </li>`,
              )}
            </ul>`
          : html`<p>${s.attendance?.some((a) => a === 'online' || a === 'phone') ? m.service.online : m.service.notStated}</p>`
      }
      ${s.attendance?.length ? html`<p>${l.listOwn(s.attendance.map((a) => m.attendance[a]))}</p>` : nothing}

      <h3>${m.service.who}</h3>
      ${
        ages || s.eligibility?.length
          ? html`${ages ? html`<p>${ages}</p>` : nothing}
            ${s.eligibility?.length ? html`<p>${l.list(s.eligibility.map((t) => t.name))}</p>` : nothing}`
          : html`<p>${m.service.notStated}</p>`
      }
      ${expect(l, s, this.ui?.noImages ?? false)} ${referral(l, s)}

      <h3>${m.service.cost}</h3>
      <p>${cost ?? m.service.notStated}</p>

      <h3>${m.service.contact}</h3>
      <ul class="plain">
        ${website ? html`<li>${m.service.website}: <a href=${website} rel="noopener noreferrer" target="_blank">${website}</a></li>` : nothing}
        ${s.email ? html`<li>${m.service.email}: <a href="mailto:${s.email}">${s.email}</a></li>` : nothing}
        ${phones.map((p) => html`<li>${m.service.phone}: <a href="tel:${p.number.replace(/[^\d+]/g, '')}">${p.number}</a>${p.description ? ` (${p.description})` : ''}</li>`)}
        ${(s.contacts ?? [])
          .filter((c) => c.name || c.email)
          .map(
            (c) =>
              html`<li>
                ${[c.name, c.title].filter(Boolean).join(', ')}${c.email ? html` <a href="mailto:${c.email}">${c.email}</a>` : nothing}
              </li>`,
          )}
        ${!website && !s.email && !phones.length && !s.contacts?.length ? html`<li>${m.service.notStated}</li>` : nothing}
      </ul>

      ${accreditations(l, s)}
      <div class="about">
        <h3>${m.service.about}</h3>
        <p>
          ${l.t(m.service.listedIn, { list: l.list(directories.map((d) => d.name)) })}
          ${fresh.date ? l.t(m.service.checkedOn, { date: l.day(fresh.date) }) : m.service.checkedUnknown}
          ${fresh.stale ? html`<strong>${m.card.stale}</strong>` : nothing}
        </p>
        ${checks(l, s)} ${lacksNote(l, s, this.activeStore?.query ?? {})} ${suggestions(l, s)}
      </div>

      <div class="actions">
        <button type="button" class="button secondary" part="button print-button" @click=${() => window.print()}>${m.service.print}</button>
        <button
          type="button"
          class="button secondary"
          part="button shortlist-button"
          @click=${() => this.ui?.shortlist.toggle({ key: s.key, name: s.name })}
        >
          ${shortlisted ? m.shortlist.removeShort : m.shortlist.addShort}
        </button>
        <button type="button" class="button secondary" part="button close-button" @click=${this.close}>${m.service.close}</button>
      </div>
    </article>`;
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('sf-service-detail'))
  customElements.define('sf-service-detail', SfServiceDetail);
