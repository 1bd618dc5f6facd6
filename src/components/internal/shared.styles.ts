import { css } from 'lit';

/**
 * Design tokens and the GOV.UK-like defaults every element shares. Pages
 * restyle with the custom properties (set them on the element or an ancestor)
 * and `::part`.
 */
export const tokens = css`
  :host {
    --_primary: var(--sf-color-primary, #00703c);
    --_primary-text: var(--sf-color-primary-text, #ffffff);
    --_primary-hover: var(--sf-color-primary-hover, #005a30);
    --_secondary: var(--sf-color-secondary, #f3f2f1);
    --_text: var(--sf-color-text, #0b0c0c);
    --_muted: var(--sf-color-muted, #505a5f);
    --_link: var(--sf-color-link, #1d70b8);
    --_link-visited: var(--sf-color-link-visited, #4c2c92);
    --_border: var(--sf-color-border, #b1b4b6);
    --_input-border: var(--sf-color-input-border, #0b0c0c);
    --_error: var(--sf-color-error, #d4351c);
    --_warning: var(--sf-color-warning, #f47738);
    --_surface: var(--sf-color-surface, #ffffff);
    --_panel: var(--sf-color-panel, #f3f2f1);
    --_focus: var(--sf-focus-color, #ffdd00);
    --_focus-text: var(--sf-focus-text-color, #0b0c0c);
    --_font: var(--sf-font-family, 'GDS Transport', arial, sans-serif);
    --_space: var(--sf-space, 1rem);
    --_radius: var(--sf-radius, 0);
    display: block;
    color: var(--_text);
    font-family: var(--_font);
    font-size: var(--sf-font-size, 1rem);
    line-height: 1.4;
    -webkit-font-smoothing: antialiased;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  a {
    color: var(--_link);
    text-decoration-thickness: max(1px, 0.0625rem);
    text-underline-offset: 0.1578em;
  }
  a:visited {
    color: var(--_link-visited);
  }
  a:hover {
    text-decoration-thickness: max(3px, 0.1875rem);
  }
  a:focus-visible,
  .link-button:focus-visible {
    outline: 3px solid transparent;
    color: var(--_focus-text);
    background-color: var(--_focus);
    box-shadow:
      0 -2px var(--_focus),
      0 4px var(--_focus-text);
    text-decoration: none;
  }
  .button {
    display: inline-block;
    font: inherit;
    font-weight: 400;
    line-height: 1.2;
    margin: 0 0 calc(var(--_space) * 0.5);
    padding: 0.5rem 0.75rem 0.4rem;
    border: 2px solid transparent;
    border-radius: var(--_radius);
    color: var(--_primary-text);
    background: var(--_primary);
    box-shadow: 0 2px 0 var(--sf-color-primary-shadow, #002d18);
    cursor: pointer;
    text-align: center;
    text-decoration: none;
  }
  .button:hover {
    background: var(--_primary-hover);
  }
  .button.secondary {
    color: var(--_text);
    background: var(--_secondary);
    box-shadow: 0 2px 0 #929191;
  }
  .button.secondary:hover {
    background: #dbdad9;
  }
  .button:focus-visible {
    outline: 3px solid transparent;
    border-color: var(--_focus);
    color: var(--_focus-text);
    background: var(--_focus);
    box-shadow:
      inset 0 0 0 1px var(--_focus),
      0 2px 0 var(--_focus-text);
  }
  .link-button {
    font: inherit;
    color: var(--_link);
    background: none;
    border: 0;
    padding: 0;
    text-decoration: underline;
    text-underline-offset: 0.1578em;
    cursor: pointer;
    text-align: start;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    border: 0 !important;
    white-space: nowrap !important;
  }
  .muted {
    color: var(--_muted);
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
