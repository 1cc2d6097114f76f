/** Severity of a log record; `fatal` is kept for failures that stop the app (start-up, a crashed core). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** Small structured facts beside the message (ids, counts, paths); never record contents or secrets. */
export type LogContext = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * One log line as it crosses threads: plain data, so the core thread can post it to the host
 * thread (which owns the file) with structured clone. `error` is already a string (stack or message).
 */
export type LogRecord = {
  readonly level: LogLevel;
  readonly message: string;
  readonly error?: string;
  readonly context?: LogContext;
  /** Which part of the app wrote it: 'main', 'core', 'host'. */
  readonly source?: string;
};

/** Where a record goes: the host's file logger, a test's array, or the core thread's port. */
export type LogSink = (record: LogRecord) => void;

/** The stack when there is one (it names the code path), else the message or the value itself. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    // A cyclic or exotic value: its String() form is the best we can record.
    return String(error);
  }
}

/** A record for `message`, with the error described when there is one. */
export function logRecord(level: LogLevel, message: string, error?: unknown, context?: LogContext, source?: string): LogRecord {
  return {
    level,
    message,
    ...(error === undefined ? {} : { error: describeError(error) }),
    ...(context ? { context } : {}),
    ...(source ? { source } : {}),
  };
}
