import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { FinderStore } from '../store/finder-store.js';
import { nextTask } from '../store/tasks.js';
import { finderContext } from './context.js';
import { uiFor, type FinderUi } from './finder-ui.js';
import { loadCatalogue, loadedCatalogue, localizer, resolveLang, type Localizer } from '../i18n/index.js';

/** How long an element waits for its language's words before it renders in English (and again once they come). */
const WORDS_WAIT_MS = 3000;

interface StoreHolder extends HTMLElement {
  store?: FinderStore;
}

/**
 * Base for the elements that render a FinderStore. The store comes from, in
 * order: the `store` property, the `<service-finder>` named by `finder`, or
 * the nearest `<service-finder>` around it (by context). Re-renders on every
 * store `change` and on selection or shortlist changes.
 */
export class FinderElement extends LitElement {
  /** The id of a `<service-finder>` elsewhere on the page whose state this element shares. */
  @property({ reflect: true }) finder?: string;

  /** Language of the element's words (`en` or `cy`); otherwise the nearest ancestor's or the page's. */
  @property({ reflect: true }) override lang!: string;

  /** The store to render, set directly (otherwise found by `finder` or context). */
  @property({ attribute: false }) store?: FinderStore;

  @consume({ context: finderContext, subscribe: true })
  @state()
  protected contextStore?: FinderStore;

  @state() protected linkedStore?: FinderStore;

  #subscribed?: FinderStore;
  #ui?: FinderUi;
  #linking?: string;

  /** The store this element renders. */
  get activeStore(): FinderStore | undefined {
    return this.store ?? this.linkedStore ?? this.contextStore;
  }

  protected get ui(): FinderUi | undefined {
    return this.#ui;
  }

  /** Messages and formats in the element's language. */
  protected get l(): Localizer {
    return localizer(resolveLang(this));
  }

  /**
   * An update waits for the words of the element's language when they are still loading (Welsh is a chunk
   * of its own), so a Welsh page never shows English first; past WORDS_WAIT_MS, or when they cannot be
   * loaded, it renders in English, and again in its language if they come.
   */
  protected override async scheduleUpdate(): Promise<unknown> {
    // As a page starts, each element's first render is a task of its own: a finder's parts rendered together
    // made one task of 150 ms and more on a busy 2-core machine. With results to show, it renders at once.
    if (!this.hasUpdated && !this.activeStore?.results.length) await nextTask();
    const lang = resolveLang(this);
    if (!loadedCatalogue(lang)) {
      const words = loadCatalogue(lang);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = await Promise.race([
        words,
        new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), WORDS_WAIT_MS))),
      ]);
      clearTimeout(timer);
      if (late === 'late') void words.then((loaded) => loaded && this.requestUpdate());
    }
    return super.scheduleUpdate();
  }

  override connectedCallback(): void {
    // @lit/context keeps the last finder's store after a move: forget it, so only a finder
    // around the new place (which answers the context request sent on connecting) sets one.
    this.contextStore = undefined;
    super.connectedCallback();
    if (this.finder) void this.#link(this.finder);
    this.#subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe();
    this.#linkedTo?.removeEventListener('sf-store-ready', this.#onStoreReady);
    this.#linkedTo = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('finder') && this.finder && this.isConnected) void this.#link(this.finder);
    this.#subscribe();
  }

  /** Called when the store (or its state) changes; subclasses react here. */
  protected storeChanged(): void {}

  readonly #onChange = () => {
    this.storeChanged();
    this.requestUpdate();
  };

  #subscribe(): void {
    const store = this.activeStore;
    if (store === this.#subscribed) return;
    this.#unsubscribe();
    if (!store || !this.isConnected) return;
    this.#subscribed = store;
    this.#ui = uiFor(store);
    store.addEventListener('change', this.#onChange);
    this.#ui.addEventListener('change', this.#onChange);
    this.#onChange();
  }

  #unsubscribe(): void {
    this.#subscribed?.removeEventListener('change', this.#onChange);
    this.#ui?.removeEventListener('change', this.#onChange);
    this.#subscribed = undefined;
    // The selection and shortlist were that store's: none until the next store's.
    this.#ui = undefined;
  }

  /** Finds `<service-finder id=…>`, waiting for the page to parse it and for it to upgrade. */
  async #link(id: string): Promise<void> {
    this.#linking = id;
    let el = document.getElementById(id) as StoreHolder | null;
    if (!el && document.readyState === 'loading') {
      await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
      el = document.getElementById(id) as StoreHolder | null;
    }
    if (!el || this.#linking !== id) return;
    const tag = el.localName;
    if (tag.includes('-')) await customElements.whenDefined(tag);
    if (this.#linking !== id) return;
    // The finder makes a new store when its directories change: follow every one, not just the first.
    this.#linkedTo?.removeEventListener('sf-store-ready', this.#onStoreReady);
    this.#linkedTo = el;
    el.addEventListener('sf-store-ready', this.#onStoreReady);
    this.linkedStore = el.store;
  }

  #linkedTo?: StoreHolder;
  readonly #onStoreReady = () => {
    this.linkedStore = this.#linkedTo?.store;
  };
}
