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
});
