import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '#db/client';
import type { ImprovementStage } from '#db/schema/enums';
import type { Period } from '../analytics/period';

// Management reviews as recorded, newest period first, each with its decisions and the
// improvement record (if any) that carries each decision out. Two queries, none per row.

interface RecordedDecision {
  id: number;
  decision: string;
  record: { id: number; number: string; title: string; stage: ImprovementStage } | null;
}

export interface RecordedReview {
  id: number;
  title: string;
  period: Period;
  heldOn: string | null;
  notes: string | null;
  decisions: RecordedDecision[];
}

/** Every recorded review (at most `limit`), or the one with `id`. */
export async function listManagementReviews(db: Executor, options: { id?: number; limit?: number } = {}): Promise<RecordedReview[]> {
  const only = options.id === undefined ? sql`true` : sql`mr.id = ${options.id}`;
  const reviews = await queryRows<{ id: number; title: string; period_start: string; period_end: string; held_on: string | null; notes: string | null }>(db, sql`
    select mr.id, mr.title, mr.period_start::text, mr.period_end::text, mr.held_on::text, mr.notes
    from management_reviews mr
    where ${only}
    order by mr.period_start desc, mr.id desc
    limit ${options.limit ?? 50}`);
  if (reviews.length === 0) return [];
  const ids = reviews.map((r) => r.id);
  const decisions = await queryRows<{
    id: number; review_id: number; decision: string; record_id: number | null; number: string | null; title: string | null; stage: ImprovementStage | null;
  }>(db, sql`
    select d.id, d.review_id, d.decision, r.id as record_id, r.number, r.title, r.stage
    from management_review_decisions d
    left join improvement_records r on r.id = d.improvement_record_id
    where d.review_id = any(${sql.raw(`array[${ids.map(Number).join(',')}]::int[]`)})
    order by d.review_id, d.id`);
  return reviews.map((r) => ({
    id: r.id, title: r.title, period: { from: r.period_start, to: r.period_end }, heldOn: r.held_on, notes: r.notes,
    decisions: decisions.filter((d) => d.review_id === r.id).map((d) => ({
      id: d.id, decision: d.decision,
      record: d.record_id === null ? null : { id: d.record_id, number: d.number!, title: d.title!, stage: d.stage! },
    })),
  }));
}
