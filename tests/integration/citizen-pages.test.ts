import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../db/client';
import { counterSurveys, serviceCounters, submissions } from '../../db/schema/index';
import { seedDemo } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';

// Counter surveys, published voices and the static pages, through the real request handler.

process.env.CITIZEN_SURVEY_LIMIT = '1000/600';

let db: Database;
let app: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.db;
  await seedDemo(db);
  app = await createTestApp(database);
});

const postSurvey = (slug: string, fields: Record<string, string>) =>
  app.fetch(`/survey/${slug}`, { method: 'POST', body: new URLSearchParams(fields) });

describe('counter surveys', () => {
  it('lists the active counters with links to their surveys', async () => {
    const html = await (await app.fetch('/survey')).text();
    expect(html).toContain('href="/survey/shimin-madoguchi"');
    expect(html).toContain('市民課窓口');
    expect(html).toContain('本庁舎1階 1番〜5番窓口');
  });

  it('stores an answer under that counter, without sign-in, and thanks the resident', async () => {
    const [counter] = await db.select().from(serviceCounters).where(eq(serviceCounters.slug, 'kita-shisho'));
    const page = await app.fetch('/survey/kita-shisho');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('北支所窓口 アンケート');
    const response = await postSurvey('kita-shisho', { speed: '2', courtesy: '5', clarity: '4', overall: '3', comment: '案内がわかりやすかった' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/survey/kita-shisho?thanks=1');
    const rows = await db.select().from(counterSurveys).where(eq(counterSurveys.counterId, counter!.id));
    expect(rows.map((r) => [r.speed, r.courtesy, r.clarity, r.overall, r.comment, r.language])).toEqual([[2, 5, 4, 3, '案内がわかりやすかった', 'ja']]);
    expect(await (await app.fetch('/survey/kita-shisho?thanks=1')).text()).toContain('ご回答ありがとうございました');
  });

  it('refuses missing scores with translated messages and stores nothing', async () => {
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(counterSurveys);
    const response = await postSurvey('shimin-madoguchi', { speed: '3', courtesy: '', clarity: '9', overall: '4' });
    expect(response.status).toBe(400);
    expect((await response.text()).match(/1から5のいずれかを選んでください/g)?.length).toBeGreaterThanOrEqual(2);
    const english = await postSurvey('shimin-madoguchi', {});
    expect(english.status).toBe(400);
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(counterSurveys);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('answers 404 for an unknown or inactive counter', async () => {
    expect((await app.fetch('/survey/no-such-counter')).status).toBe(404);
    await db.update(serviceCounters).set({ active: false }).where(eq(serviceCounters.slug, 'suido-ryokin'));
    expect((await app.fetch('/survey/suido-ryokin')).status).toBe(404);
    expect((await postSurvey('suido-ryokin', { speed: '1', courtesy: '1', clarity: '1', overall: '1' })).status).toBe(404);
  });
});

describe('published voices', () => {
  it('lists only published voices, with their published titles', async () => {
    const html = await (await app.fetch('/voices')).text();
    expect(html).toContain('市民課窓口の待ち時間が長すぎます');
    expect(html).toContain('通学路のカーブミラーが曇って見えません');
    expect(html).not.toContain('ごみ収集日をアプリで通知してほしい');
  });

  it('filters by kind and finds Japanese words inside published text', async () => {
    const praise = await (await app.fetch('/voices?kind=praise')).text();
    expect(praise).toContain('介護保険課の方の丁寧な説明に感謝します');
    expect(praise).not.toContain('市民課窓口の待ち時間が長すぎます');
    const search = await (await app.fetch(`/voices?q=${encodeURIComponent('カーブミラー')}`)).text();
    expect(search).toContain('通学路のカーブミラーが曇って見えません');
    expect(search).not.toContain('市民課窓口の待ち時間が長すぎます');
    const fullWidth = await (await app.fetch(`/voices?q=${encodeURIComponent('１時間')}`)).text();
    expect(fullWidth).toContain('市民課窓口の待ち時間が長すぎます');
  });

  it('never finds or shows what was masked out of the original text', async () => {
    const [row] = await queryRows<{ id: number; receipt_number: string }>(db, sql`select id, receipt_number from submissions where published_at is not null order by id limit 1`);
    await db.update(submissions).set({
      body: '山田花子です。電話は090-9999-0000。窓口で長く待ちました。',
      publishedBody: '（氏名・電話番号は削除しました）窓口で長く待ちました。',
    }).where(eq(submissions.id, row!.id));
    for (const q of ['山田花子', '090-9999']) {
      const html = await (await app.fetch(`/voices?q=${encodeURIComponent(q)}`)).text();
      expect(html).toContain('条件に合う声はありません。');
    }
    const detail = await (await app.fetch(`/voices/${row!.receipt_number}`)).text();
    expect(detail).toContain('（氏名・電話番号は削除しました）');
    expect(detail).not.toContain('山田花子');
  });

  it('shows a published voice with its reply and improvement, and 404 for an unpublished one', async () => {
    const [published] = await queryRows<{ receipt_number: string }>(db, sql`select receipt_number from submissions where published_title = '市民課窓口の待ち時間が長すぎます'`);
    const html = await (await app.fetch(`/voices/${published!.receipt_number}`)).text();
    expect(html).toContain('月曜午前は転入手続きが集中するため');
    expect(html).toContain('市民課窓口の待ち時間の見える化');
    const [unpublished] = await queryRows<{ receipt_number: string }>(db, sql`select receipt_number from submissions where published_at is null limit 1`);
    expect((await app.fetch(`/voices/${unpublished!.receipt_number}`)).status).toBe(404);
    expect((await app.fetch('/voices/not-a-number')).status).toBe(404);
  });
});

describe('the home page', () => {
  it('shows the promise, how a voice travels, published replies with their answer, closed improvements and the ways in', async () => {
    const html = await (await app.fetch('/')).text();
    expect(html).toContain('いただいた声は、すべて市長が読みます。');
    // The list numbers the steps; the words do not number them again.
    expect(html).toContain('<strong>担当課が回答します</strong>');
    expect(html).not.toContain('2. 担当課が回答します');
    expect(html).toMatch(/回答：<\/span> (<!-- -->)?<span lang="ja">ご不便をおかけし申し訳ございません。/);
    // Not for emergencies: the city hall's phone, from the city settings.
    expect(html).toContain('緊急の場合は、このフォームを使わずお電話ください');
    expect(html).toContain('href="tel:0123456789"');
    expect(html).toContain('市民課窓口の待ち時間の見える化');
    for (const href of ['href="/send"', 'href="/survey"', 'href="/voices"']) expect(html).toContain(href);
  });
});

describe('static pages', () => {
  it('state the purposes of use, the retention and the accessibility target, in both languages', async () => {
    const privacy = await (await app.fetch('/privacy')).text();
    expect(privacy).toContain('利用目的');
    expect(privacy).toContain('保存期間');
    const accessibility = await (await app.fetch('/accessibility')).text();
    expect(accessibility).toContain('JIS X 8341-3:2016');
    expect(accessibility).toContain('このサイト以外でご意見を伝える方法');
    expect(accessibility).toContain('0123-45-6790');
    const english = await (await app.fetch('/accessibility', { headers: { Cookie: 'meyasu_lang=en' } })).text();
    expect(english).toContain('<html lang="en"');
    expect(english).toContain('Accessibility policy');
  });
});

describe('the strings each public page carries', () => {
  // Pages link their namespaces' translation files (fetched by the browser, cached for a year)
  // instead of carrying the strings in their loader data. A namespace a page uses but does not
  // link would show its keys after hydration, so: no raw keys on the server's page, and the
  // links name what each page needs.
  const visibleText = (html: string) => html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
  const KEY_LIKE = /(?:^|\s)(?:[a-z]+:)?[a-z][a-zA-Z]*(?:\.[a-z][a-zA-Z]*){1,3}(?=\s|$)/g;
  const linked = (html: string) => [...html.matchAll(/<link [^>]*data-translations="([a-z]+)"/g)].map((m) => m[1]).sort();
  const RESIDENTS = ['citizen', 'common', 'domain', 'errors'];

  it.each(['ja', 'en'])('shows words, not keys, and links only the namespaces it uses (%s)', async (language) => {
    const [voice] = await queryRows<{ receipt_number: string }>(db, sql`select receipt_number from submissions where published_at is not null limit 1`);
    const pages: [string, string[]][] = [
      ['/', RESIDENTS], ['/send', [...RESIDENTS, 'map'].sort()], ['/voices', RESIDENTS], [`/voices/${voice!.receipt_number}`, RESIDENTS],
      ['/survey', RESIDENTS], ['/survey/shimin-madoguchi', RESIDENTS], ['/privacy', RESIDENTS], ['/accessibility', RESIDENTS],
      ['/improvements', [...RESIDENTS, 'improvement'].sort()], ['/statistics', ['analytics', ...RESIDENTS]],
      // The catch-all route's 404: the root loader has run, so the page is in the reader's language with the residents' strings.
      ['/no-such-page', RESIDENTS],
    ];
    for (const [path, namespaces] of pages) {
      const html = await (await app.fetch(path, { headers: { Cookie: `meyasu_lang=${language}` } })).text();
      const keys = (visibleText(html).match(KEY_LIKE) ?? []).map((k) => k.trim()).filter((k) => !/^(?:www|example|sakuradai)\./.test(k));
      expect(keys, `${path} (${language})`).toEqual([]);
      expect(linked(html), path).toEqual(namespaces);
    }
  }, 120_000);

  it('keeps the send page small: its strings are linked, not inlined', async () => {
    const html = await (await app.fetch('/send')).text();
    // A string of the residents' namespace that the send page does not show.
    expect(html).not.toContain('この声はまだ評価できません');
    // Linked for after the first paint (rel turns from x-deferred-preload into preload then).
    expect(html).toMatch(/<link rel="(?:x-deferred-)?preload" as="fetch" crossorigin="anonymous" href="[^"]+citizen[^"]*\.json[^"]*" data-translations="citizen"/);
    expect(Buffer.byteLength(html)).toBeLessThan(30_000);
  });
});
