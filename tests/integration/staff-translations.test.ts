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

  // Each page is opened by a role that works on it, so every one is really read.
  const pages: [path: string, role: string][] = [
    ['/staff', 'reform'], ['/staff/inbox', 'reform'], ['/staff/outbox', 'reform'], ['/staff/email-previews', 'reform'],
    ['/staff/improvements', 'reform'], ['/staff/analytics', 'reform'], ['/staff/mayor', 'mayor'], ['/staff/department', 'manager'],
  ];

  it.each(['ja', 'en'])('shows no raw translation keys on the main staff pages (%s)', async (language) => {
    const cookies = new Map<string, string>();
    for (const [path, role] of pages) {
      if (!cookies.has(role)) {
        const login = logins.find((l) => l.role === role)!;
        cookies.set(role, `${await signIn(app, login.email, login.password)}; meyasu_lang=${language}`);
      }
      const response = await get(app, path, cookies.get(role));
      expect(response.status, `${path} as ${role}`).toBe(200);
      const keys = (visibleText(await response.text()).match(KEY_LIKE) ?? []).map((k) => k.trim())
        .filter((k) => !/^(?:www|example|sakuradai)\./.test(k) && !k.includes('@'));
      expect(keys, `${path} (${language})`).toEqual([]);
    }
  }, 120_000);
});
