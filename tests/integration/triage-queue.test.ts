import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { cityClosedDays, submissionEvents, submissions } from '../../db/schema/index';
import { YEAR_END_CLOSURE } from '../../app/domain/business-days';
import { loadClosedDays } from '../../app/domain/calendar.server';
import { listInbox, parseInboxFilters } from '../../app/domain/inbox.server';
import { bigrams } from '../../app/domain/search-text';
import { giveMayorInstruction, markReviewedByMayor, mayorQueueItem, mayorQueueSummary } from '../../app/domain/mayor-review.server';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { TriageError } from '../../app/domain/triage-support.server';
import { enterVoiceOnBehalf } from '../../app/domain/voice-entry.server';
import { seedDemo } from '../../app/seed/seed.server';
import { createTestDatabase, driverUnderTest } from '../support/db';
import { actorFor, demo } from '../support/actors';

const calendar = { today: '2026-11-21', closedDays: YEAR_END_CLOSURE };

describe(`the mayor's queue and the inbox (${driverUnderTest})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = (await createTestDatabase()).db;
    // The demo placed in time before the calendar's today, whatever day the suite runs.
    await seedDemo(db, new Date('2026-11-20T00:00:00Z'));
  });

  it('holds every new voice from every channel, oldest first, and records who reviewed it and when', async () => {
    const mayor = await actorFor(db, demo.mayor);
    const reform = await actorFor(db, demo.reform);
    const before = await mayorQueueSummary(db);
    const web = await createSubmission(db, { kind: 'idea', channel: 'web', categoryId: null, title: 'ウェブから', body: '本文', language: 'ja', contact: null, replyWanted: false, consentToPublish: false }, { trackingToken: newSecretToken() });
    const entered = [];
    for (const channel of ['phone', 'fax', 'counter', 'letter', 'email'] as const) {
      entered.push(await enterVoiceOnBehalf(db, reform, { channel, kind: 'complaint', categoryId: null, title: `${channel}で受付`, body: '職員が代理入力', language: 'ja', contact: null, replyWanted: false, consentToPublish: false }));
    }
    const staffBox = await createSubmission(db, { kind: 'idea', channel: 'staff_box', categoryId: null, title: '職員提案', body: '本文', language: 'ja', contact: null, replyWanted: false, consentToPublish: false }, { trackingToken: newSecretToken() });
    const after = await mayorQueueSummary(db);
    expect(after.unreviewed).toBe(before.unreviewed + 7);

    const ids = [web.id, ...entered.map((e) => e.id), staffBox.id];
    const channels = await db.select({ channel: submissions.channel, enteredById: submissions.enteredById }).from(submissions).where(sql`${submissions.id} in ${ids}`);
    expect(new Set(channels.map((c) => c.channel))).toEqual(new Set(['web', 'phone', 'fax', 'counter', 'letter', 'email', 'staff_box']));
    expect(channels.filter((c) => c.enteredById === reform.user.id)).toHaveLength(5);

    // Oldest first: the first item is the oldest unreviewed voice.
    const first = await mayorQueueItem(db, 0);
    const [oldest] = await db.select({ id: submissions.id }).from(submissions)
      .where(sql`${submissions.mayorReviewedAt} is null and ${submissions.status} <> 'hidden'`).orderBy(submissions.receivedAt, submissions.id).limit(1);
    expect(first.voice!.id).toBe(oldest!.id);
    expect(first.total).toBe(after.unreviewed);
    expect((await mayorQueueItem(db, 1)).voice!.id).not.toBe(first.voice!.id);

    expect(await markReviewedByMayor(db, mayor, [web.id, entered[0]!.id])).toBe(2);
    expect(await markReviewedByMayor(db, mayor, [web.id])).toBe(0); // the first review stands
    const [reviewed] = await db.select().from(submissions).where(eq(submissions.id, web.id));
    expect(reviewed!.mayorReviewedById).toBe(mayor.user.id);
    expect(reviewed!.mayorReviewedAt).toBeInstanceOf(Date);
    expect((await mayorQueueSummary(db)).unreviewed).toBe(after.unreviewed - 2);

    await expect(markReviewedByMayor(db, reform, [staffBox.id])).rejects.toBeInstanceOf(TriageError);
  });

  it('lands an instruction in the timeline, tells the 課 and counts as reviewed', async () => {
    const mayor = await actorFor(db, demo.mayor);
    const [voice] = await db.select().from(submissions).where(eq(submissions.title, '街灯が切れていて夜道が暗い'));
    await giveMayorInstruction(db, mayor, { submissionId: voice!.id, text: '防犯上重要。今週中に対応を。' });
    const events = await db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, voice!.id));
    expect(events.find((e) => e.type === 'mayor_instruction')!.data).toEqual({ text: '防犯上重要。今週中に対応を。' });
    const [after] = await db.select().from(submissions).where(eq(submissions.id, voice!.id));
    expect(after!.mayorReviewedById).toBe(mayor.user.id);
    const mails = await db.execute(sql`select to_address from email_outbox where template = 'mayor_instruction'`);
    const rows = (Array.isArray(mails) ? mails : (mails as { rows: { to_address: string }[] }).rows) as { to_address: string }[];
    expect(rows.map((r) => r.to_address)).toEqual(expect.arrayContaining([demo.doroManager, demo.reform]));
  });

  it('finds voices by Japanese substrings and English words', async () => {
    const reform = await actorFor(db, demo.reform);
    const search = async (q: string) => (await listInbox(db, reform.user, parseInboxFilters(new URLSearchParams({ q })), calendar)).items.map((i) => i.title);
    expect(await search('窓口')).toContain('市民課窓口の待ち時間が長すぎます');
    expect(await search('待ち時間')).toContain('市民課窓口の待ち時間が長すぎます');
    expect(await search('カーブミラー')).toEqual(['通学路のカーブミラーが曇って見えません']);
    expect(await search('garbage')).toEqual(['Multilingual garbage sorting guide']);
    expect(await search('GARBAGE')).toEqual(['Multilingual garbage sorting guide']);
    expect(await search('ｇａｒｂａｇｅ')).toEqual(['Multilingual garbage sorting guide']);
    expect(await search('窓際')).toEqual([]);
    // Bigrams both present but not adjacent must not match: 「口の」 and 「窓口」 exist, 「窓口の待」 does.
    expect(await search('の窓口')).toEqual([]);
    // SQL-looking input is only text.
    expect(await search("'; drop table submissions; --")).toEqual([]);
    expect(await search('100%')).toEqual([]);
  });

  it('keeps a 課 member to their own 課 in the inbox and in search', async () => {
    const doroStaff = await actorFor(db, demo.doroStaff);
    const all = await listInbox(db, doroStaff.user, parseInboxFilters(new URLSearchParams()), calendar);
    const [doro] = await db.select({ id: sql<number>`id` }).from(sql`departments`).where(sql`code = 'doro'`);
    const depts = await db.select({ dep: submissions.departmentId }).from(submissions).where(sql`${submissions.receiptNumber} in ${all.items.map((i) => i.receiptNumber)}`);
    expect(depts.every((d) => d.dep === doro!.id)).toBe(true);
    const found = await listInbox(db, doroStaff.user, parseInboxFilters(new URLSearchParams({ q: '窓口' })), calendar);
    expect(found.items).toEqual([]);
  });

  it('filters by overdue, unreviewed, negative rating, channel and sorts by due date', async () => {
    const reform = await actorFor(db, demo.reform);
    const list = async (params: Record<string, string>) => listInbox(db, reform.user, parseInboxFilters(new URLSearchParams(params)), calendar);
    const overdue = await list({ overdue: '1' });
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(overdue.items.every((i) => i.overdue)).toBe(true);
    const unreviewed = await list({ unreviewed: '1' });
    expect(unreviewed.items.every((i) => i.mayorReviewedAt === null)).toBe(true);
    expect(unreviewed.total).toBe((await mayorQueueSummary(db)).unreviewed);
    const phone = await list({ channel: 'phone' });
    expect(phone.items.every((i) => i.channel === 'phone')).toBe(true);
    const byDue = await list({ sort: 'due', status: 'received,triaged,in_progress' });
    const dues = byDue.items.map((i) => i.dueDate).filter((d): d is string => d !== null);
    expect(dues).toEqual([...dues].sort());
    // A malformed filter is dropped, not fatal.
    expect((await list({ channel: 'carrier-pigeon' })).total).toBe((await list({})).total);
  });

  it('computes due dates with the city calendar stored in the database', async () => {
    await db.insert(cityClosedDays).values({ kind: 'date', date: '2026-11-26', labelJa: '庁舎停電点検', labelTranslations: { en: 'Power inspection' } });
    const closedDays = await loadClosedDays(db);
    const voice = await createSubmission(db, { kind: 'request', channel: 'web', categoryId: null, title: '期限', body: '本文', language: 'ja', contact: null, replyWanted: false, consentToPublish: false },
      { trackingToken: newSecretToken(), now: new Date('2026-11-20T03:00:00Z') });
    const [row] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    // Fri 11/20 + 10 business days: 11/24, 25, 27, 30, 12/1, 2, 3, 4, 7, 8 — skipping 11/23 (勤労感謝の日) and 11/26 (closed).
    expect(row!.dueDate).toBe('2026-12-08');
    expect(closedDays.some((d) => d.date === '2026-11-26')).toBe(true);
  });
});

describe(`the inbox past a thousand voices (${driverUnderTest})`, () => {
  it('says "more than 1,000" instead of counting everything, and still pages on', async () => {
    const db = (await createTestDatabase()).db;
    await seedDemo(db);
    await db.execute(sql`
      insert into submissions (fiscal_year, receipt_number, tracking_token_hash, kind, channel, title, body)
      select 2026, '2026-9' || lpad(n::text, 5, '0'), 'bulk-' || n, 'idea', 'web', '大量の声 ' || n, '本文'
      from generate_series(1, 1100) as n`);
    const reform = await actorFor(db, demo.reform);
    const list = (query: string) => listInbox(db, reform.user, parseInboxFilters(new URLSearchParams(query)), calendar);
    const first = await list('');
    expect(first.total).toBe(1000);
    expect(first.totalIsExact).toBe(false);
    expect(first.items).toHaveLength(50);
    // A page beyond the cap is counted at least that far, so the page after it is known to exist.
    const far = await list('page=22');
    expect(far.items).toHaveLength(50);
    expect(far.total).toBe(1100);
    expect(far.totalIsExact).toBe(false);
    // A narrow filter is counted exactly.
    const narrow = await list('kind=complaint');
    const [complaints] = await db.select({ n: sql<number>`count(*)::int` }).from(submissions).where(sql`${submissions.kind} = 'complaint' and ${submissions.status} <> 'hidden'`);
    expect(complaints!.n).toBeGreaterThan(0);
    expect(narrow).toMatchObject({ total: complaints!.n, totalIsExact: true });
  });

  it('finds a common phrase page by page in the same order as a plain scan, newest and oldest first', async () => {
    const db = (await createTestDatabase()).db;
    await seedDemo(db);
    const grams = bigrams('大量の声 駅前の駐輪場の照明が暗い');
    await db.execute(sql`
      insert into submissions (fiscal_year, receipt_number, tracking_token_hash, kind, channel, title, body, search_bigrams, received_at)
      select 2026, '2026-8' || lpad(n::text, 5, '0'), 'common-' || n, 'complaint', 'web', '大量の声 ' || n, '駅前の駐輪場の照明が暗い',
        ${`{${grams.join(',')}}`}::text[], timestamptz '2026-11-20 12:00+09' - n * interval '1 minute'
      from generate_series(1, 1100) as n`);
    const reform = await actorFor(db, demo.reform);
    for (const sort of ['newest', 'oldest'] as const) {
      for (const page of [1, 3, 22, 23]) {
        const listed = await listInbox(db, reform.user, parseInboxFilters(new URLSearchParams({ q: '駐輪場の照明', sort, page: String(page) })), calendar);
        const expected = await db.select({ id: submissions.id }).from(submissions)
          .where(sql`${submissions.status} <> 'hidden' and ${submissions.searchText} like '%駐輪場の照明%'`)
          .orderBy(...(sort === 'newest' ? [sql`${submissions.receivedAt} desc`, sql`${submissions.id} desc`] : [submissions.receivedAt, submissions.id]))
          .limit(50).offset((page - 1) * 50);
        expect(listed.items.map((v) => v.id), `${sort}, page ${page}`).toEqual(expected.map((v) => v.id));
        expect(listed.items.length, `${sort}, page ${page}`).toBe(page <= 22 ? 50 : expected.length);
      }
    }
  });
});
