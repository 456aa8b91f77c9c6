import { createServer, type Server } from 'node:http';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Database } from '../../db/client';
import { queryRows } from '../../db/client';
import { replies, replyRatings, submissions, users } from '../../db/schema/index';
import { buildIfStale } from '../../app/cli/build-if-stale';
import { loadConfig } from '../../app/config.server';
import { createLogger } from '../../app/logger.server';
import { createApp } from '../../app/server/app';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { signStopToken } from '../../app/email/stop-link.server';
import { seedOrganisation } from '../../app/seed/seed.server';
import { launchBrowser } from '../support/browser';
import { createTestDatabase } from '../support/db';
import { loadTestBuild, testBuildDir } from '../support/remix';
import { secretKeysFrom } from '../../app/secret-keys.server';

// Residents without JavaScript: Chromium with scripts off posts the rating form of the
// tracking page and the stop form of a mail's stop link, through the real Express server.
// (These pages keep their secret address out of other sites' Referer headers; with
// `no-referrer` Chromium posted them with `Origin: null` and got an empty 500.)

const SECRET = 'e2e-secret-e2e-secret-e2e-secret-e2e!!';
let db: Database;
let base: string;
let browser: Browser;
let context: BrowserContext;
let staffId: number;
const server: Server = createServer();

beforeAll(async () => {
  process.env.CITIZEN_RATING_LIMIT = '1000/600';
  if (!buildIfStale(testBuildDir(), () => {})) throw new Error('The app did not build');
  const database = await createTestDatabase();
  db = database.db;
  await seedOrganisation(db);
  const [staff] = await db.insert(users).values({ email: 'kocho@example.jp', displayName: '広聴 花子', role: 'reform' }).returning({ id: users.id });
  staffId = staff!.id;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, APP_URL: base, BUILD_DIR: testBuildDir() });
  const build = await loadTestBuild();
  server.on('request', createApp({ database, config, logger: createLogger('silent'), getBuild: async () => build }));
  browser = await launchBrowser();
  context = await browser.newContext({ javaScriptEnabled: false, locale: 'ja-JP' });
});

afterAll(async () => {
  await context?.close();
  await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
});

async function voice(title: string, withReply: boolean) {
  const [category] = await queryRows<{ id: number }>(db, sql`select id from categories where code = 'koen'`);
  const token = newSecretToken();
  const created = await createSubmission(db, {
    kind: 'complaint', channel: 'web', categoryId: category!.id, title, body: '中央公園のすべり台の手すりが外れています。', language: 'ja',
    contact: { email: 'resident@example.com' }, replyWanted: true, consentToPublish: false,
  }, { trackingToken: token });
  if (withReply) await db.insert(replies).values({ submissionId: created.id, kind: 'final', status: 'sent', body: '手すりを修理しました。', authorId: staffId, sentAt: new Date() });
  return { token, id: created.id };
}

describe('forms without JavaScript', () => {
  it('rates the reply on the tracking page', async () => {
    const { token, id } = await voice('評価する声', true);
    const page = await context.newPage();
    const posts: { status: number; origin: string | null }[] = [];
    page.on('response', async (response) => {
      if (response.request().method() === 'POST') posts.push({ status: response.status(), origin: await response.request().headerValue('origin') });
    });
    await page.goto(`${base}/track/${token}`);
    await page.check('#rating-resolved-yes');
    await page.check('#rating-satisfaction-5');
    await Promise.all([page.waitForURL(/\?rated=1$/), page.click('form:has(#rating-resolved-yes) button[type="submit"]')]);
    expect(posts).toEqual([{ status: 302, origin: base }]);
    await expect(page.textContent('#rated-title')).resolves.toContain('評価をお送りいただき、ありがとうございました。');
    const ratings = await db.select().from(replyRatings).where(eq(replyRatings.submissionId, id));
    expect(ratings.map((r) => [r.resolved, r.satisfaction])).toEqual([['yes', 5]]);
    await page.close();
  });

  it('stops the notices from the stop link', async () => {
    const { id } = await voice('停止する声', false);
    const page = await context.newPage();
    const posts: { status: number; origin: string | null }[] = [];
    page.on('response', async (response) => {
      if (response.request().method() === 'POST') posts.push({ status: response.status(), origin: await response.request().headerValue('origin') });
    });
    await page.goto(`${base}/mail/stop/${signStopToken(id, secretKeysFrom(SECRET))}`);
    await expect(page.textContent('#stop-title')).resolves.toBe('お知らせメールの停止');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form:has(input[name="intent"][value="stop"]) button[type="submit"]')]);
    await page.waitForLoadState();
    expect(posts).toEqual([{ status: 303, origin: base }]);
    await expect(page.textContent('#stop-title')).resolves.toBe('お知らせメールを停止しました');
    const [row] = await db.select({ v: submissions.nonEssentialMailOptOut }).from(submissions).where(eq(submissions.id, id));
    expect(row!.v).toBe(true);
    await page.close();
  });
});
