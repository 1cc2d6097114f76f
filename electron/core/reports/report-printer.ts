import type { ExportPdfResult, ExportProgress } from '../../../shared/contract/reports/report-requests';
import type { Result } from '../../../shared/contract/result';

/** What a host must do to print a report: open `route` of its own renderer, wait for it, print. */
export type PrintJob = {
  /** Hash route without the `#/`, e.g. `print/quote/abc?lang=en`. */
  readonly route: string;
  /** Suggested file name, e.g. `pipeline-2025-06-30.pdf`. */
  readonly fileName: string;
  /** Already localised text for Chromium's header and footer templates. */
  readonly labels: { readonly title: string; readonly page: string };
  readonly onProgress: (phase: ExportProgress['phase']) => void;
};

/** Injected by the host (browser host: system Chromium; Electron: a hidden window), never imported by the core. */
export type ReportPrinter = (job: PrintJob) => Promise<Result<ExportPdfResult>>;

/** Chromium marks every page object `/Type /Page`; `/Pages` is the tree node and does not match. */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

/**
 * Chromium's header/footer templates: it fills `pageNumber` and `totalPages`. They render outside
 * the page's CSS, so they carry their own small styles (and need an explicit font size).
 */
export function printTemplates(labels: PrintJob['labels']): { readonly header: string; readonly footer: string } {
  const style =
    'font-family: system-ui, sans-serif; font-size: 8px; color: #6b7280; width: 100%; padding: 0 12mm; display: flex; justify-content: space-between;';
  return {
    header: `<div style="${style}"><span>FieldCRM</span><span>${escapeHtml(labels.title)}</span></div>`,
    footer: `<div style="${style}"><span class="date"></span><span>${escapeHtml(labels.page)} <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
  };
}
