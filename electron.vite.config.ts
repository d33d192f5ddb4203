/**
 * Builds the three Electron bundles without needing the Electron binary:
 * main (src/main/electron/main.ts), preload (CommonJS, as a sandboxed preload must be) and the renderer.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * The page's first script (boot.ts) is a few kilobytes that open the connection and then import the
 * app (main.tsx). Vite preloads a dynamic import only once it is reached; linking the app's chunk
 * from the page lets Chromium fetch and compile it while boot.ts runs.
 */
function preloadAppChunk(): Plugin {
  return {
    name: 'ccpor-preload-app-chunk',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const app = Object.values(context.bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.isDynamicEntry && output.name === 'main',
        );
        if (app === undefined) return html;
        return [
          {
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${app.fileName}` },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

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
    plugins: [react(), preloadAppChunk()],
    build: {
      outDir: 'out/renderer',
      // Minified: less for Chromium to parse and compile before the sign-in screen is interactive.
      minify: true,
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
  },
});
