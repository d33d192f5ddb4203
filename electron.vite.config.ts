/**
 * Builds the three Electron bundles without needing the Electron binary:
 * main (src/main/electron/main.ts), preload (CommonJS, as a sandboxed preload must be) and the renderer.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/electron/main.ts'),
          // The scan pipeline starts its page workers from ./page-worker.js beside the main bundle.
          'page-worker': resolve(import.meta.dirname, 'src/main/scan/worker/page-worker.ts'),
        },
        output: { entryFileNames: '[name].js' },
        // Native and heavyweight modules load from node_modules at run time.
        external: ['better-sqlite3-multiple-ciphers', 'sharp', 'electron'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // Minified: less for Chromium to parse and compile before the sign-in screen is interactive.
      minify: true,
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
  },
});
