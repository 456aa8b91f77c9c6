import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import type { Executor } from '#db/client';
import { users } from '#db/schema/index';
import type { SecretKeys } from '~/secret-keys.server';

// Optional TOTP second factor (RFC 6238: 6 digits, 30 s, SHA-1, as every authenticator app
// expects). The shared secret is stored encrypted (AES-256-GCM, with the TOTP key of
// secret-keys.server.ts), so a copy of the users table alone does not give out second factors.

const STEP_SECONDS = 30;
const ISSUER = 'Meyasu';

export function encryptTotpSecret(secret: string, keys: Pick<SecretKeys, 'totpSecrets'>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.totpSecrets, iv);
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

export function decryptTotpSecret(stored: string, keys: Pick<SecretKeys, 'totpSecrets'>): string | null {
  const [version, iv, tag, data] = stored.split(':');
  if (version !== 'v1' || !iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.totpSecrets, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** A new 160-bit secret, in the base32 form authenticator apps take. */
export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function totpUri(email: string, secret: string): string {
  return authenticator.keyuri(email, ISSUER, secret);
}

/** The otpauth URI as a QR code, an SVG data URL for an <img>. */
export async function totpQrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The code an app shows at `now` (tests use it to sign in). */
export function totpCodeAt(secret: string, now: Date): string {
  return authenticator.clone({ epoch: now.getTime() }).generate(secret);
}

/** The time step a code belongs to, allowing one step of clock drift either way; null if wrong. */
function matchTotpStep(secret: string, code: string, now: Date): number | null {
  const cleaned = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(cleaned)) return null;
  const delta = authenticator.clone({ epoch: now.getTime(), window: 1 }).checkDelta(cleaned, secret);
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / STEP_SECONDS) + delta;
}

/**
 * Accepts a code once: the step is recorded atomically, so the same code (or an older one)
 * replayed within its 30 seconds is refused.
 */
async function acceptTotpStep(db: Executor, userId: number, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** Verifies a code against a user's stored (encrypted) secret and spends it. */
export async function verifyUserTotp(
  db: Executor, user: { id: number; totpSecret: string | null }, code: string, keys: Pick<SecretKeys, 'totpSecrets'>, now = new Date(),
): Promise<boolean> {
  if (!user.totpSecret) return false;
  const secret = decryptTotpSecret(user.totpSecret, keys);
  if (!secret) return false;
  const step = matchTotpStep(secret, code, now);
  if (step === null) return false;
  return acceptTotpStep(db, user.id, step);
}
