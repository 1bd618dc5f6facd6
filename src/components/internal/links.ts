import type { FinderUi } from '../finder-ui.js';

/**
 * Whether a click on a link is a plain one, which the finder answers itself. With Ctrl, ⌘ or Shift held, or
 * another button, the person asked the browser for a new tab or window: the link's own address does that.
 */
export function plainClick(event: MouseEvent): boolean {
  return !(event.ctrlKey || event.metaKey || event.shiftKey || event.button > 0);
}

/**
 * A service's link, clicked: a plain click opens the service in the finder's detail view (focus returns to
 * `openerKey` when it closes, and `from` fires `sf-select`); any other click is left to the browser.
 */
export function openFromLink(event: MouseEvent, ui: FinderUi | undefined, key: string, from: EventTarget, openerKey: string): void {
  if (!plainClick(event)) return;
  event.preventDefault();
  ui?.select(key, { from, openerKey });
}
