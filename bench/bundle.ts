/** Bundles a bench entry into one classic script for a page, with Vite (the project's bundler). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

export async function bundleForPage(entry: string, outDir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'es2022',
      lib: { entry, formats: ['iife'], name: 'bench', fileName: () => 'bench.js' },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  });
  return readFileSync(join(outDir, 'bench.js'), 'utf8');
}
