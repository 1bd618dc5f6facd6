/**
 * What `service-finder check` reports about a directory, computed once for the CLI and the browser (the
 * configurator checks each address a web editor pastes with it): DOM-free and Node-free.
 */
import type { RecordProblem, Service } from '../model/index.js';
import { SourceError } from '../model/index.js';
import { readDirectory, type ReadOptions } from './index.js';

/** The fields a social prescriber relies on, and how to tell a record states each. */
const KEY_FIELDS: Record<string, (s: Service) => boolean> = {
  description: (s) => !!s.description,
  ages: (s) => !!s.ages,
  access: (s) => !!s.access?.length,
  schedules: (s) => !!(s.schedules?.length || s.sessions?.length),
  'locations with coordinates': (s) => !!s.locations?.some((l) => l.lat !== undefined && l.lng !== undefined),
  contact: (s) => !!(s.email || s.phones?.length || s.contacts?.length || s.url),
  cost: (s) => !!s.cost,
  'assured date': (s) => !!s.assuredDate,
};

export interface CheckReport {
  url: string;
  /** False when nothing could be read: the CLI exits non-zero. */
  readable: boolean;
  dialect?: string;
  version?: string;
  pages: number;
  totalPages?: number;
  records: number;
  /** Records left out (no id, no name, a duplicate, unreadable); each is also in `problems`, alone or counted on a summary line. */
  skipped: number;
  /** Lines of `problems` that are not about records left out. */
  otherProblems: number;
  seconds: number;
  /** Share (0–1) of records that state each key field. */
  fields: Record<string, number>;
  /** Every problem found, in plain words; a skipped record's says "skipped". */
  problems: string[];
}

/** Records the problems say were left out: one for each skipped record, `count` for a summary line. */
export function skippedRecords(problems: RecordProblem[]): number {
  return problems.reduce((n, p) => n + (p.skipped ? (p.count ?? 1) : 0), 0);
}

function describeProblem(p: RecordProblem): string {
  const where = [p.page !== undefined ? `page ${p.page}` : '', p.id !== undefined ? `record ${p.id}` : '', p.skipped ? 'skipped' : '']
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${p.reason}` : p.reason;
}

/** Reads a whole directory and reports what a finder can use from it. */
export async function checkReport(url: string, options: ReadOptions = {}): Promise<CheckReport> {
  const started = performance.now();
  const counts = Object.fromEntries(Object.keys(KEY_FIELDS).map((k) => [k, 0]));
  const report: CheckReport = {
    url,
    readable: false,
    pages: 0,
    records: 0,
    skipped: 0,
    otherProblems: 0,
    seconds: 0,
    fields: {},
    problems: [],
  };
  try {
    for await (const page of readDirectory(url, options)) {
      report.dialect = page.dialect;
      report.version = page.version;
      report.pages = page.page;
      report.totalPages = page.totalPages;
      report.records += page.services.length;
      report.skipped += skippedRecords(page.problems);
      report.otherProblems += page.problems.filter((p) => !p.skipped).length;
      // Not spread into one call: a page of 200,000 bad items would overflow the stack.
      for (const problem of page.problems) report.problems.push(describeProblem(problem));
      for (const service of page.services) {
        for (const [field, states] of Object.entries(KEY_FIELDS)) if (states(service)) counts[field]++;
      }
    }
    report.readable = true;
  } catch (e) {
    const message = e instanceof SourceError ? e.message : String(e);
    // A directory that stopped part-way is still partly readable; one that gave nothing is not.
    report.readable = report.records > 0;
    report.problems.push(report.records > 0 ? `Reading stopped early: ${message}` : message);
    report.otherProblems++;
  }
  report.seconds = Math.round(performance.now() - started) / 1000;
  for (const [field, n] of Object.entries(counts)) report.fields[field] = report.records ? n / report.records : 0;
  if (report.readable && report.records === 0) {
    report.problems.push('The directory answered but listed no services.');
    report.otherProblems++;
  }
  return report;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The most problems a report lists before "… and N more". */
export const PROBLEMS_LISTED = 50;

/** How much was read, in the words the CLI and the configurator both print: "120 services in 3 pages, 2 skipped, in 0.4 s". */
export function readSummary(r: CheckReport): string {
  const says = r.totalPages !== undefined ? ` (the directory says ${r.totalPages})` : '';
  return `${count(r.records, 'service')} in ${count(r.pages, 'page')}${says}, ${r.skipped} skipped, in ${r.seconds.toFixed(1)} s`;
}

/** What the problems are: "3 skipped records, 1 other problem". */
export function problemSummary(r: CheckReport): string {
  return `${count(r.skipped, 'skipped record')}, ${count(r.otherProblems, 'other problem')}`;
}
