import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import {
  departments, emailOutbox, improvementActions, improvementRecordSubmissions, improvementRecords, replies, submissions, users,
} from '../../db/schema/index';
import { createSubmission, type VoiceContact } from '../../app/domain/submissions.server';
import {
  notifyApprovalRequested, notifyApprovalReturned, notifyAssignment, notifyImprovementCompleted, notifyMayorInstruction,
  notifyReplySent, notifyStatusChange, queueDailyDigest,
} from '../../app/email/notifications.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { seedDemo } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';

let db: Database;
let n = 0;
const people: Record<string, number> = {};
let testKa: number;

async function person(key: string, role: 'staff' | 'manager' | 'reform' | 'mayor', over: { language?: string; departmentId?: number | null; disabled?: boolean } = {}) {
  const [row] = await db.insert(users).values({
    email: `${key}@city.example.jp`, displayName: `${key}-name`, role, language: over.language ?? 'ja',
    departmentId: over.departmentId === undefined ? testKa : over.departmentId, disabledAt: over.disabled ? new Date() : null,
  }).returning({ id: users.id });
  people[key] = row!.id;
}

async function voice(contact: VoiceContact | null, over: { language?: string; departmentId?: number } = {}) {
  const created = await createSubmission(db, {
    kind: 'request', channel: 'web', categoryId: null, title: `声${++n}`, body: '本文', language: over.language ?? 'ja',
    contact, replyWanted: true, consentToPublish: false,
  }, { trackingToken: newSecretToken() });
  await db.update(submissions).set({ departmentId: over.departmentId ?? testKa }).where(eq(submissions.id, created.id));
  return created;
}

async function mailsFor(where: { to?: string; template?: string }) {
  const rows = await db.select().from(emailOutbox);
  return rows.filter((r) => (!where.to || r.toAddress === where.to) && (!where.template || r.template === where.template));
}

async function reply(submissionId: number, over: Partial<typeof replies.$inferInsert> = {}) {
  const [row] = await db.insert(replies).values({ submissionId, body: '回答します。', authorId: people.author!, status: 'sent', ...over }).returning();
  return row!;
}

beforeAll(async () => {
  db = (await createTestDatabase()).db;
  await seedDemo(db);
  const [ka] = await db.insert(departments).values({ code: 'test-ka', level: 'ka', nameJa: 'テスト課', nameTranslations: { en: 'Test Division' } }).returning({ id: departments.id });
  testKa = ka!.id;
  await person('manager', 'manager', { language: 'en' });
  await person('author', 'staff');
  await person('colleague', 'staff');
  await person('retired', 'manager', { disabled: true });
  await person('reform', 'reform', { departmentId: null });
  await person('mayor', 'mayor', { departmentId: null });
});

describe('replies to residents', () => {
  it('mail the approved reply to the resident who gave an address, once', async () => {
    const v = await voice({ email: 'r1@example.com' });
    const r = await reply(v.id, { body: '歩道を直しました。' });
    await db.transaction(async (tx) => {
      expect(await notifyReplySent(tx, { replyId: r.id })).toBe(true);
      expect(await notifyReplySent(tx, { replyId: r.id })).toBe(true);
    });
    const mails = await mailsFor({ to: 'r1@example.com', template: 'reply' });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.payload).toMatchObject({ receiptNumber: v.receiptNumber, replyBody: '歩道を直しました。' });
    expect(mails[0]!.submissionId).toBe(v.id);
  });

  it('send an interim reply with its reason and new date, even to a resident who stopped notices', async () => {
    const v = await voice({ email: 'r2@example.com' });
    await db.update(submissions).set({ nonEssentialMailOptOut: true }).where(eq(submissions.id, v.id));
    const r = await reply(v.id, { kind: 'interim', interimReason: '業者と調整中', newDueDate: '2026-12-18' });
    await db.transaction((tx) => notifyReplySent(tx, { replyId: r.id }));
    const [mail] = await mailsFor({ to: 'r2@example.com', template: 'interim_reply' });
    expect(mail!.payload).toMatchObject({ reason: '業者と調整中', newDueDate: '2026-12-18' });
  });

  it('queue nothing for an anonymous voice', async () => {
    const v = await voice(null);
    const r = await reply(v.id);
    expect(await db.transaction((tx) => notifyReplySent(tx, { replyId: r.id }))).toBe(false);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.submissionId, v.id))).toHaveLength(0);
  });
});

describe('status changes', () => {
  it('tell the resident which voice theirs was merged into', async () => {
    const target = await voice(null);
    const v = await voice({ email: 'r3@example.com' }, { language: 'en' });
    await db.update(submissions).set({ status: 'merged', mergedIntoId: target.id }).where(eq(submissions.id, v.id));
    await db.transaction((tx) => notifyStatusChange(tx, { submissionId: v.id }));
    const [mail] = await mailsFor({ to: 'r3@example.com', template: 'status_change' });
    expect(mail!.language).toBe('en');
    expect(mail!.payload).toMatchObject({ status: 'merged', mergedInto: target.receiptNumber });
  });

  it('are not mailed to a resident who stopped notices, nor for ordinary progress', async () => {
    const stopped = await voice({ email: 'r4@example.com' });
    await db.update(submissions).set({ status: 'closed', nonEssentialMailOptOut: true }).where(eq(submissions.id, stopped.id));
    const busy = await voice({ email: 'r5@example.com' });
    await db.update(submissions).set({ status: 'in_progress' }).where(eq(submissions.id, busy.id));
    await db.transaction(async (tx) => {
      expect(await notifyStatusChange(tx, { submissionId: stopped.id })).toBe(false);
      expect(await notifyStatusChange(tx, { submissionId: busy.id })).toBe(false);
    });
    expect(await mailsFor({ to: 'r4@example.com', template: 'status_change' })).toHaveLength(0);
    expect(await mailsFor({ to: 'r5@example.com', template: 'status_change' })).toHaveLength(0);
  });

  it('queue nothing when the change rolls back', async () => {
    const v = await voice({ email: 'r6@example.com' });
    await expect(db.transaction(async (tx) => {
      await tx.update(submissions).set({ status: 'referred', referredTo: '県警察' }).where(eq(submissions.id, v.id));
      expect(await notifyStatusChange(tx, { submissionId: v.id })).toBe(true);
      throw new Error('saving the referral failed');
    })).rejects.toThrow('referral failed');
    expect(await mailsFor({ to: 'r6@example.com', template: 'status_change' })).toHaveLength(0);
    const [row] = await db.select({ status: submissions.status }).from(submissions).where(eq(submissions.id, v.id));
    expect(row!.status).toBe('received');
  });
});

describe('"you said, we did"', () => {
  it('tells each resident once, in their language, listing all their linked voices', async () => {
    const a1 = await voice({ email: 'Same@Example.com' });
    const a2 = await voice({ email: 'same@example.com' });
    const b = await voice({ email: 'english@example.com' }, { language: 'en' });
    const stopped = await voice({ email: 'stopped-improvement@example.com' });
    await db.update(submissions).set({ nonEssentialMailOptOut: true }).where(eq(submissions.id, stopped.id));
    const anonymous = await voice(null);
    const [record] = await db.insert(improvementRecords).values({
      number: 'IR-TEST-001', title: '窓口の待ち時間表示', type: 'improvement', findingClass: 'opportunity', level: 'operations', source: 'voice',
      ownerDepartmentId: testKa, problemStatement: '待ち時間がわからない', stage: 'closed',
      publicSummaryJa: '待ち時間を表示しました。', publicSummaryTranslations: { en: 'Waiting times are now shown.' },
    }).returning();
    await db.insert(improvementRecordSubmissions).values([a1, a2, b, stopped, anonymous].map((v) => ({ recordId: record!.id, submissionId: v.id })));
    expect(await db.transaction((tx) => notifyImprovementCompleted(tx, { recordId: record!.id }))).toBe(2);
    const mails = await mailsFor({ template: 'improvement_completed' });
    expect(mails).toHaveLength(2);
    const same = mails.find((m) => m.toAddress.toLowerCase() === 'same@example.com')!;
    expect(same.payload).toMatchObject({ summary: '待ち時間を表示しました。', receiptNumbers: [a1.receiptNumber, a2.receiptNumber] });
    const english = mails.find((m) => m.toAddress === 'english@example.com')!;
    expect(english.language).toBe('en');
    expect(english.payload).toMatchObject({ summary: 'Waiting times are now shown.', receiptNumbers: [b.receiptNumber] });
  });
});

describe('staff', () => {
  it('an assignee is told in their language; without one, the 課長; never the person who assigned', async () => {
    const v = await voice(null);
    await db.update(submissions).set({ assigneeId: people.colleague!, dueDate: '2026-12-02' }).where(eq(submissions.id, v.id));
    await db.transaction((tx) => notifyAssignment(tx, { submissionId: v.id, assignedById: people.manager! }));
    const [toColleague] = await mailsFor({ to: 'colleague@city.example.jp', template: 'assignment' });
    expect(toColleague!.payload).toMatchObject({ departmentName: 'テスト課', assignedByName: 'manager-name', dueDate: '2026-12-02', itemPath: `/staff/voices/${v.receiptNumber}` });

    const routed = await voice(null);
    await db.transaction((tx) => notifyAssignment(tx, { submissionId: routed.id, assignedById: people.reform! }));
    const routedMails = (await mailsFor({ template: 'assignment' })).filter((m) => m.payload.receiptNumber === routed.receiptNumber);
    // The retired 課長 is disabled; the English-speaking 課長 reads it in English.
    expect(routedMails.map((m) => [m.toAddress, m.language])).toEqual([['manager@city.example.jp', 'en']]);
    expect(routedMails[0]!.payload.departmentName).toBe('Test Division');

    const self = await voice(null);
    await db.update(submissions).set({ assigneeId: people.author! }).where(eq(submissions.id, self.id));
    expect(await db.transaction((tx) => notifyAssignment(tx, { submissionId: self.id, assignedById: people.author! }))).toBe(0);
  });

  it('a draft awaiting 決裁 goes to the 課長; a returned one back to its author with the comment', async () => {
    const v = await voice(null);
    const draft = await reply(v.id, { status: 'awaiting_approval' });
    expect(await db.transaction((tx) => notifyApprovalRequested(tx, { replyId: draft.id }))).toBe(1);
    const [request] = (await mailsFor({ template: 'approval_requested' })).filter((m) => m.payload.receiptNumber === v.receiptNumber);
    expect(request!.toAddress).toBe('manager@city.example.jp');
    expect(request!.payload).toMatchObject({ authorName: 'author-name', replyKind: 'final' });

    await db.update(replies).set({ status: 'returned', approverId: people.manager!, approvalComment: '日付を入れてください', version: 2 }).where(eq(replies.id, draft.id));
    expect(await db.transaction((tx) => notifyApprovalReturned(tx, { replyId: draft.id }))).toBe(true);
    const [returned] = (await mailsFor({ template: 'approval_returned' })).filter((m) => m.payload.receiptNumber === v.receiptNumber);
    expect(returned!.toAddress).toBe('author@city.example.jp');
    expect(returned!.payload).toMatchObject({ approverName: 'manager-name', comment: '日付を入れてください' });
  });

  it("a mayor's instruction reaches the 課長, the handler and the reform team, not the mayor", async () => {
    const v = await voice(null);
    await db.update(submissions).set({ assigneeId: people.author! }).where(eq(submissions.id, v.id));
    const count = await db.transaction((tx) => notifyMayorInstruction(tx, {
      on: { submissionId: v.id }, instruction: '全域で点検すること', mayorUserId: people.mayor!, instructionId: 'event-1',
    }));
    const mails = (await mailsFor({ template: 'mayor_instruction' })).filter((m) => m.payload.reference === v.receiptNumber);
    const recipients = mails.map((m) => m.toAddress);
    expect(recipients).toEqual(expect.arrayContaining(['manager@city.example.jp', 'author@city.example.jp', 'reform@city.example.jp', 'kocho@sakuradai.example.jp']));
    expect(recipients).not.toContain('mayor@city.example.jp');
    expect(recipients).not.toContain('retired@city.example.jp');
    expect(count).toBe(mails.length);
    expect(mails[0]!.payload).toMatchObject({ instruction: '全域で点検すること', mayorName: 'mayor-name' });
  });
});

describe('the daily digest', () => {
  const digestsFor = async (to: string, date: string) =>
    (await mailsFor({ to, template: 'daily_digest' })).filter((m) => m.payload.date === date);

  it('lists due and overdue items per person, once a day, on business days only', async () => {
    // A 課 of its own, so that other tests' voices stay out of these digests.
    const [ka] = await db.insert(departments).values({ code: 'digest-ka', level: 'ka', nameJa: '期限課', nameTranslations: { en: 'Deadline Division' } }).returning({ id: departments.id });
    await person('d-manager', 'manager', { language: 'en', departmentId: ka!.id });
    await person('d-author', 'staff', { departmentId: ka!.id });
    await person('d-colleague', 'staff', { departmentId: ka!.id });
    // Tuesday 2026-12-08, 08:00 in Japan.
    const now = new Date('2026-12-07T23:00:00Z');
    const inKa = { departmentId: ka!.id };
    const overdue = await voice(null, inKa);
    const dueSoon = await voice(null, inKa);
    const later = await voice(null, inKa);
    const answered = await voice(null, inKa);
    await db.update(submissions).set({ dueDate: '2026-12-01', assigneeId: people['d-author']! }).where(eq(submissions.id, overdue.id));
    await db.update(submissions).set({ dueDate: '2026-12-10' }).where(eq(submissions.id, dueSoon.id));
    await db.update(submissions).set({ dueDate: '2026-12-25' }).where(eq(submissions.id, later.id));
    await db.update(submissions).set({ dueDate: '2026-12-01', status: 'answered' }).where(eq(submissions.id, answered.id));
    const [record] = await db.select({ id: improvementRecords.id }).from(improvementRecords).where(eq(improvementRecords.number, 'IR-TEST-001'));
    await db.update(improvementRecords).set({ stage: 'do' }).where(eq(improvementRecords.id, record!.id));
    await db.insert(improvementActions).values({ recordId: record!.id, description: '表示板を設置する', ownerUserId: people['d-colleague']!, dueDate: '2026-12-09' });

    const first = await queueDailyDigest(db, now);
    expect(first).toBeGreaterThanOrEqual(3);

    // The author: the overdue voice assigned to them, and the 課's unassigned one due soon.
    const [author] = await digestsFor('d-author@city.example.jp', '2026-12-08');
    expect((author!.payload.items as { reference: string; overdue: boolean }[]).map((i) => [i.reference, i.overdue]))
      .toEqual([[overdue.receiptNumber, true], [dueSoon.receiptNumber, false]]);
    const [colleague] = await digestsFor('d-colleague@city.example.jp', '2026-12-08');
    const colleagueRefs = (colleague!.payload.items as { reference: string; kind: string }[]).map((i) => `${i.kind}:${i.reference}`);
    expect(colleagueRefs).toContain('action:IR-TEST-001');
    expect(colleagueRefs).toContain(`voice:${dueSoon.receiptNumber}`);
    expect(colleagueRefs).not.toContain(`voice:${overdue.receiptNumber}`); // assigned to someone else
    expect(colleagueRefs).not.toContain(`voice:${later.receiptNumber}`);
    expect(colleagueRefs).not.toContain(`voice:${answered.receiptNumber}`);
    const [manager] = await digestsFor('d-manager@city.example.jp', '2026-12-08');
    expect(manager!.language).toBe('en');
    expect((manager!.payload.items as { reference: string }[]).map((i) => i.reference)).toEqual([overdue.receiptNumber, dueSoon.receiptNumber]);
    const [reform] = await digestsFor('reform@city.example.jp', '2026-12-08');
    expect((reform!.payload.items as { overdue: boolean }[]).every((i) => i.overdue)).toBe(true);

    // A second worker, or a restart, the same day: nothing more.
    expect(await queueDailyDigest(db, new Date('2026-12-08T02:00:00Z'))).toBe(0);
    expect(await digestsFor('d-author@city.example.jp', '2026-12-08')).toHaveLength(1);
    // Saturday: no digest.
    expect(await queueDailyDigest(db, new Date('2026-12-11T23:00:00Z'))).toBe(0);
  });

  it('is queued once even when two workers build it at the same moment', async () => {
    const now = new Date('2026-12-08T23:00:00Z'); // Wednesday 12-09 in Japan
    const counts = await Promise.all([queueDailyDigest(db, now), queueDailyDigest(db, now)]);
    const rows = await db.select({ to: emailOutbox.toAddress }).from(emailOutbox)
      .where(and(eq(emailOutbox.template, 'daily_digest'), sql`${emailOutbox.payload}->>'date' = '2026-12-09'`));
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.to)).size).toBe(rows.length);
    expect(counts[0]! + counts[1]!).toBe(rows.length);
  });
});
