import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '#db/client';
import { submissionEvents, submissions } from '#db/schema/index';
import { enqueueEmail } from '~/email/outbox.server';

// What a resident does from their tracking page besides rating: add to their voice, and have
// the link mailed to them. Both are keyed by the form's one-time key, so a double submit
// (or a retried POST) changes nothing the second time.

/** Statuses where a resident's addition sends the voice back to the 課: it was answered or closed. */
const REOPENED_BY_NOTE = new Set(['answered', 'closed']);

export interface ResidentNoteResult {
  added: boolean;
  reopened: boolean;
}

/**
 * Adds the resident's text to the voice's timeline (public: they see it too; staff see it on
 * the voice page). An answered or closed voice goes back to 担当課で対応中 so it shows up in
 * the 課's open work again; a voice on a side exit (merged, referred…) keeps its status for
 * the reform team to judge.
 */
export async function addResidentNote(db: Database, input: { submissionId: number; text: string; formKey: string }): Promise<ResidentNoteResult> {
  return db.transaction(async (tx) => {
    const [voice] = await tx.select({ id: submissions.id, status: submissions.status }).from(submissions)
      .where(eq(submissions.id, input.submissionId)).for('update');
    if (!voice) return { added: false, reopened: false };
    const [seen] = await tx.select({ id: submissionEvents.id }).from(submissionEvents)
      .where(and(eq(submissionEvents.submissionId, voice.id), eq(submissionEvents.type, 'resident_note'), sql`${submissionEvents.data}->>'key' = ${input.formKey}`));
    if (seen) return { added: false, reopened: false };
    await tx.insert(submissionEvents).values({
      submissionId: voice.id, actorUserId: null, type: 'resident_note', visibility: 'public', data: { text: input.text, key: input.formKey },
    });
    const reopen = REOPENED_BY_NOTE.has(voice.status);
    if (reopen) {
      await tx.update(submissions)
        .set({ status: 'in_progress', closedAt: null, version: sql`${submissions.version} + 1`, updatedAt: new Date() })
        .where(eq(submissions.id, voice.id));
      await tx.insert(submissionEvents).values({
        submissionId: voice.id, actorUserId: null, type: 'status', visibility: 'public', data: { from: voice.status, to: 'in_progress', byResident: true },
      });
    }
    return { added: true, reopened: reopen };
  });
}

/**
 * Queues the tracking link to an address the resident typed. The row is not tied to the
 * voice (no submission id, no receipt number in it), so an address given for an anonymous
 * voice does not name its sender in the outbox; the link itself is a secret field.
 */
export async function mailTrackingLink(db: Database, input: { token: string; email: string; language: string; formKey: string }): Promise<boolean> {
  const tokenId = createHash('sha256').update(input.token).digest('hex');
  return enqueueEmail(db, {
    template: 'tracking_link', to: input.email, language: input.language, payload: { trackingToken: input.token },
    dedupeKey: `${tokenId}:${input.formKey}`,
  });
}
