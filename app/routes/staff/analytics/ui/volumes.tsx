import { StackedBarChart } from '~/components/charts';
import type { VoicesPerMonth } from '~/domain/analytics/voices.server';
import { DataTable } from './data-table';
import { useFigures, type Figures } from './format';

// 声の件数: per month by kind and channel as charts (each with its table), by category and
// 課 as tables (too many series for one chart to stay readable).

type Volumes = { kind: VoicesPerMonth; category: VoicesPerMonth; department: VoicesPerMonth; channel: VoicesPerMonth };

function seriesLabel(f: Figures, v: VoicesPerMonth, s: VoicesPerMonth['series'][number]): string {
  if (v.by === 'kind') return f.t(`domain:kind.${s.key}`);
  if (v.by === 'channel') return f.t(`domain:channel.${s.key}`);
  return f.name(s, v.by === 'category' ? 'figures.unclassified' : 'figures.unassigned');
}

function VolumeChart({ v, title }: { v: VoicesPerMonth; title: string }) {
  const f = useFigures();
  return (
    <StackedBarChart
      title={title}
      description={f.t('volumes.chartDescription', { count: v.total })}
      categoryHeader={f.t('figures.month')}
      labels={v.months.map(f.monthShort)}
      series={v.series.map((s) => ({ key: s.key, label: seriesLabel(f, v, s), values: s.counts }))}
      format={f.num}
    />
  );
}

function VolumeTable({ v, title }: { v: VoicesPerMonth; title: string }) {
  const f = useFigures();
  return (
    <DataTable
      caption={title}
      columns={[f.t(`figures.${v.by}`), ...v.months.map(f.monthShort), f.t('figures.total')]}
      rows={[
        ...v.series.map((s) => ({ key: s.key, head: seriesLabel(f, v, s), cells: [...s.counts.map(f.num), f.num(s.total)] })),
        { key: 'total', head: f.t('figures.total'), cells: [...v.monthTotals.map(f.num), f.num(v.total)], total: true },
      ]}
    />
  );
}

export function VolumesSection({ volumes }: { volumes: Volumes }) {
  const { t } = useFigures();
  return (
    <section className="report-section" aria-labelledby="volumes-title">
      <h2 id="volumes-title">{t('figures.voices')}</h2>
      <p>{t('volumes.lead', { count: volumes.kind.total })}</p>
      <VolumeChart v={volumes.kind} title={t('volumes.byKind')} />
      <VolumeChart v={volumes.channel} title={t('volumes.byChannel')} />
      <VolumeTable v={volumes.category} title={t('volumes.byCategory')} />
      <VolumeTable v={volumes.department} title={t('volumes.byDepartment')} />
    </section>
  );
}
