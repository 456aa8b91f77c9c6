import { beforeAll, describe, expect, it } from 'vitest';
import { eq, like, sql } from 'drizzle-orm';
import { auditLog, rateLimits, users } from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { attemptLogin } from '../../app/auth/login.server';
import { hash } from '@node-rs/argon2';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { postForm } from '../support/staff-auth';

// Acceptance 4: sign-in throttling per account and per IP address, held in the database.

describe('sign-in throttling and lockout', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  const login = (role: string) => logins.find((l) => l.role === role)!;
  const actor = (ip: string) => ({ ip, userAgent: 'vitest', requestId: 'throttle-test' });

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    app = await createTestApp(database);
  });

  it('locks an account after 5 failures, even for the right password, then lets it in once the lock expires', async () => {
    const { email, password } = login('manager');
    for (let i = 1; i <= 5; i += 1) {
      const response = await app.fetch('/staff/login', postForm({ email, password: `wrong password number ${i}` }));
      expect(response.status, `failure ${i}`).toBe(401);
    }
    const locked = await app.fetch('/staff/login', postForm({ email, password }));
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('ログインの失敗が続いたため、しばらくログインできません。');
    expect(locked.headers.get('set-cookie')).toBeNull();
    const [lockEntry] = await database.db.select().from(auditLog)
      .where(sql`${auditLog.action} = 'auth.login_failed' and ${auditLog.details}->>'accountLocked' = 'true'`);
    expect(lockEntry).toBeDefined();

    // The lock is a row in the database (so every app instance sees it); let it expire.
    await database.db.update(rateLimits).set({ expire: new Date(Date.now() - 1000) }).where(like(rateLimits.key, 'login-account:%'));
    const after = await app.fetch('/staff/login', postForm({ email, password }));
    expect(after.status).toBe(302);
  });

  it('locks an unknown address the same way, so a lockout reveals nothing about who has an account', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const result = await attemptLogin(database.db, { email: 'no-such-person@sakuradai.example.jp', password: 'a long wrong password', actor: actor('198.51.100.7') });
      outcomes.push(result.ok ? 'ok' : result.reason);
    }
    expect(outcomes).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'throttled']);
  });

  it('locks an IP address after 20 failures across accounts, and only that address', async () => {
    const ip = '203.0.113.9';
    for (let i = 0; i < 20; i += 1) {
      const result = await attemptLogin(database.db, { email: `guess-${i}@sakuradai.example.jp`, password: 'a long wrong password', actor: actor(ip) });
      expect(result.ok).toBe(false);
    }
    const { email, password } = login('reform');
    const fromThere = await attemptLogin(database.db, { email, password, actor: actor(ip) });
    expect(fromThere).toMatchObject({ ok: false, reason: 'throttled' });
    const fromElsewhere = await attemptLogin(database.db, { email, password, actor: actor('192.0.2.44') });
    expect(fromElsewhere.ok).toBe(true);
  });

  it('forgets an account\'s failures after a successful sign-in', async () => {
    const { email, password } = login('doro-staff');
    for (let i = 0; i < 4; i += 1) await attemptLogin(database.db, { email, password: 'not my password at all', actor: actor('192.0.2.10') });
    expect((await attemptLogin(database.db, { email, password, actor: actor('192.0.2.10') })).ok).toBe(true);
    for (let i = 0; i < 4; i += 1) await attemptLogin(database.db, { email, password: 'not my password at all', actor: actor('192.0.2.10') });
    expect((await attemptLogin(database.db, { email, password, actor: actor('192.0.2.10') })).ok).toBe(true);
  });

  it('re-hashes a password made with older argon2 parameters at the next sign-in', async () => {
    const { email, password } = login('auditor');
    const weak = await hash(password, { algorithm: 2, memoryCost: 8192, timeCost: 1, parallelism: 1 });
    await database.db.update(users).set({ passwordHash: weak }).where(sql`lower(${users.email}) = ${email}`);
    expect((await attemptLogin(database.db, { email, password, actor: actor('192.0.2.11') })).ok).toBe(true);
    const [row] = await database.db.select({ hash: users.passwordHash }).from(users).where(sql`lower(${users.email}) = ${email}`);
    expect(row!.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await attemptLogin(database.db, { email, password, actor: actor('192.0.2.11') })).ok).toBe(true);
  });

  it('records failed and successful sign-ins in the audit log, with where they came from', async () => {
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.ip, '192.0.2.11'));
    expect(entries.map((e) => e.action)).toEqual(['auth.login', 'auth.login']);
    expect(entries[0]).toMatchObject({ userAgent: 'vitest', requestId: 'throttle-test', entityType: 'user' });
  });
});
