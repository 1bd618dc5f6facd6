import type { Query, SourceErrorKind, DirectoryRef } from '../model/index.js';

/** Fired when a person searches or refines (submit, or a live change once data has loaded). */
export class SfSearchEvent extends Event {
  static readonly type = 'sf-search';
  constructor(readonly query: Query) {
    super(SfSearchEvent.type, { bubbles: true, composed: true });
  }
  /** Same as `query`, for listeners used to `CustomEvent.detail`. */
  get detail(): Query {
    return this.query;
  }
}

/** Fired when the number of results shown changes. */
export class SfResultsEvent extends Event {
  static readonly type = 'sf-results';
  constructor(
    readonly count: number,
    readonly partial = 0,
  ) {
    super(SfResultsEvent.type, { bubbles: true, composed: true });
  }
  get detail(): { count: number; partial: number } {
    return { count: this.count, partial: this.partial };
  }
}

/** Fired when a service is opened (`key`) or the detail is closed (`key` undefined). */
export class SfSelectEvent extends Event {
  static readonly type = 'sf-select';
  constructor(readonly key: string | undefined) {
    super(SfSelectEvent.type, { bubbles: true, composed: true });
  }
  get detail(): { key: string | undefined } {
    return { key: this.key };
  }
}

/** Fired once each time a directory fails to be read. */
export class SfSourceErrorEvent extends Event {
  static readonly type = 'sf-source-error';
  constructor(
    readonly directory: DirectoryRef,
    readonly kind: SourceErrorKind,
    readonly message: string,
  ) {
    super(SfSourceErrorEvent.type, { bubbles: true, composed: true });
  }
  get detail(): { directory: DirectoryRef; kind: SourceErrorKind; message: string } {
    return { directory: this.directory, kind: this.kind, message: this.message };
  }
}

/**
 * Fired by `<sf-map>` when the person asks for the results as a list.
 * `<service-finder>` shows its list and moves focus there (and cancels the
 * event); a page with its own layout can do the same.
 */
export class SfShowListEvent extends Event {
  static readonly type = 'sf-show-list';
  constructor() {
    super(SfShowListEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sf-search': SfSearchEvent;
    'sf-results': SfResultsEvent;
    'sf-select': SfSelectEvent;
    'sf-source-error': SfSourceErrorEvent;
    'sf-show-list': SfShowListEvent;
  }
}
