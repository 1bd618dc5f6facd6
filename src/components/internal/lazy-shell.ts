import { adoptStyles, type CSSResultOrNative, type LitElement, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { FinderElement } from '../finder-element.js';

/**
 * An element whose body is a chunk of its own, fetched on first need: until it has loaded the element shows
 * its own notices (loading, or failed with "Try again"); then it renders the chunk's element inside, with the
 * chunk's styles adopted beside its own.
 */
export abstract class LazyShell<M> extends FinderElement {
  @state() protected status: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  protected module?: M;
  #loaded?: Promise<unknown>;
  #stylesAdopted = false;

  /** The chunk (see `chunk` in ./chunk.ts). */
  protected abstract loadChunk(): Promise<M>;
  /** The chunk's styles. */
  protected abstract chunkStyles(module: M): CSSResultOrNative;
  /** The chunk's element inside this one, once rendered. */
  protected abstract inner(): LitElement | null | undefined;

  /** Also waits for the chunk and for the element inside to render. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    if (this.#loaded) {
      await this.#loaded;
      done = await super.getUpdateComplete();
    }
    const inner = this.inner();
    if (inner) done = (await inner.updateComplete) && done;
    return done;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.status === 'ready' && !this.#stylesAdopted && this.shadowRoot && this.module) {
      adoptStyles(this.shadowRoot, [...(this.constructor as typeof FinderElement).elementStyles, this.chunkStyles(this.module)]);
      this.#stylesAdopted = true;
    }
  }

  /** Loads the chunk; bound, for a "Try again" button. */
  protected load = (): void => {
    this.status = 'loading';
    this.#loaded = this.loadChunk().then(
      (module) => {
        this.module = module;
        this.status = 'ready';
      },
      () => {
        this.status = 'failed';
      },
    );
  };
}
