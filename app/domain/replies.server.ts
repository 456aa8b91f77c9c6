import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '#db/client';
import { auditLog, citySettings, replies, replyTemplates } from '#db/schema/index';
import { notifyApprovalRequested, notifyApprovalReturned, notifyReplySent } from '../email/notifications.server';
import {
  addTimelineEvent, auditWrite, loadVoiceForUpdate, requirePermission, TriageError, updateVoiceVersioned, type VoiceRow,
} from './triage-support.server';
import type { Actor } from './errors';
import { voicePolicy } from './voice-policy';
import { OPEN_STATUSES } from './voice-status';

// Replies and interim replies: draft → 決裁待ち (awaiting the 課長's approval) → approved and
// sent, or returned with a comment. Sending emails the resident through the outbox and shows
// the reply on the tracking page, in the approval's transaction.

type ReplyRow = typeof replies.$inferSelect;

export interface ReplyDraftInput {
  submissionId: number;
  kind: 'final' | 'interim';
  body: string;
  interimReason?: string | null;
  newDueDate?: string | null;
  templateId?: number | null;
}


async function finalReplySent(tx: Executor, submissionId: number): Promise<boolean> {
  const [row] = await tx.select({ id: replies.id }).from(replies)
    .where(and(eq(replies.submissionId, submissionId), eq(replies.kind, 'final'), eq(replies.status, 'sent')));
  return !!row;
}

function checkInterim(input: Pick<ReplyDraftInput, 'kind' | 'interimReason' | 'newDueDate'>, voice: VoiceRow) {
  if (input.kind !== 'interim') return;
  if (!input.interimReason?.trim() || !input.newDueDate) throw new TriageError('interim_details_required');
  if (voice.dueDate && input.newDueDate <= voice.dueDate) throw new TriageError('interim_date_not_later');
}

export async function draftReply(db: Database, actor: Actor, input: ReplyDraftInput): Promise<{ replyId: number }> {
  requirePermission(actor, 'reply:draft');
  if (!input.body.trim()) throw new TriageError('reply_empty');
  return db.transaction(async (tx) => {
    const voice = await loadVoiceForUpdate(tx, actor, input.submissionId);
    if (!voicePolicy(actor.user, voice).draft) throw new TriageError('forbidden', 403);
    if (!OPEN_STATUSES.includes(voice.status)) throw new TriageError('bad_transition');
    if (input.kind === 'final' && (await finalReplySent(tx, voice.id))) throw new TriageError('final_reply_exists');
    checkInterim(input, voice);
    const [reply] = await tx.insert(replies).values({
      submissionId: voice.id, kind: input.kind, status: 'draft', body: input.body.trim(),
      interimReason: input.kind === 'interim' ? input.interimReason!.trim() : null,
      newDueDate: input.kind === 'interim' ? input.newDueDate! : null,
      templateId: input.templateId ?? null, authorId: actor.user.id,
    }).returning({ id: replies.id });
    await addTimelineEvent(tx, voice.id, actor, 'reply_drafted', 'internal', { replyId: reply!.id, kind: input.kind });
    await auditWrite(tx, actor, 'reply.draft', reply!.id, { submissionId: voice.id, kind: input.kind }, 'reply');
    return { replyId: reply!.id };
  });
}

async function loadReplyForUpdate(tx: Executor, actor: Actor, replyId: number): Promise<{ reply: ReplyRow; voice: VoiceRow }> {
  const [reply] = await tx.select().from(replies).where(eq(replies.id, replyId)).for('update');
  if (!reply) throw new TriageError('not_found', 404);
  const voice = await loadVoiceForUpdate(tx, actor, reply.submissionId);
  return { reply, voice };
}

async function updateReplyVersioned(tx: Executor, reply: ReplyRow, version: number, changes: Partial<typeof replies.$inferInsert>) {
  const updated = await tx.update(replies).set({ ...changes, version: sql`${replies.version} + 1` })
    .where(and(eq(replies.id, reply.id), eq(replies.version, version))).returning({ version: replies.version });
  if (updated.length === 0) throw new TriageError('stale', 409);
  return updated[0]!.version;
}

export async function updateReplyDraft(db: Database, actor: Actor, input: { replyId: number; version: number; body: string; interimReason?: string | null; newDueDate?: string | null }) {
  requirePermission(actor, 'reply:draft');
  if (!input.body.trim()) throw new TriageError('reply_empty');
  return db.transaction(async (tx) => {
    const { reply, voice } = await loadReplyForUpdate(tx, actor, input.replyId);
    if (!voicePolicy(actor.user, voice).draft) throw new TriageError('forbidden', 403);
    if (reply.status !== 'draft' && reply.status !== 'returned') throw new TriageError('reply_not_editable');
    checkInterim({ kind: reply.kind, interimReason: input.interimReason ?? reply.interimReason, newDueDate: input.newDueDate ?? reply.newDueDate }, voice);
    const version = await updateReplyVersioned(tx, reply, input.version, {
      body: input.body.trim(),
      ...(reply.kind === 'interim' ? { interimReason: input.interimReason ?? reply.interimReason, newDueDate: input.newDueDate ?? reply.newDueDate } : {}),
    });
    await auditWrite(tx, actor, 'reply.edit', reply.id, { submissionId: voice.id }, 'reply');
    return { version };
  });
}

/** Asks the 課長 for 決裁; the managers of the voice's 課 are told. */
export async function submitReplyForApproval(db: Database, actor: Actor, input: { replyId: number; version: number }) {
  requirePermission(actor, 'reply:draft');
  return db.transaction(async (tx) => {
    const { reply, voice } = await loadReplyForUpdate(tx, actor, input.replyId);
    if (!voicePolicy(actor.user, voice).draft) throw new TriageError('forbidden', 403);
    if (reply.status !== 'draft' && reply.status !== 'returned') throw new TriageError('reply_not_editable');
    checkInterim(reply, voice);
    const version = await updateReplyVersioned(tx, reply, input.version, { status: 'awaiting_approval', submittedAt: new Date() });
    await addTimelineEvent(tx, voice.id, actor, 'reply_submitted', 'internal', { replyId: reply.id });
    await auditWrite(tx, actor, 'reply.submit', reply.id, { submissionId: voice.id }, 'reply');
    await notifyApprovalRequested(tx, { replyId: reply.id });
    return { version };
  });
}

/** Whether the person wrote this reply: drafted it, or changed its text since. */
async function wroteReply(tx: Executor, reply: Pick<ReplyRow, 'id' | 'authorId'>, userId: number): Promise<boolean> {
  if (reply.authorId === userId) return true;
  const [edited] = await tx.select({ id: auditLog.id }).from(auditLog)
    .where(and(eq(auditLog.action, 'reply.edit'), eq(auditLog.entityType, 'reply'), eq(auditLog.entityId, String(reply.id)), eq(auditLog.userId, userId)))
    .limit(1);
  return !!edited;
}

async function selfApprovalAllowed(tx: Executor): Promise<boolean> {
  const [row] = await tx.select({ allowed: citySettings.allowSelfApproval }).from(citySettings).where(eq(citySettings.id, 1));
  return row?.allowed ?? false;
}

/**
 * The 課長 of the voice's 課 approves: the reply is sent at once (mail + tracking page).
 * Separation of duties: the approver is not its author unless the city allows it, and then
 * the audit entry says so.
 */
export async function approveReply(db: Database, actor: Actor, input: { replyId: number; version: number; comment?: string | null }) {
  requirePermission(actor, 'reply:approve');
  return db.transaction(async (tx) => {
    const { reply, voice } = await loadReplyForUpdate(tx, actor, input.replyId);
    if (!voicePolicy(actor.user, voice).approve) throw new TriageError('not_found', 404);
    if (reply.status !== 'awaiting_approval') throw new TriageError('bad_transition');
    if (reply.kind === 'final' && (await finalReplySent(tx, voice.id))) throw new TriageError('final_reply_exists');
    const selfApproval = await wroteReply(tx, reply, actor.user.id);
    if (selfApproval && !(await selfApprovalAllowed(tx))) throw new TriageError('self_approval', 403);
    const now = new Date();
    const version = await updateReplyVersioned(tx, reply, input.version, {
      status: 'sent', approverId: actor.user.id, approvalComment: input.comment?.trim() || null, decidedAt: now, sentAt: now,
    });
    const voiceChanges = reply.kind === 'final'
      ? { status: 'answered' as const }
      : { dueDate: reply.newDueDate };
    await updateVoiceVersioned(tx, voice, voice.version, voiceChanges);
    await addTimelineEvent(tx, voice.id, actor, 'reply_approved', 'internal', { replyId: reply.id });
    await addTimelineEvent(tx, voice.id, actor, 'reply_sent', 'public', { replyId: reply.id, kind: reply.kind, newDueDate: reply.newDueDate });
    if (reply.kind === 'final') await addTimelineEvent(tx, voice.id, actor, 'status', 'public', { from: voice.status, to: 'answered' });
    await auditWrite(tx, actor, 'reply.approve', reply.id, { submissionId: voice.id, kind: reply.kind, ...(selfApproval ? { selfApproval: true } : {}) }, 'reply');
    await notifyReplySent(tx, { replyId: reply.id });
    return { version };
  });
}

/** The 課長 sends a draft back with a comment; its author is told. */
export async function returnReply(db: Database, actor: Actor, input: { replyId: number; version: number; comment: string }) {
  requirePermission(actor, 'reply:approve');
  if (!input.comment.trim()) throw new TriageError('reason_required');
  return db.transaction(async (tx) => {
    const { reply, voice } = await loadReplyForUpdate(tx, actor, input.replyId);
    if (!voicePolicy(actor.user, voice).approve) throw new TriageError('not_found', 404);
    if (reply.status !== 'awaiting_approval') throw new TriageError('bad_transition');
    const version = await updateReplyVersioned(tx, reply, input.version, {
      status: 'returned', approverId: actor.user.id, approvalComment: input.comment.trim(), decidedAt: new Date(),
    });
    await addTimelineEvent(tx, voice.id, actor, 'reply_returned', 'internal', { replyId: reply.id, comment: input.comment.trim() });
    await auditWrite(tx, actor, 'reply.return', reply.id, { submissionId: voice.id }, 'reply');
    await notifyApprovalReturned(tx, { replyId: reply.id });
    return { version };
  });
}

/** Templates for the voice's category first, then the common ones, in the reply's language. */
export async function replyTemplatesFor(db: Executor, categoryId: number | null, language = 'ja') {
  return db.select({ id: replyTemplates.id, title: replyTemplates.title, body: replyTemplates.body, categoryId: replyTemplates.categoryId })
    .from(replyTemplates)
    .where(and(eq(replyTemplates.active, true), eq(replyTemplates.language, language),
      categoryId === null ? isNull(replyTemplates.categoryId) : or(eq(replyTemplates.categoryId, categoryId), isNull(replyTemplates.categoryId))))
    .orderBy(sql`${replyTemplates.categoryId} is null`, asc(replyTemplates.title));
}

export async function repliesOf(db: Executor, submissionId: number) {
  return db.select().from(replies).where(eq(replies.submissionId, submissionId)).orderBy(asc(replies.createdAt), asc(replies.id));
}
