import { eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '#db/client';
import {
  categories, idempotencyKeys, receiptSequences, submissionContacts, submissionEvents, submissions,
  type SubmissionChannel, type SubmissionKind,
} from '#db/schema/index';
import { enqueueEmail } from '~/email/outbox.server';
import { replyDueDate } from './calendar.server';
import { fiscalYearOf, formatReceiptNumber } from './fiscal-year';
import { bigrams } from './search-text';
import { hashSecretToken } from './secret-token.server';

export interface VoiceContact {
  familyName?: string | null;
  givenName?: string | null;
  familyNameKana?: string | null;
  givenNameKana?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
}

/** A voice as every channel delivers it (web form, staff entry, Open311), already validated. */
export interface NewVoice {
  kind: SubmissionKind;
  channel: SubmissionChannel;
  categoryId: number | null;
  title: string;
  body: string;
  language: string;
  placeText?: string | null;
  postcode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  contact: VoiceContact | null;
  replyWanted: boolean;
  consentToPublish: boolean;
  counterId?: number | null;
  enteredById?: number | null;
  staffAuthorId?: number | null;
  staffAuthorHidden?: boolean;
  /** Extra facts for the first timeline entry, e.g. the Open311 client that sent it. */
  receivedEventData?: Record<string, unknown>;
}

export interface CreateVoiceOptions {
  /** The secret for the tracking link; only its hash is stored. */
  trackingToken: string;
  /** A resident's repeated or concurrent submit with the same key yields the same voice. */
  idempotencyKey?: string;
  now?: Date;
  /** More writes that belong to the same transaction (e.g. the staff member's audit entry). */
  afterInsert?: (tx: Executor, created: { id: number; receiptNumber: string }) => Promise<void>;
}

export interface CreatedVoice {
  id: number;
  receiptNumber: string;
  /** True when the idempotency key had already produced this voice. */
  replayed: boolean;
}

/** Takes the next receipt number of the fiscal year; the row lock serialises concurrent takers. */
async function nextReceiptNumber(tx: Executor, fiscalYear: number): Promise<string> {
  const [row] = await tx
    .insert(receiptSequences)
    .values({ fiscalYear, lastNumber: 1 })
    .onConflictDoUpdate({ target: receiptSequences.fiscalYear, set: { lastNumber: sql`${receiptSequences.lastNumber} + 1` } })
    .returning({ lastNumber: receiptSequences.lastNumber });
  return formatReceiptNumber(fiscalYear, row!.lastNumber);
}

function hasContact(contact: VoiceContact | null): contact is VoiceContact {
  return !!contact && Object.values(contact).some((v) => typeof v === 'string' && v.trim() !== '');
}

/**
 * Receives a voice: receipt number, hashed tracking token, routing to the category's 課,
 * reply target date, the first timeline entry, and the receipt mail — all or nothing.
 */
export async function createSubmission(db: Database, voice: NewVoice, options: CreateVoiceOptions): Promise<CreatedVoice> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    if (options.idempotencyKey) {
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ key: options.idempotencyKey, scope: 'submission' })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (claimed.length === 0) {
        const [existing] = await tx
          .select({ id: submissions.id, receiptNumber: submissions.receiptNumber })
          .from(idempotencyKeys)
          .innerJoin(submissions, eq(submissions.id, idempotencyKeys.submissionId))
          .where(eq(idempotencyKeys.key, options.idempotencyKey));
        if (existing) return { ...existing, replayed: true };
        throw new Error('idempotency key is in use by another submission that has not finished');
      }
    }

    const fiscalYear = fiscalYearOf(now);
    const receiptNumber = await nextReceiptNumber(tx, fiscalYear);
    let departmentId: number | null = null;
    if (voice.categoryId !== null) {
      const [category] = await tx.select({ dep: categories.defaultDepartmentId }).from(categories).where(eq(categories.id, voice.categoryId));
      departmentId = category?.dep ?? null;
    }
    const contact = hasContact(voice.contact) ? voice.contact : null;
    const [created] = await tx
      .insert(submissions)
      .values({
        fiscalYear,
        receiptNumber,
        trackingTokenHash: hashSecretToken(options.trackingToken),
        kind: voice.kind,
        channel: voice.channel,
        categoryId: voice.categoryId,
        departmentId,
        counterId: voice.counterId ?? null,
        title: voice.title,
        body: voice.body,
        language: voice.language,
        placeText: voice.placeText ?? null,
        postcode: voice.postcode ?? null,
        latitude: voice.latitude ?? null,
        longitude: voice.longitude ?? null,
        anonymous: contact === null,
        replyWanted: voice.replyWanted,
        consentToPublish: voice.consentToPublish,
        receivedAt: now,
        dueDate: await replyDueDate(tx, voice.categoryId, now),
        enteredById: voice.enteredById ?? null,
        staffAuthorId: voice.staffAuthorId ?? null,
        staffAuthorHidden: voice.staffAuthorHidden ?? false,
        searchBigrams: bigrams(`${voice.title} ${voice.body}`),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: submissions.id, receiptNumber: submissions.receiptNumber });
    const submission = created!;

    if (contact) {
      await tx.insert(submissionContacts).values({ submissionId: submission.id, ...contact });
    }
    await tx.insert(submissionEvents).values({
      submissionId: submission.id,
      at: now,
      actorUserId: voice.enteredById ?? null,
      type: 'received',
      visibility: 'public',
      data: { channel: voice.channel, ...voice.receivedEventData },
    });
    if (options.idempotencyKey) {
      await tx.update(idempotencyKeys).set({ submissionId: submission.id }).where(eq(idempotencyKeys.key, options.idempotencyKey));
    }
    if (contact?.email) {
      await enqueueEmail(tx, {
        template: 'receipt',
        to: contact.email,
        language: voice.language,
        payload: { receiptNumber, title: voice.title, trackingToken: options.trackingToken },
        dedupeKey: receiptNumber,
        submissionId: submission.id,
      });
    }
    await options.afterInsert?.(tx, submission);
    return { ...submission, replayed: false };
  });
}
