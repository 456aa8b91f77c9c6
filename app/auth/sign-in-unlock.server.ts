import type { Database } from '#db/client';
import { recordAudit, type AuditActor } from '~/audit/audit.server';
import { liftAccountWaits } from './login.server';
import { findValidToken, spendToken } from './user-tokens.server';

// The link mailed to the owner of an account someone keeps guessing at (app/auth/login.server.ts):
// it lifts the account's wait for the browser that follows it, which then counts as a known
// device. It signs nobody in: the password (and second factor) are still asked for.

export async function unlockLinkIsValid(db: Database, token: string, now = new Date()): Promise<boolean> {
  return !!(await findValidToken(db, token, 'sign_in_unlock', now));
}

/** Spends the link; returns the account's user id, or null when the link is not (or no longer) valid. */
export async function spendUnlockLink(db: Database, token: string, actor: Omit<AuditActor, 'userId'>, now = new Date()): Promise<number | null> {
  const valid = await findValidToken(db, token, 'sign_in_unlock', now);
  if (!valid) return null;
  const spent = await db.transaction(async (tx) => {
    if (!(await spendToken(tx, valid.tokenId, now))) return false;
    await recordAudit(tx, { ...actor, userId: valid.userId, action: 'auth.sign_in_unlocked', entityType: 'user', entityId: valid.userId, details: {} });
    return true;
  });
  if (!spent) return null;
  await liftAccountWaits(db, valid.email, actor.ip);
  return valid.userId;
}
