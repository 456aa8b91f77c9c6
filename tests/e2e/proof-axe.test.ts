import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { RouteConfigEntry } from '@remix-run/route-config';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import routes from '../../app/routes';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expectNoAxeViolations, launchBrowser } from '../support/browser';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.0/2.1 A and AA violations of a page, listed (the shared helper stops at the first page). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return (result.violations as { id: string; help: string; nodes: { target: string[] }[] }[])
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  });
}

// axe-core on every page of the route list, public and staff, in Japanese and English. The
// list is read from app/routes.ts (as the authorization matrix reads it), so a new page is
// checked without editing this file; a page whose parameter has no sample value fails here.
// Staff pages are visited as the reform team, or as the admin where the reform team is refused.
// Then a keyboard-only run of the send form.

const baseUrl = inject('baseUrl');
const logins = inject('demoLogins');

interface PageRoute { path: string; params: string[] }

/** Pages (routes whose module is a .tsx component), with their full URL pattern. */
function pages(entries: RouteConfigEntry[], prefix = ''): PageRoute[] {
  return entries.flatMap((entry) => {
    const url = entry.index ? prefix || '/' : `${prefix}/${entry.path ?? ''}`.replace(/\/+/g, '/').replace(/\/$/, '') || '/';
    const own = entry.file.endsWith('.tsx') && (entry.index || entry.path !== undefined)
      ? [{ path: url, params: [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!) }] : [];
    return [...own, ...pages(entry.children ?? [], url === '/' ? '' : url)];
  });
}

let browser: Browser;
const samples: Record<string, (path: string) => string> = {};

async function firstMatch(path: string, cookie: string, pattern: RegExp): Promise<string> {
  const html = await (await fetch(`${baseUrl}${path}`, { headers: { cookie } })).text();
  const match = pattern.exec(html);
  if (!match) throw new Error(`no sample for ${pattern} on ${path}`);
  return match[1]!;
}

async function signedInCookie(role: string): Promise<string> {
  const login = logins.find((l) => l.role === role)!;
  const response = await fetch(`${baseUrl}/staff/login`, {
    method: 'POST', redirect: 'manual',
    headers: { Origin: baseUrl, 'Sec-Fetch-Site': 'same-origin' },
    body: new URLSearchParams({ email: login.email, password: login.password, redirectTo: '/staff' }),
  });
  expect(response.status, `sign-in of ${role}`).toBe(302);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

async function signedInContext(role: string | null, language: 'ja' | 'en'): Promise<BrowserContext> {
  // axe is evaluated through DevTools, so the CSP stays on.
  const ctx = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  await ctx.addCookies([{ name: 'meyasu_lang', value: language, url: baseUrl }]);
  if (role) {
    const [name, value] = (await signedInCookie(role)).split('=') as [string, string];
    await ctx.addCookies([{ name, value, url: baseUrl }]);
  }
  return ctx;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const reform = await signedInCookie('reform');
  const admin = await signedInCookie('admin');
  const sendPage = await (await fetch(`${baseUrl}/send`)).text();
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(sendPage)![1]!;
  const sent = await fetch(`${baseUrl}/send`, {
    method: 'POST', redirect: 'manual',
    body: new URLSearchParams({ idempotencyKey: key, kind: 'request', title: 'アクセシビリティ確認', body: '全画面の確認用の声です。', contactMode: 'anonymous' }),
  });
  const trackingToken = /\/track\/([^?]+)/.exec(sent.headers.get('location') ?? '')![1]!;
  const published = await firstMatch('/voices', '', /href="\/voices\/(\d{4}-\d{6})"/);
  const staffVoice = await firstMatch('/staff/inbox', reform, /href="\/staff\/voices\/(\d{4}-\d{6})"/);
  const values: Record<string, string> = {
    slug: await firstMatch('/survey', '', /href="\/survey\/([\w-]+)"/),
    userId: await firstMatch('/staff/admin/users', admin, /href="\/staff\/admin\/users\/(\d+)"/),
    departmentId: await firstMatch('/staff/admin/departments', admin, /href="\/staff\/admin\/departments\/(\d+)"/),
    categoryId: await firstMatch('/staff/admin/categories', admin, /href="\/staff\/admin\/categories\/(\d+)"/),
    counterId: await firstMatch('/staff/admin/counters', admin, /href="\/staff\/admin\/counters\/(\d+)"/),
    messageId: await firstMatch('/staff/outbox', reform, /href="\/staff\/outbox\/(\d+)"/),
  };
  const optional = async (key: string, path: string, pattern: RegExp, cookie = reform) => {
    try { values[key] = await firstMatch(path, cookie, pattern); } catch { /* the page lists none yet */ }
  };
  await optional('number', '/staff/improvements', /href="\/staff\/improvements\/(IR-[\w-]+)"/);
  await optional('publicNumber', '/improvements', /href="\/improvements\/(IR-[\w-]+)"/, '');
  await optional('reviewId', '/staff/analytics/review', /href="\/staff\/analytics\/reviews\/(\d+)"/);
  // A resident's request (開示), so its page is checked too.
  await fetch(`${baseUrl}/staff/requests`, {
    method: 'POST', redirect: 'manual', headers: { Cookie: reform, Origin: baseUrl },
    body: new URLSearchParams({ kind: 'disclosure', requesterName: '確認 太郎', identityCheck: '窓口で運転免許証を確認', receiptNumber: staffVoice }),
  });
  await optional('requestId', '/staff/requests', /href="\/staff\/requests\/(\d+)"/);
  Object.assign(samples, {
    receiptNumber: (path: string) => (path.startsWith('/staff') ? staffVoice : published),
    // Invitation, reset and stop links need a secret only mail carries: a wrong one shows the
    // page's "this link does not work" state, which is checked too.
    token: (path: string) => (path.startsWith('/track') ? trackingToken : 'not-a-valid-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'),
    number: (path: string) => (path.startsWith('/staff') ? values.number : values.publicNumber) ?? 'IR-2026-001',
    reviewId: () => values.reviewId ?? '1',
    requestId: () => values.requestId ?? '1',
    ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, () => v])),
  });
});

// Pages reached by a link from mail (sign-in, reset, invitation, unlock) are checked signed out.
const isStaff = (path: string) => path.startsWith('/staff') && !/^\/staff\/(login|forgot-password|reset-password|invitation|unlock)/.test(path);

function urlFor(route: PageRoute): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => {
    const sample = samples[name];
    if (!sample) throw new Error(`no sample value for :${name} in ${route.path}: add one to tests/e2e/proof-axe.test.ts`);
    return encodeURIComponent(sample(route.path));
  });
}

async function visit(page: Page, url: string): Promise<number> {
  const response = await page.goto(`${baseUrl}${url}`);
  return response?.status() ?? 0;
}

// Accessibility does not depend on the database driver: CI runs this file in the PGlite pass only.
describe.skipIf(!!process.env.E2E_DATABASE_URL)('axe-core on every page of the route list, in Japanese and English', () => {
  const all = pages(routes as RouteConfigEntry[]);

  it('knows the pages', () => {
    expect(all.filter((r) => !isStaff(r.path)).length).toBeGreaterThan(10);
    expect(all.filter((r) => isStaff(r.path)).length).toBeGreaterThan(20);
  });

  for (const language of ['ja', 'en'] as const) {
    it(`public pages pass axe (${language})`, async () => {
      const ctx = await signedInContext(null, language);
      const page = await ctx.newPage();
      const checked: string[] = [];
      for (const route of all.filter((r) => !isStaff(r.path))) {
        const url = urlFor(route);
        const status = await visit(page, url);
        expect(status, url).toBeLessThan(500);
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        await expectNoAxeViolations(page, `${url} (${language})`);
        checked.push(url);
      }
      await ctx.close();
      expect(checked.length).toBeGreaterThan(10);
    }, 300_000);

    it(`staff pages pass axe as a suitable signed-in role (${language})`, async () => {
      const contexts = Object.fromEntries(await Promise.all(['reform', 'admin', 'mayor'].map(async (role) => [role, await signedInContext(role, language)] as const)));
      const tabs = Object.fromEntries(await Promise.all(Object.entries(contexts).map(async ([role, ctx]) => [role, await ctx.newPage()] as const)));
      const refused: string[] = [];
      const violations: string[] = [];
      for (const route of all.filter((r) => isStaff(r.path))) {
        const url = urlFor(route);
        // The role whose work the page is: the mayor's queue as the mayor, administration as the admin.
        const first = url.startsWith('/staff/mayor') ? 'mayor' : url.startsWith('/staff/admin') ? 'admin' : 'reform';
        let page = tabs[first]!;
        let status = await visit(page, url);
        if (status === 403 || status === 404 || page.url().includes('/staff/login')) {
          page = tabs.admin!;
          status = await visit(page, url);
        }
        if (status >= 400) refused.push(`${url}: ${status}`);
        for (const v of await axeViolations(page)) violations.push(`${url} (${language}, ${status}): ${v}`);
      }
      for (const ctx of Object.values(contexts)) await ctx.close();
      expect(violations).toEqual([]);
      // A page that neither the reform team nor the admin may open would be unchecked: none is.
      expect(refused.filter((r) => !/\/(IR-2026-001|reviews\/1)\b/.test(r))).toEqual([]);
    }, 600_000);
  }
});

async function tabTo(page: Page, selector: string, maxTabs = 60) {
  for (let i = 0; i < maxTabs; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? '');
  throw new Error(`${selector} is not reachable with Tab (focus is on ${at})`);
}

describe.skipIf(!!process.env.E2E_DATABASE_URL)('keyboard only', () => {
  it('sends a voice from the form with the keyboard alone (no mouse), and reaches the tracking page', async () => {
    const ctx = await signedInContext(null, 'ja');
    const page = await ctx.newPage();
    await visit(page, '/send');
    // Tab from the top of the page; the skip link and the form controls are reachable in order.
    const focused = async () => page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return el ? `${el.tagName.toLowerCase()}[name=${el.getAttribute('name') ?? ''}][type=${el.getAttribute('type') ?? ''}]` : '';
    });
    const reach = async (selector: string, maxTabs = 60) => {
      for (let i = 0; i < maxTabs; i += 1) {
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`${selector} is not reachable with Tab (focus is on ${await focused()})`);
    };
    await reach('input[name="kind"]');
    // Radio groups move with the arrow keys; choose the second kind.
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.querySelector('input[name="kind"]:checked') as HTMLInputElement | null)?.value)).toBeTruthy();
    await reach('input[name="title"]');
    await page.keyboard.type('点字ブロックの段差');
    await reach('textarea[name="body"]');
    await page.keyboard.type('駅前の点字ブロックが欠けていて、つまずきそうになりました。');
    // On to the submit button, past everything optional, and press Enter.
    await reach('main form button[type="submit"]', 120);
    await Promise.all([page.waitForURL(/\/track\//), page.keyboard.press('Enter')]);
    expect(page.url()).toMatch(/\/track\/[A-Za-z0-9_-]{43}/);
    expect(await page.textContent('main')).toContain('受付');
    await ctx.close();
  });

  it('shows the errors of an empty form with the keyboard alone, focus on the error summary', async () => {
    const ctx = await signedInContext(null, 'en');
    const page = await ctx.newPage();
    await visit(page, '/send');
    await tabTo(page, 'main form button[type="submit"]', 150);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.error-summary');
    // The summary is drawn, then focused in an effect: on a busy machine that is a moment later.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.error-summary') !== null), { message: 'focus moves to the error summary', timeout: 5_000 }).toBe(true);
    await expectNoAxeViolations(page, 'send form errors reached by keyboard (en)');
    await ctx.close();
  });
});
