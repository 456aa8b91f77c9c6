import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '#db/client';
import { improvementActions } from '#db/schema/index';
import { notifyImprovementCompleted } from '../../email/notifications.server';
import { requirePermission, type ImprovementActor } from './access';
import { ImprovementRuleError } from './errors';
import { checkTransition, EFFECTIVENESS_RESULTS, IMPROVEMENT_STAGES, type ImprovementStage } from './stages';
import {
  addRecordEvent, auditImprovement, idSchema, lockRecord, parseInput, saveRecord, stageFactsOf, type ImprovementRecordRow,
} from './store.server';

// Moving a record through PLAN → DO → CHECK → ACT → closed. The rules are the pure ones of
// stages.ts, checked on the facts read under the record's lock; every change
// leaves a 'stage_changed' event, and the effectiveness review its own event.

async function requireTransition(tx: Executor, record: ImprovementRecordRow, to: ImprovementStage): Promise<void> {
  const check = checkTransition(await stageFactsOf(tx, record), to);
  if (!check.ok) throw new ImprovementRuleError(check.violations[0]!, { violations: check.violations, details: { from: record.stage, to } });
}

const advanceSchema = z.object({ recordId: idSchema, version: z.number().int(), to: z.enum(IMPROVEMENT_STAGES) });

/**
 * Moves the record one stage on when its rules hold. Moving to 'closed' is closing (with the
 * residents' mail); going back to PLAN happens only through a "not effective" review.
 */
export async function advanceStage(
  db: Database, actor: ImprovementActor, input: z.input<typeof advanceSchema>,
): Promise<{ version: number; stage: ImprovementStage }> {
  requirePermission(actor.user, 'improvement:manage');
  const { recordId, version, to } = parseInput(advanceSchema, input);
  if (to === 'closed') return closeImprovementRecord(db, actor, { recordId, version });
  return db.transaction(async (tx) => {
    const record = await lockRecord(tx, recordId, version);
    await requireTransition(tx, record, to);
    const newVersion = await saveRecord(tx, record, { stage: to });
    await addRecordEvent(tx, actor, recordId, 'stage_changed', { from: record.stage, to });
    await auditImprovement(tx, actor, 'improvement.stage', { type: 'improvement_record', id: recordId }, { from: record.stage, to });
    return { version: newVersion, stage: to };
  });
}

const reviewSchema = z.object({
  recordId: idSchema,
  version: z.number().int(),
  result: z.enum(EFFECTIVENESS_RESULTS),
  evidence: z.string().trim().max(10_000),
});

/**
 * CHECK: the effectiveness review (effective / partly / not effective) with its evidence.
 * Effective or partly: recorded, and the record may move on to ACT (a review can be
 * corrected until then; the earlier one stays in the history). Not effective: the record
 * goes back to PLAN for a new cause analysis and new actions; the review, the actions done so
 * far and the whole history stay.
 */
export async function recordEffectivenessReview(
  db: Database, actor: ImprovementActor, input: z.input<typeof reviewSchema>,
): Promise<{ version: number; stage: ImprovementStage }> {
  requirePermission(actor.user, 'improvement:manage');
  const { recordId, version, result, evidence } = parseInput(reviewSchema, input);
  return db.transaction(async (tx) => {
    const record = await lockRecord(tx, recordId, version);
    if (record.stage !== 'check') throw new ImprovementRuleError('review_not_at_check', { details: { stage: record.stage } });
    if (evidence === '') throw new ImprovementRuleError('effectiveness_evidence_missing');
    const checkedAt = new Date();
    const previous = record.effectiveness
      ? { result: record.effectiveness, evidence: record.effectivenessEvidence, checkedAt: record.checkedAt?.toISOString() ?? null, checkedById: record.checkedById }
      : null;
    const review = { result, evidence, checkedAt: checkedAt.toISOString(), checkedById: actor.user.id };
    await addRecordEvent(tx, actor, recordId, 'effectiveness_reviewed', { ...review, previous });
    await auditImprovement(tx, actor, 'improvement.review', { type: 'improvement_record', id: recordId }, { result });
    if (result !== 'not_effective') {
      const newVersion = await saveRecord(tx, record, { effectiveness: result, effectivenessEvidence: evidence, checkedAt, checkedById: actor.user.id });
      return { version: newVersion, stage: record.stage };
    }
    const reviewed = { ...record, effectiveness: result, effectivenessEvidence: evidence };
    await requireTransition(tx, reviewed, 'plan');
    const actionIdsBefore = (await tx.select({ id: improvementActions.id }).from(improvementActions).where(eq(improvementActions.recordId, recordId))).map((a) => a.id);
    // The record's CHECK fields are cleared for the next cycle; this review lives on in the events.
    const newVersion = await saveRecord(tx, record, { stage: 'plan', effectiveness: null, effectivenessEvidence: null, checkedAt: null, checkedById: null });
    await addRecordEvent(tx, actor, recordId, 'stage_changed', { from: 'check', to: 'plan', reason: 'not_effective' });
    await addRecordEvent(tx, actor, recordId, 'reopened', { review, actionIdsBefore });
    await auditImprovement(tx, actor, 'improvement.stage', { type: 'improvement_record', id: recordId }, { from: 'check', to: 'plan', reason: 'not_effective' });
    return { version: newVersion, stage: 'plan' };
  });
}

const closeSchema = z.object({ recordId: idSchema, version: z.number().int() });

/**
 * Closes a record in ACT when every action (横展開 included) is done, the review said
 * effective or partly, the fix is standardised and — with voices linked — a public summary
 * is written. The residents of the linked voices are told in the same transaction.
 */
export async function closeImprovementRecord(
  db: Database, actor: ImprovementActor, input: z.input<typeof closeSchema>,
): Promise<{ version: number; stage: 'closed'; residentsNotified: number }> {
  requirePermission(actor.user, 'improvement:manage');
  const { recordId, version } = parseInput(closeSchema, input);
  return db.transaction(async (tx) => {
    const record = await lockRecord(tx, recordId, version);
    await requireTransition(tx, record, 'closed');
    const newVersion = await saveRecord(tx, record, { stage: 'closed', closedAt: new Date() });
    await addRecordEvent(tx, actor, recordId, 'stage_changed', { from: record.stage, to: 'closed' });
    const residentsNotified = await notifyImprovementCompleted(tx, { recordId });
    await auditImprovement(tx, actor, 'improvement.close', { type: 'improvement_record', id: recordId }, { residentsNotified });
    return { version: newVersion, stage: 'closed' as const, residentsNotified };
  });
}
