import type { HttpReply } from '@lib/platform';

/**
 * The console's pages load only their own files: no inline script, no other origin, no framing.
 * The built bundle needs nothing more (Vite emits external module scripts and stylesheets).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function setConsoleSecurityHeaders(response: HttpReply): void {
  void response.header('Content-Security-Policy', CONSOLE_CSP);
  void response.header('X-Content-Type-Options', 'nosniff');
  void response.header('X-Frame-Options', 'DENY');
  void response.header('Referrer-Policy', 'no-referrer');
  void response.header('Cross-Origin-Opener-Policy', 'same-origin');
}
