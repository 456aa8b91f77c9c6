import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { departments, emailOutbox } from '../../db/schema/index';
import { createKeptTransport } from '../../app/email/transport.server';
import { runOutboxOnce } from '../../app/email/worker.server';
import { createLogger } from '../../app/logger.server';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { emailTemplateNames } from '../../emails/index';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';
import { secretKeysFrom } from '../../app/secret-keys.server';

// Issue #13, point 1: with no RESEND_API_KEY mail is kept and shown to staff who read the
// outbox. No staff page may ever show a usable secret link: a reform-team account that asks
// for the admin's password reset must not be able to read the link and take the account.

const logger = createLogger('silent');
let db: Database;
let app: Awaited<ReturnType<typeof createTestApp>>;
let logins: DemoLogin[];
const login = (role: string) => logins.find((l) => l.role === role)!;
const printed: string[] = [];

async function sendAllKept(options: { printSecretLinks?: boolean } = {}) {
  const transport = createKeptTransport(logger, { printSecretLinks: options.printSecretLinks ?? false, print: (line) => printed.push(line) });
  for (;;) {
    const report = await runOutboxOnce({ db, logger, transport, appUrl: app.config.APP_URL, mailFrom: 'x <x@example.jp>', keys: secretKeysFrom(app.config.SESSION_SECRET) });
    if (report.claimed === 0) return;
  }
}

/** Every link on a page (and in its iframe srcdoc) that would open something secret. */
function secretLinksIn(html: string): string[] {
  const decoded = html.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  return [...decoded.matchAll(/\/(?:staff\/reset-password|staff\/invitation|track|mail\/stop)\/[A-Za-z0-9_.%-]{20,}/g)].map((m) => m[0]);
}

async function outboxPagesOf(cookie: string, template: string, to?: string): Promise<string[]> {
  const rows = await db.select({ id: emailOutbox.id }).from(emailOutbox)
    .where(to ? and(eq(emailOutbox.template, template), eq(emailOutbox.toAddress, to)) : eq(emailOutbox.template, template));
  expect(rows.length, `${template} messages in the outbox`).toBeGreaterThan(0);
  const pages: string[] = [];
  for (const row of rows) {
    const response = await get(app, `/staff/outbox/${row.id}`, cookie);
    expect(response.status).toBe(200);
    pages.push(await response.text());
  }
  return pages;
}

beforeAll(async () => {
  const handle = await createTestDatabase();
  db = handle.db;
  logins = (await seedDemo(db)).logins;
  app = await createTestApp(handle);
});

describe('kept mail never hands a secret link to staff', () => {
  it('a reform account that asks for the admin\'s password reset cannot read the link in the outbox and take the account', async () => {
    const reform = await signIn(app, login('reform').email, login('reform').password);
    const asked = await app.fetch('/staff/forgot-password', postForm({ email: login('admin').email }, { cookie: reform }));
    expect(asked.status).toBe(200);
    await sendAllKept();

    const list = await (await get(app, '/staff/outbox?status=kept', reform)).text();
    expect(secretLinksIn(list)).toEqual([]);
    const pages = await outboxPagesOf(reform, 'password_reset', login('admin').email);
    for (const page of pages) {
      // The attack: follow whatever reset link the page shows and set a new password.
      for (const link of secretLinksIn(page).filter((l) => l.startsWith('/staff/reset-password/'))) {
        await app.fetch(link, postForm({ password: 'the reform team owns this now', confirm: 'the reform team owns this now' }));
      }
      expect(secretLinksIn(page)).toEqual([]);
      // The page says the link was left out, and why.
      expect(page).toContain('秘密のリンクは表示していません');
    }
    const taken = await app.fetch('/staff/login', postForm({ email: login('admin').email, password: 'the reform team owns this now', redirectTo: '/staff' }));
    expect(taken.status).not.toBe(302);
    // The real owner still signs in with the password they had.
    await signIn(app, login('admin').email, login('admin').password);
  });

  it('hides invitation links, residents\' tracking links and stop links on every staff page that shows mail', async () => {
    const admin = await signIn(app, login('admin').email, login('admin').password);
    const [dept] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, 'doro'));
    const invited = await app.fetch('/staff/admin/users', postForm({
      email: 'himitsu.shinnyu@sakuradai.example.jp', displayName: '秘密 新入', role: 'staff', departmentId: String(dept!.id), language: 'ja',
    }, { cookie: admin }));
    expect(invited.status).toBe(302);
    await sendAllKept();

    const reform = await signIn(app, login('reform').email, login('reform').password);
    for (const cookie of [admin, reform]) {
      expect(secretLinksIn(await (await get(app, '/staff/outbox', cookie)).text())).toEqual([]);
      for (const page of await outboxPagesOf(cookie, 'invitation')) expect(secretLinksIn(page)).toEqual([]);
      for (const page of await outboxPagesOf(cookie, 'receipt')) {
        expect(secretLinksIn(page)).toEqual([]);
        expect(page).toContain('秘密のリンクは表示していません');
      }
      for (const template of emailTemplateNames) {
        for (const language of ['ja', 'en']) {
          const preview = await (await get(app, `/staff/email-previews?template=${template}&language=${language}`, cookie)).text();
          expect(secretLinksIn(preview), `${template} preview`).toEqual([]);
        }
      }
    }
    // Nor is the secret kept in the stored message once it has been "delivered" to the outbox.
    const stored = await db.select({ payload: emailOutbox.payload }).from(emailOutbox).where(eq(emailOutbox.status, 'sent'));
    expect(secretLinksIn(JSON.stringify(stored))).toEqual([]);
  });

  it('prints the links of kept mail to the console of the embedded demo only', async () => {
    await app.fetch('/staff/forgot-password', postForm({ email: login('mayor').email }));
    printed.length = 0;
    await sendAllKept({ printSecretLinks: false });
    expect(printed).toEqual([]);
    await app.fetch('/staff/forgot-password', postForm({ email: login('auditor').email }));
    await sendAllKept({ printSecretLinks: true });
    const line = printed.join('\n');
    expect(line).toContain(login('auditor').email);
    const [link] = secretLinksIn(line);
    expect(link).toMatch(/^\/staff\/reset-password\//);
    // The printed link works: the demo stays usable without a mail provider.
    expect((await get(app, link!)).status).toBe(200);
  });
});
