import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { userTokens, users } from '#db/schema/index';
import { hashSecretToken, newSecretToken } from '~/domain/secret-token.server';

// Invitation and password-reset links: 256 random bits in the link, only the SHA-256 in the
// table; each expires and works once.

export type TokenPurpose = 'invite' | 'password_reset' | 'sign_in_unlock';

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_TTL_MS = 30 * 60 * 1000;
export const UNLOCK_TTL_MS = 60 * 60 * 1000;

/** Issues a link token; earlier unused tokens of the same purpose stop working. */
export async function issueUserToken(
  tx: Executor, userId: number, purpose: TokenPurpose, ttlMs: number, now = new Date(),
): Promise<{ token: string; tokenId: number; expiresAt: Date }> {
  await tx.update(userTokens).set({ usedAt: now })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)));
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const [row] = await tx.insert(userTokens)
    .values({ userId, purpose, tokenHash: hashSecretToken(token), expiresAt, createdAt: now })
    .returning({ id: userTokens.id });
  return { token, tokenId: row!.id, expiresAt };
}

export interface ValidToken {
  tokenId: number;
  userId: number;
  email: string;
  displayName: string;
  language: string;
}

/** The unused, unexpired token of this purpose, with its (not disabled) user; else null. */
export async function findValidToken(db: Executor, token: string, purpose: TokenPurpose, now = new Date()): Promise<ValidToken | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db
    .select({ tokenId: userTokens.id, userId: users.id, email: users.email, displayName: users.displayName, language: users.language, disabledAt: users.disabledAt })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(
      eq(userTokens.tokenHash, hashSecretToken(token)),
      eq(userTokens.purpose, purpose),
      isNull(userTokens.usedAt),
      gt(userTokens.expiresAt, now),
    ));
  if (!row || row.disabledAt) return null;
  const { disabledAt: _disabled, ...valid } = row;
  return valid;
}

/** Spends a token; false when another request spent it first. */
export async function spendToken(tx: Executor, tokenId: number, now = new Date()): Promise<boolean> {
  const rows = await tx.update(userTokens).set({ usedAt: now })
    .where(and(eq(userTokens.id, tokenId), isNull(userTokens.usedAt)))
    .returning({ id: userTokens.id });
  return rows.length === 1;
}
