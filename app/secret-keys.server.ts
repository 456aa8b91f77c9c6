import { hkdfSync } from 'node:crypto';

// One key per purpose, derived once from SESSION_SECRET with HKDF-SHA256 (salt "meyasu", the
// purpose as info), so no two uses share a key and no code handles the raw secret
// (docs/decisions/secret-keys.md). The TOTP and device-cookie keys keep the derivation they
// already had, so stored TOTP secrets and remembered devices stay valid. Tracking and stop
// links were signed with the raw secret before: those old links are still accepted
// (`legacy`), never issued.

export interface SecretKeys {
  /** AES-256-GCM key of the TOTP secrets stored in users.totp_secret. */
  totpSecrets: Buffer;
  /** HMAC key of the "known device" cookie (sign-in throttling). */
  deviceCookies: Buffer;
  /** HMAC key that derives a tracking token from a send form's idempotency key. */
  trackingLinks: Buffer;
  /** HMAC key of the stop links in resident mail. */
  stopLinks: Buffer;
  /** Keys of links issued before the keys were split: verified, never used for new links. */
  legacy: { trackingLinks: string; stopLinks: string };
}

const derive = (secret: string, purpose: string) => Buffer.from(hkdfSync('sha256', secret, 'meyasu', purpose, 32));

const cache = new Map<string, SecretKeys>();

/** The keys of a SESSION_SECRET (computed once per secret). */
export function secretKeysFrom(sessionSecret: string): SecretKeys {
  let keys = cache.get(sessionSecret);
  if (!keys) {
    keys = {
      totpSecrets: derive(sessionSecret, 'totp-secret-v1'),
      deviceCookies: derive(sessionSecret, 'device-cookie-v1'),
      trackingLinks: derive(sessionSecret, 'tracking-link-v2'),
      stopLinks: derive(sessionSecret, 'mail-stop-v2'),
      legacy: { trackingLinks: sessionSecret, stopLinks: sessionSecret },
    };
    cache.set(sessionSecret, keys);
  }
  return keys;
}
