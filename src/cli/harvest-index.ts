/**
 * `service-finder harvest URL… --index DIR`: the command's side of the index builder (src/cli/index/):
 * what it prints, and the reproducible time it takes from SOURCE_DATE_EPOCH when that is set.
 */
import { buildIndex, type IndexBuildOptions } from './index/build.js';

export type HarvestIndexOptions = Omit<IndexBuildOptions, 'log' | 'now' | 'urls'>;

/** Reproducible builds: SOURCE_DATE_EPOCH (seconds) fixes the time the reads are dated with. */
function sourceDate(): Date | undefined {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return process.env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : undefined;
}

export async function harvestIndex(
  urls: string[],
  options: HarvestIndexOptions,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const started = performance.now();
  const { manifest, written, removed, failed } = await buildIndex({ ...options, urls, now: sourceDate(), log: err });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const cells = written.filter((p) => p.startsWith('cells/')).length;
  out(
    `Wrote ${manifest.services} services from ${manifest.directories.length} directories to ${options.dir} in ${seconds} s: ` +
      `${manifest.cells.length} cells and ${manifest.parts.length} parts listed in the manifest, ${manifest.unlocated.length} files of services without a place; ` +
      `${cells} cells written, ${removed} files no longer listed removed.`,
  );
  for (const d of manifest.directories) if (d.error) out(`# ${d.id}: ${d.state}: ${d.error}`);
  return failed > 0 && failed === manifest.directories.length ? 1 : 0;
}
