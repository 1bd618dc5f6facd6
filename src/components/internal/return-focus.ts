/** Frames to wait for a link to be rendered (a list re-rendering, a virtualised row filled in) before giving up. */
const FRAMES = 5;

/**
 * After the detail view closes, puts focus back on the link that opened it, once that link is rendered and
 * visible, and scrolls it into view. `find` looks the link up afresh each frame: the list may re-render.
 * `focus` false only scrolls to it (a selection made elsewhere); `wanted`, asked each frame, stops it when
 * false (the person has moved on); `missing` is called each frame the link is not there yet, to bring it in
 * (a virtualised list scrolls to it).
 */
export async function returnFocus(
  find: () => HTMLElement | null | undefined,
  focus = true,
  wanted?: () => boolean,
  missing?: () => void,
): Promise<void> {
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
