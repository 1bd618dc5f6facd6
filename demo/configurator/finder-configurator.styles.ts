import { css } from 'lit';

/** The configurator's layout: the form on the left, the live finder beside it; one column on a narrow screen. */
export const styles = css`
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) * 1.5);
  }
  @media (min-width: 64rem) {
    .layout {
      grid-template-columns: minmax(20rem, 2fr) minmax(0, 3fr);
      grid-template-areas:
        'directories preview'
        'presets preview'
        'copy preview';
      align-items: start;
    }
    .directories {
      grid-area: directories;
    }
    .presets {
      grid-area: presets;
    }
    .copy {
      grid-area: copy;
    }
    /* Beside the form while the person scrolls it, scrolling on its own. */
    .preview {
      grid-area: preview;
      position: sticky;
      top: var(--_space);
    }
    .preview-frame {
      max-height: calc(100vh - 10rem);
    }
  }
  h2 {
    font-size: 1.5rem;
    margin: 0 0 var(--_space);
  }
  h3 {
    font-size: 1.2rem;
    margin: var(--_space) 0 0.5rem;
  }
  textarea {
    font: inherit;
    font-family: monospace;
    width: 100%;
    padding: 0.3rem;
    border: 2px solid var(--_input-border);
    border-radius: var(--_radius);
  }
  textarea:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_input-border);
  }
  .error textarea,
  .error input {
    border-color: var(--_error);
  }
  .error-message p {
    margin: 0 0 0.25rem;
  }
  .checks {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .check {
    margin: 0 0 var(--_space);
    padding-inline-start: calc(var(--_space) * 0.75);
    border-inline-start: 5px solid var(--_border);
  }
  .check.usable {
    border-color: var(--_primary);
  }
  .check.unreadable {
    border-color: var(--_error);
  }
  .check h3 {
    margin-top: 0;
    overflow-wrap: anywhere;
  }
  .check p {
    margin: 0 0 0.5rem;
  }
  .address {
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .verdict {
    font-weight: 700;
  }
  .problems li {
    overflow-wrap: anywhere;
  }
  table {
    border-collapse: collapse;
    margin: 0 0 var(--_space);
  }
  th,
  td {
    text-align: start;
    padding: 0.25rem 1rem 0.25rem 0;
    border-bottom: 1px solid var(--_border);
  }
  td {
    text-align: end;
  }
  .preset-group {
    margin: 0 0 var(--_space);
  }
  .code {
    font-size: 0.9rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: 0 0 var(--_space);
    padding: var(--_space);
    background: var(--_panel);
    border-inline-start: 5px solid var(--_border);
  }
  .left-out {
    margin: 0 0 var(--_space);
  }
  /* Scrolls on its own, so that a long list does not push the code to copy far down the page. */
  .preview-frame {
    max-height: 80vh;
    overflow: auto;
    padding: var(--_space);
    border: 2px solid var(--_border);
  }
  .preview-frame:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
  }
`;
