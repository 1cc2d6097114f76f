import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AutoETS, initSync as initEts } from '@bsull/augurs/ets';
import { MSTL, initSync as initMstl } from '@bsull/augurs/mstl';

export { AutoETS, MSTL };

let ready = false;

/**
 * Instantiates the augurs wasm modules once per thread. The generated loaders would `fetch` the
 * `.wasm` next to them (browser style), which Node cannot do for file URLs, so we read the bytes
 * ourselves and use the synchronous init: compiling ~1 MB takes a few ms and happens in the worker.
 */
export function ensureAugurs(): void {
  if (ready) return;
  const require = createRequire(import.meta.url);
  // The package exports no package.json subpath, so resolve a module and take its directory.
  const dir = dirname(require.resolve('@bsull/augurs/ets'));
  initEts({ module: readFileSync(join(dir, 'ets_bg.wasm')) });
  initMstl({ module: readFileSync(join(dir, 'mstl_bg.wasm')) });
  ready = true;
}
