/**
 * `service-finder-elements/define`, and the CDN bundle's entry: registers every element. Safe to load more
 * than once: an element already defined is left alone.
 */
import { defineAll } from './registry.js';

export { ELEMENTS, define, defineAll } from './registry.js';

defineAll();
