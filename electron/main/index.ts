import { app, BrowserWindow, dialog } from 'electron';
import { logRecord } from '../core/logging/log-record';
import { createMainStrings, mainLanguage } from './main-strings';
import { startElectronApp, StartFailure, type RunningApp } from './start';

/**
 * The Electron entry: one instance per user, the app's lifecycle, and a dialog that names the log
 * file when the start fails. What starts is in start.ts; all data work happens in the core, on its
 * own thread (electron/core/threads).
 */
if (!app.requestSingleInstanceLock()) {
  // A second instance would open the same SQLite file; hand over to the first one instead.
  app.quit();
} else {
  let running: RunningApp | undefined;
  const starting = startElectronApp().then((started) => {
    running = started;
    return started;
  });

  app.on('second-instance', () => {
    const window = running?.window() ?? BrowserWindow.getAllWindows()[0];
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    // The core finishes in-flight writes and closes SQLite before the process exits.
    event.preventDefault();
    closed = true;
    void starting
      .then((started) => started.close())
      .catch((error: unknown) => {
        // A failed start has shown its dialog and exits by itself; a failed close is logged.
        running?.logger.write(logRecord('error', 'closing FieldCRM failed', error, undefined, 'main'));
      })
      .finally(() => app.quit());
  });

  process.on('uncaughtException', (error) => {
    running?.logger.write(logRecord('fatal', 'uncaught exception in the main process', error, undefined, 'main'));
    running?.logger.flushSync();
    const t = createMainStrings(mainLanguage(app.getPreferredSystemLanguages()));
    dialog.showErrorBox(t('dialog.unexpectedErrorTitle'), String(error.stack ?? error.message));
    app.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    running?.logger.write(logRecord('error', 'unhandled promise rejection in the main process', reason, undefined, 'main'));
  });

  starting.catch((error: unknown) => {
    // Most often the database could not be opened (disk full, a newer app's schema, a locked file,
    // a key the key store cannot unseal). Say so in a window: a packaged app has no console anyone
    // would read, and the log file keeps the whole story.
    const failure = error instanceof StartFailure ? error : new StartFailure(error, undefined, app.getPath('userData'));
    const t = createMainStrings(mainLanguage(app.getPreferredSystemLanguages()));
    dialog.showErrorBox(
      t('dialog.startFailedTitle'),
      t('dialog.startFailedBody', { message: failure.message.slice(0, 2000), logFile: failure.logFile ?? '—', dataDir: failure.dataDir }),
    );
    app.exit(1);
  });
}
