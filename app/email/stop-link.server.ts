import { createHmac, timingSafeEqual } from 'node:crypto';
import { absoluteUrl } from '#emails/format';
import { parseId } from '~/utils/ids';

// The link in each resident mail that stops non-essential mail for that voice:
// /mail/stop/<submissionId>.<HMAC-SHA256(SESSION_SECRET)>, base64url. Nothing is stored, and
// a link cannot be forged for another voice without the secret.

function mac(submissionId: number, secret: string): string {
  return createHmac('sha256', secret).update(`mail-stop:${submissionId}`).digest('base64url');
}

export function signStopToken(submissionId: number, secret: string): string {
  return `${submissionId}.${mac(submissionId, secret)}`;
}

/** The voice the token was signed for, or null for anything else. */
export function verifyStopToken(token: string, secret: string): number | null {
  const match = /^([1-9]\d{0,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const submissionId = parseId(match[1]);
  if (submissionId === null) return null;
  const expected = Buffer.from(mac(submissionId, secret));
  const given = Buffer.from(match[2]!);
  return given.length === expected.length && timingSafeEqual(given, expected) ? submissionId : null;
}

export function mailStopUrl(appUrl: string, submissionId: number, secret: string): string {
  return absoluteUrl(appUrl, `/mail/stop/${signStopToken(submissionId, secret)}`);
}
