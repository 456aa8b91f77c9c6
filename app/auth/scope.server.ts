import { eq, sql, type SQL } from 'drizzle-orm';
import { submissions } from '#db/schema/index';
import type { StaffUser } from './session.server';
import { roleHasPermission } from './permissions';

// Department scoping lives here and in the queries that use it: staff and 課長 see the
// voices of their own 課 only; the reform team, the mayor, auditors and admins see all.
// A voice outside the scope is "not found" — its existence is not revealed.

type ScopedUser = Pick<StaffUser, 'role' | 'departmentId'>;

/** The `where` condition for the submissions this user may read. */
export function visibleSubmissionsWhere(user: ScopedUser): SQL {
  if (roleHasPermission(user.role, 'voice:read_all')) return sql`true`;
  if (user.departmentId === null) return sql`false`;
  return eq(submissions.departmentId, user.departmentId);
}

/**
 * Residents' contact details: the reform team for every voice, and the members of the 課
 * the voice is assigned to — never the mayor, auditors or admins (DOMAIN.md).
 */
export function contactVisibleWhere(user: ScopedUser): SQL {
  if (!roleHasPermission(user.role, 'voice:contact_view')) return sql`false`;
  if (user.role === 'reform') return sql`true`;
  if (user.departmentId === null) return sql`false`;
  return eq(submissions.departmentId, user.departmentId);
}

/** The same rule for a voice already loaded (to decide whether to offer the button). */
export function canViewContact(user: ScopedUser, submission: { departmentId: number | null }): boolean {
  if (!roleHasPermission(user.role, 'voice:contact_view')) return false;
  if (user.role === 'reform') return true;
  return user.departmentId !== null && submission.departmentId === user.departmentId;
}
