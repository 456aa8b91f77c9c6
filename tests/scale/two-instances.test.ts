import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, migrateDatabase } from '../../db/client';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { freePort, waitForHealth } from '../support/app-process';
import { scaleBuildDir } from '../support/global-scale';
import { createPrivateCluster, type PrivateCluster } from '../support/pg-cluster';
import { startTestS3, type TestS3 } from '../support/s3-server';
import { cookieFrom } from '../support/staff-auth';

// Scale-out proof (issue 14): two app instances on one PostgreSQL database and one
// S3-protocol bucket, plus one separate mail worker (`npm run worker`), behind a load balancer
// that alternates requests (a tiny Node proxy started here). A resident sends a voice with a
// photo through instance A; staff working through instance B (and through the balancer,
// landing on both) see the voice and its photo; the receipt mail is sent exactly once.
//
// PostgreSQL: SCALE_DATABASE_URL=postgres://user@host:port/any_db names a server on which a
// fresh database is created and dropped; without it a private cluster is started (needs the
// PostgreSQL server binaries, as the fault test does).

const SECRET = 'scale-test-secret-scale-test-secret-0123';

interface Proc {
  name: string;
  child: ChildProcess;
  output(): string;
}

function spawnCli(name: string, script: string, env: Record<string, string>): Proc {
  let output = '';
  const child = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), script], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d: Buffer) => {
    output += d;
    if (output.length > 400_000) output = output.slice(-200_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { name, child, output: () => output };
}

async function stop(proc: Proc | undefined) {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill('SIGTERM');
  await new Promise((r) => proc.child.once('exit', r));
}

/** A round-robin HTTP proxy: request n goes to backend n mod 2. Records who served what. */
function roundRobin(backends: string[]): { server: Server; served: { path: string; backend: number }[] } {
  const served: { path: string; backend: number }[] = [];
  let next = 0;
  const server = createServer((req, res) => {
    const backend = next++ % backends.length;
    served.push({ path: req.url ?? '', backend });
    const target = new URL(backends[backend]!);
    const upstream = httpRequest({
      host: target.hostname, port: target.port, method: req.method, path: req.url,
      headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' },
    }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  return { server, served };
}

let cluster: PrivateCluster | undefined;
let admin: postgres.Sql | undefined;
let databaseName: string;
let databaseUrl: string;
let s3: TestS3;
let work: string;
let logins: DemoLogin[];
const procs: Proc[] = [];
let instanceA: string;
let instanceB: string;
let balancer: ReturnType<typeof roundRobin>;
let balancerUrl: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'meyasu-scale-'));
  const buildDir = scaleBuildDir();

  // One database for everyone, migrated and seeded once.
  databaseName = `meyasu_scale_${process.pid}_${Date.now().toString(36)}`;
  let serverUrl = process.env.SCALE_DATABASE_URL;
  if (!serverUrl) {
    cluster = await createPrivateCluster();
    serverUrl = cluster.url('postgres');
  }
  admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${databaseName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();
  const handle = await openDatabase({ driver: 'postgres', url: databaseUrl });
  await migrateDatabase(handle);
  ({ logins } = await seedDemo(handle.db));
  await handle.close();

  s3 = await startTestS3('meyasu-scale');
  const [portA, portB, portProxy] = [await freePort(), await freePort(), await freePort()];
  balancerUrl = `http://127.0.0.1:${portProxy}`;
  instanceA = `http://127.0.0.1:${portA}`;
  instanceB = `http://127.0.0.1:${portB}`;
  const shared = {
    DATABASE_URL: databaseUrl, SESSION_SECRET: SECRET, BUILD_DIR: buildDir, APP_URL: balancerUrl, HOST: '127.0.0.1',
    RUN_WORKER: 'false', CITIZEN_SUBMIT_LIMIT: '1000/60', ...s3.env('meyasu'),
  };
  // Each instance has its own DATA_DIR: nothing that must be shared may live there.
  const a = spawnCli('A', 'app/cli/serve.ts', { ...shared, PORT: String(portA), DATA_DIR: path.join(work, 'a') });
  const b = spawnCli('B', 'app/cli/serve.ts', { ...shared, PORT: String(portB), DATA_DIR: path.join(work, 'b') });
  const worker = spawnCli('worker', 'app/cli/worker.ts', { ...shared, DATA_DIR: path.join(work, 'worker') });
  procs.push(a, b, worker);
  await Promise.all([waitForHealth(instanceA, a.child, a.output), waitForHealth(instanceB, b.child, b.output)]);
  balancer = roundRobin([instanceA, instanceB]);
  await new Promise<void>((resolve) => balancer.server.listen(portProxy, '127.0.0.1', resolve));
}, 600_000);

afterAll(async () => {
  balancer?.server.close();
  for (const proc of procs) await stop(proc);
  await s3?.close();
  if (admin) {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
  cluster?.destroy();
  rmSync(work, { recursive: true, force: true });
});

describe('two app instances, one database, one bucket, one worker', () => {
  it('a voice with a photo sent through A is seen with its photo through B and through the balancer; one receipt mail', async () => {
    const stamp = Date.now().toString(36);
    const email = `resident@scale-${stamp}.example.jp`;

    // The resident, on instance A.
    const formPage = await (await fetch(`${instanceA}/send`)).text();
    const key = formPage.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
    const form = new FormData();
    const fields = {
      idempotencyKey: key, kind: 'request', categoryId: '', title: `二台構成の写真（${stamp}）`, body: '歩道橋の手すりが外れかけています。',
      contactMode: 'named', familyName: '山田', givenName: '花子', email, replyWanted: 'on', website: '',
    };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const photo = await sharp({ create: { width: 1000, height: 750, channels: 3, background: '#58a' } })
      .jpeg().withExif({ IFD0: { Make: 'ScaleCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 0/1 0/1' } }).toBuffer();
    form.append('photos', new File([new Uint8Array(photo)], 'IMG_9.jpg', { type: 'image/jpeg' }));
    const sent = await fetch(`${instanceA}/send`, { method: 'POST', body: form, redirect: 'manual' });
    expect(sent.status, a().output().slice(-2000)).toBe(302);
    const tracking = sent.headers.get('location')!.replace('?new=1', '');
    const receipt = (await (await fetch(`${instanceB}${tracking}`)).text()).match(/\d{4}-\d{6}/)![0];

    // Staff (the reform team sees every voice) sign in through the balancer.
    const reform = logins.find((l) => l.role === 'reform')!;
    const signedIn = await fetch(`${balancerUrl}/staff/login`, {
      method: 'POST', redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: balancerUrl, 'Sec-Fetch-Site': 'same-origin' },
      body: new URLSearchParams({ email: reform.email, password: reform.password, redirectTo: '/staff' }),
    });
    expect(signedIn.status).toBe(302);
    const cookie = cookieFrom(signedIn)!;
    expect(cookie).toBeTruthy();

    // On instance B directly: the voice page lists the photo; the photo comes from the bucket.
    const page = await (await fetch(`${instanceB}/staff/voices/${receipt}`, { headers: { cookie } })).text();
    const photoPath = page.match(new RegExp(`/staff/voices/${receipt}/photos/\\d+`))?.[0];
    expect(photoPath, 'photo link on the voice page served by B').toBeTruthy();
    const fromB = await fetch(`${instanceB}${photoPath}`, { headers: { cookie } });
    expect(fromB.status).toBe(200);
    const bytes = Buffer.from(await fromB.arrayBuffer());
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'jpeg', width: 1000, height: 750 });
    expect(bytes.includes(Buffer.from('ScaleCam'))).toBe(false);

    // Through the balancer, four times in a row: both instances answer, all with the photo.
    const before = balancer.served.length;
    for (let i = 0; i < 4; i++) {
      const thumb = await fetch(`${balancerUrl}${photoPath}?size=thumb`, { headers: { cookie } });
      expect(thumb.status).toBe(200);
      expect(thumb.headers.get('content-type')).toBe('image/webp');
      await thumb.arrayBuffer();
    }
    expect(new Set(balancer.served.slice(before).map((s) => s.backend))).toEqual(new Set([0, 1]));

    // The receipt mail: sent by the worker alone, exactly once.
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      await expect.poll(async () => (await sql`select status from email_outbox where to_address = ${email}`).map((r) => r.status), { timeout: 60_000, interval: 500 })
        .toEqual(['sent']);
      await new Promise((r) => setTimeout(r, 1_500));
      const rows = await sql`select status, attempts from email_outbox where to_address = ${email}`;
      expect(rows).toHaveLength(1);
      expect(rows[0]!.attempts).toBe(1);
    } finally {
      await sql.end();
    }
    const masked = `r***@scale-${stamp}.example.jp`;
    const kept = (proc: Proc) => proc.output().split('\n').filter((line) => line.includes(masked) && line.includes('email kept')).length;
    expect(kept(worker())).toBe(1);
    expect(kept(a()) + kept(b())).toBe(0);
  });
});

const a = () => procs[0]!;
const b = () => procs[1]!;
const worker = () => procs[2]!;
