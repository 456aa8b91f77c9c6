import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import {
  auditFindings, auditLog, categories, counterSurveys, departments, improvementRecords, managementReviewDecisions, managementReviews,
  replies, replyRatings, serviceCounters, submissions, users,
} from '../../db/schema/index';
import { fiscalYearPeriod } from '../../app/domain/analytics/period';
import { publicStatistics } from '../../app/domain/analytics/public-statistics.server';
import { refreshAnalyticsRollups } from '../../app/domain/analytics/rollups.server';
import { toCsv, toXlsx } from '../../app/domain/reports/export.server';
import {
  addReviewDecision, buildManagementReview, linkDecisionToRecord, recordManagementReview,
} from '../../app/domain/reports/management-review.server';
import { ReviewError } from '../../app/domain/reports/review-errors';
import { managementReviewSheets, publicStatisticsSheets } from '../../app/domain/reports/tables.server';
import type { Actor } from '../../app/domain/errors';
import { seedOrganisation } from '../../app/seed/seed.server';
import { createTestDatabase, driverUnderTest } from '../support/db';

const TODAY = '2027-04-10';
const FY2026 = fiscalYearPeriod(2026);
const jst = (t: string) => new Date(`${t}:00+09:00`);

// Voices and their ratings: [category, 課, received, rating (resolved, satisfaction) | null]
const VOICES = [
  { category: 'doro', department: 'doro', received: '2026-05-10T10:00', rating: ['no', 1] },
  { category: 'doro', department: 'doro', received: '2026-06-10T10:00', rating: ['partly', 2] },
  { category: 'doro', department: 'doro', received: '2026-07-10T10:00', rating: ['yes', 4] },
  { category: 'koseki', department: 'shimin', received: '2026-05-11T10:00', rating: ['yes', 2] },
  { category: 'koseki', department: 'shimin', received: '2026-08-11T10:00', rating: ['yes', 5] },
  { category: 'gomi', department: 'kankyo', received: '2026-09-12T10:00', rating: ['partly', 3] },
  { category: 'gomi', department: 'kankyo', received: '2026-10-12T10:00', rating: null },
] as const;

const SURVEYS = [
  { counter: 'shimin-madoguchi', overall: 4 },
  { counter: 'shimin-madoguchi', overall: 2 },
  { counter: 'suido-ryokin', overall: 2 },
  { counter: 'kaigo-madoguchi', overall: 5 },
] as const;

describe(`the management review (${driverUnderTest})`, () => {
  let db: Database;
  let reform: Actor;
  let staff: Actor;
  const dept = new Map<string, number>();
  const record = new Map<string, number>();
  const earlier: { reviewId: number; decisions: Record<string, number> } = { reviewId: 0, decisions: {} };

  beforeAll(async () => {
    db = (await createTestDatabase()).db;
    await seedOrganisation(db);
    for (const d of await db.select().from(departments)) dept.set(d.code, d.id);
    const category = new Map((await db.select().from(categories)).map((c) => [c.code, c.id]));
    const counter = new Map((await db.select().from(serviceCounters)).map((c) => [c.slug, c.id]));
    const [reformUser] = await db.insert(users).values({ email: 'reform@example.jp', displayName: '広聴', role: 'reform', departmentId: dept.get('kikaku-chosei')! }).returning();
    const [staffUser] = await db.insert(users).values({ email: 'staff@example.jp', displayName: '職員', role: 'staff', departmentId: dept.get('shimin')! }).returning();
    const audit = { ip: '127.0.0.1', userAgent: 'vitest', requestId: 'review' };
    reform = { user: { id: reformUser!.id, role: 'reform', departmentId: reformUser!.departmentId, displayName: '広聴' }, audit: { ...audit, userId: reformUser!.id } };
    staff = { user: { id: staffUser!.id, role: 'staff', departmentId: staffUser!.departmentId, displayName: '職員' }, audit: { ...audit, userId: staffUser!.id } };

    for (const [i, v] of VOICES.entries()) {
      const [row] = await db.insert(submissions).values({
        fiscalYear: 2026, receiptNumber: `R-${i}`, trackingTokenHash: `r-${i}`, kind: 'complaint', channel: 'web', status: 'answered',
        categoryId: category.get(v.category)!, departmentId: dept.get(v.department)!, title: `声${i}`, body: '本文',
        receivedAt: jst(v.received), dueDate: '2027-03-01',
      }).returning({ id: submissions.id });
      const [reply] = await db.insert(replies).values({ submissionId: row!.id, kind: 'final', status: 'sent', body: '回答', authorId: staffUser!.id, sentAt: jst(v.received.replace('T10', 'T16')) }).returning();
      if (v.rating) await db.insert(replyRatings).values({ submissionId: row!.id, replyId: reply!.id, resolved: v.rating[0], satisfaction: v.rating[1], createdAt: jst(v.received.replace('T10', 'T20')) });
    }
    for (const s of SURVEYS) {
      await db.insert(counterSurveys).values({ counterId: counter.get(s.counter)!, speed: 3, courtesy: 3, clarity: 3, overall: s.overall, createdAt: jst('2026-06-01T10:00') });
    }
    const [finding] = await db.insert(auditFindings).values({
      auditorId: reformUser!.id, departmentId: dept.get('doro')!, findingClass: 'minor_nonconformity', externalBody: null, description: '点検記録の押印漏れ', foundOn: '2026-09-01',
    }).returning();
    await db.insert(auditFindings).values({
      auditorId: reformUser!.id, departmentId: dept.get('shimin')!, findingClass: 'opportunity', externalBody: 'ISO審査機関', description: '待ち時間の掲示', foundOn: '2026-11-01',
    });
    const records = [
      { key: 'closedDuring', stage: 'closed' as const, closedAt: jst('2026-07-01T10:00'), effectiveness: 'effective' as const, finding: null },
      { key: 'closedBefore', stage: 'closed' as const, closedAt: jst('2026-02-01T10:00'), effectiveness: 'effective' as const, finding: null },
      { key: 'running', stage: 'do' as const, closedAt: null, effectiveness: null, finding: null },
      { key: 'fromFinding', stage: 'plan' as const, closedAt: null, effectiveness: null, finding: finding!.id },
      { key: 'other', stage: 'plan' as const, closedAt: null, effectiveness: null, finding: null },
    ];
    for (const [i, r] of records.entries()) {
      const [row] = await db.insert(improvementRecords).values({
        number: `IR-R-${i}`, title: r.key, type: 'corrective', findingClass: 'nonconformity', level: 'operations', source: 'management_review',
        stage: r.stage, ownerDepartmentId: dept.get('doro')!, problemStatement: r.key, closedAt: r.closedAt, effectiveness: r.effectiveness,
        checkedAt: r.closedAt, auditFindingId: r.finding, createdAt: jst('2025-12-01T10:00'),
      }).returning({ id: improvementRecords.id });
      record.set(r.key, row!.id);
    }
    // Last year's review and its decisions, recorded directly.
    const [review] = await db.insert(managementReviews).values({ title: '2025年度マネジメントレビュー', periodStart: '2025-04-01', periodEnd: '2026-03-31', heldOn: '2026-05-20' }).returning();
    earlier.reviewId = review!.id;
    for (const [key, text, linked] of [
      ['closedDuring', '窓口の混雑対策を進める', record.get('closedDuring')!],
      ['unlinked', '=HYPERLINK("http://example.com")を検討', null],
      ['closedBefore', '既に完了した対策', record.get('closedBefore')!],
      ['running', '道路パトロールの見直し', record.get('running')!],
    ] as const) {
      const [d] = await db.insert(managementReviewDecisions).values({ reviewId: review!.id, decision: text, improvementRecordId: linked }).returning();
      earlier.decisions[key] = d!.id;
    }
    // What the worker does: the figures read the rollups.
    await refreshAnalyticsRollups(db);
  });

  it('records the review and its decisions, audited, and links a decision to its improvement record', async () => {
    const { id } = await recordManagementReview(db, reform, { title: '2026年度マネジメントレビュー', period: FY2026, heldOn: '2027-05-15', notes: '市長出席' });
    const [stored] = await db.select().from(managementReviews).where(eq(managementReviews.id, id));
    expect(stored).toMatchObject({ periodStart: '2026-04-01', periodEnd: '2027-03-31', heldOn: '2027-05-15', notes: '市長出席', createdById: reform.user.id });

    const decision = await addReviewDecision(db, reform, { reviewId: id, decision: '道路の苦情への回答を早める' });
    await linkDecisionToRecord(db, reform, { decisionId: decision.id, recordId: record.get('other')! });
    await linkDecisionToRecord(db, reform, { decisionId: decision.id, recordId: record.get('other')! }); // again: nothing changes
    const [linked] = await db.select().from(managementReviewDecisions).where(eq(managementReviewDecisions.id, decision.id));
    expect(linked!.improvementRecordId).toBe(record.get('other'));

    const entries = await db.select().from(auditLog).where(eq(auditLog.userId, reform.user.id)).orderBy(auditLog.id);
    expect(entries.map((e) => [e.action, e.entityId])).toEqual([
      ['management_review.record', String(id)],
      ['management_review.decide', String(decision.id)],
      ['management_review.link_record', String(decision.id)],
    ]);

    await expect(linkDecisionToRecord(db, reform, { decisionId: decision.id, recordId: record.get('running')! }))
      .rejects.toMatchObject({ code: 'decision_already_linked', status: 409 });
    await expect(addReviewDecision(db, reform, { reviewId: 999_999, decision: 'x' })).rejects.toMatchObject({ code: 'review_not_found' });
    await expect(addReviewDecision(db, reform, { reviewId: id, decision: '   ' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(recordManagementReview(db, reform, { title: 'x', period: { from: '2026-05-01', to: '2026-04-01' } })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(recordManagementReview(db, staff, { title: '職員によるレビュー', period: FY2026 })).rejects.toBeInstanceOf(ReviewError);
    expect(await db.select().from(managementReviews).where(and(eq(managementReviews.title, '職員によるレビュー')))).toEqual([]);
  });

  it('reports the status of earlier decisions with their records, leaving out those finished before the period', async () => {
    const review = await buildManagementReview(db, FY2026, TODAY);
    expect(review.fiscalYear).toBe(2026);
    expect(review.earlierDecisions.map((d) => d.decisionId).sort()).toEqual(
      [earlier.decisions.closedDuring, earlier.decisions.unlinked, earlier.decisions.running].sort(),
    );
    const byId = new Map(review.earlierDecisions.map((d) => [d.decisionId, d]));
    expect(byId.get(earlier.decisions.closedDuring!)!.record).toMatchObject({ stage: 'closed', closedOn: '2026-07-01', effectiveness: 'effective' });
    expect(byId.get(earlier.decisions.running!)!.record).toMatchObject({ stage: 'do', closedOn: null });
    expect(byId.get(earlier.decisions.unlinked!)!.record).toBeNull();
    expect(byId.get(earlier.decisions.running!)).toMatchObject({ reviewTitle: '2025年度マネジメントレビュー', heldOn: '2026-05-20', reviewPeriod: fiscalYearPeriod(2025) });
  });

  it('carries every input: volumes, reply times, satisfaction, improvement, audit findings and opportunities', async () => {
    const review = await buildManagementReview(db, FY2026, TODAY);
    expect(review.volumes.kind.total).toBe(VOICES.length);
    expect(review.volumes.department.series).toHaveLength(3);
    expect(review.replyTimes.overall.answered).toBe(VOICES.length);
    expect(review.deadlineCompliance.onTime).toBe(VOICES.length);
    const rated = VOICES.filter((v) => v.rating);
    expect(review.satisfaction.ratings.total.count).toBe(rated.length);
    expect(review.satisfaction.ratings.total.average).toBeCloseTo(rated.reduce((s, v) => s + v.rating![1], 0) / rated.length, 9);
    expect(review.satisfaction.counters.total.count).toBe(SURVEYS.length);
    expect(review.improvement.closed).toBe(1); // closedDuring
    expect(review.mayorReview.reviewed).toBe(0);

    // Audit findings of the period, with the record opened from one of them.
    expect(review.auditFindings).toMatchObject({ total: 2, internal: 1, external: 1 });
    expect(review.auditFindings.byClass).toMatchObject({ minor_nonconformity: 1, opportunity: 1, nonconformity: 0 });
    expect(review.auditFindings.items.map((f) => [f.foundOn, f.nameJa, f.record?.number ?? null])).toEqual([
      ['2026-09-01', '道路管理課', 'IR-R-3'],
      ['2026-11-01', '市民課', null],
    ]);
    expect(review.findingTable.totals.findingsTotal).toBe(2);

    // Opportunities: negative = resolved "no" or satisfaction ≤ 2.
    expect(review.opportunities.negativeRatingCategories.map((c) => [c.nameJa, c.negative, c.ratings])).toEqual([
      ['道路・交通安全', 2, 3],
      ['戸籍・住民票・マイナンバー', 1, 2],
    ]);
    expect(review.opportunities.negativeRatingCategories[0]!.share).toBeCloseTo(2 / 3, 9);
    expect(review.opportunities.lowestCounters.map((c) => [c.nameJa, c.overall])).toEqual([
      ['水道料金窓口', 2], ['市民課窓口', 3], ['介護保険課窓口', 5],
    ]);
  });

  it('exports to .xlsx that reads back with Japanese sheet names and headers and the same figures', async () => {
    const review = await buildManagementReview(db, FY2026, TODAY);
    const buffer = await toXlsx(managementReviewSheets(review, 'ja'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['概要', '決定事項の状況', '件数（種別）', '回答日数', '期限内回答', '回答への評価', '窓口アンケート', '改善記録', '監査の指摘', '発生状況まとめ', '改善の機会']));

    const kinds = workbook.getWorksheet('件数（種別）')!;
    expect(kinds.getRow(1).values).toEqual([undefined, '種別', ...review.volumes.kind.months, '合計']);
    expect(kinds.getRow(3).values).toEqual([undefined, '苦情', 0, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 7]);

    const table = workbook.getWorksheet('発生状況まとめ')!;
    expect((table.getRow(1).values as unknown[]).slice(1, 13)).toEqual([
      '部', '課', '不適合（指摘区分）', '潜在的不適合（指摘区分）', '要望（指摘区分）', '改善の機会（指摘区分）', '修正事項（指摘区分）', '推奨事項（指摘区分）',
      '軽微な不適合（指摘区分）', '指摘等の計', 'うち内部監査', 'うち外部監査',
    ]);
    const doroRow = table.getRows(2, table.rowCount - 1)!.find((r) => r.getCell(2).value === '道路管理課')!;
    expect(doroRow.getCell(1).value).toBe('都市整備部');
    expect(doroRow.getCell(9).value).toBe(1); // 軽微な不適合 from the internal audit
    expect(doroRow.getCell(11).value).toBe(1); // うち内部監査
    expect(table.getRow(table.rowCount).getCell(1).value).toBe('合計');

    const summary = workbook.getWorksheet('概要')!;
    const received = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === '受付件数')!;
    expect(received.getCell(2).value).toBe(VOICES.length);

    const english = new ExcelJS.Workbook();
    await english.xlsx.load((await toXlsx(managementReviewSheets(review, 'en'))) as unknown as ArrayBuffer);
    expect(english.getWorksheet('Findings by division')!.getRow(1).getCell(3).value).toBe('Nonconformity (finding class)');
  });

  it('exports CSV with a BOM, and a decision written like a formula stays text', async () => {
    const review = await buildManagementReview(db, FY2026, TODAY);
    const sheets = managementReviewSheets(review, 'ja');
    const decisions = sheets.find((s) => s.name === '決定事項の状況')!;
    const csv = toCsv(decisions.rows, decisions.headers);
    expect(csv.startsWith('\uFEFFレビュー,実施日,決定事項,記録番号,改善記録の段階\r\n')).toBe(true);
    expect(csv).toContain(`,"'=HYPERLINK(""http://example.com"")を検討",,改善記録なし\r\n`);
    expect(csv).toContain(',IR-R-2,DO（実施）\r\n');

    const stats = publicStatisticsSheets(await publicStatistics(db, 2026), 'ja');
    const byCategory = toCsv(stats[0]!.rows, stats[0]!.headers);
    expect(byCategory.split('\r\n')[0]).toBe('\uFEFF分類,受付件数,回答件数,中央値（開庁日）,90パーセンタイル（開庁日）,中央値（暦日）');
    expect(byCategory).toContain('\r\n道路・交通安全,3,3,0,0,0\r\n');
    expect(byCategory).toContain(`\r\n合計,${VOICES.length},${VOICES.length},0,0,0\r\n`);
  });
});
