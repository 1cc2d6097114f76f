import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { TFunction } from 'i18next';
import { IPC_CHANNELS, type EventMap, type UiCommand } from '../../shared/contract';

export type MenuOptions = {
  readonly isDev: boolean;
  readonly isMac: boolean;
  readonly t: TFunction;
  /** Help › Open Logs Folder. */
  readonly openLogsFolder: () => void;
};

/**
 * The usual menus plus app commands. Accelerators live here (not only in page key handlers) so
 * they work whatever has focus and show up in the menu for discoverability. The renderer acts on
 * the commands (ui.command): New Record opens the create form of the area on screen, Settings the
 * settings page, Search focuses the header search.
 */
export function installMenu(getWindow: () => BrowserWindow | null, options: MenuOptions): void {
  const { t } = options;
  const send = (command: UiCommand): void => {
    const payload: EventMap['ui.command'] = { command };
    getWindow()?.webContents.send(IPC_CHANNELS.event, { event: 'ui.command', payload });
  };

  const devItems: MenuItemConstructorOptions[] = options.isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];

  const template: MenuItemConstructorOptions[] = [
    ...(options.isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: t('menu.file'),
      submenu: [
        { label: t('menu.newRecord'), accelerator: 'CmdOrCtrl+N', click: () => send('new-record') },
        { label: t('menu.settings'), accelerator: 'CmdOrCtrl+,', click: () => send('open-settings') },
        { type: 'separator' },
        options.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: t('menu.view'),
      submenu: [
        { label: t('menu.search'), accelerator: 'CmdOrCtrl+K', click: () => send('focus-search') },
        { type: 'separator' },
        ...devItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', label: t('menu.help'), submenu: [{ label: t('menu.openLogs'), click: options.openLogsFolder }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
