import type { AuditActor } from '~/audit/audit.server';
import { roleHasPermission, type Permission } from '~/auth/permissions';
import type { StaffUser } from '~/auth/session.server';
import { ImprovementRuleError } from './errors';

/**
 * Who acts in the improvement domain: the signed-in member of staff (role and 課 decide what
 * they may do) and the request facts for the audit log (from `auditActor(request, …)`).
 */
export interface ImprovementActor {
  user: StaffUser;
  request: Omit<AuditActor, 'userId'>;
}

export function auditActorOf(actor: ImprovementActor): AuditActor {
  return { ...actor.request, userId: actor.user.id };
}

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
