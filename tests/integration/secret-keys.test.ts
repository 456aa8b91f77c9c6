import { createCipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { decryptTotpSecret, newTotpSecret } from '../../app/auth/totp.server';
import { createSubmission } from '../../app/domain/submissions.server';
import { newIdempotencyKey, storedIdempotencyKey } from '../../app/domain/tracking-token.server';
import { seedOrganisation } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';

// SESSION_SECRET now gives one key per purpose (app/secret-keys.server.ts). What residents and
// staff already hold — tracking links, stop links in mail, TOTP secrets stored encrypted — was
// made the old way, written out here as it was, and must keep working.

let db: Database;
let app: Awaited<ReturnType<typeof createTestApp>>;
const secret = 'an-older-session-secret-of-the-city-hall';

beforeAll(async () => {
  const handle = await createTestDatabase();
  [db, app] = [handle.db, await createTestApp(handle, { SESSION_SECRET: secret })];
  await seedOrganisation(db);
});

const oldHmac = (text: string) => createHmac('sha256', secret).update(text, 'utf8').digest('base64url');

function oldTotpCiphertext(totpSecret: string): string {
  const key = Buffer.from(hkdfSync('sha256', secret, 'meyasu', 'totp-secret-v1', 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(totpSecret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

async function voiceSentBeforeTheChange() {
  const key = newIdempotencyKey();
  const trackingToken = oldHmac(`tracking:${key}`);
  const voice = await createSubmission(db, {
    kind: 'request', channel: 'web', categoryId: null, title: '鍵の分離より前の声', body: '以前に送った声です。', language: 'ja',
    contact: { email: 'resident@example.com' }, replyWanted: true, consentToPublish: false,
  }, { trackingToken, idempotencyKey: storedIdempotencyKey(key) });
  return { ...voice, key, trackingToken };
}

describe('secrets made before the keys were split', () => {
  it('keeps an old tracking link working, and a replay of the old form gets that same link back', async () => {
    const old = await voiceSentBeforeTheChange();
    const page = await app.fetch(`/track/${old.trackingToken}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(old.receiptNumber);

    const form = new FormData();
    const fields = { idempotencyKey: old.key, kind: 'request', categoryId: '', title: '鍵の分離より前の声', body: '以前に送った声です。', contactMode: 'anonymous', website: '' };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('photos', new File([], '', { type: 'application/octet-stream' }));
    const replay = await app.fetch('/send', { method: 'POST', body: form });
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toBe(`/track/${old.trackingToken}?new=1`);
  });

  it('keeps an old stop link in a resident mail working, and new links are signed with their own key', async () => {
    const old = await voiceSentBeforeTheChange();
    const oldLink = `/mail/stop/${old.id}.${oldHmac(`mail-stop:${old.id}`)}`;
    const page = await app.fetch(oldLink);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(old.receiptNumber);
    // A link for another voice cannot be made from this one.
    expect((await app.fetch(`/mail/stop/${old.id + 1}.${oldHmac(`mail-stop:${old.id}`)}`)).status).toBe(404);
  });

  it('still reads a TOTP secret stored encrypted the old way', () => {
    const totpSecret = newTotpSecret();
    expect(decryptTotpSecret(oldTotpCiphertext(totpSecret), app.config.keys)).toBe(totpSecret);
  });

  it('derives a different key for each purpose, none of them the secret itself', () => {
    const { totpSecrets, deviceCookies, trackingLinks, stopLinks } = app.config.keys;
    const keys = [totpSecrets, deviceCookies, trackingLinks, stopLinks].map((k) => k.toString('hex'));
    expect(new Set(keys).size).toBe(4);
    expect(keys).not.toContain(Buffer.from(secret).toString('hex'));
  });
});
