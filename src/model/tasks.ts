/**
 * A new task, queued behind timers already due: the layer that reads directories and the store both hand the
 * page a turn with it, so input and paint come between pieces of long work.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
