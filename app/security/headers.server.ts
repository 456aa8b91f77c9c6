import { randomBytes } from 'node:crypto';

// Security headers for every response (pages, redirects, errors, health checks, static
// files). docs/decisions/security-headers-csp.md explains each choice.

export function newCspNonce(): string {
  return randomBytes(16).toString('base64');
}

export interface HeaderOptions {
  nonce: string;
  production: boolean;
  /** Vite's dev server injects inline scripts and a websocket: CSP is relaxed there only. */
  devServer: boolean;
  /** Origins images may also come from: the map tile server, only when one is configured. */
  imageOrigins?: readonly string[];
}

export function contentSecurityPolicy({ nonce, devServer, imageOrigins = [] }: Pick<HeaderOptions, 'nonce' | 'devServer' | 'imageOrigins'>): string {
  const script = devServer ? `'self' 'unsafe-inline'` : `'self' 'nonce-${nonce}'`;
  return [
    `default-src 'self'`,
    `script-src ${script}`,
    `style-src 'self'${devServer ? ` 'unsafe-inline'` : ''}`,
    // style="" attributes only (React's style prop); <style> elements stay forbidden.
    `style-src-attr 'unsafe-inline'`,
    `img-src 'self' data: blob:${imageOrigins.map((o) => ` ${o}`).join('')}`,
    `font-src 'self'`,
    `connect-src 'self'${devServer ? ' ws: wss:' : ''}`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    `base-uri 'none'`,
    `object-src 'none'`,
  ].join('; ');
}

export function securityHeaders(options: HeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    // Tracking and reset links carry secrets in the path: other sites get the origin only.
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), payment=(), usb=(), geolocation=(self)',
  };
  // Browsers ignore HSTS over plain http, so it is safe to send whenever we run in production.
  if (options.production) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}
