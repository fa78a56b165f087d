// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console builds into dist/console at the repository root, which the service serves at
 * /console (libs/console/src/static). No CDN, no inline script: the page's CSP allows 'self' only.
 */
export default defineConfig({
  root,
  base: '/console/',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    modulePreload: { polyfill: false },
  },
  server: {
    // `npx vite apps/console` during development: the API is the running service.
    proxy: { '/console/api': 'http://127.0.0.1:3000' },
  },
});
