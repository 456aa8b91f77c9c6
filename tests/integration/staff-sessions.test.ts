import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditLog, sessions, users } from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { deleteExpiredSessions, hashSessionToken, SESSION_IDLE_MS } from '../../app/auth/session-store.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { cookieFrom, get, postForm, signIn } from '../support/staff-auth';

// Sessions are rows: they end on idle and absolute expiry, on "sign out everywhere", when
// the account is disabled — and the cookie alone never opens anything after that.

describe('staff sessions', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  const login = (role: string) => logins.find((l) => l.role === role)!;
  const rowOf = (cookie: string) => hashSessionToken(cookie.split('=')[1]!);

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    app = await createTestApp(database);
  });

  it('sends an anonymous visitor to sign-in and back to the page afterwards', async () => {
    const response = await get(app, '/staff/voices/2026-000001?x=1');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/staff/login?redirectTo=%2Fstaff%2Fvoices%2F2026-000001%3Fx%3D1');
    const { email, password } = login('reform');
    const signedIn = await app.fetch('/staff/login', postForm({ email, password, redirectTo: '/staff/voices/2026-000001?x=1' }));
    expect(signedIn.headers.get('location')).toBe('/staff/voices/2026-000001?x=1');
    // …but never to another site.
    const evil = await app.fetch('/staff/login', postForm({ email, password, redirectTo: '//evil.example/x' }));
    expect(evil.headers.get('location')).toBe('/staff');
  });

  it('ends a session after two idle hours, and twelve hours after sign-in in any case', async () => {
    const { email, password } = login('staff');
    const idle = await signIn(app, email, password);
    const old = await signIn(app, email, password);
    await database.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - 60_000) }).where(eq(sessions.idHash, rowOf(idle)));
    await database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.idHash, rowOf(old)));
    expect((await get(app, '/staff', idle)).status).toBe(302);
    expect((await get(app, '/staff', old)).status).toBe(302);

    // The cleanup job removes both rows (sign-in runs it too).
    expect(await deleteExpiredSessions(database.db)).toBeGreaterThanOrEqual(2);
    const fresh = await signIn(app, email, password);
    expect((await get(app, '/staff', fresh)).status).toBe(200);
    const left = (await database.db.select({ idHash: sessions.idHash }).from(sessions)).map((s) => s.idHash);
    expect(left).not.toContain(rowOf(idle));
    expect(left).not.toContain(rowOf(old));
    expect(left).toContain(rowOf(fresh));
  });

  it('refreshes last_seen_at while the session is used (idle time counts from the last request)', async () => {
    const { email, password } = login('manager');
    const cookie = await signIn(app, email, password);
    const earlier = new Date(Date.now() - 30 * 60_000);
    await database.db.update(sessions).set({ lastSeenAt: earlier }).where(eq(sessions.idHash, rowOf(cookie)));
    expect((await get(app, '/staff', cookie)).status).toBe(200);
    const [row] = await database.db.select().from(sessions).where(eq(sessions.idHash, rowOf(cookie)));
    expect(row!.lastSeenAt.getTime()).toBeGreaterThan(earlier.getTime() + 60_000);
  });

  it('starts a new session at sign-in and ends the one the browser carried', async () => {
    const { email, password } = login('mayor');
    const first = await signIn(app, email, password);
    const again = await app.fetch('/staff/login', postForm({ email, password }, { cookie: first }));
    const second = cookieFrom(again)!;
    expect(second).not.toBe(first);
    expect((await get(app, '/staff', first)).status).toBe(302);
    expect((await get(app, '/staff', second)).status).toBe(200);
  });

  it('signs out everywhere: every session of the user ends, other people stay signed in', async () => {
    const { email, password } = login('doro-manager');
    const laptop = await signIn(app, email, password);
    const phone = await signIn(app, email, password);
    const colleague = await signIn(app, login('doro-staff').email, login('doro-staff').password);
    const response = await app.fetch('/staff/profile', postForm({ intent: 'signOutEverywhere' }, { cookie: laptop }));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/staff/login?notice=signedOut');
    expect((await get(app, '/staff', laptop)).status).toBe(302);
    expect((await get(app, '/staff', phone)).status).toBe(302);
    expect((await get(app, '/staff', colleague)).status).toBe(200);
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'auth.sign_out_everywhere'));
    expect(entry!.details).toEqual({ sessions: 2 });
  });

  it('refuses the sessions of a disabled account at once', async () => {
    const { email, password } = login('auditor');
    const cookie = await signIn(app, email, password);
    await database.db.update(users).set({ disabledAt: new Date() }).where(sql`lower(${users.email}) = ${email}`);
    expect((await get(app, '/staff', cookie)).status).toBe(302);
    const retry = await app.fetch('/staff/login', postForm({ email, password }));
    expect(retry.status).toBe(401);
  });

  it('marks the cookie Secure (and __Host-) when the app is served over https', async () => {
    const secure = await createTestApp(database, { APP_URL: 'https://meyasu.example.jp' });
    const { email, password } = login('admin');
    const response = await secure.fetch('/staff/login', postForm({ email, password }, { headers: { Origin: 'https://meyasu.example.jp', Host: 'meyasu.example.jp' } }));
    expect(response.status).toBe(302);
    const [session, device] = response.headers.getSetCookie();
    expect(session).toMatch(/^__Host-meyasu_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure$/);
    expect(device).toMatch(/^__Host-meyasu_device=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=15552000; Secure$/);
  });
});
