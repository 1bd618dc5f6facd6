/**
 * The page's side of `json-worker.ts`, loaded with the first large body: one worker for the page, started
 * then. A worker that cannot start or load (a bundle on another website than the page, a Content Security
 * Policy that does not allow the bundle's origin for workers) answers nothing, and the page parses itself.
 */

type Answer = { id: number; value: unknown } | { id: number; failed: true };

/** The worker, once started; null where none can run. */
let worker: Worker | null | undefined;
let lastId = 0;
const waiting = new Map<number, (answer: Answer | undefined) => void>();

function jsonWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    const w = new Worker(new URL('./json-worker.js', import.meta.url), { type: 'module', name: 'service-finder-json' });
    w.addEventListener('message', (event: MessageEvent<Answer>) => {
      waiting.get(event.data.id)?.(event.data);
      waiting.delete(event.data.id);
    });
    // A worker that cannot load, or an answer that cannot be read: the bodies waiting are parsed on the page.
    const giveUp = () => {
      for (const done of waiting.values()) done(undefined);
      waiting.clear();
    };
    w.addEventListener('error', () => {
      worker = null;
      w.terminate();
      giveUp();
    });
    w.addEventListener('messageerror', giveUp);
    return (worker = w);
  } catch {
    return (worker = null);
  }
}

/** The value of a JSON body as the worker parsed it (its strings cut to the longest read), or undefined: parse it here. */
export async function parsedInWorker(bytes: Uint8Array): Promise<{ value: unknown } | undefined> {
  const w = jsonWorker();
  if (!w) return undefined;
  const id = ++lastId;
  const answer = await new Promise<Answer | undefined>((resolve) => {
    waiting.set(id, resolve);
    // The bytes stay in the page cache: a copy is transferred, which costs the page half what sending them
    // (cloning them into a message) does.
    const copy = bytes.slice();
    w.postMessage({ id, bytes: copy }, [copy.buffer]);
  });
  return answer && 'value' in answer ? { value: answer.value } : undefined;
}
