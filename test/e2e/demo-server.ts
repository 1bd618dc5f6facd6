/**
 * `npm start` in a child process on free ports, for the tests and scripts that drive the demo's pages: resolves
 * with the demo's address once it says it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../helpers.js';

export interface DemoServer {
  url: string;
  stop(): void;
}

export async function startDemo(): Promise<DemoServer> {
  const [fixturePort, demoPort] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'demo/serve.ts'], {
    cwd: new URL('../../', import.meta.url).pathname,
    env: { ...process.env, FIXTURE_PORT: String(fixturePort), DEMO_PORT: String(demoPort) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/Demo finder: +(\S+)/);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code}: ${out}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}
