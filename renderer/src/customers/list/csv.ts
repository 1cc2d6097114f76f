/**
 * CSV for spreadsheets. Excel needs a UTF-8 byte-order mark to read Chinese correctly, and runs any
 * cell starting with = + - @ (or a tab / CR it strips first) as a formula — so such cells get a
 * leading apostrophe, which Excel shows as plain text (OWASP "CSV injection").
 */
export const UTF8_BOM = '\ufeff';

const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCsvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsvLine(cells: ReadonlyArray<string>): string {
  return cells.map(escapeCsvCell).join(',');
}

/** A whole file: BOM, header, rows, CRLF line ends (what Excel writes itself). */
export function toCsv(header: ReadonlyArray<string>, rows: Iterable<ReadonlyArray<string>>): string {
  const lines = [toCsvLine(header)];
  for (const row of rows) lines.push(toCsvLine(row));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/** Saves text as a file through a Blob link: a plain download in the browser host and in Electron. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download synchronously; revoke on the next turn so it can read the Blob.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
