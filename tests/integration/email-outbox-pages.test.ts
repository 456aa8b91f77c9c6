import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { auditLog, emailOutbox } from '../../db/schema/index';
import { enqueueEmail } from '../../app/email/outbox.server';
import { getOutboxMessage, listOutbox, retryDeadLetter } from '../../app/email/outbox-admin.server';
import { createKeptTransport } from '../../app/email/transport.server';
import { runOutboxOnce } from '../../app/email/worker.server';
import { createLogger } from '../../app/logger.server';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { emailTemplateNames } from '../../emails/index';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';
import { secretKeysFrom } from '../../app/secret-keys.server';

const logger = createLogger('silent');
let db: Database;
let app: Awaited<ReturnType<typeof createTestApp>>;
let logins: DemoLogin[];
const cookies: Record<string, string> = {};
let keptReceiptId: number;
let deadId: number;

async function sendAllKept() {
  for (;;) {
    const report = await runOutboxOnce({
      db, logger, transport: createKeptTransport(logger), appUrl: app.config.APP_URL, mailFrom: 'x <x@example.jp>', keys: secretKeysFrom(app.config.SESSION_SECRET),
    });
    if (report.claimed === 0) return;
  }
}

beforeAll(async () => {
  const handle = await createTestDatabase();
  db = handle.db;
  logins = (await seedDemo(db)).logins;
  app = await createTestApp(handle);
  // The demo's receipts go out as kept mail (no RESEND_API_KEY), one message fails for good.
  await sendAllKept();
  await enqueueEmail(db, { template: 'receipt', to: 'unlucky@example.com', language: 'en', dedupeKey: 'dead-one', payload: { receiptNumber: '2026-000999', title: 'Bins', trackingToken: 'dead-token' } });
  const [dead] = await db.update(emailOutbox).set({ status: 'dead', attempts: 10, lastError: 'Resend: 422 validation_error: fake' })
    .where(eq(emailOutbox.toAddress, 'unlucky@example.com')).returning({ id: emailOutbox.id });
  deadId = dead!.id;
  const [kept] = await db.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.toAddress, 'hanako.yamada@example.com')).limit(1);
  keptReceiptId = kept!.id;
  for (const key of ['reform', 'admin', 'staff']) {
    const login = logins.find((l) => l.role === key)!;
    cookies[key] = await signIn(app, login.email, login.password);
  }
});

describe('outbox administration', () => {
  it('lists by status and tells kept mail from mail really sent', async () => {
    const all = await listOutbox(db, { status: 'all', page: 1 });
    expect(all.counts.kept).toBeGreaterThan(0);
    expect(all.counts.dead).toBe(1);
    expect(all.counts.all).toBe(all.counts.kept + all.counts.sent + all.counts.dead + all.counts.pending + all.counts.sending);
    const kept = await listOutbox(db, { status: 'kept', page: 1, pageSize: 2 });
    expect(kept.items.every((i) => i.status === 'kept')).toBe(true);
    expect(kept.items).toHaveLength(2);
    expect(kept.pageCount).toBe(Math.ceil(all.counts.kept / 2));
  });

  it('sends a dead letter again with its attempts reset, and only a dead one', async () => {
    const [other] = await db.insert(emailOutbox).values({ idempotencyKey: 'other-dead', template: 'receipt', toAddress: 'x@example.com', status: 'dead', attempts: 3 }).returning();
    expect(await retryDeadLetter(db, other!.id)).toBe(true);
    const retried = (await getOutboxMessage(db, other!.id))!;
    expect(retried).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await retryDeadLetter(db, other!.id)).toBe(false);
    expect(await retryDeadLetter(db, keptReceiptId)).toBe(false);
    await db.update(emailOutbox).set({ status: 'sent' }).where(eq(emailOutbox.id, other!.id));
  });
});

describe('/staff/outbox', () => {
  it('is for signed-in staff who manage mail', async () => {
    const anonymous = await get(app, '/staff/outbox');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/staff\/login/);
    expect((await get(app, '/staff/outbox', cookies.staff)).status).toBe(403);
    expect((await get(app, `/staff/outbox/${deadId}`, cookies.staff)).status).toBe(403);
    expect((await get(app, '/staff/email-previews', cookies.staff)).status).toBe(403);
  });

  it('names the page in the title of a refusal, in the reader\'s language', async () => {
    const titleOf = async (response: Response) => /<title>([^<]*)<\/title>/.exec(await response.text())?.[1];
    expect(await titleOf(await get(app, '/staff/outbox', cookies.staff))).toBe('この操作の権限がありません – 送信メール');
    expect(await titleOf(await get(app, `/staff/outbox/${deadId}`, cookies.staff))).toBe('この操作の権限がありません – 送信メール');
    expect(await titleOf(await get(app, '/staff/email-previews', cookies.staff))).toBe('この操作の権限がありません – メールのひな形');
    expect(await titleOf(await get(app, '/staff/outbox', `${cookies.staff}; meyasu_lang=en`)))
      .toBe('You do not have permission for this – Outgoing mail');
    expect(await titleOf(await get(app, '/staff/outbox/999999', cookies.reform))).toBe('見つかりません – 送信メール');
    expect(await titleOf(await get(app, '/mail/stop/not-a-real-token'))).toBe('このリンクは使えません – お知らせメールの停止');
  });

  it('shows kept mail offline, with residents\' addresses partly hidden', async () => {
    const response = await get(app, '/staff/outbox?status=kept', cookies.reform);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('メールは送信されずにここに保管されます');
    expect(html).toContain('h***@example.com');
    expect(html).not.toContain('hanako.yamada@example.com');
    expect(html).toContain('受領通知');
  });

  it('lets an admin send a failed message again', async () => {
    const list = await (await get(app, '/staff/outbox?status=dead', cookies.admin)).text();
    expect(list).toContain('422 validation_error');
    expect(list).toContain('再送する');
    const response = await app.fetch('/staff/outbox', postForm({ intent: 'retry', messageId: String(deadId) }, { cookie: cookies.admin }));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/staff/outbox?status=pending&retried=${deadId}`);
    expect((await getOutboxMessage(db, deadId))!).toMatchObject({ status: 'pending', attempts: 0 });
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'email.retry'));
    expect(audit!.entityId).toBe(String(deadId));
    // Again: it is no longer dead.
    const again = await app.fetch('/staff/outbox', postForm({ intent: 'retry', messageId: String(deadId) }, { cookie: cookies.admin }));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('再送できません');
    // An empty form is refused with a message, nothing written.
    expect((await app.fetch('/staff/outbox', postForm({}, { cookie: cookies.admin }))).status).toBe(400);
  });

  it('shows one message as the resident reads it, without its secret links, and audits the address', async () => {
    const response = await get(app, `/staff/outbox/${keptReceiptId}`, cookies.reform);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('hanako.yamada@example.com');
    // The tracking and stop links are the resident's alone (issue #13): left out, and said so.
    expect(html).not.toMatch(/\/track\/[A-Za-z0-9_-]{43}/);
    expect(html).not.toMatch(/\/mail\/stop\/\d+\.[A-Za-z0-9_-]{43}/);
    expect(html).toContain('秘密のリンクは表示していません');
    expect(html).toContain('<iframe');
    const views = await db.select().from(auditLog).where(eq(auditLog.action, 'contact.view'));
    expect(views.some((v) => (v.details as { outboxId?: number }).outboxId === keptReceiptId)).toBe(true);

    // An admin may manage mail but not see residents' contact details.
    const asAdmin = await (await get(app, `/staff/outbox/${keptReceiptId}`, cookies.admin)).text();
    expect(asAdmin).not.toContain('hanako.yamada@example.com');
    expect(asAdmin).toContain('h***@example.com');
    expect((await get(app, '/staff/outbox/999999', cookies.admin)).status).toBe(404);
  });

  it('previews every template in both languages', async () => {
    const html = await (await get(app, '/staff/email-previews', cookies.admin)).text();
    for (const name of emailTemplateNames) expect(html).toContain(`template=${name}&amp;language=en`);
    expect(html).toContain('受領通知');
    const english = await (await get(app, '/staff/email-previews?template=daily_digest&language=en', cookies.admin)).text();
    expect(english).toContain('items due or overdue');
  });
});
