import { css } from 'lit';

/** `<sf-map>`'s own look. Leaflet's CSS (leaflet.styles.ts) and the markers' (marker.styles.ts) are adopted with the map chunk. */
export const styles = css`
  :host {
    --_marker: var(--sf-map-marker-color, #1d70b8);
    --_marker-outline: var(--sf-map-marker-outline-color, #ffffff);
    --_marker-highlight: var(--sf-map-highlight-color, #f47738);
    --_marker-selected: var(--sf-map-selected-color, #00703c);
    --_cluster: var(--sf-map-cluster-color, #1d70b8);
    --_cluster-text: var(--sf-map-cluster-text-color, #ffffff);
    --_area: var(--sf-map-area-color, #4c2c92);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.5) var(--_space);
    margin-bottom: calc(var(--_space) * 0.5);
  }
  .note {
    margin: 0;
    color: var(--_muted);
  }
  .bar .link-button {
    margin-inline-start: auto;
  }
  .frame {
    position: relative;
  }
  .map {
    height: var(--sf-map-height, 28rem);
    border: 1px solid var(--_border);
    background: var(--_panel);
    font-family: var(--_font);
  }
  .map:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 3px var(--_focus-text);
  }
  .status {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    margin: 0;
    padding: var(--_space);
    text-align: center;
    background: var(--_panel);
  }
  .area {
    position: absolute;
    z-index: 1100;
    top: calc(var(--_space) * 0.75);
    left: 50%;
    transform: translateX(-50%);
    margin: 0;
  }

  @media print {
    .area,
    .bar .link-button {
      display: none;
    }
  }
`;
