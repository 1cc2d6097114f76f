import { resolve } from 'node:path';
import { ensureRendererBuilt } from '../../scripts/build-renderer';

/** Tests serve out/renderer; make sure it matches the sources before the first host starts. */
// eslint-disable-next-line no-restricted-syntax -- Playwright loads globalSetup through its default export.
export default function globalSetup(): void {
  ensureRendererBuilt(resolve(import.meta.dirname, '../..'));
}
