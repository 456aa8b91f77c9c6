import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '#db/client';
import {
  departments, improvementActions, improvementRecordEvents, improvementRecordSubmissions, improvementRecords, users,
} from '#db/schema/index';
import { recordAudit } from '~/audit/audit.server';
import type { ImprovementActor } from './access';
import { ImprovementConflictError, ImprovementRuleError } from './errors';
import type { StageRecordFacts } from './stages';
import { idSchema } from '~/utils/ids';

// Shared steps of every write on a record: lock it, check the version the screen read, write
// the history and the audit entry, and bump the version — all in the caller's transaction.

export type ImprovementRecordRow = typeof improvementRecords.$inferSelect;

/** Input checks: a refusal names the fields, never a stack trace. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))];
  throw new ImprovementRuleError('invalid_input', { details: { fields } });
}

export { idSchema };
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v));
export const shortText = z.string().trim().min(1).max(200);
export const longText = z.string().trim().min(1).max(10_000);
export const optionalLongText = z.string().trim().max(10_000).nullable().transform((v) => (v === '' ? null : v));

/**
 * Loads the record for change (row lock, so two writes on one record run one after the
 * other), refusing a missing record, a stale version and, unless asked, an archived one.
 */
export async function lockRecord(
  tx: Executor,
  recordId: number,
  version: number | undefined,
  options: { allowArchived?: boolean } = {},
): Promise<ImprovementRecordRow> {
  const [record] = await tx.select().from(improvementRecords).where(eq(improvementRecords.id, recordId)).for('update');
  if (!record) throw new ImprovementRuleError('not_found', { details: { recordId } });
  if (version !== undefined && record.version !== version) {
    throw new ImprovementConflictError({ recordId, expected: version, actual: record.version });
  }
  if (record.archivedAt && !options.allowArchived) throw new ImprovementRuleError('record_archived', { details: { recordId } });
  return record;
}

/** Applies changes and moves the version on; returns the new version. */
export async function saveRecord(
  tx: Executor,
  record: ImprovementRecordRow,
  changes: Partial<typeof improvementRecords.$inferInsert>,
): Promise<number> {
  const [saved] = await tx
    .update(improvementRecords)
    .set({ ...changes, version: sql`${improvementRecords.version} + 1`, updatedAt: new Date() })
    .where(and(eq(improvementRecords.id, record.id), eq(improvementRecords.version, record.version)))
    .returning({ version: improvementRecords.version });
  // The row is locked, so this only happens if someone bypassed lockRecord.
  if (!saved) throw new ImprovementConflictError({ recordId: record.id });
  return saved.version;
}

export async function addRecordEvent(
  tx: Executor,
  actor: ImprovementActor,
  recordId: number,
  type: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(improvementRecordEvents).values({ recordId, actorUserId: actor.user.id, type, data });
}

export async function auditImprovement(
  tx: Executor,
  actor: ImprovementActor,
  action: string,
  entity: { type: 'improvement_record' | 'improvement_action' | 'audit_finding' | 'submission'; id: number },
  details: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(tx, { ...actor.audit, action, entityType: entity.type, entityId: entity.id, details });
}

/** The facts the stage machine looks at, read inside the transaction. */
export async function stageFactsOf(tx: Executor, record: ImprovementRecordRow): Promise<StageRecordFacts> {
  const actions = await tx.select().from(improvementActions).where(eq(improvementActions.recordId, record.id));
  const [linked] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(improvementRecordSubmissions)
    .where(eq(improvementRecordSubmissions.recordId, record.id));
  const earlier = new Set(await actionIdsBeforeLastReopening(tx, record.id));
  return {
    stage: record.stage,
    archived: record.archivedAt !== null,
    causeAnalysis: record.causeAnalysis,
    effectiveness: record.effectiveness,
    effectivenessEvidence: record.effectivenessEvidence,
    standardisation: record.standardisation,
    publicSummaryJa: record.publicSummaryJa,
    linkedVoiceCount: Number(linked?.n ?? 0),
    actions: actions.map((a) => ({
      kind: a.kind, ownerDepartmentId: a.ownerDepartmentId, ownerUserId: a.ownerUserId, dueDate: a.dueDate,
      doneAt: a.doneAt, evidence: a.evidence, earlierCycle: earlier.has(a.id),
    })),
  };
}

/** The actions that existed when "not effective" last sent the record back to PLAN. */
async function actionIdsBeforeLastReopening(tx: Executor, recordId: number): Promise<number[]> {
  const [reopened] = await tx
    .select({ data: improvementRecordEvents.data })
    .from(improvementRecordEvents)
    .where(and(eq(improvementRecordEvents.recordId, recordId), eq(improvementRecordEvents.type, 'reopened')))
    .orderBy(desc(improvementRecordEvents.id))
    .limit(1);
  const ids = reopened?.data.actionIdsBefore;
  return Array.isArray(ids) ? ids.filter((v): v is number => typeof v === 'number') : [];
}

/** A 課 that exists and is in use. */
export async function requireDepartment(tx: Executor, departmentId: number): Promise<void> {
  const [row] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.id, departmentId), eq(departments.active, true)));
  if (!row) throw new ImprovementRuleError('department_not_found', { details: { departmentId } });
}

/** A person in charge must be an active member of the 課 in charge. */
export async function requireOwner(tx: Executor, departmentId: number | null, userId: number | null | undefined): Promise<void> {
  if (departmentId !== null) await requireDepartment(tx, departmentId);
  if (userId === null || userId === undefined) return;
  const [person] = await tx.select({ departmentId: users.departmentId, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
  if (!person || person.disabledAt !== null || (departmentId !== null && person.departmentId !== departmentId)) {
    throw new ImprovementRuleError('owner_not_in_department', { details: { departmentId, userId } });
  }
}

