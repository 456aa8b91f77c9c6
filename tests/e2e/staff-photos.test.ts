import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { expectNoAxeViolations, launchBrowser, signInAsStaff } from '../support/browser';

// Issue 14, acceptance 1, in Chromium against `npm start`: a resident sends a voice with a
// phone photo that carries its GPS position; staff of the 課 it is routed to see the photo on
// the voice page, and the bytes they get hold no EXIF; staff of another 課 get 404 for the
// photo's address; a stranger is sent to sign in.

describe("a resident's photo reaches the 課 that acts on it, and nobody else", () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const logins = inject('demoLogins');
  const login = (role: string) => logins.find((l) => l.role === role)!;
  const work = mkdtempSync(path.join(os.tmpdir(), 'meyasu-e2e-photo-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  async function signedIn(role: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsStaff(page, baseUrl, login(role));
    return { context, page };
  }

  it('sends with GPS, shows it without GPS to 道路管理課, 404 to 市民課, sign-in to a stranger', async () => {
    const stamp = Date.now().toString(36);
    const title = `ガードレールが曲がっています（${stamp}）`;
    const jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#6a8' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'MeyasuPhone', Model: 'GPS-E2E' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 39/1 2940/100', GPSLongitudeRef: 'E', GPSLongitude: '139/1 42/1 600/100' },
      })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const file = path.join(work, 'IMG_2041.jpg');
    writeFileSync(file, jpeg);

    // The resident sends the voice (category 道路・交通安全, routed to 道路管理課) with the photo.
    const resident = await browser.newContext();
    const residentPage = await resident.newPage();
    await residentPage.goto(`${baseUrl}/send`);
    await residentPage.waitForSelector('form.voice-form[data-enhanced="true"]');
    await residentPage.check('#voice-kind-request');
    await residentPage.selectOption('#voice-categoryId', { label: '道路・交通安全' });
    await residentPage.fill('#voice-title', title);
    await residentPage.fill('#voice-body', '市役所前の交差点のガードレールが車にぶつけられて曲がっています。写真を添えます。');
    await residentPage.setInputFiles('#voice-photos', file);
    await Promise.all([residentPage.waitForURL(/\/track\/[A-Za-z0-9_-]{43}\?new=1$/), residentPage.click('form.voice-form button[type="submit"]')]);
    const receipt = (await residentPage.textContent('.sent-notice .receipt-number'))!.trim();
    await resident.close();

    // 道路管理課 staff open the voice: one thumbnail with alt text, linking to the full photo.
    const doro = await signedIn('doro-staff');
    await doro.page.goto(`${baseUrl}/staff/voices/${receipt}`);
    const thumbnail = doro.page.locator('.voice-photos img');
    await expect.poll(() => thumbnail.count()).toBe(1);
    expect(await thumbnail.getAttribute('alt')).toBe(`住民の写真 1/1：${title}`);
    // The image really loaded (not a broken-image icon).
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    await expectNoAxeViolations(doro.page, 'voice page with a photo (ja)');

    // Following the link opens the photo; the bytes the browser receives have no EXIF/GPS.
    const photoPath = (await doro.page.locator('.voice-photos a').getAttribute('href'))!;
    expect(photoPath).toMatch(new RegExp(`^/staff/voices/${receipt}/photos/\\d+$`));
    const served = await doro.page.request.get(`${baseUrl}${photoPath}`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('image/jpeg');
    expect(served.headers()['x-content-type-options']).toContain('nosniff');
    expect(served.headers()['cache-control']).toMatch(/^private\b/);
    const bytes = await served.body();
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1200, height: 900 });
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
    expect(bytes.includes(Buffer.from('MeyasuPhone'))).toBe(false);
    const [popup] = await Promise.all([doro.context.waitForEvent('page'), doro.page.click('.voice-photos a')]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(`${baseUrl}${photoPath}`);
    await doro.context.close();

    // 市民課 staff: the same address is a 404, the full photo and the thumbnail alike.
    const shimin = await signedIn('staff');
    for (const url of [photoPath, `${photoPath}?size=thumb`, `/staff/voices/${receipt}`]) {
      const response = await shimin.page.request.get(`${baseUrl}${url}`);
      expect(response.status(), url).toBe(404);
      expect(response.headers()['content-type'] ?? '').not.toMatch(/^image\//);
    }
    await shimin.context.close();

    // A stranger: sent to sign in, never the image.
    const stranger = await browser.newContext();
    const response = await stranger.request.get(`${baseUrl}${photoPath}`, { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers()['location']).toMatch(/^\/staff\/login\?redirectTo=/);
    await stranger.close();
  });
});
