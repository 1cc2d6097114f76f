import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real renderer in the system Chromium through the browser host
 * (ARCHITECTURE.md "Browser host"): the Electron binary is not available on build machines.
 * Browsers cannot be downloaded here, so Playwright uses Debian's /usr/bin/chromium.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  // Each spec file has its own hosts, data directories and (for sync) its own org on the server, so
  // two files run at once: the tests mostly wait on the screens, and two workers fit two cores.
  workers: 2,
  fullyParallel: false,
  forbidOnly: Boolean(process.env['CI']),
  // One retry on CI: a test that passes on retry is reported as flaky (and read in the log), but a
  // loaded 2-core runner does not sink a submission on one slow moment.
  retries: process.env['CI'] ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env['CI'] ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 820 },
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
});
