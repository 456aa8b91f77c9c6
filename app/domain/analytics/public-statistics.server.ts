import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '#db/client';
import type { Translations } from '~/i18n/city-text';
import { addToHistogram, percentilesCont, type Histogram } from './histogram';
import { fiscalYearPeriod } from './period';
import { analyticsSnapshot, inBuckets } from './sql.server';

// 公開統計: what residents may see for a 年度 — how many voices were received and how fast
// they were answered, per category and per 課. Hidden voices (spam, abuse) and merged
// duplicates are not counted; nothing about a single voice is shown. From the rollups (as of
// their last refresh): received voices from analytics_voice_volumes, reply times from the
// histogram in analytics_answered_voices.

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
  nameTranslations: Translations | null;
}

export interface PublicStatistics {
  fiscalYear: number;
  total: PublicFigures;
  byCategory: PublicStatisticsRow[];
  byDepartment: PublicStatisticsRow[];
}

type Dimension = 'category' | 'department' | 'total';

/** From one snapshot: the received counts (grouping sets) and the reply-time histogram (percentiles in TypeScript). */
export async function publicStatistics(db: Database, fiscalYear: number): Promise<PublicStatistics> {
  return analyticsSnapshot(db, async (tx) => readPublicStatistics(tx, fiscalYear));
}

async function readPublicStatistics(db: Executor, fiscalYear: number): Promise<PublicStatistics> {
  const period = fiscalYearPeriod(fiscalYear);
  const received = await queryRows<{ dimension: Dimension; id: number | null; n: number }>(db, sql`
    select case when grouping(v.category_id) = 0 then 'category' when grouping(v.department_id) = 0 then 'department' else 'total' end as dimension,
      case when grouping(v.category_id) = 0 then v.category_id else v.department_id end as id,
      coalesce(sum(v.voices), 0)::int as n
    from analytics_voice_volumes v
    where ${inBuckets('v', period)}
    group by grouping sets ((v.category_id), (v.department_id), ())`);
  const answered = await queryRows<{ category_id: number | null; department_id: number | null; business_days: number; calendar_days: number; n: number }>(db, sql`
    select a.category_id, a.department_id, a.business_days, a.calendar_days, sum(a.answered)::int as n
    from analytics_answered_voices a
    where ${inBuckets('a', period)}
    group by 1, 2, 3, 4`);
  const names = await queryRows<{ dimension: Dimension; id: number; name_ja: string; name_translations: Translations; sort_order: number | null }>(db, sql`
    select 'category' as dimension, id, name_ja, name_translations, sort_order from categories
    union all
    select 'department', id, name_ja, name_translations, sort_order from departments`);

  type Acc = { received: number; answered: number; business: Histogram; calendar: Histogram };
  const rows = new Map<string, { dimension: Dimension; id: number | null; acc: Acc }>();
  const row = (dimension: Dimension, id: number | null): Acc => {
    const key = `${dimension}:${id}`;
    let entry = rows.get(key);
    if (!entry) {
      entry = { dimension, id, acc: { received: 0, answered: 0, business: new Map(), calendar: new Map() } };
      rows.set(key, entry);
    }
    return entry.acc;
  };
  for (const r of received) row(r.dimension, r.id).received += r.n;
  for (const r of answered) {
    for (const acc of [row('category', r.category_id), row('department', r.department_id), row('total', null)]) {
      acc.answered += r.n;
      addToHistogram(acc.business, r.business_days, r.n);
      addToHistogram(acc.calendar, r.calendar_days, r.n);
    }
  }
  const figures = (a: Acc): PublicFigures => {
    const [medianBusinessDays, p90BusinessDays] = percentilesCont(a.business, [0.5, 0.9]);
    const [medianCalendarDays] = percentilesCont(a.calendar, [0.5]);
    return { received: a.received, answered: a.answered, medianBusinessDays: medianBusinessDays!, p90BusinessDays: p90BusinessDays!, medianCalendarDays: medianCalendarDays! };
  };
  const nameOf = new Map(names.map((n) => [`${n.dimension}:${n.id}`, n]));
  // Rows with voices received or answered; in each table by sort order (unknown last), then id (none last).
  const list = (dimension: Dimension): PublicStatisticsRow[] => [...rows.values()]
    .filter((r) => r.dimension === dimension && (r.acc.received > 0 || r.acc.answered > 0))
    .map((r) => ({ r, name: nameOf.get(`${dimension}:${r.id}`) }))
    .sort((a, b) => compareNullsLast(a.name?.sort_order ?? null, b.name?.sort_order ?? null) || compareNullsLast(a.r.id, b.r.id))
    .map(({ r, name }) => ({ id: r.id, nameJa: name?.name_ja ?? null, nameTranslations: name?.name_translations ?? null, ...figures(r.acc) }));
  const total = rows.get('total:null');
  return {
    fiscalYear,
    total: total ? figures(total.acc) : { received: 0, answered: 0, medianBusinessDays: null, p90BusinessDays: null, medianCalendarDays: null },
    byCategory: list('category'),
    byDepartment: list('department'),
  };
}

function compareNullsLast(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}
