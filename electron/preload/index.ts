import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Only the channel names are runtime values; importing them from bridge.ts keeps zod and the
// schemas out of the sandboxed preload bundle.
import { IPC_CHANNELS } from '../../shared/contract/bridge';
import type { CrmBridge, EventMap, EventName, ParamsOf, RequestName, Result, ResultOf } from '../../shared/contract';

/**
 * The page's only door to the app. It forwards requests and events and nothing else: no raw
 * ipcRenderer, no Node, and the main process re-validates every payload anyway.
 */
type EventEnvelope = { [E in EventName]: { readonly event: E; readonly payload: EventMap[E] } }[EventName];

const crm = {
  request<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<Result<ResultOf<K>>> {
    return ipcRenderer.invoke(IPC_CHANNELS.request, name, params) as Promise<Result<ResultOf<K>>>;
  },
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    const forward = (_ipcEvent: IpcRendererEvent, envelope: EventEnvelope): void => {
      if (envelope.event === event) listener(envelope.payload as EventMap[E]);
    };
    ipcRenderer.on(IPC_CHANNELS.event, forward);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.event, forward);
    };
  },
} satisfies CrmBridge;

contextBridge.exposeInMainWorld('crm', crm);
