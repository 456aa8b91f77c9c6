import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { submissions } from '../../db/schema/index';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { signStopToken, verifyStopToken } from '../../app/email/stop-link.server';
import { seedOrganisation } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { secretKeysFrom } from '../../app/secret-keys.server';

let db: Database;
let app: Awaited<ReturnType<typeof createTestApp>>;
let secret: string;

async function voice(email: string | null) {
  return createSubmission(db, {
    kind: 'idea', channel: 'web', categoryId: null, title: '図書館の開館時間', body: '夜も開けてほしい。', language: 'ja',
    contact: email ? { email } : null, replyWanted: true, consentToPublish: false,
  }, { trackingToken: newSecretToken() });
}

const optedOut = async (id: number) => (await db.select({ v: submissions.nonEssentialMailOptOut }).from(submissions).where(eq(submissions.id, id)))[0]!.v;

function post(path: string, body: Record<string, string>) {
  return app.fetch(path, { method: 'POST', body: new URLSearchParams(body), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

beforeAll(async () => {
  const handle = await createTestDatabase();
  db = handle.db;
  await seedOrganisation(db);
  app = await createTestApp(handle);
  secret = app.config.SESSION_SECRET;
});

describe('the stop link', () => {
  it('is signed: a changed id or signature is refused', () => {
    const token = signStopToken(12, secretKeysFrom(secret));
    expect(verifyStopToken(token, secretKeysFrom(secret))).toBe(12);
    expect(verifyStopToken(token.replace(/^12\./, '13.'), secretKeysFrom(secret))).toBeNull();
    expect(verifyStopToken(signStopToken(12, secretKeysFrom('another-secret-another-secret-another')), secretKeysFrom(secret))).toBeNull();
    expect(verifyStopToken('12', secretKeysFrom(secret))).toBeNull();
  });

  it('shows what will stop, and stops notices for every voice from that address, without JavaScript', async () => {
    const first = await voice('Resident@Example.com');
    const second = await voice('resident@example.com');
    const someoneElse = await voice('other@example.com');
    const path = `/mail/stop/${signStopToken(first.id, secretKeysFrom(secret))}`;

    const page = await app.fetch(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(first.receiptNumber);
    expect(html).toContain('お知らせメールを停止する');
    expect(html).toMatch(/<form method="post"/);
    expect(await optedOut(first.id)).toBe(false); // looking is not stopping (mail scanners open links)

    const stopped = await post(path, { intent: 'stop' });
    expect(stopped.status).toBe(303);
    expect(stopped.headers.get('Location')).toBe(path);
    expect(await optedOut(first.id)).toBe(true);
    expect(await optedOut(second.id)).toBe(true);
    expect(await optedOut(someoneElse.id)).toBe(false);
    const after = await (await app.fetch(path)).text();
    expect(after).toContain('お知らせメールを停止しました');
    expect(after).toContain('回答と中間回答のメールは、停止したあともお送りします');

    await post(path, { intent: 'resume' });
    expect(await optedOut(first.id)).toBe(false);
    expect(await optedOut(second.id)).toBe(false);
  });

  it('accepts a mail client one-click unsubscribe (RFC 8058)', async () => {
    const v = await voice('oneclick@example.com');
    const response = await post(`/mail/stop/${signStopToken(v.id, secretKeysFrom(secret))}`, { 'List-Unsubscribe': 'One-Click' });
    expect(response.status).toBe(303);
    expect(await optedOut(v.id)).toBe(true);
  });

  it('says clearly, in the reader language, when the link is broken', async () => {
    const v = await voice('broken@example.com');
    const broken = `/mail/stop/${signStopToken(v.id, secretKeysFrom(secret)).slice(0, -3)}`;
    const ja = await app.fetch(broken);
    expect(ja.status).toBe(404);
    expect(await ja.text()).toContain('このリンクは使えません');
    const en = await app.fetch(broken, { headers: { Cookie: 'meyasu_lang=en' } });
    expect(await en.text()).toContain('This link does not work');
    expect((await post(broken, { intent: 'stop' })).status).toBe(404);
    expect(await optedOut(v.id)).toBe(false);
  });
});
