import type { LoaderFunctionArgs } from '@remix-run/node';
import { auditActor } from '~/audit/audit.server';
import type { RouteAccess } from '~/auth/route-access';
import { notFound, requireUserWithPermission } from '~/auth/session.server';
import { DomainError } from '~/domain/errors';
import { exportHeldData, heldDataHtml, HELD_LABELS } from '~/domain/resident-requests.server';
import { requestLanguage, serverT } from '~/i18n/resources.server';

// 開示: what is held on the person, as a readable page (print or PDF from the browser) or as
// JSON. The first download completes the request; each one is in the audit log.
export const handle = { access: { signedIn: true, permission: 'resident_request:manage' } } satisfies { access: RouteAccess };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'resident_request:manage');
  const id = Number(params.requestId);
  const format = params.format;
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647 || (format !== 'json' && format !== 'html')) throw notFound(request);
  // Not found, or not an approved disclosure: the download does not exist.
  const held = await exportHeldData(context.db, id, auditActor(request, context, user), new Date()).catch((error: unknown) => {
    if (error instanceof DomainError) throw notFound(request);
    throw error;
  });
  const headers = { 'Content-Disposition': `attachment; filename="disclosure-${id}.${format}"`, 'Cache-Control': 'no-store' };
  if (format === 'json') return new Response(JSON.stringify(held, null, 2), { headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
  const t = serverT(requestLanguage(request), 'staff');
  const labels = Object.fromEntries(HELD_LABELS.map((l) => [l, t(`requests.held.${l}`)])) as Record<(typeof HELD_LABELS)[number], string>;
  return new Response(heldDataHtml(held, labels), { headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}
