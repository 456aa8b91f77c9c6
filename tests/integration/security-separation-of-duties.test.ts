import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { auditLog, citySettings, replies, submissions } from '../../db/schema/index';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { routeVoice } from '../../app/domain/triage.server';
import { approveReply, draftReply, submitReplyForApproval, updateReplyDraft } from '../../app/domain/replies.server';
import { TriageError } from '../../app/domain/triage-support.server';
import { seedDemo } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { actorFor, demo, departmentId } from '../support/actors';

// Issue #13, point 8: separation of duties. A 課長 does not approve (決裁) a reply he wrote,
// unless the city's settings allow it, and then the audit log says so.

const code = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof TriageError) return error.code;
    throw error;
  }
};

describe('the approver is not the author', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await createTestDatabase()).db;
    await seedDemo(db);
  });

  async function routedVoice(title: string) {
    const voice = await createSubmission(db, {
      kind: 'request', channel: 'web', categoryId: null, title, body: `${title}について教えてください。`, language: 'ja',
      contact: null, replyWanted: false, consentToPublish: false,
    }, { trackingToken: newSecretToken() });
    const [row] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    await routeVoice(db, await actorFor(db, demo.reform), { submissionId: voice.id, version: row!.version, departmentId: await departmentId(db, 'shimin') });
    return voice.id;
  }

  it('refuses a 課長 approving his own draft, or a draft he rewrote; another author\'s draft is approved', async () => {
    const manager = await actorFor(db, demo.shiminManager);
    const staff = await actorFor(db, demo.shiminStaff);

    const own = await draftReply(db, manager, { submissionId: await routedVoice('自分で書いた回答'), kind: 'final', body: '課長が書いた回答です。' });
    const ownSubmitted = await submitReplyForApproval(db, manager, { replyId: own.replyId, version: 1 });
    expect(await code(approveReply(db, manager, { replyId: own.replyId, version: ownSubmitted.version }))).toBe('self_approval');
    const [still] = await db.select().from(replies).where(eq(replies.id, own.replyId));
    expect(still!.status).toBe('awaiting_approval');

    const rewritten = await draftReply(db, staff, { submissionId: await routedVoice('課長が書き直した回答'), kind: 'final', body: '担当者の下書き。' });
    const edited = await updateReplyDraft(db, manager, { replyId: rewritten.replyId, version: 1, body: '課長が書き直した本文。' });
    const rewrittenSubmitted = await submitReplyForApproval(db, staff, { replyId: rewritten.replyId, version: edited.version });
    expect(await code(approveReply(db, manager, { replyId: rewritten.replyId, version: rewrittenSubmitted.version }))).toBe('self_approval');

    const others = await draftReply(db, staff, { submissionId: await routedVoice('担当者の回答'), kind: 'final', body: '担当者が書いた回答です。' });
    const othersSubmitted = await submitReplyForApproval(db, staff, { replyId: others.replyId, version: 1 });
    expect(await code(approveReply(db, manager, { replyId: others.replyId, version: othersSubmitted.version }))).toBe('ok');
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'reply.approve'), eq(auditLog.entityId, String(others.replyId))));
    expect(entry!.details).not.toHaveProperty('selfApproval');
  });

  it('lets the 課長 approve his own reply when the city allows it, and records that in the audit log', async () => {
    await db.update(citySettings).set({ allowSelfApproval: true }).where(eq(citySettings.id, 1));
    const manager = await actorFor(db, demo.shiminManager);
    const own = await draftReply(db, manager, { submissionId: await routedVoice('小さな課の回答'), kind: 'final', body: '一人の課なので課長が書いて決裁します。' });
    const submitted = await submitReplyForApproval(db, manager, { replyId: own.replyId, version: 1 });
    expect(await code(approveReply(db, manager, { replyId: own.replyId, version: submitted.version }))).toBe('ok');
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'reply.approve'), eq(auditLog.entityId, String(own.replyId))));
    expect(entry!.details).toMatchObject({ selfApproval: true });
    expect(entry!.userId).toBe(manager.user.id);
    await db.update(citySettings).set({ allowSelfApproval: false }).where(eq(citySettings.id, 1));
  });
});
