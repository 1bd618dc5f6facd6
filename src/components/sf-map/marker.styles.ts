import { css } from 'lit';

/** The markers, clusters, address lists and Leaflet's controls inside `<sf-map>`: adopted with the map chunk. */
export const markerStyles = css`
  /* markers: SVG pins and round clusters, coloured by the custom properties */
  .sf-marker {
    border-radius: 50%;
    /* Leaflet sizes each marker: laying out hundreds of them stays cheap. */
    contain: layout size style;
  }
  .sf-marker:hover,
  .sf-marker:focus-visible {
    z-index: 100001 !important;
  }
  .sf-marker:focus {
    outline: none;
  }
  .sf-marker:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 1px;
    box-shadow: 0 0 0 6px var(--_focus-text);
  }
  .sf-point {
    border-radius: 50% 50% 50% 50% / 40% 40% 60% 60%;
  }
  .sf-point svg {
    display: block;
    overflow: visible;
  }
  .pin-body {
    fill: var(--_marker);
    stroke: var(--_marker-outline);
    stroke-width: 2;
  }
  .pin-dot {
    fill: var(--_marker-outline);
  }
  .badge {
    position: absolute;
    top: -6px;
    right: -8px;
    min-width: 1.25rem;
    padding: 0 0.25rem;
    border: 2px solid var(--_marker-outline);
    border-radius: 1rem;
    background: var(--_text);
    color: #ffffff;
    font: bold 0.75rem/1rem var(--_font);
    text-align: center;
  }
  .sf-cluster {
    display: grid;
    place-items: center;
    color: var(--_cluster-text);
    background: var(--_cluster);
    border: 3px solid var(--_marker-outline);
    box-shadow: 0 0 0 2px var(--_cluster);
    font: bold 0.875rem/1 var(--_font);
  }
  .sf-marker.highlighted,
  .sf-marker.selected {
    z-index: 100000 !important;
  }
  .highlighted .pin-body {
    fill: var(--_marker-highlight);
    stroke: var(--_text);
  }
  .selected .pin-body {
    fill: var(--_marker-selected);
  }
  .sf-point.highlighted svg,
  .sf-point.selected svg {
    transform: scale(1.25);
    transform-origin: 50% 100%;
  }
  .sf-cluster.highlighted {
    color: var(--_text);
    background: var(--_marker-highlight);
    box-shadow: 0 0 0 3px var(--_text);
  }
  .sf-cluster.selected {
    background: var(--_marker-selected);
    box-shadow: 0 0 0 2px var(--_marker-selected);
  }

  /* the person's point and radius */
  path.sf-radius {
    stroke: var(--_area);
    stroke-width: 2;
    stroke-dasharray: 6 4;
    fill: var(--_area);
    fill-opacity: 0.06;
  }
  path.sf-you {
    stroke: var(--_marker-outline);
    stroke-width: 3;
    fill: var(--_area);
    fill-opacity: 1;
  }

  /* the list of services at one address */
  .sf-address-list .heading {
    margin: 0 0 0.5rem;
    font-weight: bold;
  }
  .sf-address-list ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .sf-address-list li + li {
    margin-top: 0.25rem;
  }
  .sf-address-list button {
    font: inherit;
    color: var(--_link);
    background: none;
    border: 0;
    padding: 0.125rem 0;
    text-align: start;
    text-decoration: underline;
    cursor: pointer;
  }
  .sf-address-list button:focus-visible {
    outline: 3px solid transparent;
    color: var(--_focus-text);
    background: var(--_focus);
    box-shadow: 0 4px var(--_focus-text);
    text-decoration: none;
  }
  .leaflet-container a.leaflet-popup-close-button:focus-visible,
  .leaflet-bar a:focus-visible,
  .leaflet-control-attribution a:focus-visible {
    outline: 3px solid var(--_focus);
    color: var(--_focus-text);
    background: var(--_focus);
  }
  .leaflet-container .leaflet-control-attribution a {
    color: var(--_link);
  }
`;
