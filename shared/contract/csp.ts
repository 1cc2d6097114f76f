/**
 * The page's Content-Security-Policy, sent by both hosts (Electron session headers, browser-host
 * HTTP headers) and baked into index.html as a meta tag at build time. Everything is same-origin:
 * no remote content, no inline script or style elements, no eval. React's `style={{…}}` props
 * are set through CSSOM and are not affected by style-src.
 */
const DIRECTIVES: ReadonlyArray<string> = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // 'self' covers ws:// to the same host:port (the browser host's WebSocket) in Chromium.
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
];

/** For the meta tag (frame-ancestors is ignored there, so it is header-only). */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

export const CONTENT_SECURITY_POLICY_HEADER = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
