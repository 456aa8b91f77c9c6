import { LineChart } from '~/components/charts';
import type { CounterSurveyTrend, ReplyRatingTrend } from '~/domain/analytics/satisfaction.server';
import { DataTable } from './data-table';
import { useFigures } from './format';

// 顧客満足 (ISO 9001 9.1.2): residents' ratings of replies per 課 and the counter surveys per
// counter, as monthly trends and totals.

export function RatingsSection({ ratings }: { ratings: ReplyRatingTrend }) {
  const f = useFigures();
  const { t } = f;
  const months = ratings.months.map((m) => m.month);
  const cells = (r: ReplyRatingTrend['total']) => [f.num(r.count), f.avg(r.average), f.pct(r.yesShare), f.pct(r.partlyShare), f.pct(r.noShare)];
  return (
    <section className="report-section" aria-labelledby="ratings-title">
      <h2 id="ratings-title">{t('figures.ratings')}</h2>
      <LineChart
        title={t('ratings.trendTitle')}
        description={t('ratings.trendDescription', { count: ratings.total.count })}
        categoryHeader={t('figures.month')}
        labels={months.map(f.monthShort)}
        max={5}
        format={f.avg}
        series={[
          { key: 'all', label: t('ratings.allDepartments'), values: ratings.months.map((m) => m.average) },
          ...ratings.byDepartment.slice(0, 5).map((d) => ({ key: `d${d.departmentId ?? 'none'}`, label: f.name(d), values: d.months.map((m) => m.average) })),
        ]}
      />
      <DataTable
        caption={t('ratings.byDepartment')}
        empty={t('ratings.none')}
        columns={[t('figures.department'), t('figures.ratingCount'), t('figures.averageSatisfaction'), t('figures.resolvedYes'), t('figures.resolvedPartly'), t('figures.resolvedNo')]}
        rows={ratings.byDepartment.length === 0 ? [] : [
          ...ratings.byDepartment.map((d) => ({ key: d.departmentId ?? 'none', head: f.name(d), cells: cells(d) })),
          { key: 'total', head: t('figures.total'), total: true, cells: cells(ratings.total) },
        ]}
      />
      {ratings.byDepartment.length > 0 ? (
        <DataTable
          caption={t('ratings.monthlyByDepartment')}
          columns={[t('figures.department'), ...months.map(f.monthShort)]}
          rows={ratings.byDepartment.map((d) => ({
            key: d.departmentId ?? 'none', head: f.name(d),
            cells: d.months.map((m) => (m.count === 0 ? '' : t('ratings.cell', { mean: f.avg(m.average), count: m.count }))),
          }))}
        />
      ) : null}
    </section>
  );
}

export function CountersSection({ counters }: { counters: CounterSurveyTrend }) {
  const f = useFigures();
  const { t } = f;
  const months = counters.months.map((m) => m.month);
  const cells = (c: CounterSurveyTrend['total']) => [f.num(c.count), f.avg(c.speed), f.avg(c.courtesy), f.avg(c.clarity), f.avg(c.overall)];
  return (
    <section className="report-section" aria-labelledby="counters-title">
      <h2 id="counters-title">{t('figures.surveys')}</h2>
      {counters.byCounter.length === 0 ? <p className="analytics-empty">{t('counters.none')}</p> : (
        <>
          <LineChart
            title={t('counters.trendTitle')}
            description={t('counters.trendDescription', { count: counters.total.count })}
            categoryHeader={t('figures.month')}
            labels={months.map(f.monthShort)}
            max={5}
            format={f.avg}
            series={counters.byCounter.slice(0, 6).map((c) => ({ key: `c${c.counterId}`, label: f.name(c), values: c.months.map((m) => m.overall) }))}
          />
          <DataTable
            caption={t('counters.byCounter')}
            columns={[t('figures.counter'), t('figures.surveyCount'), t('figures.speed'), t('figures.courtesy'), t('figures.clarity'), t('figures.overall')]}
            rows={[
              ...counters.byCounter.map((c) => ({ key: c.counterId, head: f.name(c), cells: cells(c) })),
              { key: 'total', head: t('figures.total'), total: true, cells: cells(counters.total) },
            ]}
          />
        </>
      )}
    </section>
  );
}
