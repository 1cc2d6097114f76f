import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './shared/contract/csp';

// Native and heavy runtime packages stay outside the main bundle: the SQLite driver loads a .node
// binary from disk (the Electron build, electron/core/storage/sqlite/sqlite-binding.ts), and rxdb is
// large and has its own module graph. The preset externalizes every `dependencies` entry anyway;
// naming these keeps them external even if someone turns externalizeDeps off.
const mainExternals = ['better-sqlite3-multiple-ciphers', /^rxdb(\/.*)?$/];

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

/**
 * The entry chunk is tiny and loads the start-up code (session, react-dom, the first screen) with
 * dynamic imports. Left to the entry, those requests start only once it has been fetched and run,
 * and then queue behind the connection's first query; listed in index.html they start while the
 * HTML is parsed. Everything the entry imports dynamically is start-up code by design (main.tsx);
 * screens behind a route are imported from App's chunk and are not listed.
 */
function preloadBootChunks(): Plugin {
  let base = './';
  return {
    name: 'fieldcrm-preload-boot-chunks',
    apply: 'build',
    configResolved: (config) => void (base = config.base),
    transformIndexHtml: {
      order: 'post',
      handler: (_html, { bundle, chunk }) => {
        if (!bundle || !chunk) return [];
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (fileName: string): void => {
          const next = bundle[fileName];
          if (next?.type !== 'chunk' || scripts.has(fileName)) return;
          scripts.add(fileName);
          for (const css of next.viteMetadata?.importedCss ?? []) styles.add(css);
          for (const imported of next.imports) visit(imported);
        };
        // The entry and what index.html loads already are not listed again.
        const loaded = new Set([chunk.fileName, ...chunk.imports]);
        for (const dynamic of chunk.dynamicImports) visit(dynamic);
        for (const file of loaded) scripts.delete(file);
        for (const css of chunk.viteMetadata?.importedCss ?? []) styles.delete(css);
        const link = (attrs: Record<string, string | boolean>): HtmlTagDescriptor => ({
          tag: 'link',
          attrs: { crossorigin: true, ...attrs },
          injectTo: 'head',
        });
        return [
          ...[...scripts].map((file) => link({ rel: 'modulepreload', href: base + file })),
          ...[...styles].map((file) => link({ rel: 'preload', as: 'style', href: base + file })),
        ];
      },
    },
  };
}

/**
 * The entry script runs async: as soon as it and its chunks are here, not once the document is
 * complete. The browser host sends the page up to `</body>` at once and its end (the landing
 * window, electron/host/landing-page.ts) once the core has read it; a deferred module script
 * would wait for that end (30-250 ms after the start on a fresh start of the host), an async one
 * boots meanwhile and picks the window up when it comes (renderer/src/customers/list/primed-window.ts).
 */
function asyncEntryScript(): Plugin {
  const entry = /<script type="module" crossorigin src="([^"]+)"><\/script>/g;
  return {
    name: 'fieldcrm-async-entry-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => {
        const found = html.match(entry) ?? [];
        if (found.length !== 1) throw new Error(`expected one entry script in index.html, found ${found.length}`);
        return html.replace(entry, '<script type="module" async crossorigin src="$1"></script>');
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rolldownOptions: {
        // Worker threads are entries of their own: the core thread starts as out/main/core-thread-worker.js
        // (electron/core/threads/core-thread.ts) and starts the analytics threads as
        // out/main/analytics-worker.js. Each finds its worker with `new URL('./<name>.js', import.meta.url)`.
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          'core-thread-worker': resolve(__dirname, 'electron/core/threads/core-thread-worker.ts'),
          'analytics-worker': resolve(__dirname, 'electron/core/analytics/analytics-worker.ts'),
        },
        external: mainExternals,
        // Shared chunks sit beside the entries, not in chunks/: code that moves into a shared chunk
        // resolves `./<worker>.js` from there, so every file must share one directory.
        output: { chunkFileNames: '[name]-[hash].js' },
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
    plugins: [react(), cspMetaTag(), preloadBootChunks(), asyncEntryScript()],
    build: {
      // electron-vite leaves bundles unminified; the renderer's first paint waits for this file.
      minify: true,
      outDir: resolve(__dirname, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
