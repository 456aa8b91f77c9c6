// How the router reads a path, for the decisions taken in front of it (no-store, CSRF refusal
// page, body limits): React Router decodes each segment and matches without regard to case,
// so /STAFF/inbox and /%73taff/inbox are the backoffice's inbox and must be treated as such.

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The path as the router matches it: each segment percent-decoded, in lower case. */
export function routerPath(rawPath: string): string {
  return rawPath.split('/').map(decodeSegment).join('/').toLowerCase();
}

/** The same path without Remix's data-request suffix (/send.data, /staff.data, /_root.data). */
function pagePath(rawPath: string): string {
  return routerPath(rawPath).replace(/\.data$/, '');
}

/** The admin's boundary screen (and its data request): GeoJSON of a few MB is posted there. */
export function isBoundaryPath(rawPath: string): boolean {
  return pagePath(rawPath) === '/staff/admin/boundary';
}

/** Backoffice pages (and their data requests): /staff and everything under it, in any spelling. */
export function isStaffPath(rawPath: string): boolean {
  const path = pagePath(rawPath);
  return path === '/staff' || path.startsWith('/staff/');
}

/** The Open311 API: machines with an api_key, no cookies, answers in JSON or XML. */
export function isOpen311Path(rawPath: string): boolean {
  return routerPath(rawPath).startsWith('/open311/');
}

/**
 * Every post that may carry photos: the resident's form, staff entering a voice, photo
 * evidence of an improvement record, Open311 `POST requests` with `media`.
 */
export function isPhotoUploadPath(rawPath: string): boolean {
  const path = pagePath(rawPath);
  return path === '/send' || path === '/staff/voices/new' || /^\/staff\/improvements\/[^/]+\/photos$/.test(path)
    || /^\/open311\/v2\/requests\.(json|xml)$/.test(routerPath(rawPath));
}
