import { app, BrowserWindow, dialog, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from '../core/core';
import { connectIpc } from './ipc';
import { createMainWindow } from './main-window';
import { createElectronPdfPrinter } from './pdf-printer';
import { installMenu } from './menu';
import { resolveRendererLocation } from './renderer-location';
import { createSafeStorageTokenStore } from './safe-storage-token-store';
import { installContentSecurityPolicy } from './security';

/**
 * The Electron entry: creates the window, wires IPC to the core and nothing more. All data work
 * happens in the core (electron/core), which the browser host runs without Electron.
 */
const mainDir = import.meta.dirname;
const location = resolveRendererLocation(mainDir, process.env['ELECTRON_RENDERER_URL'], app.isPackaged);
const isDev = !app.isPackaged;

let core: Core | undefined;
let mainWindow: BrowserWindow | null = null;
let disconnectIpc: (() => void) | undefined;

function openWindow(): void {
  mainWindow = createMainWindow({
    location,
    preloadPath: join(mainDir, '../preload/index.cjs'),
    userDataDir: app.getPath('userData'),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  installContentSecurityPolicy(session.defaultSession);
  // One database per OS user, in the standard per-user application data directory.
  const dataDir = app.getPath('userData');
  // After whenReady: safeStorage only knows which OS key store it has once the app is ready.
  const tokenStore = await createSafeStorageTokenStore({ directory: dataDir, safeStorage });
  const printer = createElectronPdfPrinter({ location, preloadPath: join(mainDir, '../preload/index.cjs'), parent: () => mainWindow });
  core = await createCore({ dataDir, host: 'electron', appVersion: app.getVersion(), tokenStore, printer });
  disconnectIpc = connectIpc(core, location);
  installMenu(() => mainWindow, { isDev, isMac: process.platform === 'darwin' });
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  // A second instance would open the same SQLite file; hand over to the first one instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing || !core) return;
    // Let the core finish in-flight writes and close SQLite cleanly before the process exits.
    event.preventDefault();
    closing = true;
    disconnectIpc?.();
    void core.close().finally(() => app.quit());
  });
  start().catch((error: unknown) => {
    // Most often the database could not be opened (disk full, a newer app's schema, a locked
    // file). Say so in a window: a packaged app has no console anyone would read.
    console.error('FieldCRM failed to start', error);
    const detail = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('FieldCRM could not start', `${detail.slice(0, 2000)}\n\nData directory: ${app.getPath('userData')}`);
    app.exit(1);
  });
}
