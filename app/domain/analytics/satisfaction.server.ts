import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '#db/client';
import type { Translations } from '~/i18n/city-text';
import type { Period } from './period';
import type { AnalyticsScope } from './scope';
import { bucketMonth, inBuckets, inScope, monthsCte } from './sql.server';

// 顧客満足 (ISO 9001 9.1.2): the residents' ratings of replies, and the counter surveys.
// Ratings count by the day they were given, in the 課 of the voice rated; surveys by the day
// answered, at the counter (and so the 課) they rate. Both from the rollups, which keep counts
// per satisfaction and resolved answer, and sums of the survey scores, so averages are exact.

interface RatingFigures {
  count: number;
  /** Average satisfaction 1–5, null without ratings. */
  average: number | null;
  yes: number;
  partly: number;
  no: number;
  /** Shares of resolved yes / partly / no among the ratings, null without ratings. */
  yesShare: number | null;
  partlyShare: number | null;
  noShare: number | null;
}

interface RatingMonth extends RatingFigures { month: string }

interface RatingDepartment extends RatingFigures {
  departmentId: number | null;
  nameJa: string | null;
  nameTranslations: Translations | null;
  months: RatingMonth[];
}

export interface ReplyRatingTrend {
  total: RatingFigures;
  months: RatingMonth[];
  byDepartment: RatingDepartment[];
}

type RatingRow = {
  present: boolean; group_id: number | null; name_ja: string | null; name_translations: Translations | null; month: string | null;
  count: number; average: number | null; yes: number; partly: number; no: number;
  yes_share: number | null; partly_share: number | null; no_share: number | null;
};

function ratingFigures(r: RatingRow): RatingFigures {
  return {
    count: r.count, average: r.average, yes: r.yes, partly: r.partly, no: r.no,
    yesShare: r.yes_share, partlyShare: r.partly_share, noShare: r.no_share,
  };
}

/**
 * Rows of a (group × month) aggregate, grouped: the "all" group (present = false) sees every
 * row, each other group its own; grouping sets add one total per group (month = null).
 */
function splitGroups<R extends { present: boolean; group_id: number | null; month: string | null }>(rows: R[]): { all: R[]; groups: R[][] } {
  const all: R[] = [];
  const groups: R[][] = [];
  for (const row of rows) {
    if (!row.present) { all.push(row); continue; }
    const last = groups.at(-1);
    if (last && last[0]!.group_id === row.group_id) last.push(row);
    else groups.push([row]);
  }
  return { all, groups };
}

/** Reply ratings per month (zero-filled) and per 課 (each with its months), with the period's total. */
export async function replyRatingTrend(db: Executor, scope: AnalyticsScope, period: Period, _today: string): Promise<ReplyRatingTrend> {
  // Aggregate once with grouping sets, then lay the result on a (group × month) skeleton so
  // months and 課 without ratings appear with zeros.
  const result = await queryRows<RatingRow>(db, sql`
    with ${monthsCte(period)},
    rated as (
      select r.department_id, ${bucketMonth('r')} as month, r.satisfaction, r.resolved, r.ratings
      from analytics_reply_ratings r
      where ${inBuckets('r', period)} and ${inScope(sql`r.department_id`, scope)}
    ),
    agg as (
      select department_id, month, grouping(department_id) as every_group, grouping(month) as every_month,
        sum(ratings)::int as count, sum(satisfaction * ratings)::float8 / sum(ratings) as average,
        coalesce(sum(ratings) filter (where resolved = 'yes'), 0)::int as yes,
        coalesce(sum(ratings) filter (where resolved = 'partly'), 0)::int as partly,
        coalesce(sum(ratings) filter (where resolved = 'no'), 0)::int as no,
        coalesce(sum(ratings) filter (where resolved = 'yes'), 0)::float8 / sum(ratings) as yes_share,
        coalesce(sum(ratings) filter (where resolved = 'partly'), 0)::float8 / sum(ratings) as partly_share,
        coalesce(sum(ratings) filter (where resolved = 'no'), 0)::float8 / sum(ratings) as no_share
      from rated
      group by grouping sets ((department_id, month), (department_id), (month), ())
    ),
    groups as (
      select false as present, null::int as group_id
      union all
      select distinct true, department_id from rated
    ),
    slots as (select month from months union all select null)
    select g.present, g.group_id, d.name_ja, d.name_translations, sl.month,
      coalesce(a.count, 0)::int as count, a.average,
      coalesce(a.yes, 0)::int as yes, coalesce(a.partly, 0)::int as partly, coalesce(a.no, 0)::int as no,
      a.yes_share, a.partly_share, a.no_share
    from groups g
    cross join slots sl
    left join agg a
      on a.every_group = (case when g.present then 0 else 1 end)
      and (not g.present or a.department_id is not distinct from g.group_id)
      and a.every_month = (case when sl.month is null then 1 else 0 end)
      and a.month is not distinct from sl.month
    left join departments d on d.id = g.group_id
    order by g.present, d.sort_order nulls last, g.group_id nulls last, sl.month nulls first`);
  const { all, groups } = splitGroups(result);
  const months = (rows: typeof result) => rows.filter((r) => r.month !== null).map((r) => ({ month: r.month!, ...ratingFigures(r) }));
  return {
    total: ratingFigures(all.find((r) => r.month === null)!),
    months: months(all),
    byDepartment: groups.map((rows) => {
      const total = rows.find((r) => r.month === null)!;
      return { departmentId: total.group_id, nameJa: total.name_ja, nameTranslations: total.name_translations, ...ratingFigures(total), months: months(rows) };
    }),
  };
}

interface SurveyFigures {
  count: number;
  /** Averages 1–5, null without surveys. */
  speed: number | null;
  courtesy: number | null;
  clarity: number | null;
  overall: number | null;
}

interface SurveyMonth extends SurveyFigures { month: string }

interface CounterTrend extends SurveyFigures {
  counterId: number;
  nameJa: string;
  nameTranslations: Translations;
  departmentId: number;
  months: SurveyMonth[];
}

export interface CounterSurveyTrend {
  total: SurveyFigures;
  months: SurveyMonth[];
  byCounter: CounterTrend[];
}

type SurveyRow = {
  present: boolean; group_id: number | null; name_ja: string | null; name_translations: Translations | null; department_id: number | null; month: string | null;
  count: number; speed: number | null; courtesy: number | null; clarity: number | null; overall: number | null;
};

function surveyFigures(r: SurveyRow): SurveyFigures {
  return { count: r.count, speed: r.speed, courtesy: r.courtesy, clarity: r.clarity, overall: r.overall };
}

/**
 * Counter surveys per month (zero-filled) and per counter in scope — every active counter,
 * and any other with answers in the period — with the four average scores.
 */
export async function counterSurveyTrend(db: Executor, scope: AnalyticsScope, period: Period, _today: string): Promise<CounterSurveyTrend> {
  const result = await queryRows<SurveyRow>(db, sql`
    with ${monthsCte(period)},
    answers as (
      select cs.counter_id, ${bucketMonth('cs')} as month, cs.surveys, cs.speed_sum, cs.courtesy_sum, cs.clarity_sum, cs.overall_sum
      from analytics_counter_surveys cs
      join service_counters sc on sc.id = cs.counter_id
      where ${inBuckets('cs', period)} and ${inScope(sql`sc.department_id`, scope)}
    ),
    agg as (
      select counter_id, month, grouping(counter_id) as every_group, grouping(month) as every_month,
        sum(surveys)::int as count, sum(speed_sum)::float8 / sum(surveys) as speed, sum(courtesy_sum)::float8 / sum(surveys) as courtesy,
        sum(clarity_sum)::float8 / sum(surveys) as clarity, sum(overall_sum)::float8 / sum(surveys) as overall
      from answers
      group by grouping sets ((counter_id, month), (counter_id), (month), ())
    ),
    groups as (
      select false as present, null::int as group_id
      union all
      select true, sc.id from service_counters sc
      where ${inScope(sql`sc.department_id`, scope)} and (sc.active or exists (select 1 from answers a where a.counter_id = sc.id))
    ),
    slots as (select month from months union all select null)
    select g.present, g.group_id, c.name_ja, c.name_translations, c.department_id, sl.month,
      coalesce(a.count, 0)::int as count, a.speed, a.courtesy, a.clarity, a.overall
    from groups g
    cross join slots sl
    left join agg a
      on a.every_group = (case when g.present then 0 else 1 end)
      and (not g.present or a.counter_id = g.group_id)
      and a.every_month = (case when sl.month is null then 1 else 0 end)
      and a.month is not distinct from sl.month
    left join service_counters c on c.id = g.group_id
    order by g.present, g.group_id, sl.month nulls first`);
  const { all, groups } = splitGroups(result);
  const months = (rows: SurveyRow[]) => rows.filter((r) => r.month !== null).map((r) => ({ month: r.month!, ...surveyFigures(r) }));
  return {
    total: surveyFigures(all.find((r) => r.month === null)!),
    months: months(all),
    byCounter: groups.map((rows) => {
      const total = rows.find((r) => r.month === null)!;
      return {
        counterId: total.group_id!, nameJa: total.name_ja!, nameTranslations: total.name_translations!, departmentId: total.department_id!,
        ...surveyFigures(total), months: months(rows),
      };
    }),
  };
}
