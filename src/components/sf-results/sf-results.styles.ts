import { css } from 'lit';

export const styles = css`
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem var(--_space);
    justify-content: space-between;
    align-items: center;
    margin-bottom: 0.75rem;
  }
  /* "Sort by" beside its select: one line under the count's, so the first result stays on a phone's first screen. */
  .bar > div {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 0.5rem;
  }
  .bar label {
    margin: 0;
  }
  .count {
    font-size: 1.1875rem;
    font-weight: 700;
    margin: 0;
  }
  label {
    display: block;
    font-weight: 700;
    margin-bottom: 0.25rem;
  }
  select {
    font: inherit;
    min-height: 2.5rem;
    padding: 0.3rem;
    color: var(--_text);
    background: var(--_surface);
    border: 2px solid var(--_input-border);
    border-radius: var(--_radius);
    max-width: 100%;
  }
  select:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_input-border);
  }
  .notices {
    display: grid;
    gap: 0.5rem;
    margin-bottom: 0.75rem;
  }
  .notice {
    padding: 0.75rem var(--_space);
    background: var(--_panel);
    border-inline-start: 5px solid var(--_link);
    border-radius: var(--_radius);
  }
  .notice p {
    margin: 0 0 0.25rem;
  }
  .notice.failed {
    border-inline-start-color: var(--_error);
  }
  .notice.stale {
    border-inline-start-color: var(--_warning);
  }
  .notice .button {
    margin: 0.5rem 0 0;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .card {
    width: 100%;
    padding: var(--_space) 0;
    border-bottom: 1px solid var(--_border);
  }
  .card:first-child {
    padding-top: 0.5rem;
  }
  .card-title {
    font-size: 1.1875rem;
    margin: 0 0 0.25rem;
    overflow-wrap: anywhere;
  }
  .card-title a {
    font-weight: 700;
  }
  .card p,
  .card ul {
    margin: 0 0 0.25rem;
  }
  .facts,
  .why {
    padding: 0;
    list-style: none;
  }
  .facts li {
    display: inline;
  }
  .facts li:not(:last-child)::after {
    content: ' · ';
    color: var(--_muted);
  }
  .why li {
    padding-inline-start: 1.1rem;
    position: relative;
  }
  .why li::before {
    content: '✓';
    position: absolute;
    inset-inline-start: 0;
  }
  .why li.unknown::before {
    content: '?';
  }
  .closed-tag,
  .full-tag {
    display: inline-block;
    padding: 0 0.35rem;
    font-weight: 700;
    color: #ffffff;
    background: #942514;
  }
  .card .alert {
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .stale-tag {
    display: inline-block;
    margin-inline-start: 0.5rem;
    padding: 0 0.35rem;
    font-weight: 700;
    color: #6f3700;
    background: #fcd6c3;
  }
  .card .shortlist-button {
    margin-top: 0.5rem;
  }
  h2.partial {
    font-size: 1.1875rem;
    margin: calc(var(--_space) * 2) 0 0.5rem;
  }
  .empty {
    padding: var(--_space) 0;
  }
  .empty h2 {
    font-size: 1.25rem;
    margin: 0 0 0.5rem;
  }
  .empty ul {
    padding-inline-start: 1.25rem;
  }
`;
