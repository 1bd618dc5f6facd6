import { css } from 'lit';

export const styles = css`
  article {
    outline: none;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_space);
    margin-bottom: var(--_space);
  }
  h2 {
    font-size: 1.75rem;
    line-height: 1.2;
    margin: 0 0 0.5rem;
    overflow-wrap: anywhere;
  }
  h2:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  h3 {
    font-size: 1.1875rem;
    margin: calc(var(--_space) * 1.5) 0 0.5rem;
  }
  p,
  ul {
    margin: 0 0 0.5rem;
  }
  ul.plain {
    list-style: none;
    padding: 0;
  }
  .description {
    overflow-wrap: anywhere;
  }
  .description :is(h3, h4, h5) {
    font-size: 1rem;
  }
  dl {
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin-top: calc(var(--_space) * 1.5);
  }
  .notices p {
    padding: 0.5rem var(--_space);
    border-left: 5px solid var(--_error);
    background: var(--_panel);
    overflow-wrap: anywhere;
  }
  .application,
  .checks {
    overflow-wrap: anywhere;
  }
  .picture {
    display: block;
    max-width: 100%;
    height: auto;
    max-height: 16rem;
    margin-bottom: 0.5rem;
  }
  .about {
    margin-top: calc(var(--_space) * 2);
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  @media print {
    .actions,
    .top button {
      display: none;
    }
    a[href^='http']::after {
      content: ' (' attr(href) ')';
      font-size: 0.875em;
    }
  }
`;
