import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import {
  auditLog, counterSurveys, departments, emailOutbox, improvementRecordEvents, improvementRecordSubmissions, improvementRecords,
  managementReviewDecisions, managementReviews, serviceCounters, submissionEvents, submissions, users,
} from '../../db/schema/index';
import type { StaffUser } from '../../app/auth/session.server';
import type { ImprovementActor } from '../../app/domain/improvements/access';
import { ImprovementRuleError } from '../../app/domain/improvements/errors';
import { linkVoices, openImprovementRecord, type OpenImprovementRecordInput } from '../../app/domain/improvements/records.server';
import { getStaffSuggestion, listStaffSuggestions, submitStaffSuggestion, turnSuggestionIntoRecord } from '../../app/domain/staff-suggestions.server';
import { listAuditFindings, recordAuditFinding, turnFindingIntoRecord } from '../../app/domain/internal-audit-findings.server';
import { fiscalYearOf } from '../../app/domain/fiscal-year';
import { seedDemo } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';

let db: Database;
const dept: Record<string, number> = {};
const staff: Record<string, StaffUser> = {};
const as = (key: string): ImprovementActor => ({ user: staff[key]!, audit: { userId: staff[key]!.id, ip: '192.0.2.9', userAgent: 'vitest', requestId: null } });

async function refusal(call: Promise<unknown>): Promise<ImprovementRuleError> {
  const outcome = await call.then(() => 'succeeded', (error: unknown) => error);
  expect(outcome).toBeInstanceOf(ImprovementRuleError);
  return outcome as ImprovementRuleError;
}

async function voiceId(title: string): Promise<number> {
  const [row] = await db.select({ id: submissions.id }).from(submissions).where(eq(submissions.title, title));
  return row!.id;
}

async function linkedVoices(recordId: number): Promise<number[]> {
  return (await db.select({ id: improvementRecordSubmissions.submissionId }).from(improvementRecordSubmissions)
    .where(eq(improvementRecordSubmissions.recordId, recordId))).map((r) => r.id).sort((a, b) => a - b);
}

async function openedEvent(recordId: number) {
  const [event] = await db.select().from(improvementRecordEvents).where(and(eq(improvementRecordEvents.recordId, recordId), eq(improvementRecordEvents.type, 'opened')));
  return event!;
}

const details = () => ({
  title: '改善', type: 'improvement' as const, findingClass: 'opportunity' as const, level: 'operations' as const,
  ownerDepartmentId: dept.shimin!, problemStatement: '問題の記述',
});

beforeAll(async () => {
  db = (await createTestDatabase()).db;
  await seedDemo(db);
  for (const d of await db.select({ id: departments.id, code: departments.code }).from(departments)) dept[d.code] = d.id;
  const keys: Record<string, string> = {
    reform: 'kocho@', manager: 'shimin-kacho@', staff: 'shimin-staff@', doroManager: 'doro-kacho@', doroStaff: 'doro-staff@',
    auditor: 'audit@', mayor: 'mayor@',
  };
  for (const [key, prefix] of Object.entries(keys)) {
    const [u] = await db.select().from(users).where(eq(users.email, `${prefix}sakuradai.example.jp`));
    staff[key] = { id: u!.id, email: u!.email, displayName: u!.displayName, role: u!.role, departmentId: u!.departmentId, language: u!.language };
  }
});

describe('record numbers', () => {
  it('run on per fiscal year after the seeded IR-2026-001, and stay unique when opened at once', async () => {
    const fy = fiscalYearOf(new Date());
    const voice = await voiceId('中央公園の遊具が壊れたままです');
    const first = await openImprovementRecord(db, as('reform'), { ...details(), source: 'voice', submissionIds: [voice] });
    const firstSeq = fy === 2026 ? 2 : 1;
    expect(first.number).toBe(`IR-${fy}-${String(firstSeq).padStart(3, '0')}`);
    const together = await Promise.all([1, 2, 3, 4].map(() => openImprovementRecord(db, as('reform'), { ...details(), source: 'voice', submissionIds: [voice] })));
    expect(together.map((r) => r.number).sort()).toEqual([1, 2, 3, 4].map((i) => `IR-${fy}-${String(firstSeq + i).padStart(3, '0')}`));
  });
});

describe('opening from voices', () => {
  it('takes one or several voices (bulk), once each, and links more later', async () => {
    const a = await voiceId('中央公園の遊具が壊れたままです');
    const b = await voiceId('学校からのお知らせが紙ばかり');
    const c = await voiceId('一時保育の予約方法を教えてください');
    const opened = await openImprovementRecord(db, as('reform'), { ...details(), source: 'voice', submissionIds: [a, b, a] });
    expect(await linkedVoices(opened.id)).toEqual([a, b].sort((x, y) => x - y));
    const later = await linkVoices(db, as('reform'), { recordId: opened.id, version: opened.version, submissionIds: [b, c] });
    expect(later.linked).toEqual([c]);
    expect(await linkedVoices(opened.id)).toEqual([a, b, c].sort((x, y) => x - y));
    const [linkedEvent] = await db.select().from(improvementRecordEvents).where(and(eq(improvementRecordEvents.recordId, opened.id), eq(improvementRecordEvents.type, 'voices_linked')));
    expect(linkedEvent!.data).toEqual({ submissionIds: [c] });
  });

  it('refuses no voices, unknown voices, bad input and an owner outside the owner 課', async () => {
    expect((await refusal(openImprovementRecord(db, as('reform'), { ...details(), source: 'voice', submissionIds: [] }))).code).toBe('voices_missing');
    const unknown = await refusal(openImprovementRecord(db, as('reform'), { ...details(), source: 'voice', submissionIds: [999_999] }));
    expect(unknown.code).toBe('voices_not_found');
    expect(unknown.details).toEqual({ missing: [999_999] });
    const blank = await refusal(openImprovementRecord(db, as('reform'), { ...details(), title: ' ', source: 'voice', submissionIds: [1] }));
    expect(blank.code).toBe('invalid_input');
    expect(blank.details).toEqual({ fields: ['title'] });
    expect((await refusal(openImprovementRecord(db, as('reform'), {
      ...details(), ownerUserId: staff.doroStaff!.id, source: 'voice', submissionIds: [1],
    }))).code).toBe('owner_not_in_department');
    expect((await refusal(openImprovementRecord(db, as('reform'), { ...details(), ownerDepartmentId: 999_999, source: 'voice', submissionIds: [1] }))).code)
      .toBe('department_not_found');
  });
});

describe('opening from other sources', () => {
  it('from a counter survey keeps the survey and its 窓口 in the opened event', async () => {
    const [counter] = await db.select({ id: serviceCounters.id }).from(serviceCounters).where(eq(serviceCounters.slug, 'shimin-madoguchi'));
    const [survey] = await db.insert(counterSurveys).values({ counterId: counter!.id, speed: 1, courtesy: 2, clarity: 2, overall: 1, comment: '説明がわかりにくい' }).returning();
    const opened = await openImprovementRecord(db, as('reform'), { ...details(), source: 'counter_survey', sourceRef: { counterSurveyId: survey!.id } });
    expect((await openedEvent(opened.id)).data).toMatchObject({ source: 'counter_survey', sourceRef: { counterSurveyId: survey!.id }, counterId: counter!.id });
    const [row] = await db.select({ source: improvementRecords.source }).from(improvementRecords).where(eq(improvementRecords.id, opened.id));
    expect(row!.source).toBe('counter_survey');
    expect((await refusal(openImprovementRecord(db, as('reform'), { ...details(), source: 'counter_survey', sourceRef: { counterSurveyId: 999_999 } }))).code)
      .toBe('source_ref_not_found');
  });

  it('from a management review decision links the decision to the record, once', async () => {
    const [review] = await db.insert(managementReviews).values({ title: '令和8年度 マネジメントレビュー', periodStart: '2026-04-01', periodEnd: '2027-03-31' }).returning();
    const [decision] = await db.insert(managementReviewDecisions).values({ reviewId: review!.id, decision: '窓口の案内表示を全庁で統一する' }).returning();
    const input: OpenImprovementRecordInput = { ...details(), level: 'strategy', source: 'management_review', sourceRef: { decisionId: decision!.id } };
    const opened = await openImprovementRecord(db, as('reform'), input);
    const [after] = await db.select().from(managementReviewDecisions).where(eq(managementReviewDecisions.id, decision!.id));
    expect(after!.improvementRecordId).toBe(opened.id);
    expect((await refusal(openImprovementRecord(db, as('reform'), input))).code).toBe('decision_already_turned');
  });

  it('from a mayor\'s instruction links the voice the mayor instructed on', async () => {
    const [instruction] = await db.select().from(submissionEvents).where(eq(submissionEvents.type, 'mayor_instruction'));
    const opened = await openImprovementRecord(db, as('reform'), { ...details(), source: 'mayor_instruction', sourceRef: { instructionEventId: instruction!.id } });
    expect(await linkedVoices(opened.id)).toEqual([instruction!.submissionId]);
    const [received] = await db.select().from(submissionEvents).where(eq(submissionEvents.type, 'received'));
    expect((await refusal(openImprovementRecord(db, as('reform'), { ...details(), source: 'mayor_instruction', sourceRef: { instructionEventId: received!.id } }))).code)
      .toBe('source_ref_not_found');
  });
});

describe('職員目安箱 (staff suggestions)', () => {
  it('takes an idea from any member of staff as a staff-box voice, with no mail and an audit entry', async () => {
    const sent = await submitStaffSuggestion(db, as('staff'), { title: '申請書を一枚に', body: '転入時の申請書を共通化したい。', hideName: true });
    const [voice] = await db.select().from(submissions).where(eq(submissions.id, sent.id));
    expect(voice).toMatchObject({ channel: 'staff_box', kind: 'idea', staffAuthorId: staff.staff!.id, staffAuthorHidden: true, anonymous: true });
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.submissionId, sent.id))).toHaveLength(0);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'staff_suggestion.submit'), eq(auditLog.entityId, String(sent.id))));
    expect(entry!.userId).toBe(staff.staff!.id);
  });

  it('shows the author to the reform team and to the author, but not to the 課長 when hidden', async () => {
    const hidden = await submitStaffSuggestion(db, as('staff'), { title: '窓口の椅子を増やす', body: '待合の椅子が足りない。', hideName: true });
    const open = await submitStaffSuggestion(db, as('staff'), { title: '案内表示を大きく', body: '高齢の方が読みにくい。', hideName: false });
    expect((await getStaffSuggestion(db, staff.reform!, hidden.id))!.author).toEqual({ id: staff.staff!.id, displayName: staff.staff!.displayName });
    expect((await getStaffSuggestion(db, staff.staff!, hidden.id))!.author?.id).toBe(staff.staff!.id);
    const asManager = await getStaffSuggestion(db, staff.manager!, hidden.id);
    expect(asManager).toMatchObject({ title: '窓口の椅子を増やす', authorHidden: true, author: null });
    expect((await getStaffSuggestion(db, staff.mayor!, hidden.id))!.author).toBeNull();
    expect((await getStaffSuggestion(db, staff.manager!, open.id))!.author?.displayName).toBe(staff.staff!.displayName);
    // Another 課's manager and other staff do not read this 課's suggestions at all.
    expect(await getStaffSuggestion(db, staff.doroManager!, hidden.id)).toBeNull();
    expect((await listStaffSuggestions(db, staff.doroStaff!)).map((s) => s.id)).not.toContain(hidden.id);
    const managerList = await listStaffSuggestions(db, staff.manager!);
    expect(managerList.find((s) => s.id === hidden.id)!.author).toBeNull();
  });

  it('are turned into records by the reform team only, linked to the suggestion', async () => {
    const sent = await submitStaffSuggestion(db, as('doroStaff'), { title: '道路占用の申請をオンラインに', body: '紙の申請で往復が多い。', hideName: false });
    expect((await refusal(turnSuggestionIntoRecord(db, as('doroManager'), { submissionId: sent.id, level: 'operations', ownerDepartmentId: dept.doro! }))).code).toBe('forbidden');
    const opened = await turnSuggestionIntoRecord(db, as('reform'), { submissionId: sent.id, level: 'operations', ownerDepartmentId: dept.doro! });
    const [row] = await db.select().from(improvementRecords).where(eq(improvementRecords.id, opened.id));
    expect(row).toMatchObject({ source: 'staff_suggestion', title: '道路占用の申請をオンラインに', problemStatement: '紙の申請で往復が多い。', findingClass: 'opportunity' });
    expect(await linkedVoices(opened.id)).toEqual([sent.id]);
    expect((await getStaffSuggestion(db, staff.reform!, sent.id))!.recordNumbers).toEqual([opened.number]);
    const web = await voiceId('中央公園の遊具が壊れたままです');
    expect((await refusal(turnSuggestionIntoRecord(db, as('reform'), { submissionId: web, level: 'operations', ownerDepartmentId: dept.koen! }))).code).toBe('not_staff_suggestion');
  });
});

describe('audit findings', () => {
  it('are recorded by auditors (internal, or external with the body), checked, and listed by 課 scope', async () => {
    const internal = await recordAuditFinding(db, as('auditor'), {
      departmentId: dept.doro!, findingClass: 'nonconformity', description: '道路パトロール記録の承認漏れ', foundOn: '2026-09-10',
    });
    const external = await recordAuditFinding(db, as('auditor'), {
      departmentId: dept.shimin!, findingClass: 'recommendation', description: '窓口手順書の版管理', foundOn: '2026-08-01', externalBody: 'ISO 審査機関',
    });
    expect((await refusal(recordAuditFinding(db, as('auditor'), {
      departmentId: dept.shimin!, findingClass: 'minor_fix', description: '未来', foundOn: '2999-01-01',
    }))).code).toBe('found_on_in_future');
    expect((await refusal(recordAuditFinding(db, as('auditor'), {
      departmentId: 999_999, findingClass: 'minor_fix', description: '存在しない課', foundOn: '2026-08-01',
    }))).code).toBe('department_not_found');
    expect((await refusal(recordAuditFinding(db, as('manager'), {
      departmentId: dept.shimin!, findingClass: 'minor_fix', description: '課長から', foundOn: '2026-08-01',
    }))).code).toBe('forbidden');

    const all = await listAuditFindings(db, staff.reform!);
    expect(all.map((f) => f.id)).toEqual(expect.arrayContaining([internal.id, external.id]));
    expect((await listAuditFindings(db, staff.auditor!, { external: true })).map((f) => f.id)).toEqual([external.id]);
    const doroOnly = await listAuditFindings(db, staff.doroStaff!);
    expect(doroOnly.map((f) => f.id)).toEqual([internal.id]);
    expect(doroOnly[0]).toMatchObject({ external: false, auditorName: staff.auditor!.displayName, department: { id: dept.doro! } });
  });

  it('become one record each, internal or external by the finding, with its class and 課', async () => {
    const internal = await recordAuditFinding(db, as('auditor'), {
      departmentId: dept.doro!, findingClass: 'potential_nonconformity', description: '点検周期が規程と異なる', foundOn: '2026-10-01',
    });
    const external = await recordAuditFinding(db, as('auditor'), {
      departmentId: dept.shimin!, findingClass: 'minor_nonconformity', description: '記録の保存期間', foundOn: '2026-10-02', externalBody: '県監査委員',
    });
    expect((await refusal(turnFindingIntoRecord(db, as('auditor'), { findingId: internal.id, title: '点検周期', level: 'operations' }))).code).toBe('forbidden');
    const fromInternal = await turnFindingIntoRecord(db, as('reform'), { findingId: internal.id, title: '点検周期の是正', level: 'operations' });
    const [row] = await db.select().from(improvementRecords).where(eq(improvementRecords.id, fromInternal.id));
    expect(row).toMatchObject({
      source: 'internal_audit', auditFindingId: internal.id, findingClass: 'potential_nonconformity', type: 'preventive',
      ownerDepartmentId: dept.doro!, problemStatement: '点検周期が規程と異なる',
    });
    expect((await refusal(turnFindingIntoRecord(db, as('reform'), { findingId: internal.id, title: '二重', level: 'operations' }))).code).toBe('finding_already_turned');
    const fromExternal = await turnFindingIntoRecord(db, as('reform'), { findingId: external.id, title: '保存期間', level: 'operations' });
    const [ext] = await db.select().from(improvementRecords).where(eq(improvementRecords.id, fromExternal.id));
    expect(ext).toMatchObject({ source: 'external_audit', type: 'corrective' });
    expect((await refusal(openImprovementRecord(db, as('reform'), { ...details(), source: 'internal_audit', sourceRef: { auditFindingId: external.id } }))).code)
      .toBe('source_ref_mismatch');
    expect((await listAuditFindings(db, staff.auditor!)).find((f) => f.id === internal.id)!.recordNumber).toBe(fromInternal.number);
  });
});
