// HTTP load for the bench: autocannon against the app and against a bare node:http server
// answering a fixed page, and the send form posted with a fresh idempotency key per request.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { newIdempotencyKey } from '../../app/domain/tracking-token.server';
import { freePort } from '../support/app-process';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  byStatus: Record<string, number>;
  errors: number;
  timeouts: number;
  durationSeconds: number;
}

function summarise(result: autocannon.Result): LoadResult {
  const byStatus: Record<string, number> = {};
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  for (const [code, { count }] of Object.entries(stats)) byStatus[code] = count;
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return {
    requestsPerSecond: total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total,
    byStatus,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
  };
}

export async function getLoad(url: string, connections: number, seconds: number): Promise<LoadResult> {
  const result = await autocannon({ url, connections, duration: seconds, headers: { 'accept-language': 'ja' } });
  return summarise(result);
}

/** Debian's `wrk`, when installed: a load generator in C, so it takes little of the cores it shares with the server. */
export function hasWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

/**
 * GET load with wrk (one thread): requests per second, and whether every answer was a 2xx/3xx
 * without socket errors. Used where the load generator's own CPU would distort the comparison
 * (line h: autocannon, in JavaScript, took about 0.3 of one of the two cores at ~300 requests/s).
 */
export async function wrkLoad(url: string, connections: number, seconds: number): Promise<{ requestsPerSecond: number; allOk: boolean }> {
  // Asynchronous, so the bench keeps reading the server's output pipe while wrk runs.
  const { stdout, stderr } = await promisify(execFile)('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '-H', 'accept-language: ja', url]);
  const output = `${stdout}${stderr}`;
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (!rate) throw new Error(`wrk printed no rate: ${output}`);
  return { requestsPerSecond: Number(rate[1]), allOk: !/Non-2xx|Socket errors/.test(output) };
}

export const BENCH_TITLE = 'ベンチマークの声';

/**
 * POST /send as the no-JS form does, each request with its own idempotency key. A fixed number
 * of requests (not a duration): autocannon then waits for every answer, so the voices stored
 * can be compared exactly with the successful answers (a duration run drops the answers of the
 * requests still in flight when it stops, though the server stores those voices).
 */
export async function sendLoad(baseUrl: string, connections: number, amount: number): Promise<LoadResult> {
  const result = await autocannon({
    url: `${baseUrl}/send`,
    connections,
    amount,
    // autocannon notices that the last answer of a fixed amount arrived at its next sample tick,
    // and the run's duration ends there: at the default 1 s, a 7 s run read as up to 8 s (the
    // rate up to 14 % low). A 100 ms tick bounds that at 0.1 s.
    sampleInt: 100,
    requests: [{
      method: 'POST',
      setupRequest: (request) => ({
        ...request,
        headers: { ...request.headers, 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl, 'accept-language': 'ja' },
        body: new URLSearchParams({
          idempotencyKey: newIdempotencyKey(), kind: 'request', categoryId: '', title: BENCH_TITLE,
          body: '駅前の北口駐輪場の照明が暗くて危ないです。夜は特に不安を感じます。', contactMode: 'anonymous', website: '',
        }).toString(),
      }),
    }],
  });
  return summarise(result);
}

/** A bare node:http server in its own process, answering every request with the given page. */
export async function startBareServer(page: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const source = `
    const http = require('node:http');
    const page = Buffer.from(process.env.BARE_PAGE, 'base64');
    http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': page.length, 'Cache-Control': 'no-store' });
      res.end(page);
    }).listen(${port}, '127.0.0.1', () => process.send && process.send('ready'));`;
  const child: ChildProcess = spawn(process.execPath, ['-e', source], {
    env: { ...process.env, BARE_PAGE: Buffer.from(page).toString('base64') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/send`,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}
