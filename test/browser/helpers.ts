import { fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import { withParams } from '../../src/store/url-state.js';

/** The element `tag` inside `host`'s shadow root (one level). */
export function inner<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const el = host.shadowRoot?.querySelector<T>(selector);
  if (!el) throw new Error(`No ${selector} in <${host.localName}>`);
  return el;
}

/** The element with focus, looking through shadow roots. */
export function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** Waits until every directory has finished (done or failed) and the elements have rendered. */
export async function loaded(el: ServiceFinder, timeout = 15000): Promise<void> {
  const store = await el.ready;
  await waitUntil(
    () => store.statuses.length > 0 && store.statuses.every((s) => s.state !== 'idle' && s.state !== 'loading'),
    'directories did not finish',
    { timeout },
  );
  await settle(el);
}

/** Lets every element of a finder finish rendering. */
export async function settle(el: Element): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 30));
    const all = [el, ...(el.shadowRoot?.querySelectorAll('*') ?? []), ...el.querySelectorAll('*')];
    await Promise.all(all.map((e) => (e as { updateComplete?: Promise<unknown> }).updateComplete));
  }
}

/** Removes the finder's parameters from the test page's address. */
export function resetUrl(): void {
  history.replaceState(null, '', withParams(location.href, new URLSearchParams()));
}

/** Types into an input as a keyboard would (value + input event per character). */
export function type(input: HTMLInputElement, text: string): void {
  input.focus();
  for (const ch of text) {
    input.value += ch;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: ch, inputType: 'insertText' }));
  }
}

// The virtualizer's ResizeObserver can report "loop completed with undelivered
// notifications": harmless (browsers only log it), but mocha treats it as a failure.
window.addEventListener(
  'error',
  (e) => {
    if (String(e.message).includes('ResizeObserver loop')) {
      e.stopImmediatePropagation();
      e.preventDefault();
    }
  },
  true,
);

/** `value` if the runner can send it (it clones results with structuredClone), else an element's markup or text. */
function sendable(value: unknown): unknown {
  try {
    structuredClone(value);
    return value;
  } catch {
    return value instanceof Element ? value.outerHTML : String(value);
  }
}

// A failed assertion on an element (`expect(button).to.equal(null)`) keeps the element as its `actual`, which
// @web/test-runner cannot clone to send: the page never reports, and the run waits out testsFinishTimeout
// (300 s) instead of naming the failure. Such values are sent as text.
afterEach(function () {
  const err = this.currentTest?.err as (Error & { actual?: unknown; expected?: unknown }) | undefined;
  if (!err) return;
  err.actual = sendable(err.actual);
  err.expected = sendable(err.expected);
});

/** The rendered cards of an `<sf-results>`, after scrolling its list into view (long lists are virtualised). */
export async function cards(results: Element, min = 1): Promise<HTMLElement[]> {
  const root = results.shadowRoot!;
  const list = () => [...root.querySelectorAll<HTMLElement>('[part~="card"]')];
  if (list().length < min) root.querySelector('ol')?.scrollIntoView({ block: 'start' });
  await waitUntil(() => list().length >= min, `fewer than ${min} cards rendered`, { timeout: 5000 });
  return list();
}

/** Renders `template` (a `<service-finder>`) and waits until it has loaded every directory and rendered. */
export async function loadedFixture(template: TemplateResult, timeout?: number): Promise<ServiceFinder> {
  const el = await fixture<ServiceFinder>(template);
  await loaded(el, timeout);
  return el;
}
