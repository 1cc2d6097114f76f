import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger as PinoLogger } from 'pino';
import pinoRoll, { type RollingStream } from 'pino-roll';
import type { LogRecord } from './log-record';
import { levelHelpers, type Logger } from './logger';

/** `<dataDir>/logs`: beside the database, so one folder holds everything a support case needs. */
export const LOG_DIRECTORY_NAME = 'logs';
/** pino-roll numbers the files: fieldcrm.1.log, fieldcrm.2.log, …; the highest number is current. */
export const LOG_FILE_BASE = 'fieldcrm';
export const LOG_FILE_EXTENSION = '.log';

export type FileLoggerOptions = {
  /** The data directory; the logs go to `<dataDir>/logs`. */
  readonly dataDir: string;
  /** Size at which a file rolls over (pino-roll syntax: '5m', '512k'). */
  readonly maxFileSize?: string;
  /** Rolled files kept besides the current one. */
  readonly keepFiles?: number;
  /** Also hand each record to this (the terminal in development). */
  readonly echo?: (record: LogRecord) => void;
};

export function logDirectory(dataDir: string): string {
  return join(dataDir, LOG_DIRECTORY_NAME);
}

/** The highest-numbered log file: the one being written. */
export function newestLogFile(directory: string): string {
  let newest = 0;
  for (const name of readdirSync(directory)) {
    const number = Number(new RegExp(`^${LOG_FILE_BASE}\\.(\\d+)\\${LOG_FILE_EXTENSION}$`).exec(name)?.[1] ?? 0);
    newest = Math.max(newest, number);
  }
  return join(directory, `${LOG_FILE_BASE}.${Math.max(newest, 1)}${LOG_FILE_EXTENSION}`);
}

/**
 * A rotating log file (pino + pino-roll) in `<dataDir>/logs`: a few files of a few MB, so a laptop
 * that runs for months never fills its disk with logs. The directory is 0700 and the files 0600:
 * messages name record ids and paths, which other local users need not see. The caller is the
 * only writer of these files (one per host process; other threads post records to it).
 */
export async function createFileLogger(options: FileLoggerOptions): Promise<Logger> {
  const directory = logDirectory(options.dataDir);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  // mkdir's mode does not apply to a directory that exists already, and the umask filters it.
  chmodSync(directory, 0o700);
  for (const name of readdirSync(directory)) {
    if (name.startsWith(`${LOG_FILE_BASE}.`)) chmodSync(join(directory, name), 0o600);
  }
  const stream: RollingStream = await pinoRoll({
    file: join(directory, LOG_FILE_BASE),
    extension: LOG_FILE_EXTENSION,
    size: options.maxFileSize ?? '5m',
    limit: { count: options.keepFiles ?? 4, removeOtherLogFiles: true },
    mode: 0o600,
  });
  const logger: PinoLogger = pino({ base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, stream);

  const write = (record: LogRecord): void => {
    const fields = {
      ...record.context,
      ...(record.source ? { source: record.source } : {}),
      ...(record.error ? { error: record.error } : {}),
    };
    logger[record.level](fields, record.message);
    options.echo?.(record);
  };

  let closing: Promise<void> | undefined;
  return {
    write,
    ...levelHelpers(write),
    flushSync: () => stream.flushSync(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        stream.end();
      });
      return closing;
    },
    // The stream learns its file name only once the file is open; the directory knows at once.
    location: { directory, file: () => stream.file || newestLogFile(directory) },
  };
}
