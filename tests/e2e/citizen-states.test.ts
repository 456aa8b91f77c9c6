import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { queryRows } from '../../db/client';
import { replies, submissions, users } from '../../db/schema/index';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { seedOrganisation } from '../../app/seed/seed.server';
import { expectNoAxeViolations, launchBrowser } from '../support/browser';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';

// Page states the running demo cannot reach from a browser alone (a reply to rate, a "no"
// rating, a merged or referred voice, refused ratings and surveys): rendered by the real
// request handler on a test database, then checked by axe in Chromium with the site's CSS.

const css = readFileSync('app/styles/app.css', 'utf8');
let browser: Browser;
let app: Awaited<ReturnType<typeof createTestApp>>;
const states: { label: string; path: string; init?: RequestInit; status: number }[] = [];

beforeAll(async () => {
  process.env.CITIZEN_RATING_LIMIT = '1000/600';
  process.env.CITIZEN_SURVEY_LIMIT = '1000/600';
  const database = await createTestDatabase();
  const db = database.db;
  await seedOrganisation(db);
  const [staff] = await db.insert(users).values({ email: 'kocho@example.jp', displayName: '広聴 花子', role: 'reform' }).returning({ id: users.id });
  const [category] = await queryRows<{ id: number }>(db, sql`select id from categories where code = 'koen'`);
  const voice = async (title: string) => {
    const token = newSecretToken();
    const created = await createSubmission(db, {
      kind: 'complaint', channel: 'web', categoryId: category!.id, title, body: '中央公園のすべり台の手すりが外れています。', language: 'ja',
      contact: null, replyWanted: false, consentToPublish: false,
    }, { trackingToken: token });
    return { token, id: created.id, receiptNumber: created.receiptNumber };
  };
  const reply = (submissionId: number, kind: 'final' | 'interim', extra: Partial<typeof replies.$inferInsert> = {}) =>
    db.insert(replies).values({ submissionId, kind, status: 'sent', body: '手すりを修理しました。', authorId: staff!.id, sentAt: new Date(), ...extra });

  const toRate = await voice('評価を待つ声');
  await reply(toRate.id, 'interim', { interimReason: '部品の取り寄せ', newDueDate: '2030-01-31' });
  await reply(toRate.id, 'final');
  const rated = await voice('評価済みの声');
  await reply(rated.id, 'final');
  const merged = await voice('まとめられた声');
  await db.execute(sql`update submissions set status = 'merged', merged_into_id = ${toRate.id} where id = ${merged.id}`);
  const referred = await voice('移送された声');
  await db.update(submissions).set({ status: 'referred', referredTo: 'さくら県 道路整備課' }).where(sql`id = ${referred.id}`);

  app = await createTestApp(database);
  const form = (fields: Record<string, string>): RequestInit => ({ method: 'POST', body: new URLSearchParams(fields) });
  expect((await app.fetch(`/track/${rated.token}`, form({ resolved: 'no', satisfaction: '1', comment: '直っていません' }))).status).toBe(302);

  states.push(
    { label: 'tracking with the rating form', path: `/track/${toRate.token}`, status: 200 },
    { label: 'rating refused', path: `/track/${toRate.token}`, init: form({ resolved: '', satisfaction: '', comment: 'x'.repeat(1001) }), status: 400 },
    { label: 'rated "no"', path: `/track/${rated.token}?rated=1`, status: 200 },
    { label: 'merged voice', path: `/track/${merged.token}`, status: 200 },
    { label: 'referred voice', path: `/track/${referred.token}`, status: 200 },
    { label: 'survey refused', path: '/survey/shimin-madoguchi', init: form({ speed: '3' }), status: 400 },
  );
  browser = await launchBrowser();
});

/** The server's HTML with the site's stylesheet inlined and the scripts left out (as without JavaScript). */
function staticPage(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<link[^>]*rel="(stylesheet|modulepreload)"[^>]*>/g, '')
    .replace('</head>', `<style>${css}</style></head>`);
}

describe('page states reached only with staff work behind them', () => {
  for (const language of ['ja', 'en'] as const) {
    it(`pass axe and fit 320 px in ${language}`, async () => {
      const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
      for (const state of states) {
        const init = { ...state.init, headers: { Cookie: `meyasu_lang=${language}` } };
        if (init.body instanceof URLSearchParams) init.body = new URLSearchParams(init.body);
        const response = await app.fetch(state.path, init);
        expect(response.status, state.label).toBe(state.status);
        await page.setContent(staticPage(await response.text()));
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        await expectNoAxeViolations(page, `${state.label} (${language})`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${state.label} (${language}) at 320 px`).toBeLessThanOrEqual(0);
      }
      await page.close();
    });
  }

  it('shows what each state promises', async () => {
    const text = async (path: string) => (await app.fetch(path)).text();
    expect(await text(states[0]!.path)).toContain('問題は解決しましたか');
    expect(await text(states[2]!.path)).toContain('「解決していない」とのご評価を、広聴担当が確認します。');
    expect(await text(states[3]!.path)).toContain('同じ内容の声（受付番号');
    expect(await text(states[4]!.path)).toContain('さくら県 道路整備課へお伝えしました');
  });
});
