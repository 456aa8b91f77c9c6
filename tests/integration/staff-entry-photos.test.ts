import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { categories, submissionPhotos, submissions } from '../../db/schema/index';
import { newIdempotencyKey } from '../../app/domain/tracking-token.server';
import { LocalDiskPhotoStorage } from '../../app/storage/photo-storage.server';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { demo } from '../support/actors';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, signIn, TEST_ORIGIN } from '../support/staff-auth';

// Staff entering a letter or counter voice attach the photos the resident handed over. The
// form is a plain multipart post (it works without JavaScript) and the photos take the
// resident's path: the same checks and messages, the same cleaning (no GPS), the same store,
// and the voice's own scope when staff look at them.

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-entry-photos-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let db: Database;
let app: Awaited<ReturnType<typeof createTestApp>>;
let logins: DemoLogin[];
let doroCategoryId: number;
const cookies = {} as Record<'doroStaff' | 'shiminStaff', string>;

const gpsJpeg = (colour: string) => sharp({ create: { width: 2400, height: 1800, channels: 3, background: colour } })
  .jpeg()
  .withExif({
    IFD0: { Make: 'EntryTestCam', Model: 'Letter-1' },
    IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 39/1 2900/100', GPSLongitudeRef: 'E', GPSLongitude: '139/1 42/1 1000/100' },
  })
  .toBuffer();

/** The entry form as a browser without JavaScript posts it: multipart, with the file inputs. */
function entryPost(fields: Record<string, string>, photos: { name: string; bytes: Uint8Array | Buffer; type?: string }[], cookie: string): RequestInit {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const p of photos) form.append('photos', new File([new Uint8Array(p.bytes)], p.name, { type: p.type ?? 'image/jpeg' }));
  if (photos.length === 0) form.append('photos', new File([], '', { type: 'application/octet-stream' }));
  return { method: 'POST', body: form, headers: { Cookie: cookie, Origin: TEST_ORIGIN, Host: new URL(TEST_ORIGIN).host, 'Sec-Fetch-Site': 'same-origin' }, redirect: 'manual' };
}

const letter = (title: string) => ({
  idempotencyKey: newIdempotencyKey(), channel: 'letter', kind: 'request', categoryId: String(doroCategoryId), title,
  body: '同封の写真のとおり、カーブミラーが割れています。', placeText: '桜台三丁目', postcode: '', contactMode: 'anonymous',
});

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.db;
  ({ logins } = await seedDemo(db));
  app = await createTestApp(database, { DATA_DIR: dataDir });
  for (const key of ['doroStaff', 'shiminStaff'] as const) {
    const login = logins.find((l) => l.email === demo[key])!;
    cookies[key] = await signIn(app, login.email, login.password);
  }
  [{ id: doroCategoryId }] = (await db.select({ id: categories.id }).from(categories).where(eq(categories.code, 'doro'))) as [{ id: number }];
});

describe('photos on a voice entered by staff', () => {
  it('offers a photo field on a multipart form that works without JavaScript', async () => {
    const html = await (await get(app, '/staff/voices/new', cookies.doroStaff)).text();
    expect(html).toMatch(/<form method="post" action="\/staff\/voices\/new" enctype="multipart\/form-data"/i);
    expect(html).toMatch(/<input[^>]*type="file"[^>]*name="photos"/);
    expect(html).toContain('住民から受け取った写真');
  });

  it('keeps a letter\'s photo cleaned of GPS, shown on the voice page to the routed 課 and to no other', async () => {
    const response = await app.fetch('/staff/voices/new', entryPost(letter('割れたカーブミラー'), [{ name: 'mirror.jpg', bytes: await gpsJpeg('#579') }], cookies.doroStaff));
    expect(response.status).toBe(200);
    const receipt = (await response.text()).match(/entry-created__receipt">(\d{4}-\d{6})</)![1]!;
    const [voice] = await db.select().from(submissions).where(eq(submissions.receiptNumber, receipt));
    expect(voice).toMatchObject({ channel: 'letter', title: '割れたカーブミラー' });
    const photos = await db.select().from(submissionPhotos).where(eq(submissionPhotos.submissionId, voice!.id));
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ mimeType: 'image/jpeg', width: 1600, height: 1200, published: false });

    // What is kept on disk has no metadata at all.
    const stored = await new LocalDiskPhotoStorage(path.join(dataDir, 'uploads')).get(photos[0]!.storageKey);
    expect((await sharp(stored!).metadata()).exif).toBeUndefined();
    expect(Buffer.from(stored!).includes(Buffer.from('EntryTestCam'))).toBe(false);

    const page = await (await get(app, `/staff/voices/${receipt}`, cookies.doroStaff)).text();
    const photoUrl = `/staff/voices/${receipt}/photos/${photos[0]!.id}`;
    expect(page).toContain('写真（1枚）');
    expect(page).toContain(`href="${photoUrl}"`);
    const served = await get(app, photoUrl, cookies.doroStaff);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await served.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('GPS'))).toBe(false);

    expect((await get(app, photoUrl, cookies.shiminStaff)).status).toBe(404);
  });

  it('refuses what the resident\'s form refuses, with the same messages, and enters nothing', async () => {
    const before = (await db.select({ id: submissions.id }).from(submissions)).length;
    const notImage = await app.fetch('/staff/voices/new',
      entryPost(letter('画像でない写真'), [{ name: 'scan.jpg', bytes: Buffer.from('%PDF-1.4 not a photo'), type: 'image/jpeg' }], cookies.doroStaff));
    expect(notImage.status).toBe(400);
    expect(await notImage.text()).toContain('写真はJPEG・PNG・WebPの画像を選んでください');

    const photo = await gpsJpeg('#975');
    const four = await app.fetch('/staff/voices/new',
      entryPost(letter('写真が多すぎる'), [1, 2, 3, 4].map((n) => ({ name: `p${n}.jpg`, bytes: photo })), cookies.doroStaff));
    expect(four.status).toBe(400);
    expect(await four.text()).toContain('写真は3枚まで選べます');

    // Looks like a JPEG at the start, but is not one: the cleaning refuses it.
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
    const unreadable = await app.fetch('/staff/voices/new', entryPost(letter('壊れた写真'), [{ name: 'broken.jpg', bytes: broken }], cookies.doroStaff));
    expect(unreadable.status).toBe(400);
    expect(await unreadable.text()).toContain('写真を読み取れませんでした');

    expect((await db.select({ id: submissions.id }).from(submissions)).length).toBe(before);
  });

  it('still enters a voice without photos from the same form', async () => {
    const response = await app.fetch('/staff/voices/new', entryPost(letter('写真のない手紙'), [], cookies.doroStaff));
    expect(response.status).toBe(200);
    const [voice] = await db.select().from(submissions).where(eq(submissions.title, '写真のない手紙'));
    expect(await db.select().from(submissionPhotos).where(eq(submissionPhotos.submissionId, voice!.id))).toEqual([]);
  });
});
