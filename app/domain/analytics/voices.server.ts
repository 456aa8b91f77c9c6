import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '#db/client';
import { OPEN_STATUSES } from '../voice-status';
import { monthsOf, nextDay, type Period } from './period';
import type { AnalyticsScope } from './scope';
import { countedVoice, inPeriod, inScope, jstDate, jstMonth, monthsCte } from './sql.server';

// Volumes of voices, the mayor's reading, and what is overdue today.

export type VolumeDimension = 'kind' | 'category' | 'department' | 'channel';

export interface MonthlySeries {
  /** kind or channel value; category or department id as text; 'none' when unclassified / unrouted. */
  key: string;
  /** Category or 課 name (null for kind and channel, which the page translates). */
  nameJa: string | null;
  nameEn: string | null;
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
    key: sql`s.kind::text`, join: sql``,
    sort: sql`array_position(enum_range(null::submission_kind)::text[], k.key)`,
    allKeys: sql`select unnest(enum_range(null::submission_kind))::text as key`,
  },
  channel: {
    key: sql`s.channel::text`, join: sql``,
    sort: sql`array_position(enum_range(null::submission_channel)::text[], k.key)`,
    allKeys: sql`select unnest(enum_range(null::submission_channel))::text as key`,
  },
  category: {
    key: sql`coalesce(s.category_id::text, 'none')`,
    join: sql`left join categories n on n.id::text = k.key`,
    sort: sql`n.sort_order`,
  },
  department: {
    key: sql`coalesce(s.department_id::text, 'none')`,
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
  const result = await queryRows<{ key: string; month: string; count: number; key_total: number; month_total: number; total: number; name_ja: string | null; name_en: string | null }>(db, sql`
    with ${monthsCte(period)},
    counts as (
      select ${jstMonth(sql`s.received_at`)} as month, ${dim.key} as key, count(*)::int as n
      from submissions s
      where ${inPeriod(sql`s.received_at`, period)} and ${countedVoice('s')} and ${inScope(sql`s.department_id`, scope)}
      group by 1, 2
    ),
    keys as (${dim.allKeys ?? sql`select distinct key from counts`})
    select k.key, m.month, coalesce(c.n, 0)::int as count,
      sum(coalesce(c.n, 0)) over (partition by k.key)::int as key_total,
      sum(coalesce(c.n, 0)) over (partition by m.month)::int as month_total,
      sum(coalesce(c.n, 0)) over ()::int as total,
      ${named ? sql`n.name_ja, n.name_en` : sql`null::text as name_ja, null::text as name_en`}
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
      current = { key: row.key, nameJa: row.name_ja, nameEn: row.name_en, counts: [], total: row.key_total };
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

/** Of the voices received in the period, how many the mayor has read, and the oldest still waiting. */
export async function mayorReview(db: Executor, scope: AnalyticsScope, period: Period, today: string): Promise<MayorReviewFigures> {
  const where = sql`${inPeriod(sql`s.received_at`, period)} and ${countedVoice('s')} and ${inScope(sql`s.department_id`, scope)}`;
  const [row] = await queryRows<{ received: number; reviewed: number; share: number | null; id: number | null; receipt_number: string | null; received_on: string | null; age_days: number | null }>(db, sql`
    with oldest as (
      select s.id, s.receipt_number, ${jstDate(sql`s.received_at`)} as received_on
      from submissions s
      where ${where} and s.mayor_reviewed_at is null
      order by s.received_at, s.id
      limit 1
    )
    select count(*)::int as received, count(s.mayor_reviewed_at)::int as reviewed,
      avg(case when s.mayor_reviewed_at is null then 0 else 1 end)::float8 as share,
      (select id from oldest) as id, (select receipt_number from oldest) as receipt_number,
      (select received_on::text from oldest) as received_on,
      (select (${today}::date - received_on)::int from oldest) as age_days
    from submissions s
    where ${where}`);
  return {
    received: row!.received,
    reviewed: row!.reviewed,
    share: row!.share,
    oldestUnreviewed: row!.id === null
      ? null
      : { submissionId: row!.id, receiptNumber: row!.receipt_number!, receivedOn: row!.received_on!, ageDays: row!.age_days! },
  };
}

export interface OverdueGroup {
  departmentId: number | null;
  nameJa: string | null;
  nameEn: string | null;
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
 * Voices still open today (受付, 確認中, 対応中) whose due date has passed, received on or before
 * the period's last day: for the current 年度 that is every late voice, for an earlier 年度 the
 * ones it left behind.
 */
export async function overdueNow(db: Executor, scope: AnalyticsScope, period: Period, today: string): Promise<OverdueFigures> {
  const open = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(', '));
  const result = await queryRows<{ department_id: number | null; name_ja: string | null; name_en: string | null; count: number; oldest_due: string; max_days: number; is_total: number }>(db, sql`
    select s.department_id, d.name_ja, d.name_en, count(*)::int as count, min(s.due_date)::text as oldest_due,
      (${today}::date - min(s.due_date))::int as max_days, grouping(s.department_id, d.name_ja, d.name_en, d.sort_order)::int as is_total
    from submissions s
    left join departments d on d.id = s.department_id
    where s.status in (${open}) and s.due_date < ${today}::date
      and s.received_at < ${`${nextDay(period.to)}T00:00:00+09:00`}::timestamptz
      and ${inScope(sql`s.department_id`, scope)}
    group by grouping sets ((s.department_id, d.name_ja, d.name_en, d.sort_order), ())
    order by is_total, d.sort_order nulls last, s.department_id`);
  const total = result.find((r) => r.is_total !== 0);
  return {
    count: total?.count ?? 0,
    byDepartment: result.filter((r) => r.is_total === 0).map((r) => ({
      departmentId: r.department_id, nameJa: r.name_ja, nameEn: r.name_en, count: r.count, oldestDueDate: r.oldest_due, maxDaysOverdue: r.max_days,
    })),
  };
}
