import { css } from 'lit';

export const styles = css`
  section {
    padding: var(--_space);
    background: var(--_panel);
    border-radius: var(--_radius);
  }
  h2 {
    font-size: 1.25rem;
    margin: 0 0 0.5rem;
  }
  ol {
    margin: 0 0 var(--_space);
    padding-inline-start: 1.5rem;
  }
  li {
    margin-bottom: 0.5rem;
  }
  li .link-button {
    margin-inline-start: 0.5rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }
  p {
    margin: 0 0 0.5rem;
  }
  @media print {
    .actions,
    li .link-button {
      display: none;
    }
  }
`;
