/**
 * Giving the page a turn during long work: the store blends, indexes and filters in slices so that
 * input and paint are never held up for more than a frame.
 */
export { afterPaint, nextTask, soon, whenIdle, yieldToMain } from '../model/tasks.js';

/** Longest run of index building before the page gets a turn (input, paint). */
export const SLICE_MS = 8;
