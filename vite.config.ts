import { defineConfig } from 'vite';

/** The demo site (`npm start`): pages in demo/, importing the elements from src/. */
export default defineConfig({
  root: 'demo',
  server: { host: '127.0.0.1', port: Number(process.env.DEMO_PORT ?? 8080), strictPort: false, fs: { allow: ['..'] } },
  build: { outDir: '../build/demo', emptyOutDir: true },
});
