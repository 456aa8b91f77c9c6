import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '#db/client';
import {
  departments, replies, replyRatings, submissionContacts, submissionEvents, submissions, submissionStatus,
} from '#db/schema/index';
import { hashSecretToken } from '~/domain/secret-token.server';
import { looksLikeTrackingToken } from '~/domain/tracking-token.server';
import { residentStatus } from '~/domain/tracking-status';
import { localText } from '~/i18n/city-text';
import { improvementsOfVoice } from './public-improvements.server';

// What the secret tracking link shows: only what the resident may see — public timeline
// entries, sent replies, the department and the target date. Never staff notes or names.

const KNOWN_EVENTS = new Set(['received', 'status', 'reply_sent', 'interim_reply_sent', 'merged', 'referred', 'not_actionable', 'closed', 'resident_note']);

export interface TimelineEntry {
  at: string;
  type: string;
  status?: string;
  to?: string;
  /** What the resident added (resident_note). */
  text?: string;
}

function toEntry(event: { at: Date; type: string; data: Record<string, unknown> }): TimelineEntry | null {
  const type = KNOWN_EVENTS.has(event.type) ? event.type : 'other';
  const entry: TimelineEntry = { at: event.at.toISOString(), type };
  if (type === 'status') {
    const to = event.data.to;
    if (typeof to !== 'string' || !(submissionStatus.enumValues as readonly string[]).includes(to) || to === 'hidden') return null;
    entry.status = to;
  }
  if (type === 'referred' && typeof event.data.to === 'string') entry.to = event.data.to;
  if (type === 'resident_note' && typeof event.data.text === 'string') entry.text = event.data.text;
  return entry;
}

/** The voice behind a tracking token, or null (unknown, malformed): the caller answers 404. */
export async function findSubmissionByToken(db: Executor, token: string) {
  if (!looksLikeTrackingToken(token)) return null;
  const [row] = await db.select().from(submissions).where(eq(submissions.trackingTokenHash, hashSecretToken(token)));
  return row ?? null;
}

export async function getTrackingView(db: Executor, token: string, language: string) {
  const submission = await findSubmissionByToken(db, token);
  if (!submission) return null;
  const [department, events, sentReplies, rating, mergedInto, contact, improvements] = await Promise.all([
    submission.departmentId === null ? Promise.resolve([]) : db.select({ ja: departments.nameJa, translations: departments.nameTranslations }).from(departments).where(eq(departments.id, submission.departmentId)),
    db.select({ at: submissionEvents.at, type: submissionEvents.type, data: submissionEvents.data }).from(submissionEvents)
      .where(and(eq(submissionEvents.submissionId, submission.id), eq(submissionEvents.visibility, 'public')))
      .orderBy(asc(submissionEvents.at), asc(submissionEvents.id)),
    db.select().from(replies)
      .where(and(eq(replies.submissionId, submission.id), eq(replies.status, 'sent'), isNotNull(replies.sentAt)))
      .orderBy(asc(replies.sentAt)),
    db.select({ resolved: replyRatings.resolved, satisfaction: replyRatings.satisfaction }).from(replyRatings)
      .where(eq(replyRatings.submissionId, submission.id)).orderBy(desc(replyRatings.createdAt)).limit(1),
    submission.mergedIntoId === null ? Promise.resolve([]) : db.select({ receiptNumber: submissions.receiptNumber }).from(submissions).where(eq(submissions.id, submission.mergedIntoId)),
    db.select({ email: submissionContacts.email }).from(submissionContacts).where(eq(submissionContacts.submissionId, submission.id)),
    // Closed improvement records this voice led to ("この声から生まれた改善").
    improvementsOfVoice(db, submission.id, language),
  ]);
  // The latest interim reply may have moved the target date.
  const interimDates = sentReplies.filter((r) => r.kind === 'interim' && r.newDueDate).map((r) => r.newDueDate!);
  const dueDate = [submission.dueDate, ...interimDates].filter((d): d is string => !!d).sort().at(-1) ?? null;
  const dep = department[0];
  const hasFinalReply = sentReplies.some((r) => r.kind === 'final');
  return {
    submissionId: submission.id,
    receiptNumber: submission.receiptNumber,
    kind: submission.kind,
    /** The language the resident wrote in (the site's language when they sent it). */
    language: submission.language,
    title: submission.title,
    body: submission.body,
    status: residentStatus(submission.status),
    receivedAt: submission.receivedAt.toISOString(),
    department: dep ? localText(language, dep.ja, dep.translations) : null,
    dueDate: hasFinalReply ? null : dueDate,
    timeline: events.map(toEntry).filter((e): e is TimelineEntry => e !== null),
    replies: sentReplies.map((r) => ({
      id: r.id,
      kind: r.kind,
      body: r.body,
      sentAt: r.sentAt!.toISOString(),
      interimReason: r.kind === 'interim' ? r.interimReason : null,
      newDueDate: r.kind === 'interim' ? r.newDueDate : null,
    })),
    rating: rating[0] ?? null,
    canRate: hasFinalReply && rating.length === 0,
    mergedIntoReceipt: submission.status === 'merged' ? mergedInto[0]?.receiptNumber ?? null : null,
    referredTo: submission.status === 'referred' ? submission.referredTo : null,
    notActionableReason: submission.status === 'not_actionable' ? submission.notActionableReason : null,
    emailGiven: !!contact[0]?.email,
    improvements,
  };
}

export type TrackingView = NonNullable<Awaited<ReturnType<typeof getTrackingView>>>;
