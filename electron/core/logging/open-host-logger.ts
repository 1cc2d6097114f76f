import { createFileLogger } from './file-logger';
import type { LogRecord } from './log-record';
import { createConsoleLogger, type Logger } from './logger';

/**
 * The host's logger: the rotating file in `<dataDir>/logs`, or the terminal when the file cannot be
 * opened (a read-only or full disk must not stop the app; the terminal line says why).
 */
export async function openHostLogger(dataDir: string, echo?: (record: LogRecord) => void): Promise<Logger> {
  try {
    return await createFileLogger({ dataDir, ...(echo ? { echo } : {}) });
  } catch (error) {
    const fallback = createConsoleLogger();
    fallback.warn('could not open the log file; logging to the terminal only', error, { dataDir });
    return fallback;
  }
}
