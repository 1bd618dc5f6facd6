import { defineConfig } from 'vite';

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
    rolldownOptions: { input: { index: 'demo/index.html', composed: 'demo/composed.html', cy: 'demo/cy.html', gp: 'demo/gp.html', map: 'demo/map.html' } },
  },
});
