import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time under `dir` (skipping node_modules), 0 if it does not exist. */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Runs `electron-vite build` when out/renderer is missing or older than the sources it is built
 * from, so `npm run start:browser` and the e2e tests always serve the current renderer.
 */
export function ensureRendererBuilt(root: string): void {
  const index = join(root, 'out/renderer/index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sourcesAt = Math.max(
    newestMtime(join(root, 'renderer')),
    newestMtime(join(root, 'shared')),
    statSync(join(root, 'electron.vite.config.ts')).mtimeMs,
  );
  if (builtAt > sourcesAt) return;
  console.log('Building the renderer (electron-vite build)…');
  const result = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: 'inherit',
    // The build needs Electron's version, never its binary.
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  if (result.status !== 0) throw new Error(`electron-vite build failed (exit ${result.status ?? result.signal})`);
}
