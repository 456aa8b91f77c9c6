import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import {
  auditLog, departments, emailOutbox, improvementActions, improvementRecordEvents, improvementRecords, submissions, users,
} from '../../db/schema/index';
import type { StaffUser } from '../../app/auth/session.server';
import type { ImprovementActor } from '../../app/domain/improvements/access';
import { ImprovementConflictError, ImprovementRuleError } from '../../app/domain/improvements/errors';
import {
  addAction, advanceStage, archiveImprovementRecord, closeImprovementRecord, completeAction, getImprovementRecord,
  linkVoices, listImprovementRecords, listPublicImprovements, openImprovementRecord, recordActOutcome,
  recordEffectivenessReview, spreadToDepartments, updateAction, updatePlan,
} from '../../app/domain/improvements/records.server';
import { recordAuditFinding } from '../../app/domain/internal-audit-findings.server';
import { seedDemo } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';

// Acceptance point 1 of issue 6: every illegal transition refused with a clear code; closing
// blocked until its conditions hold; "not effective" reopens PLAN and keeps the history.

let db: Database;
const dept: Record<string, number> = {};
const staff: Record<string, StaffUser> = {};
const as = (key: string): ImprovementActor => ({ user: staff[key]!, audit: { userId: staff[key]!.id, ip: '192.0.2.1', userAgent: 'vitest', requestId: `req-${key}` } });

async function voiceId(title: string): Promise<number> {
  const [row] = await db.select({ id: submissions.id }).from(submissions).where(eq(submissions.title, title));
  return row!.id;
}

/** The refusal a call ends with (fails the test when it succeeds or throws something else). */
async function refusal(call: Promise<unknown>): Promise<ImprovementRuleError> {
  const outcome = await call.then(() => 'succeeded', (error: unknown) => error);
  expect(outcome).toBeInstanceOf(ImprovementRuleError);
  return outcome as ImprovementRuleError;
}

async function record(id: number) {
  const [row] = await db.select().from(improvementRecords).where(eq(improvementRecords.id, id));
  return row!;
}

async function events(id: number) {
  return db.select().from(improvementRecordEvents).where(eq(improvementRecordEvents.recordId, id)).orderBy(asc(improvementRecordEvents.id));
}

const MIRROR = '通学路のカーブミラーが曇って見えません';
const PAPER = '学校からのお知らせが紙ばかり';
// Anonymous: records opened from it tell nobody, so each test's mail stays its own.
const PLAYGROUND = '中央公園の遊具が壊れたままです';

/** A record opened from a voice, in PLAN, owned by 市民課. */
async function openRecord(title = 'テスト改善', submissionIds?: number[]) {
  return openImprovementRecord(db, as('reform'), {
    source: 'voice', submissionIds: submissionIds ?? [await voiceId(PLAYGROUND)], title, type: 'corrective', findingClass: 'nonconformity',
    level: 'operations', ownerDepartmentId: dept.shimin!, problemStatement: '同じ苦情が続いている。',
  });
}

/** Drives a fresh record to `stage` along the legal path; returns its id and version. */
async function recordAt(stage: 'plan' | 'do' | 'check' | 'act', options: { voices?: number[] } = {}) {
  const opened = await openRecord(`${stage} の記録`, options.voices);
  let version = (await updatePlan(db, as('reform'), { recordId: opened.id, version: opened.version, causeAnalysis: 'なぜなぜ分析の結果…' })).version;
  const action = await addAction(db, as('reform'), { recordId: opened.id, description: '手順を見直す', ownerDepartmentId: dept.shimin!, dueDate: '2026-12-10' });
  version = action.version;
  if (stage === 'plan') return { id: opened.id, version, actionId: action.actionId };
  version = (await advanceStage(db, as('reform'), { recordId: opened.id, version, to: 'do' })).version;
  if (stage === 'do') return { id: opened.id, version, actionId: action.actionId };
  version = (await completeAction(db, as('staff'), { actionId: action.actionId, evidence: '改訂した手順書' })).version;
  version = (await advanceStage(db, as('reform'), { recordId: opened.id, version, to: 'check' })).version;
  if (stage === 'check') return { id: opened.id, version, actionId: action.actionId };
  version = (await recordEffectivenessReview(db, as('reform'), { recordId: opened.id, version, result: 'effective', evidence: '苦情が0件に' })).version;
  version = (await advanceStage(db, as('reform'), { recordId: opened.id, version, to: 'act' })).version;
  return { id: opened.id, version, actionId: action.actionId };
}

beforeAll(async () => {
  db = (await createTestDatabase()).db;
  await seedDemo(db);
  for (const d of await db.select({ id: departments.id, code: departments.code }).from(departments)) dept[d.code] = d.id;
  const keys: Record<string, string> = {
    reform: 'kocho@', manager: 'shimin-kacho@', staff: 'shimin-staff@', doroStaff: 'doro-staff@', auditor: 'audit@', mayor: 'mayor@',
  };
  for (const [key, prefix] of Object.entries(keys)) {
    const [u] = await db.select().from(users).where(eq(users.email, `${prefix}sakuradai.example.jp`));
    staff[key] = { id: u!.id, email: u!.email, displayName: u!.displayName, role: u!.role, departmentId: u!.departmentId, language: u!.language };
  }
});

describe('the whole life of a record', () => {
  it('carries a seeded voice from PLAN to closed, spreads the fix, and tells the resident what changed', async () => {
    const mirror = await voiceId(MIRROR);
    const opened = await openImprovementRecord(db, as('reform'), {
      source: 'voice', submissionIds: [mirror], title: '通学路カーブミラーの点検漏れ', type: 'corrective', findingClass: 'nonconformity',
      level: 'operations', ownerDepartmentId: dept.doro!, dueDate: '2027-01-31', problemStatement: '通学路のミラーの汚れに気づけなかった。',
    });
    // The seed closed IR-2026-001 this fiscal year; numbers run on per year.
    expect(opened.number).toMatch(/^IR-\d{4}-\d{3}$/);
    const id = opened.id;
    let version = (await updatePlan(db, as('reform'), {
      recordId: id, version: opened.version, immediateCorrection: 'ミラーを清掃・交換', causeAnalysis: '点検表に通学路のミラーが含まれていなかった。',
    })).version;
    const action = await addAction(db, as('reform'), { recordId: id, version, description: '点検表に通学路のミラーを追加', ownerDepartmentId: dept.doro!, dueDate: '2026-12-15' });
    version = (await advanceStage(db, as('reform'), { recordId: id, version: action.version, to: 'do' })).version;
    version = (await completeAction(db, as('doroStaff'), { actionId: action.actionId, version, evidence: '点検表 第4版' })).version;
    version = (await advanceStage(db, as('reform'), { recordId: id, version, to: 'check' })).version;
    version = (await recordEffectivenessReview(db, as('reform'), { recordId: id, version, result: 'effective', evidence: '3か月間 同種の声 0件' })).version;
    version = (await advanceStage(db, as('reform'), { recordId: id, version, to: 'act' })).version;
    const spread = await spreadToDepartments(db, as('reform'), { recordId: id, version, departmentIds: [dept.koen!], description: '公園周辺のミラーも点検表へ', dueDate: '2027-01-15' });
    version = (await completeAction(db, as('reform'), { actionId: spread.actionIds[0]!, version: spread.version, evidence: '公園緑地課 点検表 第2版' })).version;
    version = (await recordActOutcome(db, as('reform'), {
      recordId: id, version, standardisation: '道路点検手順書に通学路ミラーを追加', publicSummaryJa: '通学路のカーブミラーを定期点検の対象にしました。',
      publicSummaryTranslations: { en: 'Convex mirrors on school routes are now part of the regular inspection.' },
    })).version;
    const closed = await closeImprovementRecord(db, as('reform'), { recordId: id, version });
    expect(closed).toMatchObject({ stage: 'closed', residentsNotified: 1 });

    const after = await record(id);
    expect(after.stage).toBe('closed');
    expect(after.closedAt).not.toBeNull();
    const mail = await db.select().from(emailOutbox).where(and(eq(emailOutbox.template, 'improvement_completed'), eq(emailOutbox.toAddress, 'osamu.tanaka@example.net')));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.payload).toMatchObject({ summary: '通学路のカーブミラーを定期点検の対象にしました。', receiptNumbers: [expect.stringMatching(/^\d{4}-\d{6}$/)] });

    const stages = (await events(id)).filter((e) => e.type === 'stage_changed').map((e) => `${e.data.from}→${e.data.to}`);
    expect(stages).toEqual(['plan→do', 'do→check', 'check→act', 'act→closed']);
    const audited = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityType, 'improvement_record'), eq(auditLog.entityId, String(id))));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['improvement.open', 'improvement.stage', 'improvement.review', 'improvement.spread', 'improvement.close']));

    const published = await listPublicImprovements(db, 'ja');
    expect(published.items.find((i) => i.number === opened.number)).toMatchObject({
      summary: '通学路のカーブミラーを定期点検の対象にしました。', voices: [{ title: MIRROR }],
    });
  });
});

describe('illegal stage moves', () => {
  it('are refused in PLAN with the rule they break, and nothing changes', async () => {
    const opened = await openRecord();
    for (const to of ['check', 'act', 'closed', 'plan'] as const) {
      const error = await refusal(advanceStage(db, as('reform'), { recordId: opened.id, version: opened.version, to }));
      expect(error.code, to).toBe('transition_not_allowed');
    }
    const empty = await refusal(advanceStage(db, as('reform'), { recordId: opened.id, version: opened.version, to: 'do' }));
    expect(empty.code).toBe('cause_analysis_missing');
    expect(empty.violations).toEqual(['cause_analysis_missing', 'plan_actions_missing']);
    expect(empty.messageKey).toBe('improvement:errors.cause_analysis_missing');
    expect(await record(opened.id)).toMatchObject({ stage: 'plan', version: opened.version });
    expect((await refusal(advanceStage(db, as('reform'), { recordId: 999_999, version: 1, to: 'do' }))).code).toBe('not_found');
    expect((await refusal(completeAction(db, as('reform'), { actionId: 999_999, evidence: '…' }))).code).toBe('action_not_found');
  });

  it('refuse leaving PLAN while an action has no owner or due date', async () => {
    const { id, version } = await recordAt('plan');
    const loose = await addAction(db, as('reform'), { recordId: id, version, description: '誰かがいつか' });
    const error = await refusal(advanceStage(db, as('reform'), { recordId: id, version: loose.version, to: 'do' }));
    expect(error.violations).toEqual(['action_owner_missing', 'action_due_date_missing']);
    const fixed = await updateAction(db, as('reform'), { actionId: loose.actionId, ownerUserId: staff.staff!.id, dueDate: '2026-12-20' });
    expect((await advanceStage(db, as('reform'), { recordId: id, version: fixed.version, to: 'do' })).stage).toBe('do');
  });

  it('are refused in DO: open actions, going back, reviewing too early', async () => {
    const { id, version } = await recordAt('do');
    expect((await refusal(advanceStage(db, as('reform'), { recordId: id, version, to: 'check' }))).code).toBe('plan_actions_open');
    expect((await refusal(advanceStage(db, as('reform'), { recordId: id, version, to: 'plan' }))).code).toBe('transition_not_allowed');
    expect((await refusal(advanceStage(db, as('reform'), { recordId: id, version, to: 'act' }))).code).toBe('transition_not_allowed');
    expect((await refusal(recordEffectivenessReview(db, as('reform'), { recordId: id, version, result: 'effective', evidence: '…' }))).code).toBe('review_not_at_check');
    expect(await record(id)).toMatchObject({ stage: 'do', version });
  });

  it('are refused in CHECK: ACT needs a review with evidence, PLAN needs "not effective"', async () => {
    const { id, version } = await recordAt('check');
    expect((await refusal(advanceStage(db, as('reform'), { recordId: id, version, to: 'act' }))).code).toBe('effectiveness_missing');
    expect((await refusal(advanceStage(db, as('reform'), { recordId: id, version, to: 'plan' }))).code).toBe('reopen_needs_not_effective');
    expect((await refusal(recordEffectivenessReview(db, as('reform'), { recordId: id, version, result: 'effective', evidence: ' ' }))).code).toBe('effectiveness_evidence_missing');
    expect((await refusal(advanceStage(db, as('reform'), { recordId: id, version, to: 'closed' }))).code).toBe('transition_not_allowed');
  });

  it('are refused once closed: no stage, no edits, no new voices', async () => {
    const open = await recordAt('act');
    const done = await recordActOutcome(db, as('reform'), { recordId: open.id, version: open.version, standardisation: '手順書改訂', publicSummaryJa: '様式を改めました。' });
    const closed = await closeImprovementRecord(db, as('reform'), { recordId: open.id, version: done.version });
    for (const to of ['plan', 'do', 'check', 'act', 'closed'] as const) {
      expect((await refusal(advanceStage(db, as('reform'), { recordId: open.id, version: closed.version, to }))).code, to).toBe('transition_not_allowed');
    }
    expect((await refusal(updatePlan(db, as('reform'), { recordId: open.id, version: closed.version, title: '変更' }))).code).toBe('stage_locked');
    expect((await refusal(linkVoices(db, as('reform'), { recordId: open.id, submissionIds: [await voiceId(MIRROR)] }))).code).toBe('stage_locked');
  });
});

describe('closing', () => {
  it('is blocked until every condition holds, listing what is missing, and sends no mail until then', async () => {
    const paper = await voiceId(PAPER);
    const { id, version: start } = await recordAt('act', { voices: [paper] });
    const spread = await spreadToDepartments(db, as('reform'), { recordId: id, version: start, departmentIds: [dept.gakko!], description: '学校配布物も確認', dueDate: '2027-02-01' });
    let version = spread.version;

    let error = await refusal(closeImprovementRecord(db, as('reform'), { recordId: id, version }));
    expect(error.violations).toEqual(['standardisation_missing', 'actions_open', 'public_summary_missing']);

    version = (await recordActOutcome(db, as('reform'), { recordId: id, version, standardisation: '不要：様式の変更のみで手順は変わらないため' })).version;
    error = await refusal(closeImprovementRecord(db, as('reform'), { recordId: id, version }));
    expect(error.violations).toEqual(['actions_open', 'public_summary_missing']);

    version = (await completeAction(db, as('reform'), { actionId: spread.actionIds[0]!, evidence: '学校教育課から報告書' })).version;
    error = await refusal(advanceStage(db, as('reform'), { recordId: id, version, to: 'closed' }));
    expect(error.violations).toEqual(['public_summary_missing']);
    expect(await db.select().from(emailOutbox).where(and(eq(emailOutbox.template, 'improvement_completed'), eq(emailOutbox.toAddress, 'ryo.w@example.jp')))).toHaveLength(0);

    version = (await recordActOutcome(db, as('reform'), { recordId: id, version, publicSummaryJa: 'お知らせをメールでも配信します。' })).version;
    const page = await getImprovementRecord(db, staff.reform!, id);
    expect(page!.readiness).toEqual([{ to: 'closed', violations: [] }]);
    expect((await advanceStage(db, as('reform'), { recordId: id, version, to: 'closed' })).stage).toBe('closed');
    expect(await db.select().from(emailOutbox).where(and(eq(emailOutbox.template, 'improvement_completed'), eq(emailOutbox.toAddress, 'ryo.w@example.jp')))).toHaveLength(1);
  });
});

describe('"not effective"', () => {
  it('sends the record back to PLAN, keeps the review, the actions and the history, and asks for a new action', async () => {
    const { id, version, actionId } = await recordAt('check');
    const back = await recordEffectivenessReview(db, as('reform'), { recordId: id, version, result: 'not_effective', evidence: '翌月も同じ苦情が3件' });
    expect(back.stage).toBe('plan');
    expect(await record(id)).toMatchObject({ stage: 'plan', effectiveness: null, effectivenessEvidence: null });
    const [oldAction] = await db.select().from(improvementActions).where(eq(improvementActions.id, actionId));
    expect(oldAction).toMatchObject({ evidence: '改訂した手順書' });
    expect(oldAction!.doneAt).not.toBeNull();

    const history = await events(id);
    const review = history.find((e) => e.type === 'effectiveness_reviewed');
    expect(review!.data).toMatchObject({ result: 'not_effective', evidence: '翌月も同じ苦情が3件', checkedById: staff.reform!.id });
    expect(history.find((e) => e.type === 'reopened')!.data).toMatchObject({ review: { result: 'not_effective' }, actionIdsBefore: [actionId] });
    expect(history.filter((e) => e.type === 'stage_changed').map((e) => `${e.data.from}→${e.data.to}`)).toEqual(['plan→do', 'do→check', 'check→plan']);

    // The earlier action is done: the new PLAN needs an action of its own.
    expect((await refusal(advanceStage(db, as('reform'), { recordId: id, version: back.version, to: 'do' }))).code).toBe('plan_actions_missing');
    let v = (await updatePlan(db, as('reform'), { recordId: id, version: back.version, causeAnalysis: '真因：様式が課ごとに分かれている' })).version;
    const second = await addAction(db, as('reform'), { recordId: id, version: v, description: '共通様式を作る', ownerDepartmentId: dept.shimin!, dueDate: '2027-01-10' });
    v = (await advanceStage(db, as('reform'), { recordId: id, version: second.version, to: 'do' })).version;
    v = (await completeAction(db, as('manager'), { actionId: second.actionId, evidence: '共通様式 第1版' })).version;
    v = (await advanceStage(db, as('reform'), { recordId: id, version: v, to: 'check' })).version;
    v = (await recordEffectivenessReview(db, as('reform'), { recordId: id, version: v, result: 'partly', evidence: '苦情 3件→1件' })).version;
    // A corrected review keeps the one it replaces.
    await recordEffectivenessReview(db, as('reform'), { recordId: id, version: v, result: 'effective', evidence: '苦情 3件→0件（2か月）' });

    const page = await getImprovementRecord(db, staff.reform!, id);
    const reviews = page!.history.filter((e) => e.type === 'effectiveness_reviewed').map((e) => e.data);
    expect(reviews.map((r) => r.result)).toEqual(['not_effective', 'partly', 'effective']);
    expect(reviews[2]).toMatchObject({ previous: { result: 'partly', evidence: '苦情 3件→1件' } });
    expect(page!.actions).toHaveLength(2);
    expect(page!.effectiveness).toBe('effective');
  });
});

describe('横展開', () => {
  it('creates one action per other 課, skipping the owner 課 and 課 already asked', async () => {
    const { id, version } = await recordAt('act');
    const first = await spreadToDepartments(db, as('reform'), {
      recordId: id, version, departmentIds: [dept.shimin!, dept.doro!, dept.kosodate!, dept.doro!], description: '同じ様式の見直し', dueDate: '2027-01-20',
    });
    expect(first.actionIds).toHaveLength(2);
    expect(first.skippedDepartmentIds).toEqual([dept.shimin!, dept.doro!]);
    const again = await spreadToDepartments(db, as('reform'), { recordId: id, departmentIds: [dept.doro!, dept.koen!], description: '同じ様式の見直し', dueDate: '2027-01-20' });
    expect(again.actionIds).toHaveLength(1);
    const spread = await db.select({ dep: improvementActions.ownerDepartmentId, due: improvementActions.dueDate })
      .from(improvementActions).where(and(eq(improvementActions.recordId, id), eq(improvementActions.kind, 'spread')));
    expect(spread.map((s) => s.dep).sort()).toEqual([dept.doro!, dept.kosodate!, dept.koen!].sort());
    expect((await refusal(spreadToDepartments(db, as('reform'), { recordId: id, departmentIds: [], description: 'x', dueDate: '2027-01-20' }))).code).toBe('spread_no_departments');
    // Each 課 carries out its own follow-up; another 課 may not.
    const doroAction = (await db.select().from(improvementActions).where(and(eq(improvementActions.recordId, id), eq(improvementActions.ownerDepartmentId, dept.doro!))))[0]!;
    expect((await refusal(completeAction(db, as('staff'), { actionId: doroAction.id, evidence: '済' }))).code).toBe('forbidden');
    await completeAction(db, as('doroStaff'), { actionId: doroAction.id, evidence: '道路管理課 様式改訂' });
    expect((await refusal(completeAction(db, as('doroStaff'), { actionId: doroAction.id, evidence: 'もう一度' }))).code).toBe('action_already_done');
  });
});

describe('archiving', () => {
  it('keeps the record (readable, off the board) instead of deleting it, and freezes it', async () => {
    const { id, version } = await recordAt('do');
    expect((await refusal(archiveImprovementRecord(db, as('reform'), { recordId: id, version, reason: '  ' }))).code).toBe('archive_reason_missing');
    const archived = await archiveImprovementRecord(db, as('reform'), { recordId: id, version, reason: '別の記録 IR-2026-009 に統合' });
    const page = await getImprovementRecord(db, staff.manager!, id);
    expect(page).toMatchObject({ stage: 'do', archiveReason: '別の記録 IR-2026-009 に統合' });
    expect(page!.archivedAt).not.toBeNull();
    const board = await listImprovementRecords(db, staff.reform!, { pageSize: 200 });
    expect(board.items.map((i) => i.id)).not.toContain(id);
    const archivedOnly = await listImprovementRecords(db, staff.reform!, { archived: 'only' });
    expect(archivedOnly.items.map((i) => i.id)).toContain(id);
    expect((await refusal(advanceStage(db, as('reform'), { recordId: id, version: archived.version, to: 'check' }))).code).toBe('record_archived');
    expect((await refusal(archiveImprovementRecord(db, as('reform'), { recordId: id, version: archived.version, reason: '再度' }))).code).toBe('already_archived');
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(improvementRecords).where(eq(improvementRecords.id, id))).toEqual([{ n: 1 }]);
  });
});

describe('optimistic locking', () => {
  it('refuses a write based on a stale version and keeps the first writer\'s change', async () => {
    const opened = await openRecord();
    await updatePlan(db, as('reform'), { recordId: opened.id, version: opened.version, causeAnalysis: '先に保存した分析' });
    const error = await refusal(updatePlan(db, as('reform'), { recordId: opened.id, version: opened.version, causeAnalysis: '古い画面からの分析' }));
    expect(error).toBeInstanceOf(ImprovementConflictError);
    expect(error.code).toBe('version_conflict');
    expect((await record(opened.id)).causeAnalysis).toBe('先に保存した分析');
    expect((await refusal(advanceStage(db, as('reform'), { recordId: opened.id, version: opened.version, to: 'do' }))).code).toBe('version_conflict');
  });
});

describe('permissions', () => {
  it('let only the reform team manage records; a 課 member or 課長 may only carry out their 課\'s actions', async () => {
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(improvementRecords);
    const input = {
      source: 'voice' as const, submissionIds: [await voiceId(PLAYGROUND)], title: '権限テスト', type: 'improvement' as const,
      findingClass: 'opportunity' as const, level: 'operations' as const, ownerDepartmentId: dept.shimin!, problemStatement: '…',
    };
    for (const who of ['staff', 'manager', 'mayor', 'auditor', 'doroStaff']) {
      expect((await refusal(openImprovementRecord(db, as(who), input))).code, who).toBe('forbidden');
    }
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(improvementRecords)).toEqual(before);

    const { id, version, actionId } = await recordAt('do');
    for (const who of ['staff', 'manager', 'auditor']) {
      expect((await refusal(advanceStage(db, as(who), { recordId: id, version, to: 'check' }))).code, who).toBe('forbidden');
      expect((await refusal(updatePlan(db, as(who), { recordId: id, version, title: '書き換え' }))).code, who).toBe('forbidden');
      expect((await refusal(archiveImprovementRecord(db, as(who), { recordId: id, version, reason: '不要' }))).code, who).toBe('forbidden');
    }
    expect((await refusal(completeAction(db, as('doroStaff'), { actionId, evidence: '他課から' }))).code).toBe('forbidden');
    expect((await refusal(completeAction(db, as('auditor'), { actionId, evidence: '監査員から' }))).code).toBe('forbidden');
    expect(await record(id)).toMatchObject({ stage: 'do', version });
    await completeAction(db, as('staff'), { actionId, evidence: '市民課で実施' });
  });

  it('let an auditor record findings but not manage records', async () => {
    const finding = await recordAuditFinding(db, as('auditor'), {
      departmentId: dept.shimin!, findingClass: 'minor_nonconformity', description: '本人確認の記録漏れ', foundOn: '2026-10-01',
    });
    expect(finding.id).toBeGreaterThan(0);
    const { id, version } = await recordAt('plan');
    expect((await refusal(addAction(db, as('auditor'), { recordId: id, version, description: '監査員の処置' }))).code).toBe('forbidden');
    expect((await refusal(recordAuditFinding(db, as('reform'), {
      departmentId: dept.shimin!, findingClass: 'minor_fix', description: '改革担当が記録', foundOn: '2026-10-01',
    }))).code).toBe('forbidden');
  });
});
