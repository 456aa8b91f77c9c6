import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import {
  auditFindings, categories, cityClosedDays, counterSurveys, departments, improvementActions, improvementRecords, replies,
  replyRatings, serviceCounters, submissions, users,
} from '../../db/schema/index';
import type { FindingClass, SubmissionChannel, SubmissionKind, SubmissionStatus } from '../../db/schema/enums';
import { businessDaysBetween, YEAR_END_CLOSURE, type ClosedDayRule } from '../../app/domain/business-days';
import { japanDate } from '../../app/japan-time';
import { findingTable } from '../../app/domain/analytics/finding-table.server';
import { improvementSummary } from '../../app/domain/analytics/improvement-summary.server';
import { fiscalYearPeriod, type Period } from '../../app/domain/analytics/period';
import { publicStatistics } from '../../app/domain/analytics/public-statistics.server';
import { deadlineCompliance, replyTimes } from '../../app/domain/analytics/reply-times.server';
import { counterSurveyTrend, replyRatingTrend } from '../../app/domain/analytics/satisfaction.server';
import { analyticsScopeFor, type AnalyticsScope } from '../../app/domain/analytics/scope';
import { mayorReview, overdueNow, voicesPerMonth, type VolumeDimension } from '../../app/domain/analytics/voices.server';
import { loadDashboard } from '../../app/domain/analytics/dashboard.server';
import { refreshAnalyticsRollups } from '../../app/domain/analytics/rollups.server';
import { seedOrganisation } from '../../app/seed/seed.server';
import { createTestDatabase, driverUnderTest } from '../support/db';

// A fixed city year, inserted row by row; every expected figure below is recomputed from these
// arrays with plain JavaScript (JS business-day loop, JS percentiles), never with the code under test.

const TODAY = '2027-04-10';
const FY2026 = fiscalYearPeriod(2026);
const CLOSED: ClosedDayRule[] = [
  ...YEAR_END_CLOSURE,
  { kind: 'annual', month: 6, day: 23 }, // 慰霊の日 (Okinawa)
  { kind: 'date', date: '2026-10-05' }, // a one-off closure
];

/** Times are Japan time. */
const jst = (t: string) => new Date(`${t}:00+09:00`);

interface VoiceFixture {
  key: string; kind: SubmissionKind; channel: SubmissionChannel; status: SubmissionStatus;
  category: string | null; department: string | null; received: string; due: string | null;
  mayor?: boolean; final?: string; interim?: string; draftFinal?: boolean;
}

const VOICES: VoiceFixture[] = [
  { key: 'v1', kind: 'complaint', channel: 'web', status: 'answered', category: 'koseki', department: 'shimin', received: '2026-04-06T10:00', due: '2026-04-20', mayor: true, final: '2026-04-09T15:00' },
  // Golden Week: 4/29, 5/4, 5/5 and the substitute holiday 5/6 are not business days.
  { key: 'v2', kind: 'idea', channel: 'phone', status: 'closed', category: 'doro', department: 'doro', received: '2026-04-28T09:00', due: '2026-05-07', interim: '2026-05-01T10:00', final: '2026-05-08T10:00' },
  // 08:30 on 1 May in Japan is still 30 April in UTC: it belongs to May.
  { key: 'v3', kind: 'request', channel: 'email', status: 'in_progress', category: 'gomi', department: 'kankyo', received: '2026-05-01T08:30', due: '2026-05-15' },
  { key: 'v4', kind: 'question', channel: 'web', status: 'answered', category: 'koseki', department: 'shimin', received: '2026-05-20T10:00', due: '2026-06-03', mayor: true, final: '2026-06-01T11:00' },
  { key: 'v5', kind: 'praise', channel: 'counter', status: 'received', category: null, department: null, received: '2026-06-10T14:00', due: '2026-06-24' },
  // The year-end closure (12/29–1/3) is skipped.
  { key: 'v6', kind: 'complaint', channel: 'web', status: 'answered', category: 'doro', department: 'doro', received: '2026-12-25T10:00', due: '2027-01-05', final: '2027-01-06T10:00' },
  { key: 'v7', kind: 'complaint', channel: 'web', status: 'hidden', category: 'koseki', department: 'shimin', received: '2026-07-01T10:00', due: '2026-07-15', final: '2026-07-02T10:00' },
  { key: 'v8', kind: 'complaint', channel: 'web', status: 'merged', category: 'koseki', department: 'shimin', received: '2026-07-02T10:00', due: '2026-07-16' },
  // Received in 2025年度, answered in 2026年度.
  { key: 'v9', kind: 'complaint', channel: 'letter', status: 'closed', category: 'koseki', department: 'shimin', received: '2026-03-25T10:00', due: '2026-04-08', mayor: true, final: '2026-04-02T10:00' },
  { key: 'v10', kind: 'idea', channel: 'staff_box', status: 'answered', category: 'gomi', department: 'kankyo', received: '2026-08-10T09:00', due: '2026-08-24', mayor: true, final: '2026-08-10T17:00' },
  // The last minutes of the 年度 in Japan, and the first of the next.
  { key: 'v11', kind: 'request', channel: 'web', status: 'triaged', category: 'doro', department: 'doro', received: '2027-03-31T23:00', due: '2027-04-14' },
  { key: 'v12', kind: 'complaint', channel: 'web', status: 'received', category: 'doro', department: 'doro', received: '2027-04-01T00:30', due: '2027-04-05' },
  // A final reply still awaiting approval is no answer.
  { key: 'v13', kind: 'complaint', channel: 'fax', status: 'in_progress', category: 'koseki', department: 'shimin', received: '2026-09-01T10:00', due: '2026-09-15', draftFinal: true },
  // 6/23 is a city closed day (annual rule).
  { key: 'v14', kind: 'question', channel: 'web', status: 'answered', category: 'koseki', department: 'shimin', received: '2026-06-22T09:00', due: '2026-07-06', final: '2026-06-24T09:00' },
  // 10/5 is a one-off closed day (date rule).
  { key: 'v15', kind: 'request', channel: 'web', status: 'answered', category: 'gomi', department: 'kankyo', received: '2026-10-02T12:00', due: '2026-10-16', final: '2026-10-07T12:00' },
];

const RATINGS: { voice: string; resolved: 'yes' | 'partly' | 'no'; satisfaction: number; at: string }[] = [
  { voice: 'v1', resolved: 'yes', satisfaction: 5, at: '2026-04-10T09:00' },
  { voice: 'v2', resolved: 'no', satisfaction: 1, at: '2026-05-09T20:00' },
  { voice: 'v4', resolved: 'partly', satisfaction: 3, at: '2026-07-01T08:00' }, // still June in UTC
  { voice: 'v6', resolved: 'no', satisfaction: 2, at: '2027-01-07T08:00' },
  { voice: 'v9', resolved: 'yes', satisfaction: 4, at: '2026-04-03T10:00' },
  { voice: 'v10', resolved: 'yes', satisfaction: 4, at: '2026-08-11T10:00' },
  { voice: 'v14', resolved: 'partly', satisfaction: 3, at: '2026-06-25T10:00' },
  { voice: 'v1', resolved: 'yes', satisfaction: 5, at: '2027-04-02T10:00' }, // next 年度
];

const SURVEYS: { counter: string; scores: [number, number, number, number]; at: string }[] = [
  { counter: 'shimin-madoguchi', scores: [4, 5, 3, 4], at: '2026-04-15T10:00' },
  { counter: 'shimin-madoguchi', scores: [2, 3, 3, 2], at: '2026-04-20T10:00' },
  { counter: 'shimin-madoguchi', scores: [5, 5, 5, 5], at: '2026-06-01T10:00' },
  { counter: 'suido-ryokin', scores: [3, 4, 4, 3], at: '2026-05-10T10:00' },
  { counter: 'kita-shisho', scores: [1, 2, 3, 1], at: '2027-03-31T20:00' },
  { counter: 'shimin-madoguchi', scores: [3, 3, 4, 4], at: '2026-09-01T07:30' }, // still August in UTC
  { counter: 'shimin-madoguchi', scores: [1, 1, 1, 1], at: '2026-03-31T23:59' }, // 2025年度
];

interface RecordFixture {
  key: string; department: string; stage: 'plan' | 'do' | 'check' | 'act' | 'closed'; findingClass: FindingClass; created: string;
  due?: string; effectiveness?: 'effective' | 'partly' | 'not_effective'; checked?: string; closed?: string; archived?: boolean; finding?: string;
}

const RECORDS: RecordFixture[] = [
  { key: 'r1', department: 'shimin', stage: 'closed', findingClass: 'nonconformity', created: '2026-05-01T10:00', due: '2026-08-31', effectiveness: 'effective', checked: '2026-08-25T10:00', closed: '2026-09-01T10:00' },
  { key: 'r2', department: 'doro', stage: 'do', findingClass: 'potential_nonconformity', created: '2026-06-01T10:00', due: '2026-10-01' },
  { key: 'r3', department: 'shimin', stage: 'check', findingClass: 'request', created: '2026-07-01T10:00', due: '2027-06-01' },
  { key: 'r4', department: 'kankyo', stage: 'plan', findingClass: 'opportunity', created: '2026-11-01T10:00', archived: true },
  { key: 'r5', department: 'doro', stage: 'act', findingClass: 'minor_fix', created: '2026-08-01T10:00', due: '2027-01-31', effectiveness: 'partly', checked: '2026-12-01T10:00' },
  { key: 'r6', department: 'shimin', stage: 'closed', findingClass: 'minor_nonconformity', created: '2025-10-01T10:00', due: '2026-04-30', effectiveness: 'effective', checked: '2026-04-15T10:00', closed: '2026-04-20T10:00' },
  { key: 'r7', department: 'shimin', stage: 'plan', findingClass: 'nonconformity', created: '2026-10-05T10:00', due: '2026-12-01', finding: 'f1' },
  { key: 'r8', department: 'kankyo', stage: 'plan', findingClass: 'recommendation', created: '2027-04-05T10:00', due: '2027-04-06' },
  { key: 'r9', department: 'kankyo', stage: 'check', findingClass: 'request', created: '2026-09-01T10:00', due: '2027-02-01', effectiveness: 'not_effective', checked: '2027-03-31T22:00' },
];

const ACTIONS: { record: string; department: string | null; due: string | null; done?: string }[] = [
  { record: 'r2', department: null, due: '2026-09-15' },
  { record: 'r2', department: null, due: '2026-09-20', done: '2026-09-19T10:00' },
  { record: 'r3', department: null, due: '2027-05-01' },
  { record: 'r5', department: 'kankyo', due: '2027-02-01' }, // 横展開 to another 課
  { record: 'r1', department: null, due: '2026-06-01', done: '2026-06-01T10:00' },
];

const FINDINGS: { key: string; department: string; findingClass: FindingClass; external?: string; foundOn: string }[] = [
  { key: 'f1', department: 'shimin', findingClass: 'nonconformity', foundOn: '2026-10-01' },
  { key: 'f2', department: 'doro', findingClass: 'opportunity', external: 'ISO審査機関', foundOn: '2026-11-10' },
  { key: 'f3', department: 'doro', findingClass: 'recommendation', foundOn: '2026-11-10' },
  { key: 'f4', department: 'kankyo', findingClass: 'minor_nonconformity', foundOn: '2026-03-31' },
];

// ——— independent expectations ———

const inPeriod = (day: string, p: Period) => day >= p.from && day <= p.to;
const dayOf = (t: string) => japanDate(jst(t));
const monthOf = (t: string) => dayOf(t).slice(0, 7);
const counted = (v: VoiceFixture) => v.status !== 'hidden' && v.status !== 'merged';

/** percentile_cont: linear interpolation between the closest ranks. */
function percentile(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

const average = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

function calendarDays(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

function answeredIn(p: Period, department: string | null) {
  return VOICES.filter((v) => counted(v) && v.final && inPeriod(dayOf(v.final), p) && (department === null || v.department === department))
    .map((v) => ({
      ...v,
      business: businessDaysBetween(dayOf(v.received), dayOf(v.final!), CLOSED),
      calendar: calendarDays(dayOf(v.received), dayOf(v.final!)),
    }));
}

function receivedIn(p: Period, department: string | null) {
  return VOICES.filter((v) => counted(v) && inPeriod(dayOf(v.received), p) && (department === null || v.department === department));
}

function months(p: Period): string[] {
  const list: string[] = [];
  for (let d = new Date(`${p.from.slice(0, 7)}-01T00:00:00Z`); d.toISOString().slice(0, 7) <= p.to.slice(0, 7); d.setUTCMonth(d.getUTCMonth() + 1)) {
    list.push(d.toISOString().slice(0, 7));
  }
  return list;
}

describe(`analytics figures on a fixed year (${driverUnderTest})`, () => {
  let db: Database;
  const dept = new Map<string, number>();
  const category = new Map<string, number>();
  const counter = new Map<string, number>();
  const counterDept = new Map<string, string>();
  const voiceId = new Map<string, number>();
  const recordId = new Map<string, number>();
  const scopeOf = (code: string | null): AnalyticsScope => ({ departmentId: code === null ? null : dept.get(code)! });

  beforeAll(async () => {
    db = (await createTestDatabase()).db;
    await seedOrganisation(db);
    await db.insert(cityClosedDays).values([
      { kind: 'annual', month: 6, day: 23, labelJa: '慰霊の日', labelTranslations: { en: 'Memorial Day' } },
      { kind: 'date', date: '2026-10-05', labelJa: '臨時閉庁', labelTranslations: { en: 'Closed' } },
    ]);
    for (const d of await db.select().from(departments)) dept.set(d.code, d.id);
    for (const c of await db.select().from(categories)) category.set(c.code, c.id);
    for (const c of await db.select().from(serviceCounters)) {
      counter.set(c.slug, c.id);
      counterDept.set(c.slug, [...dept].find(([, id]) => id === c.departmentId)![0]);
    }
    const [author] = await db.insert(users).values({ email: 'author@example.jp', displayName: '職員', role: 'staff', departmentId: dept.get('shimin')! }).returning();
    const [auditor] = await db.insert(users).values({ email: 'auditor@example.jp', displayName: '監査', role: 'auditor' }).returning();

    for (const [i, v] of VOICES.entries()) {
      const [row] = await db.insert(submissions).values({
        fiscalYear: 2026, receiptNumber: `T-${i}`, trackingTokenHash: `hash-${i}`, kind: v.kind, channel: v.channel, status: v.status,
        categoryId: v.category ? category.get(v.category)! : null, departmentId: v.department ? dept.get(v.department)! : null,
        title: v.key, body: v.key, receivedAt: jst(v.received), dueDate: v.due,
        mayorReviewedAt: v.mayor ? jst(v.received) : null,
      }).returning({ id: submissions.id });
      voiceId.set(v.key, row!.id);
      if (v.interim) await db.insert(replies).values({ submissionId: row!.id, kind: 'interim', status: 'sent', body: '中間', interimReason: '調査中', newDueDate: v.due, authorId: author!.id, sentAt: jst(v.interim) });
      if (v.final) await db.insert(replies).values({ submissionId: row!.id, kind: 'final', status: 'sent', body: '回答', authorId: author!.id, sentAt: jst(v.final) });
      if (v.draftFinal) await db.insert(replies).values({ submissionId: row!.id, kind: 'final', status: 'awaiting_approval', body: '案', authorId: author!.id });
    }
    for (const r of RATINGS) {
      await db.insert(replyRatings).values({ submissionId: voiceId.get(r.voice)!, resolved: r.resolved, satisfaction: r.satisfaction, createdAt: jst(r.at) });
    }
    for (const s of SURVEYS) {
      const [speed, courtesy, clarity, overall] = s.scores;
      await db.insert(counterSurveys).values({ counterId: counter.get(s.counter)!, speed, courtesy, clarity, overall, createdAt: jst(s.at) });
    }
    const findingId = new Map<string, number>();
    for (const f of FINDINGS) {
      const [row] = await db.insert(auditFindings).values({
        auditorId: auditor!.id, departmentId: dept.get(f.department)!, findingClass: f.findingClass, externalBody: f.external ?? null,
        description: f.key, foundOn: f.foundOn,
      }).returning({ id: auditFindings.id });
      findingId.set(f.key, row!.id);
    }
    for (const [i, r] of RECORDS.entries()) {
      const [row] = await db.insert(improvementRecords).values({
        number: `IR-T-${i}`, title: r.key, type: 'corrective', findingClass: r.findingClass, level: 'operations',
        source: r.finding ? 'internal_audit' : 'voice', stage: r.stage, ownerDepartmentId: dept.get(r.department)!, dueDate: r.due ?? null,
        auditFindingId: r.finding ? findingId.get(r.finding)! : null, problemStatement: r.key,
        effectiveness: r.effectiveness ?? null, checkedAt: r.checked ? jst(r.checked) : null,
        closedAt: r.closed ? jst(r.closed) : null, archivedAt: r.archived ? jst('2026-12-01T10:00') : null,
        archiveReason: r.archived ? '重複' : null, createdAt: jst(r.created),
      }).returning({ id: improvementRecords.id });
      recordId.set(r.key, row!.id);
    }
    for (const a of ACTIONS) {
      await db.insert(improvementActions).values({
        recordId: recordId.get(a.record)!, description: 'action', ownerDepartmentId: a.department ? dept.get(a.department)! : null,
        dueDate: a.due, doneAt: a.done ? jst(a.done) : null,
      });
    }
    // What the worker does: the figures read the rollups.
    await refreshAnalyticsRollups(db);
  });

  const scopes = [null, 'shimin', 'doro', 'kankyo'] as const;

  it.each(['kind', 'category', 'department', 'channel'] as VolumeDimension[])('counts voices per month by %s, every month present, for every 課 and the city', async (by) => {
    const keyOf = (v: VoiceFixture): string => {
      if (by === 'kind') return v.kind;
      if (by === 'channel') return v.channel;
      if (by === 'category') return v.category ? String(category.get(v.category)) : 'none';
      return v.department ? String(dept.get(v.department)) : 'none';
    };
    for (const scope of scopes) {
      const result = await voicesPerMonth(db, scopeOf(scope), FY2026, TODAY, by);
      const voices = receivedIn(FY2026, scope);
      expect(result.months).toEqual(months(FY2026));
      expect(result.total, `${by} ${scope}`).toBe(voices.length);
      expect(result.monthTotals).toEqual(result.months.map((m) => voices.filter((v) => monthOf(v.received) === m).length));
      const expectedKeys = by === 'kind' ? ['idea', 'complaint', 'request', 'question', 'praise']
        : by === 'channel' ? ['web', 'phone', 'fax', 'counter', 'letter', 'email', 'staff_box', 'api']
          : [...new Set(voices.map(keyOf))];
      expect(result.series.map((s) => s.key).sort()).toEqual([...expectedKeys].sort());
      for (const s of result.series) {
        expect(s.counts, `${by} ${scope} ${s.key}`).toEqual(result.months.map((m) => voices.filter((v) => keyOf(v) === s.key && monthOf(v.received) === m).length));
        expect(s.total).toBe(voices.filter((v) => keyOf(v) === s.key).length);
      }
    }
    if (by === 'department') {
      const shimin = (await voicesPerMonth(db, scopeOf(null), FY2026, TODAY, by)).series.find((s) => s.key === String(dept.get('shimin')));
      expect(shimin?.nameJa).toBe('市民課');
    }
  });

  it('puts a voice in the Japanese month it arrived, and a shorter period has only its months', async () => {
    const period = { from: '2026-05-01', to: '2026-06-30' };
    const result = await voicesPerMonth(db, scopeOf(null), period, TODAY, 'kind');
    expect(result.months).toEqual(['2026-05', '2026-06']);
    const request = result.series.find((s) => s.key === 'request')!;
    expect(request.counts).toEqual([1, 0]); // v3, received 1 May 08:30 in Japan
    expect(result.total).toBe(receivedIn(period, null).length);
  });

  it('measures reply time from receipt to the first sent final reply, in business and calendar days', async () => {
    for (const scope of scopes) {
      const answered = answeredIn(FY2026, scope);
      const result = await replyTimes(db, scopeOf(scope), FY2026, TODAY);
      expect(result.overall.answered, String(scope)).toBe(answered.length);
      expect(result.overall.businessDays.median).toBeCloseTo(percentile(answered.map((a) => a.business), 0.5)!, 9);
      expect(result.overall.businessDays.p90).toBeCloseTo(percentile(answered.map((a) => a.business), 0.9)!, 9);
      expect(result.overall.calendarDays.median).toBeCloseTo(percentile(answered.map((a) => a.calendar), 0.5)!, 9);
      expect(result.overall.calendarDays.p90).toBeCloseTo(percentile(answered.map((a) => a.calendar), 0.9)!, 9);
      for (const group of result.byDepartment) {
        const code = [...dept].find(([, id]) => id === group.id)![0];
        const mine = answered.filter((a) => a.department === code);
        expect(group.answered).toBe(mine.length);
        expect(group.businessDays.median).toBeCloseTo(percentile(mine.map((a) => a.business), 0.5)!, 9);
      }
    }
    // The fixture really exercises the calendar: holidays, the year-end closure and both kinds of city closed day.
    const byKey = new Map(answeredIn(FY2026, null).map((a) => [a.key, a.business]));
    expect(Object.fromEntries(byKey)).toEqual({ v1: 3, v2: 4, v4: 8, v6: 4, v9: 6, v10: 0, v14: 1, v15: 2 });
  });

  it('gives no reply-time figures for a period without answers', async () => {
    const empty = await replyTimes(db, scopeOf(null), { from: '2025-01-01', to: '2025-01-31' }, TODAY);
    expect(empty.overall).toEqual({ answered: 0, businessDays: { median: null, p90: null }, calendarDays: { median: null, p90: null } });
    expect(empty.byDepartment).toEqual([]);
  });

  it('counts answers on or before the due date among the answers of the period', async () => {
    for (const scope of scopes) {
      const answered = answeredIn(FY2026, scope);
      const onTime = answered.filter((a) => dayOf(a.final!) <= a.due!).length;
      const result = await deadlineCompliance(db, scopeOf(scope), FY2026, TODAY);
      expect(result.answered, String(scope)).toBe(answered.length);
      expect(result.withDueDate).toBe(answered.length);
      expect(result.onTime).toBe(onTime);
      expect(result.late).toBe(answered.length - onTime);
      expect(result.share).toBeCloseTo(onTime / answered.length, 9);
      expect(result.extendedByInterim).toBe(answered.filter((a) => a.interim).length);
    }
    expect((await deadlineCompliance(db, scopeOf('doro'), FY2026, TODAY)).late).toBe(2); // v2 and v6
  });

  it('lists open voices past their due date today, received by the end of the period', async () => {
    for (const scope of scopes) {
      const overdue = VOICES.filter((v) => ['received', 'triaged', 'in_progress'].includes(v.status) && v.due! < TODAY
        && dayOf(v.received) <= FY2026.to && (scope === null || v.department === scope));
      const result = await overdueNow(db, scopeOf(scope), FY2026, TODAY);
      expect(result.count, String(scope)).toBe(overdue.length);
      expect(result.byDepartment.reduce((n, g) => n + g.count, 0)).toBe(overdue.length);
      for (const g of result.byDepartment) {
        const mine = overdue.filter((v) => (v.department ? dept.get(v.department) : null) === g.departmentId);
        expect(g.count).toBe(mine.length);
        expect(g.oldestDueDate).toBe(mine.map((v) => v.due!).sort()[0]);
        expect(g.maxDaysOverdue).toBe(calendarDays(g.oldestDueDate, TODAY));
      }
    }
    // v12 (received in the next 年度) is late too, but not a 2026年度 voice.
    expect((await overdueNow(db, scopeOf('doro'), fiscalYearPeriod(2027), TODAY)).count).toBe(1);
  });

  it("gives the share the mayor has read and the oldest voice still waiting", async () => {
    for (const scope of scopes) {
      const voices = receivedIn(FY2026, scope);
      const unread = voices.filter((v) => !v.mayor).sort((a, b) => a.received.localeCompare(b.received));
      const result = await mayorReview(db, scopeOf(scope), FY2026, TODAY);
      expect(result.received, String(scope)).toBe(voices.length);
      expect(result.reviewed).toBe(voices.filter((v) => v.mayor).length);
      expect(result.share).toBeCloseTo(voices.filter((v) => v.mayor).length / voices.length, 9);
      const oldest = unread[0]!;
      expect(result.oldestUnreviewed).toEqual({
        submissionId: voiceId.get(oldest.key), receiptNumber: `T-${VOICES.indexOf(oldest)}`,
        receivedOn: dayOf(oldest.received), ageDays: calendarDays(dayOf(oldest.received), TODAY),
      });
    }
  });

  it('trends reply ratings per month and per 課: count, average satisfaction, shares resolved', async () => {
    for (const scope of scopes) {
      const given = RATINGS.filter((r) => inPeriod(dayOf(r.at), FY2026))
        .map((r) => ({ ...r, department: VOICES.find((v) => v.key === r.voice)!.department }))
        .filter((r) => scope === null || r.department === scope);
      const result = await replyRatingTrend(db, scopeOf(scope), FY2026, TODAY);
      const check = (figures: typeof result.total, list: typeof given) => {
        expect(figures.count).toBe(list.length);
        if (list.length === 0) {
          expect(figures.average).toBeNull();
          expect(figures.yesShare).toBeNull();
          return;
        }
        expect(figures.average).toBeCloseTo(average(list.map((r) => r.satisfaction))!, 9);
        for (const answer of ['yes', 'partly', 'no'] as const) {
          expect(figures[answer]).toBe(list.filter((r) => r.resolved === answer).length);
          expect(figures[`${answer}Share`]).toBeCloseTo(list.filter((r) => r.resolved === answer).length / list.length, 9);
        }
      };
      check(result.total, given);
      expect(result.months.map((m) => m.month)).toEqual(months(FY2026));
      for (const m of result.months) check(m, given.filter((r) => monthOf(r.at) === m.month));
      expect(result.byDepartment.map((d) => d.departmentId).sort()).toEqual([...new Set(given.map((r) => dept.get(r.department!)!))].sort());
      for (const d of result.byDepartment) {
        const mine = given.filter((r) => dept.get(r.department!) === d.departmentId);
        check(d, mine);
        for (const m of d.months) check(m, mine.filter((r) => monthOf(r.at) === m.month));
      }
    }
  });

  it('trends counter surveys per month and per counter with the four average scores', async () => {
    for (const scope of scopes) {
      const answers = SURVEYS.filter((s) => inPeriod(dayOf(s.at), FY2026) && (scope === null || counterDept.get(s.counter) === scope));
      const result = await counterSurveyTrend(db, scopeOf(scope), FY2026, TODAY);
      const check = (figures: typeof result.total, list: typeof answers) => {
        expect(figures.count).toBe(list.length);
        (['speed', 'courtesy', 'clarity', 'overall'] as const).forEach((score, i) => {
          const expected = average(list.map((s) => s.scores[i]!));
          if (expected === null) expect(figures[score]).toBeNull();
          else expect(figures[score]).toBeCloseTo(expected, 9);
        });
      };
      check(result.total, answers);
      for (const m of result.months) check(m, answers.filter((s) => monthOf(s.at) === m.month));
      // Every active counter of the scope shows, even without answers.
      const slugs = [...counter.keys()].filter((slug) => scope === null || counterDept.get(slug) === scope);
      expect(result.byCounter.map((c) => c.counterId).sort()).toEqual(slugs.map((s) => counter.get(s)!).sort());
      for (const c of result.byCounter) {
        const slug = [...counter].find(([, id]) => id === c.counterId)![0];
        const mine = answers.filter((s) => s.counter === slug);
        check(c, mine);
        expect(c.months).toHaveLength(12);
        for (const m of c.months) check(m, mine.filter((s) => monthOf(s.at) === m.month));
      }
    }
    const kita = (await counterSurveyTrend(db, scopeOf('shimin'), FY2026, TODAY)).byCounter.find((c) => c.counterId === counter.get('kita-shisho'))!;
    expect(kita.months.find((m) => m.month === '2027-03')!.count).toBe(1); // 20:00 on 31 March in Japan
  });

  it('summarises improvement records: stages, opened, closed, overdue, effectiveness', async () => {
    const end = FY2026.to;
    for (const scope of scopes) {
      const records = RECORDS.filter((r) => !r.archived && dayOf(r.created) <= end && (scope === null || r.department === scope));
      const result = await improvementSummary(db, scopeOf(scope), FY2026, TODAY);
      for (const stage of ['plan', 'do', 'check', 'act', 'closed'] as const) {
        expect(result.byStage[stage], `${scope} ${stage}`).toBe(records.filter((r) => r.stage === stage).length);
      }
      expect(result.opened).toBe(records.filter((r) => inPeriod(dayOf(r.created), FY2026)).length);
      expect(result.closed).toBe(records.filter((r) => r.closed && inPeriod(dayOf(r.closed), FY2026)).length);
      const overdue = records.filter((r) => r.stage !== 'closed' && r.due && r.due < TODAY);
      expect(result.overdue).toBe(overdue.length);
      expect(result.overdueRecords.map((r) => r.id).sort()).toEqual(overdue.map((r) => recordId.get(r.key)!).sort());
      const checked = records.filter((r) => r.effectiveness && inPeriod(dayOf(r.checked!), FY2026));
      expect(result.checked).toBe(checked.length);
      expect(result.effective).toBe(checked.filter((r) => r.effectiveness === 'effective').length);
      expect(result.partlyEffective).toBe(checked.filter((r) => r.effectiveness === 'partly').length);
      expect(result.notEffective).toBe(checked.filter((r) => r.effectiveness === 'not_effective').length);
      if (checked.length === 0) expect(result.effectiveShare).toBeNull();
      else expect(result.effectiveShare).toBeCloseTo(checked.filter((r) => r.effectiveness === 'effective').length / checked.length, 9);
      const overdueActions = ACTIONS.filter((a) => {
        const record = RECORDS.find((r) => r.key === a.record)!;
        return !a.done && a.due && a.due < TODAY && record.stage !== 'closed' && !record.archived
          && (scope === null || (a.department ?? record.department) === scope);
      });
      expect(result.overdueActions, `${scope} actions`).toBe(overdueActions.length);
    }
    const all = await improvementSummary(db, scopeOf(null), FY2026, TODAY);
    expect(all.overdueRecords[0]).toMatchObject({ number: 'IR-T-1', dueDate: '2026-10-01', daysOverdue: calendarDays('2026-10-01', TODAY), nameJa: '道路管理課' });
  });

  it('builds the 発生状況まとめ: 課 × finding classes and kinds, each finding counted once, with totals', async () => {
    const fyFrom = FY2026.from;
    const fyTo = FY2026.to;
    const classes = ['nonconformity', 'potential_nonconformity', 'request', 'opportunity', 'minor_fix', 'recommendation', 'minor_nonconformity'] as const;
    const kinds = ['idea', 'complaint', 'request', 'question', 'praise'] as const;
    for (const scope of scopes) {
      const facts = [
        ...RECORDS.filter((r) => !r.archived && !r.finding && inPeriod(dayOf(r.created), FY2026)).map((r) => ({ department: r.department, cls: r.findingClass, origin: null as string | null })),
        ...FINDINGS.filter((f) => f.foundOn >= fyFrom && f.foundOn <= fyTo).map((f) => ({ department: f.department, cls: f.findingClass, origin: f.external ? 'external' : 'internal' })),
      ].filter((f) => scope === null || f.department === scope);
      const voices = receivedIn(FY2026, scope);
      const table = await findingTable(db, scopeOf(scope), 2026);
      expect(table.fiscalYear).toBe(2026);
      const kaCount = (await db.select().from(departments).where(eq(departments.level, 'ka'))).length;
      const expectedRows = scope === null ? kaCount + (voices.some((v) => v.department === null) ? 1 : 0) : 1;
      expect(table.rows, String(scope)).toHaveLength(expectedRows);
      for (const row of table.rows) {
        const code = row.departmentId === null ? null : [...dept].find(([, id]) => id === row.departmentId)![0];
        const mine = facts.filter((f) => f.department === code);
        const myVoices = voices.filter((v) => v.department === code);
        for (const c of classes) expect(row.findings[c], `${code} ${c}`).toBe(mine.filter((f) => f.cls === c).length);
        expect(row.findingsTotal).toBe(mine.length);
        expect(row.internalAudit).toBe(mine.filter((f) => f.origin === 'internal').length);
        expect(row.externalAudit).toBe(mine.filter((f) => f.origin === 'external').length);
        for (const k of kinds) expect(row.voices[k], `${code} ${k}`).toBe(myVoices.filter((v) => v.kind === k).length);
        expect(row.voicesTotal).toBe(myVoices.length);
      }
      for (const c of classes) expect(table.totals.findings[c]).toBe(facts.filter((f) => f.cls === c).length);
      expect(table.totals.findingsTotal).toBe(facts.length);
      expect(table.totals.voicesTotal).toBe(voices.length);
      for (const k of kinds) expect(table.totals.voices[k]).toBe(voices.filter((v) => v.kind === k).length);
    }
    const all = await findingTable(db, scopeOf(null), 2026);
    const shimin = all.rows.find((r) => r.departmentId === dept.get('shimin'))!;
    expect(shimin).toMatchObject({ nameJa: '市民課', buNameJa: '市民生活部' });
    expect(shimin.findings.nonconformity).toBe(2); // r1, and f1 (not again as r7, the record opened from it)
    expect(all.rows.at(-1)!.departmentId).toBeNull(); // the unrouted voice v5 comes last
  });

  it('publishes counts and reply times per category and per 課, without hidden or merged voices', async () => {
    const stats = await publicStatistics(db, 2026);
    const voices = receivedIn(FY2026, null);
    const answered = answeredIn(FY2026, null);
    expect(stats.total.received).toBe(voices.length);
    expect(stats.total.answered).toBe(answered.length);
    expect(stats.total.medianBusinessDays).toBeCloseTo(percentile(answered.map((a) => a.business), 0.5)!, 9);
    expect(stats.total.medianCalendarDays).toBeCloseTo(percentile(answered.map((a) => a.calendar), 0.5)!, 9);
    for (const [list, field, ids] of [[stats.byCategory, 'category', category], [stats.byDepartment, 'department', dept]] as const) {
      const keyOf = (v: VoiceFixture) => (v[field] === null ? null : ids.get(v[field]!)!);
      const expectedKeys = [...new Set([...voices, ...answered].map(keyOf))];
      expect(list.map((r) => r.id).sort()).toEqual(expectedKeys.sort());
      for (const row of list) {
        const mine = answered.filter((a) => keyOf(a) === row.id);
        expect(row.received, `${field} ${row.id}`).toBe(voices.filter((v) => keyOf(v) === row.id).length);
        expect(row.answered).toBe(mine.length);
        if (mine.length === 0) expect(row.medianBusinessDays).toBeNull();
        else expect(row.medianBusinessDays).toBeCloseTo(percentile(mine.map((a) => a.business), 0.5)!, 9);
      }
    }
    // The hidden v7 was answered, but neither it nor the merged v8 shows.
    const koseki = stats.byCategory.find((r) => r.id === category.get('koseki'))!;
    expect(koseki).toMatchObject({ received: 4, answered: 4 }); // v1, v4, v13, v14 received; v1, v4, v9, v14 answered
  });

  it("gives a 課's user only their own 課, and the reform team the whole city", async () => {
    const shiminId = dept.get('shimin')!;
    const staff = analyticsScopeFor({ role: 'staff', departmentId: shiminId });
    expect(staff).toEqual({ departmentId: shiminId });
    expect(analyticsScopeFor({ role: 'reform', departmentId: dept.get('kikaku-chosei')! })).toEqual({ departmentId: null });
    expect(analyticsScopeFor({ role: 'manager', departmentId: null })).toEqual({ departmentId: -1 });

    const mine = await loadDashboard(db, staff, FY2026, TODAY);
    expect(mine.volumes.department.series.map((s) => s.key)).toEqual([String(shiminId)]);
    expect(mine.volumes.kind.total).toBe(receivedIn(FY2026, 'shimin').length);
    expect(mine.replyTimes.byDepartment.map((g) => g.id)).toEqual([shiminId]);
    expect(mine.ratings.byDepartment.map((g) => g.departmentId)).toEqual([shiminId]);
    expect(mine.counters.byCounter.every((c) => c.departmentId === shiminId)).toBe(true);
    expect(mine.overdue.byDepartment.map((g) => g.departmentId)).toEqual([shiminId]);
    expect(mine.improvement.overdueRecords.every((r) => r.departmentId === shiminId)).toBe(true);

    const nobody = await loadDashboard(db, { departmentId: -1 }, FY2026, TODAY);
    expect(nobody.volumes.kind.total).toBe(0);
    expect(nobody.replyTimes.overall.answered).toBe(0);
    expect(nobody.ratings.total.count).toBe(0);
  });
});
