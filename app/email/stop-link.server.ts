import { createHmac, timingSafeEqual } from 'node:crypto';
import { absoluteUrl } from '#emails/format';
import type { SecretKeys } from '~/secret-keys.server';
import { parseId } from '~/utils/ids';

// The link in each resident mail that stops non-essential mail for that voice:
// /mail/stop/<submissionId>.<HMAC-SHA256 with the stop-link key>, base64url. Nothing is stored,
// and a link cannot be forged for another voice without the key. Links in mail sent before the
// keys were split (signed with SESSION_SECRET itself) are still accepted.

type StopKeys = Pick<SecretKeys, 'stopLinks' | 'legacy'>;

function mac(submissionId: number, key: Buffer | string): string {
  return createHmac('sha256', key).update(`mail-stop:${submissionId}`).digest('base64url');
}

export function signStopToken(submissionId: number, keys: StopKeys): string {
  return `${submissionId}.${mac(submissionId, keys.stopLinks)}`;
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The voice the token was signed for, or null for anything else. */
export function verifyStopToken(token: string, keys: StopKeys): number | null {
  const match = /^([1-9]\d{0,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const submissionId = parseId(match[1]);
  if (submissionId === null) return null;
  const given = match[2]!;
  return [keys.stopLinks, keys.legacy.stopLinks].some((key) => sameText(given, mac(submissionId, key))) ? submissionId : null;
}

export function mailStopUrl(appUrl: string, submissionId: number, keys: StopKeys): string {
  return absoluteUrl(appUrl, `/mail/stop/${signStopToken(submissionId, keys)}`);
}
