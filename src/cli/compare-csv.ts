/**
 * The comparison as CSV, one file per table, for a spreadsheet: every value quoted, and a value that a
 * spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`, a tab or a carriage return)
 * written with a leading apostrophe, so that it shows as the text it is (OWASP's advice for CSV injection).
 */
import type { Comparison } from '../engine/compare.js';

/** Characters a spreadsheet reads as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Control characters other than tab and line breaks, which no spreadsheet cell needs. */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** One cell: control characters removed, a formula defused, quoted (a quote doubled). */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '""';
  let text = String(value).replace(CONTROLS, '');
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A table: its header row then one row per item, CRLF line ends (RFC 4180), a byte-order mark so Excel reads UTF-8. */
export function csvTable(headers: string[], rows: Array<Array<string | number | boolean | null | undefined>>): string {
  return `\uFEFF${[headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Every table of the comparison, by file name. */
export function comparisonCsv(c: Comparison): Map<string, string> {
  const files = new Map<string, string>();
  files.set(
    'directories.csv',
    csvTable(
      ['directory', 'name', 'url', 'records', 'shared', 'stale', 'undated', 'incomplete', 'personal', 'skipped', 'error'],
      c.directories.map((d) => [d.id, d.name, d.url, d.count, d.shared, d.stale, d.undated, d.incomplete, d.personal, d.skipped, d.error]),
    ),
  );
  files.set(
    'overlaps.csv',
    csvTable(
      ['directory a', 'directory b', 'services both list'],
      c.overlaps.map((o) => [o.a, o.b, o.shared]),
    ),
  );
  files.set(
    'groups.csv',
    csvTable(
      ['group', 'directory', 'record', 'name', 'link'],
      c.groups.flatMap((g, i) => g.services.map((s) => [i + 1, s.directory, s.id, s.name, s.link])),
    ),
  );
  files.set(
    'evidence.csv',
    csvTable(
      ['group', 'directory a', 'record a', 'directory b', 'record b', 'rule', 'detail', 'names alike'],
      c.groups.flatMap((g, i) =>
        g.evidence.map((e) => [i + 1, e.a.directory, e.a.id, e.b.directory, e.b.id, e.rule, e.detail, e.nameSimilarity]),
      ),
    ),
  );
  files.set(
    'differences.csv',
    csvTable(
      ['group', 'field', 'kind', 'directory', 'record', 'value'],
      c.groups.flatMap((g, i) =>
        g.differences.flatMap((d) =>
          d.values.map((v) => [i + 1, d.field, d.kind, v.directory, g.services.find((s) => s.directory === v.directory)?.id, v.value]),
        ),
      ),
    ),
  );
  files.set(
    'near-misses.csv',
    csvTable(
      [
        'directory a',
        'record a',
        'name a',
        'link a',
        'directory b',
        'record b',
        'name b',
        'link b',
        'rule',
        'detail',
        'names alike',
        'tied',
      ],
      c.nearMisses.map((n) => [
        n.a.directory,
        n.a.id,
        n.a.name,
        n.a.link,
        n.b.directory,
        n.b.id,
        n.b.name,
        n.b.link,
        n.rule,
        n.detail,
        n.nameSimilarity,
        n.same,
      ]),
    ),
  );
  files.set(
    'problems.csv',
    csvTable(
      ['directory', 'record', 'name', 'link', 'problem', 'detail'],
      c.problems.map((p) => [p.directory, p.id, p.name, p.link, p.kind, p.detail]),
    ),
  );
  return files;
}
