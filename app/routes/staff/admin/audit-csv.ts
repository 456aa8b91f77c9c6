import type { LoaderFunctionArgs } from '@remix-run/node';
import { auditActor, recordAudit } from '~/audit/audit.server';
import { auditCsv } from '~/audit/audit-log.server';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { auditFilterSchema } from './schemas';

// The audit log as CSV, with the screen's filters. Exporting is itself recorded.
export const handle = { access: { signedIn: true, permission: 'audit:read' } } satisfies { access: RouteAccess };

const COLUMNS = ['id', 'at', 'email', 'name', 'action', 'entityType', 'entityId', 'ip', 'userAgent', 'requestId', 'details'] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'audit:read');
  const url = new URL(request.url);
  const filter = auditFilterSchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== '')));
  const t = serverT(requestLanguage(request), 'admin');
  const csv = await auditCsv(context.db, filter, COLUMNS.map((c) => t(`audit.csv.${c}`)));
  await recordAudit(context.db, { ...auditActor(request, context, user), action: 'audit.export', entityType: 'audit_log', details: { filter } });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-log-${stamp}.csv"`,
    },
  });
}
