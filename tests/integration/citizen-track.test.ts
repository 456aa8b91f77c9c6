import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { replies, replyRatings, submissionEvents, submissions, users } from '../../db/schema/index';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { seedOrganisation } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';

// The tracking page and the reply rating, as the resident holding the secret link sees them.

process.env.CITIZEN_RATING_LIMIT = '1000/600';

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

  it('answers the same generic 404 for an unknown token as for any unknown page', async () => {
    const unknown = await app.fetch(`/track/${newSecretToken()}`);
    const nowhere = await app.fetch('/no-such-page');
    expect(unknown.status).toBe(404);
    // The visible page (title and main content) is the same; nothing tells whether the token was ever real.
    const visible = (html: string) => [html.match(/<title>[\s\S]*?<\/title>/)?.[0] ?? '', html.match(/<main[\s\S]*?<\/main>/)?.[0] ?? ''];
    const [a, b] = [visible(await unknown.text()), visible(await nowhere.text())];
    expect(a[1]).toContain('ページが見つかりません');
    expect(a).toEqual(b);
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
