import { roleHasPermission } from '~/auth/permissions';
import type { StaffUser } from '~/auth/session.server';

/** Whose figures: every 課 (null) or one 課. */
export interface AnalyticsScope {
  departmentId: number | null;
}

export const ALL_DEPARTMENTS: AnalyticsScope = { departmentId: null };

/**
 * The scope a signed-in user's dashboard shows: every 課 for roles that read every voice, else
 * their own 課. Staff without a 課 get an id no row has, so they see zeros, never the city.
 */
export function analyticsScopeFor(user: Pick<StaffUser, 'role' | 'departmentId'>): AnalyticsScope {
  if (roleHasPermission(user.role, 'voice:read_all')) return ALL_DEPARTMENTS;
  return { departmentId: user.departmentId ?? -1 };
}
