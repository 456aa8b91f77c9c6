import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';

// The resident's path as a newcomer on a 375 px phone tries it: the emergency notice, the
// anonymous choice, what a screen reader hears after sending and after a page change.

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

async function phone(options: { javaScript?: boolean; language?: 'ja' | 'en' } = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({ javaScriptEnabled: options.javaScript ?? true, viewport: { width: 375, height: 740 } });
  if (options.language === 'en') await ctx.addCookies([{ name: 'meyasu_lang', value: 'en', url: baseUrl }]);
  return ctx;
}

/** The focused element as assistive technology sees it: Chromium's computed role and accessible name. */
async function focusedForScreenReader(page: Page): Promise<{ role: string; name: string }> {
  const cdp = await page.context().newCDPSession(page);
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false });
  await cdp.detach();
  const node = nodes[0]!;
  return { role: String(node.role?.value ?? ''), name: String(node.name?.value ?? '').trim() };
}

async function writeVoice(page: Page, title: string) {
  await page.check('#voice-kind-request');
  await page.fill('#voice-title', title);
  await page.fill('#voice-body', '家の前の道路に穴があいています。');
}

const submit = (page: Page) =>
  Promise.all([page.waitForURL(/\/track\/[A-Za-z0-9_-]{43}\?new=1$/), page.click('form.voice-form button[type="submit"]')]);

describe('not for emergencies: the city hall\'s phone on home, send and the confirmation', () => {
  it('shows the notice with 電話・FAX・開庁時間 from the city settings, and the accessibility page lists the other ways', async () => {
    const ctx = await phone({ javaScript: false });
    const page = await ctx.newPage();
    for (const path of ['/', '/send']) {
      await page.goto(`${baseUrl}${path}`);
      const notice = page.locator('.emergency-notice');
      expect(await notice.isVisible(), path).toBe(true);
      const text = (await notice.textContent())!;
      expect(text, path).toContain('緊急の場合は、このフォームを使わずお電話ください');
      expect(text, path).toContain('119');
      expect(text, path).toContain('平日 8時30分〜17時15分');
      expect(text, path).toContain('0123-45-6790'); // FAX
      expect(await notice.locator('a[href="tel:0123456789"]').textContent(), path).toBe('0123-45-6789');
    }
    await writeVoice(page, '道路の穴');
    await submit(page);
    expect(await page.locator('.emergency-notice').textContent()).toContain('0123-45-6789');

    await page.goto(`${baseUrl}/accessibility`);
    const other = page.locator('section[aria-labelledby="accessibility-otherWays"]');
    expect(await other.locator('h2').textContent()).toBe('このサイト以外でご意見を伝える方法');
    expect(await other.textContent()).toContain('FAX0123-45-6790');
    await ctx.close();
  });

  it('speaks English in English mode', async () => {
    const ctx = await phone({ language: 'en', javaScript: false });
    const page = await ctx.newPage();
    await page.goto(`${baseUrl}/send`);
    const text = (await page.locator('.emergency-notice').textContent())!;
    expect(text).toContain('In an emergency, do not use this form');
    expect(text).toContain('Weekdays 8:30–17:15');
    await ctx.close();
  });
});

describe('the anonymous choice', () => {
  for (const javaScript of [false, true]) {
    it(`shows name and contact fields only for "give my name" (JavaScript ${javaScript ? 'on' : 'off'}), and sends 匿名 without them`, async () => {
      const ctx = await phone({ javaScript });
      const page = await ctx.newPage();
      await page.goto(`${baseUrl}/send`);
      if (javaScript) await page.waitForSelector('form.voice-form[data-enhanced="true"]');
      expect(await page.isChecked('#voice-contactMode-anonymous')).toBe(true);
      for (const field of ['#voice-familyName', '#voice-email', '#voice-phone', '#voice-replyWanted']) {
        expect(await page.isVisible(field), field).toBe(false);
      }
      expect(await page.isVisible('#voice-anonymous-note')).toBe(true);
      const anonymousHeight = await page.evaluate(() => document.documentElement.scrollHeight);

      // The old trap: fill the contact fields and tick 回答を希望する, then stay (or go back to) 匿名.
      await page.check('#voice-contactMode-named');
      expect(await page.isVisible('#voice-email')).toBe(true);
      expect(await page.isVisible('#voice-anonymous-note')).toBe(false);
      await page.fill('#voice-familyName', '山田');
      await page.fill('#voice-givenName', '花子');
      await page.fill('#voice-email', 'hanako@example.jp');
      await page.check('#voice-replyWanted');
      await page.check('#voice-contactMode-anonymous');
      expect(await page.isVisible('#voice-email')).toBe(false);

      await writeVoice(page, `匿名の確認 ${javaScript ? 'JS' : 'no JS'}`);
      await submit(page);
      // Sent without a single error, and without the email: no receipt mail is announced.
      expect(await page.textContent('.sent-notice h1')).toBe('送信しました。ありがとうございます。');
      expect(await page.textContent('.sent-notice')).not.toContain('受付のお知らせとこのリンクをお送りします');
      console.log(`send page at 375 px, 匿名 (JavaScript ${javaScript ? 'on' : 'off'}): ${anonymousHeight} px tall`);
      await ctx.close();
    });
  }

  it('still asks for a name when the resident chose to give it', async () => {
    const ctx = await phone({ javaScript: false });
    const page = await ctx.newPage();
    await page.goto(`${baseUrl}/send`);
    await writeVoice(page, '名前あり');
    await page.check('#voice-contactMode-named');
    await page.check('#voice-replyWanted');
    await page.click('form.voice-form button[type="submit"]');
    await page.waitForSelector('[data-field-error]');
    // The fields stay open after the round trip, with their messages.
    expect(await page.isVisible('#voice-familyName')).toBe(true);
    expect(await page.textContent('#voice-familyName-error')).toContain('姓を入力してください');
    expect(await page.textContent('#voice-replyWanted-error')).toContain('メールアドレスか電話番号');
    await ctx.close();
  });
});

describe('what a screen reader hears', () => {
  for (const javaScript of [true, false]) {
    it(`is put on the confirmation after sending (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const ctx = await phone({ javaScript });
      const page = await ctx.newPage();
      await page.goto(`${baseUrl}/send`);
      if (javaScript) await page.waitForSelector('form.voice-form[data-enhanced="true"]');
      await writeVoice(page, `読み上げの確認 ${javaScript ? 'JS' : 'no JS'}`);
      await submit(page);
      await page.waitForFunction(() => document.activeElement?.classList.contains('sent-notice'));
      expect(await focusedForScreenReader(page)).toEqual({ role: 'status', name: '送信しました。ありがとうございます。' });
      await ctx.close();
    });
  }

  it('moves to the new page\'s heading after a link, marks the current page in a properly named nav', async () => {
    const ctx = await phone();
    const page = await ctx.newPage();
    await page.goto(`${baseUrl}/`);
    await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext !== undefined);
    const nav = page.locator('nav.site-nav');
    expect(await nav.getAttribute('aria-label')).toBe('サイト内の主なページ');
    expect(await nav.locator('a[aria-current="page"]').textContent()).toBe('ホーム');

    await Promise.all([page.waitForURL(`${baseUrl}/voices`), nav.locator('a[href="/voices"]').click()]);
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await focusedForScreenReader(page)).toEqual({ role: 'heading', name: (await page.textContent('main h1'))!.trim() });
    expect(await nav.locator('a[aria-current="page"]').textContent()).toBe('公開された声');
    await ctx.close();
  });
});

describe('plain words on the home page', () => {
  it('numbers the three steps once', async () => {
    const ctx = await phone({ javaScript: false });
    const page = await ctx.newPage();
    await page.goto(`${baseUrl}/`);
    const steps = await page.$$eval('.journey > li strong', (nodes) => nodes.map((n) => n.textContent));
    expect(steps).toEqual(['声を受け付けます', '担当課が回答します', '仕事を改善します']);
    await ctx.close();
  });
});
