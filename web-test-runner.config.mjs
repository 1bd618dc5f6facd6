// Element and browser tests: real Chromium from Debian (/usr/bin/chromium), no downloaded browser.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { startFixtureServer } from './test/fixtures/server.ts';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './test/chromium.ts';
import { existsSync } from 'node:fs';

let fixtures;

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  middleware: [
    // A worker is started from `new URL('./x.js', import.meta.url)`, as the built files are named: the
    // sources are TypeScript, so such a request is served the .ts file (imports are resolved by the plugin).
    function typeScriptForJs(context, next) {
      const path = context.url.split('?')[0];
      if (path.startsWith('/src/') && path.endsWith('.js') && !existsSync(`.${path}`) && existsSync(`.${path.slice(0, -3)}.ts`))
        context.url = context.url.replace(/\.js(\?|$)/, '.ts$1');
      return next();
    },
  ],
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
