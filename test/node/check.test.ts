// The directory check lives in the data layer (src/sources/check.ts), where the CLI's `check` and the
// configurator page in the browser both call it: one implementation, the same report.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { checkReport, clearCache, type CheckReport } from '../../src/data.js';
import { main } from '../../src/cli/service-finder.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.js';

let server: FixtureServer;
before(async () => (server = await startFixtureServer()));
after(() => server.close());

async function cliReport(url: string, ...flags: string[]): Promise<CheckReport> {
  const out: string[] = [];
  await main(['check', url, '--json', ...flags], (s) => out.push(s));
  return JSON.parse(out.join('\n')) as CheckReport;
}

/** Everything but the time it took, as JSON has it (the CLI prints JSON, which leaves out what is undefined). */
const sameReport = ({ seconds: _s, ...rest }: CheckReport) => JSON.parse(JSON.stringify(rest)) as unknown;

describe('the shared directory check', () => {
  for (const path of ['dialects/oruk-v3', 'dialects/outpost', 'directories/cwtch-map', 'broken/hostile', 'broken/html200', 'broken/500']) {
    it(`gives the data layer and the CLI the same report for /${path}`, async () => {
      const url = `${server.url}/${path}`;
      clearCache();
      const direct = await checkReport(url, { timeoutMs: 5000 });
      clearCache();
      const cli = await cliReport(url, '--timeout', '5');
      assert.deepEqual(sameReport(direct), sameReport(cli));
      assert.ok(direct.problems.length > 0 || direct.records > 0, 'the report says something');
    });
  }

  it('stops when its signal is aborted, saying so (the configurator stops a check whose address was edited)', async () => {
    const controller = new AbortController();
    const checking = checkReport(`${server.url}/broken/slow?delay=5000`, { signal: controller.signal });
    controller.abort();
    const report = await checking;
    assert.equal(report.readable, false);
    assert.deepEqual(report.problems, ['Reading was stopped.']);
  });

  it('imports nothing of Node and touches no DOM, so it runs in a browser as it runs in the CLI', async () => {
    const source = await readFile(new URL('../../src/sources/check.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    assert.deepEqual(
      imports.filter((i) => !i.startsWith('../model/') && !i.startsWith('./')),
      [],
      'only the model and the sources',
    );
    assert.doesNotMatch(source, /\b(document|window|process|Buffer)\b/);
  });
});
