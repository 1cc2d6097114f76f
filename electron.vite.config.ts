import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './shared/contract/csp';

// Native and heavy runtime packages stay outside the main bundle: better-sqlite3 ships a .node
// binary that must be loaded from disk (asarUnpack in electron-builder.yml), and rxdb is large and
// has its own module graph. The preset externalizes every `dependencies` entry anyway; naming these
// two keeps them external even if someone turns externalizeDeps off.
const mainExternals = ['better-sqlite3', /^rxdb(\/.*)?$/];

/**
 * The CSP meta tag comes from the same constant the hosts send as a header, so the two cannot
 * drift. Build only: the dev server's React refresh needs an inline script.
 */
function cspMetaTag(): Plugin {
  return {
    name: 'fieldcrm-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rolldownOptions: {
        // The analytics worker is its own entry: the core starts it as out/main/analytics-worker.js.
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          'analytics-worker': resolve(__dirname, 'electron/core/analytics/analytics-worker.ts'),
        },
        external: mainExternals,
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot use ESM or require node_modules, so it is bundled whole as CJS.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), cspMetaTag()],
    build: {
      // electron-vite leaves bundles unminified; the renderer's first paint waits for this file.
      minify: true,
      outDir: resolve(__dirname, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
