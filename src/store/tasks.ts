/**
 * Giving the page a turn during long work: the store blends, indexes and filters in slices so that
 * input and paint are never held up for more than a frame.
 */
import { nextTask } from '../model/tasks.js';

export { nextTask };

/** Longest run of index building before the page gets a turn (input, paint). */
export const SLICE_MS = 8;

/**
 * Lets the browser handle input and paint before the next slice of work:
 * `scheduler.yield()` where there is one (the continuation keeps its place
 * ahead of other tasks), else a new task. In Node, a timer turn.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return nextTask();
}
