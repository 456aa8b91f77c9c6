import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { categories, submissionPhotos, submissions } from '../../db/schema/index';
import { loadConfig } from '../../app/config.server';
import { sweepOrphanPhotos } from '../../app/domain/photo-sweep.server';
import { newIdempotencyKey } from '../../app/domain/tracking-token.server';
import { deleteVoicePhotos, thumbnailKey } from '../../app/domain/voice-photos.server';
import { receiveWebVoice } from '../../app/domain/web-voice.server';
import { LocalDiskPhotoStorage, photoStorageFor, type PhotoStorage } from '../../app/storage/photo-storage.server';
import { S3PhotoStorage } from '../../app/storage/s3-photo-storage.server';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { demo } from '../support/actors';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { S3_TEST_KEY, startTestS3, type TestS3 } from '../support/s3-server';
import { get, signIn } from '../support/staff-auth';
import { secretKeysFrom } from '../../app/secret-keys.server';

// The S3-compatible photo store against a real S3-protocol server on loopback (s3rver): the
// same contract as the local folder, a voice's photo written through /send and served to
// staff from the bucket, nothing left behind when the voice's transaction fails, orphans
// swept, and a voice's objects removed with its data.

process.env.CITIZEN_SUBMIT_LIMIT = '1000/600';

let s3: TestS3;
let db: Database;
let app: Awaited<ReturnType<typeof createTestApp>>;
let logins: DemoLogin[];
const localDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-s3-local-'));

beforeAll(async () => {
  s3 = await startTestS3();
  const database = await createTestDatabase();
  db = database.db;
  ({ logins } = await seedDemo(db));
  app = await createTestApp(database, { DATA_DIR: localDir, ...s3.env('city') });
});
afterAll(async () => {
  await s3?.close();
  rmSync(localDir, { recursive: true, force: true });
});

/** Every key in the test bucket, prefix included (what an operator would see). */
async function bucketKeys(): Promise<string[]> {
  const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: S3_TEST_KEY });
  const page = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
  client.destroy();
  return (page.Contents ?? []).map((o) => o.Key!).sort();
}

const jpeg = (colour = '#4a7') => sharp({ create: { width: 800, height: 600, channels: 3, background: colour } })
  .jpeg().withExif({ IFD0: { Make: 'MeyasuTestCam' } }).toBuffer();

async function collect(storage: PhotoStorage, prefix: string) {
  const out: string[] = [];
  for await (const object of storage.list(prefix)) out.push(object.key);
  return out.sort();
}

describe('the photo store contract, on local disk and on S3', () => {
  const stores: [string, () => PhotoStorage][] = [
    ['local disk', () => new LocalDiskPhotoStorage(path.join(localDir, 'contract'))],
    ['S3', () => new S3PhotoStorage({ bucket: s3.bucket, prefix: 'contract', endpoint: s3.endpoint, region: 'us-east-1', ...S3_TEST_KEY, forcePathStyle: true })],
  ];
  for (const [name, make] of stores) {
    it(`puts, gets, lists and deletes (${name})`, async () => {
      const storage = make();
      const bytes = new Uint8Array(await jpeg());
      expect(await storage.get('submissions/2026-12/missing.jpg')).toBeNull();
      await storage.put('submissions/2026-12/a.jpg', bytes, 'image/jpeg');
      await storage.put('submissions/2026-12/b_thumb.webp', new Uint8Array([1, 2, 3]), 'image/webp');
      await storage.put('other/c.png', new Uint8Array([4]), 'image/png');
      expect(Buffer.from((await storage.get('submissions/2026-12/a.jpg'))!).equals(Buffer.from(bytes))).toBe(true);
      expect(await collect(storage, 'submissions/')).toEqual(['submissions/2026-12/a.jpg', 'submissions/2026-12/b_thumb.webp']);
      await storage.delete('submissions/2026-12/a.jpg');
      await storage.delete('submissions/2026-12/a.jpg');
      expect(await storage.get('submissions/2026-12/a.jpg')).toBeNull();
      await expect(storage.put('../escape.jpg', bytes, 'image/jpeg')).rejects.toThrow(/invalid storage key/);
    });
  }
});

describe('STORAGE_URL chooses the store', () => {
  it('is the local folder by default and the bucket with s3://bucket/prefix', () => {
    expect(photoStorageFor(loadConfig({ SESSION_SECRET: 'x'.repeat(32), DATA_DIR: localDir }))).toBeInstanceOf(LocalDiskPhotoStorage);
    const config = loadConfig({ SESSION_SECRET: 'x'.repeat(32), DATA_DIR: localDir, ...s3.env('city') });
    expect(config.S3_FORCE_PATH_STYLE).toBe(true);
    const store = photoStorageFor(config);
    expect(store).toBeInstanceOf(S3PhotoStorage);
    expect(photoStorageFor(config)).toBe(store);
  });
});

describe('a voice with a photo on the S3 store', () => {
  it('is written to the bucket through /send and served to the routed 課 from it, thumbnail kept there', async () => {
    const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.code, 'doro'));
    const form = new FormData();
    const fields = { idempotencyKey: newIdempotencyKey(), kind: 'request', categoryId: String(category!.id), title: 'バケットの写真', body: '橋の欄干が錆びています。', contactMode: 'anonymous', website: '' };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('photos', new File([new Uint8Array(await jpeg())], 'IMG_1.jpg', { type: 'image/jpeg' }));
    expect((await app.fetch('/send', { method: 'POST', body: form })).status).toBe(302);

    const [voice] = await db.select().from(submissions).where(eq(submissions.title, 'バケットの写真'));
    const [photo] = await db.select().from(submissionPhotos).where(eq(submissionPhotos.submissionId, voice!.id));
    expect(await bucketKeys()).toContain(`city/${photo!.storageKey}`);

    const doro = logins.find((l) => l.email === demo.doroStaff)!;
    const cookie = await signIn(app, doro.email, doro.password);
    const full = await get(app, `/staff/voices/${voice!.receiptNumber}/photos/${photo!.id}`, cookie);
    expect(full.status).toBe(200);
    const bytes = Buffer.from(await full.arrayBuffer());
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    const thumb = await get(app, `/staff/voices/${voice!.receiptNumber}/photos/${photo!.id}?size=thumb`, cookie);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect(await bucketKeys()).toContain(`city/${thumbnailKey(photo!.storageKey)}`);
    // Nothing went to the local folder.
    expect(await collect(new LocalDiskPhotoStorage(path.join(localDir, 'uploads')), '')).toEqual([]);
  });

  it('leaves neither a row nor an object when the voice cannot be committed', async () => {
    const storage = photoStorageFor(app.config);
    const before = await bucketKeys();
    const voicesBefore = (await db.select({ n: sql<number>`count(*)::int` }).from(submissions))[0]!.n;
    // The database refuses the photo rows, as a failing disk or a lost connection would.
    await db.execute(sql`create function meyasu_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'refused by test'; end $$`);
    await db.execute(sql`create trigger meyasu_test_refuse before insert on submission_photos for each row execute function meyasu_test_refuse()`);
    try {
      await expect(receiveWebVoice(db, storage, {
        form: {
          kind: 'request', categoryId: null, title: '失敗する声', body: '保存に失敗します。', placeText: '', postcode: '', contactMode: 'anonymous',
          familyName: '', givenName: '', familyNameKana: '', givenNameKana: '', email: '', phone: '', replyWanted: false, consentToPublish: false,
        } as never,
        photos: [new Uint8Array(await jpeg('#a00'))],
        idempotencyKey: newIdempotencyKey(),
        keys: secretKeysFrom(app.config.SESSION_SECRET),
        language: 'ja',
      })).rejects.toThrow(/insert into "submission_photos"/);
    } finally {
      await db.execute(sql`drop trigger meyasu_test_refuse on submission_photos`);
      await db.execute(sql`drop function meyasu_test_refuse()`);
    }
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(submissions))[0]!.n).toBe(voicesBefore);
    expect(await bucketKeys()).toEqual(before);
  });

  it('sweeps objects no row refers to once they are a day old, keeping photos and their thumbnails', async () => {
    const storage = photoStorageFor(app.config);
    await storage.put('submissions/2026-11/orphan-left-by-a-crash.jpg', new Uint8Array(await jpeg()), 'image/jpeg');
    const kept = await bucketKeys();
    // Not yet a day old: kept, a submission could still be committing it.
    expect((await sweepOrphanPhotos(db, storage)).deleted).toEqual([]);
    const dayLater = new Date(Date.now() + 25 * 3_600_000);
    const swept = await sweepOrphanPhotos(db, storage, dayLater);
    expect(swept.deleted).toEqual(['submissions/2026-11/orphan-left-by-a-crash.jpg']);
    expect(await bucketKeys()).toEqual(kept.filter((k) => !k.endsWith('orphan-left-by-a-crash.jpg')));
    expect((await bucketKeys()).some((k) => k.endsWith('_thumb.webp'))).toBe(true);
  });

  it("removes a voice's objects with its photo data", async () => {
    const storage = photoStorageFor(app.config);
    const [voice] = await db.select().from(submissions).where(eq(submissions.title, 'バケットの写真'));
    const [photo] = await db.select().from(submissionPhotos).where(eq(submissionPhotos.submissionId, voice!.id));
    expect(await deleteVoicePhotos(db, storage, voice!.id)).toBe(1);
    const keys = await bucketKeys();
    expect(keys).not.toContain(`city/${photo!.storageKey}`);
    expect(keys).not.toContain(`city/${thumbnailKey(photo!.storageKey)}`);
  });
});
