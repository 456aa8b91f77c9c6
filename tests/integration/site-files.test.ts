import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db';
import { listenTestServer } from '../support/test-server';

// The top-level public/ folder as a browser and a search engine meet it: Vite copies it into
// the client build and the Express server serves it (favicon set, app icons, robots.txt, the
// web app manifest); every page links them. And an unknown URL answers 404 in the reader's
// language, through the same server.

describe('public/ and unknown URLs, through the real server and production build', () => {
  let base: string;

  beforeAll(async () => {
    ({ base } = await listenTestServer(await createTestDatabase()));
  });

  it('serves the favicon set and app icons as images', async () => {
    for (const [file, type] of [
      ['/favicon.ico', 'image/'], ['/icon.svg', 'image/svg+xml'], ['/apple-touch-icon.png', 'image/png'],
      ['/icon-192.png', 'image/png'], ['/icon-512.png', 'image/png'], ['/icon-maskable-512.png', 'image/png'],
    ] as const) {
      const response = await fetch(`${base}${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toContain(type);
      expect((await response.arrayBuffer()).byteLength, file).toBeGreaterThan(100);
    }
    const ico = Buffer.from(await (await fetch(`${base}/favicon.ico`)).arrayBuffer());
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)], 'an ICO header').toEqual([0, 1]);
  });

  it('lets search engines index residents\' pages but not the backoffice, tracking links or mail links', async () => {
    const response = await fetch(`${base}/robots.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const lines = (await response.text()).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(lines).toContain('User-agent: *');
    expect(lines).toContain('Allow: /');
    for (const path of ['/staff', '/track/', '/mail/']) expect(lines, path).toContain(`Disallow: ${path}`);
    const disallowed = lines.filter((l) => l.startsWith('Disallow:')).map((l) => l.slice('Disallow:'.length).trim());
    for (const open of ['/', '/send', '/voices', '/improvements', '/statistics']) {
      expect(disallowed.some((d) => d && open.startsWith(d)), `${open} stays indexable`).toBe(false);
    }
  });

  it('serves a web app manifest whose icons exist', async () => {
    const response = await fetch(`${base}/manifest.webmanifest`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/(manifest\+)?json/);
    const manifest = (await response.json()) as { name: string; short_name: string; start_url: string; icons: { src: string; sizes: string }[] };
    expect(manifest.name).toBeTruthy();
    expect(manifest.short_name).toBeTruthy();
    expect(manifest.start_url).toBe('/');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) expect((await fetch(`${base}${icon.src}`)).status, icon.src).toBe(200);
  });

  it('links the icons and the manifest from residents\' and staff pages', async () => {
    for (const path of ['/', '/staff/login']) {
      const html = await (await fetch(`${base}${path}`)).text();
      expect(html, path).toContain('<link rel="icon" href="/favicon.ico"');
      expect(html, path).toContain('<link rel="icon" href="/icon.svg" type="image/svg+xml"/>');
      expect(html, path).toContain('<link rel="apple-touch-icon" href="/apple-touch-icon.png"/>');
      expect(html, path).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
    }
  });

  it('answers an unknown URL with a 404 page in the reader\'s language', async () => {
    const ja = await fetch(`${base}/nope`);
    expect(ja.status).toBe(404);
    const jaHtml = await ja.text();
    expect(jaHtml).toContain('<html lang="ja"');
    expect(jaHtml).toContain('<title>ページが見つかりません</title>');
    expect(jaHtml).toContain('<h1>ページが見つかりません</h1>');

    for (const headers of [{ Cookie: 'meyasu_lang=en' }, { Cookie: 'other=1; meyasu_lang=en' }]) {
      const en = await fetch(`${base}/nope/deeper?x=1`, { headers });
      expect(en.status, JSON.stringify(headers)).toBe(404);
      const html = await en.text();
      expect(html, JSON.stringify(headers)).toContain('<html lang="en"');
      expect(html, JSON.stringify(headers)).toContain('<title>Page not found</title>');
      expect(html, JSON.stringify(headers)).toContain('<h1>Page not found</h1>');
    }
  });
});
