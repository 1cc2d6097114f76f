import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { fail, IPC_CHANNELS } from '../../shared/contract';
import type { Core } from '../core/core';
import type { Session } from '../core/rpc/session';
import { isAppUrl, type RendererLocation } from './renderer-location';

/**
 * Connects IPC to the core: one core session per page load, so a reload or a closed window ends
 * that page's live subscriptions. Every message's sender must be the top frame of our own page.
 */
export function connectIpc(core: Core, location: RendererLocation): () => void {
  const sessions = new Map<number, Session>();

  const watched = new Set<number>();

  function endSession(contentsId: number): void {
    sessions.get(contentsId)?.close();
    sessions.delete(contentsId);
  }

  function sessionFor(contents: WebContents): Session {
    const existing = sessions.get(contents.id);
    if (existing) return existing;
    const session = core.openSession((event, payload) => {
      if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.event, { event, payload });
    });
    sessions.set(contents.id, session);
    if (!watched.has(contents.id)) {
      watched.add(contents.id);
      const id = contents.id;
      // 'did-navigate' is main-frame only and skips hash-route changes: it means a reload.
      contents.on('did-navigate', () => endSession(id));
      contents.once('destroyed', () => {
        endSession(id);
        watched.delete(id);
      });
    }
    return session;
  }

  function isTrusted(event: IpcMainInvokeEvent): boolean {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isAppUrl(location, frame.url);
  }

  ipcMain.handle(IPC_CHANNELS.request, async (event, name: unknown, params: unknown) => {
    if (!isTrusted(event)) return fail('forbidden', 'IPC from an unexpected frame');
    if (typeof name !== 'string') return fail('invalid_request', 'request name must be a string');
    return sessionFor(event.sender).request(name, params);
  });

  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.request);
    for (const session of sessions.values()) session.close();
    sessions.clear();
  };
}
