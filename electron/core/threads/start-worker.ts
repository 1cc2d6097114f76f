import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on `entry`, a .ts file under tsx (dev, tests, bench) or built JavaScript.
 * A worker does not inherit the `--import tsx` hook (and `execArgv` cannot carry it on Node 20),
 * so for TypeScript a small eval'd script registers tsx's ESM API inside the thread first. The
 * API is located from tsx's package.json so the working directory does not matter; the `require`
 * flavour of the API computes a wrong path, hence the .mjs.
 */
export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const bootstrap = `(async () => { const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(entry.href)}); })().catch((e) => { console.error(e); process.exit(1); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
