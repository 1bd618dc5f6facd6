/**
 * The worker behind `json-worker-client.ts`: turns a page's bytes into its JSON value off the page's thread,
 * every string cut to the longest any field is read (a directory's 200 KB fields cost the page no more than
 * the reader keeps). Answers `{ id, value }`, or `{ id, failed: true }` when the bytes are not JSON or the
 * value cannot be sent back: the page then parses them itself, for the message that says why.
 */
import { cutStrings } from '../model/limits.js';
import { jsonText } from './json-text.js';

addEventListener('message', (event: MessageEvent<{ id: number; bytes: Uint8Array }>) => {
  const { id, bytes } = event.data;
  try {
    const value: unknown = JSON.parse(jsonText(bytes));
    postMessage({ id, value: cutStrings(value) });
  } catch {
    postMessage({ id, failed: true });
  }
});
