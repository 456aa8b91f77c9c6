import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { requireAdmin } from './admin.server';

export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  return { title: serverT(requestLanguage(request), 'admin')('title') };
}

const SECTIONS = ['users', 'departments', 'categories', 'counters', 'calendar', 'city', 'boundary', 'retention', 'apiClients', 'audit'] as const;

export default function AdminHome() {
  const { t } = useT();
  return (
    <>
      <h1>{t('admin:title')}</h1>
      <ul className="admin-menu">
        {SECTIONS.map((s) => (
          <li key={s}>
            <Link to={`/staff/admin/${s === 'apiClients' ? 'api-clients' : s}`}>
              {t(`admin:${s}.title`)}
              <span>{t(`admin:${s}.summary`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
