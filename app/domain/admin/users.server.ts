import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Database, Executor } from '#db/client';
import { departments, users, type StaffRole } from '#db/schema/index';
import { recordAudit, type AuditActor } from '~/audit/audit.server';
import { accountKey, forgetAccountFailures } from '~/auth/login.server';
import { deleteUserSessions } from '~/auth/session-store.server';
import { INVITE_TTL_MS, issueUserToken } from '~/auth/user-tokens.server';
import { enqueueEmail } from '~/email/outbox.server';
import { isUniqueViolation } from '~/utils/unique-violation';
import { AdminError } from './admin-error';
import { changedFields } from './audit-helpers.server';
import { localText } from '~/i18n/city-text';
import { supportedLanguages } from '~/i18n/resources.server';

// Staff accounts as the admin manages them: invite by email, role and 課, disable. Accounts
// are never deleted (the audit log and the voices' history point at them).

export interface AdminUserRow {
  id: number;
  email: string;
  displayName: string;
  role: StaffRole;
  departmentId: number | null;
  departmentName: string | null;
  language: string;
  state: 'active' | 'invited' | 'disabled';
  totpEnabled: boolean;
}

export async function listUsers(db: Executor, language: string): Promise<AdminUserRow[]> {
  const rows = await db
    .select({
      id: users.id, email: users.email, displayName: users.displayName, role: users.role, departmentId: users.departmentId,
      language: users.language, passwordHash: users.passwordHash, disabledAt: users.disabledAt, totpEnabledAt: users.totpEnabledAt,
      depJa: departments.nameJa, depTranslations: departments.nameTranslations,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .orderBy(asc(users.id));
  return rows.map((r) => ({
    id: r.id, email: r.email, displayName: r.displayName, role: r.role, departmentId: r.departmentId, language: r.language,
    departmentName: localText(language, r.depJa, r.depTranslations),
    state: r.disabledAt ? 'disabled' : r.passwordHash ? 'active' : 'invited',
    totpEnabled: r.totpEnabledAt !== null,
  }));
}

export async function getUserForAdmin(db: Executor, userId: number, language: string): Promise<AdminUserRow | null> {
  return (await listUsers(db, language)).find((u) => u.id === userId) ?? null;
}

export interface UserFields {
  displayName: string;
  role: StaffRole;
  departmentId: number | null;
  language: string;
}

/** A language this installation has a folder of translations for. */
function checkLanguage(language: string): void {
  if (!supportedLanguages().includes(language)) throw new AdminError('languageNotInstalled', 'language');
}

/** Staff and 課長 belong to a 課; the others may (a 課 of the reform team, the auditors' 課…). */
async function checkDepartment(db: Executor, fields: UserFields): Promise<void> {
  checkLanguage(fields.language);
  if (fields.departmentId === null) {
    if (fields.role === 'staff' || fields.role === 'manager') throw new AdminError('departmentRequired', 'departmentId');
    return;
  }
  const [dep] = await db.select({ level: departments.level, active: departments.active }).from(departments).where(eq(departments.id, fields.departmentId));
  if (!(dep && dep.level === 'ka' && dep.active)) throw new AdminError('departmentInvalid', 'departmentId');
}

/** Another active admin remains besides `userId`. */
async function anotherAdminRemains(db: Executor, userId: number): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, userId)));
  return (row?.n ?? 0) > 0;
}

async function sendInvitation(tx: Executor, user: { id: number; email: string; language: string }, inviterName: string, appUrl: string, now: Date) {
  const { token, tokenId, expiresAt } = await issueUserToken(tx, user.id, 'invite', INVITE_TTL_MS, now);
  await enqueueEmail(tx, {
    template: 'invitation',
    to: user.email,
    language: user.language,
    payload: { inviteUrl: new URL(`/staff/invitation/${token}`, appUrl).toString(), inviterName, expiresAt: expiresAt.toISOString() },
    dedupeKey: `invitation:${tokenId}`,
  });
}

export async function inviteUser(
  db: Database,
  input: UserFields & { email: string; inviterName: string; appUrl: string },
  actor: AuditActor,
  now = new Date(),
): Promise<number> {
  await checkDepartment(db, input);
  const email = input.email.trim();
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${accountKey(email)}`);
      if (existing) throw new AdminError('emailTaken', 'email');
      const [created] = await tx.insert(users).values({
        email, displayName: input.displayName, role: input.role, departmentId: input.departmentId, language: input.language,
        createdAt: now, updatedAt: now,
      }).returning({ id: users.id });
      await sendInvitation(tx, { id: created!.id, email, language: input.language }, input.inviterName, input.appUrl, now);
      await recordAudit(tx, {
        ...actor, action: 'user.invite', entityType: 'user', entityId: created!.id,
        details: { email, role: input.role, departmentId: input.departmentId },
      });
      return created!.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AdminError('emailTaken', 'email');
    throw error;
  }
}

export async function updateUser(
  db: Database, userId: number, fields: UserFields, actor: AuditActor,
): Promise<void> {
  await checkDepartment(db, fields);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!before) throw new AdminError('notFound');
    if (before.role === 'admin' && fields.role !== 'admin') {
      if (userId === actor.userId) throw new AdminError('self', 'role');
      if (!(await anotherAdminRemains(tx, userId))) throw new AdminError('lastAdmin', 'role');
    }
    const changes = changedFields(before, fields);
    if (Object.keys(changes).length === 0) return;
    await tx.update(users).set({ ...fields, updatedAt: new Date() }).where(eq(users.id, userId));
    await recordAudit(tx, { ...actor, action: 'user.update', entityType: 'user', entityId: userId, details: { changes } });
  });
}

/** Disabling ends every session of the account at once. */
export async function setUserDisabled(
  db: Database, userId: number, disabled: boolean, actor: AuditActor, now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).for('update');
    if (!before) throw new AdminError('notFound');
    if (disabled && userId === actor.userId) throw new AdminError('self');
    if (disabled && before.role === 'admin' && !(await anotherAdminRemains(tx, userId))) throw new AdminError('lastAdmin');
    await tx.update(users).set({ disabledAt: disabled ? now : null, updatedAt: now }).where(eq(users.id, userId));
    const ended = disabled ? await deleteUserSessions(tx, userId) : 0;
    await recordAudit(tx, { ...actor, action: disabled ? 'user.disable' : 'user.enable', entityType: 'user', entityId: userId, details: disabled ? { sessionsEnded: ended } : {} });
  });
}

/** A fresh invitation link for an account that has not set its password yet. */
export async function resendInvitation(
  db: Database, userId: number, input: { inviterName: string; appUrl: string }, actor: AuditActor, now = new Date(),
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email, language: users.language, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
      .from(users).where(eq(users.id, userId));
    if (!user || user.passwordHash || user.disabledAt) return false;
    await sendInvitation(tx, user, input.inviterName, input.appUrl, now);
    await recordAudit(tx, { ...actor, action: 'user.reinvite', entityType: 'user', entityId: userId });
    return true;
  });
}

/** Lifts a sign-in lockout and ends the account's sessions (e.g. a lost laptop). */
export async function unlockAndSignOut(db: Database, userId: number, actor: AuditActor): Promise<boolean> {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) return false;
  await forgetAccountFailures(db, user.email);
  await db.transaction(async (tx) => {
    const ended = await deleteUserSessions(tx, userId);
    await recordAudit(tx, { ...actor, action: 'user.unlock_and_sign_out', entityType: 'user', entityId: userId, details: { sessionsEnded: ended } });
  });
  return true;
}

/** The 課 a user may be placed in, for the forms. */
export async function departmentOptions(db: Executor, language: string, level?: 'bu' | 'ka') {
  const rows = await db.select({ id: departments.id, ja: departments.nameJa, translations: departments.nameTranslations, level: departments.level, active: departments.active })
    .from(departments).orderBy(asc(departments.sortOrder), asc(departments.id));
  return rows.filter((r) => r.active && (!level || r.level === level)).map((r) => ({ id: r.id, name: localText(language, r.ja, r.translations) }));
}
