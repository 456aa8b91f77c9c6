import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from '../support/browser';

describe('home page in Chromium', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  it('renders in Japanese with the city promise, and switches to English', async () => {
    const page = await browser.newPage();
    await page.goto(baseUrl);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.textContent('h1')).toBe('さくら台市 市民の声');
    expect(await page.textContent('.promise')).toBe('いただいた声は、すべて市長が読みます。');
    await expectNoAxeViolations(page, 'home (ja)');

    await page.click('.language-switch button');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.textContent('h1')).toBe('Sakuradai City — Citizen Voices');
    await expectNoAxeViolations(page, 'home (en)');
    await page.close();
  });

  it('fits a 320 px wide phone screen without horizontal scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(baseUrl);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('paints the resident pages before fetching any JavaScript, then hydrates them without an error', async () => {
    for (const path of ['/', '/send']) {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
      await page.goto(`${baseUrl}${path}`);
      // The language switch becomes a client-side navigation only once React has hydrated.
      await page.waitForFunction(() => document.querySelectorAll('script[type="module"]').length > 0);
      const order = await page.evaluate(async () => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
        const scripts = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js') || r.name.endsWith('.json'));
        return { paint, firstScript: Math.min(...scripts.map((r) => r.startTime)), scripts: scripts.length };
      });
      expect(order.paint, path).not.toBeNull();
      expect(order.scripts, path).toBeGreaterThan(0);
      expect(order.firstScript, path).toBeGreaterThanOrEqual(order.paint!);
      if (path === '/send') await page.getByRole('button', { name: '地図で場所を選ぶ' }).waitFor();
      expect(problems, path).toEqual([]);
      await page.close();
    }
  });
  it('keeps what a resident typed and ticked before the enhancement arrived, and sends it', async () => {
    const page = await browser.newPage();
    // Holds the page's JavaScript and translation files until the resident has filled the form.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    await page.route((url) => /\/assets\/.+\.(?:js|json)$/.test(url.pathname), async (route) => { await gate; await route.continue(); });
    await page.goto(`${baseUrl}/send`, { waitUntil: 'domcontentloaded' });
    await page.check('#voice-kind-request');
    await page.fill('#voice-title', '書きかけが消えないこと');
    await page.fill('#voice-body', 'ページの準備が整う前に書いた文です。');
    await page.check('#voice-consentToPublish');
    release();
    await page.waitForSelector('form.voice-form[data-enhanced="true"]');
    expect(await page.inputValue('#voice-title')).toBe('書きかけが消えないこと');
    expect(await page.inputValue('#voice-body')).toBe('ページの準備が整う前に書いた文です。');
    expect(await page.isChecked('#voice-kind-request')).toBe(true);
    expect(await page.isChecked('#voice-consentToPublish')).toBe(true);
    // The enhanced form validates from its own state: it sends only if that state has the text too.
    await Promise.all([page.waitForURL(/\/track\/[A-Za-z0-9_-]{43}\?new=1$/), page.click('form.voice-form button[type="submit"]')]);
    // The address changes as the client-side navigation starts; the tracking page follows.
    await page.waitForSelector('.receipt-number');
    expect(await page.textContent('main')).toContain('書きかけが消えないこと');
    await page.close();
  });
});
