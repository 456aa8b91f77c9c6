import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import {
  categories, counterSurveys, departments, emailOutbox, improvementRecords, replyRatings, serviceCounters,
  submissions, users,
} from '../../db/schema/index';
import { emailTemplates } from '../../emails/index';
import type { StaffUser } from '../../app/auth/session.server';
import type { ImprovementActor } from '../../app/domain/improvements/access';
import {
  addAction, advanceStage, archiveImprovementRecord, closeImprovementRecord, completeAction, getImprovementRecord,
  listImprovementRecords, listPublicImprovements, openImprovementRecord, recordActOutcome,
  recordEffectivenessReview, satisfactionBeforeAfter, updatePlan,
} from '../../app/domain/improvements/records.server';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { queueDailyDigest } from '../../app/email/notifications.server';
import { seedDemo } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';

let db: Database;
const dept: Record<string, number> = {};
const staff: Record<string, StaffUser> = {};
const as = (key: string): ImprovementActor => ({ user: staff[key]!, audit: { userId: staff[key]!.id, ip: null, userAgent: null, requestId: null } });
const DAY = 24 * 60 * 60 * 1000;

async function voiceId(title: string): Promise<number> {
  const [row] = await db.select({ id: submissions.id }).from(submissions).where(eq(submissions.title, title));
  return row!.id;
}

type Open = Partial<Parameters<typeof openImprovementRecord>[2]>;

async function open(over: Open & { submissionIds?: number[] } = {}) {
  return openImprovementRecord(db, as('reform'), {
    title: '一覧テスト', type: 'corrective', findingClass: 'nonconformity', level: 'operations', ownerDepartmentId: dept.shimin!,
    problemStatement: '…', source: 'voice', submissionIds: over.submissionIds ?? [await voiceId('中央公園の遊具が壊れたままです')],
    ...over,
  } as Parameters<typeof openImprovementRecord>[2]);
}

/** Through every stage to closed, with a public summary in both languages. */
async function closeRecord(id: number, version: number) {
  let v = (await updatePlan(db, as('reform'), { recordId: id, version, causeAnalysis: '原因' })).version;
  const action = await addAction(db, as('reform'), { recordId: id, version: v, description: '処置', ownerDepartmentId: dept.shimin!, dueDate: '2026-12-01' });
  v = (await advanceStage(db, as('reform'), { recordId: id, version: action.version, to: 'do' })).version;
  v = (await completeAction(db, as('reform'), { actionId: action.actionId, evidence: '証拠' })).version;
  v = (await advanceStage(db, as('reform'), { recordId: id, version: v, to: 'check' })).version;
  v = (await recordEffectivenessReview(db, as('reform'), { recordId: id, version: v, result: 'effective', evidence: '効果' })).version;
  v = (await advanceStage(db, as('reform'), { recordId: id, version: v, to: 'act' })).version;
  v = (await recordActOutcome(db, as('reform'), { recordId: id, version: v, standardisation: '手順書', publicSummaryJa: '直しました。', publicSummaryTranslations: { en: 'We fixed it.' } })).version;
  return closeImprovementRecord(db, as('reform'), { recordId: id, version: v });
}

beforeAll(async () => {
  db = (await createTestDatabase()).db;
  await seedDemo(db);
  for (const d of await db.select({ id: departments.id, code: departments.code }).from(departments)) dept[d.code] = d.id;
  const keys: Record<string, string> = { reform: 'kocho@', staff: 'shimin-staff@', doroStaff: 'doro-staff@', doroManager: 'doro-kacho@', auditor: 'audit@' };
  for (const [key, prefix] of Object.entries(keys)) {
    const [u] = await db.select().from(users).where(eq(users.email, `${prefix}sakuradai.example.jp`));
    staff[key] = { id: u!.id, email: u!.email, displayName: u!.displayName, role: u!.role, departmentId: u!.departmentId, language: u!.language };
  }
});

describe('the board and list', () => {
  it('filter by stage, 課, level, finding class, source and overdue, and page', async () => {
    const today = '2026-11-25';
    const late = await open({ title: '期限切れ', dueDate: '2026-11-24' });
    const lateAction = await open({ title: '処置が期限切れ', ownerDepartmentId: dept.doro!, level: 'people', findingClass: 'opportunity', dueDate: '2027-03-31' });
    await addAction(db, as('reform'), { recordId: lateAction.id, description: '遅れている処置', ownerDepartmentId: dept.doro!, dueDate: '2026-11-01' });
    const calm = await open({ title: '順調', ownerDepartmentId: dept.doro!, level: 'workplace', source: 'voice' });
    const archived = await open({ title: 'アーカイブ', dueDate: '2026-01-01' });
    await archiveImprovementRecord(db, as('reform'), { recordId: archived.id, version: archived.version, reason: '重複' });
    const ids = (r: { items: { id: number }[] }) => r.items.map((i) => i.id).sort((a, b) => a - b);

    const overdue = await listImprovementRecords(db, staff.auditor!, { overdue: true, today });
    expect(ids(overdue)).toEqual([late.id, lateAction.id].sort((a, b) => a - b));
    expect(overdue.items.every((i) => i.overdue)).toBe(true);
    expect(ids(await listImprovementRecords(db, staff.staff!, { ownerDepartmentId: dept.doro!, today }))).toEqual([lateAction.id, calm.id].sort((a, b) => a - b));
    expect(ids(await listImprovementRecords(db, staff.staff!, { level: 'people', today }))).toEqual([lateAction.id]);
    expect(ids(await listImprovementRecords(db, staff.staff!, { findingClass: 'opportunity', today }))).toEqual([lateAction.id]);
    expect(ids(await listImprovementRecords(db, staff.staff!, { source: 'counter_survey' }))).toEqual([]);
    const notOverdue = await listImprovementRecords(db, staff.staff!, { overdue: false, stage: 'plan', today });
    expect(ids(notOverdue)).toEqual([calm.id]);

    const board = await listImprovementRecords(db, staff.staff!, { stage: ['plan'], pageSize: 2, today });
    expect(board.total).toBe(3);
    expect(board.items).toHaveLength(2);
    expect(board.stageCounts).toMatchObject({ plan: 3, closed: 1 }); // the seeded IR-2026-001 is closed
    expect((await listImprovementRecords(db, staff.staff!, { stage: ['plan'], pageSize: 2, page: 2, today })).items).toHaveLength(1);
    const row = (await listImprovementRecords(db, staff.staff!, { ownerDepartmentId: dept.doro!, overdue: true, today })).items[0]!;
    expect(row).toMatchObject({ title: '処置が期限切れ', ownerDepartmentJa: '道路管理課', openActions: 1, linkedVoices: 1, stage: 'plan' });
  });

  it('show a record\'s page by number, with voices the reader may not read reduced to their receipt number', async () => {
    const mine = await createSubmission(db, {
      kind: 'complaint', channel: 'web', categoryId: null, title: '市民課の個人的な事情を含む件名', body: '…', language: 'ja',
      contact: null, replyWanted: false, consentToPublish: false,
    }, { trackingToken: newSecretToken() });
    await db.update(submissions).set({ departmentId: dept.shimin! }).where(eq(submissions.id, mine.id));
    const opened = await open({ submissionIds: [mine.id] });
    const asReform = await getImprovementRecord(db, staff.reform!, opened.number);
    expect(asReform!.voices[0]).toMatchObject({ receiptNumber: mine.receiptNumber, readable: true, title: '市民課の個人的な事情を含む件名' });
    const asDoro = await getImprovementRecord(db, staff.doroStaff!, opened.number);
    expect(asDoro!.voices[0]).toMatchObject({ receiptNumber: mine.receiptNumber, readable: false, title: null });
    expect(asDoro!.history.map((e) => e.type)).toEqual(['opened']);
    expect(asDoro!.readiness).toEqual([{ to: 'do', violations: ['cause_analysis_missing', 'plan_actions_missing'] }]);
    expect(await getImprovementRecord(db, staff.reform!, 'IR-1999-001')).toBeNull();
  });
});

describe('the public improvements page', () => {
  it('lists closed records with only the published titles of their voices, in the reader\'s language', async () => {
    const published = await voiceId('通学路のカーブミラーが曇って見えません');
    const unpublished = await voiceId('学校からのお知らせが紙ばかり');
    // Published once, hidden since (e.g. found to be abuse): it leaves the public page too.
    const hiddenLater = await voiceId('花壇がとてもきれいです');
    const opened = await open({ title: '公開テスト', submissionIds: [published, unpublished, hiddenLater] });
    await db.update(submissions).set({ status: 'hidden' }).where(eq(submissions.id, hiddenLater));
    await closeRecord(opened.id, opened.version);
    const stillOpen = await open({ title: '未完了' });
    const gone = await open({ title: '完了後にアーカイブ' });
    const goneClosed = await closeRecord(gone.id, gone.version);
    await archiveImprovementRecord(db, as('reform'), { recordId: gone.id, version: goneClosed.version, reason: '誤って作成' });

    const ja = await listPublicImprovements(db, 'ja');
    const numbers = ja.items.map((i) => i.number);
    expect(numbers).toContain(opened.number);
    expect(numbers).toContain('IR-2026-001');
    expect(numbers).not.toContain(stillOpen.number);
    expect(numbers).not.toContain(gone.number);
    const item = ja.items.find((i) => i.number === opened.number)!;
    expect(item.summary).toBe('直しました。');
    expect(item.voices).toEqual([{ receiptNumber: expect.any(String), title: '通学路のカーブミラーが曇って見えません' }]);
    expect(JSON.stringify(ja)).not.toContain('学校からのお知らせ');
    expect(JSON.stringify(ja)).not.toContain('田中');
    expect(JSON.stringify(ja)).not.toContain('花壇');
    expect((await listPublicImprovements(db, 'en')).items.find((i) => i.number === opened.number)).toMatchObject({ summary: 'We fixed it.', department: 'Citizen Services Division' });
  });
});

describe('satisfaction before and after', () => {
  it('averages reply ratings of the linked categories and surveys of the 窓口 in 90 days before opening and after closing', async () => {
    const [koseki] = await db.select({ id: categories.id }).from(categories).where(eq(categories.code, 'koseki'));
    const [counter] = await db.select({ id: serviceCounters.id }).from(serviceCounters).where(eq(serviceCounters.slug, 'shimin-madoguchi'));
    const voice = await createSubmission(db, {
      kind: 'complaint', channel: 'counter', categoryId: koseki!.id, counterId: counter!.id, title: '住民票の待ち時間', body: '…', language: 'ja',
      contact: null, replyWanted: false, consentToPublish: false,
    }, { trackingToken: newSecretToken() });
    const opened = await open({ submissionIds: [voice.id] });
    const now = new Date();
    const createdAt = new Date(now.getTime() - 120 * DAY);
    const notYet = await satisfactionBeforeAfter(db, staff.staff!, opened.id);
    expect(notYet.after).toBeNull();

    await closeRecord(opened.id, opened.version);
    const closedAt = new Date(now.getTime() - 20 * DAY);
    await db.update(improvementRecords).set({ createdAt, closedAt }).where(eq(improvementRecords.id, opened.id));
    const at = (base: Date, days: number) => new Date(base.getTime() + days * DAY);
    await db.insert(replyRatings).values([
      { submissionId: voice.id, resolved: 'no', satisfaction: 2, createdAt: at(createdAt, -30) },
      { submissionId: voice.id, resolved: 'partly', satisfaction: 3, createdAt: at(createdAt, -1) },
      { submissionId: voice.id, resolved: 'yes', satisfaction: 5, createdAt: at(createdAt, -200) }, // outside the window
      { submissionId: voice.id, resolved: 'yes', satisfaction: 1, createdAt: at(createdAt, 10) }, // while the record was open
      { submissionId: voice.id, resolved: 'yes', satisfaction: 4, createdAt: at(closedAt, 2) },
      { submissionId: voice.id, resolved: 'yes', satisfaction: 5, createdAt: at(closedAt, 15) },
    ]);
    await db.insert(counterSurveys).values([
      { counterId: counter!.id, speed: 2, courtesy: 3, clarity: 3, overall: 2, createdAt: at(createdAt, -10) },
      { counterId: counter!.id, speed: 4, courtesy: 4, clarity: 4, overall: 4, createdAt: at(closedAt, 1) },
      { counterId: counter!.id, speed: 5, courtesy: 5, clarity: 4, overall: 5, createdAt: at(closedAt, 3) },
    ]);

    const result = await satisfactionBeforeAfter(db, staff.staff!, opened.id, { now });
    expect(result.windowDays).toBe(90);
    expect(result.before).toEqual({ from: at(createdAt, -90).toISOString(), to: createdAt.toISOString() });
    expect(result.after).toEqual({ from: closedAt.toISOString(), to: at(closedAt, 90).toISOString(), complete: false });
    expect(result.categories).toEqual([{ id: koseki!.id, nameJa: '戸籍・住民票・マイナンバー', nameTranslations: expect.objectContaining({ en: expect.any(String) }), before: { average: 2.5, count: 2 }, after: { average: 4.5, count: 2 } }]);
    expect(result.counters).toEqual([{ id: counter!.id, nameJa: '市民課窓口', nameTranslations: expect.objectContaining({ en: expect.any(String) }), before: { average: 2, count: 1 }, after: { average: 4.5, count: 2 } }]);
  });
});

describe('action reminders (in the morning digest)', () => {
  it('mail each owner once a day about actions due within two business days or overdue', async () => {
    const opened = await open({ title: 'リマインダー' });
    const overdue = await addAction(db, as('reform'), { recordId: opened.id, description: '期限切れの処置', ownerDepartmentId: dept.shimin!, ownerUserId: staff.staff!.id, dueDate: '2026-11-20' });
    await addAction(db, as('reform'), { recordId: opened.id, description: '道路管理課への処置', ownerDepartmentId: dept.doro!, dueDate: '2026-11-27' });
    await addAction(db, as('reform'), { recordId: opened.id, description: 'まだ先の処置', ownerUserId: staff.doroStaff!.id, dueDate: '2026-12-20' });
    const done = await addAction(db, as('reform'), { recordId: opened.id, description: '済んだ処置', ownerUserId: staff.doroStaff!.id, dueDate: '2026-11-19' });
    await completeAction(db, as('reform'), { actionId: done.actionId, evidence: '済' });
    // Wednesday 25 November 2026, 09:00 in Japan; two business days ahead is Friday the 27th.
    const wednesday = new Date('2026-11-25T00:00:00Z');
    await queueDailyDigest(db, wednesday);

    const reminders = await db.select().from(emailOutbox).where(eq(emailOutbox.template, 'daily_digest'));
    const to = (address: string) => reminders.filter((m) => m.toAddress === address);
    const mine = (m: (typeof reminders)[number]) => (m.payload as { items: { reference: string; title: string; overdue: boolean }[] }).items.filter((i) => i.reference === opened.number);
    expect(to(staff.staff!.email)).toHaveLength(1);
    expect(mine(to(staff.staff!.email)[0]!)).toEqual([expect.objectContaining({ title: '期限切れの処置', overdue: true })]);
    // An action of a 課 without a named person goes to the 課長.
    expect(mine(to(staff.doroManager!.email)[0]!)).toEqual([expect.objectContaining({ title: '道路管理課への処置', overdue: false })]);
    // Not yet due (and done ones) are not mentioned.
    expect(to(staff.doroStaff!.email).flatMap(mine)).toEqual([]);
    for (const mail of reminders) expect(() => emailTemplates.daily_digest.schema.parse(mail.payload)).not.toThrow();

    expect(await queueDailyDigest(db, new Date('2026-11-25T05:00:00Z'))).toBe(0);
    expect(await queueDailyDigest(db, new Date('2026-11-28T00:00:00Z'))).toBe(0); // Saturday
    await completeAction(db, as('staff'), { actionId: overdue.actionId, evidence: '対応済み' });
    await queueDailyDigest(db, new Date('2026-11-26T00:00:00Z'));
    const after = await db.select().from(emailOutbox).where(eq(emailOutbox.template, 'daily_digest'));
    expect(after.filter((m) => m.toAddress === staff.staff!.email)).toHaveLength(1); // nothing left for them on Thursday
    expect(after.filter((m) => m.toAddress === staff.doroManager!.email)).toHaveLength(2); // a new day, a new reminder
  });
});
