/**
 * Giving the page a turn during long work, so input and paint come between its pieces: the layer that reads
 * directories and the store both use these.
 */

/** A new task, queued behind timers already due. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Lets the browser handle input and paint before the next piece of work:
 * `scheduler.yield()` where there is one (the continuation keeps its place
 * ahead of other tasks), else a new task. In Node, a timer turn.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return nextTask();
}
