import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, or } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { sessions, users, type StaffRole } from '#db/schema/index';

// Sessions live in the database. The cookie carries 32 random bytes; the table keeps only
// their SHA-256, so a copy of the table opens no session. Deleting a row ends the session
// at once, on every app instance.

/** A session ends after this long without a request … */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** … and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reading pages does not write on every request. */
const SESSION_TOUCH_MS = 60 * 1000;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface NewSession {
  userId: number;
  ip: string | null;
  userAgent: string | null;
  secondFactorAt?: Date | null;
}

/** Creates a session and returns the token for the cookie (never stored). */
export async function createSession(db: Executor, session: NewSession, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    idHash: hashSessionToken(token),
    userId: session.userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    secondFactorAt: session.secondFactorAt ?? null,
    ip: session.ip,
    userAgent: session.userAgent?.slice(0, 400) ?? null,
  });
  return token;
}

export interface SessionRecord {
  idHash: string;
  secondFactorAt: Date | null;
  lastSeenAt: Date;
  user: {
    id: number;
    email: string;
    displayName: string;
    role: StaffRole;
    departmentId: number | null;
    language: string;
    totpEnabled: boolean;
  };
}

/** The live session of a token: not expired, not idle too long, its user not disabled. */
export async function findSession(db: Executor, token: string, now = new Date()): Promise<SessionRecord | null> {
  const idHash = hashSessionToken(token);
  const [row] = await db
    .select({
      idHash: sessions.idHash,
      secondFactorAt: sessions.secondFactorAt,
      lastSeenAt: sessions.lastSeenAt,
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      departmentId: users.departmentId,
      language: users.language,
      totpEnabledAt: users.totpEnabledAt,
      disabledAt: users.disabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(
      eq(sessions.idHash, idHash),
      gt(sessions.expiresAt, now),
      gt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS)),
    ));
  if (!row || row.disabledAt) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  }
  return {
    idHash: row.idHash,
    secondFactorAt: row.secondFactorAt,
    lastSeenAt: row.lastSeenAt,
    user: {
      id: row.id,
      email: row.email,
      displayName: row.displayName,
      role: row.role,
      departmentId: row.departmentId,
      language: row.language,
      totpEnabled: row.totpEnabledAt !== null,
    },
  };
}

/** Ends one session (sign-out). */
export async function deleteSession(db: Executor, token: string): Promise<number | null> {
  const [row] = await db.delete(sessions).where(eq(sessions.idHash, hashSessionToken(token))).returning({ userId: sessions.userId });
  return row?.userId ?? null;
}

/** Ends every session of a user: "sign out everywhere", password change, disabling. */
export async function deleteUserSessions(db: Executor, userId: number): Promise<number> {
  const rows = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ idHash: sessions.idHash });
  return rows.length;
}

/** Removes expired and idle sessions; run at sign-in and from a periodic job. */
export async function deleteExpiredSessions(db: Executor, now = new Date()): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS))))
    .returning({ idHash: sessions.idHash });
  return rows.length;
}
