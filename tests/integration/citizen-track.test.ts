import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { emailOutbox, replies, replyRatings, submissionContacts, submissionEvents, submissions, users } from '../../db/schema/index';
import { emailTemplate } from '../../emails/index';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { seedOrganisation } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';

// The tracking page and the reply rating, as the resident holding the secret link sees them.

process.env.CITIZEN_RATING_LIMIT = '1000/600';
process.env.CITIZEN_NOTE_LIMIT = '1000/600';
process.env.CITIZEN_LINK_MAIL_LIMIT = '1000/600';

let db: Database;
let app: Awaited<ReturnType<typeof createTestApp>>;
let staffId: number;

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.db;
  await seedOrganisation(db);
  const [user] = await db.insert(users).values({ email: 'doro@example.jp', displayName: '道路 健太', role: 'staff' }).returning({ id: users.id });
  staffId = user!.id;
  app = await createTestApp(database);
});

async function voiceWithToken(title = '道路の穴') {
  const token = newSecretToken();
  const [category] = await db.execute(sql`select id from categories where code = 'doro'`).then((r) => (Array.isArray(r) ? r : (r as { rows: { id: number }[] }).rows) as { id: number }[]);
  const created = await createSubmission(db, {
    kind: 'request', channel: 'web', categoryId: category!.id, title, body: '本文です。', language: 'ja',
    contact: null, replyWanted: false, consentToPublish: false,
  }, { trackingToken: token, now: new Date('2026-11-20T01:00:00Z') });
  return { token, id: created.id, receiptNumber: created.receiptNumber };
}

async function sendReply(submissionId: number, kind: 'final' | 'interim', body: string, extra: Partial<typeof replies.$inferInsert> = {}) {
  await db.insert(replies).values({ submissionId, kind, status: 'sent', body, authorId: staffId, sentAt: new Date('2026-11-25T01:00:00Z'), ...extra });
}

const rate = (token: string, fields: Record<string, string>) =>
  app.fetch(`/track/${token}`, { method: 'POST', body: new URLSearchParams({ intent: 'rate', ...fields }) });

describe('the tracking page', () => {
  it('shows the status, department, target date and only public history', async () => {
    const voice = await voiceWithToken();
    await db.insert(submissionEvents).values([
      { submissionId: voice.id, type: 'status', visibility: 'public', data: { to: 'triaged' }, at: new Date('2026-11-20T03:00:00Z') },
      { submissionId: voice.id, type: 'mayor_instruction', visibility: 'internal', data: { text: '内部の指示メモ' }, at: new Date('2026-11-20T04:00:00Z') },
    ]);
    await db.update(submissions).set({ status: 'triaged' }).where(eq(submissions.id, voice.id));
    const response = await app.fetch(`/track/${voice.token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    const html = await response.text();
    expect(html).toContain(voice.receiptNumber);
    expect(html).toMatch(/data-status="triaged"[^>]*>確認中</);
    expect(html).toContain('道路管理課');
    expect(html).toContain('2026年12月2日');
    expect(html).toContain('状況が「確認中」になりました');
    expect(html).not.toContain('内部の指示メモ');
    expect(html).not.toContain('rating-resolved-yes');
  });

  it('shows sent interim and final replies but never drafts, and moves the target date', async () => {
    const voice = await voiceWithToken();
    await sendReply(voice.id, 'interim', '現地調査のため、お時間をいただきます。', { interimReason: '業者の手配', newDueDate: '2026-12-20' });
    await db.insert(replies).values({ submissionId: voice.id, kind: 'final', status: 'draft', body: '下書きの回答', authorId: staffId });
    const html = await (await app.fetch(`/track/${voice.token}`)).text();
    expect(html).toContain('現地調査のため、お時間をいただきます。');
    expect(html).toContain('理由：業者の手配');
    expect(html).toContain('2026年12月20日');
    expect(html).not.toContain('下書きの回答');
    expect(html).not.toContain('rating-resolved-yes');
  });

  it('answers an unknown token with a helpful 404 that is the same for every unknown token', async () => {
    const [first, second] = [await app.fetch(`/track/${newSecretToken()}`), await app.fetch(`/track/${newSecretToken()}`)];
    expect(first.status).toBe(404);
    expect(second.status).toBe(404);
    const main = (html: string) => html.match(/<main[\s\S]*?<\/main>/)?.[0] ?? '';
    const [a, b] = [main(await first.text()), main(await second.text())];
    expect(a).toContain('このリンクでは声が見つかりません');
    expect(a).toContain('受付番号で状況をお伝えします');
    expect(a).toContain('0123-45-6789'); // the city hall's phone, from the city settings
    // Nothing tells whether the token was ever real.
    expect(a).toEqual(b);
  });
});

describe("adding to one's voice", () => {
  const add = (token: string, fields: Record<string, string>) =>
    app.fetch(`/track/${token}`, { method: 'POST', body: new URLSearchParams({ intent: 'note', ...fields }) });
  const formKeyOf = async (token: string) => /name="formKey" value="([^"]+)"/.exec(await (await app.fetch(`/track/${token}`)).text())![1]!;

  it('puts the text in the timeline for the resident and staff, once per form, without reopening an open voice', async () => {
    const voice = await voiceWithToken();
    const formKey = await formKeyOf(voice.token);
    const response = await add(voice.token, { note: '穴は昨日さらに大きくなりました。', formKey });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/track/${voice.token}?added=1#add-title`);
    expect((await add(voice.token, { note: '穴は昨日さらに大きくなりました。', formKey })).status).toBe(302);
    const events = await db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, voice.id));
    const notes = events.filter((e) => e.type === 'resident_note');
    expect(notes.map((e) => [e.visibility, e.actorUserId, e.data.text])).toEqual([['public', null, '穴は昨日さらに大きくなりました。']]);
    expect(events.some((e) => e.type === 'status')).toBe(false);
    const html = await (await app.fetch(`/track/${voice.token}?added=1`)).text();
    expect(html).toContain('書き足した内容を受け付けました');
    expect(html).toContain('あなたが書き足しました');
    expect(html).toContain('穴は昨日さらに大きくなりました。');
  });

  it("sends an answered voice back to the 課 (担当課で対応中), with the reply's 課 and how to reach it shown", async () => {
    const voice = await voiceWithToken();
    await db.update(submissions).set({ status: 'answered' }).where(eq(submissions.id, voice.id));
    await sendReply(voice.id, 'final', '穴を埋めました。');
    const page = await (await app.fetch(`/track/${voice.token}`)).text();
    expect(page).toContain('回答した課：');
    expect(page).toContain('課の名前と受付番号（' + voice.receiptNumber + '）をお伝えください');
    expect(page).toContain('担当課がもう一度対応します');
    expect((await add(voice.token, { note: 'まだ段差が残っています。', formKey: await formKeyOf(voice.token) })).status).toBe(302);
    const [row] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    expect(row!.status).toBe('in_progress');
    const events = await db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, voice.id));
    expect(events.filter((e) => e.type === 'status').map((e) => e.data)).toEqual([{ from: 'answered', to: 'in_progress', byResident: true }]);
  });

  it('refuses an empty or too long text with a message, keeping what was typed', async () => {
    const voice = await voiceWithToken();
    const empty = await add(voice.token, { note: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('書き足す内容を入力してください');
    const long = await add(voice.token, { note: 'あ'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('2,000文字以内で入力してください');
  });
});

describe('mailing the link to oneself', () => {
  it('queues a tracking_link mail with the link as its only (secret) content, not tied to the voice', async () => {
    const voice = await voiceWithToken();
    const page = await (await app.fetch(`/track/${voice.token}`)).text();
    const formKey = /name="formKey" value="([^"]+)"/.exec(page)![1]!;
    const mail = () => app.fetch(`/track/${voice.token}`, { method: 'POST', body: new URLSearchParams({ intent: 'mailLink', email: 'me@example.jp', formKey }) });
    const response = await mail();
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/track/${voice.token}?mailed=1#link-tools`);
    await mail(); // a double submit queues nothing more
    const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'me@example.jp'));
    expect(rows.map((r) => [r.template, r.submissionId, r.payload])).toEqual([['tracking_link', null, { trackingToken: voice.token }]]);
    expect(emailTemplate('tracking_link')!.secretFields).toEqual(['trackingToken']);
    // Nothing about the voice names the address.
    expect(await db.select().from(submissionContacts).where(eq(submissionContacts.submissionId, voice.id))).toEqual([]);
    expect(await (await app.fetch(`/track/${voice.token}?mailed=1`)).text()).toContain('リンクをお送りします');
  });

  it('refuses a malformed address', async () => {
    const voice = await voiceWithToken();
    const response = await app.fetch(`/track/${voice.token}`, { method: 'POST', body: new URLSearchParams({ intent: 'mailLink', email: 'me@' }) });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('メールアドレスの形式が正しくありません');
  });
});

describe('rating the reply', () => {
  it('offers the form once a final reply was sent, and records a rating once', async () => {
    const voice = await voiceWithToken();
    await sendReply(voice.id, 'final', 'ミラーを交換しました。');
    const page = await (await app.fetch(`/track/${voice.token}`)).text();
    expect(page).toContain('回答の評価にご協力ください');
    expect(page).toContain('ミラーを交換しました。');

    const response = await rate(voice.token, { resolved: 'yes', satisfaction: '5', comment: '早い対応でした' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/track/${voice.token}?rated=1`);
    const again = await rate(voice.token, { resolved: 'no', satisfaction: '1' });
    expect(again.status).toBe(302);
    const ratings = await db.select().from(replyRatings).where(eq(replyRatings.submissionId, voice.id));
    expect(ratings.map((r) => [r.resolved, r.satisfaction, r.comment])).toEqual([['yes', 5, '早い対応でした']]);
    const [row] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    expect(row!.negativeRating).toBe(false);

    const after = await (await app.fetch(`/track/${voice.token}?rated=1`)).text();
    expect(after).toContain('評価をお送りいただき、ありがとうございました。');
    expect(after).not.toContain('rating-resolved-yes');
  });

  it('flags a "not resolved" rating for the reform team with an internal timeline entry', async () => {
    const voice = await voiceWithToken();
    await sendReply(voice.id, 'final', '対応できません。');
    expect((await rate(voice.token, { resolved: 'no', satisfaction: '2', comment: '何も変わっていません' })).status).toBe(302);
    const [row] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    expect(row!.negativeRating).toBe(true);
    const events = await db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, voice.id));
    expect(events.filter((e) => e.type === 'negative_rating').map((e) => e.visibility)).toEqual(['internal']);
    const html = await (await app.fetch(`/track/${voice.token}`)).text();
    expect(html).toContain('広聴担当が確認します');
  });

  it('refuses an incomplete rating with the same messages as the browser, keeping the comment', async () => {
    const voice = await voiceWithToken();
    await sendReply(voice.id, 'final', '回答です。');
    const response = await rate(voice.token, { resolved: '', satisfaction: '', comment: '途中まで書いた' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('問題が解決したかどうかを選んでください');
    expect(html).toContain('満足度を1から5で選んでください');
    expect(html).toContain('途中まで書いた');
    expect(await db.select().from(replyRatings).where(eq(replyRatings.submissionId, voice.id))).toEqual([]);
  });

  it('does not accept a rating before a reply was sent', async () => {
    const voice = await voiceWithToken();
    const response = await rate(voice.token, { resolved: 'no', satisfaction: '1' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('この声はまだ評価できません');
    const [row] = await db.select().from(submissions).where(eq(submissions.id, voice.id));
    expect(row!.negativeRating).toBe(false);
  });

  it('keeps one rating when two arrive at once', async () => {
    const voice = await voiceWithToken();
    await sendReply(voice.id, 'final', '回答です。');
    await Promise.all([rate(voice.token, { resolved: 'partly', satisfaction: '3' }), rate(voice.token, { resolved: 'partly', satisfaction: '3' })]);
    expect(await db.select().from(replyRatings).where(eq(replyRatings.submissionId, voice.id))).toHaveLength(1);
  });
});
