import { BrowserWindow, dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import { fail, ok, type Result } from '../../shared/contract/result';
import type { ExportPdfResult } from '../../shared/contract/reports/report-requests';
import { countPdfPages, printTemplates, type PrintJob, type ReportPrinter } from '../core/reports/report-printer';
import type { Logger } from '../core/logging/logger';
import type { RendererLocation } from './renderer-location';
import { lockDownNavigation } from './security';

const READY_TIMEOUT_MS = 30_000;
const MM_TO_INCH = 1 / 25.4;

/**
 * Prints a report route in a hidden window with the app's own preload and sandbox, so the print
 * page reads the core over IPC like any window; then asks where to save. `parent` anchors the dialog.
 */
export function createElectronPdfPrinter(options: {
  readonly location: RendererLocation;
  readonly preloadPath: string;
  readonly parent: () => BrowserWindow | null;
  /** The save dialog's name for the PDF file type, in the user's language. */
  readonly pdfFilterName: string;
  readonly log: Pick<Logger, 'error'>;
}): ReportPrinter {
  return async (job: PrintJob): Promise<Result<ExportPdfResult>> => {
    let bytes: Buffer;
    try {
      job.onProgress('rendering');
      bytes = await render(job, options.location, options.preloadPath, () => job.onProgress('printing'));
    } catch (error) {
      options.log.error('printing a report failed', error, { route: job.route });
      return fail('internal', `Printing failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parent = options.parent();
    const saveOptions = { defaultPath: job.fileName, filters: [{ name: options.pdfFilterName, extensions: ['pdf'] }] };
    const choice = parent ? await dialog.showSaveDialog(parent, saveOptions) : await dialog.showSaveDialog(saveOptions);
    if (choice.canceled || !choice.filePath) return ok({ outcome: 'cancelled' });
    try {
      await writeFile(choice.filePath, bytes);
    } catch (error) {
      options.log.error('saving a printed report failed', error, { path: choice.filePath });
      return fail('internal', `Could not save ${choice.filePath}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return ok({ outcome: 'saved', path: choice.filePath, pages: countPdfPages(bytes) });
  };
}

async function render(job: PrintJob, location: RendererLocation, preloadPath: string, onPrinting: () => void): Promise<Buffer> {
  const window = new BrowserWindow({
    show: false,
    width: 1200,
    height: 1600,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      offscreen: false,
    },
  });
  lockDownNavigation(window.webContents, location);
  try {
    if (location.kind === 'dev-server') await window.loadURL(`${location.url}#/${job.route}`);
    else await window.loadFile(location.path, { hash: `/${job.route}` });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    // The page flags readiness once data and charts are drawn; poll instead of trusting load events.
    while ((await window.webContents.executeJavaScript('document.body.dataset.printReady === "true"')) !== true) {
      if (Date.now() > deadline) throw new Error('the report page did not finish drawing');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    onPrinting();
    const { header, footer } = printTemplates(job.labels);
    return await window.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: header,
      footerTemplate: footer,
      margins: { top: 16 * MM_TO_INCH, bottom: 16 * MM_TO_INCH, left: 12 * MM_TO_INCH, right: 12 * MM_TO_INCH },
    });
  } finally {
    window.destroy();
  }
}
