import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '#db/client';
import { replies, replyRatings, submissionEvents, submissions } from '#db/schema/index';
import type { RatingForm } from './ratings';

export type RateReplyResult =
  | { ok: true; flagged: boolean }
  | { ok: false; reason: 'notOpen' | 'alreadyRated' };

/**
 * Records the resident's rating of the final reply, once. "Not resolved" flags the voice
 * for the reform team (negative_rating and an internal timeline entry) in the same
 * transaction, so a rating is never stored without its flag.
 */
export async function rateReply(db: Database, submissionId: number, rating: RatingForm, now = new Date()): Promise<RateReplyResult> {
  return db.transaction(async (tx) => {
    // Serialises two submits of the same rating form (double click, two tabs).
    await tx.select({ id: submissions.id }).from(submissions).where(eq(submissions.id, submissionId)).for('update');
    const [existing] = await tx.select({ id: replyRatings.id }).from(replyRatings).where(eq(replyRatings.submissionId, submissionId)).limit(1);
    if (existing) return { ok: false, reason: 'alreadyRated' } as const;
    const [reply] = await tx
      .select({ id: replies.id })
      .from(replies)
      .where(and(eq(replies.submissionId, submissionId), eq(replies.status, 'sent'), eq(replies.kind, 'final')))
      .orderBy(desc(replies.sentAt))
      .limit(1);
    if (!reply) return { ok: false, reason: 'notOpen' } as const;
    const [created] = await tx.insert(replyRatings).values({
      submissionId,
      replyId: reply.id,
      resolved: rating.resolved,
      satisfaction: rating.satisfaction,
      comment: rating.comment === '' ? null : rating.comment,
      createdAt: now,
    }).returning({ id: replyRatings.id });
    const flagged = rating.resolved === 'no';
    if (flagged) {
      await tx.update(submissions).set({ negativeRating: true, updatedAt: now }).where(eq(submissions.id, submissionId));
      await tx.insert(submissionEvents).values({
        submissionId,
        at: now,
        type: 'negative_rating',
        visibility: 'internal',
        data: { ratingId: created!.id, satisfaction: rating.satisfaction },
      });
    }
    return { ok: true, flagged } as const;
  });
}
