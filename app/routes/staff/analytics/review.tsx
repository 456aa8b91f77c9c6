import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission, userHasPermission } from '~/auth/session.server';
import { buildManagementReview } from '~/domain/reports/management-review.server';
import { listManagementReviews } from '~/domain/reports/review-list.server';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import reportStylesHref from '~/styles/report.css?url';
import { periodQuery, readPeriodFilter, rollupAsOf, todayInJapan } from './analytics.server';
import { AsOf } from './ui/as-of';
import { FindingTableView } from './ui/finding-table';
import { useFigures } from './ui/format';
import { ImprovementSection } from './ui/improvement';
import { PeriodForm, PeriodLabel } from './ui/period-form';
import { MayorReviewSection, OverdueSection, ReplyTimesSection } from './ui/replies';
import { AuditFindingsSection, EarlierDecisionsSection, OpportunitiesSection, RecordedReviews } from './ui/review-sections';
import { CountersSection, RatingsSection } from './ui/satisfaction';
import { VolumesSection } from './ui/volumes';

// /staff/analytics/review: the management review report (ISO 9001 9.3) for a period, for the
// whole city — every input DOMAIN.md names, in an A4 print layout (report.css), with CSV and
// Excel downloads; below it, the reviews recorded so far and their decisions.

export const handle = { access: { signedIn: true, permission: 'report:read' } } satisfies { access: RouteAccess };

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: reportStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'report:read');
  const today = todayInJapan();
  const filter = readPeriodFilter(request, today);
  const page = {
    title: serverT(requestLanguage(request), 'analytics')('review.title'),
    filter,
    query: filter.period ? periodQuery(filter.period) : '',
    canManage: userHasPermission(user, 'improvement:manage'),
    recorded: await listManagementReviews(context.db),
    asOf: await rollupAsOf(context.db),
  };
  if (!filter.period) return data({ ...page, review: null }, { status: 400 });
  return { ...page, review: await buildManagementReview(context.db, filter.period, today) };
}

function PrintButton() {
  const { t } = useFigures();
  return <button type="button" className="button" onClick={() => window.print()}>{t('review.print')}</button>;
}

export default function ManagementReviewReport() {
  const { filter, query, canManage, recorded, review, asOf } = useLoaderData<typeof loader>();
  const f = useFigures();
  const { t } = f;
  return (
    <div className="analytics report">
      <p className="no-print"><Link to={`/staff/analytics${query ? `?${query}` : ''}`}>{t('nav.backToDashboard')}</Link></p>
      <h1>{t('review.title')}</h1>
      {review ? (
        <p className="analytics-period">
          <strong>{t('summary.period')}:</strong> <PeriodLabel filter={filter} />
          {' · '}<strong>{t('summary.generatedOn')}:</strong> {review.generatedOn}
        </p>
      ) : null}
      {review ? <AsOf asOf={asOf} /> : null}
      <PeriodForm filter={filter} action="/staff/analytics/review" />
      {review ? (
        <>
          <ul className="report-actions no-print">
            <li><PrintButton /></li>
            <li><a href={`/staff/analytics/review.csv?${query}`} download>{t('downloads.csv')}</a></li>
            <li><a href={`/staff/analytics/review.xlsx?${query}`} download>{t('downloads.xlsx')}</a></li>
          </ul>
          <p className="muted no-print">{t('review.printHint')}</p>
          <EarlierDecisionsSection decisions={review.earlierDecisions} />
          <VolumesSection volumes={review.volumes} />
          <ReplyTimesSection replyTimes={review.replyTimes} compliance={review.deadlineCompliance} />
          <OverdueSection overdue={review.overdue} />
          <MayorReviewSection mayor={review.mayorReview} linkVoices />
          <RatingsSection ratings={review.satisfaction.ratings} />
          <CountersSection counters={review.satisfaction.counters} />
          <ImprovementSection improvement={review.improvement} />
          <AuditFindingsSection audits={review.auditFindings} />
          <section className="report-section" aria-labelledby="finding-table-title">
            <h2 id="finding-table-title">{t('findingTable.title')}</h2>
            <FindingTableView table={review.findingTable} caption={t('findingTable.captionPeriod')} />
          </section>
          <OpportunitiesSection opportunities={review.opportunities} />
        </>
      ) : null}
      <RecordedReviews reviews={recorded} canManage={canManage} />
    </div>
  );
}
