import { css } from 'lit';

export const styles = css`
  /* Holding state only: no box of its own, so it takes no cell in a page's grid or flex row. */
  :host([view='none']) {
    display: contents;
  }
  .layout {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    max-width: var(--sf-max-width, none);
  }
  .layout > * {
    min-width: 0;
  }
  :host([detail-open]) .layout > sf-results,
  :host([detail-open]) .layout > sf-calendar,
  :host([detail-open]) .layout > sf-shortlist {
    display: none;
  }
  @media print {
    :host([detail-open]) .layout > sf-search {
      display: none;
    }
    :host([printing='shortlist']) .layout > :not(sf-shortlist) {
      display: none;
    }
    :host([printing='shortlist']) .layout > sf-shortlist {
      display: block;
    }
  }
`;
