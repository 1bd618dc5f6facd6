/**
 * `npm start`: the project's own demo directory (fixture server) and the demo pages,
 * on localhost only. No network beyond localhost is needed.
 */
import { createServer } from 'vite';
import { startFixtureServer } from '../test/fixtures/server.js';

const fixturePort = Number(process.env.FIXTURE_PORT ?? 8787);
const fixtures = await startFixtureServer({ port: fixturePort });
process.env.FIXTURES_URL = fixtures.url;
const vite = await createServer({ configFile: new URL('../vite.config.ts', import.meta.url).pathname });
await vite.listen();
const demo = vite.resolvedUrls?.local[0] ?? 'http://127.0.0.1:8080/';
console.log(`Demo directories: ${fixtures.url}`);
console.log(`Demo finder:      ${demo}`);
console.log('Press Ctrl+C to stop.');

async function stop() {
  await Promise.all([vite.close(), fixtures.close()]);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
