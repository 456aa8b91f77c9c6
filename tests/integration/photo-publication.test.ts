import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { auditLog, categories, submissionPhotos, submissions } from '../../db/schema/index';
import { publishVoice, unpublishVoice } from '../../app/domain/publication.server';
import { newIdempotencyKey } from '../../app/domain/tracking-token.server';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { actorFor, demo } from '../support/actors';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';

// Publication of photos: none is public by default; the reform team ticks the ones that may go
// out; the public voice page, its photo addresses and Open311 media_url show those and only
// those, and only while the voice is published. Every other address — another id, another
// voice's receipt number, a thumbnail of a private photo — is a 404 (URL guessing).

process.env.CITIZEN_SUBMIT_LIMIT = '1000/600';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-photo-publication-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let db: Database;
let app: Awaited<ReturnType<typeof createTestApp>>;
let logins: DemoLogin[];
let receipt: string;
let voiceId: number;
let photoIds: number[];
let otherReceipt: string;
const cookies: Record<string, string> = {};

const jpeg = (colour: string) => sharp({ create: { width: 900, height: 600, channels: 3, background: colour } })
  .jpeg().withExif({ IFD0: { Make: 'PubCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 0/1 0/1' } }).toBuffer();

async function send(title: string, photos: Buffer[]) {
  const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.code, 'doro'));
  const form = new FormData();
  const fields = { idempotencyKey: newIdempotencyKey(), kind: 'request', categoryId: String(category!.id), title, body: '公園の遊具の鎖が切れています。', contactMode: 'anonymous', consentToPublish: 'on', website: '' };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [i, bytes] of photos.entries()) form.append('photos', new File([new Uint8Array(bytes)], `P${i}.jpg`, { type: 'image/jpeg' }));
  expect((await app.fetch('/send', { method: 'POST', body: form })).status).toBe(302);
  const [row] = await db.select().from(submissions).where(eq(submissions.title, title));
  return row!;
}

async function publish(id: number) {
  const [row] = await db.select({ version: submissions.version }).from(submissions).where(eq(submissions.id, id));
  await publishVoice(db, await actorFor(db, demo.reform), { submissionId: id, version: row!.version, title: '遊具の鎖', body: '公園の遊具の鎖が切れています。', reply: null });
}

const publicUrl = (r: string, id: number, thumb = false) => `/voices/${r}/photos/${id}${thumb ? '?size=thumb' : ''}`;

async function open311MediaUrl(r: string): Promise<string | null | undefined> {
  const response = await app.fetch('/open311/v2/requests.json?page_size=100');
  const list = (await response.json()) as { service_request_id: string; media_url: string | null }[];
  return list.find((x) => x.service_request_id === r)?.media_url;
}

/** Every public photo address we can think of for these ids, with the statuses seen. */
async function guessAll(ids: number[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const candidates = new Set<number>([...ids, 0, 1, 2, 3, Math.max(...ids) + 1, Math.max(...ids) + 2]);
  for (const r of [receipt, otherReceipt, '2026-000001']) {
    for (const id of candidates) {
      for (const thumb of [false, true]) {
        const response = await app.fetch(publicUrl(r, id, thumb));
        out[publicUrl(r, id, thumb)] = response.status;
        await response.body?.cancel();
      }
    }
  }
  return out;
}

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.db;
  ({ logins } = await seedDemo(db));
  app = await createTestApp(database, { DATA_DIR: dataDir, APP_URL: 'http://localhost:3000/' });
  for (const key of ['reform', 'doroStaff'] as const) {
    const login = logins.find((l) => l.email === demo[key])!;
    cookies[key] = await signIn(app, login.email, login.password);
  }
  const voice = await send('遊具の鎖が切れている', [await jpeg('#48a'), await jpeg('#a84')]);
  receipt = voice.receiptNumber;
  voiceId = voice.id;
  photoIds = (await db.select({ id: submissionPhotos.id }).from(submissionPhotos).where(eq(submissionPhotos.submissionId, voice.id))).map((p) => p.id).sort((a, b) => a - b);
  const other = await send('別の声の写真', [await jpeg('#8a4')]);
  otherReceipt = other.receiptNumber;
  await publish(voice.id);
  await publish(other.id);
});

describe('publishing photos', () => {
  it('publishes no photo by default, even when the voice is published', async () => {
    const html = await (await app.fetch(`/voices/${receipt}`)).text();
    expect(html).toContain('遊具の鎖');
    expect(html).not.toContain('/photos/');
    expect(Object.entries(await guessAll(photoIds)).filter(([, status]) => status !== 404)).toEqual([]);
    expect(await open311MediaUrl(receipt)).toBeNull();
    const staffPage = await (await get(app, `/staff/voices/${receipt}`, cookies.reform)).text();
    expect(staffPage).toContain('公開ページに載せる写真');
    for (const id of photoIds) expect(staffPage).toMatch(new RegExp(`<input type="checkbox" id="photo-publish-${id}" name="photoIds" value="${id}"/>`));
  });

  it('shows exactly the ticked photo on the public page, at its address and in Open311; nothing else answers', async () => {
    const [chosen, kept] = photoIds as [number, number];
    const [row] = await db.select({ version: submissions.version }).from(submissions).where(eq(submissions.id, voiceId));
    const response = await app.fetch(`/staff/voices/${receipt}`, postForm({ intent: 'photos', submissionId: String(voiceId), version: String(row!.version), photoIds: String(chosen) }, { cookie: cookies.reform }));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/staff/voices/${receipt}?done=photos`);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'voice.photos_publish'), eq(auditLog.entityId, String(voiceId))));
    expect(audit?.details).toMatchObject({ published: [chosen], private: [kept] });

    const html = await (await app.fetch(`/voices/${receipt}`)).text();
    expect(html).toContain(`href="${publicUrl(receipt, chosen)}"`);
    expect(html).toContain('alt="写真 1/1：遊具の鎖"');
    expect(html).not.toContain(`/photos/${kept}`);

    const full = await app.fetch(publicUrl(receipt, chosen));
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/jpeg');
    expect(full.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await full.arrayBuffer());
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('PubCam'))).toBe(false);

    const statuses = await guessAll(photoIds);
    const served = Object.entries(statuses).filter(([, status]) => status !== 404).map(([url]) => url).sort();
    expect(served).toEqual([publicUrl(receipt, chosen), publicUrl(receipt, chosen, true)].sort());
    expect(await open311MediaUrl(receipt)).toBe(`http://localhost:3000${publicUrl(receipt, chosen)}`);
  });

  it('takes the photo off the public side when the voice is unpublished', async () => {
    const [row] = await db.select({ version: submissions.version }).from(submissions).where(eq(submissions.id, voiceId));
    await unpublishVoice(db, await actorFor(db, demo.reform), { submissionId: voiceId, version: row!.version });
    expect(Object.entries(await guessAll(photoIds)).filter(([, status]) => status !== 404)).toEqual([]);
    expect((await open311MediaUrl(receipt)) ?? null).toBeNull();
    await publish(voiceId);
    expect((await app.fetch(publicUrl(receipt, photoIds[0]!))).status).toBe(200);
  });

  it('refuses the choice to staff without the publication right, changing nothing', async () => {
    const before = await db.select({ id: submissionPhotos.id, published: submissionPhotos.published }).from(submissionPhotos).where(eq(submissionPhotos.submissionId, voiceId));
    const response = await app.fetch(`/staff/voices/${receipt}`, postForm({ intent: 'photos', submissionId: String(voiceId), photoIds: String(photoIds[1]) }, { cookie: cookies.doroStaff }));
    expect(response.status).toBe(403);
    const after = await db.select({ id: submissionPhotos.id, published: submissionPhotos.published }).from(submissionPhotos).where(eq(submissionPhotos.submissionId, voiceId));
    expect(after).toEqual(before);
    const staffPage = await (await get(app, `/staff/voices/${receipt}`, cookies.doroStaff)).text();
    expect(staffPage).not.toContain('公開ページに載せる写真');
  });

  it('ignores ids of another voice\'s photos', async () => {
    const [otherPhoto] = await db.select({ id: submissionPhotos.id }).from(submissionPhotos).innerJoin(submissions, eq(submissions.id, submissionPhotos.submissionId)).where(eq(submissions.receiptNumber, otherReceipt));
    const form = new URLSearchParams({ intent: 'photos', submissionId: String(voiceId) });
    form.append('photoIds', String(otherPhoto!.id));
    const init = postForm({}, { cookie: cookies.reform });
    const response = await app.fetch(`/staff/voices/${receipt}`, { ...init, body: form });
    expect(response.status).toBe(302);
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(submissionPhotos).where(eq(submissionPhotos.published, true));
    expect(row!.n).toBe(0);
    expect((await app.fetch(publicUrl(otherReceipt, otherPhoto!.id))).status).toBe(404);
  });
});
