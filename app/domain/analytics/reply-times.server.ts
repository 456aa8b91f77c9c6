import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '#db/client';
import { periodInstants, type Period } from './period';
import type { AnalyticsScope } from './scope';
import { answeredCte, loadBusinessCalendar, timedCtes } from './sql.server';

// Reply times and deadline compliance, over the voices answered in the period (their sent
// final reply falls in it). See docs/decisions/analytics-figures.md.

export interface Spread {
  median: number | null;
  p90: number | null;
}

export interface ReplyTimeFigures {
  answered: number;
  /** Business days (weekends, national holidays and city closed days skipped): what the city promises. */
  businessDays: Spread;
  calendarDays: Spread;
}

export interface GroupKey {
  /** Category or 課 id; null for voices without one. */
  id: number | null;
  nameJa: string | null;
  nameEn: string | null;
}

export type ReplyTimeGroup = GroupKey & ReplyTimeFigures;

export interface ReplyTimes {
  overall: ReplyTimeFigures;
  byDepartment: ReplyTimeGroup[];
}

type TimeRow = {
  id: number | null; name_ja: string | null; name_en: string | null; answered: number; is_total: number;
  business_median: number | null; business_p90: number | null; calendar_median: number | null; calendar_p90: number | null;
};

const GROUP_TABLE = { department: 'departments', category: 'categories' } as const;

/** Reply-time figures per 課 or category, and their total (grouping sets: one pass). */
export async function replyTimeGroups(
  db: Executor, scope: AnalyticsScope, period: Period, by: 'department' | 'category',
): Promise<{ overall: ReplyTimeFigures; groups: ReplyTimeGroup[] }> {
  const calendar = await loadBusinessCalendar(db);
  const column = sql.raw(`t.${by}_id`);
  const table = sql.raw(GROUP_TABLE[by]);
  const result = await queryRows<TimeRow>(db, sql`
    with ${answeredCte(scope, period)}, ${timedCtes(calendar)}
    select ${column} as id, n.name_ja, n.name_en, count(*)::int as answered,
      percentile_cont(0.5) within group (order by t.business_days)::float8 as business_median,
      percentile_cont(0.9) within group (order by t.business_days)::float8 as business_p90,
      percentile_cont(0.5) within group (order by t.calendar_days)::float8 as calendar_median,
      percentile_cont(0.9) within group (order by t.calendar_days)::float8 as calendar_p90,
      grouping(${column}, n.name_ja, n.name_en, n.sort_order)::int as is_total
    from timed t
    left join ${table} n on n.id = ${column}
    group by grouping sets ((${column}, n.name_ja, n.name_en, n.sort_order), ())
    order by is_total, n.sort_order nulls last, ${column}`);
  const figures = (r: TimeRow): ReplyTimeFigures => ({
    answered: r.answered,
    businessDays: { median: r.business_median, p90: r.business_p90 },
    calendarDays: { median: r.calendar_median, p90: r.calendar_p90 },
  });
  const total = result.find((r) => r.is_total !== 0)!;
  return {
    overall: figures(total),
    groups: result.filter((r) => r.is_total === 0).map((r) => ({ id: r.id, nameJa: r.name_ja, nameEn: r.name_en, ...figures(r) })),
  };
}

/** Median and 90th percentile of the time to the first final reply, overall and per 課. */
export async function replyTimes(db: Executor, scope: AnalyticsScope, period: Period, _today: string): Promise<ReplyTimes> {
  const { overall, groups } = await replyTimeGroups(db, scope, period, 'department');
  return { overall, byDepartment: groups };
}

export interface ComplianceFigures {
  answered: number;
  /** Answered voices that had a due date (the denominator). */
  withDueDate: number;
  onTime: number;
  late: number;
  /** onTime / withDueDate, null when none. */
  share: number | null;
  /** Answered voices that had been given an interim reply (中間回答) and so a later due date. */
  extendedByInterim: number;
}

export interface DeadlineCompliance extends ComplianceFigures {
  byDepartment: (GroupKey & ComplianceFigures)[];
}

/** Answered on or before the due date (Japan day of the reply ≤ due_date), overall and per 課. */
export async function deadlineCompliance(db: Executor, scope: AnalyticsScope, period: Period, _today: string): Promise<DeadlineCompliance> {
  type Row = { id: number | null; name_ja: string | null; name_en: string | null; answered: number; with_due: number; on_time: number; late: number; share: number | null; interim: number; is_total: number };
  const result = await queryRows<Row>(db, sql`
    with ${answeredCte(scope, period)},
    extended as (
      -- Interim replies are few: one pass over them beats a lookup per answered voice.
      select distinct i.submission_id from replies i
      where i.kind = 'interim' and i.status = 'sent' and i.sent_at < ${periodInstants(period).end}::timestamptz
    )
    select a.department_id as id, d.name_ja, d.name_en, count(*)::int as answered,
      count(a.due_date)::int as with_due,
      count(*) filter (where a.answered_on <= a.due_date)::int as on_time,
      count(*) filter (where a.answered_on > a.due_date)::int as late,
      (count(*) filter (where a.answered_on <= a.due_date))::float8 / nullif(count(a.due_date), 0) as share,
      count(x.submission_id)::int as interim,
      grouping(a.department_id, d.name_ja, d.name_en, d.sort_order)::int as is_total
    from answered a
    left join extended x on x.submission_id = a.id
    left join departments d on d.id = a.department_id
    group by grouping sets ((a.department_id, d.name_ja, d.name_en, d.sort_order), ())
    order by is_total, d.sort_order nulls last, a.department_id`);
  const figures = (r: Row): ComplianceFigures => ({
    answered: r.answered, withDueDate: r.with_due, onTime: r.on_time, late: r.late, share: r.share, extendedByInterim: r.interim,
  });
  const total = result.find((r) => r.is_total !== 0)!;
  return {
    ...figures(total),
    byDepartment: result.filter((r) => r.is_total === 0).map((r) => ({ id: r.id, nameJa: r.name_ja, nameEn: r.name_en, ...figures(r) })),
  };
}
