import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from '../support/browser';

// Signing in as the reform team in Chromium: the login page and the staff landing page,
// accessible in Japanese and English, usable at 320 px, with the CSP letting the app's own
// scripts run (and nothing else).

describe('staff sign-in in Chromium', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const reform = inject('demoLogins').find((l) => l.role === 'reform')!;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  function watchCsp(page: Page): string[] {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
    });
    return violations;
  }

  it('signs the reform team in and shows the staff landing page, accessible in Japanese and English', async () => {
    const page = await browser.newPage();
    const cspViolations = watchCsp(page);
    await page.goto(`${baseUrl}/staff/login`);
    expect(await page.textContent('h1')).toBe('職員ログイン');
    await expectNoAxeViolations(page, 'staff login (ja)');

    // With JavaScript on, the form's schema answers in the browser before anything is sent.
    await page.click('main button[type="submit"]');
    await page.waitForSelector('.field__error');
    expect(await page.textContent('.field__error')).toBe('入力してください。');
    expect(page.url()).toBe(`${baseUrl}/staff/login`);
    await expectNoAxeViolations(page, 'staff login with errors (ja)');

    await page.fill('input[name="email"]', reform.email);
    await page.fill('input[name="password"]', 'this is not the password');
    await page.click('main button[type="submit"]');
    await page.waitForSelector('[role="alert"]');
    expect(await page.textContent('[role="alert"]')).toBe('メールアドレスまたはパスワードが正しくありません。');

    await page.fill('input[name="password"]', reform.password);
    await page.click('main button[type="submit"]');
    await page.waitForSelector('h1:text-is("ダッシュボード")');
    expect(page.url()).toBe(`${baseUrl}/staff`);
    expect(await page.textContent('.staff-user__name')).toBe('広聴 花子');
    expect(await page.textContent('.staff-user__meta')).toBe('改革推進・広聴担当 · 企画調整課');
    expect(await page.locator('.voice-list li').count()).toBeGreaterThan(5);
    await expectNoAxeViolations(page, 'staff dashboard (ja)');

    await page.click('.language-switch button');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.textContent('h1')).toBe('Dashboard');
    await expectNoAxeViolations(page, 'staff dashboard (en)');

    // Search runs against the 課 scope in the database; the reform team sees every 課.
    await page.fill('#voice-search', '街灯');
    await page.click('.search-form button');
    await page.waitForSelector('h2:has-text("街灯")');
    expect(await page.textContent('.voice-list')).toContain('街灯が切れていて夜道が暗い');

    // Sign out: the old session no longer opens the backoffice.
    await page.click('.staff-nav__logout button');
    await page.waitForSelector('h1:text-is("Staff sign-in")');
    await page.goto(`${baseUrl}/staff`);
    expect(page.url()).toContain('/staff/login?redirectTo=%2Fstaff');
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it('fits a 320 px wide screen without horizontal scrolling (login and landing page)', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/staff/login`);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.fill('input[name="email"]', reform.email);
    await page.fill('input[name="password"]', reform.password);
    await Promise.all([page.waitForURL(`${baseUrl}/staff`), page.click('main button[type="submit"]')]);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('signs in with JavaScript off too', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/staff/login`);
    await page.click('main button[type="submit"]');
    await page.waitForLoadState();
    expect(await page.textContent('.field__error')).toBe('入力してください。');
    await page.fill('input[name="email"]', reform.email);
    await page.fill('input[name="password"]', reform.password);
    await Promise.all([page.waitForURL(`${baseUrl}/staff`), page.click('main button[type="submit"]')]);
    expect(await page.textContent('.staff-user__name')).toBe('広聴 花子');
    await context.close();
  });

  it('keeps the voice page and the admin screens accessible (axe, Japanese)', async () => {
    const admin = inject('demoLogins').find((l) => l.role === 'admin')!;
    const page = await browser.newPage();
    const cspViolations = watchCsp(page);
    const signInAs = async (who: { email: string; password: string }) => {
      await page.goto(`${baseUrl}/staff/login`);
      await page.fill('input[name="email"]', who.email);
      await page.fill('input[name="password"]', who.password);
      await page.click('main button[type="submit"]');
      await page.waitForSelector('h1:text-is("ダッシュボード")');
    };

    await signInAs(reform);
    await page.click('.voice-list a >> nth=0');
    await page.waitForSelector('article.voice h1');
    await expectNoAxeViolations(page, 'staff voice page (ja)');
    await page.click('.staff-nav__logout button');
    await page.waitForSelector('h1:text-is("職員ログイン")');

    await signInAs(admin);
    for (const path of ['/staff/admin', '/staff/admin/users', '/staff/admin/departments', '/staff/admin/categories', '/staff/admin/counters',
      '/staff/admin/calendar', '/staff/admin/city', '/staff/admin/audit', '/staff/profile', '/staff/profile/totp']) {
      await page.goto(`${baseUrl}${path}`);
      await expectNoAxeViolations(page, `${path} (ja)`);
    }
    // A form with errors stays accessible too.
    await page.goto(`${baseUrl}/staff/admin/users`);
    await page.click('main form button[type="submit"]');
    await page.waitForSelector('.field__error');
    await expectNoAxeViolations(page, 'invite form with errors (ja)');
    expect(cspViolations).toEqual([]);
    await page.close();
  });
});
