import { eq } from 'drizzle-orm';
import type { Database, Executor } from '#db/client';
import { sessions, users } from '#db/schema/index';
import { recordAudit, type AuditActor } from '~/audit/audit.server';
import { enqueueEmail } from '~/email/outbox.server';
import { blockLimit, consumeLimit, peekLimit, resetLimit } from '~/security/rate-limit.server';
import { TOTP_ACCOUNT_RULE } from './login.server';
import { hashSessionToken } from './session-store.server';
import type { SecretKeys } from '~/secret-keys.server';
import { decryptTotpSecret, encryptTotpSecret, newTotpSecret, verifyUserTotp } from './totp.server';

// Enrolling, using and removing the TOTP second factor. A pending enrolment keeps its
// secret in users.totp_secret with totp_enabled_at still null.

export interface TotpStatus {
  enabled: boolean;
  /** The secret of an enrolment in progress (shown to the user once more until confirmed). */
  pendingSecret: string | null;
}

export async function totpStatus(db: Database, userId: number, keys: SecretKeys): Promise<TotpStatus> {
  const [row] = await db.select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  if (!row) return { enabled: false, pendingSecret: null };
  if (row.enabledAt) return { enabled: true, pendingSecret: null };
  return { enabled: false, pendingSecret: row.secret ? decryptTotpSecret(row.secret, keys) : null };
}

type SecurityEvent = 'totp_enabled' | 'totp_reenrolment' | 'totp_disabled';

/** Mails the owner that their second factor changed (in the same transaction as the change). */
async function notifyOwner(tx: Executor, userId: number, event: SecurityEvent, now: Date): Promise<void> {
  const [owner] = await tx.select({ email: users.email, language: users.language }).from(users).where(eq(users.id, userId));
  if (!owner) return;
  await enqueueEmail(tx, {
    template: 'security_notice', to: owner.email, language: owner.language,
    payload: { event, at: now.toISOString() }, dedupeKey: `security:${userId}:${event}:${now.getTime()}`,
  });
}

export type StartEnrolmentOutcome = { ok: true } | { ok: false; reason: 'codeRequired' | 'wrong' | 'throttled' };

/**
 * Starts (or restarts) an enrolment with a fresh secret. While a second factor is on,
 * replacing it turns it off until the new one is confirmed, so it takes a current code as
 * disabling does (issue #13): a stolen session alone cannot remove the second factor. The
 * owner is mailed.
 */
export async function startTotpEnrolment(
  db: Database, input: { userId: number; code?: string; keys: SecretKeys; actor: AuditActor }, now = new Date(),
): Promise<StartEnrolmentOutcome> {
  const [row] = await db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, input.userId));
  const replacing = !!row?.enabledAt;
  if (replacing) {
    if (!input.code) return { ok: false, reason: 'codeRequired' };
    const verdict = await checkCode(db, input.userId, input.code, input.keys, now);
    if (verdict !== 'ok') {
      await recordAudit(db, { ...input.actor, action: 'auth.totp_reenrolment_refused', entityType: 'user', entityId: input.userId, details: { reason: verdict } });
      return { ok: false, reason: verdict };
    }
  }
  const secret = newTotpSecret();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: encryptTotpSecret(secret, input.keys), totpEnabledAt: null, totpLastStep: null, updatedAt: now })
      .where(eq(users.id, input.userId));
    await recordAudit(tx, { ...input.actor, action: replacing ? 'auth.totp_reenrolment_started' : 'auth.totp_enrolment_started', entityType: 'user', entityId: input.userId });
    if (replacing) await notifyOwner(tx, input.userId, 'totp_reenrolment', now);
  });
  return { ok: true };
}

async function checkCode(db: Database, userId: number, code: string, keys: SecretKeys, now: Date): Promise<'ok' | 'wrong' | 'throttled'> {
  const key = String(userId);
  if (!(await peekLimit(db, TOTP_ACCOUNT_RULE, key)).allowed) return 'throttled';
  const [row] = await db.select({ id: users.id, totpSecret: users.totpSecret }).from(users).where(eq(users.id, userId));
  if (row && (await verifyUserTotp(db, row, code, keys, now))) {
    await resetLimit(db, TOTP_ACCOUNT_RULE, key);
    return 'ok';
  }
  const spent = await consumeLimit(db, TOTP_ACCOUNT_RULE, key);
  if (!spent.allowed || spent.remaining === 0) await blockLimit(db, TOTP_ACCOUNT_RULE, key);
  return 'wrong';
}

/** Confirms an enrolment with a first code; the current session counts as verified. */
export async function confirmTotpEnrolment(
  db: Database, input: { userId: number; sessionToken: string; code: string; keys: SecretKeys; actor: AuditActor }, now = new Date(),
): Promise<'ok' | 'wrong' | 'throttled'> {
  const verdict = await checkCode(db, input.userId, input.code, input.keys, now);
  if (verdict !== 'ok') return verdict;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: now, updatedAt: now }).where(eq(users.id, input.userId));
    await tx.update(sessions).set({ secondFactorAt: now }).where(eq(sessions.idHash, hashSessionToken(input.sessionToken)));
    await recordAudit(tx, { ...input.actor, action: 'auth.totp_enabled', entityType: 'user', entityId: input.userId });
    await notifyOwner(tx, input.userId, 'totp_enabled', now);
  });
  return 'ok';
}

/** The second step of sign-in. */
export async function completeSecondFactor(
  db: Database, input: { userId: number; sessionToken: string; code: string; keys: SecretKeys; actor: AuditActor }, now = new Date(),
): Promise<'ok' | 'wrong' | 'throttled'> {
  const verdict = await checkCode(db, input.userId, input.code, input.keys, now);
  await db.transaction(async (tx) => {
    if (verdict === 'ok') {
      await tx.update(sessions).set({ secondFactorAt: now }).where(eq(sessions.idHash, hashSessionToken(input.sessionToken)));
    }
    await recordAudit(tx, { ...input.actor, action: verdict === 'ok' ? 'auth.totp_verified' : 'auth.totp_failed', entityType: 'user', entityId: input.userId, details: verdict === 'throttled' ? { throttled: true } : {} });
  });
  return verdict;
}

/** Removes the second factor, after a current code proves the user still holds it. */
export async function disableTotp(
  db: Database, input: { userId: number; code: string; keys: SecretKeys; actor: AuditActor }, now = new Date(),
): Promise<'ok' | 'wrong' | 'throttled'> {
  const verdict = await checkCode(db, input.userId, input.code, input.keys, now);
  if (verdict !== 'ok') {
    await recordAudit(db, { ...input.actor, action: 'auth.totp_disable_refused', entityType: 'user', entityId: input.userId, details: { reason: verdict } });
    return verdict;
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: now }).where(eq(users.id, input.userId));
    await recordAudit(tx, { ...input.actor, action: 'auth.totp_disabled', entityType: 'user', entityId: input.userId });
    await notifyOwner(tx, input.userId, 'totp_disabled', now);
  });
  return 'ok';
}
