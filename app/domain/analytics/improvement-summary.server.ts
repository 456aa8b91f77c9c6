import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '#db/client';
import type { Translations } from '~/i18n/city-text';
import type { ImprovementStage } from '#db/schema/enums';
import { nextDay, type Period } from './period';
import type { AnalyticsScope } from './scope';
import { inPeriod, inScope } from './sql.server';
import { japanTimeOn } from '~/japan-time';

// Improvement records (是正・予防処置) of the 課 in scope (their owner). Archived records were
// withdrawn and count nowhere. See docs/decisions/analytics-figures.md.

interface OverdueRecord {
  id: number;
  number: string;
  title: string;
  stage: ImprovementStage;
  dueDate: string;
  daysOverdue: number;
  departmentId: number;
  nameJa: string;
  nameTranslations: Translations;
}

export interface ImprovementSummary {
  /** Records existing at the period's end, by their stage today. */
  byStage: Record<ImprovementStage, number>;
  /** Opened (created) in the period. */
  opened: number;
  /** Closed in the period. */
  closed: number;
  /** Not closed, due date before today. */
  overdue: number;
  /** Up to 20 of them, most overdue first. */
  overdueRecords: OverdueRecord[];
  /** Actions not done with a due date before today, on records not closed. */
  overdueActions: number;
  /** Effectiveness reviews (CHECK) recorded in the period, by result. */
  checked: number;
  effective: number;
  partlyEffective: number;
  notEffective: number;
  /** effective / checked, null when none was checked. */
  effectiveShare: number | null;
}

export async function improvementSummary(db: Executor, scope: AnalyticsScope, period: Period, today: string): Promise<ImprovementSummary> {
  const end = japanTimeOn(nextDay(period.to));
  const existing = sql`r.archived_at is null and r.created_at < ${end}::timestamptz and ${inScope(sql`r.owner_department_id`, scope)}`;
  const [figures] = await queryRows<{
    stage_plan: number; stage_do: number; stage_check: number; stage_act: number; closed_stage: number; opened: number; closed: number; overdue: number;
    checked: number; effective: number; partly: number; not_effective: number; effective_share: number | null; overdue_actions: number;
  }>(db, sql`
    select
      count(*) filter (where r.stage = 'plan')::int as stage_plan,
      count(*) filter (where r.stage = 'do')::int as stage_do,
      count(*) filter (where r.stage = 'check')::int as stage_check,
      count(*) filter (where r.stage = 'act')::int as stage_act,
      count(*) filter (where r.stage = 'closed')::int as closed_stage,
      count(*) filter (where ${inPeriod(sql`r.created_at`, period)})::int as opened,
      count(*) filter (where ${inPeriod(sql`r.closed_at`, period)})::int as closed,
      count(*) filter (where r.stage <> 'closed' and r.due_date < ${today}::date)::int as overdue,
      count(*) filter (where r.effectiveness is not null and ${inPeriod(sql`r.checked_at`, period)})::int as checked,
      count(*) filter (where r.effectiveness = 'effective' and ${inPeriod(sql`r.checked_at`, period)})::int as effective,
      count(*) filter (where r.effectiveness = 'partly' and ${inPeriod(sql`r.checked_at`, period)})::int as partly,
      count(*) filter (where r.effectiveness = 'not_effective' and ${inPeriod(sql`r.checked_at`, period)})::int as not_effective,
      (count(*) filter (where r.effectiveness = 'effective' and ${inPeriod(sql`r.checked_at`, period)}))::float8
        / nullif(count(*) filter (where r.effectiveness is not null and ${inPeriod(sql`r.checked_at`, period)}), 0) as effective_share,
      (select count(*)::int from improvement_actions a
        join improvement_records ar on ar.id = a.record_id
        where a.done_at is null and a.due_date < ${today}::date and ar.archived_at is null and ar.stage <> 'closed'
          and ar.created_at < ${end}::timestamptz
          and ${inScope(sql`coalesce(a.owner_department_id, ar.owner_department_id)`, scope)}) as overdue_actions
    from improvement_records r
    where ${existing}`);
  const overdueRecords = await queryRows<{ id: number; number: string; title: string; stage: ImprovementStage; due_date: string; days: number; department_id: number; name_ja: string; name_translations: Translations }>(db, sql`
    select r.id, r.number, r.title, r.stage, r.due_date::text as due_date, (${today}::date - r.due_date)::int as days,
      r.owner_department_id as department_id, d.name_ja, d.name_translations
    from improvement_records r
    join departments d on d.id = r.owner_department_id
    where ${existing} and r.stage <> 'closed' and r.due_date < ${today}::date
    order by r.due_date, r.id
    limit 20`);
  const f = figures!;
  return {
    byStage: { plan: f.stage_plan, do: f.stage_do, check: f.stage_check, act: f.stage_act, closed: f.closed_stage },
    opened: f.opened,
    closed: f.closed,
    overdue: f.overdue,
    overdueRecords: overdueRecords.map((r) => ({
      id: r.id, number: r.number, title: r.title, stage: r.stage, dueDate: r.due_date, daysOverdue: r.days,
      departmentId: r.department_id, nameJa: r.name_ja, nameTranslations: r.name_translations,
    })),
    overdueActions: f.overdue_actions,
    checked: f.checked,
    effective: f.effective,
    partlyEffective: f.partly,
    notEffective: f.not_effective,
    effectiveShare: f.effective_share,
  };
}
