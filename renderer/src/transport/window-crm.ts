import type { CrmBridge } from '../../../shared/contract';

// The preload (electron/preload/index.ts) exposes exactly this object; in the browser host it is
// absent and the WebSocket bridge takes its place.
declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- global augmentation merges only into an interface.
  interface Window {
    readonly crm?: CrmBridge;
  }
}

export function electronBridge(): CrmBridge | undefined {
  return window.crm;
}
