import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import { lockDownNavigation } from './security';
import type { Logger } from '../core/logging/logger';
import type { RendererLocation } from './renderer-location';
import { isVisibleOnSomeDisplay, loadWindowState, saveWindowState, type WindowState } from './window-state';

export type MainWindowOptions = {
  readonly location: RendererLocation;
  readonly preloadPath: string;
  readonly userDataDir: string;
  readonly iconPath?: string;
  readonly log: Pick<Logger, 'warn'>;
};

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const stateFile = join(options.userDataDir, 'window-state.json');
  const saved = loadWindowState(stateFile);
  const onScreen = isVisibleOnSomeDisplay(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
  );

  const window = new BrowserWindow({
    width: saved.width,
    height: saved.height,
    ...(onScreen ? { x: saved.x, y: saved.y } : {}),
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'FieldCRM',
    backgroundColor: '#f6f7f9',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    },
  });
  if (saved.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  lockDownNavigation(window.webContents, options.location);
  rememberBounds(window, stateFile, options.log);

  const loading = options.location.kind === 'dev-server' ? window.loadURL(options.location.url) : window.loadFile(options.location.path);
  loading.catch((error: unknown) => options.log.warn('the window could not load the app page', error));
  return window;
}

/** Saves on close, and debounced while moving, so a crash keeps the last position too. */
function rememberBounds(window: BrowserWindow, stateFile: string, log: Pick<Logger, 'warn'>): void {
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    const bounds = window.getNormalBounds();
    const state: WindowState = { ...bounds, maximized: window.isMaximized() };
    try {
      saveWindowState(stateFile, state);
    } catch (error) {
      // Losing the window position is not worth interrupting the user; note it for diagnostics.
      log.warn('could not save the window state', error);
    }
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', () => {
    clearTimeout(timer);
    save();
  });
}
