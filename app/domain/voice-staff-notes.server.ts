import { and, eq } from 'drizzle-orm';
import type { Database } from '#db/client';
import { submissionContacts, submissionEvents, submissions } from '#db/schema/index';
import { recordAudit, type AuditActor } from '~/audit/audit.server';
import { contactVisibleWhere, visibleSubmissionsWhere } from '~/auth/scope.server';
import type { StaffUser } from '~/auth/session.server';

// What staff do to a voice besides triage: read the resident's contact details (an audited
// act) and add internal notes. Both are scoped by scope.server.ts.

type Viewer = Pick<StaffUser, 'id' | 'role' | 'departmentId'>;

export interface VoiceContactDetails {
  familyName: string | null;
  givenName: string | null;
  familyNameKana: string | null;
  givenNameKana: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
}

/**
 * A resident's contact details, for the reform team and the assigned 課 only. The read and
 * its audit entry ('contact.view') happen in one transaction: no view goes unrecorded.
 * Null when the voice is not visible, not the user's to see, or has no contact.
 */
export async function viewVoiceContact(db: Database, user: Viewer, submissionId: number, audit: AuditActor): Promise<VoiceContactDetails | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        receiptNumber: submissions.receiptNumber,
        familyName: submissionContacts.familyName,
        givenName: submissionContacts.givenName,
        familyNameKana: submissionContacts.familyNameKana,
        givenNameKana: submissionContacts.givenNameKana,
        email: submissionContacts.email,
        phone: submissionContacts.phone,
        address: submissionContacts.address,
      })
      .from(submissionContacts)
      .innerJoin(submissions, eq(submissions.id, submissionContacts.submissionId))
      .where(and(eq(submissions.id, submissionId), visibleSubmissionsWhere(user), contactVisibleWhere(user)));
    if (!row) return null;
    await recordAudit(tx, {
      ...audit, action: 'contact.view', entityType: 'submission', entityId: submissionId, details: { receiptNumber: row.receiptNumber },
    });
    const { receiptNumber: _r, ...contact } = row;
    return contact;
  });
}

/** Adds an internal note to a voice the user may see; false when it is not theirs to touch. */
export async function addInternalNote(db: Database, user: Viewer, input: { submissionId: number; text: string }, audit: AuditActor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: submissions.id, receiptNumber: submissions.receiptNumber })
      .from(submissions)
      .where(and(eq(submissions.id, input.submissionId), visibleSubmissionsWhere(user)))
      .for('update');
    if (!target) return false;
    const [event] = await tx.insert(submissionEvents).values({
      submissionId: target.id, actorUserId: user.id, type: 'note', visibility: 'internal', data: { text: input.text },
    }).returning({ id: submissionEvents.id });
    await recordAudit(tx, {
      ...audit, action: 'submission.note', entityType: 'submission', entityId: target.id,
      details: { receiptNumber: target.receiptNumber, eventId: event!.id },
    });
    return true;
  });
}
