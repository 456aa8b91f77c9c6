import type { AppLoadContext } from '@remix-run/node';
import { requireUser, userHasPermission } from '~/auth/session.server';
import { requestLanguage } from '~/i18n/resources.server';
import { departmentName } from '~/models/staff-voices.server';
import type { ChromeUser } from './chrome';

/** The signed-in person as the backoffice header shows them (anonymous → sign-in redirect). */
export async function loadStaffChrome(request: Request, context: AppLoadContext): Promise<ChromeUser> {
  const user = await requireUser(request, context);
  return {
    displayName: user.displayName,
    role: user.role,
    departmentName: await departmentName(context.db, user.departmentId, requestLanguage(request)),
    canAdmin: userHasPermission(user, 'admin:manage'),
    canReadAudit: userHasPermission(user, 'audit:read'),
    areas: {
      mayorQueue: userHasPermission(user, 'mayor:review'),
      enterVoice: userHasPermission(user, 'voice:enter'),
      improvements: userHasPermission(user, 'improvement:read'),
      staffBox: userHasPermission(user, 'staff_box:submit'),
      auditFindings: userHasPermission(user, 'audit_finding:record') || userHasPermission(user, 'improvement:manage'),
      reports: userHasPermission(user, 'report:read'),
      outbox: userHasPermission(user, 'outbox:manage'),
      residentRequests: userHasPermission(user, 'resident_request:manage'),
    },
  };
}
