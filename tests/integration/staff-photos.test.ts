import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { categories, submissionPhotos, submissions } from '../../db/schema/index';
import { hashSecretToken } from '../../app/domain/secret-token.server';
import { newIdempotencyKey } from '../../app/domain/tracking-token.server';
import { thumbnailKey } from '../../app/domain/voice-photos.server';
import { LocalDiskPhotoStorage } from '../../app/storage/photo-storage.server';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { demo } from '../support/actors';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, signIn } from '../support/staff-auth';

// Staff see a resident's photos on the voice page, served by an authorised route with the
// voice's own scope: the routed 課 and cross-department roles see them, another 課 gets
// the same 404 as for the voice, a stranger is sent to sign in.

process.env.CITIZEN_SUBMIT_LIMIT = '1000/600';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-staff-photos-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let db: Database;
let app: Awaited<ReturnType<typeof createTestApp>>;
let logins: DemoLogin[];
const cookies: Record<string, string> = {};
let receipt: string;
let photoIds: number[];
let otherVoicePhotoUrl: string;

async function gpsJpeg(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 2000, height: 1500, channels: 3, background: colour } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'MeyasuTestCam', Model: 'GPS-1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 2200/100', GPSLongitudeRef: 'E', GPSLongitude: '139/1 41/1 3000/100' },
    })
    .toBuffer();
}

async function send(title: string, categoryCode: string, photos: Buffer[]): Promise<string> {
  const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.code, categoryCode));
  const form = new FormData();
  const fields = { idempotencyKey: newIdempotencyKey(), kind: 'request', categoryId: String(category!.id), title, body: '写真のとおり、歩道の柵が壊れています。', contactMode: 'anonymous', website: '' };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [i, bytes] of photos.entries()) form.append('photos', new File([new Uint8Array(bytes)], `IMG_${i}.jpg`, { type: 'image/jpeg' }));
  const response = await app.fetch('/send', { method: 'POST', body: form });
  expect(response.status).toBe(302);
  const token = response.headers.get('location')!.split('/')[2]!.split('?')[0]!;
  const [row] = await db.select().from(submissions).where(eq(submissions.trackingTokenHash, hashSecretToken(token)));
  return row!.receiptNumber;
}

const photoUrl = (receiptNumber: string, id: number, thumb = false) => `/staff/voices/${receiptNumber}/photos/${id}${thumb ? '?size=thumb' : ''}`;

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.db;
  ({ logins } = await seedDemo(db));
  app = await createTestApp(database, { DATA_DIR: dataDir });
  for (const [key, email] of Object.entries(demo)) {
    const login = logins.find((l) => l.email === email)!;
    cookies[key] = await signIn(app, login.email, login.password);
  }
  receipt = await send('歩道の柵が壊れている', 'doro', [await gpsJpeg('#4a7'), await gpsJpeg('#a47')]);
  const [voice] = await db.select().from(submissions).where(eq(submissions.receiptNumber, receipt));
  photoIds = (await db.select({ id: submissionPhotos.id }).from(submissionPhotos).where(eq(submissionPhotos.submissionId, voice!.id))).map((p) => p.id).sort((a, b) => a - b);
  const other = await send('公園のベンチ', 'doro', [await gpsJpeg('#47a')]);
  const [otherVoice] = await db.select().from(submissions).where(eq(submissions.receiptNumber, other));
  const [otherPhoto] = await db.select({ id: submissionPhotos.id }).from(submissionPhotos).where(eq(submissionPhotos.submissionId, otherVoice!.id));
  otherVoicePhotoUrl = photoUrl(receipt, otherPhoto!.id);
});

describe('photos on the voice page', () => {
  it('shows the routed 課 thumbnails linking to the full photo, with alt text from the title', async () => {
    const response = await get(app, `/staff/voices/${receipt}`, cookies.doroStaff);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('写真（2枚）');
    for (const [i, id] of photoIds.entries()) {
      expect(html).toContain(`href="${photoUrl(receipt, id)}"`);
      expect(html).toContain(`src="${photoUrl(receipt, id, true).replace('&', '&amp;')}"`);
      expect(html).toContain(`alt="住民の写真 ${i + 1}/2：歩道の柵が壊れている"`);
    }
  });

  it('serves the full photo as a JPEG without EXIF or GPS, privately cached and never sniffed', async () => {
    const response = await get(app, photoUrl(receipt, photoIds[0]!), cookies.doroStaff);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toMatch(/^private\b/);
    const bytes = Buffer.from(await response.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1600, height: 1200 });
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
    expect(bytes.includes(Buffer.from('MeyasuTestCam'))).toBe(false);
  });

  it('makes the thumbnail once and keeps it in the store', async () => {
    const [row] = await db.select().from(submissionPhotos).where(eq(submissionPhotos.id, photoIds[1]!));
    const storage = new LocalDiskPhotoStorage(path.join(dataDir, 'uploads'));
    expect(await storage.get(thumbnailKey(row!.storageKey))).toBeNull();
    const first = await get(app, photoUrl(receipt, photoIds[1]!, true), cookies.doroManager);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/webp');
    const firstBytes = Buffer.from(await first.arrayBuffer());
    expect(await sharp(firstBytes).metadata()).toMatchObject({ format: 'webp', width: 320, height: 240 });
    const kept = await storage.get(thumbnailKey(row!.storageKey));
    expect(kept && Buffer.from(kept).equals(firstBytes)).toBe(true);
    // A later view reads the kept file: replace it and the route serves the replacement.
    const marker = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).webp().toBuffer();
    await storage.put(thumbnailKey(row!.storageKey), new Uint8Array(marker));
    const second = await get(app, photoUrl(receipt, photoIds[1]!, true), cookies.doroStaff);
    expect(Buffer.from(await second.arrayBuffer()).equals(marker)).toBe(true);
  });

  it('serves them to the roles that read every voice', async () => {
    for (const who of ['reform', 'mayor', 'auditor'] as const) {
      const response = await get(app, photoUrl(receipt, photoIds[0]!), cookies[who]);
      expect(response.status, who).toBe(200);
      await response.body?.cancel();
    }
  });

  it('answers 404 to another 課, for the page and for every photo URL, thumbnails included', async () => {
    expect((await get(app, `/staff/voices/${receipt}`, cookies.shiminStaff)).status).toBe(404);
    for (const id of photoIds) {
      for (const thumb of [false, true]) {
        for (const who of ['shiminStaff', 'shiminManager'] as const) {
          const response = await get(app, photoUrl(receipt, id, thumb), cookies[who]);
          expect(response.status, `${who} ${photoUrl(receipt, id, thumb)}`).toBe(404);
          expect(response.headers.get('content-type')).not.toMatch(/^image\//);
          expect(response.headers.get('cache-control')).toBe('no-store');
        }
      }
    }
  });

  it('answers 404 to a photo id that belongs to another voice, or to none', async () => {
    expect((await get(app, otherVoicePhotoUrl, cookies.doroStaff)).status).toBe(404);
    expect((await get(app, photoUrl(receipt, 999_999), cookies.doroStaff)).status).toBe(404);
    expect((await get(app, `/staff/voices/${receipt}/photos/abc`, cookies.doroStaff)).status).toBe(404);
  });

  it('sends a stranger to sign in without a byte of the photo', async () => {
    const response = await get(app, photoUrl(receipt, photoIds[0]!));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toMatch(/^\/staff\/login\?redirectTo=/);
    expect(response.headers.get('content-type') ?? '').not.toMatch(/^image\//);
  });

  it('shows how many photos a voice has in the department view', async () => {
    const html = await (await get(app, '/staff/department', cookies.doroStaff)).text();
    expect(html).toContain('写真2枚');
  });
});
