/**
 * Giving the page a turn during long work, so input and paint come between its pieces: the layer that reads
 * directories and the store both use these.
 */

/**
 * A new task, queued behind timers already due. In a browser a zero-delay timer: set from a timer's task five
 * deep it waits at least 4 ms, a pause in which the browser paints and collects garbage (through a message
 * channel, without the pause, the heavy bench's page reading 10,000 records held 8 tasks over 50 ms, not 4).
 * In Node, `setImmediate`: a timer there waits at least 1 ms, with nothing to paint meanwhile.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/** The longest wait for a frame: a hidden page draws none. */
const PAINT_WAIT_MS = 100;

/**
 * A new task after the browser has drawn its next frame, or after PAINT_WAIT_MS when it draws none (a
 * page in the background); a new task where there are no frames (Node).
 */
export function afterPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return nextTask();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, PAINT_WAIT_MS);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

/**
 * Runs `work` when the browser is idle, or after `timeoutMs` at the latest (a timer where there is no idle
 * callback; in Node one that does not keep the process running: the CLI exits when its work is done).
 */
export function whenIdle(work: () => void, timeoutMs: number): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
  if (idle) idle(work, { timeout: timeoutMs });
  else (setTimeout(work, timeoutMs) as { unref?: () => void }).unref?.();
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

/**
 * Runs `work` in a task of its own after `delayMs`, or with no delay ahead of other queued tasks
 * (`scheduler.postTask` at 'user-blocking' where there is one, else a zero timer). Returns what cancels it.
 */
export function soon(work: () => void, delayMs = 0): () => void {
  const scheduler = (globalThis as { scheduler?: { postTask?: (f: () => void, o: { priority: string }) => Promise<void> } }).scheduler;
  if (delayMs <= 0 && scheduler?.postTask) {
    let cancelled = false;
    void scheduler.postTask(() => cancelled || work(), { priority: 'user-blocking' });
    return () => (cancelled = true);
  }
  const timer = setTimeout(work, delayMs);
  return () => clearTimeout(timer);
}
