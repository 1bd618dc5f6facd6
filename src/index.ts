/**
 * `import 'service-finder-elements'`: registers every element, as importing a Lit element package does, and
 * exports what `service-finder-elements/classes` exports. Safe to load more than once (two copies of the
 * package, or the package beside the CDN bundle): an element already defined is left alone.
 */
import { defineAll } from './registry.js';

export * from './classes.js';

defineAll();
