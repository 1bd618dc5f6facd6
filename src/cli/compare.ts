/**
 * `service-finder compare URL1 URL2 … [--json] [--html FILE] [--csv DIR] [--as-of YYYY-MM-DD]`: reads the
 * directories, compares them (src/engine/compare.ts) and prints the comparison for a person, or as JSON; the
 * HTML report and the CSV tables are written by compare-html.ts and compare-csv.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SourceError, type DirectoryRef, type Service } from '../model/index.js';
import { directoryRef, readDirectory, type ReadOptions } from '../sources/index.js';
import { recordUrl } from '../sources/record-url.js';
import { PROBLEMS_LISTED, skippedRecords } from '../sources/check.js';
import { compareDirectories, PROBLEM_WORDS, type Comparison, type DirectoryRecords, type RecordRef } from '../engine/compare.js';
import { comparisonHtml } from './compare-html.js';
import { comparisonCsv } from './compare-csv.js';
import { printable } from './terminal.js';
import { UsageError } from './usage.js';

export interface CompareFlags extends Pick<ReadOptions, 'maxPages' | 'timeoutMs'> {
  json?: boolean;
  html?: string;
  csv?: string;
  'as-of'?: string;
}

/** Dialects whose records have a page of their own at `/services/{id}` (see `recordUrl`). */
const LINKED_DIALECTS = new Set(['oruk-v1', 'oruk-v3', 'outpost']);

/** Each directory's id, as `directoryRef` derives it, made unique (`-2`, `-3`…) where two addresses give one. */
function directories(urls: string[]): DirectoryRef[] {
  const taken = new Set<string>();
  return urls.map((url) => {
    const base = directoryRef(url);
    let id = base.id;
    for (let n = 2; taken.has(id); n++) id = `${base.id}-${n}`;
    taken.add(id);
    return directoryRef(url, undefined, id);
  });
}

interface Read extends DirectoryRecords {
  /** The dialect the directory was read in. */
  dialect?: string;
}

/** Reads a whole directory; a failure is kept with what was read before it, never thrown. */
async function read(directory: DirectoryRef, options: ReadOptions, err: (s: string) => void): Promise<Read> {
  const services: Service[] = [];
  const result: Read = { directory, services, skipped: 0 };
  try {
    for await (const page of readDirectory(directory.url, { ...options, id: directory.id, name: directory.name })) {
      result.directory = page.directory;
      result.dialect = page.dialect;
      for (const s of page.services) services.push(s);
      result.skipped! += skippedRecords(page.problems);
      err(printable(`${directory.id}: page ${page.page}${page.totalPages ? ` of ${page.totalPages}` : ''}, ${services.length} records`));
    }
  } catch (e) {
    const message = e instanceof SourceError ? e.message : String(e);
    result.error = services.length ? `Reading stopped early: ${message}` : message;
    err(printable(`${directory.id}: ${result.error}`));
  }
  return result;
}

/** The day freshness is measured from: `--as-of` at noon, or now. */
function asOf(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : undefined;
  if (!day || Number.isNaN(+day)) throw new UsageError(`--as-of needs YYYY-MM-DD, not "${value}"`);
  return day;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const percent = (share: number) => `${Math.round(share * 100)}%`;
const named = (r: RecordRef) => `${r.name} (${r.directory} ${r.id})`;

/** The comparison as a council officer reads it in a terminal: every list cut at `PROBLEMS_LISTED`. */
export function formatComparison(c: Comparison): string[] {
  const lines: string[] = [`Compared ${plural(c.directories.length, 'directory', 'directories')} as of ${c.asOf}.`, '', 'Directories'];
  for (const d of c.directories) {
    const counts = `${plural(d.count, 'record')}, ${d.shared} listed elsewhere too; ${d.stale} not checked within a year, ${d.undated} undated, ${d.incomplete} short of what a referral needs, ${d.personal} with contact details that look personal`;
    lines.push(`  ${d.id}  ${d.url}`, `    ${d.count || !d.error ? counts : 'nothing read'}${d.skipped ? `; ${d.skipped} skipped` : ''}`);
    if (d.error) lines.push(`    ${d.error}`);
  }
  if (c.overlaps.length) {
    lines.push('', 'Services both list');
    for (const o of c.overlaps) lines.push(`  ${o.a} and ${o.b}: ${o.shared}`);
  }
  const list = <T>(title: string, items: T[], each: (item: T) => string[]) => {
    lines.push('', `${title} (${items.length})`);
    for (const item of items.slice(0, PROBLEMS_LISTED)) lines.push(...each(item));
    if (items.length > PROBLEMS_LISTED) lines.push(`  … and ${items.length - PROBLEMS_LISTED} more (use --json, --html or --csv for all)`);
  };
  list('Services listed by several directories', c.groups, (g) => [
    `  ${g.services[0].name}`,
    `    listed as: ${g.services.map((s) => `${s.directory} ${s.id}${s.name === g.services[0].name ? '' : ` "${s.name}"`}`).join(', ')}`,
    ...g.evidence.map((e) => `    ${e.a.directory} and ${e.b.directory}: ${e.detail}`),
    ...g.differences.map(
      (d) =>
        `    ${d.field}, ${d.kind === 'conflict' ? 'they differ' : 'not stated by all'}: ${d.values.map((v) => `${v.directory} ${v.value ?? '(not stated)'}`).join(' | ')}`,
    ),
  ]);
  list('Near misses, kept apart: for a person to judge', c.nearMisses, (n) => [
    `  ${named(n.a)} and ${named(n.b)}: ${n.detail} (names ${percent(n.nameSimilarity)} alike)`,
  ]);
  list('Problems', c.problems, (p) => [
    `  ${p.directory}${p.id !== undefined ? ` ${p.id} ${p.name}` : ''}: ${PROBLEM_WORDS[p.kind]}: ${p.detail}`,
  ]);
  return lines;
}

/** Runs `compare`; returns the exit status: 1 when a directory could not be read at all, else 0. */
export async function compareCommand(
  urls: string[],
  flags: CompareFlags,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  if (urls.length === 0) throw new UsageError('compare needs the addresses of the directories to compare');
  const repeated = urls.find((u, i) => urls.indexOf(u) !== i);
  if (repeated) throw new UsageError(`compare was given ${repeated} twice`);
  const now = asOf(flags['as-of']);
  const options: ReadOptions = { maxPages: flags.maxPages, timeoutMs: flags.timeoutMs };
  const sets = await Promise.all(directories(urls).map((d) => read(d, options, err)));
  const linked = new Set(sets.filter((s) => s.dialect && LINKED_DIALECTS.has(s.dialect)).map((s) => s.directory.id));
  const comparison = compareDirectories(sets, {
    now,
    recordUrl: (directory, id) => (linked.has(directory.id) ? recordUrl(directory.url, id) : undefined),
  });
  if (flags.html) {
    await writeFile(flags.html, comparisonHtml(comparison));
    err(`Wrote the report to ${flags.html}`);
  }
  if (flags.csv) {
    await mkdir(flags.csv, { recursive: true });
    const files = comparisonCsv(comparison);
    for (const [name, text] of files) await writeFile(join(flags.csv, name), text);
    err(`Wrote ${files.size} tables to ${flags.csv}: ${[...files.keys()].join(', ')}`);
  }
  if (flags.json) out(JSON.stringify(comparison, null, 2));
  else for (const line of formatComparison(comparison)) out(printable(line));
  return sets.some((s) => s.error && s.services.length === 0) ? 1 : 0;
}
