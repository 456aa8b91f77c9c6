import { eq } from 'drizzle-orm';
import type { Database } from '#db/client';
import { sessions, users } from '#db/schema/index';
import { recordAudit, type AuditActor } from '~/audit/audit.server';
import { blockLimit, consumeLimit, peekLimit, resetLimit } from '~/security/rate-limit.server';
import { TOTP_ACCOUNT_RULE } from './login.server';
import { hashSessionToken } from './session-store.server';
import { decryptTotpSecret, encryptTotpSecret, newTotpSecret, verifyUserTotp } from './totp.server';

// Enrolling, using and removing the TOTP second factor. A pending enrolment keeps its
// secret in users.totp_secret with totp_enabled_at still null.

export interface TotpStatus {
  enabled: boolean;
  /** The secret of an enrolment in progress (shown to the user once more until confirmed). */
  pendingSecret: string | null;
}

export async function totpStatus(db: Database, userId: number, sessionSecret: string): Promise<TotpStatus> {
  const [row] = await db.select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  if (!row) return { enabled: false, pendingSecret: null };
  if (row.enabledAt) return { enabled: true, pendingSecret: null };
  return { enabled: false, pendingSecret: row.secret ? decryptTotpSecret(row.secret, sessionSecret) : null };
}

/** Starts (or restarts) an enrolment with a fresh secret. */
export async function startTotpEnrolment(db: Database, userId: number, sessionSecret: string, actor: AuditActor): Promise<string> {
  const secret = newTotpSecret();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: encryptTotpSecret(secret, sessionSecret), totpEnabledAt: null, totpLastStep: null, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await recordAudit(tx, { ...actor, action: 'auth.totp_enrolment_started', entityType: 'user', entityId: userId });
  });
  return secret;
}

async function checkCode(db: Database, userId: number, code: string, sessionSecret: string, now: Date): Promise<'ok' | 'wrong' | 'throttled'> {
  const key = String(userId);
  if (!(await peekLimit(db, TOTP_ACCOUNT_RULE, key)).allowed) return 'throttled';
  const [row] = await db.select({ id: users.id, totpSecret: users.totpSecret }).from(users).where(eq(users.id, userId));
  if (row && (await verifyUserTotp(db, row, code, sessionSecret, now))) {
    await resetLimit(db, TOTP_ACCOUNT_RULE, key);
    return 'ok';
  }
  const spent = await consumeLimit(db, TOTP_ACCOUNT_RULE, key);
  if (!spent.allowed || spent.remaining === 0) await blockLimit(db, TOTP_ACCOUNT_RULE, key);
  return 'wrong';
}

/** Confirms an enrolment with a first code; the current session counts as verified. */
export async function confirmTotpEnrolment(
  db: Database, input: { userId: number; sessionToken: string; code: string; sessionSecret: string; actor: AuditActor }, now = new Date(),
): Promise<'ok' | 'wrong' | 'throttled'> {
  const verdict = await checkCode(db, input.userId, input.code, input.sessionSecret, now);
  if (verdict !== 'ok') return verdict;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: now, updatedAt: now }).where(eq(users.id, input.userId));
    await tx.update(sessions).set({ secondFactorAt: now }).where(eq(sessions.idHash, hashSessionToken(input.sessionToken)));
    await recordAudit(tx, { ...input.actor, action: 'auth.totp_enabled', entityType: 'user', entityId: input.userId });
  });
  return 'ok';
}

/** The second step of sign-in. */
export async function completeSecondFactor(
  db: Database, input: { userId: number; sessionToken: string; code: string; sessionSecret: string; actor: AuditActor }, now = new Date(),
): Promise<'ok' | 'wrong' | 'throttled'> {
  const verdict = await checkCode(db, input.userId, input.code, input.sessionSecret, now);
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
  db: Database, input: { userId: number; code: string; sessionSecret: string; actor: AuditActor }, now = new Date(),
): Promise<'ok' | 'wrong' | 'throttled'> {
  const verdict = await checkCode(db, input.userId, input.code, input.sessionSecret, now);
  if (verdict !== 'ok') return verdict;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: now }).where(eq(users.id, input.userId));
    await recordAudit(tx, { ...input.actor, action: 'auth.totp_disabled', entityType: 'user', entityId: input.userId });
  });
  return 'ok';
}
