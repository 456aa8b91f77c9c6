import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { queryRows } from '../../db/client';
import { replies, submissions, users } from '../../db/schema/index';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { createApp } from '../../app/server/app';
import { loadConfig } from '../../app/config.server';
import { createLogger } from '../../app/logger.server';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { newIdempotencyKey } from '../../app/domain/tracking-token.server';
import { signStopToken } from '../../app/email/stop-link.server';
import { issueApiKey } from '../../app/open311/api-keys.server';
import { createTestDatabase } from '../support/db';
import { loadTestBuild } from '../support/remix';
import { demo } from '../support/actors';
import { secretKeysFrom } from '../../app/secret-keys.server';

// The HTTP layer in front of Remix, through the real Express server on a listening port:
// request body limits counted on the bytes read (chunked bodies included), the one CSRF policy
// (resident pages and backoffice alike, proxies that rewrite Host), and no-store on every
// spelling of a backoffice path the router serves.

process.env.CITIZEN_SUBMIT_LIMIT = '100000/600';
process.env.CITIZEN_RATING_LIMIT = '100000/600';
process.env.CITIZEN_SURVEY_LIMIT = '100000/600';

const SECRET = 'test-secret-test-secret-test-secret!!';
const PUBLIC_ORIGIN = 'https://meyasu.city.example';
const EVIL = 'https://evil.example';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-http-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let database: DatabaseHandle;
let logins: DemoLogin[];
let surveySlug: string;
let apiKey: string;

async function listen(env: Record<string, string> = {}): Promise<{ base: string; port: number }> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, APP_URL: base, DATA_DIR: dataDir, ...env });
  const build = await loadTestBuild();
  server.on('request', createApp({ database, config, logger: createLogger('silent'), getBuild: async () => build }));
  afterAll(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return { base, port };
}

interface RawResponse { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** A request with exactly these headers (Host included), as a proxy or a browser would send it. */
function raw(port: number, method: string, pathname: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path: pathname, headers: { ...headers, ...(body !== undefined ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface ChunkedResult { status: number | null; head: string; body: string; bytesSent: number; total: number }

/**
 * Sends `total` bytes as a chunked body (no Content-Length), one chunk at a time, and stops as
 * soon as the server answers or closes. bytesSent says how much had been handed to the socket.
 */
function sendChunked(port: number, pathname: string, headers: Record<string, string>, total: number, readAfterMs = 0): Promise<ChunkedResult> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    // A client busy uploading (a phone on a slow line) reads the answer only later.
    if (readAfterMs > 0) {
      socket.pause();
      setTimeout(() => socket.resume(), readAfterMs);
    }
    let received = Buffer.alloc(0);
    let bytesSent = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const text = received.toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
      socket.destroy();
      resolve({ status: status ? Number(status) : null, head, body: rest.join('\r\n\r\n'), bytesSent, total });
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const text = received.toString('latin1');
      const headEnd = text.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const length = /\r\ncontent-length: (\d+)/i.exec(text.slice(0, headEnd))?.[1];
      if (length !== undefined && received.length >= headEnd + 4 + Number(length)) finish();
    });
    socket.on('close', finish);
    socket.on('error', finish);
    socket.on('connect', async () => {
      const lines = [`POST ${pathname} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Transfer-Encoding: chunked', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      const piece = Buffer.alloc(256 * 1024, 'a');
      const chunk = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);
      while (!done && bytesSent < total) {
        const ok = socket.write(chunk);
        bytesSent += piece.length;
        if (!ok) {
          await new Promise<void>((resolve) => {
            const go = () => { socket.off('drain', go); socket.off('close', go); resolve(); };
            socket.on('drain', go);
            socket.on('close', go);
          });
        }
      }
      if (!done) socket.write('0\r\n\r\n');
    });
  });
}

async function trackedVoice(withReply: boolean) {
  const token = newSecretToken();
  const [category] = await queryRows<{ id: number }>(database.db, sql`select id from categories where code = 'doro'`);
  const created = await createSubmission(database.db, {
    kind: 'request', channel: 'web', categoryId: category!.id, title: '道路の穴', body: '本文です。', language: 'ja',
    contact: { email: 'resident@example.com' }, replyWanted: true, consentToPublish: false,
  }, { trackingToken: token, now: new Date('2026-11-20T01:00:00Z') });
  if (withReply) {
    const [staff] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, demo.reform));
    await database.db.insert(replies).values({ submissionId: created.id, kind: 'final', status: 'sent', body: '補修しました。', authorId: staff!.id, sentAt: new Date('2026-11-25T01:00:00Z') });
  }
  return { token, id: created.id };
}

const submissionCount = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(submissions))[0]!.n;

const voiceFields = (title = '段差があります') => ({
  idempotencyKey: newIdempotencyKey(), kind: 'complaint', categoryId: '', title, body: '駅前の歩道に段差があります。', contactMode: 'anonymous', website: '',
});

let base: string;
let port: number;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ logins } = await seedDemo(database.db));
  const [counter] = await queryRows<{ slug: string }>(database.db, sql`select slug from service_counters limit 1`);
  surveySlug = counter!.slug;
  apiKey = (await issueApiKey(database.db, 'http test', null)).apiKey;
  ({ base, port } = await listen());
});

describe('request body limits count the bytes actually read', () => {
  const MB = 1024 * 1024;
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

  it('answers a chunked body over the limit with 413 before it has all been sent, in the resident\'s language', async () => {
    const { token } = await trackedVoice(true);
    const cases: [string, Record<string, string>, number][] = [
      ['/send', { ...form, Origin: base }, 120 * MB],
      [`/track/${token}`, { ...form, Origin: base }, 24 * MB],
      [`/survey/${surveySlug}`, { ...form, Origin: base }, 24 * MB],
      ['/staff/login', { ...form, Origin: base }, 24 * MB],
      ['/send', { 'Content-Type': 'multipart/form-data; boundary=x', Origin: base, Cookie: 'meyasu_lang=en' }, 120 * MB],
    ];
    for (const [pathname, headers, total] of cases) {
      const result = await sendChunked(port, pathname, headers, total);
      expect(result.status, pathname).toBe(413);
      // Answered (and the connection closed) long before the client got to send it all.
      expect(result.bytesSent, pathname).toBeLessThan(total / 2);
      expect(result.head.toLowerCase(), pathname).toContain('connection: close');
      if (headers.Cookie === 'meyasu_lang=en') expect(result.body, pathname).toContain('What you are sending is too large');
      else expect(result.body, pathname).toContain('送信する内容が大きすぎます');
    }
  });

  it('lets a client that reads the answer only after a while still get the 413 page (no reset before it is read)', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await sendChunked(port, '/send', { ...form, Origin: base }, 120 * MB, 400);
      expect(result.status).toBe(413);
      expect(result.body).toContain('送信する内容が大きすぎます');
      expect(result.bytesSent).toBeLessThan(60 * MB);
    }
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const { token } = await trackedVoice(true);
    for (const [pathname, length] of [['/send', 37 * MB], [`/track/${token}`, 65 * 1024], ['/staff/login', 2 * MB]] as const) {
      const response = await raw(port, 'POST', pathname, { Host: `127.0.0.1:${port}`, Origin: base, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(length) });
      expect(response.status, pathname).toBe(413);
      expect(response.body, pathname).toContain('送信する内容が大きすぎます');
    }
  });

  it('gives the boundary screen its few-MB limit both for the plain form post and for the data request the enhanced form makes', async () => {
    const boundaryForm = `geojson=${'a'.repeat(2 * MB)}`;
    for (const pathname of ['/staff/admin/boundary', '/staff/admin/boundary.data']) {
      const headers = { Host: `127.0.0.1:${port}`, Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' };
      // 2 MB is read in full (then refused for want of a signed-in admin, not for its size) …
      const pasted = await raw(port, 'POST', pathname, headers, boundaryForm);
      expect(pasted.status, pathname).not.toBe(413);
      // … 13 MB is over even this limit.
      const tooLarge = await raw(port, 'POST', pathname, { ...headers, 'Content-Length': String(13 * MB) });
      expect(tooLarge.status, pathname).toBe(413);
    }
  });

  it('answers an Open311 post over the limit with a GeoReport error, in JSON', async () => {
    const result = await sendChunked(port, '/open311/v2/requests.json', form, 24 * MB);
    expect(result.status).toBe(413);
    expect(result.bytesSent).toBeLessThan(12 * MB);
    expect(JSON.parse(result.body)).toEqual([{ code: 413, description: expect.stringContaining('too large') }]);
    // A multipart POST requests may carry one 10 MB photo (media): its limit is 11 MB (refused unread when declared over it).
    const multipart = { Host: `127.0.0.1:${port}`, 'Content-Type': 'multipart/form-data; boundary=x' };
    const declared = await raw(port, 'POST', '/open311/v2/requests.json', { ...multipart, 'Content-Length': String(12 * MB) });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toEqual([{ code: 413, description: expect.stringContaining('at most 11534336 bytes') }]);
    const photoSized = await raw(port, 'POST', '/open311/v2/requests.json', multipart, `--x\r\nContent-Disposition: form-data; name="media"; filename="p.jpg"\r\n\r\n${'a'.repeat(2 * MB)}\r\n--x--\r\n`);
    expect(photoSized.status).toBe(403); // read in full; refused for its missing api_key, not its size
  });

  it('still takes ordinary posts, chunked or not', async () => {
    const before = await submissionCount();
    const response = await fetch(`${base}/send`, { method: 'POST', body: new URLSearchParams(voiceFields('普通の送信')), headers: { Origin: base }, redirect: 'manual' });
    expect(response.status).toBe(302);
    const encoded = new TextEncoder().encode(new URLSearchParams(voiceFields('分割して送信')).toString());
    const chunked = await fetch(`${base}/send`, {
      method: 'POST', redirect: 'manual', duplex: 'half',
      headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new ReadableStream({ start(c) { c.enqueue(encoded.subarray(0, 40)); c.enqueue(encoded.subarray(40)); c.close(); } }),
    } as RequestInit);
    expect(chunked.status).toBe(302);
    const open311 = await fetch(`${base}/open311/v2/requests.json`, {
      method: 'POST', redirect: 'manual',
      body: new URLSearchParams({ api_key: apiKey, service_code: 'doro', lat: '35.6581', long: '139.7017', description: 'カーブミラーが曇っています', 'attribute[kind]': 'request' }),
    });
    expect(open311.status, await open311.clone().text()).toBe(201);
    expect(await submissionCount()).toBe(before + 3);
  });
});

describe('one CSRF policy for the whole app', () => {
  it('refuses a cross-site post to the resident forms with a 403 page in the resident\'s language, storing nothing', async () => {
    const before = await submissionCount();
    const targets: [string, Record<string, string>][] = [
      ['/send', voiceFields('よそのサイトから')],
      [`/survey/${surveySlug}`, { speed: '1', courtesy: '1', clarity: '1', overall: '1', comment: 'よそから' }],
    ];
    for (const [pathname, fields] of targets) {
      for (const headers of [{ Origin: EVIL }, { Origin: EVIL, 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' }, { 'Sec-Fetch-Site': 'cross-site' }] as Record<string, string>[]) {
        const ja = await raw(port, 'POST', pathname, { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, new URLSearchParams(fields).toString());
        expect(ja.status, `${pathname} ${JSON.stringify(headers)}`).toBe(403);
        expect(ja.body).toContain('別のサイトから送られた可能性があるため、受け付けませんでした');
        expect(ja.body).toContain('<html lang="ja"');
      }
      const en = await raw(port, 'POST', pathname, { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/x-www-form-urlencoded', Origin: EVIL, Cookie: 'meyasu_lang=en' }, new URLSearchParams(fields).toString());
      expect(en.status).toBe(403);
      expect(en.body).toContain('may have been sent from another site');
    }
    expect(await submissionCount()).toBe(before);
  });

  it('accepts a form posted with Origin: null from our own page (Referrer-Policy: no-referrer)', async () => {
    const { token } = await trackedVoice(true);
    const rating = await raw(port, 'POST', `/track/${token}`, {
      Host: `127.0.0.1:${port}`, 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'null', 'Sec-Fetch-Site': 'same-origin',
    }, new URLSearchParams({ intent: 'rate', resolved: 'yes', satisfaction: '5', comment: '' }).toString());
    expect(rating.status).toBe(302);
    expect(rating.headers.location).toBe(`/track/${token}?rated=1`);
    const { id } = await trackedVoice(false);
    const stop = await raw(port, 'POST', `/mail/stop/${signStopToken(id, secretKeysFrom(SECRET))}`, {
      Host: `127.0.0.1:${port}`, 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'null', 'Sec-Fetch-Site': 'same-origin',
    }, 'intent=stop');
    expect(stop.status).toBeLessThan(400);
    const [row] = await database.db.select({ v: submissions.nonEssentialMailOptOut }).from(submissions).where(eq(submissions.id, id));
    expect(row!.v).toBe(true);
  });

  it('sends the tracking and stop pages with a referrer policy that keeps the token on our origin', async () => {
    const { token, id } = await trackedVoice(false);
    for (const pathname of [`/track/${token}`, `/mail/stop/${signStopToken(id, secretKeysFrom(SECRET))}`]) {
      const page = await raw(port, 'GET', pathname, { Host: `127.0.0.1:${port}` });
      expect(page.status).toBe(200);
      expect(page.headers['referrer-policy']).toBe('same-origin');
      expect(page.body).toContain('<meta name="referrer" content="same-origin"/>');
    }
  });

  it('works behind a proxy that rewrites Host, with APP_URL set to the public address', async () => {
    const proxied = await listen({ APP_URL: PUBLIC_ORIGIN });
    const inside = `127.0.0.1:${proxied.port}`;
    const before = await submissionCount();
    const sent = await raw(proxied.port, 'POST', '/send', { Host: inside, Origin: PUBLIC_ORIGIN, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded' }, new URLSearchParams(voiceFields('プロキシの後ろから')).toString());
    expect(sent.status).toBe(302);
    expect(await submissionCount()).toBe(before + 1);
    const reform = logins.find((l) => l.email === demo.reform)!;
    const login = await raw(proxied.port, 'POST', '/staff/login', { Host: inside, Origin: PUBLIC_ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ email: reform.email, password: reform.password }).toString());
    expect(login.status).toBe(302);
    // Another site is still another site behind the proxy.
    const evil = await raw(proxied.port, 'POST', '/send', { Host: inside, Origin: EVIL, 'Content-Type': 'application/x-www-form-urlencoded' }, new URLSearchParams(voiceFields()).toString());
    expect(evil.status).toBe(403);
  });

  it('works behind a proxy that forwards the public host, with TRUST_PROXY=true', async () => {
    const proxied = await listen({ TRUST_PROXY: 'true' });
    const forwarded = { Host: `127.0.0.1:${proxied.port}`, 'X-Forwarded-Host': 'meyasu.city.example', 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.9' };
    const sent = await raw(proxied.port, 'POST', '/send', { ...forwarded, Origin: PUBLIC_ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' }, new URLSearchParams(voiceFields('転送ヘッダ付き')).toString());
    expect(sent.status).toBe(302);
    const evil = await raw(proxied.port, 'POST', '/send', { ...forwarded, Origin: EVIL, 'Content-Type': 'application/x-www-form-urlencoded' }, new URLSearchParams(voiceFields()).toString());
    expect(evil.status).toBe(403);
    // Without TRUST_PROXY a forwarded host is not believed: the same post is another site's.
    const untrusted = await raw(port, 'POST', '/send', { Host: `127.0.0.1:${port}`, 'X-Forwarded-Host': 'meyasu.city.example', 'X-Forwarded-Proto': 'https', Origin: PUBLIC_ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' }, new URLSearchParams(voiceFields()).toString());
    expect(untrusted.status).toBe(403);
  });
});

describe('backoffice paths in any spelling the router accepts', () => {
  it('are never cached, whatever their case or percent-encoding', async () => {
    const reform = logins.find((l) => l.email === demo.reform)!;
    const login = await raw(port, 'POST', '/staff/login', { Host: `127.0.0.1:${port}`, Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ email: reform.email, password: reform.password }).toString());
    expect(login.status).toBe(302);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    for (const pathname of ['/STAFF/inbox', '/%73taff/inbox', '/Staff/Inbox', '/%53TAFF/%69nbox', '/staff/inbox', '/STAFF', '/%73taff']) {
      const response = await raw(port, 'GET', pathname, { Host: `127.0.0.1:${port}`, Cookie: cookie });
      // The router serves the backoffice page for each of them…
      expect(response.status, pathname).toBe(200);
      // …so none of them may be kept by a browser or a proxy.
      expect(response.headers['cache-control'], pathname).toBe('no-store');
    }
    const signInPage = await raw(port, 'GET', '/STAFF/LOGIN', { Host: `127.0.0.1:${port}` });
    expect(signInPage.status).toBe(200);
    expect(signInPage.headers['cache-control']).toBe('no-store');
  });
});
