import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { IPC_CHANNELS, type EventMap, type UiCommand } from '../../shared/contract';

/**
 * The usual menus plus app commands. Accelerators live here (not only in page key handlers) so
 * they work whatever has focus and show up in the menu for discoverability.
 */
export function installMenu(getWindow: () => BrowserWindow | null, options: { readonly isDev: boolean; readonly isMac: boolean }): void {
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
      label: '&File',
      submenu: [
        { label: 'New Record', accelerator: 'CmdOrCtrl+N', click: () => send('new-record') },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: () => send('open-settings') },
        { type: 'separator' },
        options.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Search', accelerator: 'CmdOrCtrl+K', click: () => send('focus-search') },
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
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
