import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Native and heavy runtime packages stay outside the main bundle: better-sqlite3 ships a .node
// binary that must be loaded from disk (asarUnpack in electron-builder.yml), and rxdb is large and
// has its own module graph. The preset externalizes every `dependencies` entry anyway; naming these
// two keeps them external even if someone turns externalizeDeps off.
const mainExternals = ['better-sqlite3', /^rxdb(\/.*)?$/];

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/main/index.ts') },
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
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
