import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '#db/client';
import type { Translations } from '~/i18n/city-text';
import { addToHistogram, percentilesCont, type Histogram } from './histogram';
import type { Period } from './period';
import type { AnalyticsScope } from './scope';
import { inBuckets, inScope } from './sql.server';

// Reply times and deadline compliance, over the voices answered in the period (their sent
// final reply falls in it), from the rollup analytics_answered_voices: a histogram of the
// business and calendar days each voice waited, so medians and the 90th percentile are exact.
// See docs/decisions/analytics-figures.md and analytics-rollups.md.

interface Spread {
  median: number | null;
  p90: number | null;
}

interface ReplyTimeFigures {
  answered: number;
  /** Business days (weekends, national holidays and city closed days skipped): what the city promises. */
  businessDays: Spread;
  calendarDays: Spread;
}

interface GroupKey {
  /** Category or 課 id; null for voices without one. */
  id: number | null;
  nameJa: string | null;
  nameTranslations: Translations | null;
}

type ReplyTimeGroup = GroupKey & ReplyTimeFigures;

export interface ReplyTimes {
  overall: ReplyTimeFigures;
  byDepartment: ReplyTimeGroup[];
}

const GROUP_TABLE = { department: 'departments', category: 'categories' } as const;

/** Answered count and spreads of a histogram of (business days, calendar days) pairs. */
function replyTimeFigures(business: Histogram, calendar: Histogram, answered: number): ReplyTimeFigures {
  const [businessMedian, businessP90] = percentilesCont(business, [0.5, 0.9]);
  const [calendarMedian, calendarP90] = percentilesCont(calendar, [0.5, 0.9]);
  return {
    answered,
    businessDays: { median: businessMedian!, p90: businessP90! },
    calendarDays: { median: calendarMedian!, p90: calendarP90! },
  };
}

/** Reply-time figures per 課 or category, and their total: one read of the histogram, percentiles in TypeScript. */
async function replyTimeGroups(
  db: Executor, scope: AnalyticsScope, period: Period, by: 'department' | 'category',
): Promise<{ overall: ReplyTimeFigures; groups: ReplyTimeGroup[] }> {
  const column = sql.raw(`a.${by}_id`);
  const table = sql.raw(GROUP_TABLE[by]);
  // Sum the histogram by id first, then name the groups: sorting thousands of rows by their
  // (Japanese) names would cost more than the sums.
  const rows = await queryRows<{ id: number | null; name_ja: string | null; name_translations: Translations | null; business_days: number; calendar_days: number; n: number }>(db, sql`
    select h.id, n.name_ja, n.name_translations, h.business_days, h.calendar_days, h.n
    from (
      select ${column} as id, a.business_days, a.calendar_days, sum(a.answered)::int as n
      from analytics_answered_voices a
      where ${inBuckets('a', period)} and ${inScope(sql`a.department_id`, scope)}
      group by 1, 2, 3
    ) h
    left join ${table} n on n.id = h.id
    order by n.sort_order nulls last, h.id nulls last`);
  type Acc = { key: GroupKey; business: Histogram; calendar: Histogram; answered: number };
  const blank = (key: GroupKey): Acc => ({ key, business: new Map(), calendar: new Map(), answered: 0 });
  const add = (acc: Acc, r: (typeof rows)[number]) => {
    addToHistogram(acc.business, r.business_days, r.n);
    addToHistogram(acc.calendar, r.calendar_days, r.n);
    acc.answered += r.n;
  };
  const total = blank({ id: null, nameJa: null, nameTranslations: null });
  const groups: Acc[] = [];
  for (const r of rows) {
    let group = groups.at(-1);
    if (!group || group.key.id !== r.id) {
      group = blank({ id: r.id, nameJa: r.name_ja, nameTranslations: r.name_translations });
      groups.push(group);
    }
    add(group, r);
    add(total, r);
  }
  return {
    overall: replyTimeFigures(total.business, total.calendar, total.answered),
    groups: groups.map((g) => ({ ...g.key, ...replyTimeFigures(g.business, g.calendar, g.answered) })),
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
  type Row = { id: number | null; name_ja: string | null; name_translations: Translations | null; answered: number; with_due: number; on_time: number; late: number; share: number | null; interim: number; is_total: number };
  const result = await queryRows<Row>(db, sql`
    select c.id, d.name_ja, d.name_translations, c.answered, c.with_due, c.on_time, c.late, c.share, c.interim, c.is_total
    from (
      select a.department_id as id,
        coalesce(sum(a.answered), 0)::int as answered,
        coalesce(sum(a.with_due_date), 0)::int as with_due,
        coalesce(sum(a.on_time), 0)::int as on_time,
        coalesce(sum(a.late), 0)::int as late,
        sum(a.on_time)::float8 / nullif(sum(a.with_due_date), 0) as share,
        coalesce(sum(a.extended_by_interim), 0)::int as interim,
        grouping(a.department_id)::int as is_total
      from analytics_answered_voices a
      where ${inBuckets('a', period)} and ${inScope(sql`a.department_id`, scope)}
      group by grouping sets ((a.department_id), ())
    ) c
    left join departments d on c.is_total = 0 and d.id = c.id
    order by c.is_total, d.sort_order nulls last, c.id`);
  const figures = (r: Row): ComplianceFigures => ({
    answered: r.answered, withDueDate: r.with_due, onTime: r.on_time, late: r.late, share: r.share, extendedByInterim: r.interim,
  });
  const total = result.find((r) => r.is_total !== 0)!;
  return {
    ...figures(total),
    byDepartment: result.filter((r) => r.is_total === 0).map((r) => ({ id: r.id, nameJa: r.name_ja, nameTranslations: r.name_translations, ...figures(r) })),
  };
}
