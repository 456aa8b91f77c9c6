import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { BarChart } from '~/components/charts';
import { pageTitle } from '~/components/public/meta';
import { publicStatistics, type PublicFigures, type PublicStatisticsRow } from '~/domain/analytics/public-statistics.server';
import reportStylesHref from '~/styles/report.css?url';
import { rollupAsOf } from '~/routes/staff/analytics/analytics.server';
import { AsOf } from '~/routes/staff/analytics/ui/as-of';
import { useFigures } from '~/routes/staff/analytics/ui/format';
import { statisticsYear } from './statistics.server';

// /statistics: how many voices the city received in a 年度 and how fast it answered them, per
// category and per 課 — counts only, nothing about a single voice. CSV at /statistics.csv.

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: reportStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ matches }) => [{ title: pageTitle(matches, 'analytics:publicStatistics.title') }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { fiscalYear, years } = statisticsYear(request);
  if (fiscalYear === null) return data({ years, fiscalYear, stats: null, asOf: null }, { status: 400 });
  return { years, fiscalYear, stats: await publicStatistics(context.db, fiscalYear), asOf: await rollupAsOf(context.db) };
}

function StatisticsTable({ caption, first, rows, total, fallbackKey }: {
  caption: string; first: string; rows: PublicStatisticsRow[]; total: PublicFigures; fallbackKey: string;
}) {
  const f = useFigures();
  const { t } = f;
  // Plain words for residents (staff pages keep 中央値・90パーセンタイル).
  const columns = ['received', 'answered', 'medianBusinessDays', 'p90BusinessDays', 'medianCalendarDays'] as const;
  const label = (column: (typeof columns)[number]) => t(`publicStatistics.figures.${column}`);
  // Each cell carries its column's name, shown beside the value when a phone stacks the rows.
  const cells = (r: PublicFigures) => columns.map((c) => <td key={c} role="cell" data-label={label(c)}>{f.num(r[c])}</td>);
  // Explicit table roles: the narrow layout changes the CSS display of the rows and cells.
  return (
    <div className="table-wrap">
      <table className="data-table figure-table figure-table--stack" role="table">
        <caption>{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">{first}</th>
            {columns.map((c) => <th key={c} scope="col" role="columnheader">{label(c)}</th>)}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((r) => <tr key={r.id ?? 'none'} role="row"><th scope="row" role="rowheader">{f.name(r, fallbackKey)}</th>{cells(r)}</tr>)}
          <tr className="figure-table__total" role="row"><th scope="row" role="rowheader">{t('figures.total')}</th>{cells(total)}</tr>
        </tbody>
      </table>
    </div>
  );
}

export default function PublicStatisticsPage() {
  const { years, fiscalYear, stats, asOf } = useLoaderData<typeof loader>();
  const f = useFigures();
  const { t } = f;
  return (
    <div className="statistics">
      <h1>{t('publicStatistics.title')}</h1>
      <p>{t('publicStatistics.lead')}</p>
      <Form method="get" action="/statistics" className="panel">
        <div className="field">
          <label htmlFor="statistics-fy">{t('period.fiscalYear')}</label>
          <select id="statistics-fy" name="fy" defaultValue={String(fiscalYear ?? years[0])}>
            {years.map((y) => <option key={y} value={y}>{t('format.fiscalYear', { year: y })}</option>)}
          </select>
        </div>
        <button type="submit" className="button">{t('period.show')}</button>
      </Form>
      {stats ? (
        <>
          <h2>{t('publicStatistics.yearTitle', { year: stats.fiscalYear })}</h2>
          <AsOf asOf={asOf} note="rollups.publicNote" notYet="rollups.publicNotYet" />
          <dl className="facts">
            <dt>{t('publicStatistics.figures.received')}</dt><dd>{f.num(stats.total.received)}</dd>
            <dt>{t('publicStatistics.figures.answered')}</dt><dd>{f.num(stats.total.answered)}</dd>
            <dt>{t('publicStatistics.figures.medianBusinessDays')}</dt><dd>{f.num(stats.total.medianBusinessDays)}</dd>
            <dt>{t('publicStatistics.figures.p90BusinessDays')}</dt><dd>{f.num(stats.total.p90BusinessDays)}</dd>
          </dl>
          <p className="muted">{t('publicStatistics.daysNote')}</p>
          <p><a href={`/statistics.csv?fy=${stats.fiscalYear}`} download>{t('publicStatistics.csv', { year: stats.fiscalYear })}</a></p>
          <BarChart
            title={t('publicStatistics.chartTitle')} description={t('publicStatistics.chartDescription')} categoryHeader={t('figures.category')}
            labels={stats.byCategory.map((r) => f.name(r, 'figures.unclassified'))}
            series={{ key: 'received', label: t('publicStatistics.figures.received'), values: stats.byCategory.map((r) => r.received) }}
            format={(v) => f.num(v)} className="chart public-chart"
          />
          <StatisticsTable caption={t('publicStatistics.byCategory')} first={t('figures.category')} rows={stats.byCategory} total={stats.total} fallbackKey="figures.unclassified" />
          <StatisticsTable caption={t('publicStatistics.byDepartment')} first={t('figures.department')} rows={stats.byDepartment} total={stats.total} fallbackKey="figures.unassigned" />
          <h2>{t('publicStatistics.howTitle')}</h2>
          <ul>
            <li>{t('publicStatistics.howReceived')}</li>
            <li>{t('publicStatistics.howAnswered')}</li>
            <li>{t('publicStatistics.howDays')}</li>
          </ul>
        </>
      ) : <p className="notice" role="alert">{t('publicStatistics.badYear')}</p>}
    </div>
  );
}
