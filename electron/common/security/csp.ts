/**
 * The renderer's Content-Security-Policy (checklist item 7), sent as a response header by both
 * hosts and repeated in index.html. No inline script, no eval, nothing remote.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // pdf.js's worker (the PDF preview before signing): a file of the app's own origin, nothing else.
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The app's own origin in Electron (custom protocol, never file://, checklist item 18). */
export const ELECTRON_APP_ORIGIN = 'app://motcua';
/** The origin the Chromium host serves the same renderer from; `.invalid` can never resolve. */
export const CHROMIUM_HOST_ORIGIN = 'https://desk.motcua.invalid';
