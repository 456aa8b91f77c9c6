import { Link } from '@remix-run/react';
import type { ComplianceFigures, DeadlineCompliance, ReplyTimes } from '~/domain/analytics/reply-times.server';
import type { MayorReviewFigures, OverdueFigures } from '~/domain/analytics/voices.server';
import { DataTable, KeyFigures } from './data-table';
import { useFigures } from './format';

// Reply time (business days first, calendar days beside), deadline compliance, what is
// overdue today, and the mayor's review of every voice.

export function ReplyTimesSection({ replyTimes, compliance }: { replyTimes: ReplyTimes; compliance: DeadlineCompliance }) {
  const f = useFigures();
  const { t } = f;
  const o = replyTimes.overall;
  const complianceCells = (g: ComplianceFigures) => [f.num(g.answered), f.num(g.withDueDate), f.num(g.onTime), f.num(g.late), f.pct(g.share), f.num(g.extendedByInterim)];
  return (
    <section className="report-section" aria-labelledby="reply-times-title">
      <h2 id="reply-times-title">{t('figures.replyTime')}</h2>
      <KeyFigures label={t('figures.replyTime')} items={[
        { term: t('figures.answered'), value: f.num(o.answered) },
        { term: t('figures.medianBusinessDays'), value: f.num(o.businessDays.median) },
        { term: t('figures.p90BusinessDays'), value: f.num(o.businessDays.p90) },
        { term: t('figures.medianCalendarDays'), value: f.num(o.calendarDays.median) },
        { term: t('figures.onTimeShare'), value: f.pct(compliance.share) },
      ]} />
      <p className="muted">{t('replyTimes.note')}</p>
      <DataTable
        caption={t('replyTimes.byDepartment')}
        empty={t('replyTimes.none')}
        columns={[t('figures.department'), t('figures.answered'), t('figures.medianBusinessDays'), t('figures.p90BusinessDays'), t('figures.medianCalendarDays'), t('figures.p90CalendarDays')]}
        rows={replyTimes.byDepartment.length === 0 ? [] : [
          ...replyTimes.byDepartment.map((g) => ({
            key: g.id ?? 'none', head: f.name(g),
            cells: [f.num(g.answered), f.num(g.businessDays.median), f.num(g.businessDays.p90), f.num(g.calendarDays.median), f.num(g.calendarDays.p90)],
          })),
          { key: 'total', head: t('figures.total'), total: true, cells: [f.num(o.answered), f.num(o.businessDays.median), f.num(o.businessDays.p90), f.num(o.calendarDays.median), f.num(o.calendarDays.p90)] },
        ]}
      />
      <h3>{t('compliance.title')}</h3>
      <DataTable
        caption={t('compliance.byDepartment')}
        empty={t('replyTimes.none')}
        columns={[t('figures.department'), t('figures.answered'), t('figures.withDueDate'), t('figures.onTime'), t('figures.late'), t('figures.onTimeShare'), t('figures.extendedByInterim')]}
        rows={compliance.byDepartment.length === 0 ? [] : [
          ...compliance.byDepartment.map((g) => ({ key: g.id ?? 'none', head: f.name(g), cells: complianceCells(g) })),
          { key: 'total', head: t('figures.total'), total: true, cells: complianceCells(compliance) },
        ]}
      />
    </section>
  );
}

export function OverdueSection({ overdue }: { overdue: OverdueFigures }) {
  const f = useFigures();
  const { t } = f;
  return (
    <section className="report-section" aria-labelledby="overdue-title">
      <h2 id="overdue-title">{t('figures.overdue')}</h2>
      <p>{t('overdue.lead', { count: overdue.count })}</p>
      <DataTable
        caption={t('overdue.byDepartment')}
        empty={t('overdue.none')}
        columns={[t('figures.department'), t('figures.overdue'), t('figures.oldestDueDate'), t('figures.maxDaysOverdue')]}
        rows={overdue.byDepartment.length === 0 ? [] : [
          ...overdue.byDepartment.map((g) => ({ key: g.departmentId ?? 'none', head: f.name(g), cells: [f.num(g.count), g.oldestDueDate, f.num(g.maxDaysOverdue)] })),
          { key: 'total', head: t('figures.total'), total: true, cells: [f.num(overdue.count), '', ''] },
        ]}
      />
    </section>
  );
}

export function MayorReviewSection({ mayor, linkVoices }: { mayor: MayorReviewFigures; linkVoices: boolean }) {
  const f = useFigures();
  const { t } = f;
  const oldest = mayor.oldestUnreviewed;
  return (
    <section className="report-section" aria-labelledby="mayor-title">
      <h2 id="mayor-title">{t('figures.mayorReview')}</h2>
      <KeyFigures label={t('figures.mayorReview')} items={[
        { term: t('figures.received'), value: f.num(mayor.received) },
        { term: t('figures.reviewed'), value: f.num(mayor.reviewed) },
        { term: t('figures.reviewedShare'), value: f.pct(mayor.share) },
        {
          term: t('figures.oldestUnreviewed'),
          value: oldest === null ? t('mayor.allReviewed') : (
            <>
              {linkVoices ? <Link to={`/staff/voices/${oldest.receiptNumber}`}>{oldest.receiptNumber}</Link> : oldest.receiptNumber}
              {' '}{t('mayor.oldest', { date: oldest.receivedOn, days: oldest.ageDays })}
            </>
          ),
        },
      ]} />
    </section>
  );
}
