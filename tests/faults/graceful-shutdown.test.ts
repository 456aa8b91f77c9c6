import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from '../../app/cli/build-if-stale';
import { newIdempotencyKey, storedIdempotencyKey } from '../../app/domain/tracking-token.server';
import { freePort, waitForHealth } from '../support/app-process';
import { createPrivateCluster, type PrivateCluster } from '../support/pg-cluster';

// The production start as a deployment runs it: `node build/node/serve.mjs` with two server
// processes on PostgreSQL (no npm, no tsx). SIGTERM arrives in the middle of a submission load:
// every voice the app acknowledged must be stored, and the process must end by itself.

const DB = 'meyasu_shutdown';
const buildDir = path.resolve(process.env.FAULTS_BUILD_DIR || '.cache/faults-build');
let cluster: PrivateCluster;
let work: string;
let child: ChildProcess;
let output = '';
let baseUrl: string;

beforeAll(async () => {
  expect(buildIfStale(buildDir, () => {})).toBe(true);
  work = mkdtempSync(path.join(os.tmpdir(), 'meyasu-shutdown-'));
  cluster = await createPrivateCluster();
  const admin = postgres(cluster.url('postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${DB}`);
  await admin.end();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [path.join(buildDir, 'node/serve.mjs')], {
    env: {
      PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', APP_URL: baseUrl,
      DATABASE_URL: cluster.url(DB), DATA_DIR: path.join(work, 'data'), BUILD_DIR: buildDir, SESSION_SECRET: 's'.repeat(40),
      WEB_CONCURRENCY: '2', LOG_LEVEL: 'warn', CITIZEN_SUBMIT_LIMIT: '1000000/60',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  await waitForHealth(baseUrl, child, () => output);
});

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  cluster?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('node build/node/serve.mjs with WEB_CONCURRENCY=2 on PostgreSQL', () => {
  it('runs no npm or tsx: one primary and two server processes of plain node', async () => {
    const { execFileSync } = await import('node:child_process');
    const tree = execFileSync('ps', ['-o', 'pid=,ppid=,args=', '--ppid', String(child.pid)], { encoding: 'utf8' }).trim().split('\n');
    expect(tree).toHaveLength(2);
    for (const line of tree) expect(line).toContain(process.execPath);
    expect(tree.join('\n')).not.toMatch(/tsx|npm/);
  });

  it('loses no acknowledged voice when SIGTERM comes during a load, and exits cleanly', async () => {
    const answers: { key: string; status: number }[] = [];
    let running = true;
    const send = async (key: string) => {
      const form = new URLSearchParams({
        idempotencyKey: key, kind: 'request', categoryId: '', title: '終了中の送信テスト',
        body: `サーバーの終了中に送った声です。${key.slice(0, 8)}`, contactMode: 'anonymous', website: '',
      });
      const status = await fetch(`${baseUrl}/send`, { method: 'POST', body: form, headers: { Origin: baseUrl }, redirect: 'manual', signal: AbortSignal.timeout(20_000) })
        .then((r) => r.status, () => 0);
      answers.push({ key, status });
    };
    const workers = Array.from({ length: 8 }, async () => { while (running) await send(newIdempotencyKey()); });
    await new Promise((r) => setTimeout(r, 1_500));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await exited;
    running = false;
    await Promise.all(workers);

    expect(code, output).toBe(0);
    const accepted = answers.filter((a) => a.status === 302);
    expect(accepted.length).toBeGreaterThan(0);
    const sql = postgres(cluster.url(DB), { max: 1, onnotice: () => {} });
    const stored = new Set((await sql<{ key: string }[]>`select key from idempotency_keys where key like 'web:%'`).map((r) => r.key));
    await sql.end();
    const lost = accepted.filter((a) => !stored.has(storedIdempotencyKey(a.key)));
    console.log(`shutdown run: ${answers.length} answers, ${accepted.length} accepted, ${lost.length} lost`);
    expect(lost).toEqual([]);
    expect(answers.every((a) => a.status === 302 || a.status === 0 || a.status === 503)).toBe(true);
  });
});
