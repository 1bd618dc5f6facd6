import { css, html, nothing, type PropertyValues } from 'lit';
import type { FinderElement } from '../finder-element.js';
import { chunk } from '../internal/chunk.js';
import { LazyShell } from '../internal/lazy-shell.js';
import { tokens } from '../internal/shared.styles.js';

type DetailModule = typeof import('./sf-service.js');
/** The detail's code and styles: one chunk, fetched when a page first opens a service. */
const loadDetail = chunk(() => import('./sf-service.js'));

const shellStyles = css`
  sf-service-detail {
    display: block;
  }
`;

/**
 * The detail of the service open now: a temporary closure and the directory's
 * notice first, description (sanitised), when it runs in words (and whether the
 * next session is full), where, who it is for, what to expect (pictures, level,
 * leader, facilities), how to get referred, cost, contacts, accreditations, the
 * directories it comes from and when each last checked it, "suggest a change"
 * per directory, print (docs/trust.md). Escape or Close closes it and focus
 * returns to the card that opened it. Renders nothing while no service is open.
 * The detail's code is loaded the first time a service is opened (it says so
 * meanwhile, and offers to try again if it cannot).
 *
 * @tag sf-service
 * @summary The detail view of one service.
 *
 * @attr finder - The id of a `<service-finder>` elsewhere on the page (not needed inside one).
 * @attr lang - `en` or `cy`; otherwise inherited.
 *
 * @fires sf-select - {SfSelectEvent} With `key` undefined when the detail is closed.
 *
 * @csspart detail - The article holding the detail.
 * @csspart detail-title - The service name heading.
 * @csspart button - Buttons (close, print, shortlist, add to calendar).
 *
 * @cssprop --sf-color-border - Rule above "About this information" (default #b1b4b6).
 */
export class SfService extends LazyShell<DetailModule> {
  static override styles = [tokens, shellStyles];

  /** Closes the detail; focus returns to the card that opened it. */
  close = (): void => {
    this.ui?.select(undefined, { from: this });
  };

  protected loadChunk = loadDetail;
  protected chunkStyles = (module: DetailModule) => module.detailStyles;
  protected inner = () => this.renderRoot?.querySelector<FinderElement>('sf-service-detail');

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.ui?.selected && this.status === 'idle') this.load();
  }

  override render() {
    const store = this.activeStore;
    const open = !!(store && this.ui?.selected);
    this.toggleAttribute('open', open);
    if (!open) return nothing;
    const { m } = this.l;
    // The detail renders into this element's shadow root: its parts are this element's.
    if (this.status === 'ready') return html`<sf-service-detail .store=${store}></sf-service-detail>`;
    if (this.status === 'failed') {
      return html`<article part="detail">
        <p role="alert">${m.finder.partFailed}</p>
        <button type="button" class="button secondary" part="button retry-button" @click=${this.load}>${m.finder.partRetry}</button>
        <button type="button" class="button secondary" part="button close-button" @click=${this.close}>${m.service.back}</button>
      </article>`;
    }
    return html`<p role="status">${m.finder.loading}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sf-service': SfService;
  }
}
