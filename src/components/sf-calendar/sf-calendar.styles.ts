import { css } from 'lit';

export const styles = css`
  :host {
    container-type: inline-size;
  }
  section[part='calendar'] {
    display: block;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.5) var(--_space);
  }
  .views,
  .nav {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }
  .views .button[aria-pressed='true'] {
    color: var(--_primary-text);
    background: var(--_text);
    box-shadow: 0 2px 0 #000;
  }
  .views .button[aria-pressed='true']:focus-visible {
    color: var(--_focus-text);
    background: var(--_focus);
  }
  h2 {
    font-size: 1.5rem;
    line-height: 1.2;
    margin: calc(var(--_space) * 0.5) 0 0.25rem;
  }
  h3 {
    font-size: 1.1875rem;
    margin: var(--_space) 0 0.5rem;
  }
  h3:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .status,
  .help,
  .muted,
  .where {
    color: var(--_muted);
  }
  .status {
    margin: 0 0 0.5rem;
  }
  .help {
    font-size: 0.875rem;
    margin: 0 0 0.5rem;
  }
  p {
    margin: 0 0 0.5rem;
  }

  /* ---------- grid ---------- */
  .grid {
    width: 100%;
    border-collapse: collapse;
    table-layout: fixed;
  }
  .grid th {
    font-weight: 700;
    text-align: start;
    padding: 0.25rem 0.375rem;
    border-bottom: 2px solid var(--_text);
  }
  .grid abbr {
    text-decoration: none;
  }
  .grid td {
    vertical-align: top;
    padding: 0.25rem 0.375rem;
    border: 1px solid var(--_border);
    cursor: pointer;
    overflow: hidden;
  }
  .grid.week td {
    height: var(--sf-calendar-cell-height, 7rem);
  }
  .grid.month td {
    height: 3.5rem;
  }
  .grid td.outside {
    background: var(--_panel);
    color: var(--_muted);
  }
  .grid td.today .num {
    display: inline-block;
    min-width: 1.75em;
    text-align: center;
    border-radius: 1em;
    color: var(--_primary-text);
    background: var(--_primary);
  }
  .grid td.selected {
    box-shadow: inset 0 0 0 3px var(--_link);
  }
  .grid td:focus {
    outline: 3px solid var(--_focus);
    outline-offset: -3px;
    box-shadow: inset 0 0 0 6px var(--_focus-text);
  }
  .num {
    font-weight: 700;
  }
  .peek {
    list-style: none;
    margin: 0.25rem 0 0;
    padding: 0;
    font-size: 0.8125rem;
    line-height: 1.25;
  }
  .peek li {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .peek .cancelled {
    text-decoration: line-through;
  }
  .count {
    display: block;
    margin-top: 0.125rem;
    font-size: 0.875rem;
  }
  /* "3 sessions" where a cell has room; a narrow month (a phone) shows the number alone, as a badge. */
  .count .short {
    display: none;
  }

  /* ---------- lists of sessions ---------- */
  .items {
    list-style: none;
    margin: 0 0 var(--_space);
    padding: 0;
  }
  .item {
    display: grid;
    grid-template-columns: 7.5rem 1fr auto;
    gap: 0.25rem var(--_space);
    padding: 0.5rem 0;
    border-bottom: 1px solid var(--_border);
  }
  .item .time {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .item .what {
    display: flex;
    flex-direction: column;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .item.cancelled .time,
  .item.cancelled .name {
    text-decoration: line-through;
  }
  .tag {
    align-self: start;
    display: inline-block;
    margin-top: 0.125rem;
    padding: 0 0.375rem;
    font-size: 0.875rem;
    color: #ffffff;
    background: var(--_error);
  }
  .today-tag {
    font-size: 0.875rem;
    font-weight: 400;
    padding: 0 0.375rem;
    color: var(--_primary-text);
    background: var(--_primary);
  }
  .ics {
    white-space: nowrap;
  }
  .agenda-day h3 {
    border-top: 2px solid var(--_text);
    padding-top: 0.5rem;
  }
  .undated {
    margin-top: var(--_space);
    padding: var(--_space);
    background: var(--_panel);
  }
  .undated h3 {
    margin-top: 0;
  }
  .undated ul {
    margin: 0 0 0.5rem;
    padding-inline-start: 1.25rem;
  }
  @container (max-width: 599px) {
    .item {
      grid-template-columns: 1fr;
    }
    .ics {
      justify-self: start;
    }
    .grid th,
    .grid td {
      padding: 0.125rem;
    }
    .peek,
    .count .words {
      display: none;
    }
    .count .short {
      display: inline-block;
      min-width: 1.25em;
      padding: 0 0.25em;
      border: 1px solid currentColor;
      border-radius: 0.75em;
      text-align: center;
      font-size: 0.8125rem;
    }
  }
  @media print {
    .toolbar,
    .ics,
    .help {
      display: none;
    }
  }
`;
