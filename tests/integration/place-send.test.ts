import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { submissions } from '../../db/schema/index';
import { newIdempotencyKey } from '../../app/domain/tracking-token.server';
import { seedOrganisation } from '../../app/seed/seed.server';
import { createTestDatabase, driverUnderTest } from '../support/db';
import { createTestApp } from '../support/remix';

// A pin from the send form's map lands in the voice's latitude/longitude; without one (as
// without JavaScript) the form works exactly as before.

process.env.CITIZEN_SUBMIT_LIMIT = '1000/600';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-place-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let db: Database;
let app: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.db;
  await seedOrganisation(db);
  app = await createTestApp(database, { DATA_DIR: dataDir });
});

async function send(title: string, fields: Record<string, string>) {
  const form = new FormData();
  const all = { idempotencyKey: newIdempotencyKey(), kind: 'request', categoryId: '', title, body: '街灯が切れています。', placeText: '中央公園の北口', contactMode: 'anonymous', website: '', ...fields };
  for (const [k, v] of Object.entries(all)) form.append(k, v);
  form.append('photos', new File([], '', { type: 'application/octet-stream' }));
  const response = await app.fetch('/send', { method: 'POST', body: form });
  expect(response.status, title).toBe(302);
  const [row] = await db.select({ lat: submissions.latitude, lng: submissions.longitude, place: submissions.placeText }).from(submissions).where(eq(submissions.title, title));
  return row!;
}

describe(`the place of a voice from /send (${driverUnderTest})`, () => {
  it('stores the pin in latitude and longitude, with the place text', async () => {
    expect(await send('ピンあり', { latitude: '35.658123', longitude: '139.701765' })).toEqual({ lat: 35.658123, lng: 139.701765, place: '中央公園の北口' });
  });

  it('stores no pin without one, or with half of one or nonsense, and still accepts the voice', async () => {
    expect(await send('ピンなし', {})).toEqual({ lat: null, lng: null, place: '中央公園の北口' });
    expect(await send('緯度だけ', { latitude: '35.6' })).toEqual({ lat: null, lng: null, place: '中央公園の北口' });
    expect(await send('でたらめ', { latitude: '1e999', longitude: '<script>' })).toEqual({ lat: null, lng: null, place: '中央公園の北口' });
  });

  it('serves the send page without the map or its library: the button appears only with JavaScript', async () => {
    const html = await (await app.fetch('/send')).text();
    expect(html).toContain('name="placeText"');
    expect(html).not.toContain('地図で場所を選ぶ');
    expect(html).not.toMatch(/leaflet/i);
  });
});
