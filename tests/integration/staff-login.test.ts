import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditLog, sessions, users } from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { cookieFrom, get, postForm, signIn } from '../support/staff-auth';

describe('staff sign-in and sessions', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  const login = (role: string) => logins.find((l) => l.role === role)!;

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    app = await createTestApp(database);
  });

  it('shows the sign-in page in Japanese', async () => {
    const response = await get(app, '/staff/login');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>職員ログイン</h1>');
    expect(html).toContain('type="password"');
  });

  it('signs in with a fresh random session id in an HttpOnly, SameSite=Lax cookie, stored only as a hash', async () => {
    const { email, password } = login('reform');
    const response = await app.fetch('/staff/login', postForm({ email, password, redirectTo: '/staff' }));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/staff');
    // (The browser also gets its device cookie, issue #13: the session cookie is looked at here.)
    const header = response.headers.getSetCookie().find((c) => c.startsWith('meyasu_session='))!;
    expect(header).toMatch(/^meyasu_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
    const token = cookieFrom(response)!.split('=')[1]!;
    const stored = await database.db.select({ idHash: sessions.idHash }).from(sessions);
    expect(stored.map((s) => s.idHash)).not.toContain(token);
    expect(stored.some((s) => /^[0-9a-f]{64}$/.test(s.idHash))).toBe(true);

    const page = await get(app, '/staff', cookieFrom(response)!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('広聴 花子');
    expect(html).toContain('企画調整課');
  });

  it('refuses a wrong password and an unknown account with the same message', async () => {
    const wrong = await app.fetch('/staff/login', postForm({ email: login('staff').email, password: 'not-the-password-at-all' }));
    const unknown = await app.fetch('/staff/login', postForm({ email: 'nobody@sakuradai.example.jp', password: 'not-the-password-at-all' }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = 'メールアドレスまたはパスワードが正しくありません。';
    expect(await wrong.text()).toContain(message);
    expect(await unknown.text()).toContain(message);
  });

  it('stores argon2id hashes with m=19456, t=2, p=1', async () => {
    const rows = await database.db.select({ hash: users.passwordHash }).from(users);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses the old cookie after sign-out', async () => {
    const { email, password } = login('staff');
    const cookie = await signIn(app, email, password);
    expect((await get(app, '/staff', cookie)).status).toBe(200);
    const out = await app.fetch('/staff/logout', postForm({}, { cookie }));
    expect(out.status).toBe(302);
    expect(out.headers.get('set-cookie')).toMatch(/meyasu_session=; .*Max-Age=0/);
    const after = await get(app, '/staff', cookie);
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toBe('/staff/login?redirectTo=%2Fstaff');
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'auth.logout'));
    expect(entry).toBeDefined();
    void sql;
  });
});
