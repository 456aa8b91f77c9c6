import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '#db/client';
import {
  auditFindings, counterSurveys, improvementRecords, managementReviewDecisions, submissionEvents, submissions,
} from '#db/schema/index';
import { ImprovementRuleError } from './errors';
import { idSchema } from './store.server';

// Where a record comes from (DOMAIN.md): voices, or another source named by its reference.
// Resolving a source checks the reference exists and fits, and says which voices to link.

const voiceIds = z.array(idSchema).max(500).default([]);

export const openFromSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('voice'), submissionIds: voiceIds }),
  z.object({ source: z.literal('counter_survey'), sourceRef: z.object({ counterSurveyId: idSchema }), submissionIds: voiceIds }),
  z.object({ source: z.literal('staff_suggestion'), sourceRef: z.object({ submissionId: idSchema }), submissionIds: voiceIds }),
  z.object({ source: z.literal('internal_audit'), sourceRef: z.object({ auditFindingId: idSchema }), submissionIds: voiceIds }),
  z.object({ source: z.literal('external_audit'), sourceRef: z.object({ auditFindingId: idSchema }), submissionIds: voiceIds }),
  z.object({ source: z.literal('management_review'), sourceRef: z.object({ decisionId: idSchema }), submissionIds: voiceIds }),
  z.object({ source: z.literal('mayor_instruction'), sourceRef: z.object({ instructionEventId: idSchema }), submissionIds: voiceIds }),
]);

/** What the caller passes: `submissionIds` for voices, else `sourceRef` (and optionally voices too). */
export type OpenFrom = z.input<typeof openFromSchema>;

export interface ResolvedSource {
  submissionIds: number[];
  auditFindingId: number | null;
  /** Kept in the "opened" event, so the record can always be traced to its origin. */
  sourceRef: Record<string, number>;
  /** The 窓口 the source is about (a counter survey), for satisfaction before and after. */
  counterId: number | null;
  afterOpen?: (tx: Executor, recordId: number) => Promise<void>;
}

/** Every id must be a voice; the refusal lists the ones that are not. */
export async function requireVoices(tx: Executor, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.select({ id: submissions.id }).from(submissions).where(inArray(submissions.id, [...ids]));
  const known = new Set(found.map((r) => r.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) throw new ImprovementRuleError('voices_not_found', { details: { missing } });
}

const notFound = (ref: Record<string, number>) => new ImprovementRuleError('source_ref_not_found', { details: ref });

export async function resolveSource(tx: Executor, from: z.output<typeof openFromSchema>): Promise<ResolvedSource> {
  const extra = from.submissionIds;
  switch (from.source) {
    case 'voice':
      if (extra.length === 0) throw new ImprovementRuleError('voices_missing');
      return { submissionIds: extra, auditFindingId: null, sourceRef: {}, counterId: null };
    case 'counter_survey': {
      const [survey] = await tx.select().from(counterSurveys).where(eq(counterSurveys.id, from.sourceRef.counterSurveyId));
      if (!survey) throw notFound(from.sourceRef);
      // A survey already turned into a voice brings that voice along, so its resident is told.
      const ids = survey.convertedSubmissionId ? [survey.convertedSubmissionId, ...extra] : extra;
      return { submissionIds: ids, auditFindingId: null, sourceRef: from.sourceRef, counterId: survey.counterId };
    }
    case 'staff_suggestion': {
      const [voice] = await tx.select({ channel: submissions.channel }).from(submissions).where(eq(submissions.id, from.sourceRef.submissionId));
      if (!voice) throw notFound(from.sourceRef);
      if (voice.channel !== 'staff_box') throw new ImprovementRuleError('not_staff_suggestion', { details: from.sourceRef });
      return { submissionIds: [from.sourceRef.submissionId, ...extra], auditFindingId: null, sourceRef: from.sourceRef, counterId: null };
    }
    case 'internal_audit':
    case 'external_audit': {
      const [finding] = await tx.select().from(auditFindings).where(eq(auditFindings.id, from.sourceRef.auditFindingId)).for('update');
      if (!finding) throw notFound(from.sourceRef);
      if ((finding.externalBody !== null) !== (from.source === 'external_audit')) {
        throw new ImprovementRuleError('source_ref_mismatch', { details: { ...from.sourceRef, source: from.source } });
      }
      const [taken] = await tx.select({ number: improvementRecords.number }).from(improvementRecords)
        .where(and(eq(improvementRecords.auditFindingId, finding.id), isNull(improvementRecords.archivedAt)));
      if (taken) throw new ImprovementRuleError('finding_already_turned', { details: { ...from.sourceRef, number: taken.number } });
      return { submissionIds: extra, auditFindingId: finding.id, sourceRef: from.sourceRef, counterId: null };
    }
    case 'management_review': {
      const [decision] = await tx.select().from(managementReviewDecisions).where(eq(managementReviewDecisions.id, from.sourceRef.decisionId)).for('update');
      if (!decision) throw notFound(from.sourceRef);
      if (decision.improvementRecordId !== null) throw new ImprovementRuleError('decision_already_turned', { details: from.sourceRef });
      return {
        submissionIds: extra, auditFindingId: null, sourceRef: from.sourceRef, counterId: null,
        afterOpen: async (t, recordId) => {
          await t.update(managementReviewDecisions).set({ improvementRecordId: recordId }).where(eq(managementReviewDecisions.id, decision.id));
        },
      };
    }
    case 'mayor_instruction': {
      const [instruction] = await tx.select({ submissionId: submissionEvents.submissionId }).from(submissionEvents)
        .where(and(eq(submissionEvents.id, from.sourceRef.instructionEventId), eq(submissionEvents.type, 'mayor_instruction')));
      if (!instruction) throw notFound(from.sourceRef);
      // The instruction was given on a voice: that voice is linked, so its resident hears the outcome.
      return { submissionIds: [instruction.submissionId, ...extra], auditFindingId: null, sourceRef: from.sourceRef, counterId: null };
    }
  }
}
