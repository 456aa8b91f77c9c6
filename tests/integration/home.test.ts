import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { seedDemo } from '../../app/seed/seed.server';
import { refreshAnalyticsRollups } from '../../app/domain/analytics/rollups.server';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import type { Database } from '../../db/client';
import { submissions } from '../../db/schema/index';
import { sql } from 'drizzle-orm';

describe('the public site through the Remix request handler', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let db: Database;

  beforeAll(async () => {
    const database = await createTestDatabase();
    db = database.db;
    await seedDemo(database.db);
    app = await createTestApp(database);
  });

  it('serves the home page in Japanese with the city, its promise and the published replies', async () => {
    const response = await app.fetch('/');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="ja"');
    expect(html).toContain('さくら台市 市民の声');
    expect(html).toContain('いただいた声は、すべて市長が読みます。');
    expect(html).toContain('市民課窓口の待ち時間が長すぎます');
    expect(html).toContain('市民課窓口の待ち時間の見える化');
    // React 18's streaming renderer can emit NUL bytes inside multi-byte text; none may reach a resident.
    expect(html).not.toContain('\u0000');
  });

  it('switches to English and remembers the choice in a cookie', async () => {
    const form = new URLSearchParams({ language: 'en', redirectTo: '/' });
    const switched = await app.fetch('/language', { method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(switched.status).toBe(302);
    const cookie = switched.headers.get('set-cookie')!;
    expect(cookie).toMatch(/meyasu_lang=en/);
    const html = await (await app.fetch('/', { headers: { Cookie: cookie.split(';')[0]! } })).text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Sakuradai City — Citizen Voices');
  });

  it('does not follow a language-switch redirect to another site', async () => {
    const form = new URLSearchParams({ language: 'en', redirectTo: '//evil.example/' });
    const switched = await app.fetch('/language', { method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(switched.headers.get('location')).toBe('/');
  });

  it('reports the database in /healthz', async () => {
    const response = await app.fetch('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: { status: 'ok' } });
  });

  it('answers an unknown page with a translated 404', async () => {
    const response = await app.fetch('/no-such-page');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('ページが見つかりません');
  });

  it('says how many voices the city received: live before the first analytics refresh, then as of the refresh', async () => {
    const counted = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(submissions).where(sql`${submissions.status} not in ('hidden', 'merged')`))[0]!.n;
    const shown = async () => (await (await app.fetch('/')).text()).match(/これまでに (\d+) 件の声/)?.[1];
    expect(await shown()).toBe(String(await counted()));
    await refreshAnalyticsRollups(db);
    const before = await counted();
    await createSubmission(db, { kind: 'idea', channel: 'web', categoryId: null, title: '公園に水飲み場を', body: '夏は必要です。', language: 'ja', contact: null, replyWanted: false, consentToPublish: false }, { trackingToken: newSecretToken() });
    expect(await shown()).toBe(String(before)); // not yet refreshed
    await refreshAnalyticsRollups(db);
    expect(await shown()).toBe(String(before + 1));
  });
});
