import { Transform, type Readable } from 'node:stream';
import { languageFromCookie } from '~/i18n/i18n';
import { serverT, supportedLanguages } from '~/i18n/resources.server';
import { PHOTO_MAX_BYTES } from '~/domain/voice-form';
import { MAX_SEND_REQUEST_BYTES, MAX_SMALL_FORM_BYTES } from '~/security/public-limits.server';
import { escapeHtml, plainPage } from './plain-page.server';
import { isBoundaryPath, isOpen311Path, isPhotoUploadPath, isStaffPath } from './request-paths';

// Request body limits (docs/decisions/security-request-body-limits.md), one mechanism for every
// route: the Express layer counts the bytes as they are read from the socket, whatever the
// request declares (a chunked body has no Content-Length), and answers 413 the moment a body
// passes its path's limit, closing the connection instead of reading the rest.

const MB = 1024 * 1024;

const BODY_LIMITS = {
  /** Forms with photos (isPhotoUploadPath): 3 photos × 10 MB and the text (the form's own 35 MB check answers first), plus multipart framing. */
  send: MAX_SEND_REQUEST_BYTES + MB,
  /** Open311 `POST requests` as multipart with one `media` photo of at most 10 MB, plus the fields and framing. */
  open311Media: PHOTO_MAX_BYTES + MB,
  /** Backoffice forms: replies, improvement records and reviews hold several long texts. */
  staff: MB,
  /** The city's boundary (GeoJSON pasted on /staff/admin/boundary; 国土数値情報 files run to a few MB, form-encoded larger). */
  boundary: 12 * MB,
  /** Everything else: ratings, surveys, the stop link, the language switch, Open311. */
  other: MAX_SMALL_FORM_BYTES,
} as const;

/** The limit of a post to `rawPath`; Open311 takes a photo only as multipart, other bodies there stay small. */
export function bodyLimitFor(rawPath: string, contentType = ''): number {
  if (isPhotoUploadPath(rawPath)) {
    if (!isOpen311Path(rawPath)) return BODY_LIMITS.send;
    return contentType.toLowerCase().startsWith('multipart/form-data') ? BODY_LIMITS.open311Media : BODY_LIMITS.other;
  }
  if (isBoundaryPath(rawPath)) return BODY_LIMITS.boundary;
  if (isStaffPath(rawPath)) return BODY_LIMITS.staff;
  return BODY_LIMITS.other;
}

class RequestBodyTooLargeError extends Error {
  override name = 'RequestBodyTooLargeError';
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** True when the declared Content-Length alone is over the limit (refused before reading anything). */
export function declaredTooLarge(contentLength: string | undefined, limit: number): boolean {
  if (contentLength === undefined) return false;
  const declared = Number(contentLength);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * The request body as a stream that passes bytes on until `limit` is exceeded, then calls
 * `onTooLarge` once and fails (the reader sees RequestBodyTooLargeError). Nothing is buffered
 * beyond the stream's own small window: a slow reader pauses the socket.
 */
export function limitedBody(source: Readable, limit: number, onTooLarge: () => void): Readable {
  let seen = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) {
        source.unpipe(counted);
        source.pause();
        onTooLarge();
        callback(new RequestBodyTooLargeError(limit));
        return;
      }
      callback(null, chunk);
    },
  });
  source.on('error', (error) => counted.destroy(error));
  source.pipe(counted);
  return counted;
}

/** The 413 answer for this path: GeoReport errors for Open311, a page in the reader's language elsewhere. */
export function tooLargeAnswer(rawPath: string, cookieHeader: string | null, limit: number): { type: string; body: string } {
  if (isOpen311Path(rawPath)) {
    const description = `the request body is too large (at most ${limit} bytes)`;
    return rawPath.toLowerCase().endsWith('.xml')
      ? { type: 'application/xml; charset=utf-8', body: `<?xml version="1.0" encoding="utf-8"?><errors><error><code>413</code><description>${escapeHtml(description)}</description></error></errors>` }
      : { type: 'application/json; charset=utf-8', body: JSON.stringify([{ code: 413, description }]) };
  }
  const language = languageFromCookie(cookieHeader, supportedLanguages());
  const t = serverT(language, 'errors');
  const staff = isStaffPath(rawPath);
  const body = isPhotoUploadPath(rawPath) ? t('citizen:limits.tooLargeBody') : t('tooLargeBody');
  return { type: 'text/html; charset=utf-8', body: plainPage(language, t('tooLargeTitle'), body, staff ? { href: '/staff', label: t('staff:backToDashboard') } : { href: '/', label: t('backHome') }) };
}
