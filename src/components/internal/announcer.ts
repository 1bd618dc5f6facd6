/** How long a message must stay the same before it is read out, in milliseconds. */
export const ANNOUNCE_MS = 1000;

/**
 * Tells screen readers a message once it has stopped changing: a results count refined on every key
 * changes with each letter typed, and a live region that changed with it would chatter. The region is
 * an element the caller renders once with no content of its own (`role="status"`); only this writes it.
 */
export class Announcer {
  readonly #region: () => HTMLElement | null | undefined;
  readonly #delayMs: number;
  #timer?: ReturnType<typeof setTimeout>;
  #wanted?: string;

  constructor(region: () => HTMLElement | null | undefined, delayMs = ANNOUNCE_MS) {
    this.#region = region;
    this.#delayMs = delayMs;
  }

  /** Says `text` once nothing else has been asked for within the delay. */
  say(text: string): void {
    if (text === this.#wanted) return;
    this.#wanted = text;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const region = this.#region();
      if (region && region.textContent !== text) region.textContent = text;
    }, this.#delayMs);
  }

  /** Forgets what was asked for (the element left the page). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#wanted = undefined;
  }
}
