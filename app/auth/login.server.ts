import { eq, sql } from 'drizzle-orm';
import type { Database } from '#db/client';
import { users } from '#db/schema/index';
import { recordAudit, type AuditActor } from '~/audit/audit.server';
import { blockLimit, consumeLimit, peekLimit, resetLimit, type LimitRule } from '~/security/rate-limit.server';
import { hashPassword, needsRehash, verifyPassword } from './password.server';
import { createSession, deleteExpiredSessions } from './session-store.server';

// Sign-in with throttling stored in the database (so it holds across app instances):
// 5 failures for one account within 15 minutes lock that account for 15 minutes; 20
// failures from one IP address lock that address. The answer never says which part was
// wrong, and the work done is the same whether or not the account exists.

export const LOGIN_ACCOUNT_RULE: LimitRule = { keyPrefix: 'login-account', points: 5, durationSeconds: 15 * 60, blockSeconds: 15 * 60 };
export const LOGIN_IP_RULE: LimitRule = { keyPrefix: 'login-ip', points: 20, durationSeconds: 15 * 60, blockSeconds: 15 * 60 };
export const TOTP_ACCOUNT_RULE: LimitRule = { keyPrefix: 'totp-account', points: 5, durationSeconds: 15 * 60, blockSeconds: 15 * 60 };

export function accountKey(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

let dummyHash: Promise<string> | undefined;
/** A real argon2id hash to verify against when the account does not exist or has no password. */
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('meyasu-dummy-password-for-equal-timing');
  return dummyHash;
}

export type LoginOutcome =
  | { ok: true; token: string; userId: number; secondFactorRequired: boolean }
  | { ok: false; reason: 'invalid' | 'throttled'; retryAfterSeconds?: number };

export interface LoginAttempt {
  email: string;
  password: string;
  actor: Omit<AuditActor, 'userId'>;
}

/** Spends one failure on a limit; at the last allowed failure, locks the key at once. */
async function countFailure(db: Database, rule: LimitRule, key: string): Promise<boolean> {
  const result = await consumeLimit(db, rule, key);
  if (!result.allowed || result.remaining === 0) {
    await blockLimit(db, rule, key);
    return true;
  }
  return false;
}

export async function isThrottled(db: Database, email: string, ip: string | null): Promise<number | null> {
  const [account, address] = await Promise.all([
    peekLimit(db, LOGIN_ACCOUNT_RULE, accountKey(email)),
    ip ? peekLimit(db, LOGIN_IP_RULE, ip) : Promise.resolve({ allowed: true as const, remaining: 1 }),
  ]);
  if (!account.allowed) return account.retryAfterSeconds;
  if (!address.allowed) return address.retryAfterSeconds;
  return null;
}

export async function attemptLogin(db: Database, attempt: LoginAttempt, now = new Date()): Promise<LoginOutcome> {
  const key = accountKey(attempt.email);
  const throttled = await isThrottled(db, attempt.email, attempt.actor.ip);
  if (throttled !== null) {
    await recordAudit(db, { ...attempt.actor, userId: null, action: 'auth.login_throttled', entityType: 'user', details: { email: key } });
    return { ok: false, reason: 'throttled', retryAfterSeconds: throttled };
  }

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt, totpEnabledAt: users.totpEnabledAt })
    .from(users)
    .where(sql`lower(${users.email}) = ${key}`);
  // Always one argon2 verification, against a dummy hash when there is nothing to check.
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), attempt.password);
  const usable = !!user && !!user.passwordHash && !user.disabledAt;

  if (!passwordOk || !usable) {
    const lockedAccount = await countFailure(db, LOGIN_ACCOUNT_RULE, key);
    const lockedIp = attempt.actor.ip ? await countFailure(db, LOGIN_IP_RULE, attempt.actor.ip) : false;
    await recordAudit(db, {
      ...attempt.actor, userId: user?.id ?? null, action: 'auth.login_failed', entityType: 'user', entityId: user?.id ?? null,
      details: { email: key, ...(lockedAccount ? { accountLocked: true } : {}), ...(lockedIp ? { ipLocked: true } : {}) },
    });
    return { ok: false, reason: 'invalid' };
  }

  await resetLimit(db, LOGIN_ACCOUNT_RULE, key);
  if (needsRehash(user.passwordHash!)) {
    // Parameters changed since this hash was made: redo it now that we have the password.
    await db.update(users).set({ passwordHash: await hashPassword(attempt.password), updatedAt: now }).where(eq(users.id, user.id));
  }
  await deleteExpiredSessions(db, now);
  const token = await db.transaction(async (tx) => {
    const created = await createSession(tx, { userId: user.id, ip: attempt.actor.ip, userAgent: attempt.actor.userAgent }, now);
    await recordAudit(tx, { ...attempt.actor, userId: user.id, action: 'auth.login', entityType: 'user', entityId: user.id, details: {} });
    return created;
  });
  return { ok: true, token, userId: user.id, secondFactorRequired: user.totpEnabledAt !== null };
}
