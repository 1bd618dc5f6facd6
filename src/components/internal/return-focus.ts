/** Frames to wait for a link to be rendered (a list re-rendering, a virtualised row filled in) before giving up. */
const FRAMES = 5;

export interface ReturnFocusOptions {
  /** False: only scroll the link into view (a selection made elsewhere), leaving focus where it is. */
  focus?: boolean;
  /** Asked each frame; false stops (the person has moved on). */
  wanted?: () => boolean;
  /** Called each frame the link is not there yet, to bring it in (a virtualised list scrolls to it). */
  missing?: () => void;
}

/**
 * After the detail view closes, puts focus back on the link that opened it, once that link is rendered and
 * visible, and scrolls it into view. `find` looks the link up afresh each frame: the list may re-render.
 */
export async function returnFocus(find: () => HTMLElement | null | undefined, options: ReturnFocusOptions = {}): Promise<void> {
  const { focus = true, wanted, missing } = options;
  for (let attempt = 0; attempt < FRAMES; attempt++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (wanted && !wanted()) return;
    const link = find();
    if (link && link.offsetParent !== null) {
      if (focus) link.focus();
      link.scrollIntoView?.({ block: 'nearest' });
      return;
    }
    missing?.();
  }
}
