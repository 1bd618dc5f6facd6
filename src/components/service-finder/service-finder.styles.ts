import { css } from 'lit';

export const styles = css`
  /* Holding state only: no box of its own, so it takes no cell in a page's grid or flex row. */
  :host([view='none']) {
    display: contents;
  }
  .layout,
  .main {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .layout {
    max-width: var(--sf-max-width, none);
  }
  /* Narrow: the keyword box, the "Filters" button and the results close together, for a phone's first screen. */
  .layout:not(.wide) {
    gap: var(--_space);
  }
  /* Wide: the form beside the results, so the count and the first results are on the first screen. */
  .layout.wide.with-search {
    grid-template-columns: minmax(16rem, 1fr) 2fr;
    align-items: start;
  }
  .layout > *,
  .main > * {
    min-width: 0;
  }
  :host([detail-open]) .main > sf-results,
  :host([detail-open]) .main > sf-calendar,
  :host([detail-open]) .main > sf-shortlist {
    display: none;
  }
  @media print {
    .layout.wide.with-search {
      grid-template-columns: 1fr;
    }
    :host([detail-open]) .layout > sf-search {
      display: none;
    }
    :host([printing='shortlist']) .layout > sf-search,
    :host([printing='shortlist']) .main > :not(sf-shortlist) {
      display: none;
    }
    :host([printing='shortlist']) .main > sf-shortlist {
      display: block;
    }
  }
`;
