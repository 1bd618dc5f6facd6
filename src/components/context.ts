import { createContext } from '@lit/context';
import type { FinderStore } from '../store/finder-store.js';

/** The FinderStore a `<service-finder>` provides to the elements inside it. */
export const finderContext = createContext<FinderStore | undefined>(Symbol.for('service-finder-store'));
