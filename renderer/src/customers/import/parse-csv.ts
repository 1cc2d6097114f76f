import Papa from 'papaparse';
import { MAX_IMPORT_CELL, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from '../../../../shared/contract/customers/import-requests';

export const MAX_FILE_MB = 50;

export type ParsedCsv = {
  readonly headers: ReadonlyArray<string>;
  /** Data rows (header excluded), each cut to MAX_IMPORT_CELL characters per cell. */
  readonly rows: ReadonlyArray<ReadonlyArray<string>>;
};

export type CsvProblem =
  | { readonly code: 'encoding' | 'binary' | 'empty' }
  | { readonly code: 'tooLarge'; readonly max: number }
  | { readonly code: 'tooManyRows' | 'tooManyColumns'; readonly max: number }
  | { readonly code: 'parse'; readonly message: string };

export type ParseOutcome = { readonly ok: true; readonly csv: ParsedCsv } | { readonly ok: false; readonly problem: CsvProblem };

/**
 * File-level checks happen here, before anything reaches the core: a file that is not UTF-8 text
 * (an .xlsx renamed, a GBK export) is refused as a whole with a clear reason rather than imported
 * as mojibake. Row-level checks are the core's (shared domain schema).
 */
export function parseCsvBytes(bytes: Uint8Array): ParseOutcome {
  if (bytes.byteLength > MAX_FILE_MB * 1024 * 1024) return { ok: false, problem: { code: 'tooLarge', max: MAX_FILE_MB } };
  if (bytes.includes(0)) return { ok: false, problem: { code: 'binary' } };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, problem: { code: 'encoding' } };
  }
  return parseCsvText(text);
}

export function parseCsvText(text: string): ParseOutcome {
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: false, delimiter: '' });
  const fatal = parsed.errors.find((error) => error.type === 'Quotes' || error.type === 'Delimiter');
  if (fatal && parsed.data.length <= 1) return { ok: false, problem: { code: 'parse', message: fatal.message } };
  const data = parsed.data;
  // A trailing newline yields one empty row; blank rows inside keep their place so row numbers match the file.
  while (data.length > 0 && (data.at(-1) ?? []).every((cell) => cell.trim() === '')) data.pop();
  const [headers, ...rows] = data;
  if (!headers || rows.length === 0) return { ok: false, problem: { code: 'empty' } };
  if (rows.length > MAX_IMPORT_ROWS) return { ok: false, problem: { code: 'tooManyRows', max: MAX_IMPORT_ROWS } };
  if (headers.length > MAX_IMPORT_COLUMNS || rows.some((row) => row.length > MAX_IMPORT_COLUMNS)) {
    return { ok: false, problem: { code: 'tooManyColumns', max: MAX_IMPORT_COLUMNS } };
  }
  const cut = (cell: string): string => (cell.length > MAX_IMPORT_CELL ? cell.slice(0, MAX_IMPORT_CELL) : cell);
  return { ok: true, csv: { headers: headers.map((header) => header.trim()), rows: rows.map((row) => row.map(cut)) } };
}
