import type { FinderStore } from '../store/finder-store.js';
import { Shortlist, sharedKeys, type ShortlistItem } from '../store/shortlist.js';
import { SfSelectEvent } from './events.js';

/**
 * What the elements sharing one store share besides the query: the service
 * open in the detail view, the element that opened it (focus returns there)
 * the shortlist and the service pointed at in the list. One per store, so
 * elements linked with `finder="id"` or by context see the same. Dispatches
 * `change` (and `highlight` for the pointed-at service).
 */
export class FinderUi extends EventTarget {
  #selected?: string;
  /** The key of the card whose button opened the detail: focus goes back to it. */
  openerKey?: string;
  /** Set by a detail view while it shows the selected service: a list beside it then leaves the scrolling to it. */
  detailShown = false;
  #shortlist?: Shortlist;
  #highlighted?: string;
  #noImages = false;

  /** Pictures from directories are not shown: the page promises no requests to other sites (`no-images`). */
  get noImages(): boolean {
    return this.#noImages;
  }

  set noImages(value: boolean) {
    if (value === this.#noImages) return;
    this.#noImages = value;
    this.dispatchEvent(new Event('change'));
  }

  get selected(): string | undefined {
    return this.#selected;
  }

  /** The service a card is hovered or focused on (the map highlights its marker). */
  get highlighted(): string | undefined {
    return this.#highlighted;
  }

  /**
   * Marks a service as pointed at (or none). Dispatches `highlight`, not
   * `change`: nothing re-renders, listeners (the map) update one marker.
   */
  highlight(key: string | undefined): void {
    if (key === this.#highlighted) return;
    this.#highlighted = key;
    this.dispatchEvent(new Event('highlight'));
  }

  /** Created on first use; stores nothing until the person adds something. */
  get shortlist(): Shortlist {
    if (!this.#shortlist) {
      const keys = typeof location === 'undefined' ? [] : sharedKeys(location.search);
      const shared: ShortlistItem[] = keys.map((key) => ({ key, name: key }));
      this.#shortlist = new Shortlist({ shared });
      this.#shortlist.addEventListener('change', () => this.dispatchEvent(new Event('change')));
    }
    return this.#shortlist;
  }

  /**
   * Opens a service (or closes with `undefined`). `from` is the element the
   * public `sf-select` event is dispatched on; `openerKey` the card to return
   * focus to. `silent` skips the event (restoring from the address).
   */
  select(key: string | undefined, options: { from?: EventTarget; openerKey?: string; silent?: boolean } = {}): void {
    if (key === this.#selected) return;
    this.#selected = key;
    if (key) this.openerKey = options.openerKey ?? this.openerKey;
    if (!options.silent) options.from?.dispatchEvent(new SfSelectEvent(key));
    this.dispatchEvent(new Event('change'));
  }
}

const uis = new WeakMap<FinderStore, FinderUi>();

export function uiFor(store: FinderStore): FinderUi {
  let ui = uis.get(store);
  if (!ui) uis.set(store, (ui = new FinderUi()));
  return ui;
}
