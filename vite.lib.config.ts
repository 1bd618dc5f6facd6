import { defineConfig } from 'vite';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';

/**
 * One minified ES file that defines every element (src/define.ts), lit and
 * the virtualizer included: `dist/bundle/service-finder.js`, for end-to-end
 * tests and the WordPress plugin. `npx vite build -c vite.lib.config.ts`
 *
 * The map is the one exception: `<sf-map>` imports Leaflet and supercluster
 * with `import()` when a map is first shown, so they are a second file next
 * to it, `dist/bundle/map-<hash>.js`, loaded relative to service-finder.js.
 * Serve (and ship) both; a page with only the list never fetches the second.
 */
export default defineConfig({
  publicDir: false,
  // Files the bundle loads (chunks, the JSON worker) are found beside it, wherever it is served from.
  base: './',
  worker: { format: 'es', rolldownOptions: { output: { entryFileNames: '[name]-[hash].js' } } },
  // The elements' html`…` and css`…` templates are written to be read: minified here, for the page.
  plugins: [minifyTemplateLiterals()],
  build: {
    outDir: 'dist/bundle',
    emptyOutDir: true,
    assetsDir: '',
    target: 'es2022',
    sourcemap: false,
    lib: {
      entry: 'src/define.ts',
      formats: ['es'],
      fileName: () => 'service-finder.js',
    },
    rolldownOptions: {
      // Modules the map chunk shares with the rest (lit) stay in service-finder.js, which may
      // export more than define.ts does; otherwise they would become a third file.
      preserveEntrySignatures: 'allow-extension',
      output: {
        // sf-results names the virtualizer's layout, so its dynamic import adds no file.
        chunkFileNames: (chunk) => (chunk.moduleIds.some((id) => id.includes('/sf-map/map-view')) ? 'map-[hash].js' : '[name]-[hash].js'),
        minify: true,
        // Every module the page runs before the first render goes in service-finder.js: left to itself,
        // rolldown split out a module shared with a lazy chunk (the model's constants) as a file of its own,
        // which the main file imported statically, a request more before anything could start.
        codeSplitting: { groups: [{ name: 'service-finder', tags: ['$initial'] }] },
      },
    },
  },
});
