import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser, signInAsStaff } from '../support/browser';

// Acceptance 1 of the triage issue, in Chromium against `npm start`: a resident sends a voice;
// the reform team finds it by a Japanese substring and routes it to 市民課; 市民課 staff
// draft the reply from a template and submit it; the 課長 approves; the reply is on the
// resident's tracking page and in the mail outbox. The inbox, voice, mayor and entry pages
// pass axe in Japanese.

describe('the staff journey from a new voice to a sent reply', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const logins = inject('demoLogins');
  const login = (role: string) => logins.find((l) => l.role === role)!;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  async function signedIn(role: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsStaff(page, baseUrl, login(role));
    return { context, page };
  }

  /** Clicks a submit button and waits for the page to say it is done. */
  async function submitAndWait(page: Page, button: string, done: string) {
    await page.click(button);
    await page.waitForSelector(`.notice--success:has-text("${done}")`);
  }

  it('routes, drafts from a template, approves and sends: tracking page and outbox', async () => {
    const stamp = Date.now().toString(36);
    const title = `図書館の自習室の開館時間を延ばしてほしい（${stamp}）`;

    // The resident sends the voice through the public form and keeps the tracking link.
    const resident = await browser.newContext();
    const residentPage = await resident.newPage();
    await residentPage.goto(`${baseUrl}/send`);
    await residentPage.waitForSelector('form.voice-form[data-enhanced="true"]');
    await residentPage.check('#voice-kind-request');
    await residentPage.fill('#voice-title', title);
    await residentPage.fill('#voice-body', '試験前は自習室がすぐ満席になります。平日の夜も21時まで開けてください。');
    await residentPage.check('#voice-contactMode-named');
    await residentPage.fill('#voice-familyName', '鈴木');
    await residentPage.fill('#voice-givenName', '一郎');
    await residentPage.fill('#voice-email', `ichiro.${stamp}@example.jp`);
    await residentPage.check('#voice-replyWanted');
    await Promise.all([residentPage.waitForURL(/\/track\/[A-Za-z0-9_-]{43}\?new=1$/), residentPage.click('form.voice-form button[type="submit"]')]);
    const trackingUrl = residentPage.url().replace('?new=1', '');
    const receipt = (await residentPage.textContent('.sent-notice .receipt-number'))!.trim();

    // The reform team finds it by a part of a Japanese word and routes it to 市民課.
    const reform = await signedIn('reform');
    await reform.page.goto(`${baseUrl}/staff/inbox`);
    await expectNoAxeViolations(reform.page, 'inbox (ja)');
    await reform.page.fill('#filter-q', '自習室の開館');
    await Promise.all([reform.page.waitForURL(/\/staff\/inbox\?.*q=/), reform.page.click('.inbox-filters button[type="submit"]')]);
    await reform.page.waitForSelector(`.inbox-table a:text-is("${receipt}")`);
    // The address changes before the filtered list arrives (client navigation): wait for the list.
    await expect.poll(() => reform.page.locator('.inbox-table tbody tr').count(), { timeout: 15_000 }).toBe(1);
    await expectNoAxeViolations(reform.page, 'inbox with a search (ja)');
    await Promise.all([reform.page.waitForURL(`${baseUrl}/staff/voices/${receipt}`), reform.page.click(`.inbox-table a:text-is("${receipt}")`)]);
    await expectNoAxeViolations(reform.page, 'voice page, reform team (ja)');
    await reform.page.selectOption('select[name="departmentId"]', { label: '市民課' });
    await submitAndWait(reform.page, 'button[value="route"]', '担当課に振り分けました。');
    await expect.poll(() => reform.page.textContent('.facts')).toContain('市民課');
    await reform.page.goto(`${baseUrl}/staff/voices/new`);
    await expectNoAxeViolations(reform.page, 'entry on behalf (ja)');

    // 市民課 staff draft the reply from a template (the select fills the text) and submit it.
    const staff = await signedIn('staff');
    await staff.page.goto(`${baseUrl}/staff/voices/${receipt}`);
    await staff.page.selectOption('select[name="templateId"]', { label: 'ご意見へのお礼（共通）' });
    const draft = staff.page.locator('form:has(button[value="draft"]) textarea[name="body"]');
    await expect.poll(() => draft.inputValue()).toContain('貴重なご意見をお寄せいただき');
    const replyText = `${await draft.inputValue()}\n自習室の夜間開館は来年度から試行します。`;
    await draft.fill(replyText);
    await submitAndWait(staff.page, 'button[value="draft"]', '回答の下書きを保存しました。');
    await expectNoAxeViolations(staff.page, 'voice page with a draft (ja)');
    await submitAndWait(staff.page, 'button[value="submitReply"]', '決裁に回しました。');
    await expect.poll(() => staff.page.textContent('#replies')).toContain('決裁待ち');

    // The 課長 approves: the reply is sent.
    const manager = await signedIn('manager');
    await manager.page.goto(`${baseUrl}/staff/voices/${receipt}`);
    await expectNoAxeViolations(manager.page, 'voice page awaiting approval (ja)');
    await submitAndWait(manager.page, 'button[value="approve"]', '決裁しました。回答を住民に送信しました。');
    await expect.poll(() => manager.page.textContent('#replies')).toContain('送信済');

    // The resident sees the reply on the tracking page.
    await residentPage.goto(trackingUrl);
    expect(await residentPage.textContent('.status-now')).toContain('回答済');
    expect(await residentPage.textContent('.reply-body')).toContain('自習室の夜間開館は来年度から試行します。');

    // And the reply mail sits in the outbox, addressed to the resident (masked in the list).
    await reform.page.goto(`${baseUrl}/staff/outbox`);
    const rows = reform.page.locator('table tbody tr', { hasText: 'i***@example.jp' });
    const links: string[] = [];
    for (let i = 0; i < Math.min(await rows.count(), 5); i += 1) links.push((await rows.nth(i).locator('a').first().getAttribute('href'))!);
    const bodies: string[] = [];
    for (const href of links) {
      await reform.page.goto(`${baseUrl}${href}`);
      bodies.push((await reform.page.textContent('main')) ?? '');
    }
    const mail = bodies.find((b) => b.includes('自習室の夜間開館は来年度から試行します。'));
    expect(mail, 'the reply mail in the outbox').toBeDefined();
    expect(mail).toContain(receipt);

    for (const c of [resident, reform.context, staff.context, manager.context]) await c.close();
  });

  it('keeps the mayor\'s reading queue calm and accessible, with the count and age always in sight', async () => {
    const mayor = await signedIn('mayor');
    expect(await mayor.page.textContent('.mayor-summary')).toMatch(/未確認の声：\d+ 件/);
    await mayor.page.goto(`${baseUrl}/staff/mayor`);
    await expectNoAxeViolations(mayor.page, 'mayor queue (ja)');
    const first = await mayor.page.textContent('.mayor-reading .eyebrow');
    await mayor.page.click('a[rel="next"]');
    await mayor.page.waitForURL(/position=2/);
    await expect.poll(() => mayor.page.textContent('.mayor-reading .eyebrow')).not.toBe(first);
    await mayor.page.click('a[rel="prev"]');
    await mayor.page.waitForURL(/position=1/);
    await expect.poll(() => mayor.page.textContent('.mayor-reading .eyebrow')).toBe(first);
    await submitAndWait(mayor.page, 'button[value="review"]', '確認済みにしました。');
    // The reviewed voice leaves the queue: the same position shows the next one.
    await expect.poll(() => mayor.page.textContent('.mayor-reading .eyebrow')).not.toBe(first);
    await mayor.context.close();
  });
});
