import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { submissionEvents, submissionPhotos, submissions } from '../../db/schema/index';
import { publishVoice } from '../../app/domain/publication.server';
import { setPublishedPhotos } from '../../app/domain/voice-photos.server';
import { LocalDiskPhotoStorage } from '../../app/storage/photo-storage.server';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { actorFor, demo } from '../support/actors';
import { createTestDatabase } from '../support/db';
import { errorsSchema, postResponseSchema, serviceRequestsSchema } from '../support/open311-schemas';
import { createTestApp } from '../support/remix';
import { get, signIn } from '../support/staff-auth';

// Open311 POST requests with a photo, as GeoReport v2 clients send one: `media` as a multipart
// file goes through the residents' rules and cleaning and stays private until staff publish
// it (then GET returns it as media_url); `media_url` is kept as a reference and never
// fetched by the server (no request to an address a client chose: SSRF).

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-open311-media-'));
let db: Database;
let app: Awaited<ReturnType<typeof createTestApp>>;
let apiKey: string;
let logins: DemoLogin[];
let photoHost: Server;
let photoHostHits = 0;
let photoHostUrl: string;

afterAll(async () => {
  await new Promise((resolve) => photoHost?.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

const gpsJpeg = (colour: string, width = 1800) => sharp({ create: { width, height: 1200, channels: 3, background: colour } })
  .jpeg()
  .withExif({ IFD0: { Make: 'Open311Cam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 39/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '139/1 42/1 0/1' } })
  .toBuffer();

const fields = (description: string) => ({
  api_key: apiKey, service_code: 'doro', lat: '35.6581', long: '139.7017', description, 'attribute[consent_to_publish]': 'yes',
});

function multipart(values: Record<string, string>, media: { name: string; bytes: Uint8Array | Buffer; type?: string }[], headers: Record<string, string> = {}): RequestInit {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) form.append(k, v);
  for (const m of media) form.append('media', new File([new Uint8Array(m.bytes)], m.name, { type: m.type ?? 'image/jpeg' }));
  return { method: 'POST', body: form, headers };
}

async function requestJson(id: string, key?: string) {
  const response = await app.fetch(`/open311/v2/requests/${id}.json${key ? `?api_key=${key}` : ''}`);
  return serviceRequestsSchema.parse(await response.json())[0]!;
}

const storedFiles = () => {
  try {
    return readdirSync(path.join(dataDir, 'uploads'), { recursive: true }).map(String).filter((f) => /\.(jpg|png|webp)$/.test(f));
  } catch {
    return [];
  }
};

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.db;
  const seeded = await seedDemo(db);
  apiKey = seeded.open311ApiKey!;
  logins = seeded.logins;
  app = await createTestApp(database, { DATA_DIR: dataDir, APP_URL: 'http://localhost:3000/' });
  // Where a client says its photo is: any request reaching it would be the server fetching it.
  photoHost = createServer((_req, res) => {
    photoHostHits += 1;
    res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end();
  });
  await new Promise<void>((resolve) => photoHost.listen(0, '127.0.0.1', resolve));
  photoHostUrl = `http://127.0.0.1:${(photoHost.address() as AddressInfo).port}/photos/pothole.jpg`;
});

describe('Open311 POST requests with media', () => {
  let receipt: string;

  it('takes a multipart media photo, cleaned of GPS, and keeps it private: GET gives no media_url', async () => {
    const response = await app.fetch('/open311/v2/requests.json', multipart(fields('道路に大きな穴があいています。写真を添付します。'), [{ name: 'pothole.jpg', bytes: await gpsJpeg('#555') }]));
    expect(response.status).toBe(201);
    receipt = postResponseSchema.parse(await response.json())[0]!.service_request_id!;
    const [voice] = await db.select().from(submissions).where(eq(submissions.receiptNumber, receipt));
    const photos = await db.select().from(submissionPhotos).where(eq(submissionPhotos.submissionId, voice!.id));
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ mimeType: 'image/jpeg', width: 1600, published: false });
    const stored = await new LocalDiskPhotoStorage(path.join(dataDir, 'uploads')).get(photos[0]!.storageKey);
    expect((await sharp(stored!).metadata()).exif).toBeUndefined();
    expect(Buffer.from(stored!).includes(Buffer.from('Open311Cam'))).toBe(false);

    expect((await requestJson(receipt)).media_url).toBeNull();
    expect((await requestJson(receipt, apiKey)).media_url).toBeNull();
    const guess = await app.fetch(`/voices/${receipt}/photos/${photos[0]!.id}`);
    expect(guess.status).toBe(404);
  });

  it('returns media_url once staff publish the voice and choose the photo, and the address serves the cleaned photo', async () => {
    const [voice] = await db.select().from(submissions).where(eq(submissions.receiptNumber, receipt));
    const [photo] = await db.select().from(submissionPhotos).where(eq(submissionPhotos.submissionId, voice!.id));
    const reform = await actorFor(db, demo.reform);
    await publishVoice(db, reform, { submissionId: voice!.id, version: voice!.version, title: '道路の穴', body: '道路に大きな穴があいています。', reply: null });
    // Published voice, photo not chosen: still none.
    expect((await requestJson(receipt)).media_url).toBeNull();
    await setPublishedPhotos(db, reform, { submissionId: voice!.id, photoIds: [photo!.id] });
    const mediaUrl = (await requestJson(receipt)).media_url;
    expect(mediaUrl).toBe(`http://localhost:3000/voices/${receipt}/photos/${photo!.id}`);
    const served = await app.fetch(new URL(mediaUrl!).pathname);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).exif).toBeUndefined();
  });

  it('refuses media the residents\' form would refuse, with a GeoReport error, and creates nothing', async () => {
    const before = (await db.select({ id: submissions.id }).from(submissions)).length;
    const files = storedFiles().length;
    const cases: [string, { name: string; bytes: Uint8Array | Buffer; type?: string }[], string][] = [
      ['not an image', [{ name: 'doc.jpg', bytes: Buffer.from('%PDF-1.7 a document, not a photo') }], 'media: Photos must be JPEG, PNG or WebP images'],
      ['too large', [{ name: 'big.jpg', bytes: Buffer.concat([await gpsJpeg('#777'), Buffer.alloc(10 * 1024 * 1024)]) }], 'media: Each photo must be 10 MB or smaller'],
      ['two files', [{ name: 'a.jpg', bytes: await gpsJpeg('#111') }, { name: 'b.jpg', bytes: await gpsJpeg('#222') }], 'media: send at most one file'],
      ['broken', [{ name: 'broken.jpg', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 9)]) }], 'media: We could not read the photo'],
    ];
    for (const [label, media, description] of cases) {
      const response = await app.fetch('/open311/v2/requests.json', multipart(fields(`写真つきの投稿（${label}）`), media));
      expect(response.status, label).toBe(400);
      expect(errorsSchema.parse(await response.json())[0]!.description, label).toContain(description);
    }
    const xml = await app.fetch('/open311/v2/requests.xml', multipart(fields('XMLで送る'), [{ name: 'doc.jpg', bytes: Buffer.from('not a photo') }]));
    expect(xml.status).toBe(400);
    expect(await xml.text()).toContain('<description>media: Photos must be JPEG, PNG or WebP images</description>');
    expect((await db.select({ id: submissions.id }).from(submissions)).length).toBe(before);
    expect(storedFiles().length).toBe(files);
  });

  it('keeps one voice and one photo when a client retries with the same Idempotency-Key', async () => {
    const files = storedFiles().length;
    const photo = await gpsJpeg('#396');
    const send = () => app.fetch('/open311/v2/requests.json',
      multipart(fields('歩道橋の手すりが外れかけています。'), [{ name: 'rail.jpg', bytes: photo }], { 'Idempotency-Key': 'client-retry-7' }));
    const first = postResponseSchema.parse(await (await send()).json())[0]!;
    const second = postResponseSchema.parse(await (await send()).json())[0]!;
    expect(second).toEqual(first);
    const [voice] = await db.select().from(submissions).where(eq(submissions.receiptNumber, first.service_request_id!));
    expect(await db.select().from(submissionPhotos).where(eq(submissionPhotos.submissionId, voice!.id))).toHaveLength(1);
    expect(storedFiles().length).toBe(files + 1);
  });
});

describe('Open311 POST requests with media_url', () => {
  it('keeps the address as the client gave it, never fetches it, never returns it, and shows it to staff as text', async () => {
    const response = await app.fetch('/open311/v2/requests.json', {
      method: 'POST',
      body: new URLSearchParams({ ...fields('ガードレールが曲がっています（写真はアプリ側にあります）。'), media_url: photoHostUrl }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(201);
    const id = postResponseSchema.parse(await response.json())[0]!.service_request_id!;
    const [voice] = await db.select().from(submissions).where(eq(submissions.receiptNumber, id));
    const [received] = await db.select().from(submissionEvents).where(and(eq(submissionEvents.submissionId, voice!.id), eq(submissionEvents.type, 'received')));
    expect(received!.data).toMatchObject({ mediaUrl: photoHostUrl });
    expect(await db.select().from(submissionPhotos).where(eq(submissionPhotos.submissionId, voice!.id))).toEqual([]);
    // Neither the post nor any read made the server contact the address.
    expect((await requestJson(id, apiKey)).media_url).toBeNull();
    expect((await requestJson(id)).media_url).toBeNull();
    expect(photoHostHits).toBe(0);

    const login = logins.find((l) => l.email === demo.doroStaff)!;
    const page = await (await get(app, `/staff/voices/${id}`, await signIn(app, login.email, login.password))).text();
    expect(page).toContain(`送信元アプリが示した写真のアドレス（外部のサイトです。Meyasuは取得も確認もしていません）：${photoHostUrl}`);
    expect(page).not.toContain(`href="${photoHostUrl}"`);
    expect(photoHostHits).toBe(0);
  });

  it('refuses a media_url that is not an http or https address', async () => {
    for (const mediaUrl of ['file:///etc/passwd', 'gopher://127.0.0.1:6379/_INFO', 'not a url', 'http://user:secret@example.jp/p.jpg']) {
      const response = await app.fetch('/open311/v2/requests.json', {
        method: 'POST', body: new URLSearchParams({ ...fields('不正なアドレス'), media_url: mediaUrl }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status, mediaUrl).toBe(400);
      expect(errorsSchema.parse(await response.json())[0]!.description).toBe('media_url: media_url must be an http or https URL');
    }
  });
});
