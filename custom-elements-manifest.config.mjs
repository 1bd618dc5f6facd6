// `npm run analyze`: custom-elements.json from the elements' JSDoc (@summary @attr @fires @slot @csspart @cssprop).
export default {
  // The elements and what they are built from (not the engine, sources and store: their API is the TypeScript
  // declarations, and tools that read this file look for elements).
  globs: ['src/components/**/*.ts', 'src/registry.ts', 'src/define.ts', 'src/classes.ts', 'src/index.ts'],
  exclude: ['src/**/*.styles.ts', 'src/**/*.test.ts', 'src/**/*.stories.ts', 'test/**', 'stories/**', 'dist/**', 'build/**'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  // package.json names the manifest itself; the analyzer would rewrite it to wherever it was last run.
  packagejson: false,
  plugins: [
    {
      // Events dispatched as class instances (`new SfResultsEvent(...)`) are documented by @fires;
      // drop the unnamed duplicates the analyzer adds, and the internal `sf-store-ready`.
      name: 'tidy-events',
      packageLinkPhase({ customElementsManifest }) {
        // The files are found in directory order, which differs between file systems: sort them so the
        // manifest is the same on every machine (CI compares it with the committed one).
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        for (const mod of customElementsManifest.modules) {
          for (const d of mod.declarations ?? []) {
            if (d.events) d.events = d.events.filter((e) => e.name && e.name !== 'sf-store-ready');
          }
        }
      },
    },
  ],
};
