import { app, BrowserWindow, dialog, safeStorage, session, shell } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import { logDirectory } from '../core/logging/file-logger';
import { logRecord, type LogRecord } from '../core/logging/log-record';
import { formatForTerminal, type Logger } from '../core/logging/logger';
import { openHostLogger } from '../core/logging/open-host-logger';
import { startCoreThread, type CoreThread } from '../core/threads/core-thread';
import { loadDatabaseKey } from './database-key-store';
import { connectIpc } from './ipc';
import { createMainStrings, mainLanguage } from './main-strings';
import { createMainWindow } from './main-window';
import { installMenu } from './menu';
import { createElectronPdfPrinter } from './pdf-printer';
import { resolveRendererLocation } from './renderer-location';
import { installContentSecurityPolicy } from './security';

/** The running app, as the lifecycle (index.ts) and tests see it. */
export type RunningApp = {
  readonly core: CoreThread;
  readonly logger: Logger;
  readonly dataDir: string;
  window(): BrowserWindow | null;
  /** Ends IPC, closes the core (SQLite flushed and closed on its thread) and then the log file. */
  close(): Promise<void>;
};

/** A failed start, with what the dialog names: the log file and the data folder. */
export class StartFailure extends Error {
  readonly code = 'start_failed';
  constructor(
    cause: unknown,
    readonly logFile: string | undefined,
    readonly dataDir: string,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'StartFailure';
  }
}

export type StartOptions = {
  /** Called when the core thread stops by itself after the start (a crash); default: a dialog, then exit. */
  readonly onCoreExit?: (error: Error, running: { readonly logger: Logger; readonly t: TFunction }) => void;
};

const mainDir = import.meta.dirname;
const preloadPath = join(mainDir, '../preload/index.cjs');

/**
 * Starts the Electron app: the log file, the database key from the OS key store, the core on its
 * worker thread (electron/core/threads, the module the browser host uses too), then IPC, the menu
 * and the window. The main thread itself never opens the database: it creates windows, relays
 * validated IPC, shows dialogs, prints PDFs and holds the key store.
 */
export async function startElectronApp(options: StartOptions = {}): Promise<RunningApp> {
  await app.whenReady();
  // One database per OS user, in the standard per-user application data directory.
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const echo = app.isPackaged
    ? undefined
    : (record: LogRecord) => void (record.level !== 'info' && console.error(formatForTerminal(record)));
  const logger = await openHostLogger(dataDir, echo);
  const t = createMainStrings(mainLanguage(app.getPreferredSystemLanguages()));
  try {
    return await startWith(logger, t, dataDir, options);
  } catch (error) {
    logger.write(logRecord('fatal', 'FieldCRM could not start', error, undefined, 'main'));
    logger.flushSync();
    throw new StartFailure(error, logger.location?.file(), dataDir);
  }
}

async function startWith(logger: Logger, t: TFunction, dataDir: string, options: StartOptions): Promise<RunningApp> {
  const isDev = !app.isPackaged;
  logger.info('FieldCRM starting', { version: app.getVersion(), electron: process.versions.electron ?? '', packaged: app.isPackaged });
  const location = resolveRendererLocation(mainDir, process.env['ELECTRON_RENDERER_URL'], app.isPackaged);
  installContentSecurityPolicy(session.defaultSession);

  // After whenReady: safeStorage only knows which OS key store it has once the app is ready.
  const { key, protection } = await loadDatabaseKey({ dataDir, safeStorage, log: logger });
  let mainWindow: BrowserWindow | null = null;
  const onCoreExit = options.onCoreExit ?? showCoreStopped;
  const core = await startCoreThread({
    dataDir,
    appVersion: app.getVersion(),
    host: 'electron',
    databaseKey: key,
    keyProtection: protection,
    log: logger.write,
    onUnexpectedExit: (error) => onCoreExit(error, { logger, t }),
  }).finally(() => key.fill(0));
  // The core thread has its own copy; this thread keeps none.
  core.setPrinter(
    createElectronPdfPrinter({ location, preloadPath, parent: () => mainWindow, pdfFilterName: t('dialog.pdfFilter'), log: logger }),
  );
  const disconnectIpc = connectIpc(core, location, logger);
  const logsFolder = logger.location?.directory ?? logDirectory(dataDir);
  installMenu(() => mainWindow, {
    isDev,
    isMac: process.platform === 'darwin',
    t,
    openLogsFolder: () => {
      const failed = (problem: unknown): void => {
        logger.warn('opening the logs folder failed', problem, { folder: logsFolder });
        dialog.showErrorBox(t('menu.openLogs'), t('dialog.logsFolderFailed', { message: String(problem) }));
      };
      // openPath resolves with an error message ('' when it worked) rather than rejecting.
      void shell.openPath(logsFolder).then((problem) => problem && failed(problem), failed);
    },
  });

  const openWindow = (): void => {
    const icon = windowIcon();
    mainWindow = createMainWindow({ location, preloadPath, userDataDir: dataDir, log: logger, ...(icon ? { iconPath: icon } : {}) });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  logger.info('FieldCRM started', { keyProtection: protection });

  let closing: Promise<void> | undefined;
  return {
    core,
    logger,
    dataDir,
    window: () => mainWindow,
    close() {
      closing ??= (async () => {
        disconnectIpc();
        await core.close();
        logger.info('FieldCRM closed');
        await logger.close();
      })();
      return closing;
    },
  };
}

/** build/icon.png in a checkout; packaged, the copy electron-builder puts in the resources (extraResources). */
function windowIcon(): string | undefined {
  const resources = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  const path = app.isPackaged && resources ? join(resources, 'icon.png') : join(app.getAppPath(), 'build', 'icon.png');
  return existsSync(path) ? path : undefined;
}

function showCoreStopped(_error: Error, running: { readonly logger: Logger; readonly t: TFunction }): void {
  running.logger.flushSync();
  dialog.showErrorBox(
    running.t('dialog.coreStoppedTitle'),
    running.t('dialog.coreStoppedBody', { logFile: running.logger.location?.file() ?? '' }),
  );
  app.exit(1);
}
