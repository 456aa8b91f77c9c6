import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { loadDashboard } from '~/domain/analytics/dashboard.server';
import { recentMonthsFrom } from '~/domain/analytics/refresh-plan';
import { refreshAnalyticsRollups } from '~/domain/analytics/rollups.server';
import { analyticsScopeFor } from '~/domain/analytics/scope';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import reportStylesHref from '~/styles/report.css?url';
import { japanMinute, periodQuery, readPeriodFilter, rollupAsOf, scopeName, todayInJapan } from './analytics.server';
import { AsOf } from './ui/as-of';
import { KeyFigures } from './ui/data-table';
import { useFigures } from './ui/format';
import { ImprovementSection } from './ui/improvement';
import { PeriodForm, PeriodLabel } from './ui/period-form';
import { MayorReviewSection, OverdueSection, ReplyTimesSection } from './ui/replies';
import { CountersSection, RatingsSection } from './ui/satisfaction';
import { VolumesSection } from './ui/volumes';

// /staff/analytics: every dashboard figure for a period — the whole city for those who read
// every voice, their own 課 for department managers. One call (loadDashboard) reads them all,
// most from the rollups: the page says as of when, and a POST recomputes them now.

export const handle = { access: { signedIn: true, permission: 'report:read' } } satisfies { access: RouteAccess };

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: reportStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'report:read');
  const today = todayInJapan();
  const filter = readPeriodFilter(request, today);
  const scope = analyticsScopeFor(user);
  const page = {
    title: serverT(requestLanguage(request), 'analytics')('dashboard.title'),
    filter,
    scope: await scopeName(context.db, scope),
    query: filter.period ? periodQuery(filter.period) : '',
    asOf: await rollupAsOf(context.db),
  };
  if (!filter.period) return data({ ...page, dashboard: null }, { status: 400 });
  return { ...page, dashboard: await loadDashboard(context.db, scope, filter.period, today) };
}

/** 今すぐ集計する: recomputes the recent months of the rollups (everything, the first time). */
export async function action({ request, context }: ActionFunctionArgs) {
  await requireUserWithPermission(request, context, 'report:read');
  if ((await request.formData()).get('intent') !== 'refresh') return data({ refresh: 'invalid' as const, time: null }, { status: 400 });
  const report = await refreshAnalyticsRollups(context.db, { from: recentMonthsFrom(new Date()) });
  return report.refreshed
    ? { refresh: 'refreshed' as const, time: japanMinute(report.refreshedAt) }
    : data({ refresh: 'busy' as const, time: null }, { status: 409 });
}

function RefreshForm() {
  const { t } = useFigures();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <Form method="post" className="analytics-refresh no-print">
      {result?.refresh === 'refreshed' ? <p className="notice" role="status">{t('rollups.refreshed', { date: result.time })}</p> : null}
      {result?.refresh === 'busy' ? <p className="notice notice--error" role="alert">{t('rollups.busy')}</p> : null}
      <button type="submit" name="intent" value="refresh" className="button" disabled={navigation.state === 'submitting'}>{t('rollups.refreshNow')}</button>
      <span className="field__hint"> {t('rollups.refreshHint')}</span>
    </Form>
  );
}

export default function AnalyticsDashboard() {
  const { filter, scope, dashboard: d, query, asOf } = useLoaderData<typeof loader>();
  const f = useFigures();
  const { t } = f;
  const scopeLabel = scope === null ? t('scope.city') : scope === 'none' ? t('scope.none') : f.name(scope);
  return (
    <div className="analytics">
      <h1>{t('dashboard.title')}</h1>
      <p className="analytics-scope">{t('scope.label', { name: scopeLabel })}</p>
      <nav aria-label={t('nav.label')} className="analytics-nav">
        <ul>
          <li><Link to={`/staff/analytics/findings${filter.fiscalYear ? `?fy=${filter.fiscalYear}` : ''}`}>{t('findingTable.title')}</Link></li>
          <li><Link to={`/staff/analytics/review${query ? `?${query}` : ''}`}>{t('review.title')}</Link></li>
          <li><Link to={`/staff/analytics/where${query ? `?${query}` : ''}`}>{t('place:where.title')}</Link></li>
          <li><Link to="/statistics">{t('publicStatistics.title')}</Link></li>
        </ul>
      </nav>
      <AsOf asOf={asOf} />
      <RefreshForm />
      <PeriodForm filter={filter} action="/staff/analytics" />
      {d ? (
        <>
          <p className="analytics-period"><strong>{t('summary.period')}:</strong> <PeriodLabel filter={filter} /></p>
          <section className="report-section" aria-labelledby="key-title">
            <h2 id="key-title">{t('dashboard.keyFigures')}</h2>
            <KeyFigures label={t('dashboard.keyFigures')} items={[
              { term: t('figures.received'), value: f.num(d.volumes.kind.total) },
              { term: t('figures.medianBusinessDays'), value: f.num(d.replyTimes.overall.businessDays.median) },
              { term: t('figures.p90BusinessDays'), value: f.num(d.replyTimes.overall.businessDays.p90) },
              { term: t('figures.onTimeShare'), value: f.pct(d.deadlineCompliance.share) },
              { term: t('figures.overdue'), value: f.num(d.overdue.count) },
              { term: t('figures.reviewedShare'), value: f.pct(d.mayorReview.share) },
              { term: t('figures.averageSatisfaction'), value: f.avg(d.ratings.total.average) },
              { term: t('figures.effectiveShare'), value: f.pct(d.improvement.effectiveShare) },
            ]} />
          </section>
          <VolumesSection volumes={d.volumes} />
          <ReplyTimesSection replyTimes={d.replyTimes} compliance={d.deadlineCompliance} />
          <OverdueSection overdue={d.overdue} />
          <MayorReviewSection mayor={d.mayorReview} linkVoices />
          <RatingsSection ratings={d.ratings} />
          <CountersSection counters={d.counters} />
          <ImprovementSection improvement={d.improvement} />
        </>
      ) : null}
    </div>
  );
}
