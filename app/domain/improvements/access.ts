import { roleHasPermission, type Permission } from '~/auth/permissions';
import type { StaffUser } from '~/auth/session.server';
import type { Actor } from '../errors';
import { ImprovementRuleError } from './errors';

/** Who acts in the improvement domain: the one Actor, with the full StaffUser (role and 課 decide). */
export type ImprovementActor = Actor<StaffUser>;

export function requirePermission(user: Pick<StaffUser, 'role'>, permission: Permission): void {
  if (!roleHasPermission(user.role, permission)) throw new ImprovementRuleError('forbidden', { details: { permission } });
}

/** An action may be carried out by the reform team, or by staff of the 課 (or the person) it is assigned to. */
export function mayCarryOutAction(
  user: Pick<StaffUser, 'id' | 'role' | 'departmentId'>,
  action: { ownerDepartmentId: number | null; ownerUserId: number | null },
): boolean {
  if (roleHasPermission(user.role, 'improvement:manage')) return true;
  if (!roleHasPermission(user.role, 'improvement:act')) return false;
  if (action.ownerUserId !== null && action.ownerUserId === user.id) return true;
  return user.departmentId !== null && action.ownerDepartmentId === user.departmentId;
}
