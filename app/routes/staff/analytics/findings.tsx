import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { findingTable } from '~/domain/analytics/finding-table.server';
import { analyticsScopeFor } from '~/domain/analytics/scope';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import reportStylesHref from '~/styles/report.css?url';
import { readFiscalYear, rollupAsOf, scopeName, todayInJapan } from './analytics.server';
import { AsOf } from './ui/as-of';
import { FindingTableView } from './ui/finding-table';
import { useFigures } from './ui/format';

// /staff/analytics/findings: 発生状況まとめ for one 年度 (a department manager sees their 課),
// with CSV and Excel downloads of the same table.

export const handle = { access: { signedIn: true, permission: 'report:read' } } satisfies { access: RouteAccess };

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: reportStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'report:read');
  const { fiscalYear, years } = readFiscalYear(request, todayInJapan());
  const scope = analyticsScopeFor(user);
  const page = {
    title: serverT(requestLanguage(request), 'analytics')('findingTable.title'), fiscalYear, years,
    scope: await scopeName(context.db, scope), asOf: await rollupAsOf(context.db),
  };
  if (fiscalYear === null) return data({ ...page, table: null }, { status: 400 });
  return { ...page, table: await findingTable(context.db, scope, fiscalYear) };
}

export default function Findings() {
  const { fiscalYear, years, scope, table, asOf } = useLoaderData<typeof loader>();
  const f = useFigures();
  const { t } = f;
  const scopeLabel = scope === null ? t('scope.city') : scope === 'none' ? t('scope.none') : f.name(scope);
  return (
    <div className="analytics">
      <p className="no-print"><Link to={`/staff/analytics${fiscalYear ? `?fy=${fiscalYear}` : ''}`}>{t('nav.backToDashboard')}</Link></p>
      <h1>{t('findingTable.title')}</h1>
      <p className="analytics-scope">{t('scope.label', { name: scopeLabel })}</p>
      <p>{t('findingTable.lead')}</p>
      <Form method="get" action="/staff/analytics/findings" className="period-filter__form panel no-print">
        <div className="field">
          <label htmlFor="findings-fy">{t('period.fiscalYear')}</label>
          <select id="findings-fy" name="fy" defaultValue={String(fiscalYear ?? years[0])}>
            {years.map((y) => <option key={y} value={y}>{t('format.fiscalYear', { year: y })}</option>)}
          </select>
        </div>
        <button type="submit" className="button">{t('period.show')}</button>
      </Form>
      {table && fiscalYear ? (
        <>
          <ul className="report-actions no-print">
            <li><a href={`/staff/analytics/findings.csv?fy=${fiscalYear}`} download>{t('downloads.csv')}</a></li>
            <li><a href={`/staff/analytics/findings.xlsx?fy=${fiscalYear}`} download>{t('downloads.xlsx')}</a></li>
          </ul>
          <AsOf asOf={asOf} />
          <FindingTableView table={table} caption={t('findingTable.caption', { year: fiscalYear })} />
          <p className="muted">{t('findingTable.note')}</p>
        </>
      ) : <p className="notice notice--error" role="alert">{t('period.errors.invalid')}</p>}
    </div>
  );
}
