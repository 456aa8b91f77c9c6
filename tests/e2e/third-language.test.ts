import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startApp, type AppProcess } from '../support/app-process';
import { makeLocalesWithPortuguese } from '../support/portuguese-locales';

// A language added after the build (a folder in LOCALES_DIR) in a real browser with
// JavaScript: the page hydrates from translation files the server serves itself, the enhanced
// form speaks from them, and the switcher goes back to Japanese without a reload.

describe('a third language in Chromium', () => {
  let app: AppProcess;
  let browser: Browser;
  let folder: string;
  let dataDir: string;

  beforeAll(async () => {
    folder = makeLocalesWithPortuguese();
    dataDir = mkdtempSync(path.join(tmpdir(), 'meyasu-pt-'));
    // `npm start`'s entry on its own embedded database and the suite's build (no rebuild).
    app = await startApp({ LOCALES_DIR: folder, DATABASE_URL: undefined, MAP_TILE_URL: 'off' }, { buildDir: inject('buildDir'), dataDir });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(folder, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('hydrates the send page from the served Portuguese files and switches back to Japanese', async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'meyasu_lang', value: 'pt', url: app.baseUrl }]);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    const files: { path: string; status: number }[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/translations/')) files.push({ path: url.pathname, status: response.status() });
    });

    await page.goto(`${app.baseUrl}/send`);
    await page.waitForSelector('form.voice-form[data-enhanced="true"]');
    expect(await page.getAttribute('html', 'lang')).toBe('pt');
    expect(await page.textContent('.site-nav')).toContain('Enviar sua opinião');
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      expect(file.path).toMatch(/^\/translations\/pt\/[a-z]+\.[0-9a-f]{12}\.json$/);
      expect(file.status).toBe(200);
    }

    // The enhanced form checks in the browser, with messages from the served files, not keys.
    await page.click('form.voice-form button[type="submit"]');
    await page.waitForSelector('[data-field-error]');
    const main = (await page.textContent('main')) ?? '';
    expect(main).not.toMatch(/\b(?:citizen|errors|common|domain):[a-z]/);
    expect(main).not.toMatch(/\b(?:validation|errors)\.[a-z]+[A-Z]?\w*/);

    await page.click('.language-switch button[value="ja"]');
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    expect(await page.textContent('.site-nav')).toContain('声を送る');
    expect(problems).toEqual([]);
    await context.close();
  });
});
