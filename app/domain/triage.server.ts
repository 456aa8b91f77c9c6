import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Database } from '#db/client';
import { categories, departments, submissions, users } from '#db/schema/index';
import type { SubmissionKind, SubmissionStatus } from '#db/schema/enums';
import { roleHasPermission } from '~/auth/permissions';
import { notifyAssignment, notifyStatusChange } from '../email/notifications.server';
import {
  addTimelineEvent, auditWrite, loadVoiceForUpdate, requirePermission, TriageError, updateVoiceVersioned,
} from './triage-support.server';
import type { Actor } from './errors';
import { roleMayChangeStatus, voicePolicy } from './voice-policy';
import { canChangeStatus } from './voice-status';

// The reform team's and departments' daily work on a voice: classify, route, assign, set the
// priority and due date, and the status changes of DOMAIN.md. Every write checks the actor's
// permission and scope, refuses a stale version, records a timeline event and an audit entry,
// and queues whatever mail the change causes — all in one transaction.

export async function classifyVoice(db: Database, actor: Actor, input: { submissionId: number; version: number; kind: SubmissionKind; categoryId: number }) {
  requirePermission(actor, 'voice:triage');
  return db.transaction(async (tx) => {
    const voice = await loadVoiceForUpdate(tx, actor, input.submissionId);
    const [category] = await tx.select({ id: categories.id }).from(categories).where(and(eq(categories.id, input.categoryId), eq(categories.active, true)));
    if (!category) throw new TriageError('category_invalid');
    const version = await updateVoiceVersioned(tx, voice, input.version, { kind: input.kind, categoryId: input.categoryId });
    await addTimelineEvent(tx, voice.id, actor, 'classified', 'internal', { kind: input.kind, categoryId: input.categoryId, from: { kind: voice.kind, categoryId: voice.categoryId } });
    await auditWrite(tx, actor, 'voice.classify', voice.id, { kind: input.kind, categoryId: input.categoryId });
    return { version };
  });
}

/** Routes (or re-routes) a voice to a 課; its 課長 is told. A re-route clears the assignee. */
export async function routeVoice(db: Database, actor: Actor, input: { submissionId: number; version: number; departmentId: number }) {
  requirePermission(actor, 'voice:triage');
  return db.transaction(async (tx) => {
    const voice = await loadVoiceForUpdate(tx, actor, input.submissionId);
    const [department] = await tx.select({ id: departments.id, nameJa: departments.nameJa, nameTranslations: departments.nameTranslations }).from(departments)
      .where(and(eq(departments.id, input.departmentId), eq(departments.level, 'ka'), eq(departments.active, true)));
    if (!department) throw new TriageError('department_invalid');
    const status: SubmissionStatus = voice.status === 'received' ? 'triaged' : voice.status;
    const changes = { departmentId: department.id, status, ...(voice.departmentId !== department.id ? { assigneeId: null } : {}) };
    const version = await updateVoiceVersioned(tx, voice, input.version, changes);
    await addTimelineEvent(tx, voice.id, actor, 'routed', 'public', { departmentId: department.id, departmentJa: department.nameJa, departmentTranslations: department.nameTranslations });
    if (status !== voice.status) await addTimelineEvent(tx, voice.id, actor, 'status', 'public', { from: voice.status, to: status });
    await auditWrite(tx, actor, 'voice.route', voice.id, { departmentId: department.id, from: voice.departmentId });
    await notifyAssignment(tx, { submissionId: voice.id, assignedById: actor.user.id });
    return { version };
  });
}

/** Assigns a person of the voice's 課 (the 課長 within their 課, the reform team anywhere). */
export async function assignVoice(db: Database, actor: Actor, input: { submissionId: number; version: number; assigneeId: number }) {
  requirePermission(actor, 'voice:assign');
  return db.transaction(async (tx) => {
    const voice = await loadVoiceForUpdate(tx, actor, input.submissionId);
    if (!voicePolicy(actor.user, voice).assign) throw new TriageError('not_found', 404);
    const [assignee] = await tx.select({ id: users.id, name: users.displayName }).from(users)
      .where(and(eq(users.id, input.assigneeId), inArray(users.role, ['staff', 'manager', 'reform'])));
    const [member] = assignee && voice.departmentId
      ? await tx.select({ id: users.id }).from(users).where(and(eq(users.id, assignee.id), eq(users.departmentId, voice.departmentId)))
      : [];
    if (!assignee || !member) throw new TriageError('assignee_invalid');
    const status: SubmissionStatus = voice.status === 'received' || voice.status === 'triaged' ? 'in_progress' : voice.status;
    const version = await updateVoiceVersioned(tx, voice, input.version, { assigneeId: assignee.id, status });
    await addTimelineEvent(tx, voice.id, actor, 'assigned', 'internal', { assigneeId: assignee.id, assigneeName: assignee.name });
    if (status !== voice.status) await addTimelineEvent(tx, voice.id, actor, 'status', 'public', { from: voice.status, to: status });
    await auditWrite(tx, actor, 'voice.assign', voice.id, { assigneeId: assignee.id });
    await notifyAssignment(tx, { submissionId: voice.id, assignedById: actor.user.id });
    return { version };
  });
}

export async function setPriority(db: Database, actor: Actor, input: { submissionId: number; version: number; priority: number }) {
  if (!roleHasPermission(actor.user.role, 'voice:triage') && !roleHasPermission(actor.user.role, 'voice:assign')) throw new TriageError('forbidden', 403);
  if (!Number.isInteger(input.priority) || input.priority < 0 || input.priority > 3) throw new TriageError('bad_transition');
  return db.transaction(async (tx) => {
    const voice = await loadVoiceForUpdate(tx, actor, input.submissionId);
    if (!voicePolicy(actor.user, voice).priority) throw new TriageError('not_found', 404);
    const version = await updateVoiceVersioned(tx, voice, input.version, { priority: input.priority });
    await addTimelineEvent(tx, voice.id, actor, 'priority', 'internal', { from: voice.priority, to: input.priority });
    await auditWrite(tx, actor, 'voice.priority', voice.id, { priority: input.priority });
    return { version };
  });
}

export async function setDueDate(db: Database, actor: Actor, input: { submissionId: number; version: number; dueDate: string; today: string }) {
  requirePermission(actor, 'voice:triage');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dueDate) || input.dueDate < input.today) throw new TriageError('due_date_invalid');
  return db.transaction(async (tx) => {
    const voice = await loadVoiceForUpdate(tx, actor, input.submissionId);
    const version = await updateVoiceVersioned(tx, voice, input.version, { dueDate: input.dueDate });
    await addTimelineEvent(tx, voice.id, actor, 'due_date', 'public', { from: voice.dueDate, to: input.dueDate });
    await auditWrite(tx, actor, 'voice.due_date', voice.id, { dueDate: input.dueDate });
    return { version };
  });
}

export type StatusChange =
  | { to: 'triaged' | 'in_progress' | 'closed' }
  | { to: 'merged'; mergedIntoReceiptNumber: string }
  | { to: 'referred'; referredTo: string }
  | { to: 'not_actionable'; reason: string }
  | { to: 'hidden'; reason: string };

/** The status changes of DOMAIN.md, with what each needs (target voice, destination, reason). */
export async function changeVoiceStatus(db: Database, actor: Actor, input: { submissionId: number; version: number; change: StatusChange }) {
  const { change } = input;
  if (!roleMayChangeStatus(actor.user, change.to)) throw new TriageError('forbidden', 403);
  return db.transaction(async (tx) => {
    const voice = await loadVoiceForUpdate(tx, actor, input.submissionId);
    // Another 課's voice is "not found", as if the 課長 could not see it.
    if (!voicePolicy(actor.user, voice).changeStatus(change.to)) throw new TriageError('not_found', 404);
    if (!canChangeStatus(voice.status, change.to)) throw new TriageError('bad_transition');
    const changes: Partial<typeof submissions.$inferInsert> = { status: change.to };
    let eventData: Record<string, unknown> = { from: voice.status, to: change.to };
    let visibility: 'public' | 'internal' = 'public';
    switch (change.to) {
      case 'merged': {
        const [target] = await tx.select({ id: submissions.id, status: submissions.status, receiptNumber: submissions.receiptNumber }).from(submissions)
          .where(and(eq(submissions.receiptNumber, change.mergedIntoReceiptNumber.trim()), ne(submissions.id, voice.id)));
        if (!target || target.status === 'merged' || target.status === 'hidden') throw new TriageError('merge_target_invalid');
        changes.mergedIntoId = target.id;
        eventData = { ...eventData, into: target.receiptNumber };
        break;
      }
      case 'referred':
        if (!change.referredTo.trim()) throw new TriageError('destination_required');
        changes.referredTo = change.referredTo.trim();
        eventData = { ...eventData, referredTo: changes.referredTo };
        break;
      case 'not_actionable':
        if (!change.reason.trim()) throw new TriageError('reason_required');
        changes.notActionableReason = change.reason.trim();
        eventData = { ...eventData, reason: changes.notActionableReason };
        break;
      case 'hidden':
        if (!change.reason.trim()) throw new TriageError('reason_required');
        changes.hiddenReason = change.reason.trim();
        eventData = { ...eventData, reason: changes.hiddenReason };
        visibility = 'internal';
        break;
      case 'closed':
        changes.closedAt = new Date();
        break;
      case 'triaged':
        // Undoing a side exit clears what it recorded.
        Object.assign(changes, { mergedIntoId: null, referredTo: null, notActionableReason: null, hiddenReason: null });
        break;
      case 'in_progress':
        changes.closedAt = null;
        break;
    }
    const version = await updateVoiceVersioned(tx, voice, input.version, changes);
    await addTimelineEvent(tx, voice.id, actor, 'status', visibility, eventData);
    await auditWrite(tx, actor, 'voice.status', voice.id, eventData);
    await notifyStatusChange(tx, { submissionId: voice.id });
    return { version };
  });
}
