// Element and browser tests: real Chromium from Debian (/usr/bin/chromium), no downloaded browser.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { startFixtureServer } from './test/fixtures/server.ts';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './test/chromium.ts';

let fixtures;

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_FLAGS,
        env: { ...process.env, TZ: 'Europe/London' },
      },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'auto', tsconfig: './tsconfig.json' }),
    {
      // Tell the tests where the fixture directories are served (a real HTTP server on another port).
      name: 'fixture-server',
      async serverStart() {
        fixtures = await startFixtureServer();
      },
      async serverStop() {
        await fixtures?.close();
      },
      serve(context) {
        if (context.path === '/__fixtures.js') {
          return { body: `export const FIXTURES = ${JSON.stringify(fixtures.url)};`, type: 'js' };
        }
      },
    },
  ],
};
