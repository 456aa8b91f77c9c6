import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '#db/client';
import { fiscalYearPeriod } from './period';
import { ALL_DEPARTMENTS } from './scope';
import { analyticsSnapshot, answeredCte, countedVoice, inPeriod, loadBusinessCalendar, timedCtes } from './sql.server';

// 公開統計: what residents may see for a 年度 — how many voices were received and how fast
// they were answered, per category and per 課. Hidden voices (spam, abuse) and merged
// duplicates are not counted; nothing about a single voice is shown.

export interface PublicFigures {
  /** Voices received in the 年度. */
  received: number;
  /** Voices whose final reply was sent in the 年度. */
  answered: number;
  medianBusinessDays: number | null;
  p90BusinessDays: number | null;
  medianCalendarDays: number | null;
}

export interface PublicStatisticsRow extends PublicFigures {
  /** Category or 課 id; null for voices without one. */
  id: number | null;
  nameJa: string | null;
  nameEn: string | null;
}

export interface PublicStatistics {
  fiscalYear: number;
  total: PublicFigures;
  byCategory: PublicStatisticsRow[];
  byDepartment: PublicStatisticsRow[];
}

type Row = {
  dimension: 'category' | 'department' | 'total'; id: number | null; name_ja: string | null; name_en: string | null;
  received: number; answered: number; median_business: number | null; p90_business: number | null; median_calendar: number | null;
};

/** From one snapshot, one query: grouping sets give per category, per 課 and the total in a single pass each over received and answered voices. */
export async function publicStatistics(db: Database, fiscalYear: number): Promise<PublicStatistics> {
  return analyticsSnapshot(db, async (tx) => readPublicStatistics(tx, fiscalYear));
}

async function readPublicStatistics(db: Executor, fiscalYear: number): Promise<PublicStatistics> {
  const period = fiscalYearPeriod(fiscalYear);
  const calendar = await loadBusinessCalendar(db);
  const dimension = (alias: string) => sql.raw(`case
      when grouping(${alias}.category_id) = 0 then 'category'
      when grouping(${alias}.department_id) = 0 then 'department'
      else 'total' end`);
  const key = (alias: string) => sql.raw(`case when grouping(${alias}.category_id) = 0 then ${alias}.category_id else ${alias}.department_id end`);
  const result = await queryRows<Row>(db, sql`
    with ${answeredCte(ALL_DEPARTMENTS, period)}, ${timedCtes(calendar)},
    received as (
      select ${dimension('s')} as dimension, ${key('s')} as id, count(*)::int as n
      from submissions s
      where ${inPeriod(sql`s.received_at`, period)} and ${countedVoice('s')}
      group by grouping sets ((s.category_id), (s.department_id), ())
    ),
    replied as (
      select ${dimension('t')} as dimension, ${key('t')} as id, count(*)::int as n,
        percentile_cont(0.5) within group (order by t.business_days)::float8 as median_business,
        percentile_cont(0.9) within group (order by t.business_days)::float8 as p90_business,
        percentile_cont(0.5) within group (order by t.calendar_days)::float8 as median_calendar
      from timed t
      group by grouping sets ((t.category_id), (t.department_id), ())
    ),
    row_keys as (select dimension, id from received union select dimension, id from replied)
    select k.dimension, k.id, coalesce(c.name_ja, d.name_ja) as name_ja, coalesce(c.name_en, d.name_en) as name_en,
      coalesce(rc.n, 0)::int as received, coalesce(rp.n, 0)::int as answered,
      rp.median_business, rp.p90_business, rp.median_calendar
    from row_keys k
    left join received rc on rc.dimension = k.dimension and rc.id is not distinct from k.id
    left join replied rp on rp.dimension = k.dimension and rp.id is not distinct from k.id
    left join categories c on k.dimension = 'category' and c.id = k.id
    left join departments d on k.dimension = 'department' and d.id = k.id
    order by k.dimension, coalesce(c.sort_order, d.sort_order) nulls last, k.id`);
  const figures = (r: Row): PublicFigures => ({
    received: r.received, answered: r.answered,
    medianBusinessDays: r.median_business, p90BusinessDays: r.p90_business, medianCalendarDays: r.median_calendar,
  });
  const rows = (dimension: Row['dimension']) => result.filter((r) => r.dimension === dimension)
    .map((r) => ({ id: r.id, nameJa: r.name_ja, nameEn: r.name_en, ...figures(r) }));
  const total = result.find((r) => r.dimension === 'total');
  return {
    fiscalYear,
    total: total ? figures(total) : { received: 0, answered: 0, medianBusinessDays: null, p90BusinessDays: null, medianCalendarDays: null },
    byCategory: rows('category'),
    byDepartment: rows('department'),
  };
}
