import { eq, like, or, sql } from 'drizzle-orm';
import type { Database } from '#db/client';
import { rateLimits, users } from '#db/schema/index';
import { recordAudit, type AuditActor } from '~/audit/audit.server';
import { enqueueEmail } from '~/email/outbox.server';
import { blockLimit, consumeLimit, peekLimit, resetLimit, type LimitRule } from '~/security/rate-limit.server';
import type { KnownDevice } from './device-cookie.server';
import { hashPassword, needsRehash, verifyPassword } from './password.server';
import { createSession, deleteExpiredSessions } from './session-store.server';
import { issueUserToken, UNLOCK_TTL_MS } from './user-tokens.server';

// Sign-in with throttling stored in the database (so it holds across app instances), in
// the shape OWASP recommends against lockout as denial of service (issue #13): no hard
// lockout and no CAPTCHA, but a progressive delay — after a few failures each further try
// must wait, twice as long each time, up to 15 minutes — counted
//  - per account and IP address (the usual attacker, and an unknown address the same way);
//  - per account over every address (a spread-out guess): the owner is mailed an unlock link;
//  - per IP address over every account (one address guessing many accounts).
// A browser where the person signed in before carries a device cookie
// (app/auth/device-cookie.server.ts); its attempts are counted per account and device only,
// so nobody else's failures — not even 20 from the city hall's one NAT address — keep the
// owner out. The answer never says which part was wrong, and the work done is the same
// whether or not the account exists.

interface ProgressiveRule {
  /** Failures counted under "<prefix>:<key>"; the wait under "<prefix>:<key> (wait)". */
  keyPrefix: string;
  /** Failures before the first wait. */
  freeFailures: number;
  firstWaitSeconds: number;
  maxWaitSeconds: number;
  /** Failures older than this are forgotten. */
  windowSeconds: number;
}

const LOGIN_ACCOUNT_IP_RULE: ProgressiveRule = { keyPrefix: 'login-account', freeFailures: 5, firstWaitSeconds: 30, maxWaitSeconds: 15 * 60, windowSeconds: 24 * 60 * 60 };
const LOGIN_ACCOUNT_ALL_RULE: ProgressiveRule = { keyPrefix: 'login-account', freeFailures: 10, firstWaitSeconds: 60, maxWaitSeconds: 15 * 60, windowSeconds: 24 * 60 * 60 };
const LOGIN_IP_RULE: ProgressiveRule = { keyPrefix: 'login-ip', freeFailures: 20, firstWaitSeconds: 30, maxWaitSeconds: 15 * 60, windowSeconds: 60 * 60 };
const LOGIN_DEVICE_RULE: ProgressiveRule = { keyPrefix: 'login-device', freeFailures: 5, firstWaitSeconds: 30, maxWaitSeconds: 15 * 60, windowSeconds: 24 * 60 * 60 };
export const TOTP_ACCOUNT_RULE: LimitRule = { keyPrefix: 'totp-account', points: 5, durationSeconds: 15 * 60, blockSeconds: 15 * 60 };

const counterOf = (rule: ProgressiveRule): LimitRule => ({ keyPrefix: rule.keyPrefix, points: 1_000_000, durationSeconds: rule.windowSeconds });
const waitOf = (rule: ProgressiveRule): LimitRule => ({ keyPrefix: rule.keyPrefix, points: 1, durationSeconds: rule.maxWaitSeconds });
const waitKey = (key: string) => `${key} (wait)`;

/** The wait after the n-th failure: none for the first few, then doubling up to the cap. */
function waitAfterFailure(rule: ProgressiveRule, failures: number): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(rule.maxWaitSeconds, rule.firstWaitSeconds * 2 ** (failures - rule.freeFailures));
}

/** Seconds still to wait before this key may try again; null when it may. */
async function waiting(db: Database, rule: ProgressiveRule, key: string): Promise<number | null> {
  const state = await peekLimit(db, waitOf(rule), waitKey(key));
  return state.allowed ? null : state.retryAfterSeconds;
}

/** Counts a failure; returns how many there have been in the window and the wait it starts. */
async function countFailure(db: Database, rule: ProgressiveRule, key: string): Promise<{ failures: number; wait: number }> {
  const counted = await consumeLimit(db, counterOf(rule), key);
  const failures = counted.allowed ? 1_000_000 - counted.remaining : 1_000_000;
  const wait = waitAfterFailure(rule, failures);
  if (wait > 0) await blockLimit(db, waitOf(rule), waitKey(key), wait);
  return { failures, wait };
}

async function forget(db: Database, rule: ProgressiveRule, key: string): Promise<void> {
  await resetLimit(db, counterOf(rule), key);
  await resetLimit(db, waitOf(rule), waitKey(key));
}

export function accountKey(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

const accountIpKey = (account: string, ip: string | null) => `${account} from ${ip ?? 'unknown'}`;
const deviceKey = (account: string, deviceId: string) => `${account} device ${deviceId}`;

/**
 * Forgets every failure and wait of an account, from every address and device (a new
 * password was set, or an admin lifted it).
 */
export async function forgetAccountFailures(db: Database, email: string): Promise<void> {
  const account = accountKey(email);
  const escaped = account.replace(/[\\%_]/g, (c) => `\\${c}`);
  for (const prefix of [LOGIN_ACCOUNT_ALL_RULE.keyPrefix, LOGIN_DEVICE_RULE.keyPrefix]) {
    await db.delete(rateLimits).where(or(eq(rateLimits.key, `${prefix}:${account}`), like(rateLimits.key, `${prefix}:${escaped} %`)));
  }
}

/** Lifts the waits of an account (all addresses' share of it, and this address's), e.g. from the unlock link. */
export async function liftAccountWaits(db: Database, email: string, ip: string | null): Promise<void> {
  const account = accountKey(email);
  await forget(db, LOGIN_ACCOUNT_ALL_RULE, account);
  await forget(db, LOGIN_ACCOUNT_IP_RULE, accountIpKey(account, ip));
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
  /** Accounts this browser signed in to before (its device cookie). */
  knownDevices?: readonly KnownDevice[];
  /** Public address, for the unlock link mailed when an account is being guessed at. */
  appUrl?: string;
}

type Check = { rule: ProgressiveRule; key: string };

/** Which counters apply: the device's own, or those of account+IP, account and IP. */
function checksFor(account: string, ip: string | null, device: KnownDevice | undefined): Check[] {
  if (device) return [{ rule: LOGIN_DEVICE_RULE, key: deviceKey(account, device.deviceId) }];
  return [
    { rule: LOGIN_ACCOUNT_IP_RULE, key: accountIpKey(account, ip) },
    { rule: LOGIN_ACCOUNT_ALL_RULE, key: account },
    ...(ip ? [{ rule: LOGIN_IP_RULE, key: ip }] : []),
  ];
}

/** Mails the owner a link that lifts the account's wait and marks that browser as known. */
async function mailUnlockLink(db: Database, user: { id: number; email: string; language: string }, appUrl: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const { token, tokenId, expiresAt } = await issueUserToken(tx, user.id, 'sign_in_unlock', UNLOCK_TTL_MS, now);
    await enqueueEmail(tx, {
      template: 'sign_in_unlock', to: user.email, language: user.language,
      payload: { unlockUrl: new URL(`/staff/unlock/${token}`, appUrl).toString(), expiresAt: expiresAt.toISOString() },
      dedupeKey: `sign_in_unlock:${tokenId}`,
    });
  });
}

export async function attemptLogin(db: Database, attempt: LoginAttempt, now = new Date()): Promise<LoginOutcome> {
  const key = accountKey(attempt.email);
  const ip = attempt.actor.ip;
  const [user] = await db
    .select({ id: users.id, email: users.email, language: users.language, passwordHash: users.passwordHash, disabledAt: users.disabledAt, totpEnabledAt: users.totpEnabledAt })
    .from(users)
    .where(sql`lower(${users.email}) = ${key}`);
  const device = user ? attempt.knownDevices?.find((d) => d.userId === user.id) : undefined;
  const checks = checksFor(key, ip, device);

  for (const check of checks) {
    const wait = await waiting(db, check.rule, check.key);
    if (wait !== null) {
      await recordAudit(db, { ...attempt.actor, userId: null, action: 'auth.login_throttled', entityType: 'user', details: { email: key, ...(device ? { knownDevice: true } : {}) } });
      return { ok: false, reason: 'throttled', retryAfterSeconds: wait };
    }
  }

  // Always one argon2 verification, against a dummy hash when there is nothing to check.
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), attempt.password);
  const usable = !!user && !!user.passwordHash && !user.disabledAt;

  if (!passwordOk || !usable) {
    const details: Record<string, unknown> = { email: key, ...(device ? { knownDevice: true } : {}) };
    for (const check of checks) {
      const { failures, wait } = await countFailure(db, check.rule, check.key);
      if (wait === 0) continue;
      if (check.rule === LOGIN_IP_RULE) details.ipLocked = true;
      else details.accountLocked = true;
      details.waitSeconds = Math.max(Number(details.waitSeconds ?? 0), wait);
      // Someone is guessing at this account from several places: the owner gets a way back in.
      const everyFifty = (failures - LOGIN_ACCOUNT_ALL_RULE.freeFailures) % 50 === 0;
      if (check.rule === LOGIN_ACCOUNT_ALL_RULE && everyFifty && user && usable && attempt.appUrl) {
        await mailUnlockLink(db, user, attempt.appUrl, now);
        details.unlockLinkSent = true;
      }
    }
    await recordAudit(db, {
      ...attempt.actor, userId: user?.id ?? null, action: 'auth.login_failed', entityType: 'user', entityId: user?.id ?? null, details,
    });
    return { ok: false, reason: 'invalid' };
  }

  for (const check of checks) if (check.rule !== LOGIN_IP_RULE) await forget(db, check.rule, check.key);
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
