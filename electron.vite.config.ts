import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * Three bundles (ARCHITECTURE §8):
 * - main: main/index.ts → out/main/index.js, plus the parser worker out/main/parse-worker.js (ESM; dependencies
 *   stay in node_modules, inside the asar);
 * - preload: main/preload.ts → out/preload/index.cjs, CommonJS because sandboxed preloads cannot be ES modules,
 *   and self-contained because a sandboxed preload cannot require packages; it imports only shared/domain (no
 *   zod, lint-enforced), so it stays about 1 KB;
 * - renderer: renderer/index.html → out/renderer, with relative asset URLs so it loads from app://anchorage/ (and from the
 *   test bridge). Pages are React.lazy chunks, so the initial JavaScript stays small (issue 4 bench: ≤ 300 KB gz).
 */
const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // parse-worker: the worker_threads entry that parses user-supplied files (main/core/worker/run-in-worker.ts
      // loads out/main/parse-worker.js at run time, so it must be an entry of its own).
      rollupOptions: {
        input: {
          index: resolve(root, 'main/index.ts'),
          'parse-worker': resolve(root, 'main/core/worker/parse-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      minify: true,
      rollupOptions: {
        input: { index: resolve(root, 'main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      target: 'chrome130',
      // The CSP has no 'unsafe-eval' and no inline scripts; Vite's module preload polyfill is an inline-free
      // import, but it is unnecessary in Chromium.
      modulePreload: { polyfill: false },
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
