/**
 * Writing the index's files: each named by its content's hash, so a file is written once and never
 * changes (a host can cache it for ever), and a rebuild that gives the same content writes nothing.
 * Beside each JSON file, when asked, precompressed siblings for hosts that serve them as they are
 * (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`, Apache rewrites): compressed once here,
 * at a higher level than a server compressing on the fly can afford, and never again per request.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { INDEX_VERSION, indexFilePath } from '../../model/static-index.js';

export const COMPRESSIONS = ['gzip', 'br'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

const EXTENSION: Record<Compression, string> = { gzip: '.gz', br: '.br' };
const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
/**
 * Brotli 6: as fast as gzip 9 and about a third smaller on cells. Quality 11 is another 15% smaller but
 * a hundred times slower, hours for a national index on a small machine.
 */
const BROTLI_QUALITY = 6;
/** Files compressed at once: zlib works on libuv's thread pool (4 threads), so every core is used. */
const IN_FLIGHT = 6;

/** A cell's or unlocated file's JSON, from its records' JSON texts (in the order given). */
export const indexFileJson = (format: string, id: string, services: string[]): string =>
  `{"format":"${format}","version":${INDEX_VERSION},"id":${JSON.stringify(id)},"services":[${services.join(',')}]}`;

export type IndexKind = 'cells' | 'parts' | 'unlocated';
export const INDEX_KINDS: IndexKind[] = ['cells', 'parts', 'unlocated'];

export interface Written {
  path: string;
  sha256: string;
  bytes: number;
}

export class IndexFiles {
  readonly #dir: string;
  readonly #compress: Compression[];
  readonly #pending = new Set<Promise<void>>();
  /** Paths (relative to the index) written by this run, the manifest's included. */
  readonly written: string[] = [];

  constructor(dir: string, compress: Compression[]) {
    this.#dir = dir;
    this.#compress = compress;
  }

  async prepare(): Promise<void> {
    for (const kind of INDEX_KINDS) await mkdir(join(this.#dir, kind), { recursive: true });
  }

  /**
   * Files `json` as `kind/id.<hash>.json` (and its compressed siblings) unless that file is there
   * already. Resolves once the name is known; the writing finishes by `settle()`.
   */
  async put(kind: IndexKind, id: string, json: string): Promise<Written> {
    const body = Buffer.from(json);
    const sha256 = createHash('sha256').update(body).digest('hex');
    const path = indexFilePath(kind, id, sha256);
    const target = join(this.#dir, path);
    // A file of this name holds these bytes: only the last sibling is written last, so the
    // one checked is the one that shows every sibling was written.
    const last = this.#compress.length ? target + EXTENSION[this.#compress[this.#compress.length - 1]] : target;
    if (!existsSync(last)) {
      while (this.#pending.size >= IN_FLIGHT) await Promise.race(this.#pending);
      const job = this.#write(target, body).then(() => void this.written.push(path));
      this.#pending.add(job);
      void job.finally(() => this.#pending.delete(job));
    }
    return { path, sha256, bytes: body.length };
  }

  /** Writes `name` (the manifest) in place: through a temporary file, so a host never serves half of one. */
  async replace(name: string, json: string): Promise<void> {
    const body = Buffer.from(json);
    const target = join(this.#dir, name);
    await atomicWrite(target, body);
    for (const c of this.#compress) await atomicWrite(target + EXTENSION[c], await compress(c, body));
    this.written.push(name);
  }

  /** Waits for every write under way; the first failure is thrown. */
  async settle(): Promise<void> {
    await Promise.all(this.#pending);
  }

  /**
   * Deletes the files of the index that `keep` does not name, with their siblings: what an earlier
   * manifest listed and neither the current nor the previous one does. A page that read the previous
   * manifest a moment ago can still read what it lists.
   */
  async prune(keep: Set<string>): Promise<number> {
    let removed = 0;
    for (const kind of INDEX_KINDS) {
      for (const name of await readdir(join(this.#dir, kind))) {
        const json = name.replace(/\.json\.(gz|br)$/, '.json');
        if (keep.has(`${kind}/${json}`)) continue;
        await rm(join(this.#dir, kind, name), { force: true });
        if (name === json) removed++;
      }
    }
    return removed;
  }

  async #write(target: string, body: Buffer): Promise<void> {
    await atomicWrite(target, body);
    for (const c of this.#compress) await atomicWrite(target + EXTENSION[c], await compress(c, body));
  }
}

function compress(c: Compression, body: Buffer): Promise<Buffer> {
  return c === 'gzip'
    ? gzipAsync(body, { level: 9 })
    : brotliAsync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      });
}

async function atomicWrite(target: string, body: Buffer): Promise<void> {
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, body);
  await rename(temporary, target);
}
