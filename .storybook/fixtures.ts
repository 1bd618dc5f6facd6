/**
 * The fixture server for Storybook: the stories read the demo directories,
 * the broken ones, the geocoder and the place list from it.
 *
 * - `storybook dev` (`npm run storybook`) starts it from main.ts on port 8787
 *   unless one already answers there (`npm start` runs one on the same port).
 * - A static build (`npm run build-storybook`) needs it running separately:
 *   `npm run storybook:fixtures`, then serve build/storybook.
 * - Elsewhere: build with `STORYBOOK_FIXTURES=<url>` to point the stories at
 *   another copy.
 */
import { pathToFileURL } from 'node:url';
import { startFixtureServer } from '../test/fixtures/server.js';

export const FIXTURE_PORT = Number(process.env.FIXTURE_PORT ?? 8787);

/** True when a fixture server already answers on `port`. */
async function answering(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/places.json`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Starts the fixture server on `port`, or reuses the one already there. Returns its URL. */
export async function ensureFixtureServer(port = FIXTURE_PORT): Promise<{ url: string; started: boolean }> {
  if (await answering(port)) return { url: `http://127.0.0.1:${port}`, started: false };
  const server = await startFixtureServer({ port });
  return { url: server.url, started: true };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url, started } = await ensureFixtureServer();
  console.log(started ? `Fixture server for Storybook: ${url}` : `A fixture server already answers at ${url}`);
  if (!started) process.exit(0);
}
