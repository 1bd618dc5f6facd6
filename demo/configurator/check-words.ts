/** The configurator's words for a directory check (the sentences shared with the CLI come from the data layer). */
import type { CheckReport } from '../../src/data.js';

const DIALECTS = new Map([
  ['oruk-v1', 'Open Referral UK, version 1'],
  ['oruk-v3', 'Open Referral UK, version 3'],
  ['outpost', 'Outpost (Open Referral UK)'],
  ['openactive', 'OpenActive'],
  ['snapshot', 'Snapshot file (service-finder harvest)'],
]);

/** The dialect a person knows: "Open Referral UK, version 3 (HSDS-UK-3.0)". */
export function dialectName(r: CheckReport): string {
  const name = (r.dialect && DIALECTS.get(r.dialect)) ?? r.dialect ?? 'not recognised';
  return r.version ? `${name} (${r.version})` : name;
}

/** A share of records as a percentage. */
export const fieldShare = (share: number) => `${Math.round(share * 100)}%`;

/** What the live region says once every check has finished. */
export function checkSummary(reports: readonly CheckReport[]): string {
  const usable = reports.filter((r) => r.readable).length;
  const unreadable = reports.length - usable;
  if (reports.length === 1) return `Checked the directory: it ${usable ? 'can be used by the finder' : 'cannot be read'}.`;
  const parts = [usable ? `${usable} can be used` : '', unreadable ? `${unreadable} cannot be read` : ''].filter(Boolean);
  return `Checked ${reports.length} directories: ${parts.join(', ')}.`;
}
