import { test as base, expect, type Page } from '@playwright/test';
import { removeDataDir, startAppHost, type AppHost } from './app-host';

type Fixtures = {
  /** A fresh browser host on an empty temp data dir, stopped and deleted after the test. */
  app: AppHost;
  /** Console errors and CSP violations of the page; the smoke tests expect none. */
  consoleErrors: string[];
};

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
  app: async ({}, use) => {
    const host = await startAppHost();
    try {
      await use(host);
    } finally {
      await host.stop();
      removeDataDir(host.dataDir);
    }
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
  },
});

/** Opens the app through its secret URL and waits for the shell. */
export async function openApp(page: Page, app: AppHost): Promise<void> {
  await page.goto(app.url);
  await expect(page.getByTestId('app-shell')).toBeVisible();
}

export { expect };
