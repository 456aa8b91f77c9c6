import { and, eq } from 'drizzle-orm';
import type { Database } from '#db/client';
import { categories, idempotencyKeys, submissionPhotos, submissions } from '#db/schema/index';
import { cleanPhotos, photoColumns, withStoredPhotos } from '~/domain/photo-intake.server';
import { createSubmission, type NewVoice } from '~/domain/submissions.server';
import { deriveTrackingToken, replayedTrackingToken, storedIdempotencyKey } from '~/domain/tracking-token.server';
import type { VoiceForm } from '~/domain/voice-form';
import type { SecretKeys } from '~/secret-keys.server';
import type { PhotoStorage } from '~/storage/photo-storage.server';

// A voice from the web form: photos cleaned and stored, then the voice and its photo rows
// written in one transaction. A replayed submit (same idempotency key) meets the voice the
// first one created and gets the same tracking token back.

export interface WebVoiceInput {
  form: VoiceForm;
  /** The bytes of each chosen photo, in order (already checked for count, type and size). */
  photos: Uint8Array[];
  idempotencyKey: string;
  keys: SecretKeys;
  language: string;
  now?: Date;
}

export type WebVoiceResult =
  | { ok: true; receiptNumber: string; trackingToken: string; replayed: boolean }
  | { ok: false; errors: Partial<Record<string, string>> };

function toNewVoice(form: VoiceForm, language: string): NewVoice {
  const named = form.contactMode === 'named';
  const orNull = (value: string) => (value === '' ? null : value);
  return {
    kind: form.kind,
    channel: 'web',
    categoryId: form.categoryId,
    title: form.title,
    body: form.body,
    language,
    placeText: orNull(form.placeText),
    postcode: form.postcode,
    // A pin is both coordinates or none.
    latitude: form.latitude !== null && form.longitude !== null ? form.latitude : null,
    longitude: form.latitude !== null && form.longitude !== null ? form.longitude : null,
    contact: named
      ? {
          familyName: form.familyName,
          givenName: form.givenName,
          familyNameKana: orNull(form.familyNameKana),
          givenNameKana: orNull(form.givenNameKana),
          email: orNull(form.email),
          phone: orNull(form.phone),
        }
      : null,
    replyWanted: named && form.replyWanted,
    consentToPublish: form.consentToPublish,
  };
}

async function existingReceipt(db: Database, storedKey: string): Promise<{ receiptNumber: string; tokenHash: string } | null> {
  const [row] = await db
    .select({ receiptNumber: submissions.receiptNumber, tokenHash: submissions.trackingTokenHash })
    .from(idempotencyKeys)
    .innerJoin(submissions, eq(submissions.id, idempotencyKeys.submissionId))
    .where(eq(idempotencyKeys.key, storedKey));
  return row ?? null;
}

/** A replay answers with the token the first submit was given (possibly made with the old key). */
async function replayed(db: Database, input: WebVoiceInput, storedKey: string): Promise<WebVoiceResult> {
  const earlier = (await existingReceipt(db, storedKey))!;
  return { ok: true, receiptNumber: earlier.receiptNumber, trackingToken: replayedTrackingToken(input.keys, input.idempotencyKey, earlier.tokenHash), replayed: true };
}

export async function receiveWebVoice(db: Database, storage: PhotoStorage, input: WebVoiceInput): Promise<WebVoiceResult> {
  const trackingToken = deriveTrackingToken(input.keys, input.idempotencyKey);
  const storedKey = storedIdempotencyKey(input.idempotencyKey);
  // A double click or a browser re-post with photos: answer at once, without redoing the
  // photos. (Without photos, createSubmission meets the earlier voice in its own statement.)
  if (input.photos.length > 0) {
    if (await existingReceipt(db, storedKey)) return replayed(db, input, storedKey);
  }

  if (input.form.categoryId !== null) {
    const [category] = await db.select({ id: categories.id }).from(categories)
      .where(and(eq(categories.id, input.form.categoryId), eq(categories.active, true)));
    if (!category) return { ok: false, errors: { categoryId: 'citizen:send.errors.category' } };
  }

  const cleaned = await cleanPhotos(input.photos);
  if (!cleaned.ok) return { ok: false, errors: { photos: cleaned.error } };

  const now = input.now ?? new Date();
  if (cleaned.photos.length === 0) {
    // No photo rows to add: createSubmission's write is one statement, atomic without a transaction.
    const voice = await createSubmission(db, toNewVoice(input.form, input.language), { trackingToken, idempotencyKey: storedKey, now });
    return voice.replayed ? replayed(db, input, storedKey) : { ok: true, receiptNumber: voice.receiptNumber, trackingToken, replayed: false };
  }
  const created = await withStoredPhotos(storage, 'submissions', cleaned.photos, now, async (stored) => {
    const voice = await createSubmission(db, toNewVoice(input.form, input.language), {
      trackingToken,
      idempotencyKey: storedKey,
      now,
      // In the voice's own transaction: voice and photos commit together.
      afterInsert: async (tx, voice) => {
        await tx.insert(submissionPhotos).values(stored.map((s) => ({ submissionId: voice.id, ...photoColumns(s, now) })));
      },
    });
    return { ...voice, kept: !voice.replayed };
  });
  return created.replayed ? replayed(db, input, storedKey) : { ok: true, receiptNumber: created.receiptNumber, trackingToken, replayed: false };
}
