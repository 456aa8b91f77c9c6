import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newIdempotencyKey, storedIdempotencyKey } from '../../app/domain/tracking-token.server';
import { startApp, waitForHealth, type AppProcess } from '../support/app-process';
import { createPrivateCluster, type PrivateCluster } from '../support/pg-cluster';

// PostgreSQL stops for ten seconds in the middle of a submission load. The app runs against
// its own PostgreSQL server (a private cluster in a temporary folder), so stopping it disturbs
// nobody. Every request must either succeed with its voice stored, or get the 503 "try again"
// page; the app must recover by itself; no voice may be half written; and trying again with
// the same form (same idempotency key) must store each voice exactly once.
//
// The other fault, the mail provider being down, is covered by
// tests/integration/email-outbox.test.ts (msw answers 5xx and times out: nothing is lost).

const OUTAGE_MS = 10_000;
const CONCURRENCY = 12;
const BEFORE_MS = 3_000;
const AFTER_MS = 5_000;

interface Attempt {
  key: string;
  status: number;
  location: string | null;
  body: string;
  ms: number;
  phase: 'before' | 'outage' | 'after';
  startedAt: number;
}

let cluster: PrivateCluster;
let app: AppProcess;
let work: string;
const DB = 'meyasu_faults';

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'meyasu-faults-'));
  cluster = await createPrivateCluster();
  const admin = postgres(cluster.url('postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${DB}`);
  await admin.end();
  app = await startApp(
    { DATABASE_URL: cluster.url(DB), SEED_DEMO: 'true', CITIZEN_SUBMIT_LIMIT: '1000000/60', RUN_WORKER: 'false' },
    { buildDir: path.resolve(process.env.FAULTS_BUILD_DIR || '.cache/faults-build'), dataDir: path.join(work, 'data') },
  );
});

afterAll(async () => {
  try {
    await app?.stop();
  } finally {
    cluster?.destroy();
    rmSync(work, { recursive: true, force: true });
  }
});

function voiceForm(key: string): URLSearchParams {
  return new URLSearchParams({
    idempotencyKey: key, kind: 'request', categoryId: '', title: '停電中の送信テスト',
    body: `データベースが止まっている間に送った声です。${key.slice(0, 8)}`, contactMode: 'anonymous', website: '',
  });
}

async function submit(key: string, phase: Attempt['phase']): Promise<Attempt> {
  const started = performance.now();
  const startedAt = Date.now();
  try {
    const response = await fetch(`${app.baseUrl}/send`, {
      method: 'POST',
      body: voiceForm(key),
      headers: { Origin: app.baseUrl, 'Accept-Language': 'ja' },
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    const body = response.status === 302 ? '' : await response.text();
    return { key, status: response.status, location: response.headers.get('location'), body, ms: performance.now() - started, phase, startedAt };
  } catch (error) {
    return { key, status: 0, location: null, body: String(error), ms: performance.now() - started, phase, startedAt };
  }
}

describe('PostgreSQL stopped for ten seconds during a submission load', () => {
  const attempts: Attempt[] = [];
  let sql: ReturnType<typeof postgres>;

  it('answers every request with success or 503 "try again", and recovers by itself', async () => {
    let phase: Attempt['phase'] = 'before';
    let running = true;
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      while (running) attempts.push(await submit(newIdempotencyKey(), phase));
    });
    const health: { status: number; ms: number }[] = [];
    let restartedAt = 0;
    try {
      await new Promise((r) => setTimeout(r, BEFORE_MS));
      phase = 'outage';
      cluster.stop('fast');
      // A load balancer asks /healthz while the database is away: it must hear 503, quickly.
      const probeUntil = Date.now() + OUTAGE_MS - 1_000;
      while (Date.now() < probeUntil) {
        const started = performance.now();
        const status = await fetch(`${app.baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status, () => 0);
        health.push({ status, ms: performance.now() - started });
        await new Promise((r) => setTimeout(r, 500));
      }
      await new Promise((r) => setTimeout(r, Math.max(0, probeUntil + 1_000 - Date.now())));
    } finally {
      if (!cluster.isRunning()) cluster.start();
      restartedAt = Date.now();
    }
    phase = 'after';
    // The app is not restarted: it must find the database again on its own.
    await waitForHealth(app.baseUrl, app.child, app.output, 30_000);
    await new Promise((r) => setTimeout(r, AFTER_MS));
    running = false;
    await Promise.all(workers);

    const outage = attempts.filter((a) => a.phase === 'outage').map((a) => a.ms).sort((x, y) => x - y);
    const p99 = outage[Math.min(outage.length - 1, Math.floor(outage.length * 0.99))] ?? 0;
    const slowestHealth = Math.max(...health.map((h) => h.ms));
    // Timings are reported (budgets: p99 ≤ 3 s, /healthz ≤ 1 s) — this machine is shared, so
    // they gate nothing; what the answers are is asserted below.
    console.log(`fault run: outage answers p99 ${Math.round(p99)} ms (budget 3000), /healthz during the outage: ${health.length} probes, slowest ${Math.round(slowestHealth)} ms (budget 1000)`);
    expect(health.length).toBeGreaterThan(0);
    expect(health.map((h) => h.status), '/healthz while the database is away').toEqual(health.map(() => 503));
    // Two seconds after the server is back, every voice is accepted again (the reconnect back-off is capped).
    const late = attempts.filter((a) => a.phase === 'after' && a.startedAt >= restartedAt + 2_000);
    expect(late.length).toBeGreaterThan(0);
    expect(late.filter((a) => a.status !== 302).map((a) => `${a.status} ${Math.round(a.startedAt - restartedAt)} ms after restart`)).toEqual([]);

    const byStatus = attempts.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});
    console.log(`fault run: ${attempts.length} requests, by status ${JSON.stringify(byStatus)}`);
    const unexpected = attempts.filter((a) => a.status !== 302 && a.status !== 503);
    expect(unexpected.map((a) => `${a.phase} ${a.status} ${a.body.slice(0, 200)}`), 'answers other than success or 503').toEqual([]);
    expect(attempts.filter((a) => a.phase === 'before' && a.status === 302).length).toBeGreaterThan(0);
    expect(attempts.filter((a) => a.phase === 'outage' && a.status === 503).length, 'the outage was noticed').toBeGreaterThan(0);
    const after = attempts.filter((a) => a.phase === 'after');
    expect(after.length).toBeGreaterThan(0);
    // After the server is back, requests succeed again (the last seconds of the run: all of them).
    const lastSecond = after.filter((a) => a.status === 302);
    expect(lastSecond.length, 'voices accepted after the database returned').toBeGreaterThan(0);
    expect(after.slice(-CONCURRENCY * 2).every((a) => a.status === 302)).toBe(true);

    for (const refused of attempts.filter((a) => a.status === 503).slice(0, 20)) {
      expect(refused.body).toContain('もう一度お試しください');
    }
    for (const ok of attempts.filter((a) => a.status === 302)) expect(ok.location).toMatch(/^\/track\/[A-Za-z0-9_-]{43}\?new=1$/);
  });

  it('stored every accepted voice, and no voice is half written', async () => {
    sql = postgres(cluster.url(DB), { max: 2, onnotice: () => {} });
    const accepted = attempts.filter((a) => a.status === 302);
    const storedKeys = new Set((await sql<{ key: string }[]>`
      select k.key from idempotency_keys k join submissions s on s.id = k.submission_id where k.key like 'web:%'`).map((r) => r.key));
    const missing = accepted.filter((a) => !storedKeys.has(storedIdempotencyKey(a.key)));
    expect(missing.length, 'accepted voices that are not in the database').toBe(0);
    // A 503 may come after the commit (the answer was lost, not the voice); those are few.
    const refusedButStored = attempts.filter((a) => a.status === 503 && storedKeys.has(storedIdempotencyKey(a.key)));
    expect(storedKeys.size).toBe(accepted.length + refusedButStored.length);

    const [integrity] = await sql<{ voices: number; without_event: number; orphan_keys: number; orphan_events: number }[]>`
      select (select count(*)::int from submissions where title = '停電中の送信テスト') as voices,
             (select count(*)::int from submissions s where not exists (
                select 1 from submission_events e where e.submission_id = s.id and e.type = 'received')) as without_event,
             (select count(*)::int from idempotency_keys where submission_id is null) as orphan_keys,
             (select count(*)::int from submission_events e where not exists (select 1 from submissions s where s.id = e.submission_id)) as orphan_events`;
    expect(integrity).toEqual({ voices: storedKeys.size, without_event: 0, orphan_keys: 0, orphan_events: 0 });
    const [duplicates] = await sql<{ gaps: number }[]>`
      select count(*)::int as gaps from (select receipt_number, count(*) from submissions group by 1 having count(*) > 1) d`;
    expect(duplicates!.gaps, 'duplicate receipt numbers').toBe(0);
  });

  it('stores each refused voice exactly once when the resident tries again with the same form', async () => {
    const refused = attempts.filter((a) => a.status === 503);
    const before = (await sql<{ n: number }[]>`select count(*)::int as n from submissions where title = '停電中の送信テスト'`)[0]!.n;
    const retried: Attempt[] = [];
    for (let i = 0; i < refused.length; i += CONCURRENCY) {
      retried.push(...await Promise.all(refused.slice(i, i + CONCURRENCY).map((a) => submit(a.key, 'after'))));
    }
    expect(retried.filter((a) => a.status !== 302).map((a) => a.status)).toEqual([]);
    const distinctKeys = new Set(attempts.map((a) => a.key));
    const after = (await sql<{ n: number }[]>`select count(*)::int as n from submissions where title = '停電中の送信テスト'`)[0]!.n;
    expect(after).toBe(distinctKeys.size);
    expect(after).toBeGreaterThanOrEqual(before);
    await sql.end();
  });
});
