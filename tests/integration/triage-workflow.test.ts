import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { auditLog, emailOutbox, replies, submissionEvents, submissions } from '../../db/schema/index';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { assignVoice, changeVoiceStatus, classifyVoice, routeVoice } from '../../app/domain/triage.server';
import { approveReply, draftReply, returnReply, submitReplyForApproval, updateReplyDraft } from '../../app/domain/replies.server';
import { publicationPreview, publishVoice } from '../../app/domain/publication.server';
import { similarVoices } from '../../app/domain/inbox.server';
import { TriageError } from '../../app/domain/triage-support.server';
import { seedDemo } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { actorFor, demo, departmentId } from '../support/actors';

async function newVoice(db: Database, title: string, body: string, email?: string) {
  return createSubmission(db, {
    kind: 'complaint', channel: 'web', categoryId: null, title, body, language: 'ja',
    contact: email ? { familyName: '山田', givenName: '花子', email } : null, replyWanted: !!email, consentToPublish: true,
  }, { trackingToken: newSecretToken() });
}

const code = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof TriageError) return error.code;
    throw error;
  }
};

describe('triage and replies', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await createTestDatabase()).db;
    await seedDemo(db);
  });

  it('routes, assigns, drafts, gets 決裁 and sends: the resident sees the reply and gets the mail', async () => {
    const reform = await actorFor(db, demo.reform);
    const staff = await actorFor(db, demo.shiminStaff);
    const manager = await actorFor(db, demo.shiminManager);
    const voice = await newVoice(db, '住民票の郵送請求', '郵送で住民票を請求する方法を教えてください。連絡先 hanako@example.com', 'hanako@example.com');
    let [row] = await db.select().from(submissions).where(eq(submissions.id, voice.id));

    let { version } = await routeVoice(db, reform, { submissionId: voice.id, version: row!.version, departmentId: await departmentId(db, 'shimin') });
    ({ version } = await assignVoice(db, manager, { submissionId: voice.id, version, assigneeId: staff.user.id }));
    [row] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    expect(row!.status).toBe('in_progress');
    expect(row!.assigneeId).toBe(staff.user.id);

    const { replyId } = await draftReply(db, staff, { submissionId: voice.id, kind: 'final', body: '郵送請求の申請書は市のホームページから印刷できます。' });
    let [reply] = await db.select().from(replies).where(eq(replies.id, replyId));
    ({ version } = await submitReplyForApproval(db, staff, { replyId, version: reply!.version }));
    const approvalMails = (await db.select().from(emailOutbox).where(eq(emailOutbox.template, 'approval_requested')))
      .filter((m) => m.payload.receiptNumber === voice.receiptNumber);
    expect(approvalMails.map((m) => m.toAddress)).toEqual([demo.shiminManager]);

    // Returned once with a comment, corrected, approved.
    ({ version } = await returnReply(db, manager, { replyId, version, comment: '手数料の金額も書いてください。' }));
    ({ version } = await updateReplyDraft(db, staff, { replyId, version, body: '郵送請求の申請書は市のホームページから印刷できます。手数料は1通300円です。' }));
    ({ version } = await submitReplyForApproval(db, staff, { replyId, version }));
    await approveReply(db, manager, { replyId, version });

    [reply] = await db.select().from(replies).where(eq(replies.id, replyId));
    expect(reply!.status).toBe('sent');
    expect(reply!.approverId).toBe(manager.user.id);
    [row] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    expect(row!.status).toBe('answered');
    const publicEvents = await db.select().from(submissionEvents).where(and(eq(submissionEvents.submissionId, voice.id), eq(submissionEvents.visibility, 'public')));
    expect(publicEvents.map((e) => e.type)).toContain('reply_sent');
    const residentMail = await db.select().from(emailOutbox).where(and(eq(emailOutbox.template, 'reply'), eq(emailOutbox.submissionId, voice.id)));
    expect(residentMail).toHaveLength(1);
    expect(residentMail[0]!.toAddress).toBe('hanako@example.com');
    const audited = await db.select({ action: auditLog.action }).from(auditLog);
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['voice.route', 'voice.assign', 'reply.draft', 'reply.submit', 'reply.return', 'reply.approve']));
  });

  it('refuses a stale edit with a conflict, overwriting nothing', async () => {
    const reform = await actorFor(db, demo.reform);
    const voice = await newVoice(db, '二人で同時に編集', '同時編集のテスト');
    const [row] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    await routeVoice(db, reform, { submissionId: voice.id, version: row!.version, departmentId: await departmentId(db, 'doro') });
    // A second person still holds the old version.
    expect(await code(routeVoice(db, reform, { submissionId: voice.id, version: row!.version, departmentId: await departmentId(db, 'koen') }))).toBe('stale');
    const [after] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    expect(after!.departmentId).toBe(await departmentId(db, 'doro'));
  });

  it('keeps 課 apart: another 課 cannot draft, approve or assign', async () => {
    const reform = await actorFor(db, demo.reform);
    const voice = await newVoice(db, '市民課の案件', '他課からは触れない');
    const [row] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    await routeVoice(db, reform, { submissionId: voice.id, version: row!.version, departmentId: await departmentId(db, 'shimin') });
    const doroStaff = await actorFor(db, demo.doroStaff);
    const doroManager = await actorFor(db, demo.doroManager);
    expect(await code(draftReply(db, doroStaff, { submissionId: voice.id, kind: 'final', body: 'x' }))).toBe('not_found');
    expect(await code(assignVoice(db, doroManager, { submissionId: voice.id, version: 2, assigneeId: doroStaff.user.id }))).toBe('not_found');
    const { replyId } = await draftReply(db, await actorFor(db, demo.shiminStaff), { submissionId: voice.id, kind: 'final', body: '回答' });
    await submitReplyForApproval(db, await actorFor(db, demo.shiminStaff), { replyId, version: 1 });
    expect(await code(approveReply(db, doroManager, { replyId, version: 2 }))).toBe('not_found');
    expect(await code(approveReply(db, await actorFor(db, demo.shiminStaff), { replyId, version: 2 }))).toBe('forbidden');
  });

  it('requires a reason and a later date for an interim reply, and moves the target date', async () => {
    const reform = await actorFor(db, demo.reform);
    const staff = await actorFor(db, demo.shiminStaff);
    const manager = await actorFor(db, demo.shiminManager);
    const voice = await newVoice(db, '調査に時間がかかる件', '複数の課にまたがる問題です。');
    const [row] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    await routeVoice(db, reform, { submissionId: voice.id, version: row!.version, departmentId: await departmentId(db, 'shimin') });
    expect(await code(draftReply(db, staff, { submissionId: voice.id, kind: 'interim', body: 'お待ちください' }))).toBe('interim_details_required');
    expect(await code(draftReply(db, staff, { submissionId: voice.id, kind: 'interim', body: 'お待ちください', interimReason: '関係課と調整中', newDueDate: row!.dueDate! }))).toBe('interim_date_not_later');
    const { replyId } = await draftReply(db, staff, { submissionId: voice.id, kind: 'interim', body: '関係課と調整しています。', interimReason: '関係課と調整中', newDueDate: '2099-01-15' });
    const { version } = await submitReplyForApproval(db, staff, { replyId, version: 1 });
    await approveReply(db, manager, { replyId, version });
    const [after] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    expect(after!.dueDate).toBe('2099-01-15');
    expect(after!.status).toBe('triaged');
  });

  it('merges a duplicate and tells its resident which voice it joined', async () => {
    const reform = await actorFor(db, demo.reform);
    const original = await newVoice(db, '駅前の放置自転車', '駅前の歩道に放置自転車が多くて通れません。');
    const duplicate = await newVoice(db, '駅前の自転車', '駅前の歩道の放置自転車をなんとかしてください。', 'dup@example.com');
    const suggestions = await similarVoices(db, reform.user, duplicate.id);
    expect(suggestions[0]?.receiptNumber).toBe(original.receiptNumber);
    const [row] = await db.select().from(submissions).where(eq(submissions.id, duplicate.id));
    expect(await code(changeVoiceStatus(db, reform, { submissionId: duplicate.id, version: row!.version, change: { to: 'merged', mergedIntoReceiptNumber: duplicate.receiptNumber } }))).toBe('merge_target_invalid');
    await changeVoiceStatus(db, reform, { submissionId: duplicate.id, version: row!.version, change: { to: 'merged', mergedIntoReceiptNumber: original.receiptNumber } });
    const [merged] = await db.select().from(submissions).where(eq(submissions.id, duplicate.id));
    expect(merged!.status).toBe('merged');
    expect(merged!.mergedIntoId).toBe(original.id);
    const [mail] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.template, 'status_change'), eq(emailOutbox.submissionId, duplicate.id)));
    expect(mail!.payload).toMatchObject({ status: 'merged', mergedInto: original.receiptNumber });
  });

  it('needs a destination to refer outside and a reason for not actionable or hidden', async () => {
    const reform = await actorFor(db, demo.reform);
    const voice = await newVoice(db, '県道の件', '県道の舗装が傷んでいます。');
    const [row] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    expect(await code(changeVoiceStatus(db, reform, { submissionId: voice.id, version: row!.version, change: { to: 'referred', referredTo: ' ' } }))).toBe('destination_required');
    expect(await code(changeVoiceStatus(db, reform, { submissionId: voice.id, version: row!.version, change: { to: 'not_actionable', reason: '' } }))).toBe('reason_required');
    expect(await code(changeVoiceStatus(db, reform, { submissionId: voice.id, version: row!.version, change: { to: 'closed' } }))).toBe('bad_transition');
    await changeVoiceStatus(db, reform, { submissionId: voice.id, version: row!.version, change: { to: 'referred', referredTo: '千葉県 道路環境課' } });
    const [after] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    expect(after!.referredTo).toBe('千葉県 道路環境課');
    const staff = await actorFor(db, demo.shiminStaff);
    expect(await code(changeVoiceStatus(db, staff, { submissionId: voice.id, version: after!.version, change: { to: 'hidden', reason: 'spam' } }))).toBe('forbidden');
  });

  it('classifies only with a real category', async () => {
    const reform = await actorFor(db, demo.reform);
    const voice = await newVoice(db, '分類のテスト', '本文');
    expect(await code(classifyVoice(db, reform, { submissionId: voice.id, version: 1, kind: 'idea', categoryId: 999_999 }))).toBe('category_invalid');
  });

  it('masks the publication preview and publishes the edited text', async () => {
    const reform = await actorFor(db, demo.reform);
    const voice = await newVoice(db, '山田花子からの要望', '山田です。090-1234-5678 か hanako@example.com、〒123-4567 までご連絡ください。', 'hanako@example.com');
    const preview = await publicationPreview(db, reform, voice.id);
    expect(preview.title).toBe('［氏名］からの要望');
    expect(preview.body).toBe('［氏名］です。［電話番号］ か ［メールアドレス］、［郵便番号］ までご連絡ください。');
    await publishVoice(db, reform, { submissionId: voice.id, version: preview.version, title: preview.title, body: `${preview.body}（一部編集）`, reply: null });
    const [after] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    expect(after!.publishedAt).not.toBeNull();
    expect(after!.publishedBody).toContain('（一部編集）');
    expect(after!.publishedBody).not.toContain('090');
  });
});
