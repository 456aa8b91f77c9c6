import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { emailOutbox, submissionContacts, submissionPhotos, submissions } from '../../db/schema/index';
import { hashSecretToken } from '../../app/domain/secret-token.server';
import { newIdempotencyKey } from '../../app/domain/tracking-token.server';
import { LocalDiskPhotoStorage } from '../../app/storage/photo-storage.server';
import { seedOrganisation } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';

// The send form through the real Remix handler: the route, the multipart reader, the
// schema, the photo cleaner and createSubmission together.

process.env.CITIZEN_SUBMIT_LIMIT = '1000/600';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-send-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let db: Database;
let app: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.db;
  await seedOrganisation(db);
  app = await createTestApp(database, { DATA_DIR: dataDir });
});

function voiceForm(fields: Record<string, string> = {}, files: File[] = []): FormData {
  const form = new FormData();
  const all = { idempotencyKey: newIdempotencyKey(), kind: 'complaint', categoryId: '', title: '歩道の段差', body: '駅前の歩道に段差があり、車いすで通れません。', contactMode: 'anonymous', website: '', ...fields };
  for (const [k, v] of Object.entries(all)) form.append(k, v);
  if (files.length === 0) form.append('photos', new File([], '', { type: 'application/octet-stream' }));
  for (const file of files) form.append('photos', file);
  return form;
}

const post = (form: FormData, headers: Record<string, string> = {}) => app.fetch('/send', { method: 'POST', body: form, headers });
const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(submissions))[0]!.n;

async function gpsJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#4a7' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'MeyasuTestCam', Model: 'GPS-1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 2200/100', GPSLongitudeRef: 'E', GPSLongitude: '139/1 41/1 3000/100' },
    })
    .toBuffer();
}

describe('sending a voice from the web form', () => {
  it('shows the form with a fresh idempotency key and the purpose of use', async () => {
    const response = await app.fetch('/send');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/name="idempotencyKey" value="[A-Za-z0-9_-]{43}"/);
    expect(html).toContain('個人情報の利用目的');
    expect(html.toLowerCase()).toContain('enctype="multipart/form-data"');
  });

  it('receives an anonymous complaint, redirects to its tracking page, and the page shows 受付', async () => {
    const before = await count();
    const response = await post(voiceForm());
    expect(response.status).toBe(302);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/^\/track\/[A-Za-z0-9_-]{43}\?new=1$/);
    expect(await count()).toBe(before + 1);
    const token = location.slice('/track/'.length, location.indexOf('?'));
    const [row] = await db.select().from(submissions).where(eq(submissions.trackingTokenHash, hashSecretToken(token)));
    expect(row).toMatchObject({ kind: 'complaint', channel: 'web', anonymous: true, language: 'ja', status: 'received' });
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);

    const page = await app.fetch(location);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    const html = await page.text();
    expect(html).toContain(row!.receiptNumber);
    expect(html).toContain('送信しました');
    expect(html).toMatch(/data-status="received"[^>]*>受付</);
    expect(html).toContain('ブックマーク');
  });

  it('stores a named contact apart, normalises the postcode and queues the receipt mail', async () => {
    const response = await post(voiceForm({
      kind: 'request', contactMode: 'named', familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ',
      email: 'hanako@example.jp', replyWanted: 'on', consentToPublish: 'on', postcode: '１２３－４５６７', placeText: '駅前',
    }));
    expect(response.status).toBe(302);
    const token = response.headers.get('location')!.split('/')[2]!.split('?')[0]!;
    const [row] = await db.select().from(submissions).where(eq(submissions.trackingTokenHash, hashSecretToken(token)));
    expect(row).toMatchObject({ anonymous: false, replyWanted: true, consentToPublish: true, postcode: '1234567', placeText: '駅前' });
    const [contact] = await db.select().from(submissionContacts).where(eq(submissionContacts.submissionId, row!.id));
    expect(contact).toMatchObject({ familyName: '山田', givenName: '花子', email: 'hanako@example.jp' });
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.submissionId, row!.id));
    expect(mails.map((m) => [m.template, m.toAddress, (m.payload as { trackingToken?: string }).trackingToken])).toEqual([['receipt', 'hanako@example.jp', token]]);
    const html = await (await app.fetch(`/track/${token}?new=1`)).text();
    expect(html).toContain('受付のお知らせとこのリンクをお送りします');
  });

  it('under 匿名, sends the voice without what sits in the (hidden) contact fields: no contact kept, no mail', async () => {
    // The old trap: 匿名 left chosen, a name and an email typed and 回答を希望する ticked gave two errors.
    const response = await post(voiceForm({ familyName: '山田', givenName: '花子', email: 'hanako@example.jp', phone: '090-1234-5678', replyWanted: 'on' }));
    expect(response.status).toBe(302);
    const token = response.headers.get('location')!.split('/')[2]!.split('?')[0]!;
    const [row] = await db.select().from(submissions).where(eq(submissions.trackingTokenHash, hashSecretToken(token)));
    expect(row).toMatchObject({ anonymous: true, replyWanted: false });
    expect(await db.select().from(submissionContacts).where(eq(submissionContacts.submissionId, row!.id))).toEqual([]);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.submissionId, row!.id))).toEqual([]);
    const html = await (await app.fetch('/send')).text();
    expect(html).toContain('入力欄に何か書いてあっても送りません');
  });

  it('refuses invalid input with the Japanese messages and keeps what was typed', async () => {
    const before = await count();
    const response = await post(voiceForm({ kind: '', title: '', body: 'あ'.repeat(4001), postcode: '12-345', contactMode: 'named', replyWanted: 'on' }));
    expect(response.status).toBe(400);
    const html = await response.text();
    for (const message of ['声の種類を選んでください', '件名を入力してください', '内容は4,000文字以内で入力してください',
      '郵便番号は7桁の数字で入力してください', '姓を入力してください', '回答を希望する場合は、メールアドレスか電話番号を入力してください']) {
      expect(html).toContain(message);
    }
    expect(html).toContain('value="12-345"');
    expect(await count()).toBe(before);
  });

  it('answers in English when the resident chose English', async () => {
    const response = await post(voiceForm({ title: '' }), { Cookie: 'meyasu_lang=en' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Enter a subject');
  });

  it('counts the 4,000 characters as the resident sees them (CRLF newlines count once)', async () => {
    const body = `${'あ'.repeat(1999)}\r\n${'い'.repeat(2000)}`;
    const response = await post(voiceForm({ body }));
    expect(response.status).toBe(302);
  });

  it('turns a double submit of one form into one voice with the same receipt', async () => {
    const key = newIdempotencyKey();
    const before = await count();
    const first = await post(voiceForm({ idempotencyKey: key }));
    const second = await post(voiceForm({ idempotencyKey: key }));
    expect(first.status).toBe(302);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await count()).toBe(before + 1);
  });

  it('turns concurrent submits with one idempotency key into exactly one voice', async () => {
    const key = newIdempotencyKey();
    const before = await count();
    const responses = await Promise.all(Array.from({ length: 6 }, () => post(voiceForm({ idempotencyKey: key, title: '同時に送信' }))));
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(302));
    expect(new Set(responses.map((r) => r.headers.get('location'))).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('ignores a form whose honeypot field was filled', async () => {
    const before = await count();
    const response = await post(voiceForm({ website: 'http://spam.example' }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('送信を受け付けられませんでした');
    expect(await count()).toBe(before);
  });

  it('refuses a request body over 35 MB with 413 and a translated message', async () => {
    const big = new File([new Uint8Array(36 * 1024 * 1024)], 'huge.jpg', { type: 'image/jpeg' });
    const response = await post(voiceForm({}, [big]));
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('送信する内容が大きすぎます');
  });
});

describe('photos', () => {
  it('stores a photo resized and without any EXIF or GPS data', async () => {
    const original = await gpsJpeg();
    const originalMeta = await sharp(original).metadata();
    expect(originalMeta.exif).toBeDefined();
    expect(original.includes(Buffer.from('MeyasuTestCam'))).toBe(true);

    const response = await post(voiceForm({}, [new File([new Uint8Array(original)], 'IMG_0001.jpg', { type: 'image/jpeg' })]));
    expect(response.status).toBe(302);
    const token = response.headers.get('location')!.split('/')[2]!.split('?')[0]!;
    const [row] = await db.select().from(submissions).where(eq(submissions.trackingTokenHash, hashSecretToken(token)));
    const photos = await db.select().from(submissionPhotos).where(eq(submissionPhotos.submissionId, row!.id));
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ mimeType: 'image/jpeg', width: 1600, height: 1200 });

    const stored = await new LocalDiskPhotoStorage(path.join(dataDir, 'uploads')).get(photos[0]!.storageKey);
    expect(stored).not.toBeNull();
    const bytes = Buffer.from(stored!);
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
    expect(bytes.includes(Buffer.from('MeyasuTestCam'))).toBe(false);
    expect(photos[0]!.bytes).toBe(bytes.length);
  });

  it('refuses a file that is not a JPEG, PNG or WebP image, whatever its name says', async () => {
    const before = await count();
    const fake = new File([new TextEncoder().encode('%PDF-1.4 not an image')], 'photo.jpg', { type: 'image/jpeg' });
    const response = await post(voiceForm({ title: '写真つき' }, [fake]));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('写真はJPEG・PNG・WebPの画像を選んでください');
    expect(html).toContain('value="写真つき"');
    expect(await count()).toBe(before);
  });

  it('refuses a photo over 10 MB with a field error, keeping the rest of the form', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
    const padded = Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]);
    const response = await post(voiceForm({ title: '大きな写真' }, [new File([new Uint8Array(padded)], 'big.png', { type: 'image/png' })]));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('写真は1枚10MB以下にしてください');
    expect(html).toContain('value="大きな写真"');
  });

  it('refuses more than 3 photos', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
    const files = Array.from({ length: 4 }, (_, i) => new File([new Uint8Array(png)], `p${i}.png`, { type: 'image/png' }));
    const response = await post(voiceForm({}, files));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('写真は3枚まで選べます');
  });
});

describe('the tracking link', () => {
  it('answers a wrong or malformed token with a 404 page that helps (not the bare one)', async () => {
    for (const token of [newIdempotencyKey(), 'short', `${'A'.repeat(43)}`]) {
      const response = await app.fetch(`/track/${token}`);
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain('このリンクでは声が見つかりません');
      expect(html).toContain('リンク全体をブラウザーのアドレス欄に貼り付けて');
      expect(html).not.toContain('class="receipt-number"');
      // A cut-short address says so; a full-length one cannot be told apart from any other.
      expect(html.includes('リンクが途中で切れているようです'), token).toBe(token === 'short');
    }
  });
});
