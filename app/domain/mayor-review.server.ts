import { and, asc, count, eq, inArray, isNull, min, ne } from 'drizzle-orm';
import type { Database, Executor } from '#db/client';
import { categories, departments, submissions } from '#db/schema/index';
import { notifyMayorInstruction } from '../email/notifications.server';
import { addTimelineEvent, auditWrite, requirePermission, TriageError } from './triage-support.server';
import type { Actor } from './errors';

// Susono's promise: the mayor reads every voice. The queue is every voice not yet marked
// reviewed (spam hidden by the reform team aside), oldest first, one at a time.

const inQueue = and(isNull(submissions.mayorReviewedAt), ne(submissions.status, 'hidden'));

export async function mayorQueueSummary(db: Executor, now = new Date()) {
  const [row] = await db.select({ unreviewed: count(), oldest: min(submissions.receivedAt) }).from(submissions).where(inQueue);
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  return {
    unreviewed: Number(row?.unreviewed ?? 0),
    oldestReceivedAt: oldest?.toISOString() ?? null,
    oldestAgeDays: oldest ? Math.floor((now.getTime() - oldest.getTime()) / 86_400_000) : null,
  };
}

/** The voice at `position` (0-based) of the queue, with the queue's length, for next/previous. */
export async function mayorQueueItem(db: Executor, position: number) {
  const [{ total }] = (await db.select({ total: count() }).from(submissions).where(inQueue)) as [{ total: number }];
  const safe = Math.max(0, Math.min(position, Math.max(0, Number(total) - 1)));
  const [voice] = await db
    .select({
      id: submissions.id, receiptNumber: submissions.receiptNumber, kind: submissions.kind, channel: submissions.channel,
      status: submissions.status, title: submissions.title, body: submissions.body, receivedAt: submissions.receivedAt,
      categoryJa: categories.nameJa, categoryTranslations: categories.nameTranslations,
      departmentJa: departments.nameJa, departmentTranslations: departments.nameTranslations,
    })
    .from(submissions)
    .leftJoin(categories, eq(categories.id, submissions.categoryId))
    .leftJoin(departments, eq(departments.id, submissions.departmentId))
    .where(inQueue)
    .orderBy(asc(submissions.receivedAt), asc(submissions.id))
    .limit(1)
    .offset(safe);
  return { voice: voice ?? null, position: safe, total: Number(total) };
}

/** Marks voices reviewed by the mayor: who and when; a voice already reviewed keeps its first review. */
export async function markReviewedByMayor(db: Database, actor: Actor, submissionIds: number[]): Promise<number> {
  requirePermission(actor, 'mayor:review');
  if (submissionIds.length === 0) return 0;
  return db.transaction(async (tx) => {
    const now = new Date();
    const marked = await tx.update(submissions)
      .set({ mayorReviewedAt: now, mayorReviewedById: actor.user.id })
      .where(and(inArray(submissions.id, submissionIds), isNull(submissions.mayorReviewedAt)))
      .returning({ id: submissions.id });
    for (const { id } of marked) {
      await addTimelineEvent(tx, id, actor, 'mayor_reviewed', 'internal', {});
      await auditWrite(tx, actor, 'voice.mayor_review', id);
    }
    return marked.length;
  });
}

/** 市長指示: lands in the timeline, tells the 課 and the reform team, and counts as reviewed. */
export async function giveMayorInstruction(db: Database, actor: Actor, input: { submissionId: number; text: string }) {
  requirePermission(actor, 'mayor:instruct');
  const text = input.text.trim();
  if (!text) throw new TriageError('instruction_empty');
  return db.transaction(async (tx) => {
    const [voice] = await tx.select({ id: submissions.id, reviewed: submissions.mayorReviewedAt }).from(submissions).where(eq(submissions.id, input.submissionId));
    if (!voice) throw new TriageError('not_found', 404);
    const eventId = await addTimelineEvent(tx, voice.id, actor, 'mayor_instruction', 'internal', { text });
    if (!voice.reviewed) {
      await tx.update(submissions).set({ mayorReviewedAt: new Date(), mayorReviewedById: actor.user.id }).where(eq(submissions.id, voice.id));
      await addTimelineEvent(tx, voice.id, actor, 'mayor_reviewed', 'internal', {});
    }
    await auditWrite(tx, actor, 'voice.mayor_instruction', voice.id, { text });
    await notifyMayorInstruction(tx, { on: { submissionId: voice.id }, instruction: text, mayorUserId: actor.user.id, instructionId: eventId });
    return { eventId };
  });
}
