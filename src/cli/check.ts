// The report itself is the data layer's (src/sources/check.ts), shared with the browser; this file prints it.
import { directoryRef } from '../sources/index.js';
import { PROBLEMS_LISTED, problemSummary, readSummary, type CheckReport } from '../sources/check.js';
import { printable } from './terminal.js';

const percent = (share: number) => `${Math.round(share * 100)}%`.padStart(4);

/** The report as a council web officer reads it. */
export function formatCheck(r: CheckReport): string {
  const lines = [`Directory: ${r.url} (${directoryRef(r.url).id})`];
  if (r.dialect) lines.push(`Dialect:   ${r.dialect}${r.version ? ` (version ${r.version})` : ''}`);
  lines.push(`Read:      ${readSummary(r)}`);
  if (r.records) {
    lines.push('Records that state:');
    for (const [field, share] of Object.entries(r.fields)) lines.push(`  ${percent(share)}  ${field}`);
  }
  lines.push(r.problems.length ? `Problems (${r.problems.length}): ${problemSummary(r)}` : 'Problems: none found');
  const shown = r.problems.slice(0, PROBLEMS_LISTED);
  for (const p of shown) lines.push(`  - ${p}`);
  if (r.problems.length > shown.length) lines.push(`  … and ${r.problems.length - shown.length} more (use --json for all)`);
  lines.push(r.readable ? 'Result:    this directory can be used by the finder.' : 'Result:    this directory cannot be read.');
  return lines.map(printable).join('\n');
}
