import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '#db/client';
import { replies, submissionContacts } from '#db/schema/index';
import { maskPersonalData } from './masking';
import {
  addTimelineEvent, auditWrite, loadVoiceForUpdate, requirePermission, TriageError, updateVoiceVersioned,
} from './triage-support.server';
import type { Actor } from './errors';

// Publishing shows a voice and its reply on the public site with personal data removed. The
// preview masks automatically; staff may edit it before it goes public.

export interface PublicationDraft {
  title: string;
  body: string;
  reply: string | null;
}

export async function publicationPreview(db: Database, actor: Actor, submissionId: number): Promise<PublicationDraft & { version: number }> {
  requirePermission(actor, 'voice:publish');
  return db.transaction(async (tx) => {
    const voice = await loadVoiceForUpdate(tx, actor, submissionId);
    if (!voice.consentToPublish) throw new TriageError('not_consented');
    const [contact] = await tx.select().from(submissionContacts).where(eq(submissionContacts.submissionId, voice.id));
    const [reply] = await tx.select({ body: replies.body }).from(replies)
      .where(and(eq(replies.submissionId, voice.id), eq(replies.kind, 'final'), eq(replies.status, 'sent'))).orderBy(desc(replies.sentAt));
    return {
      version: voice.version,
      title: maskPersonalData(voice.publishedTitle ?? voice.title, contact),
      body: maskPersonalData(voice.publishedBody ?? voice.body, contact),
      reply: reply ? maskPersonalData(voice.publishedReply ?? reply.body, contact) : null,
    };
  });
}

export async function publishVoice(db: Database, actor: Actor, input: PublicationDraft & { submissionId: number; version: number }) {
  requirePermission(actor, 'voice:publish');
  if (!input.title.trim() || !input.body.trim()) throw new TriageError('nothing_to_publish');
  return db.transaction(async (tx) => {
    const voice = await loadVoiceForUpdate(tx, actor, input.submissionId);
    if (!voice.consentToPublish) throw new TriageError('not_consented');
    const version = await updateVoiceVersioned(tx, voice, input.version, {
      publishedAt: voice.publishedAt ?? new Date(), publishedTitle: input.title.trim(), publishedBody: input.body.trim(),
      publishedReply: input.reply?.trim() || null,
    });
    await addTimelineEvent(tx, voice.id, actor, 'published', 'internal', {});
    await auditWrite(tx, actor, 'voice.publish', voice.id);
    return { version };
  });
}

export async function unpublishVoice(db: Database, actor: Actor, input: { submissionId: number; version: number }) {
  requirePermission(actor, 'voice:publish');
  return db.transaction(async (tx) => {
    const voice = await loadVoiceForUpdate(tx, actor, input.submissionId);
    const version = await updateVoiceVersioned(tx, voice, input.version, { publishedAt: null });
    await addTimelineEvent(tx, voice.id, actor, 'unpublished', 'internal', {});
    await auditWrite(tx, actor, 'voice.unpublish', voice.id);
    return { version };
  });
}
