import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '#db/client';
import { improvementRecords, managementReviewDecisions, managementReviews } from '#db/schema/index';
import { roleHasPermission } from '~/auth/permissions';
import { auditWrite } from '../triage-support.server';
import type { Actor } from '../errors';
import { isIsoDate, periodSchema, type Period } from '../analytics/period';
import { ReviewError } from './review-errors';
import { idSchema } from '~/utils/ids';

// The management review as held: its record, the decisions it took, and the link from a
// decision to the improvement record that carries it out. Opening that record is the
// improvement domain's work (source "management_review"); here a decision is stored and,
// once a record exists, linked. The reform team keeps these records; every write is audited.

function requireReformTeam(actor: Actor) {
  if (!roleHasPermission(actor.user.role, 'improvement:manage')) throw new ReviewError('forbidden', 403);
}

function parse<T extends z.ZodTypeAny>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ReviewError('invalid_input');
  return parsed.data;
}

const reviewSchema = z.object({
  title: z.string().trim().min(1).max(200),
  period: periodSchema,
  heldOn: z.string().refine(isIsoDate).nullish().transform((v) => v ?? null),
  notes: z.string().trim().max(20_000).nullish().transform((v) => v || null),
});

export interface ReviewInput {
  title: string;
  period: Period;
  heldOn?: string | null;
  notes?: string | null;
}

export async function recordManagementReview(db: Database, actor: Actor, input: ReviewInput): Promise<{ id: number }> {
  requireReformTeam(actor);
  const review = parse(reviewSchema, input);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(managementReviews).values({
      title: review.title, periodStart: review.period.from, periodEnd: review.period.to,
      heldOn: review.heldOn, notes: review.notes, createdById: actor.user.id,
    }).returning({ id: managementReviews.id });
    await auditWrite(tx, actor, 'management_review.record', row!.id, { period: review.period, heldOn: review.heldOn }, 'management_review');
    return { id: row!.id };
  });
}

const decisionSchema = z.object({
  reviewId: idSchema,
  decision: z.string().trim().min(1).max(4000),
});

export async function addReviewDecision(db: Database, actor: Actor, input: { reviewId: number; decision: string }): Promise<{ id: number }> {
  requireReformTeam(actor);
  const { reviewId, decision } = parse(decisionSchema, input);
  return db.transaction(async (tx) => {
    const [review] = await tx.select({ id: managementReviews.id }).from(managementReviews).where(eq(managementReviews.id, reviewId));
    if (!review) throw new ReviewError('review_not_found', 404);
    const [row] = await tx.insert(managementReviewDecisions).values({ reviewId, decision }).returning({ id: managementReviewDecisions.id });
    await auditWrite(tx, actor, 'management_review.decide', row!.id, { reviewId }, 'management_review_decision');
    return { id: row!.id };
  });
}

const linkSchema = z.object({ decisionId: idSchema, recordId: idSchema });

/**
 * The hook for the improvement domain: a decision is carried out by this improvement record.
 * Linking again to the same record changes nothing; a decision already linked elsewhere is refused.
 */
export async function linkDecisionToRecord(db: Database, actor: Actor, input: { decisionId: number; recordId: number }): Promise<void> {
  requireReformTeam(actor);
  const { decisionId, recordId } = parse(linkSchema, input);
  await db.transaction(async (tx) => {
    const [decision] = await tx.select().from(managementReviewDecisions).where(eq(managementReviewDecisions.id, decisionId)).for('update');
    if (!decision) throw new ReviewError('decision_not_found', 404);
    const [record] = await tx.select({ id: improvementRecords.id }).from(improvementRecords).where(eq(improvementRecords.id, recordId));
    if (!record) throw new ReviewError('record_not_found', 404);
    if (decision.improvementRecordId === recordId) return;
    if (decision.improvementRecordId !== null) throw new ReviewError('decision_already_linked', 409);
    await tx.update(managementReviewDecisions).set({ improvementRecordId: recordId }).where(eq(managementReviewDecisions.id, decisionId));
    await auditWrite(tx, actor, 'management_review.link_record', decisionId, { reviewId: decision.reviewId, recordId }, 'management_review_decision');
  });
}
