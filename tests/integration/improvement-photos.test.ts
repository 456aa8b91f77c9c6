import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { auditLog, improvementPhotos, improvementRecords } from '../../db/schema/index';
import { LocalDiskPhotoStorage } from '../../app/storage/photo-storage.server';
import { sweepOrphanPhotos } from '../../app/domain/photo-sweep.server';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { demo, departmentId } from '../support/actors';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn, TEST_ORIGIN } from '../support/staff-auth';

// Photo evidence of an improvement (改善前/改善後): the owning 課 adds photos at DO and CHECK,
// cleaned like residents' photos; staff see them on the record page; none is public until the
// reform team chooses it, and then only once the record itself is public (closed, not
// archived). Every other public address — guessed ids, thumbnails, another record — is a 404.

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-improvement-photos-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const NUMBER = 'IR-2026-101';
let db: Database;
let app: Awaited<ReturnType<typeof createTestApp>>;
let logins: DemoLogin[];
let recordId: number;
const cookies = {} as Record<'reform' | 'doroStaff' | 'shiminStaff', string>;

const gpsJpeg = (colour: string) => sharp({ create: { width: 2000, height: 1500, channels: 3, background: colour } })
  .jpeg()
  .withExif({ IFD0: { Make: 'ParkCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 40/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '139/1 40/1 0/1' } })
  .toBuffer();

/** The evidence form as a browser without JavaScript posts it. */
function photoPost(fields: Record<string, string>, photos: { name: string; bytes: Uint8Array | Buffer }[], cookie: string): RequestInit {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const p of photos) form.append('photos', new File([new Uint8Array(p.bytes)], p.name, { type: 'image/jpeg' }));
  return { method: 'POST', body: form, headers: { Cookie: cookie, Origin: TEST_ORIGIN, Host: new URL(TEST_ORIGIN).host, 'Sec-Fetch-Site': 'same-origin' }, redirect: 'manual' };
}

const setStage = (stage: 'plan' | 'do' | 'check' | 'act' | 'closed') =>
  db.update(improvementRecords).set({ stage, closedAt: stage === 'closed' ? new Date() : null }).where(eq(improvementRecords.id, recordId));

const photoRows = () => db.select().from(improvementPhotos).where(eq(improvementPhotos.recordId, recordId)).orderBy(asc(improvementPhotos.id));
const publicUrl = (number: string, id: number, thumb = false) => `/improvements/${number}/photos/${id}${thumb ? '?size=thumb' : ''}`;

async function statuses(urls: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const url of urls) {
    const response = await app.fetch(url);
    out.push(response.status);
    await response.body?.cancel();
  }
  return out;
}

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.db;
  ({ logins } = await seedDemo(db));
  app = await createTestApp(database, { DATA_DIR: dataDir });
  for (const key of ['reform', 'doroStaff', 'shiminStaff'] as const) {
    const login = logins.find((l) => l.email === demo[key])!;
    cookies[key] = await signIn(app, login.email, login.password);
  }
  // A record of the 道路管理課 already at DO (how it got there is the stage machine's business, tested elsewhere).
  const [record] = await db.insert(improvementRecords).values({
    number: NUMBER, title: '公園のベンチの修理', type: 'corrective', findingClass: 'request', level: 'operations', source: 'voice', stage: 'do',
    ownerDepartmentId: await departmentId(db, 'doro'), problemStatement: '桜台公園のベンチの板が割れているという声が続いた。',
  }).returning({ id: improvementRecords.id });
  recordId = record!.id;
});

describe('photo evidence on an improvement record', () => {
  it('takes a before photo at DO from the owning 課, cleaned of GPS, and shows it on the record page', async () => {
    const response = await app.fetch(`/staff/improvements/${NUMBER}/photos`,
      photoPost({ label: 'before', caption: '割れたベンチの板（修理前）' }, [{ name: 'bench.jpg', bytes: await gpsJpeg('#864') }], cookies.doroStaff));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/staff/improvements/${NUMBER}?done=photosAdded#ir-photos`);
    const [row] = await photoRows();
    expect(row).toMatchObject({ stage: 'do', label: 'before', caption: '割れたベンチの板（修理前）', published: false, width: 1600, height: 1200 });
    const stored = await new LocalDiskPhotoStorage(path.join(dataDir, 'uploads')).get(row!.storageKey);
    expect(row!.storageKey.startsWith('improvements/')).toBe(true);
    expect((await sharp(stored!).metadata()).exif).toBeUndefined();
    expect(Buffer.from(stored!).includes(Buffer.from('ParkCam'))).toBe(false);

    const page = await (await get(app, `/staff/improvements/${NUMBER}`, cookies.doroStaff)).text();
    expect(page).toContain('写真（改善前・改善後）');
    // The upload form is offered to the owning 課 at DO (a multipart form), not to another 課.
    expect(page).toMatch(new RegExp(`<form method="post" action="/staff/improvements/${NUMBER}/photos" enctype="multipart/form-data"`, 'i'));
    expect(await (await get(app, `/staff/improvements/${NUMBER}`, cookies.shiminStaff)).text()).not.toContain(`action="/staff/improvements/${NUMBER}/photos"`);
    expect(page).toContain(`href="/staff/improvements/${NUMBER}/photos/${row!.id}"`);
    expect(page).toContain('alt="改善前：割れたベンチの板（修理前）"');
    const served = await get(app, `/staff/improvements/${NUMBER}/photos/${row!.id}`, cookies.shiminStaff);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('cache-control')).toMatch(/^private\b/);
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).exif).toBeUndefined();
    expect((await get(app, `/staff/improvements/${NUMBER}/photos/${row!.id}`)).status).toBe(302);
    expect((await get(app, `/staff/improvements/IR-2026-001/photos/${row!.id}`, cookies.reform)).status).toBe(404);
  });

  it('refuses what the residents\' form refuses, another 課, and any stage but DO and CHECK', async () => {
    const photo = await gpsJpeg('#468');
    const noPhoto = await app.fetch(`/staff/improvements/${NUMBER}/photos`, photoPost({ label: 'after', caption: '修理後' }, [], cookies.doroStaff));
    expect(noPhoto.status).toBe(400);
    expect(await noPhoto.text()).toContain('写真を1枚以上選んでください。');
    const notImage = await app.fetch(`/staff/improvements/${NUMBER}/photos`,
      photoPost({ label: 'after', caption: '修理後' }, [{ name: 'x.jpg', bytes: Buffer.from('not an image at all') }], cookies.doroStaff));
    expect(notImage.status).toBe(400);
    expect(await notImage.text()).toContain('写真はJPEG・PNG・WebPの画像を選んでください');
    const noCaption = await app.fetch(`/staff/improvements/${NUMBER}/photos`, photoPost({ label: 'after', caption: '' }, [{ name: 'a.jpg', bytes: photo }], cookies.doroStaff));
    expect(noCaption.status).toBe(400);

    expect((await app.fetch(`/staff/improvements/${NUMBER}/photos`,
      photoPost({ label: 'after', caption: '修理後' }, [{ name: 'a.jpg', bytes: photo }], cookies.shiminStaff))).status).toBe(403);

    await setStage('act');
    const late = await app.fetch(`/staff/improvements/${NUMBER}/photos`, photoPost({ label: 'after', caption: '修理後' }, [{ name: 'a.jpg', bytes: photo }], cookies.doroStaff));
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('写真を追加できるのは、DO（実施）とCHECK（効果の確認）の段階だけです。');
    expect(await photoRows()).toHaveLength(1);
    // Nothing refused was left in the store either (the sweep finds no orphan a day later).
    expect((await sweepOrphanPhotos(db, new LocalDiskPhotoStorage(path.join(dataDir, 'uploads')), new Date(Date.now() + 25 * 3_600_000))).deleted).toEqual([]);
  });

  it('takes after photos at CHECK', async () => {
    await setStage('check');
    const response = await app.fetch(`/staff/improvements/${NUMBER}/photos`, photoPost({ label: 'after', caption: '新しい板に交換したベンチ' },
      [{ name: 'after1.jpg', bytes: await gpsJpeg('#486') }, { name: 'after2.jpg', bytes: await gpsJpeg('#648') }], cookies.doroStaff));
    expect(response.status).toBe(302);
    expect((await photoRows()).map((r) => [r.stage, r.label])).toEqual([['do', 'before'], ['check', 'after'], ['check', 'after']]);
  });

  it('publishes none by default, then exactly the chosen ones, and only while the record is public', async () => {
    const [before, after1, after2] = await photoRows();
    const every = [before!, after1!, after2!].flatMap((p) => [publicUrl(NUMBER, p.id), publicUrl(NUMBER, p.id, true)]);
    const guesses = [...every, publicUrl('IR-2026-001', before!.id), publicUrl(NUMBER, after2!.id + 1), publicUrl(NUMBER, 0)];

    // Chosen before the record is public: still nothing public.
    const choose = await app.fetch(`/staff/improvements/${NUMBER}`, postForm({ intent: 'photos', photoIds: String(after1!.id) }, { cookie: cookies.reform }));
    expect(choose.status).toBe(302);
    expect((await photoRows()).map((r) => r.published)).toEqual([false, true, false]);
    expect((await app.fetch(`/improvements/${NUMBER}`)).status).toBe(404);
    expect(await statuses(guesses)).toEqual(guesses.map(() => 404));

    // Closed: the public page shows the chosen "after" photo, and only it answers.
    await setStage('closed');
    const html = await (await app.fetch(`/improvements/${NUMBER}`)).text();
    expect(html).toContain('改善前と改善後');
    expect(html).toContain(`href="${publicUrl(NUMBER, after1!.id)}"`);
    expect(html).toContain('alt="改善後：新しい板に交換したベンチ"');
    expect(html).not.toContain(`/photos/${before!.id}`);
    expect(html).not.toContain(`/photos/${after2!.id}`);
    const full = await app.fetch(publicUrl(NUMBER, after1!.id));
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/jpeg');
    await full.body?.cancel();
    expect(await statuses(guesses)).toEqual(guesses.map((url) => (url === publicUrl(NUMBER, after1!.id) || url === publicUrl(NUMBER, after1!.id, true) ? 200 : 404)));

    // Archived: off the public side again.
    await db.update(improvementRecords).set({ archivedAt: new Date(), archiveReason: 'テスト' }).where(eq(improvementRecords.id, recordId));
    expect(await statuses([publicUrl(NUMBER, after1!.id)])).toEqual([404]);
    await db.update(improvementRecords).set({ archivedAt: null, archiveReason: null }).where(eq(improvementRecords.id, recordId));
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, 'improvement.photos_publish'));
    expect(audit.map((a) => a.details)).toEqual([{ published: [after1!.id], private: [before!.id, after2!.id] }]);
  });

  it('lets only the reform team choose what is public', async () => {
    const [before] = await photoRows();
    const refused = await app.fetch(`/staff/improvements/${NUMBER}`, postForm({ intent: 'photos', photoIds: String(before!.id) }, { cookie: cookies.doroStaff }));
    expect(refused.status).toBe(403);
    expect((await photoRows()).map((r) => r.published)).toEqual([false, true, false]);
  });
});
