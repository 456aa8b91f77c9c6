import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { submissionEvents, submissions } from '#db/schema/index';
import { recordAudit } from '~/audit/audit.server';
import { roleHasPermission, type Permission } from '~/auth/permissions';
import { visibleSubmissionsWhere } from '~/auth/scope.server';
import { DomainError, type Actor, type DomainErrorStatus } from './errors';

// Shared by the triage modules: who acts, typed refusals, scoped loading and versioned writes.

export type TriageErrorCode =
  | 'not_found' | 'forbidden' | 'stale' | 'bad_transition' | 'reason_required' | 'destination_required'
  | 'merge_target_invalid' | 'assignee_invalid' | 'department_invalid' | 'category_invalid' | 'due_date_invalid'
  | 'reply_not_editable' | 'reply_empty' | 'interim_details_required' | 'interim_date_not_later' | 'final_reply_exists'
  | 'not_consented' | 'nothing_to_publish' | 'instruction_empty' | 'self_approval';

/** A triage refusal: a DomainError whose key is `triage:errors.<code>`. */
export class TriageError extends DomainError<TriageErrorCode> {
  constructor(code: TriageErrorCode, status: DomainErrorStatus = 400) {
    super('triage', code, { status });
    this.name = 'TriageError';
  }
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!roleHasPermission(actor.user.role, permission)) throw new TriageError('forbidden', 403);
}

export type VoiceRow = typeof submissions.$inferSelect;

/** Loads a voice the actor may see (locked for update); another 課's voice is "not found". */
export async function loadVoiceForUpdate(tx: Executor, actor: Actor, submissionId: number): Promise<VoiceRow> {
  const [voice] = await tx
    .select()
    .from(submissions)
    .where(and(eq(submissions.id, submissionId), visibleSubmissionsWhere(actor.user)))
    .for('update');
  if (!voice) throw new TriageError('not_found', 404);
  return voice;
}

/** Writes only if nobody changed the voice since `version` was read; otherwise a conflict. */
export async function updateVoiceVersioned(tx: Executor, voice: Pick<VoiceRow, 'id'>, version: number, changes: Partial<typeof submissions.$inferInsert>) {
  const updated = await tx
    .update(submissions)
    .set({ ...changes, version: sql`${submissions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(submissions.id, voice.id), eq(submissions.version, version)))
    .returning({ version: submissions.version });
  if (updated.length === 0) throw new TriageError('stale', 409);
  return updated[0]!.version;
}

export async function addTimelineEvent(
  tx: Executor, submissionId: number, actor: Actor, type: string, visibility: 'public' | 'internal', data: Record<string, unknown> = {},
): Promise<number> {
  const [row] = await tx.insert(submissionEvents)
    .values({ submissionId, actorUserId: actor.user.id, type, visibility, data })
    .returning({ id: submissionEvents.id });
  return row!.id;
}

export async function auditWrite(tx: Executor, actor: Actor, action: string, entityId: string | number, details: Record<string, unknown> = {}, entityType = 'submission') {
  await recordAudit(tx, { ...actor.audit, action, entityType, entityId, details });
}
