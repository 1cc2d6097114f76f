import { join } from 'node:path';
import type { TestInfo } from '@playwright/test';

/**
 * Where an e2e test saves a screenshot: into docs/screenshots (the README's pictures) only when
 * UPDATE_SCREENSHOTS=1, otherwise beside the test's results, so a test run never edits the repo.
 */
export function shotPath(testInfo: TestInfo, name: string): string {
  return process.env['UPDATE_SCREENSHOTS'] === '1'
    ? join(import.meta.dirname, '..', '..', 'docs', 'screenshots', name)
    : testInfo.outputPath(name);
}
