import { defineConfig } from 'vite';

/**
 * One minified ES file that defines every element (src/define.ts), lit and
 * the virtualizer included: `dist/bundle/service-finder.js`, for end-to-end
 * tests and the WordPress plugin. `npx vite build -c vite.lib.config.ts`
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/bundle',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    lib: {
      entry: 'src/define.ts',
      formats: ['es'],
      fileName: () => 'service-finder.js',
    },
    rolldownOptions: {
      output: {
        codeSplitting: false,
        minify: true,
      },
    },
  },
});
