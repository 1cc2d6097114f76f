import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { fail, ok, type Result } from '../../shared/contract/result';
import type { ExportPdfResult } from '../../shared/contract/reports/report-requests';
import { countPdfPages, printTemplates, type PrintJob, type ReportPrinter } from '../core/reports/report-printer';

const CHROMIUM = process.env['FIELDCRM_CHROMIUM'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const READY_TIMEOUT_MS = 30_000;
/** A finished PDF waits this long for the page to fetch it, then is dropped. */
const DOWNLOAD_TTL_MS = 5 * 60_000;

type StoredPdf = { readonly bytes: Buffer; readonly fileName: string; readonly timer: NodeJS.Timeout };

export type HostPdfPrinter = {
  readonly print: ReportPrinter;
  /** One-use download of a printed file; undefined when the token is unknown or already used. */
  take(token: string): { readonly bytes: Buffer; readonly fileName: string } | undefined;
  close(): void;
};

/**
 * Prints with the system Chromium in a fresh profile, through our own host URL (the secret URL sets
 * the cookie), so the print route reads the same core over its own WebSocket session.
 */
export function createHostPdfPrinter(options: {
  readonly secretUrl: string;
  readonly origin: string;
  readonly log: (message: string, error?: unknown) => void;
}): HostPdfPrinter {
  const files = new Map<string, StoredPdf>();

  async function render(job: PrintJob): Promise<Buffer> {
    const profile = mkdtempSync(join(tmpdir(), 'fieldcrm-print-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1200, height: 1600 },
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      job.onProgress('rendering');
      await page.goto(options.secretUrl);
      // The secret URL answers with the cookie and moves on to / (which may route on to a screen);
      // going on before the secret has left the address would race the cookie.
      await page.waitForURL((url) => url.origin === options.origin && !url.searchParams.has('s'));
      await page.goto(`${options.origin}/#/${job.route}`);
      // A selector, not an evaluated script: the page's CSP forbids eval, and it must stay that strict.
      await page.locator('body[data-print-ready="true"]').waitFor({ state: 'attached', timeout: READY_TIMEOUT_MS });
      job.onProgress('printing');
      const { header, footer } = printTemplates(job.labels);
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: header,
        footerTemplate: footer,
        margin: { top: '16mm', bottom: '16mm', left: '12mm', right: '12mm' },
      });
    } finally {
      // The PDF (or the error above) is what matters; a browser that will not close is only logged.
      await context.close().catch((error: unknown) => options.log('closing the print browser failed', error));
      rmSync(profile, { recursive: true, force: true });
    }
  }

  return {
    async print(job): Promise<Result<ExportPdfResult>> {
      let bytes: Buffer;
      try {
        bytes = await render(job);
      } catch (error) {
        options.log(`printing ${job.route} failed`, error);
        return fail('internal', `Printing failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      const token = randomBytes(18).toString('base64url');
      const timer = setTimeout(() => files.delete(token), DOWNLOAD_TTL_MS);
      timer.unref();
      files.set(token, { bytes, fileName: job.fileName, timer });
      return ok({ outcome: 'download', url: `/reports/pdf/${token}`, fileName: job.fileName, pages: countPdfPages(bytes) });
    },
    take(token) {
      const stored = files.get(token);
      if (!stored) return undefined;
      clearTimeout(stored.timer);
      files.delete(token);
      return { bytes: stored.bytes, fileName: stored.fileName };
    },
    close() {
      for (const stored of files.values()) clearTimeout(stored.timer);
      files.clear();
    },
  };
}
