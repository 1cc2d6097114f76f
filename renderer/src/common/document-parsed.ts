/**
 * Resolves once the HTML parser is done with the document (at once if it already is). The entry
 * script runs async (electron.vite.config.ts), so it can start before the end of the page is in:
 * what start-up reads from the page waits for this.
 */
export function documentParsed(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}
