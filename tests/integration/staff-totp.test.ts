import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { citySettings, users } from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { decryptTotpSecret, totpCodeAt } from '../../app/auth/totp.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';
import { secretKeysFrom } from '../../app/secret-keys.server';

// The optional TOTP second factor, and the city's policy that requires it of admins and the mayor.

describe('TOTP second factor', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  const login = (role: string) => logins.find((l) => l.role === role)!;

  async function secretOf(email: string): Promise<string> {
    const [row] = await database.db.select({ secret: users.totpSecret }).from(users).where(sql`lower(${users.email}) = ${email}`);
    return decryptTotpSecret(row!.secret!, secretKeysFrom(app.config.SESSION_SECRET))!;
  }

  async function enrol(cookie: string, email: string): Promise<string> {
    expect((await app.fetch('/staff/profile/totp', postForm({ intent: 'start' }, { cookie }))).status).toBe(302);
    const page = await (await get(app, '/staff/profile/totp', cookie)).text();
    expect(page).toContain('data:image/svg+xml;base64,');
    const secret = await secretOf(email);
    expect(page).toContain(secret.slice(0, 4));
    const confirmed = await app.fetch('/staff/profile/totp', postForm({ intent: 'confirm', code: totpCodeAt(secret, new Date()) }, { cookie }));
    expect(confirmed.status).toBe(302);
    return secret;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    app = await createTestApp(database);
  });

  it('stores the secret encrypted, never as the base32 text the app shows', async () => {
    const { email, password } = login('reform');
    const cookie = await signIn(app, email, password);
    const secret = await enrol(cookie, email);
    const [row] = await database.db.select({ stored: users.totpSecret, enabled: users.totpEnabledAt }).from(users).where(sql`lower(${users.email}) = ${email}`);
    expect(row!.enabled).not.toBeNull();
    expect(row!.stored).not.toContain(secret);
    expect(row!.stored).toMatch(/^v1:/);
  });

  it('asks for a code after the password, refuses a wrong or replayed code, and accepts a fresh one', async () => {
    const { email, password } = login('reform');
    const secret = await secretOf(email);
    const response = await app.fetch('/staff/login', postForm({ email, password, redirectTo: '/staff/profile' }));
    expect(response.headers.get('location')).toBe('/staff/login/totp?redirectTo=%2Fstaff%2Fprofile');
    const pending = response.headers.get('set-cookie')!.split(';')[0]!;
    // Password alone opens nothing.
    const blocked = await get(app, '/staff', pending);
    expect(blocked.headers.get('location')).toMatch(/^\/staff\/login\/totp/);

    const wrong = await app.fetch('/staff/login/totp', postForm({ code: '000000', redirectTo: '/staff/profile' }, { cookie: pending }));
    expect(wrong.status).toBe(401);
    // The code that confirmed the enrolment (same 30-second step) cannot be used again.
    const replay = await app.fetch('/staff/login/totp', postForm({ code: totpCodeAt(secret, new Date()), redirectTo: '/staff/profile' }, { cookie: pending }));
    expect(replay.status).toBe(401);
    const next = totpCodeAt(secret, new Date(Date.now() + 30_000));
    const ok = await app.fetch('/staff/login/totp', postForm({ code: next, redirectTo: '/staff/profile' }, { cookie: pending }));
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('/staff/profile');
    expect((await get(app, '/staff', pending)).status).toBe(200);
  });

  it('makes admins and the mayor enrol before anything else once the city requires it', async () => {
    await database.db.update(citySettings).set({ requireTotpForAdminAndMayor: true }).where(eq(citySettings.id, 1));
    const { email, password } = login('mayor');
    const cookie = await signIn(app, email, password);
    const redirected = await get(app, '/staff', cookie);
    expect(redirected.headers.get('location')).toBe('/staff/profile/totp?required=1');
    expect((await get(app, '/staff/profile/totp', cookie)).status).toBe(200);
    // Other roles are not affected.
    const staff = await signIn(app, login('staff').email, login('staff').password);
    expect((await get(app, '/staff', staff)).status).toBe(200);

    const secret = await enrol(cookie, email);
    expect((await get(app, '/staff', cookie)).status).toBe(200);
    // While the policy holds, the mayor cannot remove it.
    const removal = await app.fetch('/staff/profile/totp', postForm({ intent: 'disable', code: totpCodeAt(secret, new Date(Date.now() + 30_000)) }, { cookie }));
    expect(removal.status).toBe(400);
    const [row] = await database.db.select({ enabled: users.totpEnabledAt }).from(users).where(sql`lower(${users.email}) = ${email}`);
    expect(row!.enabled).not.toBeNull();
    await database.db.update(citySettings).set({ requireTotpForAdminAndMayor: false }).where(eq(citySettings.id, 1));
  });
});
