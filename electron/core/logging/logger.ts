import { logRecord, type LogContext, type LogRecord } from './log-record';

/**
 * What hosts log through: the file logger when it could be opened, the terminal otherwise. Only
 * the host thread holds one; the core thread posts LogRecords to it.
 */
export type Logger = {
  write(record: LogRecord): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, error?: unknown, context?: LogContext): void;
  error(message: string, error?: unknown, context?: LogContext): void;
  /** Writes what is buffered before returning: call before a dialog or an exit. */
  flushSync(): void;
  close(): Promise<void>;
  /** Where the file is, for a dialog or the "Open logs folder" menu; absent when logging to the terminal. */
  readonly location?: { readonly directory: string; file(): string };
};

/** The level helpers every logger shares, built on its `write`. */
export function levelHelpers(write: (record: LogRecord) => void): Pick<Logger, 'info' | 'warn' | 'error'> {
  return {
    info: (message, context) => write(logRecord('info', message, undefined, context)),
    warn: (message, error, context) => write(logRecord('warn', message, error, context)),
    error: (message, error, context) => write(logRecord('error', message, error, context)),
  };
}

/** One line per record on stderr: `[source] level message {context}` and the error below it. */
export function formatForTerminal(record: LogRecord): string {
  const context = record.context && Object.keys(record.context).length > 0 ? ` ${JSON.stringify(record.context)}` : '';
  const head = `[${record.source ?? 'app'}] ${record.level} ${record.message}${context}`;
  return record.error ? `${head}\n${record.error}` : head;
}

/** The fallback when no log file can be opened (read-only disk, no permission): the terminal. */
export function createConsoleLogger(): Logger {
  const write = (record: LogRecord): void => {
    console.error(formatForTerminal(record));
  };
  return { write, ...levelHelpers(write), flushSync: () => undefined, close: async () => undefined };
}
