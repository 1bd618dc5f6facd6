/** Helpers shared by the Node-side tests (node, e2e, wordpress). Node only: browser tests use test/browser/helpers.ts. */
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import type { DirectoryPage } from '../src/sources/index.js';
import { main } from '../src/cli/service-finder.js';

/** Serves `handler` over HTTP on 127.0.0.1 (a free port) until `close()`; `url` is its origin. */
export async function serve(handler: RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A TCP port on 127.0.0.1 that was free a moment ago, for a child process to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Reads a source's pages to the end, or to the error it stops at: the pages, their services and problems, and that error. */
export async function readPages(source: AsyncIterable<DirectoryPage>) {
  const pages: DirectoryPage[] = [];
  let error: unknown;
  try {
    for await (const page of source) pages.push(page);
  } catch (e) {
    error = e;
  }
  return { pages, services: pages.flatMap((p) => p.services), problems: pages.flatMap((p) => p.problems), error };
}

/** Runs the CLI in-process with `args`, capturing what it prints: its exit status, and its output and errors as text. */
export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
