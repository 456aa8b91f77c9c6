import { createHash } from 'node:crypto';
import type { Executor } from '#db/client';
import { emailOutbox } from '#db/schema/index';

export interface OutgoingEmail {
  template: string;
  to: string;
  language: string;
  payload: Record<string, unknown>;
  /** Same key, same message: a retried business change never queues a second copy. */
  dedupeKey: string;
  submissionId?: number;
}

/**
 * Queues a message in the outbox. Call it with the transaction of the change that causes
 * the mail, so that a rolled-back change leaves no mail behind. Returns false when the same
 * message (template, dedupe key, address) was queued before.
 */
export async function enqueueEmail(tx: Executor, email: OutgoingEmail): Promise<boolean> {
  const idempotencyKey = createHash('sha256').update(`${email.template}\u0000${email.dedupeKey}\u0000${email.to}`).digest('hex');
  const queued = await tx
    .insert(emailOutbox)
    .values({
      idempotencyKey,
      template: email.template,
      toAddress: email.to,
      language: email.language,
      payload: email.payload,
      submissionId: email.submissionId,
    })
    .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
    .returning({ id: emailOutbox.id });
  return queued.length > 0;
}
