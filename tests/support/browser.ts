import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, expect } from 'vitest';

// Debian's Chromium, started as the machine's notes require (no sandbox as root, no GPU,
// no background networking on a closed network).
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run',
      '--disable-component-update', '--disable-sync'],
  });
  afterAll(() => browser.close());
  return browser;
}

/** Signs in on the staff login page by mouse and waits for the staff home. */
export async function signInAsStaff(page: Page, baseUrl: string, account: { email: string; password: string }) {
  await page.goto(`${baseUrl}/staff/login`);
  await page.fill('input[name="email"]', account.email);
  await page.fill('input[name="password"]', account.password);
  await Promise.all([page.waitForURL(`${baseUrl}/staff`), page.click('main button[type="submit"]')]);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core with the WCAG 2.0/2.1 A and AA rules and fails with the violations listed. */
export async function expectNoAxeViolations(page: Page, label: string) {
  // Evaluated through the DevTools protocol: an injected <script> tag would (rightly) be
  // refused by the page's Content-Security-Policy, which allows only nonce'd scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return (result.violations as { id: string; help: string; nodes: { target: string[] }[] }[])
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  });
  expect(violations, `axe violations on ${label}`).toEqual([]);
}
