import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { departments, submissions, users } from '../../db/schema/index';
import type { Actor } from '../../app/domain/errors';

/** An actor (user + audit facts) for a seeded demo account, by email. */
export async function actorFor(db: Database, email: string): Promise<Actor> {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  if (!user) throw new Error(`no demo user ${email}`);
  return {
    user: { id: user.id, role: user.role, departmentId: user.departmentId, displayName: user.displayName },
    audit: { userId: user.id, ip: '127.0.0.1', userAgent: 'vitest', requestId: 'test' },
  };
}

export async function departmentId(db: Database, code: string): Promise<number> {
  const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, code));
  return row!.id;
}

export async function voiceByTitle(db: Database, title: string) {
  const [row] = await db.select().from(submissions).where(eq(submissions.title, title));
  if (!row) throw new Error(`no voice titled ${title}`);
  return row;
}

export const demo = {
  reform: 'kocho@sakuradai.example.jp',
  mayor: 'mayor@sakuradai.example.jp',
  auditor: 'audit@sakuradai.example.jp',
  admin: 'admin@sakuradai.example.jp',
  shiminManager: 'shimin-kacho@sakuradai.example.jp',
  shiminStaff: 'shimin-staff@sakuradai.example.jp',
  doroManager: 'doro-kacho@sakuradai.example.jp',
  doroStaff: 'doro-staff@sakuradai.example.jp',
};
