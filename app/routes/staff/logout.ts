import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { recordAudit } from '~/audit/audit.server';
import type { RouteAccess } from '~/auth/route-access';
import { clearedSessionCookie, deleteSession, readSessionToken } from '~/auth/session.server';
import { assertSameOrigin } from '~/security/csrf.server';

// Sign-out deletes the session row: the old cookie opens nothing afterwards, anywhere.
export const handle = { access: 'public' } satisfies { access: RouteAccess };

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context.config);
  const token = readSessionToken(request, context.config);
  if (token) {
    await context.db.transaction(async (tx) => {
      const userId = await deleteSession(tx, token);
      if (userId !== null) {
        await recordAudit(tx, {
          userId, ip: context.clientIp, userAgent: request.headers.get('user-agent'), requestId: context.requestId,
          action: 'auth.logout', entityType: 'user', entityId: userId,
        });
      }
    });
  }
  return redirect('/staff/login?notice=signedOut', { headers: { 'Set-Cookie': clearedSessionCookie(context.config) } });
}

/** Signing out is a POST (a link or an image elsewhere must not sign anyone out). */
export function loader() {
  return redirect('/staff');
}
