import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { SecretKeys } from '~/secret-keys.server';
import { hashSecretToken } from './secret-token.server';

// The send page hands the browser a random idempotency key; the tracking token is derived
// from it with the server secret. A double or concurrent submit of the same form therefore
// meets the same voice and can be shown the same tracking link, while the plain token is
// never stored (only its SHA-256, see secret-token.server.ts).

const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Tracking tokens are 32 bytes, base64url: 43 characters. */
const TRACKING_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** 32 random bytes, base64url: put into the send form as a hidden field. */
export function newIdempotencyKey(): string {
  return randomBytes(32).toString('base64url');
}

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && KEY_PATTERN.test(value);
}

type TrackingKeys = Pick<SecretKeys, 'trackingLinks' | 'legacy'>;

const tokenWith = (key: Buffer | string, idempotencyKey: string) =>
  createHmac('sha256', key).update(`tracking:${idempotencyKey}`, 'utf8').digest('base64url');

/** HMAC-SHA256(tracking-link key, "tracking:" + key), base64url: 256 bits, unguessable without the key. */
export function deriveTrackingToken(keys: TrackingKeys, idempotencyKey: string): string {
  return tokenWith(keys.trackingLinks, idempotencyKey);
}

/**
 * The token a replayed submit was given: today's derivation, or, for a voice stored before the
 * keys were split, the one made with SESSION_SECRET itself (whichever matches the stored hash).
 */
export function replayedTrackingToken(keys: TrackingKeys, idempotencyKey: string, storedHash: string | undefined): string {
  const legacy = tokenWith(keys.legacy.trackingLinks, idempotencyKey);
  return storedHash === hashSecretToken(legacy) ? legacy : deriveTrackingToken(keys, idempotencyKey);
}

/**
 * What idempotency_keys stores for a web submit: a hash of the key, so that a copy of the
 * database does not give out keys that could be replayed to learn tracking links.
 */
export function storedIdempotencyKey(idempotencyKey: string): string {
  return `web:${createHash('sha256').update(idempotencyKey, 'utf8').digest('hex')}`;
}

export function looksLikeTrackingToken(value: unknown): value is string {
  return typeof value === 'string' && TRACKING_TOKEN_PATTERN.test(value);
}
