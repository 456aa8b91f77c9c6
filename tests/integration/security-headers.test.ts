import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { createApp } from '../../app/server/app';
import { loadConfig } from '../../app/config.server';
import { createLogger } from '../../app/logger.server';
import { createTestDatabase } from '../support/db';
import { loadTestBuild } from '../support/remix';

// Security headers and the CSRF refusal, through the real Express stack on a listening port
// (createTestApp bypasses Express): pages, redirects, 404s, /healthz and static files.

async function listen(mode: 'production' | 'development', database: Awaited<ReturnType<typeof createTestDatabase>>, buildDir: string) {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig({ NODE_ENV: mode, SESSION_SECRET: 'test-secret-test-secret-test-secret!!', APP_URL: base, BUILD_DIR: buildDir });
  const build = await loadTestBuild();
  server.on('request', createApp({ database, config, logger: createLogger('silent'), getBuild: async () => build }));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return base;
}

const EVIL = 'https://evil.example';

describe('security headers and CSRF through Express', () => {
  let base: string;
  let devBase: string;
  let logins: DemoLogin[];
  const buildDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-headers-'));

  beforeAll(async () => {
    mkdirSync(path.join(buildDir, 'client/assets'), { recursive: true });
    writeFileSync(path.join(buildDir, 'client/assets/probe.js'), 'console.log("probe");');
    const database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    base = await listen('production', database, buildDir);
    devBase = await listen('development', database, buildDir);
  });
  afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

  const fetchRaw = (url: string, init: RequestInit = {}) => fetch(url, { redirect: 'manual', ...init });

  async function signIn(role: string): Promise<string> {
    const { email, password } = logins.find((l) => l.role === role)!;
    const response = await fetchRaw(`${base}/staff/login`, {
      method: 'POST', body: new URLSearchParams({ email, password }), headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(302);
    return response.headers.get('set-cookie')!.split(';')[0]!;
  }

  it('sends the security headers on every kind of response', async () => {
    const cases: [string, number][] = [['/', 200], ['/staff', 302], ['/staff/login', 200], ['/no-such-page', 404], ['/healthz', 200], ['/assets/probe.js', 200]];
    for (const [pathname, status] of cases) {
      const response = await fetchRaw(`${base}${pathname}`);
      expect(response.status, pathname).toBe(status);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, pathname).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
      expect(csp, pathname).toContain("frame-ancestors 'none'");
      expect(csp, pathname).toContain("object-src 'none'");
      expect(csp, pathname).toContain("base-uri 'none'");
      expect(csp, pathname).toContain("form-action 'self'");
      expect(response.headers.get('referrer-policy'), pathname).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('x-content-type-options'), pathname).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), pathname).toBe('DENY');
      expect(response.headers.get('strict-transport-security'), pathname).toBe('max-age=31536000; includeSubDomains');
      await response.body?.cancel();
    }
  });

  it('puts a fresh nonce on every inline script of a page, matching its CSP', async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const response = await fetchRaw(`${base}/staff/login`);
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy')!)![1]!;
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('keeps backoffice pages out of every cache', async () => {
    const cookie = await signIn('reform');
    const response = await fetchRaw(`${base}/staff`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    await response.body?.cancel();
  });

  it('sends no HSTS outside production', async () => {
    const response = await fetchRaw(`${devBase}/healthz`);
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('refuses a cross-site post in every backoffice route family with a translated 403, changing nothing', async () => {
    const cookie = await signIn('admin');
    const { email, password } = logins.find((l) => l.role === 'reform')!;
    const families: [string, Record<string, string>][] = [
      ['/staff/login', { email, password }],
      ['/staff/logout', {}],
      ['/staff/profile', { intent: 'signOutEverywhere' }],
      ['/staff/admin/city', { nameJa: '乗っ取り市', 'name:en': 'Hijacked', promiseJa: 'x', 'promise:en': 'x', defaultReplyTargetDays: '10' }],
    ];
    for (const [pathname, fields] of families) {
      for (const headers of [{ Origin: EVIL }, { 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'null' }, {}] as Record<string, string>[]) {
        const response = await fetchRaw(`${base}${pathname}`, {
          method: 'POST', body: new URLSearchParams(fields),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, ...headers },
        });
        expect(response.status, `${pathname} ${JSON.stringify(headers)}`).toBe(403);
        expect(response.headers.get('set-cookie'), pathname).toBeNull();
        expect(await response.text()).toContain('別のサイトからの送信の可能性があります。');
      }
    }
    // Still signed in, and the city's name unchanged.
    const page = await fetchRaw(`${base}/staff/admin/city`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('乗っ取り市');
    // The same posts from our own origin go through.
    const out = await fetchRaw(`${base}/staff/logout`, { method: 'POST', headers: { Origin: base, Cookie: cookie } });
    expect(out.status).toBe(302);
  });
});
