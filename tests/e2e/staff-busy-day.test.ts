import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser, signInAsStaff } from '../support/browser';
import triageJa from '../../app/i18n/locales/ja/triage.json';
import staffJa from '../../app/i18n/locales/ja/staff.json';

// The staff screens on a busy day, in Chromium against `npm start` at 1280×800 (a city
// hall's usual screen): the inbox shows at least ten voices before any scrolling, for the
// reform team and for a 課 manager; two filters show as two chips, each removable; the mayor
// reviews five voices in a row with the shortcuts alone (never firing while typing); the
// voice page keeps what the voice says in view beside the work. Every page passes axe in
// Japanese and English.

const baseUrl = inject('baseUrl');
const logins = inject('demoLogins');
const login = (role: string) => {
  const found = logins.find((l) => l.role === role);
  if (!found) throw new Error(`no demo login for ${role}`);
  return found;
};

const DESKTOP = { width: 1280, height: 800 };

/** Rows of the inbox wholly inside the window, without scrolling. */
function rowsInView(page: Page): Promise<number> {
  return page.evaluate(() => [...document.querySelectorAll('.inbox-table tbody tr')]
    .filter((row) => {
      const box = row.getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
    }).length);
}

/** Waits until the page's keyboard shortcuts are live (the page has hydrated). */
async function shortcutsReady(page: Page) {
  await page.waitForSelector('.shortcuts-open[data-shortcuts="ready"]');
}

async function inBothLanguages(context: BrowserContext, page: Page, label: string, check?: () => Promise<void>) {
  for (const language of ['ja', 'en'] as const) {
    await context.addCookies([{ name: 'meyasu_lang', value: language, url: baseUrl }]);
    await page.reload();
    expect(await page.getAttribute('html', 'lang')).toBe(language);
    await expectNoAxeViolations(page, `${label} (${language})`);
    await check?.();
  }
  await context.addCookies([{ name: 'meyasu_lang', value: 'ja', url: baseUrl }]);
  await page.reload();
  if (await page.locator('.shortcuts-open').count()) await shortcutsReady(page);
}

describe('staff screens for a busy day (1280×800)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  async function signedIn(role: string, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await signInAsStaff(page, baseUrl, login(role));
    return { context, page };
  }

  it('shows at least ten voices above the fold to the reform team and to a 課 manager, and fits 1024 px', async () => {
    const reform = await signedIn('reform');
    await reform.page.goto(`${baseUrl}/staff/inbox`);
    expect(await reform.page.locator('.inbox-table tbody tr').count()).toBeGreaterThanOrEqual(10);
    expect(await rowsInView(reform.page), 'voices visible without scrolling (reform team)').toBeGreaterThanOrEqual(10);
    // The figures that need attention and the views with their counts are in sight too.
    for (const selector of ['.inbox-figures', '.view-tabs', '#filter-q']) expect(await reform.page.isVisible(selector), selector).toBe(true);
    await expect.poll(() => reform.page.locator('.view-tabs a[aria-current="page"] .view-tabs__count').textContent()).toMatch(/^\d+$/);
    await inBothLanguages(reform.context, reform.page, 'inbox, reform team', async () => {
      expect(await rowsInView(reform.page)).toBeGreaterThanOrEqual(10);
    });

    // A busy day for 市民課: the reform team routes voices from other 課 there in one go.
    const rows = reform.page.locator('.inbox-table tbody tr');
    let ticked = 0;
    for (let i = 0; i < (await rows.count()) && ticked < 9; i += 1) {
      const cells = await rows.nth(i).locator('td').allTextContents();
      if (cells.some((c) => c.trim() === '市民課')) continue;
      await rows.nth(i).locator('input[name="ids"]').check();
      ticked += 1;
    }
    expect(ticked).toBe(9);
    await reform.page.selectOption('#bulk-department', { label: '市民課' });
    await reform.page.click('button[name="intent"][value="route"]');
    await reform.page.waitForSelector('.notice--success');
    await reform.context.close();

    const manager = await signedIn('manager');
    await manager.page.goto(`${baseUrl}/staff/inbox`);
    expect(await manager.page.locator('.inbox-table tbody tr').count()).toBeGreaterThanOrEqual(10);
    expect(await rowsInView(manager.page), 'voices visible without scrolling (課 manager)').toBeGreaterThanOrEqual(10);
    await inBothLanguages(manager.context, manager.page, 'inbox, 課 manager', async () => {
      expect(await rowsInView(manager.page)).toBeGreaterThanOrEqual(10);
    });

    // At 1024 px the list still fits the window: no sideways scrolling of the page or the table.
    await manager.page.setViewportSize({ width: 1024, height: 768 });
    const overflow = await manager.page.evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      table: (() => { const wrap = document.querySelector('.table-wrap')!; return wrap.scrollWidth - wrap.clientWidth; })(),
    }));
    expect(overflow).toEqual({ page: 0, table: 0 });
    expect(await rowsInView(manager.page)).toBeGreaterThanOrEqual(10);

    // The voice page: what the voice says stays in view while the person scrolls through the work.
    await manager.page.setViewportSize(DESKTOP);
    const receipt = (await manager.page.locator('.inbox-table__open').first().textContent())!.trim();
    await manager.page.goto(`${baseUrl}/staff/voices/${receipt}`);
    await manager.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const title = await manager.page.evaluate(() => {
      const box = document.querySelector('#voice-title')!.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom };
    });
    expect(title.top, 'the voice stays in view (sticky) after scrolling').toBeGreaterThanOrEqual(0);
    expect(title.bottom).toBeLessThanOrEqual(DESKTOP.height);
    // Each group of actions is one line until it is used.
    const folded = manager.page.locator('.panel--fold > details:not([open])');
    expect(await folded.count()).toBeGreaterThan(0);
    for (const height of await folded.evaluateAll((list) => list.map((d) => d.getBoundingClientRect().height))) expect(height).toBeLessThan(60);
    await inBothLanguages(manager.context, manager.page, 'voice page, 課 manager');
    await manager.context.close();
  });

  it('shows two filters as two chips, each removable, and keeps them when sorting by a header', async () => {
    const { context, page } = await signedIn('reform');
    await page.goto(`${baseUrl}/staff/inbox`);
    await page.click('.inbox-more > summary');
    await page.selectOption('#filter-kind', 'request');
    await page.check('#filter-unreviewed');
    await Promise.all([page.waitForURL(/kind=request/), page.click('.inbox-more button[type="submit"]')]);
    const chips = page.locator('.filter-chips .chip');
    await expect.poll(() => chips.count()).toBe(2);
    const labels = (await chips.allTextContents()).join(' | ');
    expect(labels).toContain(`${triageJa.form.kind}: 要望`);
    expect(labels).toContain(triageJa.inbox.flag.unreviewed);
    expect(new URL(page.url()).searchParams.get('unreviewed')).toBe('1');
    await inBothLanguages(context, page, 'inbox with two filters as chips', async () => {
      expect(await chips.count()).toBe(2);
    });

    // Sorting by a header keeps both filters.
    await Promise.all([page.waitForURL(/sort=due/), page.click('th a.sort-link:has-text("回答目標日")')]);
    await expect.poll(() => page.getAttribute('th:has(a.sort-link:has-text("回答目標日"))', 'aria-sort')).toBe('ascending');
    expect(await chips.count()).toBe(2);

    // The chip of the kind removes the kind and nothing else; then the other one.
    await Promise.all([page.waitForURL((url) => !url.searchParams.has('kind')), chips.filter({ hasText: '要望' }).click()]);
    await expect.poll(() => chips.count()).toBe(1);
    const url = new URL(page.url());
    expect(url.searchParams.get('unreviewed')).toBe('1');
    expect(url.searchParams.get('sort')).toBe('due');
    await Promise.all([page.waitForURL((u) => !u.searchParams.has('unreviewed')), chips.first().click()]);
    await expect.poll(() => chips.count()).toBe(0);
    await context.close();
  });

  it('lets the mayor review five voices in a row with the shortcuts alone, which never fire while typing', async () => {
    const { context, page } = await signedIn('mayor');
    await page.goto(`${baseUrl}/staff/inbox?unreviewed=1`);
    await shortcutsReady(page);
    const figure = page.locator('.inbox-figures a').nth(1);
    const unreviewed = async () => Number(/\d+/.exec((await figure.textContent()) ?? '')?.[0]);
    const before = await unreviewed();
    expect(before).toBeGreaterThanOrEqual(5);

    // "?" lists the shortcuts in a dialog; Escape closes it.
    await page.keyboard.press('?');
    await page.waitForSelector('dialog.shortcuts-dialog[open]');
    expect(await page.textContent('dialog.shortcuts-dialog')).toContain(staffJa.shortcuts.markReviewed);
    await expectNoAxeViolations(page, 'shortcuts help (ja)');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog.shortcuts-dialog[open]').count()).toBe(0);

    // "/" goes to the search field, where j and r are only letters.
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter-q');
    await page.keyboard.type('jr');
    expect(await page.inputValue('#filter-q')).toBe('jr');
    expect(await page.locator('.notice').count()).toBe(0);
    expect(await page.locator('tr.is-current').count()).toBe(0);
    await page.fill('#filter-q', '');
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());

    // j selects the first voice; r marks it reviewed and the next one takes its place.
    await page.keyboard.press('j');
    const reviewed: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const current = page.locator('tr.is-current .inbox-table__open');
      await expect.poll(() => current.count()).toBe(1);
      const receipt = (await current.textContent())!.trim();
      expect(reviewed).not.toContain(receipt);
      await page.keyboard.press('r');
      const notice = page.locator(`.notice--success:has-text("${receipt}")`);
      await notice.waitFor();
      // The answer takes the focus, so a screen reader reads it and the keys go on from there.
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('notice'))).toBe(true);
      await expect.poll(() => page.locator('.inbox-table__open', { hasText: receipt }).count()).toBe(0);
      reviewed.push(receipt);
    }
    await expect.poll(unreviewed).toBe(before - 5);

    // The reviewed voices say so on their pages; o opens the selected voice, j walks the list, u goes back.
    await page.goto(`${baseUrl}/staff/inbox`);
    await shortcutsReady(page);
    for (const receipt of reviewed) {
      const row = page.locator('tr', { has: page.locator('.inbox-table__open', { hasText: receipt }) });
      expect(await row.locator('td').nth(8).textContent()).toBe(triageJa.inbox.reviewedCellYes);
    }
    await page.keyboard.press('j');
    const first = (await page.locator('tr.is-current .inbox-table__open').textContent())!.trim();
    const second = (await page.locator('.inbox-table__open').nth(1).textContent())!.trim();
    await Promise.all([page.waitForURL(`${baseUrl}/staff/voices/${first}`), page.keyboard.press('o')]);
    await page.waitForSelector('.workspace__position');
    await shortcutsReady(page);
    await Promise.all([page.waitForURL(`${baseUrl}/staff/voices/${second}`), page.keyboard.press('j')]);
    await inBothLanguages(context, page, 'voice page, mayor');
    await Promise.all([page.waitForURL(`${baseUrl}/staff/inbox`), page.keyboard.press('u')]);

    // In the mayor's reading queue r reviews the voice shown, and the next one takes its place.
    await page.goto(`${baseUrl}/staff/mayor`);
    await shortcutsReady(page);
    const shown = (await page.textContent('.mayor-reading .eyebrow'))!;
    await page.keyboard.press('r');
    await page.waitForSelector(`.notice--success:has-text("${triageJa.done.reviewed}")`);
    await expect.poll(() => page.textContent('.mayor-reading .eyebrow')).not.toBe(shown);
    await inBothLanguages(context, page, 'mayor queue');
    await context.close();
  });
});
