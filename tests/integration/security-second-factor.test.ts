import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, citySettings, emailOutbox, users } from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { decryptTotpSecret, totpCodeAt } from '../../app/auth/totp.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';
import { secretKeysFrom } from '../../app/secret-keys.server';

// Issue #13, points 2 and 6: a session alone must not remove or replace the second factor,
// and the current password on /staff/profile cannot be guessed without limit.

describe('changing the second factor takes a current code', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  const login = (role: string) => logins.find((l) => l.role === role)!;
  /** A code of the current 30-second step; the last-used step is forgotten first, as if the next step had come. */
  async function code(email: string, secret: string): Promise<string> {
    await database.db.update(users).set({ totpLastStep: null }).where(sql`lower(${users.email}) = ${email}`);
    return totpCodeAt(secret, new Date());
  }

  async function stored(email: string) {
    const [row] = await database.db.select({ id: users.id, secret: users.totpSecret, enabledAt: users.totpEnabledAt }).from(users).where(sql`lower(${users.email}) = ${email}`);
    return row!;
  }

  async function enrol(cookie: string, email: string): Promise<string> {
    expect((await app.fetch('/staff/profile/totp', postForm({ intent: 'start' }, { cookie }))).status).toBe(302);
    const secret = decryptTotpSecret((await stored(email)).secret!, secretKeysFrom(app.config.SESSION_SECRET))!;
    expect((await app.fetch('/staff/profile/totp', postForm({ intent: 'confirm', code: totpCodeAt(secret, new Date()) }, { cookie }))).status).toBe(302);
    return secret;
  }

  /** Signs in with password and code (the second factor is on). */
  async function signInWithCode(email: string, password: string, secret: string): Promise<string> {
    const response = await app.fetch('/staff/login', postForm({ email, password, redirectTo: '/staff' }));
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    expect((await app.fetch('/staff/login/totp', postForm({ code: await code(email, secret), redirectTo: '/staff' }, { cookie }))).status).toBe(302);
    return cookie;
  }

  const mails = (to: string) => database.db.select().from(emailOutbox).where(and(eq(emailOutbox.template, 'security_notice'), sql`lower(${emailOutbox.toAddress}) = ${to}`));

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    app = await createTestApp(database);
  });

  it('refuses intent=start with only a session while a second factor is on, and keeps it on', async () => {
    const { email, password } = login('reform');
    const secret = await enrol(await signIn(app, email, password), email);
    const before = await stored(email);
    // The attacker holds a session (cookie), not the authenticator.
    const session = await signInWithCode(email, password, secret);
    const attack = await app.fetch('/staff/profile/totp', postForm({ intent: 'start' }, { cookie: session }));
    expect(attack.status).toBe(400);
    const wrong = await app.fetch('/staff/profile/totp', postForm({ intent: 'start', code: '123456' }, { cookie: session }));
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('確認コードが正しくない');
    const after = await stored(email);
    expect(after.enabledAt).toEqual(before.enabledAt);
    expect(after.secret).toBe(before.secret);
    // Signing in still asks for the code.
    const again = await app.fetch('/staff/login', postForm({ email, password, redirectTo: '/staff' }));
    expect(again.headers.get('location')).toMatch(/^\/staff\/login\/totp/);
    const refused = await database.db.select().from(auditLog).where(eq(auditLog.action, 'auth.totp_reenrolment_refused'));
    expect(refused.length).toBeGreaterThan(0);
  });

  it('replaces the factor with a current code, audits it and mails the owner', async () => {
    const { email, password } = login('reform');
    const secret = decryptTotpSecret((await stored(email)).secret!, secretKeysFrom(app.config.SESSION_SECRET))!;
    const session = await signInWithCode(email, password, secret);
    const before = (await mails(email)).length;
    const started = await app.fetch('/staff/profile/totp', postForm({ intent: 'start', code: await code(email, secret) }, { cookie: session }));
    expect(started.status).toBe(302);
    expect((await stored(email)).secret).not.toBe(null);
    expect(decryptTotpSecret((await stored(email)).secret!, secretKeysFrom(app.config.SESSION_SECRET))).not.toBe(secret);
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'auth.totp_reenrolment_started'));
    expect(entry!.entityId).toBe(String((await stored(email)).id));
    const sent = await mails(email);
    expect(sent.length).toBe(before + 1);
    expect(sent.at(-1)!.payload).toMatchObject({ event: 'totp_reenrolment' });
  });

  it('turns the factor off only with a current code, audits it and mails the owner; never while the policy requires it', async () => {
    const { email, password } = login('staff');
    const secret = await enrol(await signIn(app, email, password), email);
    const session = await signInWithCode(email, password, secret);
    expect((await app.fetch('/staff/profile/totp', postForm({ intent: 'disable' }, { cookie: session }))).status).toBe(400);
    expect((await stored(email)).enabledAt).not.toBeNull();
    const off = await app.fetch('/staff/profile/totp', postForm({ intent: 'disable', code: await code(email, secret) }, { cookie: session }));
    expect(off.status).toBe(302);
    expect((await stored(email)).enabledAt).toBeNull();
    expect((await mails(email)).map((m) => (m.payload as { event: string }).event)).toEqual(['totp_enabled', 'totp_disabled']);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, 'auth.totp_disabled'))).toHaveLength(1);

    // The mayor under the city's policy: no removal, and no re-enrolment without a code.
    await database.db.update(citySettings).set({ requireTotpForAdminAndMayor: true }).where(eq(citySettings.id, 1));
    const mayor = login('mayor');
    const mayorSecret = await enrol(await signIn(app, mayor.email, mayor.password), mayor.email);
    const mayorSession = await signInWithCode(mayor.email, mayor.password, mayorSecret);
    expect((await app.fetch('/staff/profile/totp', postForm({ intent: 'start' }, { cookie: mayorSession }))).status).toBe(400);
    expect((await app.fetch('/staff/profile/totp', postForm({ intent: 'disable', code: await code(mayor.email, mayorSecret) }, { cookie: mayorSession }))).status).toBe(400);
    expect((await stored(mayor.email)).enabledAt).not.toBeNull();
    const page = await (await get(app, '/staff/profile/totp', mayorSession)).text();
    expect(page).toContain('別の端末に登録し直す');
    await database.db.update(citySettings).set({ requireTotpForAdminAndMayor: false }).where(eq(citySettings.id, 1));
  });
});

describe('the current password on /staff/profile', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    app = await createTestApp(database);
  });

  it('cannot be guessed without limit: after a few wrong guesses even the right one waits', async () => {
    const { email, password } = logins.find((l) => l.role === 'doro-staff')!;
    const cookie = await signIn(app, email, password);
    const next = '冬の朝は路面がよく凍ります';
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const guess = await app.fetch('/staff/profile', postForm({ intent: 'password', current: `guess number ${i} here`, password: next, confirm: next }, { cookie }));
      statuses.push(guess.status);
    }
    expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
    expect(statuses.at(-1)).toBe(429);
    // The right password is refused too while the wait lasts, so guessing gains nothing.
    const right = await app.fetch('/staff/profile', postForm({ intent: 'password', current: password, password: next, confirm: next }, { cookie }));
    expect(right.status).toBe(429);
    expect(await right.text()).toContain('待ってからお試しください');
    const [row] = await database.db.select({ hash: users.passwordHash }).from(users).where(sql`lower(${users.email}) = ${email}`);
    expect(row!.hash).toBeTruthy();
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, 'auth.password_change_throttled'))).not.toHaveLength(0);
  });
});
