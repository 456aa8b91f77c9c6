import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client';
import { emailOutbox } from '../../db/schema/index';
import { enqueueEmail } from '../../app/email/outbox.server';
import { dailyDigestJob, outboxJob, transportFromConfig } from '../../app/email/outbox-loop.server';
import { startJobs } from '../../app/jobs/registry.server';
import { createKeptTransport } from '../../app/email/transport.server';
import { createLogger } from '../../app/logger.server';
import { seedDemo } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { secretKeysFrom } from '../../app/secret-keys.server';

const logger = createLogger('silent');
let db: Database;

// A worker as npm run worker starts it, with the mail and digest jobs looked at every 10 ms.
const startOutboxLoop = (now: () => Date) => startJobs({
  db, logger, now,
  jobs: [
    outboxJob({ db, logger, transport: createKeptTransport(logger), appUrl: 'http://localhost:3000', mailFrom: 'Meyasu <noreply@example.jp>', keys: secretKeysFrom('test-secret-test-secret-test-secret!!'), now, intervalMs: 10 }),
    dailyDigestJob({ intervalMs: 10 }),
  ],
});

const digestsOn = (date: string) => db.select({ to: emailOutbox.toAddress }).from(emailOutbox)
  .where(and(eq(emailOutbox.template, 'daily_digest'), sql`${emailOutbox.payload}->>'date' = ${date}`));

beforeAll(async () => {
  db = (await createTestDatabase()).db;
  // The digest test below runs on Tuesday 2026-12-08; the demo voices are placed two weeks before.
  await seedDemo(db, new Date('2026-11-24T00:00:00Z'));
});

describe('the worker loop', () => {
  it('sends what is queued while it runs, and stops cleanly', async () => {
    const loop = startOutboxLoop(() => new Date(Date.now() + 1_000));
    await enqueueEmail(db, { template: 'password_reset', to: 'loop@example.jp', language: 'en', dedupeKey: 'loop', payload: { resetUrl: '/staff/reset-password/abc', expiresAt: '2026-12-01T00:00:00Z' } });
    await vi.waitFor(async () => {
      const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'loop@example.jp'));
      expect(row!.status).toBe('sent');
    }, { timeout: 10_000, interval: 20 });
    await loop.stop();
  });

  it('queues the morning digest once a day even with two workers, and not before the hour', async () => {
    // Tuesday 2026-12-08: 06:00 in Japan, then 08:00.
    let clock = new Date('2026-12-07T21:00:00Z');
    const early = [startOutboxLoop(() => clock), startOutboxLoop(() => clock)];
    await vi.waitFor(async () => {
      const pending = await db.select().from(emailOutbox).where(eq(emailOutbox.status, 'pending'));
      expect(pending).toHaveLength(0);
    }, { timeout: 10_000, interval: 20 });
    expect(await digestsOn('2026-12-08')).toHaveLength(0);

    clock = new Date('2026-12-07T23:00:00Z');
    await vi.waitFor(async () => expect((await digestsOn('2026-12-08')).length).toBeGreaterThan(0), { timeout: 10_000, interval: 20 });
    await Promise.all(early.map((loop) => loop.stop()));
    // A restarted worker the same morning adds nothing.
    const restarted = startOutboxLoop(() => clock);
    await restarted.stop();
    const digests = await digestsOn('2026-12-08');
    expect(new Set(digests.map((d) => d.to)).size).toBe(digests.length);
    expect(digests.map((d) => d.to)).toContain('shimin-staff@sakuradai.example.jp');
  });
});

describe('configuration', () => {
  it('keeps mail in the outbox when there is no RESEND_API_KEY', () => {
    expect(transportFromConfig({ NODE_ENV: 'production' }, logger).kind).toBe('kept');
    expect(transportFromConfig({ NODE_ENV: 'production', RESEND_API_KEY: 're_x' }, logger).kind).toBe('provider');
  });

  it('npm run worker refuses the embedded database with one clear line', () => {
    const result = spawnSync(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'app/cli/worker.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SESSION_SECRET: 'x'.repeat(40) } as unknown as NodeJS.ProcessEnv,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^npm run worker needs DATABASE_URL/);
  });
});
