import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../db/client';
import {
  auditLog, categories, departments, emailOutbox, improvementRecords, improvementRecordSubmissions, replies, replyRatings,
  submissionContacts, submissionEvents, submissionPhotos, submissions, users,
} from '../../db/schema/index';
import { loadDashboard } from '../../app/domain/analytics/dashboard.server';
import { fiscalYearPeriod } from '../../app/domain/analytics/period';
import { publicStatistics } from '../../app/domain/analytics/public-statistics.server';
import { refreshAnalyticsRollups } from '../../app/domain/analytics/rollups.server';
import { ALL_DEPARTMENTS } from '../../app/domain/analytics/scope';
import { buildManagementReview } from '../../app/domain/reports/management-review.server';
import { runRetention, runRetentionIfDue } from '../../app/domain/retention.server';
import { createSubmission } from '../../app/domain/submissions.server';
import { seedOrganisation } from '../../app/seed/seed.server';
import { LocalDiskPhotoStorage } from '../../app/storage/photo-storage.server';
import { createTestDatabase, driverUnderTest } from '../support/db';

// Acceptance 1 of issue 16: with the clock moved past the retention period, the voices of
// 年度 2020 lose every personal field, photo file and mail body; the dashboard, management
// review and public statistics of that year show the same figures; the audit log records
// the erasure with counts, not the data.

const jst = (t: string) => new Date(`${t}:00+09:00`);
const NAME = { familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ' };
const EMAIL = 'hanako.yamada@example.jp';
const PHONE = '090-1234-5678';
// Everything personal the old voices hold; none of it may be left anywhere after the run.
const PERSONAL = ['山田', '花子', 'ヤマダ', 'ハナコ', 'hanako.yamada', '090-1234-5678', '桜台1-2-3'];

// Kept through 年度 2020 + 5 = 2025, so erased from April 1, 2026 on.
const AFTER_PERIOD = jst('2026-04-02T03:00');
const TODAY = '2026-04-02';

describe(`the erasure job (${driverUnderTest})`, () => {
  let db: Database;
  let storage: LocalDiskPhotoStorage;
  let storageDir: string;
  const oldVoices: number[] = [];
  let newVoice = 0;
  const photoKeys: string[] = [];
  let figuresBefore: unknown;

  async function figures() {
    await refreshAnalyticsRollups(db, { now: () => AFTER_PERIOD });
    const period = fiscalYearPeriod(2020);
    const dashboard = await loadDashboard(db, ALL_DEPARTMENTS, period, TODAY);
    const review = await buildManagementReview(db, period, TODAY);
    const stats = await publicStatistics(db, 2020);
    return { dashboard, review, stats };
  }

  beforeAll(async () => {
    db = (await createTestDatabase()).db;
    storageDir = await mkdtemp(path.join(os.tmpdir(), 'meyasu-retention-'));
    storage = new LocalDiskPhotoStorage(storageDir);
    await seedOrganisation(db);
    const [dept] = await db.select().from(departments).where(eq(departments.code, 'doro'));
    const [category] = await db.select().from(categories).where(eq(categories.code, 'doro'));
    const [staff] = await db.insert(users).values({ email: 'doro@example.jp', displayName: '道路職員', role: 'staff', departmentId: dept!.id }).returning();
    const [record] = await db.insert(improvementRecords).values({
      number: 'K-2020-001', title: 'カーブミラーの点検', type: 'improvement', findingClass: 'opportunity', level: 'operations', source: 'voice',
      ownerDepartmentId: dept!.id, problemStatement: 'ミラーの曇り',
    }).returning();

    const received = ['2020-05-10T10:00', '2020-08-20T09:30', '2021-02-15T14:00'];
    for (const [i, at] of received.entries()) {
      const voice = await createSubmission(db, {
        kind: i === 1 ? 'idea' : 'complaint', channel: 'web', categoryId: category!.id, language: 'ja',
        title: `山田花子です。カーブミラーの件 ${i}`,
        body: `桜台1-2-3の山田花子（ヤマダ ハナコ）です。連絡は ${PHONE} か ${EMAIL} へ。ミラーが曇っています。`,
        placeText: '桜台1-2-3の角', postcode: '123-4567', latitude: 35.6, longitude: 139.7,
        contact: { ...NAME, email: EMAIL, phone: PHONE, address: '桜台1-2-3' }, replyWanted: true, consentToPublish: true,
      }, { trackingToken: `token-${i}`, now: jst(at) });
      oldVoices.push(voice.id);
      const closedAt = new Date(jst(at).getTime() + 6 * 86_400_000);
      await db.update(submissions).set({ status: 'closed', outcome: 'realized', closedAt }).where(eq(submissions.id, voice.id));
      const [reply] = await db.insert(replies).values({
        submissionId: voice.id, kind: 'final', status: 'sent', body: '山田花子様　ご連絡ありがとうございました。ミラーを清掃しました。',
        authorId: staff!.id, sentAt: new Date(jst(at).getTime() + 3 * 86_400_000),
      }).returning();
      await db.insert(replyRatings).values({
        submissionId: voice.id, replyId: reply!.id, resolved: i === 2 ? 'partly' : 'yes', satisfaction: 4 + (i % 2), comment: `山田です。${PHONE} まで電話ください`,
        createdAt: new Date(jst(at).getTime() + 4 * 86_400_000),
      });
      await db.insert(submissionEvents).values({
        submissionId: voice.id, at: new Date(jst(at).getTime() + 86_400_000), actorUserId: staff!.id, type: 'note', visibility: 'internal',
        data: { note: `山田花子さんから ${PHONE} で電話`, status: 'in_progress' },
      });
      const key = `photos/2020/${voice.id}.jpg`;
      await storage.put(key, new Uint8Array([0xff, 0xd8, 0xff, i]));
      await db.insert(submissionPhotos).values({ submissionId: voice.id, storageKey: key, mimeType: 'image/jpeg', width: 10, height: 10, bytes: 4 });
      photoKeys.push(key);
      await db.update(emailOutbox).set({ status: 'sent', sentAt: jst(at) }).where(eq(emailOutbox.submissionId, voice.id));
      await db.insert(improvementRecordSubmissions).values({ recordId: record!.id, submissionId: voice.id });
    }
    // A voice of 年度 2021 (still within its period) and still open: nothing of it may change.
    const recent = await createSubmission(db, {
      kind: 'request', channel: 'web', categoryId: category!.id, language: 'ja', title: '街灯の件', body: '山田花子です。街灯が切れています。',
      contact: { ...NAME, email: EMAIL }, replyWanted: true, consentToPublish: false,
    }, { trackingToken: 'token-recent', now: jst('2021-04-05T10:00') });
    newVoice = recent.id;
    figuresBefore = await figures();
  });

  afterAll(() => rm(storageDir, { recursive: true, force: true }));

  it('before the voices\' period ends, erases only the contact details and photos of voices closed over a year ago', async () => {
    const report = await runRetention(db, jst('2026-03-31T23:00'), { storage });
    expect(report).toMatchObject({ ran: true, voices: 0, contacts: 3, photos: 3 });
    const [voice] = await db.select().from(submissions).where(eq(submissions.id, oldVoices[0]!));
    expect(voice!.personalDataErasedAt).toBeNull();
    expect(voice!.placeText).toBe('桜台1-2-3の角');
    // The name goes with the contact details, wherever the texts hold it.
    expect(voice!.body).not.toContain('山田花子');
    expect(voice!.body).toContain('［氏名］');
    expect(await db.select().from(submissionContacts).where(inArray(submissionContacts.submissionId, oldVoices))).toEqual([]);
    expect(await db.select().from(submissionPhotos).where(inArray(submissionPhotos.submissionId, oldVoices))).toEqual([]);
    for (const key of photoKeys) expect(await storage.get(key)).toBeNull();
  });

  it('erases every personal field and mail body of the voices past their period, in small batches', async () => {
    const report = await runRetention(db, AFTER_PERIOD, { storage, batchSize: 2 });
    expect(report).toMatchObject({ ran: true, voices: 3 });
    expect(report.batches).toBeGreaterThanOrEqual(2);

    const erased = await db.select().from(submissions).where(inArray(submissions.id, oldVoices));
    for (const voice of erased) {
      expect(voice.personalDataErasedAt).not.toBeNull();
      expect([voice.placeText, voice.postcode, voice.latitude, voice.longitude]).toEqual([null, null, null, null]);
      expect(voice.trackingTokenHash).toBe(`erased:${voice.id}`);
      // What the figures need stays.
      expect(voice.status).toBe('closed');
      expect(voice.outcome).toBe('realized');
      expect(voice.fiscalYear).toBe(2020);
      expect(voice.body).toContain('ミラーが曇っています');
    }
    expect(await db.select().from(submissionContacts).where(inArray(submissionContacts.submissionId, oldVoices))).toEqual([]);
    expect(await db.select().from(submissionPhotos).where(inArray(submissionPhotos.submissionId, oldVoices))).toEqual([]);
    for (const key of photoKeys) expect(await storage.get(key)).toBeNull();
    const mails = await db.select().from(emailOutbox).where(inArray(emailOutbox.submissionId, oldVoices));
    expect(mails.length).toBe(3);
    for (const mail of mails) {
      expect(mail.toAddress).toBe('');
      expect(mail.payload).toEqual({});
      expect(mail.template).toBe('receipt');
    }
    expect((await db.select().from(improvementRecordSubmissions)).map((l) => l.submissionId).sort()).toEqual([...oldVoices].sort());

    // Not one personal string is left in any row that belongs to these voices.
    const held = JSON.stringify([
      erased,
      await db.select().from(replies).where(inArray(replies.submissionId, oldVoices)),
      await db.select().from(replyRatings).where(inArray(replyRatings.submissionId, oldVoices)),
      await db.select().from(submissionEvents).where(inArray(submissionEvents.submissionId, oldVoices)),
      mails,
    ]);
    for (const personal of PERSONAL) expect(held, personal).not.toContain(personal);
    const search = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from submissions where search_bigrams @> array['山田'] and id = any(${`{${oldVoices.join(',')}}`}::int[])`);
    expect(search[0]!.n).toBe(0);
    const [rating] = await db.select().from(replyRatings).where(eq(replyRatings.submissionId, oldVoices[0]!));
    expect(rating!.satisfaction).toBe(4);
    const [note] = await db.select().from(submissionEvents).where(eq(submissionEvents.type, 'note')).limit(1);
    expect(note!.data).toEqual({ note: '［氏名］さんから ［電話番号］ で電話', status: 'in_progress' });
  });

  it('leaves the voices within their period untouched', async () => {
    const [voice] = await db.select().from(submissions).where(eq(submissions.id, newVoice));
    expect(voice!.personalDataErasedAt).toBeNull();
    expect(voice!.body).toContain('山田花子');
    expect(await db.select().from(submissionContacts).where(eq(submissionContacts.submissionId, newVoice))).toHaveLength(1);
  });

  it('gives the same figures for 年度 2020 in the dashboard, the management review and the public statistics', async () => {
    const after = await figures();
    expect(after.stats).toEqual((figuresBefore as typeof after).stats);
    expect(after.dashboard).toEqual((figuresBefore as typeof after).dashboard);
    expect(after.review).toEqual((figuresBefore as typeof after).review);
    expect(after.stats.total.received).toBe(3);
  });

  it('records the erasure in the audit log with counts, never the data', async () => {
    const entries = await db.select().from(auditLog).where(sql`${auditLog.action} like 'retention.%'`);
    const sum = (action: string, field: string) => entries.filter((e) => e.action === action).reduce((n, e) => n + Number(e.details[field] ?? 0), 0);
    expect(entries.filter((e) => e.action === 'retention.erase_voices').length).toBeGreaterThanOrEqual(2);
    expect(sum('retention.erase_voices', 'voices')).toBe(3);
    expect(sum('retention.erase_contacts', 'contacts')).toBe(3);
    expect(sum('retention.erase_contacts', 'mails')).toBe(3);
    expect(sum('retention.erase_photos', 'photos')).toBe(3);
    expect(entries.every((e) => e.userId === null)).toBe(true);
    const text = JSON.stringify(entries);
    for (const personal of PERSONAL) expect(text).not.toContain(personal);
  });

  it('runs again without finding anything, and once a day at most', async () => {
    const again = await runRetention(db, AFTER_PERIOD, { storage });
    expect(again).toMatchObject({ ran: true, voices: 0, photos: 0 });
    expect(await runRetentionIfDue(db, AFTER_PERIOD, { storage })).not.toBeNull();
    expect(await runRetentionIfDue(db, new Date(AFTER_PERIOD.getTime() + 3_600_000), { storage })).toBeNull();
  });

  it('keeps the timeline append-only outside the erasure function', async () => {
    const refusal = async (work: () => Promise<unknown>) => {
      try {
        await work();
        return 'went through';
      } catch (error) {
        const e = error as Error & { cause?: Error };
        return `${e.message} ${e.cause?.message ?? ''}`;
      }
    };
    expect(await refusal(() => db.update(submissionEvents).set({ data: {} }).where(eq(submissionEvents.submissionId, newVoice)))).toMatch(/append-only/);
    expect(await refusal(() => db.execute(sql`delete from submission_events where submission_id = ${newVoice}`))).toMatch(/append-only/);
    expect(await refusal(() => db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
    // Even through the erasure path, an entry cannot be retyped.
    expect(await refusal(() => db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('meyasu.retention_erasure', 'on', true)`);
      await tx.execute(sql`update submission_events set type = 'other' where submission_id = ${newVoice}`);
    }))).toMatch(/append-only/);
  });
});
