import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser, signInAsStaff } from '../support/browser';

// The place of a voice: a resident drops a pin by mouse and another by keyboard alone on /send,
// and staff see both places on the voice page. Tiles come from the local tile server of
// tests/support/global-e2e.ts; any request off this machine fails the test.

const baseUrl = inject('baseUrl');
const tileOrigin = inject('tileOrigin');
const logins = inject('demoLogins');
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
});

/** A page whose requests must all stay on this machine; the returned list collects any that did not. */
async function localPage(): Promise<{ page: Page; offMachine: string[]; tileRequests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  contexts.push(context);
  const offMachine: string[] = [];
  const tileRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== '127.0.0.1' && url.protocol !== 'data:' && url.protocol !== 'blob:') {
      offMachine.push(url.href);
      return route.abort();
    }
    if (url.origin === tileOrigin) tileRequests.push(url.pathname);
    return route.continue();
  });
  return { page: await context.newPage(), offMachine, tileRequests };
}

async function fillVoice(page: Page, title: string) {
  await page.goto(`${baseUrl}/send`);
  await page.waitForSelector('form.voice-form[data-enhanced="true"]');
  await page.check('#voice-kind-request');
  await page.fill('#voice-title', title);
  await page.fill('#voice-body', 'この場所の街灯が切れています。');
}

const pinValue = async (page: Page) => ({
  lat: Number(await page.inputValue('input[name="latitude"]')),
  lng: Number(await page.inputValue('input[name="longitude"]')),
});

async function send(page: Page): Promise<string> {
  await Promise.all([page.waitForURL(/\/track\/[A-Za-z0-9_-]{43}\?new=1$/), page.click('form.voice-form button[type="submit"]')]);
  return (await page.textContent('.sent-notice .receipt-number'))!.trim();
}

describe('choosing the place on a map', () => {
  const sent: { receipt: string; lat: number; lng: number }[] = [];

  it('does not load the map library until the button is pressed; a mouse click drops the pin', async () => {
    const { page, offMachine, tileRequests } = await localPage();
    const scripts: string[] = [];
    page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(r.url()); });
    await fillVoice(page, `地図で選んだ街灯（マウス）${Date.now().toString(36)}`);
    expect(await page.$('.leaflet-container')).toBeNull();
    expect(tileRequests).toEqual([]);
    const beforeOpen = scripts.length;

    await page.click('button:has-text("地図で場所を選ぶ")');
    await page.waitForSelector('.leaflet-container .leaflet-tile-loaded');
    expect(scripts.length).toBeGreaterThan(beforeOpen); // the map's chunks came only now
    expect(tileRequests.length).toBeGreaterThan(0);
    expect(await page.$('input[name="latitude"]')).toBeNull(); // no pin until one is dropped

    const box = (await page.locator('.pin-map').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.3);
    await page.waitForSelector('.pin-map__pin');
    await expect.poll(() => page.textContent('.place-picker__status')).toMatch(/北緯 \d+\.\d{5}、東経 \d+\.\d{5}/);
    const pin = await pinValue(page);
    // Clicked up and to the right of the centre (35.6581, 139.7017).
    expect(pin.lat).toBeGreaterThan(35.6581);
    expect(pin.lng).toBeGreaterThan(139.7017);
    await expectNoAxeViolations(page, '/send with the map open and a pin');

    sent.push({ receipt: await send(page), ...pin });
    expect(offMachine).toEqual([]);
  });

  it('works by keyboard alone: the pin is put in the middle and moved with the arrow keys, its place read out', async () => {
    const { page, offMachine } = await localPage();
    await fillVoice(page, `地図で選んだ街灯（キーボード）${Date.now().toString(36)}`);
    await page.focus('#voice-postcode');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('地図で場所を選ぶ');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.leaflet-container');
    // Focus moves to the map's first control.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('ピンを地図の中央に置く');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.pin-map__pin');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('pin-map__pin'))).toBe(true);
    const centre = await pinValue(page);
    expect(centre.lat).toBeCloseTo(35.6581, 3);
    expect(centre.lng).toBeCloseTo(139.7017, 3);

    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+ArrowDown');
    const moved = await pinValue(page);
    expect(moved.lng).toBeLessThan(centre.lng);
    expect(moved.lat).toBeLessThan(centre.lat);
    const status = (await page.textContent('[role="status"].place-picker__status'))!;
    expect(status).toBe(`ピンの位置：北緯 ${moved.lat.toFixed(5)}、東経 ${moved.lng.toFixed(5)}`);
    expect(await page.getAttribute('.place-picker__status', 'aria-live')).toBe('polite');
    await expectNoAxeViolations(page, '/send with the pin moved by keyboard');

    await page.focus('form.voice-form button[type="submit"]');
    await Promise.all([page.waitForURL(/\/track\//), page.keyboard.press('Enter')]);
    sent.push({ receipt: (await page.textContent('.sent-notice .receipt-number'))!.trim(), ...moved });
    expect(offMachine).toEqual([]);
  });

  it('shows staff both places on the voice page', async () => {
    expect(sent).toHaveLength(2);
    const { page, offMachine } = await localPage();
    const reform = logins.find((l) => l.role === 'reform')!;
    await signInAsStaff(page, baseUrl, reform);
    for (const voice of sent) {
      await page.goto(`${baseUrl}/staff/voices/${voice.receipt}`);
      await page.waitForSelector('[data-testid="place-view-map"] .leaflet-tile-loaded');
      await page.waitForSelector('[data-testid="place-view-map"] .pin-map__pin');
      expect(await page.textContent('.place-view p')).toBe(`ピンの位置：北緯 ${voice.lat.toFixed(5)}、東経 ${voice.lng.toFixed(5)}`);
    }
    await expectNoAxeViolations(page, 'staff voice page with its map');

    // The inbox as a map: both voices are pins linking to them (or inside a cluster that opens on a press).
    await page.goto(`${baseUrl}/staff/inbox/map?q=${encodeURIComponent('地図で選んだ街灯')}`);
    await page.waitForSelector('[data-testid="inbox-map"] .leaflet-tile-loaded');
    for (let i = 0; i < 4; i += 1) {
      const cluster = await page.$('[data-testid="inbox-map"] .voices-map__cluster button');
      if (!cluster) break;
      await cluster.click();
      // Zoomed in, the markers are drawn anew: the pressed cluster is gone.
      await page.waitForFunction((el) => !el.isConnected, cluster);
    }
    for (const voice of sent) await page.waitForSelector(`[data-testid="inbox-map"] a[href="/staff/voices/${voice.receipt}"]`);
    await expectNoAxeViolations(page, 'inbox map');
    await Promise.all([page.waitForURL(`${baseUrl}/staff/voices/${sent[0]!.receipt}`), page.click(`[data-testid="inbox-map"] a[href="/staff/voices/${sent[0]!.receipt}"]`)]);

    // The dashboard's "where" view: both voices counted in the table, the cells drawn on a map.
    await page.goto(`${baseUrl}/staff/analytics/where`);
    await page.waitForSelector('[data-testid="hot-spots-map"] .leaflet-tile-loaded');
    const counted = await page.$$eval('table.hot-spots tbody tr td:nth-child(3)', (cells) => cells.reduce((n, c) => n + Number(c.textContent), 0));
    expect(counted).toBeGreaterThanOrEqual(2);
    await expectNoAxeViolations(page, 'the "where" view with its map');
    expect(offMachine).toEqual([]);
  });
});

describe('a place outside the city', () => {
  let receipt = '';

  it('tells the resident at once, and again after sending, who may be responsible', async () => {
    const { page, offMachine } = await localPage();
    await fillVoice(page, `市外の国道の穴${Date.now().toString(36)}`);
    await page.click('button:has-text("地図で場所を選ぶ")');
    await page.waitForSelector('.leaflet-container .leaflet-tile-loaded');
    const box = (await page.locator('.pin-map').boundingBox())!;
    // Far to the west of the centre: さくら台市 ends about 500 m west of it.
    await page.mouse.click(box.x + 12, box.y + box.height / 2);
    await page.waitForSelector('.place-picker__outside .notice');
    expect(await page.textContent('.place-picker__outside')).toContain('市外の場所のようです');
    expect(await page.textContent('.place-picker__outside')).toContain('県の土木事務所');
    await expectNoAxeViolations(page, '/send with a pin outside the city');
    // Moved back inside (the centre), the hint goes.
    await page.click('button:has-text("ピンを地図の中央に置く")');
    await expect.poll(() => page.$('.place-picker__outside .notice')).toBeNull();
    await page.mouse.click(box.x + 12, box.y + box.height / 2);
    await page.waitForSelector('.place-picker__outside .notice');
    receipt = await send(page);
    expect(await page.textContent('.place-outside')).toContain('市外の場所のようです');
    expect(offMachine).toEqual([]);
  });

  it('shows the admin the boundary screen, axe clean, with the demo boundary loaded', async () => {
    const { page } = await localPage();
    const admin = logins.find((l) => l.role === 'admin')!;
    await signInAsStaff(page, baseUrl, admin);
    await page.goto(`${baseUrl}/staff/admin/boundary`);
    expect(await page.textContent('.boundary-current')).toContain('1 個の多角形、頂点 7 個');
    // A swapped pair is refused in the browser-checked form with the server's clear message.
    await page.fill('textarea[name="geojson"]', JSON.stringify({ type: 'Polygon', coordinates: [[[35.64, 139.69], [35.68, 139.69], [35.68, 139.73], [35.64, 139.69]]] }));
    await page.click('main button[type="submit"]');
    await page.waitForSelector('text=［緯度, 経度］の順になっているようです');
    await expectNoAxeViolations(page, 'the boundary screen with an error');
  });

  it('lets the reform team refer it in one step from the voice page', async () => {
    expect(receipt).not.toBe('');
    const { page } = await localPage();
    const reform = logins.find((l) => l.role === 'reform')!;
    await signInAsStaff(page, baseUrl, reform);
    await page.goto(`${baseUrl}/staff/voices/${receipt}`);
    expect(await page.inputValue('#outside-city input[name="referredTo"]')).toContain('県 土木事務所');
    await Promise.all([page.waitForURL(/done=/), page.click('#outside-city button:has-text("市外として移送する")')]);
    // The address can change before the revalidated page is drawn: wait for the facts to update.
    await page.waitForSelector('.facts .status:has-text("移送")', { timeout: 5000 }).catch(() => {});
    expect(await page.textContent('.facts .status')).toBe('移送');
    expect(await page.$('#outside-city button')).toBeNull();
  });
});
