import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FinderElement } from '../finder-element.js';
import { addressWords } from '../../model/address.js';
import { DAY_MS } from '../../model/index.js';
import { icsWriter, saveIcs, type IcsWriter } from '../internal/ics-loader.js';
import { serviceHref } from '../../store/url-state.js';
import { tokens } from '../internal/shared.styles.js';
import { styles } from './sf-shortlist.styles.js';

/** How far ahead the shortlist's calendar file reaches. */
const SHORTLIST_WEEKS = 8;

/**
 * The person's shortlist: services they added from the results or the
 * detail, with print, copy and share. Kept on the device (localStorage) only
 * once the person adds something. Renders nothing while the list is empty,
 * unless `show-empty` is set.
 *
 * @tag sf-shortlist
 * @summary The shortlist, with print, copy and a link to share it.
 *
 * @attr finder - The id of a `<service-finder>` elsewhere on the page (not needed inside one).
 * @attr lang - `en` or `cy`; otherwise inherited.
 * @attr show-empty - Show the shortlist (with a hint) even when it is empty.
 *
 * @fires sf-select - {SfSelectEvent} When a service on the list is opened.
 *
 * @csspart shortlist - The section holding the list.
 * @csspart button - Buttons (print, copy, share, add to calendar, remove).
 *
 * @cssprop --sf-color-panel - Background (default #f3f2f1).
 */
export class SfShortlist extends FinderElement {
  static override styles = [tokens, styles];

  @property({ type: Boolean, attribute: 'show-empty' }) showEmpty = false;
  @state() private message = '';

  override render() {
    const list = this.ui?.shortlist;
    const { m } = this.l;
    if (!list || (!list.size && !this.showEmpty)) return nothing;
    if (list.size) icsWriter(); // loaded now, so a press of "Add to your calendar" saves the file at once
    const store = this.activeStore;
    return html`<section part="shortlist" aria-labelledby="shortlist-title">
      <h2 id="shortlist-title">${list.shared ? m.shortlist.shared : m.shortlist.label}</h2>
      <p>${this.l.p(m.shortlist.count, list.size)}</p>
      ${
        list.size
          ? html`<ol>
              ${list.items.map((item) => {
                const name = store?.get(item.key)?.name ?? item.name;
                return html`<li>
                  <button type="button" class="link-button" @click=${() => this.ui?.select(item.key, { from: this })}>${name}</button>
                  <button type="button" class="link-button" part="button remove-button" @click=${() => list.remove(item.key)}>
                    ${m.shortlist.removeShort}<span class="visually-hidden">: ${name}</span>
                  </button>
                </li>`;
              })}
            </ol>`
          : html`<p>${m.shortlist.empty}</p>`
      }
      <p class="muted">${m.shortlist.device}</p>
      ${
        list.size
          ? html`<div class="actions">
              <button type="button" class="button secondary" part="button print-button" @click=${this.#print}>${m.shortlist.print}</button>
              <button type="button" class="button secondary" part="button copy-button" @click=${this.#copy}>${m.shortlist.copy}</button>
              <button type="button" class="button secondary" part="button share-button" @click=${this.#share}>${m.shortlist.share}</button>
              <button type="button" class="button secondary" part="button ics-button" @click=${this.#calendar}>
                ${this.l.p(m.shortlist.calendar, SHORTLIST_WEEKS)}
              </button>
              <button type="button" class="link-button" part="button clear-button" @click=${() => list.clear()}>
                ${m.shortlist.clear}
              </button>
            </div>`
          : nothing
      }
      <p role="status" class="muted">${this.message}</p>
    </section>`;
  }

  /** The list as plain text: name, address, phone, website of each service. */
  get text(): string {
    const list = this.ui?.shortlist;
    const store = this.activeStore;
    if (!list) return '';
    return list.items
      .map((item) => {
        const s = store?.get(item.key);
        if (!s) return item.name;
        const where = s.locations?.[0];
        return [s.name, where ? addressWords(where) : '', s.phones?.[0]?.number ?? '', s.url ?? ''].filter(Boolean).join('\n');
      })
      .join('\n\n');
  }

  /**
   * Every session of the listed services over the next weeks, as one .ics file; empty until the calendar
   * file writer (loaded when the shortlist first shows its button) has arrived.
   */
  get ics(): string {
    const writer = icsWriter();
    return writer ? this.#ics(writer) : '';
  }

  #ics(writer: IcsWriter): string {
    const store = this.activeStore;
    const services = (this.ui?.shortlist.items ?? []).map((i) => store?.get(i.key)).filter((s) => s !== undefined);
    const now = store?.currentTime() ?? new Date();
    return writer.icsForShortlist(
      services,
      { from: now, to: new Date(+now + SHORTLIST_WEEKS * 7 * DAY_MS) },
      {
        now,
        calendarName: this.l.m.shortlist.calendarName,
        link: (s) => serviceHref(s.key),
      },
    );
  }

  #calendar = async () => {
    const name = this.l.m.shortlist.calendarName;
    if (!(await saveIcs((writer) => ({ text: this.#ics(writer), name: writer.icsFilename(name) }))))
      this.message = this.l.m.finder.partFailed;
  };

  #print = () => {
    this.dispatchEvent(new Event('sf-print-shortlist', { bubbles: true, composed: true }));
    window.print();
  };

  #copy = async () => {
    this.message = (await this.#write(this.text)) ? this.l.m.shortlist.copied : '';
  };

  #share = async () => {
    const url = this.ui?.shortlist.shareUrl(location.href);
    if (url) this.message = (await this.#write(url)) ? this.l.m.shortlist.linkCopied : url;
  };

  async #write(text: string): Promise<boolean> {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sf-shortlist': SfShortlist;
  }
}
