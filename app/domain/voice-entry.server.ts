import type { Database } from '#db/client';
import { submissionPhotos } from '#db/schema/index';
import type { PhotoStorage } from '~/storage/photo-storage.server';
import { photoColumns, withStoredPhotos, type StoredPhoto } from './photo-intake.server';
import type { CleanPhoto } from './photos.server';
import { createSubmission, type NewVoice } from './submissions.server';
import { newSecretToken } from './secret-token.server';
import { auditWrite, requirePermission } from './triage-support.server';
import type { Actor } from './errors';

// Voices received by phone, fax, at a counter, by letter or by email are entered by staff on
// the resident's behalf, through the same function as the web form, with the channel kept.
// Photos the resident handed over (a letter's enclosure, a phone camera at the counter) take
// the resident's path: same cleaning, same store, rows in the voice's transaction.

/** What staff enter: a voice as any channel delivers it, from the channels staff take down. */
export type VoiceOnBehalf = Pick<NewVoice, 'kind' | 'categoryId' | 'title' | 'body' | 'language' | 'placeText' | 'postcode' | 'contact' | 'replyWanted' | 'consentToPublish'>
  & { channel: 'phone' | 'fax' | 'counter' | 'letter' | 'email' };

export interface EnteredPhotos {
  storage: PhotoStorage;
  /** Already cleaned (cleanPhotos in photo-intake.server.ts), after the form's schema checked count, type and size. */
  photos: CleanPhoto[];
}

export async function enterVoiceOnBehalf(
  db: Database, actor: Actor, voice: VoiceOnBehalf, idempotencyKey?: string, photos?: EnteredPhotos,
) {
  requirePermission(actor, 'voice:enter');
  const trackingToken = newSecretToken();
  const now = new Date();
  const enter = (stored: StoredPhoto[]) => createSubmission(db, { ...voice, enteredById: actor.user.id }, {
    trackingToken, idempotencyKey: idempotencyKey ? `staff:${actor.user.id}:${idempotencyKey}` : undefined, now,
    afterInsert: async (tx, created) => {
      if (stored.length > 0) await tx.insert(submissionPhotos).values(stored.map((s) => ({ submissionId: created.id, ...photoColumns(s, now) })));
      await auditWrite(tx, actor, 'voice.enter', created.id, { channel: voice.channel, photos: stored.length });
    },
  });
  const created = photos && photos.photos.length > 0
    ? await withStoredPhotos(photos.storage, 'submissions', photos.photos, now, async (stored) => {
        const entered = await enter(stored);
        return { ...entered, kept: !entered.replayed };
      })
    : await enter([]);
  return { id: created.id, receiptNumber: created.receiptNumber, replayed: created.replayed, trackingToken: created.replayed ? null : trackingToken };
}
