import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '#db/client';
import type { Translations } from '~/i18n/city-text';
import { monthsOf, type Period } from './period';
import type { AnalyticsScope } from './scope';
import { bucketMonth, countedVoice, inBuckets, inPeriod, inScope, jstDate, monthsCte } from './sql.server';

// Volumes of voices, the mayor's reading and the open voices, from the rollups (as of their last
// refresh); the oldest voice the mayor has not read, live (the mayor's queue has an index).

export type VolumeDimension = 'kind' | 'category' | 'department' | 'channel';

interface MonthlySeries {
  /** kind or channel value; category or department id as text; 'none' when unclassified / unrouted. */
  key: string;
  /** Category or 課 name (null for kind and channel, which the page translates). */
  nameJa: string | null;
  nameTranslations: Translations | null;
  /** One count per month of `months`. */
  counts: number[];
  total: number;
}

export interface VoicesPerMonth {
  by: VolumeDimension;
  months: string[];
  series: MonthlySeries[];
  monthTotals: number[];
  total: number;
}

const DIMENSIONS: Record<VolumeDimension, { key: SQL; join: SQL; sort: SQL; allKeys?: SQL }> = {
  kind: {
    key: sql`v.kind::text`, join: sql``,
    sort: sql`array_position(enum_range(null::submission_kind)::text[], k.key)`,
    allKeys: sql`select unnest(enum_range(null::submission_kind))::text as key`,
  },
  channel: {
    key: sql`v.channel::text`, join: sql``,
    sort: sql`array_position(enum_range(null::submission_channel)::text[], k.key)`,
    allKeys: sql`select unnest(enum_range(null::submission_channel))::text as key`,
  },
  category: {
    key: sql`coalesce(v.category_id::text, 'none')`,
    join: sql`left join categories n on n.id::text = k.key`,
    sort: sql`n.sort_order`,
  },
  department: {
    key: sql`coalesce(v.department_id::text, 'none')`,
    join: sql`left join departments n on n.id::text = k.key`,
    sort: sql`n.sort_order`,
  },
};

/**
 * Voices received per month of the period, split by kind, category, 課 or channel. Every month
 * appears (zero-filled); kinds and channels always show all their values, categories and 課
 * only those with voices.
 */
export async function voicesPerMonth(
  db: Executor, scope: AnalyticsScope, period: Period, _today: string, by: VolumeDimension,
): Promise<VoicesPerMonth> {
  const dim = DIMENSIONS[by];
  const named = by === 'category' || by === 'department';
  const result = await queryRows<{ key: string; month: string; count: number; key_total: number; month_total: number; total: number; name_ja: string | null; name_translations: Translations | null }>(db, sql`
    with ${monthsCte(period)},
    counts as (
      select ${bucketMonth('v')} as month, ${dim.key} as key, sum(v.voices)::int as n
      from analytics_voice_volumes v
      where ${inBuckets('v', period)} and ${inScope(sql`v.department_id`, scope)}
      group by 1, 2
    ),
    keys as (${dim.allKeys ?? sql`select distinct key from counts`})
    select k.key, m.month, coalesce(c.n, 0)::int as count,
      sum(coalesce(c.n, 0)) over (partition by k.key)::int as key_total,
      sum(coalesce(c.n, 0)) over (partition by m.month)::int as month_total,
      sum(coalesce(c.n, 0)) over ()::int as total,
      ${named ? sql`n.name_ja, n.name_translations` : sql`null::text as name_ja, null::jsonb as name_translations`}
    from keys k
    cross join months m
    left join counts c on c.key = k.key and c.month = m.month
    ${dim.join}
    order by ${dim.sort} nulls last, k.key, m.month`);
  const months = monthsOf(period);
  const series: MonthlySeries[] = [];
  const monthTotals = months.map(() => 0);
  for (const row of result) {
    let current = series.at(-1);
    if (!current || current.key !== row.key) {
      current = { key: row.key, nameJa: row.name_ja, nameTranslations: row.name_translations, counts: [], total: row.key_total };
      series.push(current);
    }
    current.counts.push(row.count);
    monthTotals[months.indexOf(row.month)] = row.month_total;
  }
  return { by, months, series, monthTotals, total: result[0]?.total ?? 0 };
}

export interface MayorReviewFigures {
  received: number;
  reviewed: number;
  /** reviewed / received, null when nothing was received. */
  share: number | null;
  oldestUnreviewed: { submissionId: number; receiptNumber: string; receivedOn: string; ageDays: number } | null;
}

/**
 * Of the voices received in the period, how many the mayor has read (rollup), and the oldest
 * still waiting today (live: the mayor's queue, submissions_mayor_queue_idx).
 */
export async function mayorReview(db: Executor, scope: AnalyticsScope, period: Period, today: string): Promise<MayorReviewFigures> {
  const [counts] = await queryRows<{ received: number; reviewed: number }>(db, sql`
    select coalesce(sum(v.voices), 0)::int as received, coalesce(sum(v.mayor_reviewed), 0)::int as reviewed
    from analytics_voice_volumes v
    where ${inBuckets('v', period)} and ${inScope(sql`v.department_id`, scope)}`);
  const [oldest] = await queryRows<{ id: number; receipt_number: string; received_on: string; age_days: number }>(db, sql`
    select s.id, s.receipt_number, ${jstDate(sql`s.received_at`)}::text as received_on,
      (${today}::date - ${jstDate(sql`s.received_at`)})::int as age_days
    from submissions s
    where s.mayor_reviewed_at is null and ${inPeriod(sql`s.received_at`, period)} and ${countedVoice('s')}
      and ${inScope(sql`s.department_id`, scope)}
    order by s.received_at, s.id
    limit 1`);
  const { received, reviewed } = counts!;
  return {
    received,
    reviewed,
    share: received === 0 ? null : reviewed / received,
    oldestUnreviewed: oldest
      ? { submissionId: oldest.id, receiptNumber: oldest.receipt_number, receivedOn: oldest.received_on, ageDays: oldest.age_days }
      : null,
  };
}

interface OverdueGroup {
  departmentId: number | null;
  nameJa: string | null;
  nameTranslations: Translations | null;
  count: number;
  oldestDueDate: string;
  /** Days past the oldest due date, today. */
  maxDaysOverdue: number;
}

export interface OverdueFigures {
  count: number;
  byDepartment: OverdueGroup[];
}

/**
 * Voices still open (受付, 確認中, 対応中) whose due date is before today, received on or before
 * the period's last day: for the current 年度 that is every late voice, for an earlier 年度 the
 * ones it left behind. Which voices are open is as of the last refresh of the rollups
 * (analytics_open_voices); which are late is judged against `today`.
 */
export async function overdueNow(db: Executor, scope: AnalyticsScope, period: Period, today: string): Promise<OverdueFigures> {
  const result = await queryRows<{ department_id: number | null; name_ja: string | null; name_translations: Translations | null; count: number; oldest_due: string | null; max_days: number | null; is_total: number }>(db, sql`
    select o.department_id, d.name_ja, d.name_translations, o.count, o.oldest_due, o.max_days, o.is_total
    from (
      select o.department_id, coalesce(sum(o.voices), 0)::int as count, min(o.due_date)::text as oldest_due,
        (${today}::date - min(o.due_date))::int as max_days, grouping(o.department_id)::int as is_total
      from analytics_open_voices o
      where o.due_date < ${today}::date and o.received_on <= ${period.to}::date and ${inScope(sql`o.department_id`, scope)}
      group by grouping sets ((o.department_id), ())
    ) o
    left join departments d on o.is_total = 0 and d.id = o.department_id
    order by o.is_total, d.sort_order nulls last, o.department_id`);
  const total = result.find((r) => r.is_total !== 0);
  return {
    count: total?.count ?? 0,
    byDepartment: result.filter((r) => r.is_total === 0).map((r) => ({
      departmentId: r.department_id, nameJa: r.name_ja, nameTranslations: r.name_translations, count: r.count, oldestDueDate: r.oldest_due!, maxDaysOverdue: r.max_days!,
    })),
  };
}
