import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { fail, IPC_CHANNELS } from '../../shared/contract';
import type { Logger } from '../core/logging/logger';
import type { CoreThread, HostSession } from '../core/threads/core-thread';
import { isAppUrl, type RendererLocation } from './renderer-location';

/**
 * Relays IPC to the core thread: one core session per page load, so a reload or a closed window
 * ends that page's live subscriptions. Every message's sender must be the top frame of our own
 * page; the request name must be a string, and the core's dispatcher validates name and params
 * against the contract's schemas before any handler runs.
 */
export function connectIpc(core: Pick<CoreThread, 'openSession'>, location: RendererLocation, log: Pick<Logger, 'warn'>): () => void {
  const sessions = new Map<number, HostSession>();
  const watched = new Set<number>();

  function endSession(contentsId: number): void {
    sessions.get(contentsId)?.close();
    sessions.delete(contentsId);
  }

  function sessionFor(contents: WebContents): HostSession {
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
    if (!isTrusted(event)) {
      log.warn('refused IPC from an unexpected frame', undefined, { url: event.senderFrame?.url ?? 'none' });
      return fail('forbidden', 'IPC from an unexpected frame');
    }
    if (typeof name !== 'string') return fail('invalid_request', 'request name must be a string');
    return sessionFor(event.sender).request(name, params);
  });

  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.request);
    for (const session of sessions.values()) session.close();
    sessions.clear();
  };
}
