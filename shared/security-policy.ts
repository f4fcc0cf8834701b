/**
 * The Content Security Policy, in one place: the web build writes it into index.html's
 * meta tag and the Electron main process sends it as a response header. Everything the
 * app needs is bundled, so nothing may be fetched from anywhere but the app itself.
 * (Electron security checklist: "Define a Content Security Policy".)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // React Flow positions nodes with inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
