import { eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '#db/client';
import { citySettings, users } from '#db/schema/index';
import { recordAudit, type AuditActor } from '~/audit/audit.server';
import { enqueueEmail } from '~/email/outbox.server';
import { blockLimit, consumeLimit, peekLimit, resetLimit, type LimitRule } from '~/security/rate-limit.server';
import { accountKey, forgetAccountFailures } from './login.server';
import { hashPassword, verifyPassword } from './password.server';
import { passwordProblem, type PasswordProblem } from './password-policy.server';
import { deleteUserSessions } from './session-store.server';
import { findValidToken, issueUserToken, RESET_TTL_MS, spendToken, type TokenPurpose } from './user-tokens.server';

// Account life cycle outside the admin screens: reset by email, accepting an invitation,
// changing one's password, signing out everywhere.

/** Reset mails per address and per IP, so the form cannot be used to flood someone's inbox. */
const RESET_EMAIL_RULE: LimitRule = { keyPrefix: 'reset-email', points: 3, durationSeconds: 60 * 60 };
const RESET_IP_RULE: LimitRule = { keyPrefix: 'reset-ip', points: 20, durationSeconds: 60 * 60 };

async function cityNames(db: Executor): Promise<string[]> {
  const [row] = await db.select({ ja: citySettings.nameJa, translations: citySettings.nameTranslations }).from(citySettings).where(eq(citySettings.id, 1));
  return row ? [row.ja, ...Object.values(row.translations)] : [];
}

/** The policy verdict for a new password of this person. */
async function checkNewPassword(db: Executor, password: string, person: { email: string; displayName: string }): Promise<PasswordProblem | null> {
  return passwordProblem(password, { email: person.email, displayName: person.displayName, cityNames: await cityNames(db) });
}

/**
 * Sends a reset link if the address belongs to an active account. The caller shows the same
 * answer either way, so the form does not reveal who has an account.
 */
export async function requestPasswordReset(
  db: Database, input: { email: string; appUrl: string; actor: AuditActor }, now = new Date(),
): Promise<void> {
  const key = accountKey(input.email);
  const byAddress = await consumeLimit(db, RESET_EMAIL_RULE, key);
  const byIp = input.actor.ip ? await consumeLimit(db, RESET_IP_RULE, input.actor.ip) : { allowed: true };
  const [user] = await db.select({ id: users.id, email: users.email, language: users.language, disabledAt: users.disabledAt, passwordHash: users.passwordHash })
    .from(users).where(sql`lower(${users.email}) = ${key}`);
  await db.transaction(async (tx) => {
    const sent = !!user && !user.disabledAt && !!user.passwordHash && byAddress.allowed && byIp.allowed;
    if (sent) {
      const { token, tokenId, expiresAt } = await issueUserToken(tx, user.id, 'password_reset', RESET_TTL_MS, now);
      await enqueueEmail(tx, {
        template: 'password_reset',
        to: user.email,
        language: user.language,
        payload: { resetUrl: new URL(`/staff/reset-password/${token}`, input.appUrl).toString(), expiresAt: expiresAt.toISOString() },
        dedupeKey: `password_reset:${tokenId}`,
      });
    }
    await recordAudit(tx, {
      ...input.actor, userId: input.actor.userId ?? null, action: 'auth.password_reset_requested', entityType: 'user', entityId: user?.id ?? null,
      details: { email: key, sent, ...(byAddress.allowed && byIp.allowed ? {} : { throttled: true }) },
    });
  });
}

export type SetPasswordOutcome = { ok: true; userId: number } | { ok: false; reason: 'invalidLink' } | { ok: false; reason: PasswordProblem };

/**
 * Sets a password from an invitation or reset link: the link is spent, every existing
 * session of the account ends and its sign-in lockout is lifted.
 */
export async function setPasswordWithToken(
  db: Database, input: { token: string; purpose: TokenPurpose; password: string; actor: Omit<AuditActor, 'userId'> }, now = new Date(),
): Promise<SetPasswordOutcome> {
  const valid = await findValidToken(db, input.token, input.purpose, now);
  if (!valid) return { ok: false, reason: 'invalidLink' };
  const problem = await checkNewPassword(db, input.password, valid);
  if (problem) return { ok: false, reason: problem };
  const passwordHash = await hashPassword(input.password);
  const done = await db.transaction(async (tx) => {
    if (!(await spendToken(tx, valid.tokenId, now))) return false;
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, valid.userId));
    await deleteUserSessions(tx, valid.userId);
    await recordAudit(tx, {
      ...input.actor, userId: valid.userId, action: input.purpose === 'invite' ? 'auth.invitation_accepted' : 'auth.password_reset',
      entityType: 'user', entityId: valid.userId, details: {},
    });
    return true;
  });
  if (!done) return { ok: false, reason: 'invalidLink' };
  await forgetAccountFailures(db, valid.email);
  return { ok: true, userId: valid.userId };
}

/**
 * Wrong current passwords on the profile page, per account: like the second factor, five
 * within 15 minutes stop the form for 15 minutes (issue #13: a stolen session must not
 * become a password oracle). The owner is signed in, so this cannot lock anyone out.
 */
const CURRENT_PASSWORD_RULE: LimitRule = { keyPrefix: 'current-password', points: 5, durationSeconds: 15 * 60, blockSeconds: 15 * 60 };

export type ChangePasswordOutcome =
  | { ok: true; token: string }
  | { ok: false; reason: 'wrongCurrent' | PasswordProblem }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** Changes one's own password; other sessions end, this one is replaced by a fresh one. */
export async function changePassword(
  db: Database,
  input: { userId: number; current: string; next: string; actor: AuditActor },
  createReplacementSession: (tx: Executor) => Promise<string>,
  now = new Date(),
): Promise<ChangePasswordOutcome> {
  const key = String(input.userId);
  const limit = await peekLimit(db, CURRENT_PASSWORD_RULE, key);
  if (!limit.allowed) {
    await recordAudit(db, { ...input.actor, action: 'auth.password_change_throttled', entityType: 'user', entityId: input.userId, details: {} });
    return { ok: false, reason: 'throttled', retryAfterSeconds: limit.retryAfterSeconds };
  }
  const [user] = await db.select({ email: users.email, displayName: users.displayName, passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.current))) {
    const spent = await consumeLimit(db, CURRENT_PASSWORD_RULE, key);
    const blocked = !spent.allowed || spent.remaining === 0;
    if (blocked) await blockLimit(db, CURRENT_PASSWORD_RULE, key);
    await recordAudit(db, { ...input.actor, action: 'auth.password_change_failed', entityType: 'user', entityId: input.userId, details: blocked ? { blocked: true } : {} });
    return { ok: false, reason: 'wrongCurrent' };
  }
  await resetLimit(db, CURRENT_PASSWORD_RULE, key);
  const problem = await checkNewPassword(db, input.next, user);
  if (problem) return { ok: false, reason: problem };
  const passwordHash = await hashPassword(input.next);
  const token = await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, input.userId));
    await deleteUserSessions(tx, input.userId);
    await recordAudit(tx, { ...input.actor, action: 'auth.password_changed', entityType: 'user', entityId: input.userId, details: {} });
    return createReplacementSession(tx);
  });
  return { ok: true, token };
}

/** "Sign out everywhere": ends every session of the user, this one included. */
export async function signOutEverywhere(db: Database, userId: number, actor: AuditActor): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await deleteUserSessions(tx, userId);
    await recordAudit(tx, { ...actor, action: 'auth.sign_out_everywhere', entityType: 'user', entityId: userId, details: { sessions: ended } });
    return ended;
  });
}
