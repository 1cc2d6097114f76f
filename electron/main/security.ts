import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../shared/contract';
import { isAppUrl, type RendererLocation } from './renderer-location';

/** The CSP also travels as a response header, which covers the dev server's responses. */
export function installContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER] },
    });
  });
  // The app needs no camera, microphone, notifications or geolocation.
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
}

/** Our page never navigates (hash routes do not count) and never opens windows. */
export function lockDownNavigation(contents: WebContents, location: RendererLocation): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(location, url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
