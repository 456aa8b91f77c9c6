import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from '../support/browser';

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
    // Hydrated (the enhancement arrives after the first paint): links are client-side from now.
    await page.waitForFunction(() => document.documentElement.dataset.enhanced === 'true');
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

/** A voice sent the way a form post does it; returns the tracking path. */
async function sendVoiceOverHttp(title: string, body = '公園のベンチが壊れています。'): Promise<string> {
  const page = await (await fetch(`${baseUrl}/send`)).text();
  const key = page.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
  const response = await fetch(`${baseUrl}/send`, {
    method: 'POST', redirect: 'manual',
    body: new URLSearchParams({ idempotencyKey: key, kind: 'request', title, body, contactMode: 'anonymous' }),
  });
  expect(response.status).toBe(302);
  return response.headers.get('location')!.replace('?new=1', '');
}

describe('keeping the tracking link', () => {
  it('copies the link with one button, and mails it to the resident through the outbox', async () => {
    const tracking = await sendVoiceOverHttp('リンクの保存');
    const ctx = await phone();
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const page = await ctx.newPage();
    await page.goto(`${baseUrl}${tracking}?new=1`);
    await page.waitForSelector('.copy-link button');
    await page.click('.copy-link button');
    await page.waitForFunction(() => document.querySelector('.copy-link__status')?.textContent !== '');
    expect(await page.textContent('.copy-link__status')).toBe('リンクをコピーしました。');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseUrl}${tracking}`);

    await page.fill('#mail-link-email', 'me@example.jp');
    await Promise.all([page.waitForURL(/\?mailed=1#link-tools$/), page.click('.mail-link-form button[type="submit"]')]);
    expect(await page.textContent('.link-tools p.notice[role="status"]')).toContain('リンクをお送りします');
    await ctx.close();
  });

  it('answers a mistyped or cut-short link with a page that helps, not a bare 404', async () => {
    const tracking = await sendVoiceOverHttp('途中で切れたリンク');
    const ctx = await phone({ javaScript: false });
    const page = await ctx.newPage();
    const response = await page.goto(`${baseUrl}${tracking.slice(0, -5)}`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent('main h1')).toBe('このリンクでは声が見つかりません');
    expect(await page.textContent('main')).toContain('リンクが途中で切れているようです');
    expect(await page.textContent('main')).toContain('0123-45-6789');
    await ctx.close();
  });
});

describe('adding to one\'s voice from the tracking page', () => {
  it('works without JavaScript: the text lands in the timeline', async () => {
    const tracking = await sendVoiceOverHttp('書き足しの確認');
    const ctx = await phone({ javaScript: false });
    const page = await ctx.newPage();
    await page.goto(`${baseUrl}${tracking}`);
    await page.fill('#resident-note', '夜になると特に見えにくいです。');
    await Promise.all([page.waitForURL(/\?added=1#add-title$/), page.click('.resident-note-form button[type="submit"]')]);
    expect(await page.textContent('section[aria-labelledby="add-title"] [role="status"]')).toContain('書き足した内容を受け付けました');
    expect(await page.textContent('.timeline')).toContain('あなたが書き足しました');
    expect(await page.textContent('.timeline')).toContain('夜になると特に見えにくいです。');
    await ctx.close();
  });
});

describe('language marking in English mode', () => {
  it('marks the Japanese a resident or the staff wrote with lang="ja"', async () => {
    const tracking = await sendVoiceOverHttp('街灯が消えています', '三丁目の街灯が一週間消えたままです。');
    const ctx = await phone({ language: 'en', javaScript: false });
    const page = await ctx.newPage();
    await page.goto(`${baseUrl}${tracking}`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getAttribute('.voice-title', 'lang')).toBe('ja');
    expect(await page.getAttribute('.voice-body', 'lang')).toBe('ja');
    await page.goto(`${baseUrl}/voices`);
    const titles = await page.$$eval('.card-title', (nodes) => nodes.map((n) => [n.getAttribute('lang'), n.textContent]));
    expect(titles.length).toBeGreaterThan(0);
    for (const [lang, text] of titles) expect(lang, text ?? '').toBe(/[ぁ-んァ-ヶ一-龠]/.test(text ?? '') ? 'ja' : 'en');
    await ctx.close();
  });
});

describe('plain words and small screens', () => {
  it('speaks of improvements without 是正処置 or record numbers, and of reply times without percentiles', async () => {
    const ctx = await phone({ javaScript: false });
    const page = await ctx.newPage();
    for (const path of ['/improvements', '/statistics']) {
      await page.goto(`${baseUrl}${path}`);
      const text = (await page.textContent('main'))!;
      for (const word of ['是正処置', '予防処置', 'パーセンタイル', '中央値']) expect(text, `${path}: ${word}`).not.toContain(word);
      expect(text, path).not.toMatch(/IR-\d{4}-\d{3}/);
    }
    await page.goto(`${baseUrl}/improvements`);
    const improvement = await page.getAttribute('.improvement-list .card-title a', 'href');
    await page.goto(`${baseUrl}${improvement}`);
    expect(await page.textContent('main')).not.toMatch(/IR-\d{4}-\d{3}|是正処置/);
    await ctx.close();
  });

  it('shows /statistics at 320 px without sideways scrolling, each figure beside its name, with a chart', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const page = await ctx.newPage();
    await page.goto(`${baseUrl}/statistics`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(await page.isVisible('figure.public-chart svg[role="img"]')).toBe(true);
    // Every cell fits inside the screen, with its column's name shown before the figure.
    const cells = await page.$$eval('.figure-table--stack td', (nodes) => nodes.map((n) => {
      const box = n.getBoundingClientRect();
      return { right: box.right, label: getComputedStyle(n, '::before').content };
    }));
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      expect(cell.right).toBeLessThanOrEqual(320);
      expect(cell.label).not.toBe('none');
    }
    await ctx.close();
  });
});

describe('axe on the pages this path added or changed', () => {
  for (const language of ['ja', 'en'] as const) {
    it(`finds nothing in ${language} at 375 px`, async () => {
      const tracking = await sendVoiceOverHttp('axeの確認');
      const ctx = await browser.newContext({ viewport: { width: 375, height: 740 }, bypassCSP: true });
      if (language === 'en') await ctx.addCookies([{ name: 'meyasu_lang', value: 'en', url: baseUrl }]);
      const page = await ctx.newPage();
      for (const path of ['/', '/send', `${tracking}?new=1`, tracking, '/track/not-a-real-link', '/accessibility', '/improvements', '/statistics']) {
        await page.goto(`${baseUrl}${path}`);
        await expectNoAxeViolations(page, `${path} (${language})`);
      }
      // The send form with "give my name" open and its errors, and the note form's error.
      await page.goto(`${baseUrl}/send`);
      await page.check('#voice-contactMode-named');
      await page.click('form.voice-form button[type="submit"]');
      await page.waitForSelector('[data-field-error]');
      await expectNoAxeViolations(page, `send, named, with errors (${language})`);
      await page.goto(`${baseUrl}${tracking}`);
      await page.click('.resident-note-form button[type="submit"]');
      await page.waitForSelector('#resident-note-error');
      await expectNoAxeViolations(page, `note with an error (${language})`);
      await ctx.close();
    });
  }
});
