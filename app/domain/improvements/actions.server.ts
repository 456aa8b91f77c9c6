import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '#db/client';
import { improvementActions } from '#db/schema/index';
import { mayCarryOutAction, requirePermission, type ImprovementActor } from './access';
import { ImprovementRuleError } from './errors';
import {
  addRecordEvent, auditImprovement, idSchema, isoDateSchema, lockRecord, longText, parseInput, requireDepartment,
  requireOwner, saveRecord,
} from './store.server';

// PLAN actions (who does what by when), carrying them out with evidence (DO), and 横展開:
// the same fix spread to other 課, each with a follow-up action of its own.

/** PLAN actions are planned in PLAN, or added in DO when the work shows more is needed. */
const PLANNING_STAGES = new Set(['plan', 'do']);

const addSchema = z.object({
  recordId: idSchema,
  version: z.number().int().optional(),
  description: longText,
  ownerDepartmentId: idSchema.nullish(),
  ownerUserId: idSchema.nullish(),
  dueDate: isoDateSchema.nullish(),
});

export async function addAction(
  db: Database, actor: ImprovementActor, input: z.input<typeof addSchema>,
): Promise<{ actionId: number; version: number }> {
  requirePermission(actor.user, 'improvement:manage');
  const { recordId, version, ...action } = parseInput(addSchema, input);
  return db.transaction(async (tx) => {
    const record = await lockRecord(tx, recordId, version);
    if (!PLANNING_STAGES.has(record.stage)) throw new ImprovementRuleError('stage_locked', { details: { stage: record.stage } });
    await requireOwner(tx, action.ownerDepartmentId ?? null, action.ownerUserId);
    const [created] = await tx.insert(improvementActions).values({
      recordId, kind: 'plan', description: action.description,
      ownerDepartmentId: action.ownerDepartmentId ?? null, ownerUserId: action.ownerUserId ?? null, dueDate: action.dueDate ?? null,
    }).returning({ id: improvementActions.id });
    const newVersion = await saveRecord(tx, record, {});
    await addRecordEvent(tx, actor, recordId, 'action_added', { actionId: created!.id, kind: 'plan' });
    await auditImprovement(tx, actor, 'improvement.action.add', { type: 'improvement_action', id: created!.id }, { recordId });
    return { actionId: created!.id, version: newVersion };
  });
}

const updateSchema = z.object({
  actionId: idSchema,
  version: z.number().int().optional(),
  description: longText.optional(),
  ownerDepartmentId: idSchema.nullable().optional(),
  ownerUserId: idSchema.nullable().optional(),
  dueDate: isoDateSchema.nullable().optional(),
});

/** Corrects an action that is not done yet (owner, due date, wording). */
export async function updateAction(db: Database, actor: ImprovementActor, input: z.input<typeof updateSchema>): Promise<{ version: number }> {
  requirePermission(actor.user, 'improvement:manage');
  const { actionId, version, ...changes } = parseInput(updateSchema, input);
  return db.transaction(async (tx) => {
    const record = await lockRecord(tx, (await loadAction(tx, actionId)).recordId, version);
    // Read again under the record's lock: a concurrent change of the action has finished by now.
    const action = await loadAction(tx, actionId);
    if (record.stage === 'closed' || (action.kind === 'plan' && !PLANNING_STAGES.has(record.stage))) {
      throw new ImprovementRuleError('stage_locked', { details: { stage: record.stage } });
    }
    if (action.doneAt) throw new ImprovementRuleError('action_already_done', { details: { actionId } });
    const ownerDepartmentId = changes.ownerDepartmentId !== undefined ? changes.ownerDepartmentId : action.ownerDepartmentId;
    const ownerUserId = changes.ownerUserId !== undefined ? changes.ownerUserId : action.ownerUserId;
    await requireOwner(tx, ownerDepartmentId, ownerUserId);
    await tx.update(improvementActions).set(changes).where(eq(improvementActions.id, actionId));
    const fields = Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined);
    const newVersion = await saveRecord(tx, record, {});
    await addRecordEvent(tx, actor, record.id, 'action_updated', { actionId, fields });
    await auditImprovement(tx, actor, 'improvement.action.update', { type: 'improvement_action', id: actionId }, { recordId: record.id, fields });
    return { version: newVersion };
  });
}

const completeSchema = z.object({
  actionId: idSchema,
  version: z.number().int().optional(),
  evidence: z.string().trim().max(10_000),
});

/**
 * Marks an action done, with its evidence (写真, 手順書の版, ログ…). The reform team, or staff of
 * the 課 the action is assigned to (or its named owner); anyone else is refused.
 */
export async function completeAction(db: Database, actor: ImprovementActor, input: z.input<typeof completeSchema>): Promise<{ version: number }> {
  const { actionId, version, evidence } = parseInput(completeSchema, input);
  return db.transaction(async (tx) => {
    const assigned = await loadAction(tx, actionId);
    if (!mayCarryOutAction(actor.user, assigned)) throw new ImprovementRuleError('forbidden', { details: { actionId } });
    const record = await lockRecord(tx, assigned.recordId, version);
    // Read again under the record's lock: a concurrent completion has finished by now.
    const action = await loadAction(tx, actionId);
    if (record.stage === 'closed') throw new ImprovementRuleError('stage_locked', { details: { stage: record.stage } });
    if (action.doneAt) throw new ImprovementRuleError('action_already_done', { details: { actionId } });
    if (evidence === '') throw new ImprovementRuleError('evidence_missing', { details: { actionId } });
    const doneAt = new Date();
    await tx.update(improvementActions).set({ doneAt, evidence }).where(eq(improvementActions.id, actionId));
    const newVersion = await saveRecord(tx, record, {});
    await addRecordEvent(tx, actor, record.id, 'action_completed', { actionId, kind: action.kind });
    await auditImprovement(tx, actor, 'improvement.action.complete', { type: 'improvement_action', id: actionId }, { recordId: record.id });
    return { version: newVersion };
  });
}

const spreadSchema = z.object({
  recordId: idSchema,
  version: z.number().int().optional(),
  departmentIds: z.array(idSchema).max(200),
  description: longText,
  dueDate: isoDateSchema,
});

/**
 * 横展開: one 'spread' action per chosen 課, skipping the owner 課 (it did the fix) and 課
 * that already have a spread action on this record. Closing waits for all of them.
 */
export async function spreadToDepartments(
  db: Database, actor: ImprovementActor, input: z.input<typeof spreadSchema>,
): Promise<{ version: number; actionIds: number[]; skippedDepartmentIds: number[] }> {
  requirePermission(actor.user, 'improvement:manage');
  const { recordId, version, departmentIds, description, dueDate } = parseInput(spreadSchema, input);
  if (departmentIds.length === 0) throw new ImprovementRuleError('spread_no_departments');
  return db.transaction(async (tx) => {
    const record = await lockRecord(tx, recordId, version);
    if (record.stage === 'closed') throw new ImprovementRuleError('stage_locked', { details: { stage: record.stage } });
    const existing = await tx.select({ dep: improvementActions.ownerDepartmentId }).from(improvementActions)
      .where(and(eq(improvementActions.recordId, recordId), eq(improvementActions.kind, 'spread')));
    const taken = new Set<number | null>([record.ownerDepartmentId, ...existing.map((e) => e.dep)]);
    const chosen: number[] = [];
    const skipped: number[] = [];
    for (const departmentId of departmentIds) {
      if (taken.has(departmentId)) skipped.push(departmentId);
      else { taken.add(departmentId); chosen.push(departmentId); }
    }
    for (const departmentId of chosen) await requireDepartment(tx, departmentId);
    const created = chosen.length === 0 ? [] : await tx.insert(improvementActions)
      .values(chosen.map((departmentId) => ({ recordId, kind: 'spread' as const, description, ownerDepartmentId: departmentId, dueDate })))
      .returning({ id: improvementActions.id });
    const actionIds = created.map((c) => c.id);
    const newVersion = await saveRecord(tx, record, {});
    await addRecordEvent(tx, actor, recordId, 'spread', { departmentIds: chosen, skippedDepartmentIds: skipped, actionIds });
    await auditImprovement(tx, actor, 'improvement.spread', { type: 'improvement_record', id: recordId }, { departmentIds: chosen, actionIds });
    return { version: newVersion, actionIds, skippedDepartmentIds: skipped };
  });
}

async function loadAction(tx: Executor, actionId: number) {
  const [action] = await tx.select().from(improvementActions).where(eq(improvementActions.id, actionId));
  if (!action) throw new ImprovementRuleError('action_not_found', { details: { actionId } });
  return action;
}
