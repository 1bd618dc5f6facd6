/**
 * A page's bytes → its JSON value. Large bodies are parsed in a worker where the page can start one (the
 * bundle served from the page's own website, as the WordPress plugin and a self-hosted copy are): parsing a
 * few megabytes holds a browser for a frame or more, and a hostile directory can send twenty. Elsewhere (a
 * bundle on another website, a Content Security Policy that does not allow it, Node) the page parses them
 * itself, as it does small ones.
 */
import { SourceError } from '../model/index.js';
import { yieldToMain } from '../model/tasks.js';
import { jsonText } from './json-text.js';

/**
 * Bodies at least this large go to the worker. A smaller one is parsed on the page sooner than a worker can
 * start and hand its value back (a 1 MB page of 400 records showed its first names later through one).
 */
export const WORKER_BYTES = 2_000_000;
/**
 * Bodies no first result waits for (a list's pages after its first) go to the worker from this size, off the
 * page while the first names are read and typed against: Bristol's 1.3 MB first page took 17–26 ms to decode
 * and 3–30 ms to parse on a 2-core machine; the page's part of a worker's answer is taking its value (that
 * page's value cloned both ways on the page in 15–26 ms).
 */
export const LATER_WORKER_BYTES = 500_000;
/**
 * Bodies parsed on the page at least this large are decoded and parsed each after a turn for the browser
 * (a frame when one is due; `scheduler.yield()`, so tasks queued meanwhile do not go first): a hostile
 * directory's body of just under WORKER_BYTES took over 100 ms to decode and parse in a CPU profile on a
 * 2-core machine, which in the task that received it held a frame for over 200 ms.
 */
const TURN_BYTES = 500_000;

/**
 * The JSON value of a page's bytes; SourceError 'not-json' or 'invalid-json' with plain words when it is not
 * JSON. Bodies of `workerBytes` or more are parsed in the worker where one can run.
 */
export async function jsonOf(bytes: Uint8Array, url: string, workerBytes = WORKER_BYTES): Promise<unknown> {
  if (bytes.byteLength >= workerBytes && typeof Worker !== 'undefined') {
    const parsed = await (await import('./json-worker-client.js')).parsedInWorker(bytes);
    if (parsed) return parsed.value;
  }
  if (bytes.byteLength < TURN_BYTES) return parseJson(jsonText(bytes), url);
  await yieldToMain();
  const text = jsonText(bytes);
  await yieldToMain();
  return parseJson(text, url);
}

/** JSON text → value; SourceError with plain words when it is not JSON. */
function parseJson(body: string, url: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    const html = /^\s*</.test(body);
    throw new SourceError(
      html ? 'not-json' : 'invalid-json',
      html
        ? 'The directory answered with a web page instead of data. Check the address points at the API, not the website.'
        : body.trim()
          ? 'The directory answered with data that is cut off or damaged, so it is not valid JSON.'
          : 'The directory answered with an empty response.',
      url,
      undefined,
      { cause: error },
    );
  }
}
