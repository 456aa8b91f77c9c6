import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, signIn } from '../support/staff-auth';

// A missing translation shows its key (e.g. "outboxPage.title" or "staff:nav.inbox"). Each page
// receives only its area's strings, so check the backoffice pages render words, not keys.
const visibleText = (html: string) => html
  .replace(/<script[\s\S]*?<\/script>/g, ' ')
  .replace(/<style[\s\S]*?<\/style>/g, ' ')
  .replace(/<[^>]+>/g, ' ');
const KEY_LIKE = /(?:^|\s)(?:[a-z]+:)?[a-z][a-zA-Z]*(?:\.[a-z][a-zA-Z]*){1,3}(?=\s|$)/g;

describe('backoffice pages speak, in Japanese and English', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  beforeAll(async () => {
    const database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    app = await createTestApp(database);
  }, 180_000);

  it.each(['ja', 'en'])('shows no raw translation keys on the main staff pages (%s)', async (language) => {
    const reform = logins.find((l) => l.role === 'reform')!;
    const cookie = `${await signIn(app, reform.email, reform.password)}; meyasu_lang=${language}`;
    for (const path of ['/staff', '/staff/inbox', '/staff/outbox', '/staff/email-previews', '/staff/improvements', '/staff/analytics', '/staff/mayor', '/staff/department']) {
      const response = await get(app, path, cookie);
      if (response.status !== 200) continue; // pages this role may not open are the matrix's business
      const keys = (visibleText(await response.text()).match(KEY_LIKE) ?? []).map((k) => k.trim())
        .filter((k) => !/^(?:www|example|sakuradai)\./.test(k) && !k.includes('@'));
      expect(keys, `${path} (${language})`).toEqual([]);
    }
  }, 120_000);
});
