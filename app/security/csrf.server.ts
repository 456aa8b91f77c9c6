import type { Config } from '~/config.server';
import { languageFromCookie } from '~/i18n/i18n';
import { requestLanguage, serverT, supportedLanguages } from '~/i18n/resources.server';
import { plainPage } from './plain-page.server';
import { isOpen311Path, isStaffPath } from './request-paths';

// CSRF defence (docs/decisions/security-csrf-origin-check.md): a state-changing request is
// accepted only when the browser says it comes from our own origin. Browsers send Origin on
// every POST and Sec-Fetch-Site on every request; another site can forge neither. The same
// rule runs in the Express layer for every path (a clean 403 page before anything else, see
// csrfDecision) and in the backoffice guards (requireUser, and the sign-in pages), so it holds
// however the app is mounted.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

export type OriginVerdict = 'same-origin' | 'cross-origin' | 'unknown';

export interface OriginHeaders {
  origin: string | null;
  secFetchSite: string | null;
}

/**
 * Judges a request by Origin, or by Sec-Fetch-Site when Origin is absent or opaque. A page of
 * ours sent with a strict referrer policy makes Chromium post with `Origin: null`; the browser
 * still says `Sec-Fetch-Site: same-origin` then, which no page can forge.
 */
export function judgeOriginHeaders(headers: OriginHeaders, allowed: ReadonlySet<string>): OriginVerdict {
  const { origin, secFetchSite } = headers;
  if (origin === 'null') return secFetchSite === 'same-origin' ? 'same-origin' : 'cross-origin';
  if (origin !== null) return allowed.has(origin) ? 'same-origin' : 'cross-origin';
  if (secFetchSite === 'same-origin') return 'same-origin';
  if (secFetchSite) return 'cross-origin';
  return 'unknown';
}

/** The origins that may post to us: the configured APP_URL and the origin the request was addressed to. */
export function allowedOrigins(config: Pick<Config, 'APP_URL'>, requestOrigin: string | null): Set<string> {
  const origins = new Set([new URL(config.APP_URL).origin]);
  if (requestOrigin) origins.add(requestOrigin);
  return origins;
}

export function judgeOrigin(request: Request, config: Pick<Config, 'APP_URL'>): OriginVerdict {
  return judgeOriginHeaders(
    { origin: request.headers.get('origin'), secFetchSite: request.headers.get('sec-fetch-site') },
    allowedOrigins(config, new URL(request.url).origin),
  );
}

/** Safe methods always pass; others only when provably same-origin (neither header → refused). */
function isAcceptableOrigin(method: string, verdict: OriginVerdict): boolean {
  return isSafeMethod(method) || verdict === 'same-origin';
}

/**
 * The one policy, for every path, applied by the Express layer before anything reads the body:
 * - safe methods pass; the Open311 API passes (a key in the body, no cookies: nothing ambient
 *   for another site to borrow, and browser apps of other sites are its legitimate clients);
 * - a request the browser marks as another site's (Origin or Sec-Fetch-Site) is refused;
 * - a request that proves nothing (neither header: scripts, very old browsers) is refused in the
 *   backoffice, where a session cookie carries authority, and accepted on the resident forms,
 *   which need no sign-in (anyone may post them directly).
 */
export function csrfDecision(method: string, rawPath: string, verdict: OriginVerdict): 'accept' | 'refuse' {
  if (isSafeMethod(method) || isOpen311Path(rawPath) || verdict === 'same-origin') return 'accept';
  if (verdict === 'unknown' && !isStaffPath(rawPath)) return 'accept';
  return 'refuse';
}

/** The refusal page for a path: the backoffice's words there, the resident's elsewhere. */
export function crossSiteRefusalPage(rawPath: string, cookieHeader: string | null): string {
  if (isStaffPath(rawPath)) return csrfRefusalPage(cookieHeader);
  const language = languageFromCookie(cookieHeader, supportedLanguages());
  const t = serverT(language, 'errors');
  return plainPage(language, t('crossSiteTitle'), t('crossSiteBody'), { href: '/', label: t('backHome') });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** The refusal as a small page, for the Express layer (no Remix render needed). */
function csrfRefusalPage(cookieHeader: string | null): string {
  const language = languageFromCookie(cookieHeader, supportedLanguages());
  const t = serverT(language, 'staff');
  return `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${escapeHtml(t('forbidden.title'))}</title></head><body><main><h1>${escapeHtml(t('forbidden.title'))}</h1>`
    + `<p>${escapeHtml(t('csrf.refused'))}</p><p><a href="/staff">${escapeHtml(t('backToDashboard'))}</a></p></main></body></html>`;
}

/** Throws a translated 403 unless a state-changing request is provably same-origin. */
export function assertSameOrigin(request: Request, config: Pick<Config, 'APP_URL'>): void {
  if (isAcceptableOrigin(request.method, judgeOrigin(request, config))) return;
  const t = serverT(requestLanguage(request), 'staff');
  throw new Response(t('csrf.refused'), { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
