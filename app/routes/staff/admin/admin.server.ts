import { data, type AppLoadContext } from '@remix-run/node';
import { auditActor, type AuditActor } from '~/audit/audit.server';
import { notFound, requireUserWithPermission, type StaffUser } from '~/auth/session.server';
import { parseId } from '~/utils/ids';
import { runWrite } from '../write-answer.server';

/** Every admin screen: the admin:manage permission, and the actor for the audit entries. */
export async function requireAdmin(request: Request, context: AppLoadContext): Promise<{ user: StaffUser; actor: AuditActor }> {
  const user = await requireUserWithPermission(request, context, 'admin:manage');
  return { user, actor: auditActor(request, context, user) };
}

/** A numeric route parameter, or a 404. */
export function idParam(request: Request, value: string | undefined): number {
  const id = parseId(value);
  if (id === null) throw notFound(request);
  return id;
}


/**
 * Runs an admin save through the one converter: a missing row is the 404 page, any other refusal
 * is the form again with its message under its field (`extra` says which form on the page).
 */
export function adminWrite<T, E extends object = object>(request: Request, write: () => Promise<T>, extra?: E) {
  return runWrite(request, write, (error) => data({ ...(extra as E), errors: { [error.field ?? '_form']: error.messageKey } as Record<string, string> }, { status: error.status }));
}
