import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import { auditLog, emailOutbox, rateLimits } from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { attemptLogin } from '../../app/auth/login.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { cookieFrom, postForm } from '../support/staff-auth';

// Issue #13, point 8: lockout as denial of service. Failures slow the guesser down (a wait
// that doubles, no hard lock, no CAPTCHA); the owner still signs in from a browser that signed
// in before, or through a mailed unlock link; a NAT address full of failures keeps nobody with
// a known device out.

describe('sign-in throttling that does not lock the owner out', () => {
  let database: DatabaseHandle;
  let logins: DemoLogin[];
  const login = (role: string) => logins.find((l) => l.role === role)!;
  const actor = (ip: string) => ({ ip, userAgent: 'vitest', requestId: 'dos-test' });
  const appAt = (ip: string) => createTestApp(database, {}, { clientIp: ip });

  /** Signs in through the form; returns the session and device cookies. */
  async function signInFrom(app: Awaited<ReturnType<typeof appAt>>, email: string, password: string, device?: string) {
    const response = await app.fetch('/staff/login', postForm({ email, password, redirectTo: '/staff' }, device ? { cookie: device } : {}));
    return { status: response.status, session: cookieFrom(response), device: cookieFrom(response, 'meyasu_device') };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
  });

  it('makes each further failure wait twice as long, instead of locking the account for 15 minutes', async () => {
    const { email } = login('auditor');
    const waits: (number | undefined)[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < (round === 0 ? 5 : 1); i++) await attemptLogin(database.db, { email, password: 'a long wrong password', actor: actor('198.51.100.20') });
      const refused = await attemptLogin(database.db, { email, password: 'a long wrong password', actor: actor('198.51.100.20') });
      expect(refused).toMatchObject({ ok: false, reason: 'throttled' });
      waits.push(refused.ok ? undefined : refused.retryAfterSeconds);
      // Let the wait run out (the rows are the database's, every app instance sees them).
      await database.db.update(rateLimits).set({ expire: new Date(Date.now() - 1000) }).where(like(rateLimits.key, '% (wait)'));
    }
    expect(waits).toEqual([30, 60, 120]);
  });

  it('lets the owner in from a browser that signed in before, while guessers from elsewhere wait', async () => {
    const { email, password } = login('admin');
    const office = await appAt('192.0.2.80');
    const first = await signInFrom(office, email, password);
    expect(first.status).toBe(302);
    expect(first.device).toMatch(/^meyasu_device=/);

    // Guessing at the admin account from many addresses.
    for (let i = 0; i < 30; i++) {
      await attemptLogin(database.db, { email, password: `guess ${i} of the attacker`, actor: actor(`203.0.113.${i + 1}`), appUrl: 'http://localhost:3000' });
    }
    // A new browser, even with the right password, waits…
    const fresh = await signInFrom(office, email, password);
    expect(fresh.status).toBe(429);
    // …the owner's own browser does not.
    const known = await signInFrom(office, email, password, first.device!);
    expect(known.status).toBe(302);
    // A forged or altered device cookie counts for nothing.
    const forged = await signInFrom(office, email, password, first.device!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    expect(forged.status).toBe(429);
    const [failed] = await database.db.select().from(auditLog)
      .where(sql`${auditLog.action} = 'auth.login_failed' and ${auditLog.details}->>'accountLocked' = 'true'`);
    expect(failed).toBeDefined();
  });

  it('mails the owner an unlock link that lets a new browser sign in at once', async () => {
    const { email, password } = login('admin');
    const [mail] = await database.db.select().from(emailOutbox).where(and(eq(emailOutbox.template, 'sign_in_unlock'), eq(emailOutbox.toAddress, email)));
    expect(mail, 'the unlock mail').toBeDefined();
    const link = new URL((mail!.payload as { unlockUrl: string }).unlockUrl).pathname;
    expect(link).toMatch(/^\/staff\/unlock\/[A-Za-z0-9_-]{43}$/);
    const home = await appAt('198.51.100.99');
    expect((await home.fetch(link)).status).toBe(200);
    const unlocked = await home.fetch(link, postForm({}));
    expect(unlocked.status).toBe(302);
    expect(unlocked.headers.get('location')).toBe('/staff/login?notice=unlocked');
    const device = cookieFrom(unlocked, 'meyasu_device');
    expect(device).toBeTruthy();
    expect((await signInFrom(home, email, password, device!)).status).toBe(302);
    // The link works once.
    expect((await home.fetch(link, postForm({}))).status).toBe(410);
  });

  it('does not lock a whole city hall behind one NAT address out: known browsers sign in after 20 failures there', async () => {
    const nat = await appAt('192.0.2.200');
    const staff = login('staff');
    const manager = login('manager');
    const before = await signInFrom(nat, staff.email, staff.password);
    const managerBefore = await signInFrom(nat, manager.email, manager.password);
    for (let i = 0; i < 25; i++) {
      await attemptLogin(database.db, { email: `typo-${i}@sakuradai.example.jp`, password: 'a long wrong password', actor: actor('192.0.2.200') });
    }
    // Someone who never signed in here waits (the address is guessing), the regulars do not.
    expect((await signInFrom(nat, login('doro-staff').email, login('doro-staff').password)).status).toBe(429);
    expect((await signInFrom(nat, staff.email, staff.password, before.device!)).status).toBe(302);
    expect((await signInFrom(nat, manager.email, manager.password, managerBefore.device!)).status).toBe(302);
  });

  it('throttles guesses made from a known browser on their own', async () => {
    const { email, password } = login('reform');
    const app = await appAt('192.0.2.150');
    const { device } = await signInFrom(app, email, password);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signInFrom(app, email, `wrong from a known browser ${i}`, device!)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
