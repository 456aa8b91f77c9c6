import type { Database } from '#db/client';
import type { SubmissionKind } from '#db/schema/enums';
import { createSubmission, type VoiceContact } from './submissions.server';
import { newSecretToken } from './secret-token.server';
import { auditWrite, requirePermission, type Actor } from './triage-support.server';

// Voices received by phone, fax, at a counter, by letter or by email are entered by staff on
// the resident's behalf, through the same function as the web form, with the channel kept.

export interface VoiceOnBehalf {
  channel: 'phone' | 'fax' | 'counter' | 'letter' | 'email';
  kind: SubmissionKind;
  categoryId: number | null;
  title: string;
  body: string;
  language: string;
  placeText?: string | null;
  postcode?: string | null;
  contact: VoiceContact | null;
  replyWanted: boolean;
  consentToPublish: boolean;
}

export async function enterVoiceOnBehalf(db: Database, actor: Actor, voice: VoiceOnBehalf, idempotencyKey?: string) {
  requirePermission(actor, 'voice:enter');
  const trackingToken = newSecretToken();
  const created = await createSubmission(db, { ...voice, enteredById: actor.user.id }, {
    trackingToken, idempotencyKey: idempotencyKey ? `staff:${actor.user.id}:${idempotencyKey}` : undefined,
    afterInsert: (tx, created) => auditWrite(tx, actor, 'voice.enter', created.id, { channel: voice.channel }),
  });
  return { ...created, trackingToken: created.replayed ? null : trackingToken };
}
