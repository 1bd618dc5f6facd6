/**
 * A throwaway, real WordPress for the plugin test: Debian's `wordpress`
 * package copied to a temporary folder, its own MariaDB (no systemd: started
 * here on a private socket, no TCP), served by `php -S`. Everything it starts
 * is stopped by `stop()`, and on process exit as a last resort.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { test } from 'node:test';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WP_SOURCE = '/usr/share/wordpress';

/**
 * Builds the plugin's zip as an administrator would get it (`npm run wordpress:zip`: the bundle built, then
 * zipped with the plugin) and returns its path.
 */
export function buildPluginZip(): string {
  const zip = `${ROOT}build/service-finder-wordpress.zip`;
  const built = spawnSync('npm', ['run', '--silent', 'wordpress:zip'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (built.status !== 0 || !existsSync(zip)) throw new Error(`npm run wordpress:zip failed:\n${built.stdout}\n${built.stderr}`);
  return zip;
}

export interface WordPressSite {
  origin: string;
  www: string;
  dir: string;
  admin: { user: string; password: string };
  /** Runs test/wordpress/wp-run.php actions in the site; returns their results. */
  run<T = unknown[]>(actions: object[]): T;
  /** The PHP debug log so far. */
  debugLog(): string;
  /** Lines of the PHP debug log (errors, warnings, notices) that name the plugin's files. */
  pluginLog(): string[];
  /** A GET whose path is sent exactly as written (fetch() would resolve %2e%2e and the like before sending). */
  rawGet(path: string): Promise<{ status: number; type: string; body: string }>;
  stop(): Promise<void>;
}

/** Installing the packages takes about a minute; waiting for another apt to let go of the lock takes up to ten more. */
const ENV_TIMEOUT_MS = 15 * 60_000;

/**
 * Why WordPress cannot run here, or undefined when it can. Installs the
 * Debian packages when they are missing (scripts/wordpress-env.sh; root only;
 * it waits while another apt holds the package lock).
 */
export function wordpressUnavailable(): string | undefined {
  // SERVICE_FINDER_WORDPRESS_ENV: another installer script, so ci-without-wordpress.test.ts can check what an install that fails does.
  const script = process.env.SERVICE_FINDER_WORDPRESS_ENV || join(ROOT, 'scripts/wordpress-env.sh');
  const env = spawnSync('sh', [script], { encoding: 'utf8', timeout: ENV_TIMEOUT_MS });
  if (env.status !== 0) {
    return `WordPress test environment could not be installed (${basename(script)} exited ${env.status ?? env.signal}): ${(env.stderr || env.stdout || String(env.error ?? '')).trim().slice(-600)}`;
  }
  for (const need of ['/usr/share/wordpress/wp-load.php'])
    if (!existsSync(need)) return `${need} is missing after scripts/wordpress-env.sh`;
  for (const bin of ['php', 'mariadbd', 'mariadb-install-db', 'mariadb']) {
    if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0) return `${bin} is not on PATH after scripts/wordpress-env.sh`;
  }
  return undefined;
}

/** Whether this is a CI run: `CI` set to anything but 0 or false, as CI services and .ci/run set it. */
export const inCI = (): boolean => /^(?!0$|false$)./i.test(process.env.CI ?? '');

/**
 * The `skip` for a WordPress test file: false when WordPress can run here. When it cannot, the reason,
 * printed; and under CI a failing test besides, so that CI never passes without the WordPress tests.
 */
export function wordpressSkip(): string | false {
  const unavailable = wordpressUnavailable();
  if (!unavailable) return false;
  if (inCI()) {
    test('the WordPress test environment is installed (required under CI)', () => {
      throw new Error(unavailable);
    });
  } else {
    console.log(`# WordPress test skipped: ${unavailable}`);
  }
  return unavailable;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms: number, proc?: ChildProcess, log?: () => string) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc && proc.exitCode !== null) throw new Error(`${what}: process exited with ${proc.exitCode}\n${log?.() ?? ''}`);
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    await sleep(100);
  }
  throw new Error(`${what}: not ready after ${ms} ms\n${log?.() ?? ''}`);
}

const started = new Set<ChildProcess>();

/** Kills a detached child's whole process group (php -S workers too). */
function killGroup(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    try {
      proc.kill(signal);
    } catch {
      // already gone
    }
  }
}

async function stopProcess(proc: ChildProcess, ms = 5000) {
  if (proc.exitCode !== null || proc.signalCode !== null) return started.delete(proc);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  killGroup(proc, 'SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(ms).then(() => false)]);
  if (!done) {
    killGroup(proc, 'SIGKILL');
    await Promise.race([exited, sleep(1000)]);
  }
  started.delete(proc);
}

process.on('exit', () => {
  for (const proc of started) killGroup(proc, 'SIGKILL');
});

function startDetached(cmd: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const out: string[] = [];
  const proc = spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => {
    out.push(chunk.toString());
    if (out.length > 400) out.shift();
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  proc.on('exit', () => writeFileSync(logFile, out.join('')));
  (proc as ChildProcess & { output: () => string }).output = () => out.join('');
  started.add(proc);
  return proc;
}

const outputOf = (proc: ChildProcess) => () => (proc as ChildProcess & { output?: () => string }).output?.() ?? '';

export interface WordPressOptions {
  /**
   * A network of sites (multisite, subdirectories): the site is installed, then made a network as
   * Tools → Network Setup does, and wp-config.php gets the constants that page tells you to add.
   */
  multisite?: boolean;
  /** The plugin folder copied into wp-content/plugins (and activated), for tests that need no bundle. */
  pluginFolder?: string;
}

export async function startWordPress(options: WordPressOptions = {}): Promise<WordPressSite> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-wp-'));
  const data = join(dir, 'db');
  const sock = join(dir, 'mysqld.sock');
  const www = join(dir, 'www');
  const procs: ChildProcess[] = [];
  const stop = async () => {
    for (const proc of procs.reverse()) await stopProcess(proc);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // 1. Database.
    const install = spawnSync(
      'mariadb-install-db',
      ['--no-defaults', '--user=root', `--datadir=${data}`, '--auth-root-authentication-method=socket', '--skip-test-db'],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr || install.stdout}`);
    const db = startDetached(
      'mariadbd',
      [
        '--no-defaults',
        '--user=root',
        `--datadir=${data}`,
        `--socket=${sock}`,
        '--skip-networking',
        `--pid-file=${join(dir, 'mysqld.pid')}`,
        `--tmpdir=${dir}`,
        '--innodb-buffer-pool-size=64M',
      ],
      process.env,
      join(dir, 'mariadb.log'),
    );
    procs.push(db);
    const sql = (statement: string) =>
      spawnSync('mariadb', ['--no-defaults', `--socket=${sock}`, '-uroot', '-e', statement], { encoding: 'utf8', timeout: 10_000 });
    await waitFor('MariaDB', () => sql('SELECT 1').status === 0, 30_000, db, outputOf(db));
    const created = sql(
      "CREATE DATABASE wp CHARACTER SET utf8mb4; CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp'; CREATE USER 'wp'@'127.0.0.1' IDENTIFIED BY 'wp'; GRANT ALL ON wp.* TO 'wp'@'localhost'; GRANT ALL ON wp.* TO 'wp'@'127.0.0.1';",
    );
    if (created.status !== 0) throw new Error(`creating the database failed: ${created.stderr}`);

    // 2. WordPress files and a plain wp-config.php (not Debian's, which reads /etc/wordpress).
    cpSync(WP_SOURCE, www, { recursive: true, dereference: false, filter: (src) => !src.endsWith('/.htaccess') });
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    const salts = [
      'AUTH_KEY',
      'SECURE_AUTH_KEY',
      'LOGGED_IN_KEY',
      'NONCE_KEY',
      'AUTH_SALT',
      'SECURE_AUTH_SALT',
      'LOGGED_IN_SALT',
      'NONCE_SALT',
    ]
      .map((k, i) => `define(${q(k)}, ${q(`test-${k}-${i}-${port}`)});`)
      .join('\n');
    const config = (multisite: boolean) => `<?php
define('DB_NAME', 'wp');
define('DB_USER', 'wp');
define('DB_PASSWORD', 'wp');
define('DB_HOST', ${q(`localhost:${sock}`)});
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${salts}
$table_prefix = 'wp_';
${
  multisite
    ? `define('WP_ALLOW_MULTISITE', true);
define('MULTISITE', true);
define('SUBDOMAIN_INSTALL', false);
define('DOMAIN_CURRENT_SITE', ${q(new URL(origin).host)});
define('PATH_CURRENT_SITE', '/');
define('SITE_ID_CURRENT_SITE', 1);
define('BLOG_ID_CURRENT_SITE', 1);`
    : `define('WP_HOME', ${q(origin)});
define('WP_SITEURL', ${q(origin)});`
}
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('FS_METHOD', 'direct');
define('WP_DEBUG', true);
define('WP_DEBUG_LOG', ${q(join(dir, 'debug.log'))});
define('WP_DEBUG_DISPLAY', false);
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`;
    writeFileSync(join(www, 'wp-config.php'), config(false));

    // 3. Web server: several workers, because WordPress calls itself while installing.
    const php = startDetached(
      'php',
      ['-S', `127.0.0.1:${port}`, '-t', www],
      { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
      join(dir, 'php.log'),
    );
    procs.push(php);
    await waitFor('php -S', async () => (await fetch(`${origin}/readme.html`)).ok, 15_000, php, outputOf(php));

    // 4. Install, as the browser installer would.
    const admin = { user: 'admin', password: 'admin-password-for-tests' };
    const body = new URLSearchParams({
      weblog_title: 'Service finder test',
      user_name: admin.user,
      admin_password: admin.password,
      admin_password2: admin.password,
      pw_weak: '1',
      admin_email: 'admin@example.invalid',
      blog_public: '0',
    });
    const res = await fetch(`${origin}/wp-admin/install.php?step=2`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const html = await res.text();
    if (!html.includes('<h1>Success!</h1>'))
      throw new Error(
        `WordPress install did not succeed (HTTP ${res.status}): ${html
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 800)}`,
      );

    const run = <T>(actions: object[]): T => {
      const r = spawnSync('php', [fileURLToPath(new URL('./wp-run.php', import.meta.url)), www], {
        input: JSON.stringify(actions),
        encoding: 'utf8',
        env: { ...process.env, WP_TEST_ORIGIN: origin },
        timeout: 60_000,
      });
      if (r.status !== 0) throw new Error(`wp-run.php failed (${r.status}): ${r.stderr}\n${r.stdout}`);
      try {
        return JSON.parse(r.stdout) as T;
      } catch {
        throw new Error(`wp-run.php printed no JSON: ${r.stdout.slice(0, 2000)}\n${r.stderr}`);
      }
    };
    if (options.multisite) {
      const [network] = run<[true | { error: string }]>([{ do: 'make-network' }]);
      if (network !== true) throw new Error(`making the site a network failed: ${JSON.stringify(network)}`);
      writeFileSync(join(www, 'wp-config.php'), config(true));
    }
    if (options.pluginFolder) {
      const name = basename(options.pluginFolder);
      cpSync(options.pluginFolder, join(www, 'wp-content/plugins', name), { recursive: true });
      const [active] = run<[boolean | string]>([{ do: 'activate', file: `${name}/${name}.php`, network: options.multisite ?? false }]);
      if (active !== true) throw new Error(`activating ${name} failed: ${String(active)}`);
    }
    const debugLog = () => (existsSync(join(dir, 'debug.log')) ? readFileSync(join(dir, 'debug.log'), 'utf8') : '');
    const pluginLog = () =>
      debugLog()
        .split('\n')
        .filter((l) => l.includes('/plugins/service-finder/'));
    const rawGet = (path: string) =>
      new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
        });
        req.on('error', reject);
        req.end();
      });
    return { origin, www, dir, admin, run: run as WordPressSite['run'], debugLog, pluginLog, rawGet, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
