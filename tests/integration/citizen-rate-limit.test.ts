import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { submissions } from '../../db/schema/index';
import { newIdempotencyKey } from '../../app/domain/tracking-token.server';
import { seedOrganisation } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';

// The per-IP limits live in the database (shared by every app instance); a small limit
// configured through the environment shows the friendly 429 after the configured count.

process.env.CITIZEN_SUBMIT_LIMIT = '3/600';
process.env.CITIZEN_SURVEY_LIMIT = '2/600';

let db: Database;
let app: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.db;
  await seedOrganisation(db);
  app = await createTestApp(database);
});

function send(title: string, language = 'ja') {
  const form = new URLSearchParams({ idempotencyKey: newIdempotencyKey(), kind: 'idea', title, body: '本文', contactMode: 'anonymous' });
  return app.fetch('/send', { method: 'POST', body: form, headers: { Cookie: `meyasu_lang=${language}` } });
}

describe('the per-IP submission limit', () => {
  it('accepts the configured count, then answers 429 with Retry-After and a friendly page that keeps the text', async () => {
    for (let i = 1; i <= 3; i += 1) expect((await send(`提案${i}`)).status).toBe(302);
    const refused = await send('四つ目の提案');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await refused.text();
    expect(html).toContain('送信が続いたため、しばらくお待ちください');
    expect(html).toContain('value="四つ目の提案"');
    const english = await send('fifth', 'en');
    expect(english.status).toBe(429);
    expect(await english.text()).toContain('Please wait a little');
    const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(submissions);
    expect(count!.n).toBe(3);
  });

  it('limits counter surveys separately', async () => {
    const answer = () => app.fetch('/survey/shimin-madoguchi', { method: 'POST', body: new URLSearchParams({ speed: '3', courtesy: '3', clarity: '3', overall: '3' }) });
    expect((await answer()).status).toBe(302);
    expect((await answer()).status).toBe(302);
    const refused = await answer();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
  });
});
