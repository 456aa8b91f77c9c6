import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: for tracking links, invitations and resets. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored; a leaked table does not give out working links. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
