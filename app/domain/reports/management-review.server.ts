import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '#db/client';
import type { FindingClass, ImprovementStage } from '#db/schema/enums';
import type { Translations } from '~/i18n/city-text';
import { japanDate, japanTimeOn } from '~/japan-time';
import { FINDING_CLASSES, findingTableForPeriod, type FindingTable } from '../analytics/finding-table.server';
import { improvementSummary, type ImprovementSummary } from '../analytics/improvement-summary.server';
import { fiscalYearOfPeriod, type Period } from '../analytics/period';
import { deadlineCompliance, replyTimes, type DeadlineCompliance, type ReplyTimes } from '../analytics/reply-times.server';
import { counterSurveyTrend, replyRatingTrend, type CounterSurveyTrend, type ReplyRatingTrend } from '../analytics/satisfaction.server';
import { ALL_DEPARTMENTS } from '../analytics/scope';
import { analyticsSnapshot, inBuckets } from '../analytics/sql.server';
import {
  mayorReview, overdueNow, voicesPerMonth, type MayorReviewFigures, type OverdueFigures, type VoicesPerMonth,
} from '../analytics/voices.server';

export { addReviewDecision, linkDecisionToRecord, recordManagementReview,  } from './review-decisions.server';

// マネジメントレビュー (ISO 9001 9.3): every input DOMAIN.md names, for the whole city and one
// period, assembled from the analytics queries plus the review's own (earlier decisions,
// audit findings, opportunities).

interface EarlierDecision {
  reviewId: number;
  reviewTitle: string;
  reviewPeriod: Period;
  heldOn: string | null;
  decisionId: number;
  decision: string;
  /** The improvement record carrying the decision out, with its stage today; null if none yet. */
  record: { id: number; number: string; title: string; stage: ImprovementStage; dueDate: string | null; effectiveness: string | null; closedOn: string | null } | null;
}

interface AuditFindingItem {
  id: number;
  foundOn: string;
  departmentId: number;
  nameJa: string;
  nameTranslations: Translations;
  findingClass: FindingClass;
  /** null: internal audit; else the body that audited. */
  externalBody: string | null;
  description: string;
  record: { id: number; number: string; stage: ImprovementStage } | null;
}

interface AuditFindingsSummary {
  total: number;
  internal: number;
  external: number;
  byClass: Record<FindingClass, number>;
  items: AuditFindingItem[];
}

interface Opportunities {
  /** Categories with the most negative ratings (resolved "no" or satisfaction ≤ 2) given in the period. */
  negativeRatingCategories: { categoryId: number | null; nameJa: string | null; nameTranslations: Translations | null; negative: number; ratings: number; share: number }[];
  /** Counters with the lowest average overall score in the period (with at least one survey). */
  lowestCounters: { counterId: number; nameJa: string; nameTranslations: Translations; surveys: number; overall: number }[];
}

export interface ManagementReview {
  period: Period;
  fiscalYear: number | null;
  generatedOn: string;
  earlierDecisions: EarlierDecision[];
  volumes: { kind: VoicesPerMonth; category: VoicesPerMonth; department: VoicesPerMonth; channel: VoicesPerMonth };
  replyTimes: ReplyTimes;
  deadlineCompliance: DeadlineCompliance;
  overdue: OverdueFigures;
  mayorReview: MayorReviewFigures;
  satisfaction: { ratings: ReplyRatingTrend; counters: CounterSurveyTrend };
  improvement: ImprovementSummary;
  auditFindings: AuditFindingsSummary;
  findingTable: FindingTable;
  opportunities: Opportunities;
}

/** Assembles the report from one snapshot; `today` (Japan day) fixes what "overdue" means. */
export async function buildManagementReview(db: Database, period: Period, today: string = japanDate(new Date())): Promise<ManagementReview> {
  return analyticsSnapshot(db, async (tx) => {
    const args = [tx, ALL_DEPARTMENTS, period, today] as const;
    return {
      period,
      fiscalYear: fiscalYearOfPeriod(period),
      generatedOn: today,
      earlierDecisions: await loadEarlierDecisions(tx, period),
      volumes: {
        kind: await voicesPerMonth(...args, 'kind'),
        category: await voicesPerMonth(...args, 'category'),
        department: await voicesPerMonth(...args, 'department'),
        channel: await voicesPerMonth(...args, 'channel'),
      },
      replyTimes: await replyTimes(...args),
      deadlineCompliance: await deadlineCompliance(...args),
      overdue: await overdueNow(...args),
      mayorReview: await mayorReview(...args),
      satisfaction: { ratings: await replyRatingTrend(...args), counters: await counterSurveyTrend(...args) },
      improvement: await improvementSummary(...args),
      auditFindings: await loadAuditFindings(tx, period),
      findingTable: await findingTableForPeriod(tx, ALL_DEPARTMENTS, period),
      opportunities: await loadOpportunities(tx, period),
    };
  });
}

/**
 * Decisions of reviews that began before this period, with the stage of their record today;
 * those whose record was already closed before the period are left out (reported last time).
 */
async function loadEarlierDecisions(db: Executor, period: Period): Promise<EarlierDecision[]> {
  const result = await queryRows<{
    review_id: number; title: string; period_start: string; period_end: string; held_on: string | null; decision_id: number; decision: string;
    record_id: number | null; number: string | null; record_title: string | null; stage: ImprovementStage | null; due_date: string | null;
    effectiveness: string | null; closed_on: string | null;
  }>(db, sql`
    select mr.id as review_id, mr.title, mr.period_start::text, mr.period_end::text, mr.held_on::text,
      d.id as decision_id, d.decision, r.id as record_id, r.number, r.title as record_title, r.stage, r.due_date::text,
      r.effectiveness, to_char((r.closed_at at time zone 'UTC') + interval '9 hours', 'YYYY-MM-DD') as closed_on
    from management_review_decisions d
    join management_reviews mr on mr.id = d.review_id
    left join improvement_records r on r.id = d.improvement_record_id
    where mr.period_start < ${period.from}::date
      and (r.closed_at is null or r.closed_at >= ${japanTimeOn(period.from)}::timestamptz)
    order by mr.period_start desc, mr.id desc, d.id`);
  return result.map((r) => ({
    reviewId: r.review_id, reviewTitle: r.title, reviewPeriod: { from: r.period_start, to: r.period_end }, heldOn: r.held_on,
    decisionId: r.decision_id, decision: r.decision,
    record: r.record_id === null ? null : {
      id: r.record_id, number: r.number!, title: r.record_title!, stage: r.stage!, dueDate: r.due_date, effectiveness: r.effectiveness, closedOn: r.closed_on,
    },
  }));
}

async function loadAuditFindings(db: Executor, period: Period): Promise<AuditFindingsSummary> {
  const inRange = sql`f.found_on between ${period.from}::date and ${period.to}::date`;
  const classCounts = sql.raw(FINDING_CLASSES.map((c) => `count(*) filter (where f.finding_class = '${c}')::int as "${c}"`).join(', '));
  const [counts] = await queryRows<Record<string, number>>(db, sql`
    select count(*)::int as total, count(*) filter (where f.external_body is null)::int as internal,
      count(*) filter (where f.external_body is not null)::int as external, ${classCounts}
    from audit_findings f where ${inRange}`);
  const items = await queryRows<{
    id: number; found_on: string; department_id: number; name_ja: string; name_translations: Translations; finding_class: FindingClass;
    external_body: string | null; description: string; record_id: number | null; number: string | null; stage: ImprovementStage | null;
  }>(db, sql`
    select f.id, f.found_on::text, f.department_id, d.name_ja, d.name_translations, f.finding_class, f.external_body, f.description,
      r.id as record_id, r.number, r.stage
    from audit_findings f
    join departments d on d.id = f.department_id
    left join lateral (
      select id, number, stage from improvement_records where audit_finding_id = f.id and archived_at is null order by id limit 1
    ) r on true
    where ${inRange}
    order by f.found_on, f.id`);
  const c = counts!;
  return {
    total: c.total!, internal: c.internal!, external: c.external!,
    byClass: Object.fromEntries(FINDING_CLASSES.map((k) => [k, c[k]!])) as Record<FindingClass, number>,
    items: items.map((i) => ({
      id: i.id, foundOn: i.found_on, departmentId: i.department_id, nameJa: i.name_ja, nameTranslations: i.name_translations, findingClass: i.finding_class,
      externalBody: i.external_body, description: i.description,
      record: i.record_id === null ? null : { id: i.record_id, number: i.number!, stage: i.stage! },
    })),
  };
}

async function loadOpportunities(db: Executor, period: Period): Promise<Opportunities> {
  // From the rollups, like the satisfaction figures: negative = resolved "no" or satisfaction ≤ 2.
  const negativeRating = sql`(r.resolved = 'no' or r.satisfaction <= 2)`;
  const negative = await queryRows<{ category_id: number | null; name_ja: string | null; name_translations: Translations | null; negative: number; ratings: number; share: number }>(db, sql`
    select r.category_id, c.name_ja, c.name_translations,
      coalesce(sum(r.ratings) filter (where ${negativeRating}), 0)::int as negative,
      sum(r.ratings)::int as ratings,
      coalesce(sum(r.ratings) filter (where ${negativeRating}), 0)::float8 / sum(r.ratings) as share
    from analytics_reply_ratings r
    left join categories c on c.id = r.category_id
    where ${inBuckets('r', period)}
    group by r.category_id, c.id
    having sum(r.ratings) filter (where ${negativeRating}) > 0
    order by negative desc, share desc, c.sort_order nulls last
    limit 5`);
  const counters = await queryRows<{ counter_id: number; name_ja: string; name_translations: Translations; surveys: number; overall: number }>(db, sql`
    select sc.id as counter_id, sc.name_ja, sc.name_translations, sum(cs.surveys)::int as surveys, sum(cs.overall_sum)::float8 / sum(cs.surveys) as overall
    from analytics_counter_surveys cs
    join service_counters sc on sc.id = cs.counter_id
    where ${inBuckets('cs', period)}
    group by sc.id
    order by overall, surveys desc, sc.id
    limit 3`);
  return {
    negativeRatingCategories: negative.map((n) => ({ categoryId: n.category_id, nameJa: n.name_ja, nameTranslations: n.name_translations, negative: n.negative, ratings: n.ratings, share: n.share })),
    lowestCounters: counters.map((c) => ({ counterId: c.counter_id, nameJa: c.name_ja, nameTranslations: c.name_translations, surveys: c.surveys, overall: c.overall })),
  };
}
