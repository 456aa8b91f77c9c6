import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { backgroundJobs } from '../../app/jobs/background-jobs.server';
import { jobIsLocked, startJobs, type JobDefinition } from '../../app/jobs/registry.server';
import { createLogger } from '../../app/logger.server';
import { createTestDatabase, driverUnderTest } from '../support/db';

const logger = createLogger('silent');
let db: Database;

beforeAll(async () => {
  db = (await createTestDatabase()).db;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the background job registry', () => {
  it('lists every job the worker runs, each once', () => {
    const names = backgroundJobs({ NODE_ENV: 'test', APP_URL: 'http://localhost:3000', MAIL_FROM: 'x <x@example.jp>', SESSION_SECRET: 'x'.repeat(40), DATA_DIR: '.data', S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: false }, db, logger).map((j) => j.name);
    expect(names).toEqual(expect.arrayContaining(['outbox', 'daily-digest', 'analytics-rollups', 'maintenance']));
    expect(new Set(names).size).toBe(names.length);
  });

  it(`runs a once-only job in one worker at a time, however many run (${driverUnderTest})`, async () => {
    let inside = 0;
    let most = 0;
    let runs = 0;
    let sawLock = false;
    const job: JobDefinition = {
      name: 'test-once-only', intervalMs: 5, singleton: true,
      async run() {
        inside += 1; runs += 1; most = Math.max(most, inside);
        if (driverUnderTest === 'postgres') sawLock ||= await jobIsLocked(db, 'test-once-only');
        await sleep(40);
        inside -= 1;
      },
    };
    const workers = [startJobs({ db, logger, jobs: [job] }), startJobs({ db, logger, jobs: [job] })];
    await expect.poll(() => runs, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    await Promise.all(workers.map((w) => w.stop()));
    expect(most).toBe(1);
    expect(inside).toBe(0);
    if (driverUnderTest === 'postgres') {
      expect(sawLock).toBe(true);
      expect(await jobIsLocked(db, 'test-once-only')).toBe(false);
    }
  });

  it('runs other jobs side by side, goes on after a failure, and stop() waits for a run under way', async () => {
    let failures = 0;
    let finished = false;
    const failing: JobDefinition = { name: 'test-failing', intervalMs: 5, async run() { failures += 1; throw new Error('boom'); } };
    const slow: JobDefinition = { name: 'test-slow', intervalMs: 1_000, async run() { await sleep(200); finished = true; } };
    const worker = startJobs({ db, logger, jobs: [failing, slow] });
    await expect.poll(() => failures, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await worker.stop();
    expect(finished).toBe(true);
    const after = failures;
    await sleep(50);
    expect(failures).toBe(after);
  });
});
