import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { getCategory, saveCategory } from '../../app/domain/admin/organisation.server';
import { createTestDatabase } from '../support/db';
import { listenTestServer } from '../support/test-server';

// The send page answered from its template (app/server/document-cache.server.ts), through the
// real server on a listening port: every view has its own nonce and idempotency key, the page is
// otherwise what Remix renders, and nothing but a language cookie is ever served from it.

const KEY = /name="idempotencyKey" value="([A-Za-z0-9_-]+)"/;
const NONCES = /nonce="([^"]+)"/g;

interface View { status: number; html: string; csp: string; timing: string | null; key: string; nonces: string[] }

describe('the send page from its template', () => {
  let base: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let logins: DemoLogin[];

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    ({ base } = await listenTestServer(database));
  });

  async function view(path = '/send', headers: Record<string, string> = {}): Promise<View> {
    const response = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
    const html = await response.text();
    return {
      status: response.status, html, csp: response.headers.get('content-security-policy') ?? '', timing: response.headers.get('server-timing'),
      key: html.match(KEY)?.[1] ?? '', nonces: [...html.matchAll(NONCES)].map((m) => m[1]!),
    };
  }

  /** The page with this view's own values taken out: what every view must share. */
  const shape = (v: View) => v.html.replaceAll(v.key, 'KEY').replaceAll(v.nonces[0]!, 'NONCE');

  it('gives every view its own nonce and key, each used consistently, in an otherwise identical page', async () => {
    const first = await view();
    const views = [first, ...(await Promise.all(Array.from({ length: 40 }, () => view())))];
    expect(first.timing).toContain('miss');
    expect(views.filter((v) => v.timing?.includes('hit')).length).toBeGreaterThan(30);
    for (const v of views) {
      expect(v.status).toBe(200);
      expect(v.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // The key of the form is the key in the data Remix hydrates from (React keeps it).
      expect(v.html.split(v.key).length - 1).toBe(2);
      // Every inline script carries this response's nonce, the one its CSP allows.
      expect(v.nonces.length).toBeGreaterThan(2);
      expect(new Set(v.nonces)).toEqual(new Set([v.nonces[0]]));
      expect(v.csp).toContain(`'nonce-${v.nonces[0]}'`);
      expect(shape(v)).toBe(shape(first));
    }
    expect(new Set(views.map((v) => v.key)).size).toBe(views.length);
    expect(new Set(views.map((v) => v.nonces[0])).size).toBe(views.length);
  });

  it('accepts a voice sent with a key from a view served from the template, once', async () => {
    await view();
    const v = await view();
    expect(v.timing).toContain('hit');
    const form = new URLSearchParams({
      idempotencyKey: v.key, kind: 'idea', categoryId: '', title: 'テンプレートからの送信', body: '公園にベンチを増やしてください。',
      contactMode: 'anonymous', website: '',
    });
    const post = () => fetch(`${base}/send`, { method: 'POST', body: form, headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    const sent = await post();
    expect(sent.status).toBe(302);
    const again = await post();
    expect(again.status).toBe(302);
    expect(again.headers.get('location')).toBe(sent.headers.get('location'));
  });

  it('keeps one template per language, and serves anyone with another cookie from the app', async () => {
    const en = await view('/send', { cookie: 'meyasu_lang=en' });
    const enAgain = await view('/send', { cookie: 'meyasu_lang=en' });
    const ja = await view();
    expect(en.html).toContain('<html lang="en"');
    expect(enAgain.html).toContain('<html lang="en"');
    expect(enAgain.timing).toContain('hit');
    expect(ja.html).toContain('<html lang="ja"');

    const { email, password } = logins.find((l) => l.role === 'reform')!;
    const signIn = await fetch(`${base}/staff/login`, {
      method: 'POST', body: new URLSearchParams({ email, password }), headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual',
    });
    const session = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const staff = await view('/send', { cookie: `meyasu_lang=ja; ${session}` });
    expect(staff.status).toBe(200);
    expect(staff.timing).toBeNull();
    expect((await view('/send?from=home')).timing).toBeNull();
  });

  it('shows an administrator’s edit at the next view', async () => {
    await view();
    expect((await view()).timing).toContain('hit');
    const category = (await getCategory(database.db, 1))!;
    await saveCategory(database.db, category.id, {
      code: category.code, nameJa: 'テンプレート確認用の分類', nameTranslations: category.nameTranslations, defaultDepartmentId: category.defaultDepartmentId,
      replyTargetDays: category.replyTargetDays, sortOrder: category.sortOrder, active: category.active,
    }, { userId: null, ip: null, userAgent: null, requestId: null });
    const after = await view();
    expect(after.timing).toContain('miss');
    expect(after.html).toContain('テンプレート確認用の分類');
  });

  it('compresses for browsers that accept gzip', async () => {
    const response = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      import('node:http').then(({ get }) => get(`${base}/send`, { headers: { 'accept-encoding': 'gzip, br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject));
    });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.body).toString()).toMatch(KEY);
  });
});
