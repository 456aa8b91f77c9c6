import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowser, signInAsStaff } from '../support/browser';

// Issue 14, acceptance 4, in Chromium: staff of 道路管理課 enter a letter that came with a
// photo (GPS in its Exif), with JavaScript and without; the voice page then shows the photo,
// and the bytes served hold no GPS.

describe('staff attach a resident\'s photo to a voice they enter', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const logins = inject('demoLogins');
  const doro = logins.find((l) => l.role === 'doro-staff')!;
  const work = mkdtempSync(path.join(os.tmpdir(), 'meyasu-e2e-entry-photo-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`enters a letter with its photo ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const title = `手紙：カーブミラーの破損（${javaScriptEnabled ? 'JS' : 'no JS'} ${Date.now().toString(36)}）`;
      const file = path.join(work, `letter-${javaScriptEnabled}.jpg`);
      writeFileSync(file, await sharp({ create: { width: 1000, height: 750, channels: 3, background: '#a86' } })
        .jpeg()
        .withExif({ IFD0: { Make: 'LetterScan' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 39/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '139/1 42/1 0/1' } })
        .toBuffer());

      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await signInAsStaff(page, baseUrl, doro);

      await page.goto(`${baseUrl}/staff/voices/new`);
      await page.selectOption('select[name="channel"]', 'letter');
      await page.selectOption('select[name="kind"]', 'request');
      await page.selectOption('select[name="categoryId"]', { label: '道路・交通安全' });
      await page.fill('input[name="title"]', title);
      await page.fill('textarea[name="body"]', '同封の写真のとおり、交差点のカーブミラーが割れています。');
      await page.setInputFiles('input[name="photos"]', file);
      await page.click('form[enctype="multipart/form-data"] button[type="submit"]');
      const receipt = (await page.locator('.entry-created__receipt').textContent({ timeout: 30_000 }))!.trim();
      expect(receipt).toMatch(/^\d{4}-\d{6}$/);

      await page.goto(`${baseUrl}/staff/voices/${receipt}`);
      const link = page.locator('.voice-photos a');
      await expect.poll(() => link.count()).toBe(1);
      const served = await page.request.get(`${baseUrl}${await link.getAttribute('href')}`);
      expect(served.status()).toBe(200);
      const bytes = await served.body();
      expect((await sharp(bytes).metadata()).exif).toBeUndefined();
      expect(bytes.includes(Buffer.from('LetterScan'))).toBe(false);
      await context.close();
    });
  }
});
