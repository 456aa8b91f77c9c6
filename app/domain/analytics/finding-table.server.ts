import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '#db/client';
import type { Translations } from '~/i18n/city-text';
import { findingClass, submissionKind, type FindingClass, type SubmissionKind } from '#db/schema/enums';
import { fiscalYearPeriod, fiscalYearOfPeriod, type Period } from './period';
import type { AnalyticsScope } from './scope';
import { inBuckets, inPeriod, inScope } from './sql.server';

// 発生状況まとめ, as Naha city publishes it: one row per 課, columns the seven finding classes
// (with how many came from internal and external audits) and the five kinds of voice, with
// row and column totals. Each finding is counted once, when and where it occurred:
//  - an audit finding on the day found (found_on), in the 課 audited, with its class;
//  - an improvement record not opened from an audit finding on the day it was opened, in its
//    owner 課, with its class (a record from an audit finding is that finding, counted above);
//  - archived (withdrawn) records not at all.
// Voices: counted voices received in the period, in the 課 they are routed to (from the rollup
// analytics_voice_volumes, as of its last refresh; findings and records are read live).

export const FINDING_CLASSES: readonly FindingClass[] = findingClass.enumValues;
export const VOICE_KINDS: readonly SubmissionKind[] = submissionKind.enumValues;

export interface FindingCounts {
  findings: Record<FindingClass, number>;
  findingsTotal: number;
  /** Of the findings, those from internal audits and from external audits (審査). */
  internalAudit: number;
  externalAudit: number;
  voices: Record<SubmissionKind, number>;
  voicesTotal: number;
}

interface FindingTableRow extends FindingCounts {
  /** null: voices not yet routed to a 課. */
  departmentId: number | null;
  nameJa: string | null;
  nameTranslations: Translations | null;
  /** The 部 the 課 belongs to. */
  buNameJa: string | null;
  buNameTranslations: Translations | null;
}

export interface FindingTable {
  period: Period;
  /** The 年度 when the period is one. */
  fiscalYear: number | null;
  rows: FindingTableRow[];
  totals: FindingCounts;
}

export async function findingTable(db: Executor, scope: AnalyticsScope, fiscalYear: number): Promise<FindingTable> {
  return findingTableForPeriod(db, scope, fiscalYearPeriod(fiscalYear));
}

/** The same table for any period (the management review uses its own). */
export async function findingTableForPeriod(db: Executor, scope: AnalyticsScope, period: Period): Promise<FindingTable> {
  const figureColumns = [
    ...FINDING_CLASSES.map((c) => [`f_${c}`, `sum(n) filter (where cls = '${c}')`]),
    ['findings_total', 'sum(n) filter (where cls is not null)'],
    ['internal_audit', `sum(n) filter (where origin = 'internal')`],
    ['external_audit', `sum(n) filter (where origin = 'external')`],
    ...VOICE_KINDS.map((k) => [`v_${k}`, `sum(n) filter (where kind = '${k}')`]),
    ['voices_total', 'sum(n) filter (where kind is not null)'],
  ] as const;
  const aggregates = sql.raw(figureColumns.map(([name, expr]) => `coalesce(${expr}, 0)::int as "${name}"`).join(', '));
  const filled = sql.raw(figureColumns.map(([name]) => `coalesce(a."${name}", 0)::int as "${name}"`).join(', '));
  const totals = sql.raw(figureColumns.map(([name]) => `a."${name}"`).join(', '));
  // Aggregate the facts per 課 first (one pass, with the grand total), then lay them on the
  // list of 課 so every 課 shows, with zeros where nothing happened.
  const result = await queryRows<Record<string, unknown> & {
    department_id: number | null; name_ja: string | null; name_translations: Translations | null; bu_ja: string | null; bu_translations: Translations | null;
    findings_total: number; internal_audit: number; external_audit: number; voices_total: number; is_total: number;
  }>(db, sql`
    with facts as (
      -- One row per fact, or (voices) per 課 and kind with their number n.
      select r.owner_department_id as department_id, r.finding_class::text as cls, null::text as origin, null::text as kind, 1 as n
      from improvement_records r
      where r.archived_at is null and r.audit_finding_id is null
        and ${inPeriod(sql`r.created_at`, period)} and ${inScope(sql`r.owner_department_id`, scope)}
      union all
      select f.department_id, f.finding_class::text, case when f.external_body is null then 'internal' else 'external' end, null, 1
      from audit_findings f
      where f.found_on between ${period.from}::date and ${period.to}::date and ${inScope(sql`f.department_id`, scope)}
      union all
      select v.department_id, null, null, v.kind::text, sum(v.voices)::int
      from analytics_voice_volumes v
      where ${inBuckets('v', period)} and ${inScope(sql`v.department_id`, scope)}
      group by v.department_id, v.kind
    ),
    agg as (
      select department_id, grouping(department_id) as is_total, ${aggregates}
      from facts
      group by grouping sets ((department_id), ())
    ),
    row_keys as (
      select d.id as department_id from departments d where d.level = 'ka' and d.active and ${inScope(sql`d.id`, scope)}
      union
      select department_id from agg where is_total = 0
    )
    select * from (
      select k.department_id, d.name_ja, d.name_translations, p.name_ja as bu_ja, p.name_translations as bu_translations, ${filled}, 0 as is_total,
        coalesce(p.sort_order, d.sort_order) as bu_order, d.sort_order as ka_order
      from row_keys k
      left join agg a on a.is_total = 0 and a.department_id is not distinct from k.department_id
      left join departments d on d.id = k.department_id
      left join departments p on p.id = d.parent_id
      union all
      select null, null, null, null, null, ${totals}, 1, null, null
      from agg a where a.is_total = 1
    ) t
    order by is_total, bu_order nulls last, ka_order nulls last, department_id`);
  const counts = (r: (typeof result)[number]): FindingCounts => ({
    findings: Object.fromEntries(FINDING_CLASSES.map((c) => [c, r[`f_${c}`] as number])) as Record<FindingClass, number>,
    findingsTotal: r.findings_total,
    internalAudit: r.internal_audit,
    externalAudit: r.external_audit,
    voices: Object.fromEntries(VOICE_KINDS.map((k) => [k, r[`v_${k}`] as number])) as Record<SubmissionKind, number>,
    voicesTotal: r.voices_total,
  });
  const total = result.find((r) => r.is_total !== 0)!;
  return {
    period,
    fiscalYear: fiscalYearOfPeriod(period),
    rows: result.filter((r) => r.is_total === 0).map((r) => ({
      departmentId: r.department_id, nameJa: r.name_ja, nameTranslations: r.name_translations, buNameJa: r.bu_ja, buNameTranslations: r.bu_translations, ...counts(r),
    })),
    totals: counts(total),
  };
}
