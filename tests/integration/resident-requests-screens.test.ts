import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { categories, residentRequests, submissionContacts, users } from '../../db/schema/index';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { createSubmission } from '../../app/domain/submissions.server';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';

// The residents' requests screens (reform team) and the tracking page's "erase my contact
// details now", through the real request handler.

describe('residents\' requests on screen', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let logins: DemoLogin[];
  let recorder: string;
  let approver: string;
  const TOKEN = newSecretToken();

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ logins } = await seedDemo(database.db));
    app = await createTestApp(database);
    const reform = logins.find((l) => l.role === 'reform')!;
    recorder = await signIn(app, reform.email, reform.password);
    // A second member of the reform team decides (決裁).
    const other = logins.find((l) => l.role === 'doro-staff')!;
    await database.db.update(users).set({ role: 'reform' }).where(sql`lower(${users.email}) = ${other.email}`);
    approver = await signIn(app, other.email, other.password);
    const [category] = await database.db.select().from(categories).limit(1);
    await createSubmission(database.db, {
      kind: 'request', channel: 'web', categoryId: category!.id, language: 'ja', title: '公園の水飲み場', body: '伊藤五郎です。水が出ません。',
      contact: { familyName: '伊藤', givenName: '五郎', email: 'goro@example.jp' }, replyWanted: true, consentToPublish: false,
    }, { trackingToken: TOKEN });
  });

  it('records a disclosure request, refuses the recorder\'s own 決裁, and exports what is held after another person\'s', async () => {
    const list = await (await get(app, '/staff/requests', recorder)).text();
    expect(list).toContain('開示・訂正・利用停止の請求');
    const missing = await app.fetch('/staff/requests', postForm({ kind: 'disclosure', requesterName: '伊藤五郎', identityCheck: '運転免許証' }, { cookie: recorder }));
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('受付番号・メールアドレス・電話番号のどれかを入力してください。');

    const recorded = await app.fetch('/staff/requests', postForm({ kind: 'disclosure', requesterName: '伊藤五郎', identityCheck: '運転免許証', email: 'goro@example.jp' }, { cookie: recorder }));
    expect(recorded.status).toBe(302);
    const path = recorded.headers.get('location')!;
    const page = await (await get(app, path, recorder)).text();
    expect(page).toContain('該当する声（1件）');

    const own = await app.fetch(path, postForm({ intent: 'decide', decision: 'approve', note: '' }, { cookie: recorder }));
    expect(own.status).toBe(400);
    expect(await own.text()).toContain('請求を記録した本人は決裁できません。');
    const decided = await app.fetch(path, postForm({ intent: 'decide', decision: 'approve', note: '' }, { cookie: approver }));
    expect(decided.status).toBe(302);

    const json = await get(app, `${path}/held-data/json`, recorder);
    expect(json.headers.get('content-type')).toContain('application/json');
    const held = await json.json() as { voices: { contact: { email: string }; body: string }[] };
    expect(held.voices).toHaveLength(1);
    expect(held.voices[0]!.contact.email).toBe('goro@example.jp');
    const html = await (await get(app, `${path}/held-data/html`, recorder)).text();
    expect(html).toContain('保有個人情報開示書');
    expect(html).toContain('伊藤五郎です。水が出ません。');
    const id = Number(path.split('/').pop());
    const [row] = await database.db.select().from(residentRequests).where(eq(residentRequests.id, id));
    expect(row!.status).toBe('completed');
  });

  it('is closed to staff outside the reform team', async () => {
    const staff = logins.find((l) => l.role === 'staff')!;
    const cookie = await signIn(app, staff.email, staff.password);
    expect((await get(app, '/staff/requests', cookie)).status).toBe(403);
  });

  it('lets the resident erase their contact details from the tracking page', async () => {
    const before = await (await app.fetch(`/track/${TOKEN}`)).text();
    expect(before).toContain('お名前・連絡先を今すぐ消去する');
    const erased = await app.fetch(`/track/${TOKEN}`, { method: 'POST', body: new URLSearchParams({ intent: 'eraseContact' }), redirect: 'manual' });
    expect(erased.status).toBe(302);
    const after = await (await app.fetch(`/track/${TOKEN}?contactErased=1`)).text();
    expect(after).toContain('お名前・連絡先を消去しました。');
    expect(after).not.toContain('伊藤五郎');
    const contacts = await database.db.select().from(submissionContacts).where(eq(submissionContacts.email, 'goro@example.jp'));
    expect(contacts).toEqual([]);
  });
});
