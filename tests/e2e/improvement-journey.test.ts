import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser, signInAsStaff } from '../support/browser';

// Acceptance point 2 of issue 6, in Chromium against the real `npm start`: a resident sends a
// voice (with an email, consenting to publication) and keeps the tracking link; the reform
// team opens a record from it, plans, adds and completes an action, records the effectiveness
// review and closes; the resident's tracking page then shows what changed, the outbox holds
// the resident's mail, and the public improvements page lists the record. The improvement
// screens pass axe in Japanese on the way.

describe('from a voice to a closed improvement, in the browser', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const reform = inject('demoLogins').find((l) => l.role === 'reform')!;
  const email = `kaizen-${Date.now()}@example.net`;
  const title = `図書館の返却ポストが夜に使えません ${Date.now() % 100000}`;
  const summaryJa = '図書館の返却ポストを24時間使えるようにしました。';

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  async function signInAsReform(page: Page) {
    await signInAsStaff(page, baseUrl, reform);
  }

  /** Posts one of the record page's forms and waits until the page shows the result. */
  async function submit(page: Page, intent: string, until: string, scope = 'main') {
    await page.click(`${scope} button[name="intent"][value="${intent}"]`);
    await page.waitForSelector(until);
  }

  it('opens, carries out and closes a record from a resident\'s voice; the resident, the outbox and the public page show it', async () => {
    // The resident sends a voice with an email and consent to publish, and keeps the tracking link.
    const resident = await browser.newPage();
    await resident.goto(`${baseUrl}/send`);
    await resident.check('#voice-kind-request');
    await resident.fill('#voice-title', title);
    await resident.fill('#voice-body', '仕事帰りに本を返したいのですが、夜は返却ポストが閉まっています。');
    await resident.check('#voice-contactMode-named');
    await resident.fill('#voice-familyName', '改善');
    await resident.fill('#voice-givenName', '花子');
    await resident.fill('#voice-email', email);
    await resident.check('#voice-consentToPublish');
    await Promise.all([resident.waitForURL(/\/track\/[A-Za-z0-9_-]{43}\?new=1$/), resident.click('form.voice-form button[type="submit"]')]);
    const trackingUrl = resident.url().replace('?new=1', '');
    const receiptNumber = (await resident.textContent('.receipt-number'))!.trim();
    expect(receiptNumber).toMatch(/^\d{4}-\d{6}$/);

    // The reform team opens a record from the voice.
    const staff = await browser.newPage();
    await signInAsReform(staff);
    await staff.goto(`${baseUrl}/staff/improvements`);
    expect(await staff.textContent('h1')).toBe('改善記録');
    await expectNoAxeViolations(staff, 'improvement board (ja)');
    await staff.goto(`${baseUrl}/staff/improvements?view=list&stage=closed`);
    await expectNoAxeViolations(staff, 'improvement list (ja)');

    await staff.goto(`${baseUrl}/staff/improvements/new?voice=${receiptNumber}`);
    expect(await staff.textContent('main')).toContain(title);
    await expectNoAxeViolations(staff, 'open a record (ja)');
    // JavaScript on: the schema answers in the browser first.
    await staff.fill('input[name="title"]', '');
    await staff.click('main button[name="intent"][value="open"]');
    await staff.waitForSelector('.field__error');
    await expectNoAxeViolations(staff, 'open a record with errors (ja)');
    await staff.fill('input[name="title"]', '図書館の返却ポストの夜間閉鎖');
    await staff.selectOption('select[name="level"]', 'operations');
    await staff.selectOption('select[name="ownerDepartmentId"]', { label: '生涯学習課' });
    await Promise.all([staff.waitForURL(/\/staff\/improvements\/IR-\d{4}-\d{3}\?done=open/), staff.click('main button[name="intent"][value="open"]')]);
    const number = /IR-\d{4}-\d{3}/.exec(staff.url())![0];
    expect(await staff.textContent('main')).toContain(receiptNumber);
    await expectNoAxeViolations(staff, 'improvement record in PLAN (ja)');

    // PLAN: cause analysis and an action with owner and due date; then DO.
    await staff.fill('textarea[name="causeAnalysis"]', 'なぜ：返却ポストが閉館と同時に施錠される → 盗難対策の古い規則が残っていた。');
    await submit(staff, 'plan', 'text=計画（PLAN）の内容を保存しました。');
    await staff.fill('#ir-add-description', '返却ポストを24時間利用できる構造に交換する');
    await staff.fill('#ir-add-due', '2026-12-15');
    await submit(staff, 'addAction', '.ir-action');
    await staff.click('form:has(input[name="to"][value="do"]) button');
    await staff.waitForSelector('.ir-stage[data-stage="do"]');

    // DO: complete the action with its evidence; then CHECK.
    await staff.fill('textarea[name="evidence"]', '交換工事の完了写真と施設管理台帳');
    await submit(staff, 'completeAction', '.ir-action--done');
    await staff.click('form:has(input[name="to"][value="check"]) button');
    await staff.waitForSelector('.ir-stage[data-stage="check"]');

    // CHECK: the effectiveness review; then ACT.
    await staff.selectOption('select[name="result"]', 'effective');
    await staff.fill('#ir-review-evidence', '夜間の返却 月120冊。同じ声は0件。');
    await submit(staff, 'review', 'text=有効性の評価を記録しました。');
    await staff.click('form:has(input[name="to"][value="act"]) button');
    await staff.waitForSelector('.ir-stage[data-stage="act"]');

    // Closing too early lists every missing thing.
    await staff.click('form:has(input[name="to"][value="closed"]) button');
    await staff.waitForSelector('.refusal-list');
    const refusals = await staff.textContent('.refusal-list');
    expect(refusals).toContain('標準化（業務手順書の改訂など）、または不要な理由が記録されていません。');
    expect(refusals).toContain('市民の声が紐づいているため、公開用の改善内容（日本語）が必要です。');
    await expectNoAxeViolations(staff, 'improvement record in ACT with a refusal (ja)');

    // ACT: standardise, write the public summary, close.
    await staff.fill('textarea[name="standardisation"]', '図書館運営マニュアル 第5版に返却ポストの運用を追記');
    await staff.fill('textarea[name="publicSummaryJa"]', summaryJa);
    await staff.fill('textarea[name="publicSummary:en"]', 'The library return box can now be used 24 hours a day.');
    await submit(staff, 'act', 'text=標準化・公開内容を保存しました。');
    await staff.click('form:has(input[name="to"][value="closed"]) button');
    await staff.waitForSelector('.ir-stage[data-stage="closed"]');
    await expectNoAxeViolations(staff, 'closed improvement record (ja)');

    // The resident's tracking page shows what changed.
    await resident.goto(trackingUrl);
    expect(await resident.textContent('#improvements-title')).toBe('この声から生まれた改善');
    expect(await resident.textContent('.track-improvements')).toContain(summaryJa);

    // The outbox holds the resident's mail (address masked in the list, whole on the message page).
    await staff.goto(`${baseUrl}/staff/outbox`);
    // (The list names the template; matched by its label or, untranslated, its id.)
    const rows = staff.locator('tbody tr', { hasText: /改善のお知らせ|improvement_completed/ }).filter({ hasText: 'k***@example.net' });
    expect(await rows.count(), (await staff.textContent('main')) ?? '').toBeGreaterThan(0);
    await staff.goto(`${baseUrl}${await rows.first().locator('a').first().getAttribute('href')}`);
    expect(await staff.textContent('main')).toContain(email);
    expect(await staff.textContent('main')).toContain(summaryJa);

    // The public improvements page lists it, and its page says what changed.
    const visitor = await browser.newPage();
    await visitor.goto(`${baseUrl}/improvements`);
    const listed = visitor.locator('.improvement-list li', { hasText: '図書館の返却ポストの夜間閉鎖' });
    expect(await listed.textContent()).toContain(summaryJa);
    await expectNoAxeViolations(visitor, 'public improvements (ja)');
    await visitor.goto(`${baseUrl}/improvements/${number}`);
    expect(await visitor.textContent('h1')).toBe('図書館の返却ポストの夜間閉鎖');
    expect(await visitor.textContent('main')).not.toContain(email);
    await expectNoAxeViolations(visitor, 'public improvement detail (ja)');
    await Promise.all([resident.close(), staff.close(), visitor.close()]);
  }, 240_000);

  it('passes axe on the 職員目安箱 and audit findings pages, and sends a suggestion with JavaScript off', async () => {
    const staff = await browser.newPage();
    await signInAsReform(staff);
    await staff.goto(`${baseUrl}/staff/staff-box`);
    expect(await staff.textContent('h1')).toBe('職員目安箱');
    await expectNoAxeViolations(staff, 'staff suggestion box (ja)');
    await staff.goto(`${baseUrl}/staff/audit-findings`);
    expect(await staff.textContent('h1')).toBe('内部監査の所見');
    await expectNoAxeViolations(staff, 'audit findings (ja)');
    await staff.close();

    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await signInAsReform(plain);
    await plain.goto(`${baseUrl}/staff/staff-box`);
    await plain.fill('input[name="title"]', '会議資料をペーパーレスに');
    await plain.fill('textarea[name="body"]', '毎週の課内会議の資料を画面共有にすれば印刷が減ります。');
    await Promise.all([plain.waitForURL(`${baseUrl}/staff/staff-box?sent=1`), plain.click('main button[name="intent"][value="suggest"]')]);
    expect(await plain.textContent('main')).toContain('会議資料をペーパーレスに');
    await context.close();
  }, 120_000);
});
