import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import staffJa from '../../app/i18n/locales/ja/staff.json';
import triageJa from '../../app/i18n/locales/ja/triage.json';
import domainJa from '../../app/i18n/locales/ja/domain.json';

// The reply and its 決裁 with the keyboard alone, in Chromium against `npm start`: 市民課 staff
// sign in, find a new voice through the inbox search, draft the reply from a template and
// submit it for approval; the 課長 signs in, finds it and approves it; the resident's tracking
// page shows the reply. No mouse, no element.click(), no fill(): every control is reached with
// Tab (its focus ring visible) and used with typing, arrow keys, Enter or Space. Only the
// first page of each person is opened by address, and the resident's voice is sent over HTTP
// beforehand (the keyboard run of the send form is in proof-axe.test.ts).

const baseUrl = inject('baseUrl');
const logins = inject('demoLogins');
const login = (role: string) => {
  const found = logins.find((l) => l.role === role);
  if (!found) throw new Error(`no demo login for ${role}`);
  return found;
};

/** The focused element, as a keyboard user meets it. */
interface Focused {
  tag: string;
  /** Its accessible name, roughly: aria-label, else its labels' text, else its own text. */
  label: string;
  /** The intent of the form it belongs to (the value of that form's submit button). */
  formIntent: string | null;
  /** The computed focus indicator: an outline or a box-shadow that is not "none". */
  outline: string;
  boxShadow: string;
}

function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return null;
    const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
    const labels = 'labels' in el ? [...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent).join(' ') : '';
    const form = (el as HTMLInputElement).form ?? el.closest('form');
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      label: squash(el.getAttribute('aria-label')) || squash(labels) || squash(el.textContent),
      formIntent: form?.querySelector<HTMLButtonElement>('button[name="intent"]')?.value ?? null,
      outline: style.outlineStyle === 'none' || style.outlineWidth === '0px' ? 'none' : `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`,
      boxShadow: style.boxShadow,
    };
  });
}

const describeFocus = (f: Focused | null) => (f ? `<${f.tag}> "${f.label.slice(0, 60)}"${f.formIntent ? ` (form ${f.formIntent})` : ''}` : '<body>');

/**
 * Presses Tab until the focused element matches, then checks that its focus is visible.
 * Fails naming what was passed on the way if it is not reached within maxTabs presses.
 */
async function tabTo(page: Page, what: string, matches: (f: Focused) => boolean, maxTabs = 80): Promise<Focused> {
  const passed: string[] = [];
  for (let i = 0; i <= maxTabs; i += 1) {
    const now = await focused(page);
    if (now && matches(now)) {
      expect(now.outline !== 'none' || now.boxShadow !== 'none', `the focus on ${what} is visible (outline or box-shadow)`).toBe(true);
      return now;
    }
    passed.push(describeFocus(now));
    if (i < maxTabs) await page.keyboard.press('Tab');
  }
  throw new Error(`${what} is not reachable with ${maxTabs} presses of Tab; focus went through:\n  ${passed.slice(-15).join('\n  ')}`);
}

const control = (tag: string, label: string, formIntent?: string) => (f: Focused) =>
  f.tag === tag && f.label.includes(label) && (formIntent === undefined || f.formIntent === formIntent);

/** Signs in on the login page: Tab to the fields, type, Tab to the button, Enter. */
async function signInByKeyboard(page: Page, role: string) {
  await page.goto(`${baseUrl}/staff/login`);
  await page.waitForSelector('main form');
  await tabTo(page, 'the email field', control('input', staffJa.login.email));
  await page.keyboard.type(login(role).email);
  await tabTo(page, 'the password field', control('input', staffJa.login.password));
  await page.keyboard.type(login(role).password);
  await tabTo(page, 'the sign-in button', control('button', staffJa.login.submit));
  await Promise.all([page.waitForURL(`${baseUrl}/staff`), page.keyboard.press('Enter')]);
}

/** From the dashboard: the inbox link, a search for the words, and the voice's receipt number. */
async function openVoiceFromInbox(page: Page, words: string, receipt: string) {
  await tabTo(page, 'the inbox link', control('a', staffJa.nav.inbox));
  await Promise.all([page.waitForURL(`${baseUrl}/staff/inbox`), page.keyboard.press('Enter')]);
  await tabTo(page, 'the inbox search field', control('input', triageJa.inbox.search));
  await page.keyboard.type(words);
  await tabTo(page, 'the filter button', control('button', triageJa.inbox.apply));
  await Promise.all([page.waitForURL(/\/staff\/inbox\?.*q=/), page.keyboard.press('Enter')]);
  await tabTo(page, `the link to ${receipt}`, control('a', receipt), 120);
  await Promise.all([page.waitForURL(`${baseUrl}/staff/voices/${receipt}`), page.keyboard.press('Enter')]);
}

/**
 * Waits for the page to say it is done. The notice is a status message (role="status"), so a
 * screen reader announces it, and it takes the focus: the keyboard user lands on what
 * happened, and the next Tab goes on from there (the notice sits above the voice and its work).
 */
async function successNotice(page: Page, text: string) {
  const notice = page.locator(`.notice--success:has-text("${text}")`);
  await notice.waitFor();
  expect(await notice.getAttribute('role'), `the notice "${text}" is announced`).toBe('status');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''), { message: `the focus is on the notice "${text}"` }).toContain(text);
}

describe('the reply and its approval (決裁) with the keyboard alone', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  it('staff draft from a template and submit, the 課長 approves, the resident reads the reply', async () => {
    const stamp = Date.now().toString(36);
    const title = `住民票の写しをコンビニで取れる時間を延ばしてほしい（${stamp}）`;
    const added = `コンビニ交付の時間延長は${stamp}から試行します。`;

    // The resident sends the voice under 戸籍・住民票, which routes it to 市民課 at once.
    const sendPage = await (await fetch(`${baseUrl}/send`)).text();
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(sendPage)?.[1];
    const categoryId = /<option value="(\d+)"[^>]*>戸籍・住民票・マイナンバー<\/option>/.exec(sendPage)?.[1];
    expect(key, 'the send form idempotency key').toBeTruthy();
    expect(categoryId, 'the 戸籍・住民票・マイナンバー category on the send form').toBeTruthy();
    const sent = await fetch(`${baseUrl}/send`, {
      method: 'POST', redirect: 'manual',
      body: new URLSearchParams({
        idempotencyKey: key!, kind: 'request', categoryId: categoryId!, title,
        body: '平日は仕事で窓口に行けません。コンビニ交付を夜23時まで使えるようにしてください。', contactMode: 'anonymous',
      }),
    });
    const trackingPath = /\/track\/[A-Za-z0-9_-]{43}/.exec(sent.headers.get('location') ?? '')?.[0];
    expect(trackingPath, 'the redirect to the tracking page').toBeTruthy();
    const trackingHtml = await (await fetch(`${baseUrl}${trackingPath}`)).text();
    const receipt = /class="receipt-number">(\d{4}-\d{6})</.exec(trackingHtml)?.[1];
    expect(receipt, 'the receipt number on the tracking page').toBeTruthy();

    // 市民課 staff: sign in, find the voice, choose a template with the arrow keys, add a line.
    const staffContext = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const staff = await staffContext.newPage();
    await signInByKeyboard(staff, 'staff');
    await openVoiceFromInbox(staff, stamp, receipt!);
    expect(await staff.textContent('.facts')).toContain('市民課');

    await tabTo(staff, 'the template select', control('select', triageJa.reply.template));
    const templateLabel = 'ご意見へのお礼（共通）';
    const optionCount = await staff.locator('select[name="templateId"] option').count();
    for (let i = 0; i < optionCount; i += 1) {
      const chosen = await staff.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
      if (chosen === templateLabel) break;
      await staff.keyboard.press('ArrowDown');
    }
    expect(await staff.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(templateLabel);
    // Choosing the template fills the draft (with JavaScript; without it, 「定型文を使う」 does).
    const draft = staff.locator('form:has(button[value="draft"]) textarea[name="body"]');
    await expect.poll(() => draft.inputValue()).toContain('貴重なご意見をお寄せいただき');

    await tabTo(staff, 'the reply text', control('textarea', triageJa.reply.body, 'draft'));
    await staff.keyboard.press('Control+End');
    await staff.keyboard.type(`\n${added}`);
    expect(await draft.inputValue()).toMatch(new RegExp(`貴重なご意見をお寄せいただき[\\s\\S]*\\n${added}$`));
    await tabTo(staff, 'the save draft button', control('button', triageJa.reply.saveDraft, 'draft'));
    await staff.keyboard.press('Enter');
    await successNotice(staff, triageJa.done.draft);

    // Submit for approval: Tab on from where focus is to 決裁に回す.
    await tabTo(staff, 'the submit for approval button', control('button', triageJa.reply.submit, 'submitReply'));
    await staff.keyboard.press('Enter');
    await successNotice(staff, triageJa.done.submitReply);
    await expect.poll(() => staff.textContent('#replies')).toContain(triageJa.reply.status.awaiting_approval);

    // The 課長: sign in, find the voice, write a comment and approve with Space.
    const managerContext = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const manager = await managerContext.newPage();
    await signInByKeyboard(manager, 'manager');
    await openVoiceFromInbox(manager, stamp, receipt!);
    expect(await manager.textContent('#replies')).toContain(added);
    await tabTo(manager, 'the approval comment', control('textarea', triageJa.reply.approveComment, 'approve'));
    await manager.keyboard.type('確認しました。');
    await tabTo(manager, 'the approve button', control('button', triageJa.reply.approve, 'approve'));
    await manager.keyboard.press('Space');
    await successNotice(manager, triageJa.done.approve);
    await expect.poll(() => manager.textContent('#replies')).toContain(triageJa.reply.status.sent);
    expect(await manager.textContent('.facts')).toContain(domainJa.status.answered);

    // The resident's tracking page shows the answer and the added line.
    const residentContext = await browser.newContext();
    const resident = await residentContext.newPage();
    await resident.goto(`${baseUrl}${trackingPath}`);
    expect(await resident.textContent('.status-now')).toContain(domainJa.status.answered);
    expect(await resident.textContent('.reply-body')).toContain(added);

    for (const c of [staffContext, managerContext, residentContext]) await c.close();
  });
});
