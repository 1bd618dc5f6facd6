import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (name: string) => fileURLToPath(new URL(`demo/${name}.html`, import.meta.url));

/**
 * The demo site (`npm start`): pages in demo/, importing the elements from src/.
 * `FIXTURES_URL` is the fixture server that `demo/serve.ts` starts next to it.
 */
export default defineConfig({
  root: 'demo',
  define: { __FIXTURES__: JSON.stringify(process.env.FIXTURES_URL ?? 'http://127.0.0.1:8787') },
  server: { host: '127.0.0.1', port: Number(process.env.DEMO_PORT ?? 8080), strictPort: false, fs: { allow: ['..'] } },
  build: {
    outDir: '../build/demo',
    emptyOutDir: true,
    // Absolute: the dev server's dependency scan reads these too, from `root`.
    rolldownOptions: {
      input: Object.fromEntries(['index', 'composed', 'cy', 'gp', 'map', 'configurator'].map((name) => [name, page(name)])),
    },
  },
});
