import { DEFAULT_LANGUAGE } from '~/i18n/i18n';
import { count, eq } from 'drizzle-orm';
import type { Database } from '#db/client';
import { sessions, users } from '#db/schema/index';
import { recordAudit, type AuditActor } from '~/audit/audit.server';

/** What the profile page shows about the signed-in person. */
export async function getProfile(db: Database, userId: number) {
  const [row] = await db.select({ email: users.email, language: users.language, totpEnabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  const [sessionCount] = await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId));
  return { email: row?.email ?? '', language: row?.language ?? DEFAULT_LANGUAGE, totpEnabled: !!row?.totpEnabledAt, sessions: sessionCount?.n ?? 0 };
}

/** The language of the person's emails and of their staff pages. */
export async function setPreferredLanguage(db: Database, userId: number, language: string, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ language, updatedAt: new Date() }).where(eq(users.id, userId));
    await recordAudit(tx, { ...actor, action: 'user.language', entityType: 'user', entityId: userId, details: { language } });
  });
}
