import { css } from 'lit';

export const styles = css`
  input.age {
    width: 5em;
  }

  form {
    display: block;
  }
  .group {
    margin: 0 0 calc(var(--_space) * 1.25);
  }
  .group.error {
    padding-inline-start: calc(var(--_space) * 0.75);
    border-inline-start: 5px solid var(--_error);
  }
  label,
  legend {
    display: block;
    font-weight: 700;
    margin-bottom: 0.25rem;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
  }
  .hint {
    display: block;
    color: var(--_muted);
    margin: 0 0 0.5rem;
  }
  .error-message {
    display: block;
    color: var(--_error);
    font-weight: 700;
    margin: 0 0 0.5rem;
  }
  input[type='text'],
  input[type='search'],
  input[type='number'],
  input[type='date'],
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    min-height: 2.5rem;
    padding: 0.3rem;
    border: 2px solid var(--_input-border);
    border-radius: var(--_radius);
    max-width: 100%;
  }
  input[type='text'],
  input[type='search'] {
    width: 100%;
    max-width: 30em;
  }
  input[type='number'] {
    width: 5em;
  }
  .error input {
    border-color: var(--_error);
  }
  input:focus,
  select:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_input-border);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
    align-items: flex-end;
  }
  .row > * {
    min-width: 0;
  }
  .checkboxes {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  .checkbox {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    min-height: 2.25rem;
  }
  .checkbox label {
    font-weight: 400;
    margin: 0;
    padding-top: 0.35rem;
  }
  .checkbox input {
    width: 1.5rem;
    height: 1.5rem;
    margin: 0.25rem 0 0;
    flex: none;
    accent-color: var(--_text);
  }
  .checkbox input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  details {
    margin: 0 0 var(--_space);
  }
  summary {
    color: var(--_link);
    cursor: pointer;
    text-decoration: underline;
    text-underline-offset: 0.1578em;
    display: inline-block;
    margin-bottom: 0.75rem;
  }
  summary:focus-visible {
    outline: 3px solid transparent;
    color: var(--_focus-text);
    background: var(--_focus);
    box-shadow:
      0 -2px var(--_focus),
      0 4px var(--_focus-text);
    text-decoration: none;
  }
  .panel {
    padding-inline-start: calc(var(--_space) * 0.9);
    border-inline-start: 5px solid var(--_border);
  }
  .terms {
    max-height: 16rem;
    overflow-y: auto;
    display: block;
  }
  .error-summary {
    color: var(--_text);
    padding: var(--_space);
    margin-bottom: calc(var(--_space) * 1.5);
    border: 5px solid var(--_error);
  }
  .error-summary:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
  }
  .error-summary h2 {
    margin: 0 0 var(--_space);
    font-size: 1.25rem;
  }
  .error-summary ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .error-summary a {
    color: var(--_error);
    font-weight: 700;
  }
  /* Under the postcode box; the field beside it keeps the same space below, so the two boxes line up,
     until the row is too narrow for both and the field goes below. */
  .place {
    container-type: inline-size;
  }
  .locate {
    margin: 0.5rem 0 0;
    min-height: 1.75rem;
  }
  .beside-locate {
    padding-bottom: 2.25rem;
  }
  @container (max-width: 24rem) {
    .beside-locate {
      padding-bottom: 0;
    }
  }
  input[type='date'] {
    margin-bottom: 0.5rem;
  }
  :host([disclosure]) .keyword {
    margin-bottom: 0.75rem;
  }
  .checkbox-hint {
    padding-inline-start: 2rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: baseline;
  }
`;
