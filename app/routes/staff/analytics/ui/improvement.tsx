import { Link } from '@remix-run/react';
import { BarChart } from '~/components/charts';
import type { ImprovementSummary } from '~/domain/analytics/improvement-summary.server';
import { DataTable, KeyFigures } from './data-table';
import { useFigures } from './format';

// 改善記録: records by stage today, opened and closed in the period, what is overdue, and how
// many of the effectiveness reviews found them effective.

const STAGES = ['plan', 'do', 'check', 'act', 'closed'] as const;

export function ImprovementSection({ improvement: i }: { improvement: ImprovementSummary }) {
  const f = useFigures();
  const { t } = f;
  return (
    <section className="report-section" aria-labelledby="improvement-title">
      <h2 id="improvement-title">{t('figures.improvement')}</h2>
      <BarChart
        title={t('improvement.byStage')}
        categoryHeader={t('improvement.stage')}
        labels={STAGES.map((s) => t(`stage.${s}`))}
        series={{ key: 'records', label: t('figures.stageCount'), values: STAGES.map((s) => i.byStage[s]) }}
        format={f.num}
      />
      <KeyFigures label={t('figures.improvement')} items={[
        { term: t('figures.opened'), value: f.num(i.opened) },
        { term: t('figures.closed'), value: f.num(i.closed) },
        { term: t('figures.overdueRecords'), value: f.num(i.overdue) },
        { term: t('figures.overdueActions'), value: f.num(i.overdueActions) },
        { term: t('figures.checked'), value: f.num(i.checked) },
        { term: t('figures.effective'), value: f.num(i.effective) },
        { term: t('figures.partlyEffective'), value: f.num(i.partlyEffective) },
        { term: t('figures.notEffective'), value: f.num(i.notEffective) },
        { term: t('figures.effectiveShare'), value: f.pct(i.effectiveShare) },
      ]} />
      <DataTable
        caption={t('improvement.overdueTitle')}
        empty={t('improvement.noneOverdue')}
        columns={[t('figures.recordNumber'), t('figures.recordTitle'), t('figures.department'), t('improvement.stage'), t('figures.dueDate'), t('figures.daysOverdue')]}
        rows={i.overdueRecords.map((r) => ({
          key: r.id,
          head: <Link to={`/staff/improvements/${r.number}`}>{r.number}</Link>,
          cells: [r.title, f.name(r), t(`stage.${r.stage}`), r.dueDate, f.num(r.daysOverdue)],
        }))}
      />
    </section>
  );
}
