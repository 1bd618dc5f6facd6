// A WordPress test file where WordPress cannot be installed: under CI it fails, so CI never passes
// without the WordPress tests; elsewhere it skips and says why. The installer is replaced by one
// that fails (SERVICE_FINDER_WORDPRESS_ENV, read by wordpress-site.ts); the test file runs as it is.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The smallest WordPress test file: it starts nothing before its skip is decided. */
const TEST_FILE = 'test/wordpress/multisite.test.ts';
const REASON = 'no package lists on this machine';

describe('a WordPress test where WordPress cannot be installed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-no-wp-'));
  const failing = join(dir, 'failing-env.sh');
  writeFileSync(failing, `echo '${REASON}' >&2\nexit 100\n`);
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = (ci: string | undefined) => {
    const env: NodeJS.ProcessEnv = { ...process.env, SERVICE_FINDER_WORDPRESS_ENV: failing };
    delete env.CI;
    // Set by node --test in the files it runs; a child that inherits it would not run its own tests.
    delete env.NODE_TEST_CONTEXT;
    if (ci !== undefined) env.CI = ci;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', TEST_FILE], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
  };

  for (const ci of ['true', '1']) {
    it(`fails under CI=${ci}, naming the reason`, () => {
      const { status, output } = run(ci);
      assert.notEqual(status, 0, output);
      assert.match(output, /not ok \d+ - the WordPress test environment is installed \(required under CI\)/, output);
      assert.match(output, new RegExp(`failing-env\\.sh exited 100\\): ${REASON}`), output);
    });
  }

  for (const ci of [undefined, 'false', '0']) {
    it(`skips and says why with CI ${ci === undefined ? 'unset' : `set to ${ci}`}`, () => {
      const { status, output } = run(ci);
      assert.equal(status, 0, output);
      assert.match(output, new RegExp(`# WordPress test skipped: .*failing-env\\.sh exited 100\\): ${REASON}`), output);
      assert.match(output, /# SKIP/, output);
      assert.doesNotMatch(output, /^not ok/m, output);
    });
  }
});
