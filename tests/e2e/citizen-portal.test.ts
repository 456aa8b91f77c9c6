import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { expectNoAxeViolations, launchBrowser } from '../support/browser';

// The resident side in Chromium: sending without JavaScript, the same messages with and
// without it, and every public page through axe, in Japanese and English, on a phone.

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

async function context(options: { javaScript?: boolean; language?: 'ja' | 'en'; width?: number; axe?: boolean } = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    javaScriptEnabled: options.javaScript ?? true,
    viewport: { width: options.width ?? 1024, height: 800 },
    // axe is injected as an inline script, which the app's CSP (rightly) forbids.
    bypassCSP: options.axe ?? false,
  });
  if (options.language === 'en') await ctx.addCookies([{ name: 'meyasu_lang', value: 'en', url: baseUrl }]);
  return ctx;
}

/** A voice sent the way a form post does it; returns the tracking path. */
async function sendVoiceOverHttp(title: string): Promise<string> {
  const page = await (await fetch(`${baseUrl}/send`)).text();
  const key = page.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
  const response = await fetch(`${baseUrl}/send`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ idempotencyKey: key, kind: 'request', title, body: '公園のベンチが壊れています。', contactMode: 'anonymous' }),
  });
  expect(response.status).toBe(302);
  return response.headers.get('location')!.replace('?new=1', '');
}

async function fillInvalidVoice(page: Page) {
  // No kind chosen, no subject, a message one character too long, a bad postcode, a named
  // contact without a name, a bad email, and a reply wanted.
  await page.fill('#voice-body', 'あ'.repeat(4001));
  await page.fill('#voice-postcode', '12-345');
  await page.check('#voice-contactMode-named');
  await page.fill('#voice-email', 'hanako@');
  await page.check('#voice-replyWanted');
}

const fieldErrors = (page: Page) => page.$$eval('[data-field-error]', (nodes) => nodes.map((n) => `${n.id}: ${n.textContent}`));

describe('sending a voice', () => {
  it('works with JavaScript off: an anonymous complaint in Japanese gets a receipt number and a tracking link that shows 受付', async () => {
    const ctx = await context({ javaScript: false });
    const page = await ctx.newPage();
    await page.goto(`${baseUrl}/send`);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await page.check('#voice-kind-complaint');
    await page.fill('#voice-title', '歩道の段差が危ないです');
    await page.fill('#voice-body', '駅前の歩道に10センチほどの段差があり、ベビーカーがつまずきます。');
    expect(await page.isChecked('#voice-contactMode-anonymous')).toBe(true);
    await Promise.all([page.waitForURL(/\/track\/[A-Za-z0-9_-]{43}\?new=1$/), page.click('form.voice-form button[type="submit"]')]);

    const receipt = (await page.textContent('.sent-notice .receipt-number'))!.trim();
    expect(receipt).toMatch(/^\d{4}-\d{6}$/);
    expect(await page.textContent('.sent-notice')).toContain('ブックマーク');
    const link = (await page.getAttribute('.tracking-link', 'href'))!;
    expect(link).toBe(page.url().replace('?new=1', ''));

    await page.goto(link);
    expect((await page.textContent('.status-now'))!.trim()).toBe('受付');
    expect(await page.textContent('.receipt-number')).toContain(receipt);
    await ctx.close();
  });

  it('shows the same field errors in the browser without a round trip as the server gives with JavaScript off', async () => {
    const withJs = await context({ javaScript: true });
    const page = await withJs.newPage();
    await page.goto(`${baseUrl}/send`);
    await page.waitForSelector('form.voice-form[data-enhanced="true"]');
    let posts = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST') posts += 1;
    });
    await fillInvalidVoice(page);
    await page.click('form.voice-form button[type="submit"]');
    await page.waitForSelector('[data-field-error]');
    const inBrowser = await fieldErrors(page);
    expect(posts).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.closest('.error-summary') !== null)).toBe(true);

    const withoutJs = await context({ javaScript: false });
    const plain = await withoutJs.newPage();
    await plain.goto(`${baseUrl}/send`);
    await fillInvalidVoice(plain);
    const [response] = await Promise.all([plain.waitForResponse((r) => r.request().method() === 'POST'), plain.click('form.voice-form button[type="submit"]')]);
    expect(response.status()).toBe(400);
    await plain.waitForSelector('[data-field-error]');
    const fromServer = await fieldErrors(plain);

    expect(inBrowser).toEqual(fromServer);
    expect(inBrowser.join('\n')).toContain('声の種類を選んでください');
    expect(inBrowser.join('\n')).toContain('内容は4,000文字以内で入力してください');
    expect(inBrowser.join('\n')).toContain('郵便番号は7桁の数字で入力してください');
    expect(inBrowser.join('\n')).toContain('姓を入力してください');
    expect(inBrowser.join('\n')).toContain('メールアドレスの形式が正しくありません');
    // Without JavaScript the typed text survives the round trip.
    expect(await plain.inputValue('#voice-postcode')).toBe('12-345');
    await withJs.close();
    await withoutJs.close();
  });

  it('sends with JavaScript on (a photo included) once the input is valid, and a live counter follows the message', async () => {
    const ctx = await context({ javaScript: true, language: 'en' });
    const page = await ctx.newPage();
    await page.goto(`${baseUrl}/send`);
    await page.waitForSelector('form.voice-form[data-enhanced="true"]');
    await page.check('#voice-kind-idea');
    await page.fill('#voice-title', 'More benches in the park');
    await page.fill('#voice-body', 'Please add benches along the river path.');
    expect(await page.textContent('#voice-body-counter')).toBe('40 / 4000 characters');
    // A file that is not an image is refused in the browser, in English, before any upload.
    await page.setInputFiles('#voice-photos', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.click('form.voice-form button[type="submit"]');
    await page.waitForSelector('#voice-photos-error');
    expect(await page.textContent('#voice-photos-error')).toContain('Photos must be JPEG, PNG or WebP images');
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a6' } }).png().toBuffer();
    await page.setInputFiles('#voice-photos', { name: 'bench.png', mimeType: 'image/png', buffer: photo });
    await Promise.all([page.waitForURL(/\/track\/[A-Za-z0-9_-]{43}\?new=1$/), page.click('form.voice-form button[type="submit"]')]);
    expect(await page.textContent('.sent-notice h1')).toBe('Sent. Thank you.');
    expect((await page.textContent('.status-now'))!.trim()).toBe('Received');
    await ctx.close();
  });
});

describe('every public page', () => {
  let pages: { label: string; path: string }[];

  beforeAll(async () => {
    const tracking = await sendVoiceOverHttp('ベンチの修理');
    const voices = await (await fetch(`${baseUrl}/voices`)).text();
    const published = voices.match(/href="(\/voices\/\d{4}-\d{6})"/)![1]!;
    pages = [
      { label: 'home', path: '/' },
      { label: 'send', path: '/send' },
      { label: 'tracking (new)', path: `${tracking}?new=1` },
      { label: 'tracking', path: tracking },
      { label: 'surveys', path: '/survey' },
      { label: 'counter survey', path: '/survey/shimin-madoguchi' },
      { label: 'survey thanks', path: '/survey/shimin-madoguchi?thanks=1' },
      { label: 'published voices', path: '/voices' },
      { label: 'published voices, searched', path: `/voices?q=${encodeURIComponent('窓口')}&kind=complaint` },
      { label: 'published voice', path: published },
      { label: 'privacy', path: '/privacy' },
      { label: 'accessibility', path: '/accessibility' },
    ];
  });

  for (const language of ['ja', 'en'] as const) {
    it(`passes axe (WCAG 2.0/2.1 A and AA) in ${language}, including the send form's error state`, async () => {
      const ctx = await context({ language, axe: true });
      const page = await ctx.newPage();
      for (const { label, path } of pages) {
        const response = await page.goto(`${baseUrl}${path}`);
        expect(response?.status(), label).toBe(200);
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        await expectNoAxeViolations(page, `${label} (${language})`);
      }
      await page.goto(`${baseUrl}/send`);
      await page.click('form.voice-form button[type="submit"]');
      await page.waitForSelector('[data-field-error]');
      await expectNoAxeViolations(page, `send with errors (${language})`);
      await ctx.close();
    });
  }

  it('fits 320 px wide screens, and 200 % text, without horizontal scrolling', async () => {
    for (const [width, textSize] of [[320, '100%'], [640, '200%']] as const) {
      const ctx = await context({ width, javaScript: false });
      const page = await ctx.newPage();
      for (const { label, path } of pages) {
        await page.goto(`${baseUrl}${path}`);
        const overflow = await page.evaluate((size) => {
          document.documentElement.style.fontSize = size;
          return document.documentElement.scrollWidth - document.documentElement.clientWidth;
        }, textSize);
        expect(overflow, `${label} at ${width}px, text ${textSize}`).toBeLessThanOrEqual(0);
      }
      await ctx.close();
    }
  });
});
