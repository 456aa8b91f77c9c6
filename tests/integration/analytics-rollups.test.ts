import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../db/client';
import {
  categories, cityClosedDays, counterSurveys, departments, replies, replyRatings, serviceCounters, submissions, users,
} from '../../db/schema/index';
import type { SubmissionChannel, SubmissionKind, SubmissionStatus } from '../../db/schema/enums';
import { businessDaysBetween } from '../../app/domain/business-days';
import { loadClosedDays } from '../../app/domain/calendar.server';
import { japanDate } from '../../app/japan-time';
import { loadDashboard } from '../../app/domain/analytics/dashboard.server';
import { findingTableForPeriod } from '../../app/domain/analytics/finding-table.server';
import { addToHistogram, percentileCont, type Histogram } from '../../app/domain/analytics/histogram';
import type { Period } from '../../app/domain/analytics/period';
import { publicStatistics } from '../../app/domain/analytics/public-statistics.server';
import { analyticsRollupsJob } from '../../app/domain/analytics/refresh-loop.server';
import { startJobs } from '../../app/jobs/registry.server';
import { analyticsRollupStatus, refreshAnalyticsRollups } from '../../app/domain/analytics/rollups.server';
import type { Logger } from '../../app/logger.server';
import type { AnalyticsScope } from '../../app/domain/analytics/scope';
import { seedOrganisation } from '../../app/seed/seed.server';
import { createTestDatabase, driverUnderTest } from '../support/db';

// The rollups against the voices they summarise: a random city (seeded, so every run is the
// same) over sixteen months, read back for random periods — whole months and partial ones,
// which mix month rows and day rows — and compared with counts made here in plain JavaScript
// (businessDaysBetween, a sort-based percentile). Then: a figure changes only after a refresh,
// the recent-months refresh gives exactly what a full one gives, a changed calendar or a
// missing rollup means a full refresh, and two refreshes never run together.

const TODAY = '2027-01-20';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
const rand = random(20_261_121);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
/** A random instant between two Japan days, often close to midnight in Japan (the edge of a day and a month). */
function instant(fromDay: string, days: number): Date {
  const base = Date.parse(`${fromDay}T00:00:00+09:00`) + int(0, days) * 86_400_000;
  const minutes = rand() < 0.3 ? pick([0, 1, 30, 8 * 60 + 59, 9 * 60, 23 * 60 + 59]) : int(0, 24 * 60 - 1);
  return new Date(base + minutes * 60_000);
}
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000 + int(0, 20 * 60) * 60_000);
const day = (d: Date) => japanDate(d);

interface Voice {
  id: number; kind: SubmissionKind; channel: SubmissionChannel; status: SubmissionStatus;
  department: number | null; category: number | null; received: Date; due: string | null; mayor: boolean;
  final: Date | null; interim: Date | null;
}
interface Rating { voice: Voice; resolved: 'yes' | 'partly' | 'no'; satisfaction: number; at: Date }
interface Survey { counter: number; department: number; scores: [number, number, number, number]; at: Date }

function percentileOf(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  return sorted[lower]! + (sorted[Math.ceil(position)]! - sorted[lower]!) * (position - lower);
}
const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

describe(`analytics rollups (${driverUnderTest})`, () => {
  let db: Database;
  let authorId: number;
  let closed: Awaited<ReturnType<typeof loadClosedDays>>;
  const voices: Voice[] = [];
  const ratings: Rating[] = [];
  const surveys: Survey[] = [];
  let departmentIds: number[] = [];
  let categoryIds: number[] = [];

  const counted = (v: Voice) => v.status !== 'hidden' && v.status !== 'merged';
  const inPeriod = (d: Date, p: Period) => day(d) >= p.from && day(d) <= p.to;
  const inScope = (department: number | null, scope: AnalyticsScope) => scope.departmentId === null || department === scope.departmentId;

  async function addVoice(v: Omit<Voice, 'id'>, i: number): Promise<Voice> {
    const [row] = await db.insert(submissions).values({
      fiscalYear: 2026, receiptNumber: `RU-${i}`, trackingTokenHash: `ru-${i}`, kind: v.kind, channel: v.channel, status: v.status,
      categoryId: v.category, departmentId: v.department, title: 't', body: 'b', receivedAt: v.received, dueDate: v.due,
      mayorReviewedAt: v.mayor ? addDays(v.received, 1) : null,
    }).returning({ id: submissions.id });
    const voice = { ...v, id: row!.id };
    if (v.interim) await db.insert(replies).values({ submissionId: voice.id, kind: 'interim', status: 'sent', body: '中間', interimReason: '調査中', authorId, sentAt: v.interim });
    if (v.final) await db.insert(replies).values({ submissionId: voice.id, kind: 'final', status: 'sent', body: '回答', authorId, sentAt: v.final });
    voices.push(voice);
    return voice;
  }

  beforeAll(async () => {
    db = (await createTestDatabase()).db;
    await seedOrganisation(db);
    await db.insert(cityClosedDays).values({ kind: 'annual', month: 6, day: 23, labelJa: '慰霊の日', labelTranslations: { en: 'Memorial Day' } });
    closed = await loadClosedDays(db);
    const ka = (await db.select().from(departments)).filter((d) => d.level === 'ka').slice(0, 4);
    departmentIds = ka.map((d) => d.id);
    categoryIds = (await db.select().from(categories)).slice(0, 5).map((c) => c.id);
    const counters = await db.select().from(serviceCounters);
    const [author] = await db.insert(users).values({ email: 'rollup@example.jp', displayName: '職員', role: 'staff', departmentId: departmentIds[0]! }).returning();
    authorId = author!.id;

    const statuses: SubmissionStatus[] = ['received', 'triaged', 'in_progress', 'answered', 'closed', 'closed', 'answered', 'merged', 'referred', 'not_actionable', 'hidden'];
    for (let i = 0; i < 260; i += 1) {
      const received = instant('2025-09-20', 470);
      const answered = rand() < 0.65;
      const final = answered ? addDays(received, int(0, 45)) : null;
      await addVoice({
        kind: pick(['idea', 'complaint', 'request', 'question', 'praise'] as const),
        channel: pick(['web', 'phone', 'fax', 'counter', 'letter', 'email', 'staff_box', 'api'] as const),
        status: pick(statuses), department: rand() < 0.1 ? null : pick(departmentIds), category: rand() < 0.1 ? null : pick(categoryIds),
        received, due: rand() < 0.1 ? null : day(addDays(received, int(3, 25))), mayor: rand() < 0.6,
        final, interim: final && rand() < 0.2 ? new Date((received.getTime() + final.getTime()) / 2) : null,
      }, i);
    }
    // A final reply awaiting approval is no answer.
    await db.insert(replies).values({ submissionId: voices[0]!.id, kind: 'final', status: 'awaiting_approval', body: '案', authorId });
    for (const v of voices.filter((x) => x.final && rand() < 0.6)) {
      const rating: Rating = { voice: v, resolved: pick(['yes', 'partly', 'no'] as const), satisfaction: int(1, 5), at: addDays(v.final!, int(0, 10)) };
      await db.insert(replyRatings).values({ submissionId: v.id, resolved: rating.resolved, satisfaction: rating.satisfaction, createdAt: rating.at });
      ratings.push(rating);
    }
    for (let i = 0; i < 150; i += 1) {
      const counter = pick(counters);
      const survey: Survey = { counter: counter.id, department: counter.departmentId, scores: [int(1, 5), int(1, 5), int(1, 5), int(1, 5)], at: instant('2025-09-20', 470) };
      const [speed, courtesy, clarity, overall] = survey.scores;
      await db.insert(counterSurveys).values({ counterId: counter.id, speed, courtesy, clarity, overall, createdAt: survey.at });
      surveys.push(survey);
    }
    await refreshAnalyticsRollups(db);
  });

  /** Periods of every shape: a 年度, whole months, partial months at either or both edges, one day, two days across a month end. */
  function periods(): Period[] {
    const list: Period[] = [
      { from: '2026-04-01', to: '2027-03-31' }, { from: '2025-10-01', to: '2026-01-31' }, { from: '2026-05-17', to: '2026-08-03' },
      { from: '2026-02-01', to: '2026-02-14' }, { from: '2026-06-23', to: '2026-06-23' }, { from: '2026-04-30', to: '2026-05-01' },
      { from: '2025-09-25', to: '2026-12-31' },
    ];
    for (let i = 0; i < 8; i += 1) {
      const from = day(instant('2025-09-20', 400));
      const to = day(new Date(Date.parse(`${from}T12:00:00+09:00`) + int(0, 200) * 86_400_000));
      list.push({ from, to });
    }
    return list;
  }

  it('gives PostgreSQL\'s percentile_cont exactly, from the histogram of the values', async () => {
    const next = random(99);
    for (let round = 0; round < 25; round += 1) {
      const values = Array.from({ length: 1 + Math.floor(next() * 120) }, () => Math.floor(next() * 30));
      const histogram: Histogram = new Map();
      for (const v of values) addToHistogram(histogram, v, 1);
      const [row] = await queryRows<{ p10: number; p50: number; p90: number; p75: number }>(db, sql`
        select percentile_cont(0.1) within group (order by v)::float8 as p10, percentile_cont(0.5) within group (order by v)::float8 as p50,
          percentile_cont(0.9) within group (order by v)::float8 as p90, percentile_cont(0.75) within group (order by v)::float8 as p75
        from unnest(${`{${values.join(',')}}`}::int[]) as v`);
      expect([0.1, 0.5, 0.9, 0.75].map((f) => percentileCont(histogram, f)), values.join(',')).toEqual([row!.p10, row!.p50, row!.p90, row!.p75]);
    }
  });

  it('gives every figure of the dashboard for any period and scope, whole months or not, as counted from the voices', async () => {
    const scopes: AnalyticsScope[] = [{ departmentId: null }, { departmentId: departmentIds[0]! }, { departmentId: departmentIds[2]! }];
    for (const period of periods()) {
      for (const scope of scopes) {
        const label = `${period.from}..${period.to} ${scope.departmentId}`;
        const d = await loadDashboard(db, scope, period, TODAY);
        const received = voices.filter((v) => counted(v) && inPeriod(v.received, period) && inScope(v.department, scope));
        expect(d.volumes.kind.total, label).toBe(received.length);
        expect(d.volumes.channel.monthTotals, label).toEqual(d.volumes.kind.months.map((m) => received.filter((v) => day(v.received).slice(0, 7) === m).length));
        for (const s of d.volumes.category.series) {
          expect(s.total, `${label} category ${s.key}`).toBe(received.filter((v) => String(v.category ?? 'none') === s.key).length);
        }
        expect(d.mayorReview.received, label).toBe(received.length);
        expect(d.mayorReview.reviewed, label).toBe(received.filter((v) => v.mayor).length);

        const answered = voices.filter((v) => counted(v) && v.final && inPeriod(v.final, period) && inScope(v.department, scope))
          .map((v) => ({ ...v, business: businessDaysBetween(day(v.received), day(v.final!), closed), calendar: (Date.parse(day(v.final!)) - Date.parse(day(v.received))) / 86_400_000 }));
        expect(d.replyTimes.overall.answered, label).toBe(answered.length);
        expect(d.replyTimes.overall.businessDays.median, label).toBe(percentileOf(answered.map((a) => a.business), 0.5));
        expect(d.replyTimes.overall.businessDays.p90, label).toBe(percentileOf(answered.map((a) => a.business), 0.9));
        expect(d.replyTimes.overall.calendarDays.p90, label).toBe(percentileOf(answered.map((a) => a.calendar), 0.9));
        for (const g of d.replyTimes.byDepartment) {
          expect(g.businessDays.median, `${label} ${g.id}`).toBe(percentileOf(answered.filter((a) => a.department === g.id).map((a) => a.business), 0.5));
        }
        const withDue = answered.filter((a) => a.due !== null);
        expect(d.deadlineCompliance.withDueDate, label).toBe(withDue.length);
        expect(d.deadlineCompliance.onTime, label).toBe(withDue.filter((a) => day(a.final!) <= a.due!).length);
        expect(d.deadlineCompliance.extendedByInterim, label).toBe(answered.filter((a) => a.interim).length);

        const given = ratings.filter((r) => inPeriod(r.at, period) && inScope(r.voice.department, scope));
        expect(d.ratings.total.count, label).toBe(given.length);
        if (given.length > 0) expect(d.ratings.total.average, label).toBeCloseTo(mean(given.map((r) => r.satisfaction))!, 9);
        expect(d.ratings.total.no, label).toBe(given.filter((r) => r.resolved === 'no').length);
        const answers = surveys.filter((s) => inPeriod(s.at, period) && inScope(s.department, scope));
        expect(d.counters.total.count, label).toBe(answers.length);
        if (answers.length > 0) expect(d.counters.total.overall, label).toBeCloseTo(mean(answers.map((s) => s.scores[3]))!, 9);

        const table = await findingTableForPeriod(db, scope, period);
        expect(table.totals.voicesTotal, label).toBe(received.length);
        expect(table.totals.voices.complaint, label).toBe(received.filter((v) => v.kind === 'complaint').length);
      }
    }
    // The fixture has answers and ratings in partial months (else the test proves little).
    expect((await loadDashboard(db, { departmentId: null }, { from: '2026-05-17', to: '2026-08-03' }, TODAY)).replyTimes.overall.answered).toBeGreaterThan(5);
  });

  it('counts overdue voices from those open at the refresh, judged against today', async () => {
    const period = { from: '2025-04-01', to: '2026-11-30' };
    const open = voices.filter((v) => ['received', 'triaged', 'in_progress'].includes(v.status) && v.due !== null && v.due < TODAY && day(v.received) <= period.to);
    const d = await loadDashboard(db, { departmentId: null }, period, TODAY);
    expect(d.overdue.count).toBe(open.length);
    for (const g of d.overdue.byDepartment) {
      const mine = open.filter((v) => v.department === g.departmentId);
      expect(g.count).toBe(mine.length);
      expect(g.oldestDueDate).toBe(mine.map((v) => v.due!).sort()[0]);
    }
    expect(open.length).toBeGreaterThan(0);
  });

  it('publishes the same counts and medians per category and 課 as it counts from the voices', async () => {
    const stats = await publicStatistics(db, 2026);
    const period = { from: '2026-04-01', to: '2027-03-31' };
    const answered = voices.filter((v) => counted(v) && v.final && inPeriod(v.final, period));
    for (const row of stats.byCategory) {
      const mine = answered.filter((v) => v.category === row.id);
      expect(row.answered).toBe(mine.length);
      expect(row.medianBusinessDays).toBe(percentileOf(mine.map((v) => businessDaysBetween(day(v.received), day(v.final!), closed)), 0.5));
      expect(row.received).toBe(voices.filter((v) => counted(v) && inPeriod(v.received, period) && v.category === row.id).length);
    }
  });

  it('changes a figure only when the rollups are refreshed, and says as of when', async () => {
    const period = { from: '2026-11-01', to: '2026-11-30' };
    const before = await loadDashboard(db, { departmentId: null }, period, TODAY);
    const statusBefore = await analyticsRollupStatus(db);
    const voice = await addVoice({
      kind: 'complaint', channel: 'web', status: 'answered', department: departmentIds[1]!, category: categoryIds[1]!,
      received: new Date('2026-11-10T10:00:00+09:00'), due: '2026-11-24', mayor: false, final: new Date('2026-11-12T10:00:00+09:00'), interim: null,
    }, 900);
    const stale = await loadDashboard(db, { departmentId: null }, period, TODAY);
    expect(stale.volumes.kind.total).toBe(before.volumes.kind.total);
    expect(stale.replyTimes.overall.answered).toBe(before.replyTimes.overall.answered);

    const later = new Date(Date.parse(statusBefore!.refreshedAt) + 60_000);
    const report = await refreshAnalyticsRollups(db, { from: '2026-11-15', now: () => later });
    expect(report).toMatchObject({ refreshed: true, full: false, from: '2026-11-01' });
    const fresh = await loadDashboard(db, { departmentId: null }, period, TODAY);
    expect(fresh.volumes.kind.total).toBe(before.volumes.kind.total + 1);
    expect(fresh.replyTimes.overall.answered).toBe(before.replyTimes.overall.answered + 1);
    expect(fresh.mayorReview.received - fresh.mayorReview.reviewed).toBe(before.mayorReview.received - before.mayorReview.reviewed + 1);
    expect(await analyticsRollupStatus(db)).toMatchObject({ refreshedAt: later.toISOString(), refreshedFrom: '2026-11-01', fullRefreshedAt: statusBefore!.fullRefreshedAt });
    expect(voice.id).toBeGreaterThan(0);
  });

  it('gives, refreshing only the recent months, exactly the rows a full refresh gives', async () => {
    // New facts in the recent months: a voice answered after an interim reply, a rating, a survey.
    const recent = await addVoice({
      kind: 'request', channel: 'phone', status: 'closed', department: departmentIds[3]!, category: null,
      received: new Date('2026-12-28T23:50:00+09:00'), due: '2027-01-08', mayor: true,
      interim: new Date('2027-01-05T09:00:00+09:00'), final: new Date('2027-01-12T16:00:00+09:00'),
    }, 901);
    await db.insert(replyRatings).values({ submissionId: recent.id, resolved: 'partly', satisfaction: 3, createdAt: new Date('2027-01-13T08:00:00+09:00') });
    // Should a voice ever hold two sent final replies (the triage domain refuses a second), the
    // earliest counts: one answered in November and again in January stays a November answer.
    const twice = voices.find((v) => counted(v) && v.final && day(v.final) >= '2026-11-01' && day(v.final) < '2026-12-01')!;
    await db.insert(replies).values({ submissionId: twice.id, kind: 'final', status: 'sent', body: '再回答', authorId, sentAt: new Date('2027-01-07T10:00:00+09:00') });
    const [counter] = await db.select().from(serviceCounters).limit(1);
    await db.insert(counterSurveys).values({ counterId: counter!.id, speed: 5, courtesy: 4, clarity: 3, overall: 2, createdAt: new Date('2027-01-01T00:00:00+09:00') });
    const dump = async () => {
      const tables = ['analytics_voice_volumes', 'analytics_answered_voices', 'analytics_reply_ratings', 'analytics_counter_surveys', 'analytics_open_voices'];
      const result: Record<string, string[]> = {};
      for (const table of tables) {
        const rows = await queryRows<Record<string, unknown>>(db, sql.raw(`select * from ${table}`));
        result[table] = rows.map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))).sort();
      }
      return result;
    };
    expect(await refreshAnalyticsRollups(db, { from: '2026-12-05' })).toMatchObject({ refreshed: true, full: false, from: '2026-12-01' });
    const incremental = await dump();
    expect(await refreshAnalyticsRollups(db)).toMatchObject({ refreshed: true, full: true, from: null });
    const full = await dump();
    expect(incremental).toEqual(full);
    expect(full.analytics_answered_voices!.length).toBeGreaterThan(50);
  });

  it('recomputes everything when the business calendar changed, whatever was asked', async () => {
    const period = { from: '2026-04-01', to: '2027-03-31' };
    const before = await loadDashboard(db, { departmentId: null }, period, TODAY);
    // A one-off closed day on a weekday with answers waiting across it: their business days shrink.
    await db.insert(cityClosedDays).values({ kind: 'date', date: '2026-07-15', labelJa: '臨時閉庁', labelTranslations: { en: 'Closed' } });
    closed = await loadClosedDays(db);
    const report = await refreshAnalyticsRollups(db, { from: '2027-01-01' });
    expect(report).toMatchObject({ refreshed: true, full: true, from: null });
    const after = await loadDashboard(db, { departmentId: null }, period, TODAY);
    const answered = voices.filter((v) => counted(v) && v.final && inPeriod(v.final, period));
    const business = answered.map((v) => businessDaysBetween(day(v.received), day(v.final!), closed));
    expect(after.replyTimes.overall.businessDays.median).toBe(percentileOf(business, 0.5));
    expect(after.replyTimes.overall.businessDays.p90).toBe(percentileOf(business, 0.9));
    const spanning = answered.filter((v) => day(v.received) < '2026-07-15' && day(v.final!) >= '2026-07-15').length;
    expect(spanning).toBeGreaterThan(0);
    expect(before.replyTimes.overall.answered).toBe(after.replyTimes.overall.answered);
  });

  it('fills the rollups on the first refresh of a database that has none (an upgrading city)', async () => {
    await db.execute(sql`delete from analytics_rollup_state`);
    await db.execute(sql`delete from analytics_voice_volumes`);
    expect(await analyticsRollupStatus(db)).toBeNull();
    expect((await loadDashboard(db, { departmentId: null }, { from: '2025-10-01', to: '2025-12-31' }, TODAY)).volumes.kind.total).toBe(0);
    const report = await refreshAnalyticsRollups(db, { from: '2027-01-01' });
    expect(report).toMatchObject({ refreshed: true, full: true });
    const period = { from: '2025-10-01', to: '2025-12-31' };
    const received = voices.filter((v) => counted(v) && inPeriod(v.received, period));
    expect(received.length).toBeGreaterThan(0);
    expect((await loadDashboard(db, { departmentId: null }, period, TODAY)).volumes.kind.total).toBe(received.length);
  });

  it('is refreshed by the worker: at once when it starts, everything after 03:00 on a new day, then the recent months', async () => {
    const logged: { data: unknown; message: string }[] = [];
    const logger = { info: (data: unknown, message: string) => logged.push({ data, message }), error: (data: unknown, message: string) => logged.push({ data, message }) } as unknown as Logger;
    const before = await analyticsRollupStatus(db);
    // The next day at 03:10 in Japan: the first pass recomputes everything.
    const night = new Date(`${japanDate(new Date(Date.parse(before!.fullRefreshedAt) + 86_400_000))}T03:10:00+09:00`);
    let clock = night;
    const loop = startJobs({ db, logger, now: () => clock, jobs: [analyticsRollupsJob({ intervalMs: 50, fullHour: 3 })] });
    await expect.poll(() => logged.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(logged[0]).toMatchObject({ message: 'analytics rollups refreshed', data: { full: true, from: null } });
    expect(await analyticsRollupStatus(db)).toMatchObject({ fullRefreshedAt: night.toISOString(), refreshedFrom: null });
    // Later that day: the recent months only.
    clock = new Date(night.getTime() + 3_600_000);
    await expect.poll(() => logged.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await loop.stop();
    expect(logged[1]).toMatchObject({ message: 'analytics rollups refreshed', data: { full: false } });
    expect(await analyticsRollupStatus(db)).toMatchObject({ fullRefreshedAt: night.toISOString() });
    expect(logged.every((l) => l.message === 'analytics rollups refreshed')).toBe(true);
  });

  it('never runs two refreshes at once', async () => {
    if (driverUnderTest === 'postgres') {
      // Another session holds the lock: the refresh returns at once and leaves the figures as they were.
      const status = await analyticsRollupStatus(db);
      let release!: () => void;
      const held = new Promise<void>((resolve) => { release = resolve; });
      let locked!: () => void;
      const lockTaken = new Promise<void>((resolve) => { locked = resolve; });
      const holder = db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(4711202611)`);
        locked();
        await held;
      });
      await lockTaken;
      expect(await refreshAnalyticsRollups(db)).toEqual({ refreshed: false });
      expect(await analyticsRollupStatus(db)).toEqual(status);
      release();
      await holder;
      expect(await refreshAnalyticsRollups(db)).toMatchObject({ refreshed: true });
    } else {
      // PGlite has one connection: two refreshes asked for together run one after the other.
      const reports = await Promise.all([refreshAnalyticsRollups(db), refreshAnalyticsRollups(db, { from: '2026-12-01' })]);
      expect(reports.map((r) => r.refreshed)).toEqual([true, true]);
      const total = await loadDashboard(db, { departmentId: null }, { from: '2025-09-01', to: '2027-01-31' }, TODAY);
      expect(total.volumes.kind.total).toBe(voices.filter(counted).length);
    }
  });
});
