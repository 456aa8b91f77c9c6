import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../db/client';
import { cityClosedDays, emailOutbox, idempotencyKeys, receiptSequences, submissionContacts, submissionEvents, submissions } from '../../db/schema/index';
import { createSubmission, type NewVoice } from '../../app/domain/submissions.server';
import { formatReceiptNumber } from '../../app/domain/fiscal-year';
import { bigrams } from '../../app/domain/search-text';
import { enqueueEmail } from '../../app/email/outbox.server';
import { hashSecretToken, newSecretToken } from '../../app/domain/secret-token.server';
import { seedOrganisation } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';

const voice = (over: Partial<NewVoice> = {}): NewVoice => ({
  kind: 'complaint', channel: 'web', categoryId: null, title: '窓口の待ち時間', body: '長く待ちました。', language: 'ja',
  contact: null, replyWanted: false, consentToPublish: false, ...over,
});

describe('receiving a voice', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await createTestDatabase()).db;
    await seedOrganisation(db);
  });

  it('numbers receipts per fiscal year, restarting on April 1', async () => {
    const march = await createSubmission(db, voice(), { trackingToken: newSecretToken(), now: new Date('2027-03-31T14:00:00Z') });
    const march2 = await createSubmission(db, voice(), { trackingToken: newSecretToken(), now: new Date('2027-03-31T14:30:00Z') });
    const april = await createSubmission(db, voice(), { trackingToken: newSecretToken(), now: new Date('2027-03-31T15:00:00Z') });
    expect(march.receiptNumber).toBe('2026-000001');
    expect(march2.receiptNumber).toBe('2026-000002');
    expect(april.receiptNumber).toBe('2027-000001');
  });

  it('stores only the hash of the tracking token', async () => {
    const token = newSecretToken();
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const created = await createSubmission(db, voice(), { trackingToken: token });
    const [row] = await db.select().from(submissions).where(eq(submissions.id, created.id));
    expect(row!.trackingTokenHash).toBe(hashSecretToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('keeps contact details apart, routes by category, sets a due date and queues the receipt mail', async () => {
    const [category] = await queryRows<{ id: number; dep: number }>(db, sql`select id, default_department_id as dep from categories where code = 'doro'`);
    const created = await createSubmission(db, voice({
      categoryId: category!.id,
      contact: { familyName: '山田', givenName: '花子', email: 'hanako@example.com' },
      replyWanted: true,
    }), { trackingToken: newSecretToken(), now: new Date('2026-11-20T01:00:00Z') });
    const [row] = await db.select().from(submissions).where(eq(submissions.id, created.id));
    expect(row!.departmentId).toBe(category!.dep);
    expect(row!.dueDate).toBe('2026-12-02'); // 7 business days from Fri 11/20, skipping 11/23 勤労感謝の日
    expect(row!.anonymous).toBe(false);
    const [contact] = await db.select().from(submissionContacts).where(eq(submissionContacts.submissionId, created.id));
    expect(contact!.email).toBe('hanako@example.com');
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.submissionId, created.id));
    expect(mails.map((m) => [m.template, m.toAddress])).toEqual([['receipt', 'hanako@example.com']]);
    const events = await db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, created.id));
    expect(events.map((e) => e.type)).toEqual(['received']);
  });

  it('turns concurrent submits with one idempotency key into exactly one voice', async () => {
    const key = `test-${newSecretToken()}`;
    const token = newSecretToken();
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(submissions);
    const results = await Promise.all(Array.from({ length: 8 }, () => createSubmission(db, voice({ title: '同時送信' }), { trackingToken: token, idempotencyKey: key })));
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(submissions);
    expect(after[0]!.n - before[0]!.n).toBe(1);
    expect(new Set(results.map((r) => r.receiptNumber)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  });

  it('gives concurrent voices unique receipt numbers without gaps, and a replay takes no number', async () => {
    const now = new Date('2031-06-10T01:00:00Z');
    const key = `test-${newSecretToken()}`;
    const first = await createSubmission(db, voice(), { trackingToken: newSecretToken(), idempotencyKey: key, now });
    const replay = await createSubmission(db, voice(), { trackingToken: newSecretToken(), idempotencyKey: key, now });
    expect(replay).toEqual({ ...first, replayed: true });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      createSubmission(db, voice({ title: `同時${i}` }), { trackingToken: newSecretToken(), idempotencyKey: `test-${newSecretToken()}`, now })));
    const numbers = [first, ...results].map((r) => r.receiptNumber).sort();
    expect(numbers).toEqual(Array.from({ length: 13 }, (_, i) => formatReceiptNumber(2031, i + 1)));
    const keys = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(keys.map((k) => k.submissionId)).toEqual([first.id]);
  });

  it('formats receipt numbers past 999999 as formatReceiptNumber does', async () => {
    await db.insert(receiptSequences).values({ fiscalYear: 2040, lastNumber: 999_999 });
    const created = await createSubmission(db, voice(), { trackingToken: newSecretToken(), now: new Date('2040-05-01T00:00:00Z') });
    expect(created.receiptNumber).toBe(formatReceiptNumber(2040, 1_000_000));
  });

  it('stores every field of the voice, and the receipt mail as enqueueEmail would queue it', async () => {
    const token = newSecretToken();
    const now = new Date('2026-07-01T03:04:05.678Z');
    const created = await createSubmission(db, voice({
      kind: 'request', title: "O'Brien の \\ \"要望\"", body: '駅前の{照明},が暗い', language: 'en', placeText: '駅前', postcode: '1234567',
      latitude: 35.5, longitude: 139.25, replyWanted: true, consentToPublish: true, staffAuthorHidden: false,
      contact: { familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ', email: 'hanako@example.jp', phone: '03-0000-0000', address: '1-2-3' },
      receivedEventData: { apiClientId: 7 },
    }), { trackingToken: token, now });
    const [row] = await db.select().from(submissions).where(eq(submissions.id, created.id));
    expect(row).toMatchObject({
      kind: 'request', channel: 'web', status: 'received', title: "O'Brien の \\ \"要望\"", body: '駅前の{照明},が暗い', language: 'en',
      placeText: '駅前', postcode: '1234567', latitude: 35.5, longitude: 139.25, anonymous: false, replyWanted: true, consentToPublish: true,
      fiscalYear: 2026, receivedAt: now, createdAt: now, updatedAt: now, trackingTokenHash: hashSecretToken(token), version: 1,
    });
    expect(row!.searchBigrams).toEqual(bigrams(`${row!.title} ${row!.body}`));
    const [contact] = await db.select().from(submissionContacts).where(eq(submissionContacts.submissionId, created.id));
    expect(contact).toEqual({ submissionId: created.id, familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ', email: 'hanako@example.jp', phone: '03-0000-0000', address: '1-2-3' });
    const [event] = await db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, created.id));
    expect(event).toMatchObject({ type: 'received', visibility: 'public', at: now, actorUserId: null, data: { channel: 'web', apiClientId: 7 } });
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.submissionId, created.id));
    expect(mail).toMatchObject({ template: 'receipt', toAddress: 'hanako@example.jp', language: 'en', status: 'pending', payload: { receiptNumber: created.receiptNumber, title: row!.title, trackingToken: token } });
    // The same message through enqueueEmail is recognised as already queued.
    expect(await enqueueEmail(db, { template: 'receipt', to: 'hanako@example.jp', language: 'en', payload: {}, dedupeKey: created.receiptNumber, submissionId: created.id })).toBe(false);
  });

  it('counts the reply target in business days past the city\'s closed days', async () => {
    await db.insert(cityClosedDays).values([
      { kind: 'date', date: '2032-06-23', labelJa: '慰霊の日', labelTranslations: { en: 'Memorial Day' } },
      { kind: 'annual', month: 6, day: 24, labelJa: '市制記念日', labelTranslations: { en: 'City Day' } },
    ]);
    const [city] = await queryRows<{ days: number }>(db, sql`select default_reply_target_days as days from city_settings where id = 1`);
    await db.execute(sql`update city_settings set default_reply_target_days = 3 where id = 1`);
    // Mon 2032-06-21 + 3 business days, skipping the closed Wed 6/23 and Thu 6/24: Mon 6/28.
    const created = await createSubmission(db, voice(), { trackingToken: newSecretToken(), now: new Date('2032-06-21T01:00:00Z') });
    const [row] = await db.select({ dueDate: submissions.dueDate }).from(submissions).where(eq(submissions.id, created.id));
    await db.delete(cityClosedDays).where(sql`${cityClosedDays.labelJa} in ('慰霊の日', '市制記念日')`);
    await db.execute(sql`update city_settings set default_reply_target_days = ${city!.days} where id = 1`);
    expect(row!.dueDate).toBe('2032-06-28');
  });

  it('leaves nothing behind when the transaction fails halfway', async () => {
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(submissions);
    // A category id that does not exist breaks the foreign key after the receipt number was taken.
    await expect(createSubmission(db, voice({ categoryId: 999_999 }), { trackingToken: newSecretToken() })).rejects.toThrow();
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(submissions);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

describe('append-only history', () => {
  it('refuses to update or delete audit log entries and timeline events', async () => {
    const { db } = await createTestDatabase();
    await db.execute(sql`insert into audit_log (action, entity_type) values ('test', 'x')`);
    await expect(db.execute(sql`update audit_log set action = 'changed'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await seedOrganisation(db);
    const created = await createSubmission(db, voice(), { trackingToken: newSecretToken() });
    await expect(db.execute(sql`delete from submission_events where submission_id = ${created.id}`)).rejects.toThrow();
  });
});
