import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fiscalYearOf } from '../../app/domain/fiscal-year';
import { expectNoAxeViolations, launchBrowser } from '../support/browser';

// The analytics pages in Chromium: accessible (axe) in Japanese, and the management review
// printed to an A4 PDF by Chromium itself with no table row cut across two pages and the
// table's header row repeated on every page the table runs onto (acceptance 3 of issue 8).
//
// How the print check works, and how it fails: the reform team records an earlier review
// with 24 long decisions, so the new report's "earlier decisions" table runs over several
// pages in rows of 6–8 lines each. Each decision starts with ROWnnA and ends with ROWnnZ.
// `pdftotext` (poppler-utils) splits the PDF into pages; a row is whole when both of its
// markers are on the same page. Without `tr { break-inside: avoid }` Chromium splits rows at
// the page end — the test proves it can see that by printing once more with the rule
// switched off and expecting split rows.

const A4_CONTENT_WIDTH_PX = Math.floor(((210 - 2 * 12) / 25.4) * 96); // report.css: @page margin 15mm 12mm
const ROWS = 24;
const ROW_TEXT = '窓口の待ち時間を短くするため、番号札の発券機を更新し、混雑する月曜日の午前に応援の職員を配置する。'
  + '効果は三か月後に窓口アンケートの「速さ」の平均と、待ち時間の苦情の件数で確かめ、結果を次のレビューに報告する。';
const marker = (n: number, end: 'A' | 'Z') => `ROW${String(n).padStart(2, '0')}${end}`;

function pdfPages(pdf: Buffer, dir: string, name: string): string[] {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  if (process.env.KEEP_PDF) writeFileSync(path.join(process.env.KEEP_PDF, `${name}.pdf`), pdf);
  try {
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f');
  } catch (error) {
    throw new Error(`pdftotext could not read the PDF (is poppler-utils installed? apt-get install poppler-utils): ${String(error)}`);
  }
}

/** Rows whose first and last words are on different pages, and the pages each row touches. */
function splitRows(pages: string[]) {
  const pageOf = (word: string) => pages.findIndex((p) => p.includes(word));
  const rows = Array.from({ length: ROWS }, (_, i) => ({ row: i + 1, start: pageOf(marker(i + 1, 'A')), end: pageOf(marker(i + 1, 'Z')) }));
  return { rows, split: rows.filter((r) => r.start !== r.end) };
}

describe('analytics pages and the printed management review in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  const baseUrl = inject('baseUrl');
  const reform = inject('demoLogins').find((l) => l.role === 'reform')!;

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = mkdtempSync(path.join(tmpdir(), 'meyasu-print-'));
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(`${baseUrl}/staff/login`);
    await page.fill('input[name="email"]', reform.email);
    await page.fill('input[name="password"]', reform.password);
    await page.click('main button[type="submit"]');
    await page.waitForURL(`${baseUrl}/staff`);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the dashboard, the 発生状況まとめ, the review and the public statistics, accessible in Japanese', async () => {
    await page.goto(`${baseUrl}/staff/analytics`);
    expect(await page.textContent('h1')).toBe('集計ダッシュボード');
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(4);
    await expectNoAxeViolations(page, 'analytics dashboard (ja)');

    // The period form (GET) changes what is shown; a wrong period is explained, not a crash.
    await page.fill('#period-from', '2026-04-01');
    await page.fill('#period-to', '2026-06-30');
    await page.locator('#period-to').evaluate((input) => (input as HTMLInputElement).form!.requestSubmit());
    await page.waitForSelector('.analytics-period:has-text("2026-04-01 〜 2026-06-30")');
    expect(page.url()).toContain('from=2026-04-01&to=2026-06-30');

    await page.goto(`${baseUrl}/staff/analytics/findings`);
    expect(await page.textContent('h1')).toBe('発生状況まとめ');
    await expectNoAxeViolations(page, 'finding table (ja)');

    await page.goto(`${baseUrl}/staff/analytics/review`);
    expect(await page.textContent('h1')).toBe('マネジメントレビュー');
    await expectNoAxeViolations(page, 'management review (ja)');

    await page.goto(`${baseUrl}/staff/analytics/reviews/new`);
    await expectNoAxeViolations(page, 'record a review (ja)');

    const resident = await browser.newPage();
    await resident.goto(`${baseUrl}/statistics`);
    expect(await resident.textContent('h1')).toBe('市民の声の統計');
    await expectNoAxeViolations(resident, 'public statistics (ja)');
    await resident.close();
  });

  it('prints the management review on A4 with no table row cut across pages and the header row repeated', async () => {
    // An earlier review (last 年度) with long decisions: their table in this year's report spans pages.
    const fiscalYear = fiscalYearOf(new Date());
    await page.goto(`${baseUrl}/staff/analytics/reviews/new?fy=${fiscalYear - 1}`);
    await page.fill('input[name="title"]', `${fiscalYear - 1}年度 マネジメントレビュー（印刷試験）`);
    await page.click('main form button[type="submit"]');
    await page.waitForURL(/\/staff\/analytics\/reviews\/\d+\?saved=1$/);
    const reviewPath = new URL(page.url()).pathname;
    const added = await page.evaluate(async ({ reviewPath, rows, text }) => {
      let ok = 0;
      for (let i = 1; i <= rows; i++) {
        const n = String(i).padStart(2, '0');
        const body = new URLSearchParams({ decision: `ROW${n}A ${text}（${n}） ROW${n}Z` });
        const response = await fetch(reviewPath, { method: 'POST', body });
        if (response.ok) ok += 1;
      }
      return ok;
    }, { reviewPath, rows: ROWS, text: ROW_TEXT });
    expect(added).toBe(ROWS);

    await page.goto(`${baseUrl}/staff/analytics/review?fy=${fiscalYear}`);
    expect(await page.locator('#earlier-title + .table-wrap tbody tr').count()).toBe(ROWS);

    // The print rules are the ones in effect (print media, at the width of the A4 content box),
    // and no table is wider than the page.
    await page.setViewportSize({ width: A4_CONTENT_WIDTH_PX, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const tables = [...document.querySelectorAll<HTMLTableElement>('main table')];
      return {
        tables: tables.length,
        rowsAvoidBreaks: [...document.querySelectorAll('main tr')].every((tr) => getComputedStyle(tr).breakInside === 'avoid'),
        headersRepeat: tables.every((t) => !t.tHead || getComputedStyle(t.tHead).display === 'table-header-group'),
        tooWide: tables.filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((t) => t.caption?.textContent ?? t.className),
        navigationHidden: getComputedStyle(document.querySelector('.staff-header')!).display === 'none' && getComputedStyle(document.querySelector('.period-filter')!).display === 'none',
      };
    });
    expect(printed).toEqual({ tables: expect.any(Number), rowsAvoidBreaks: true, headersRepeat: true, tooWide: [], navigationHidden: true });
    expect(printed.tables).toBeGreaterThan(10);

    // Chromium's own print to PDF, A4 from the stylesheet's @page.
    const pages = pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }), dir, 'review');
    const { rows, split } = splitRows(pages);
    expect(rows.every((r) => r.start >= 0 && r.end >= 0), 'every decision is in the PDF').toBe(true);
    const touched = [...new Set(rows.map((r) => r.start))];
    expect(touched.length, 'the decisions table runs over more than one page').toBeGreaterThan(1);
    expect(split, 'rows cut across two pages').toEqual([]);
    // The header row is repeated on every page the table runs onto.
    // (pdftotext lays the wrapped header cells out over several lines: its first cell, 決定事項,
    // is the table's only text above the first row on a continuation page.)
    for (const p of touched) {
      const firstRow = rows.find((r) => r.start === p)!;
      const above = pages[p]!.slice(0, pages[p]!.indexOf(marker(firstRow.row, 'A')));
      expect(above, `header row above ${marker(firstRow.row, 'A')} on page ${p + 1}`).toContain('決定事項');
    }
    // Every section of the report made it to paper.
    const all = pages.join('\n');
    for (const heading of ['前回までの決定事項の状況', '声の件数', '回答までの日数', '期限超過の未回答', '市長確認', '回答への評価', '窓口アンケート', '改善記録', '監査の指摘', '発生状況まとめ', '改善の機会']) {
      expect(all, heading).toContain(heading);
    }
    expect(all).not.toContain('記録したマネジメントレビュー'); // the screen-only part

    // Control: with the rule switched off Chromium does cut rows, so the check above can fail.
    await page.evaluate(() => {
      const sheet = [...document.styleSheets].find((s) => s.href?.includes('report'))!;
      sheet.insertRule('@media print { tr, th, td { break-inside: auto !important; page-break-inside: auto !important; } }', sheet.cssRules.length);
    });
    const control = splitRows(pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }), dir, 'control'));
    expect(control.split.length, 'rows cut when break-inside is auto (control)').toBeGreaterThan(0);
  });
});
