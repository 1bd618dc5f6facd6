/**
 * `service-finder needs`: the needs vocabulary, listed (`id`, `label`, `labelCy`), written out whole as a
 * starting point for a council's own file (`--full`), or counted against directories: how many services
 * each need finds in each.
 */
import { readFile } from 'node:fs/promises';
import { readDirectory, type ReadOptions } from '../sources/index.js';
import { VOCABULARY_FORMAT, VOCABULARY_LIMITS, needMatches, type CompiledNeeds, type NeedsVocabulary } from '../engine/needs/index.js';
import { NeedsLoader } from '../store/needs.js';

/** The `vocabulary` a command was given: a URL is read by the finder's loader, a file here (size capped). */
export async function vocabularyOption(value: string | undefined): Promise<string | object | undefined> {
  if (value === undefined || /^https?:\/\//i.test(value)) return value;
  const text = await readFile(value, 'utf8');
  if (text.length > VOCABULARY_LIMITS.bytes) throw new Error(`${value} is over ${VOCABULARY_LIMITS.bytes} bytes`);
  return JSON.parse(text.replace(/^\uFEFF/, '')) as object;
}

/** The vocabulary the finder would use with these options, and what was wrong with the page's part of it. */
export async function loadVocabulary(vocabulary: string | object | undefined, timeoutMs?: number) {
  const loader = new NeedsLoader({ vocabulary, timeoutMs });
  const compiled = await loader.load();
  if (!compiled) throw new Error(loader.error);
  return { compiled, error: loader.error, problems: loader.problems };
}

/** The whole vocabulary in the file format docs/needs.md describes. */
export function vocabularyFile(c: CompiledNeeds): object {
  const v: NeedsVocabulary = c.vocabulary;
  return {
    format: VOCABULARY_FORMAT,
    version: 1,
    replace: true,
    groups: v.groups,
    needs: c.needs,
    synonyms: c.synonyms,
  };
}

export interface NeedCount {
  id: string;
  label: string;
  labelCy?: string;
  /** Services each directory has that meet the need, by directory id. */
  counts: Record<string, number>;
}

export interface DirectoryCount {
  id: string;
  url: string;
  /** Services read. */
  services: number;
  error?: string;
}

/** Reads each directory whole and counts, per need, the services that meet it. */
export async function countNeeds(
  c: CompiledNeeds,
  urls: string[],
  options: ReadOptions,
  err: (s: string) => void,
): Promise<{ directories: DirectoryCount[]; needs: NeedCount[] }> {
  const needs: NeedCount[] = c.needs.map((n) => ({ id: n.id, label: n.label, ...(n.labelCy ? { labelCy: n.labelCy } : {}), counts: {} }));
  const directories: DirectoryCount[] = [];
  for (const url of urls) {
    const dir: DirectoryCount = { id: url, url, services: 0 };
    directories.push(dir);
    const counts = new Map<string, number>();
    try {
      for await (const page of readDirectory(url, options)) {
        dir.id = page.directory.id;
        dir.services += page.services.length;
        for (const s of page.services) for (const id of needMatches(c, s).keys()) counts.set(id, (counts.get(id) ?? 0) + 1);
        err(`${dir.id}: page ${page.page}${page.totalPages ? ` of ${page.totalPages}` : ''}, ${dir.services} services`);
      }
    } catch (e) {
      dir.error = e instanceof Error ? e.message : String(e);
      err(`${dir.id}: ${dir.error}`);
    }
    for (const n of needs) n.counts[dir.id] = counts.get(n.id) ?? 0;
  }
  return { directories, needs };
}

/** Plain-text table: one need a line, a column per directory when counted. */
export function formatNeeds(needs: NeedCount[], directories: Array<{ id: string; services: number }> = []): string {
  const width = Math.max(...needs.map((n) => n.id.length), 2);
  const labels = Math.max(...needs.map((n) => n.label.length), 5);
  const head = ['id'.padEnd(width), ...directories.map((d) => d.id), 'label'.padEnd(labels), 'labelCy'].join('  ');
  const lines = needs.map((n) =>
    [
      n.id.padEnd(width),
      ...directories.map((d) => String(n.counts[d.id] ?? 0).padStart(d.id.length)),
      n.label.padEnd(labels),
      n.labelCy ?? '',
    ].join('  '),
  );
  const totals = directories.length
    ? ['', `${'of'.padEnd(width)}  ${directories.map((d) => String(d.services).padStart(d.id.length)).join('  ')}  services read`]
    : [];
  return [head, ...lines, ...totals].join('\n');
}
