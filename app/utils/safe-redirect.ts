/**
 * Only same-site paths are followed after a form: "/x" yes; "//evil.example", "/\\evil",
 * "https://…" and anything with control characters fall back to the default.
 */
export function safeRedirectPath(to: string | null | undefined, fallback: string): string {
  if (!to || typeof to !== 'string') return fallback;
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  return to;
}
