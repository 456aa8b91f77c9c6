import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { emailOutbox, submissions } from '../../db/schema/index';
import { enqueueEmail } from '../../app/email/outbox.server';
import { createKeptTransport, createResendTransport, type MailTransport } from '../../app/email/transport.server';
import { claimDueMessages, REMOVED_SECRET, runOutboxOnce, SUPPRESSED_OPT_OUT, type OutboxWorkerOptions } from '../../app/email/worker.server';
import { createLogger } from '../../app/logger.server';
import { createSubmission } from '../../app/domain/submissions.server';
import { seedOrganisation } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createFakeResend } from '../support/msw-resend';
import { secretKeysFrom } from '../../app/secret-keys.server';

const resend = createFakeResend();
const logger = createLogger('silent');
let db: Database;
let clock: Date;
let counter = 0;

function worker(overrides: Partial<OutboxWorkerOptions> = {}): OutboxWorkerOptions {
  return {
    db,
    transport: createResendTransport({ apiKey: 're_test_key', timeoutMs: 100 }),
    logger,
    appUrl: 'https://meyasu.example.jp',
    mailFrom: 'さくら台市 <noreply@sakuradai.example.jp>',
    keys: secretKeysFrom('test-secret-test-secret-test-secret!!'),
    now: () => clock,
    backoffBaseMs: 1_000,
    backoffCapMs: 60_000,
    maxAttempts: 6,
    random: () => 0,
    ...overrides,
  };
}

/** Moves the injected clock past any backoff the worker chose. */
function later(ms = 120_000) {
  clock = new Date(clock.getTime() + ms);
}

async function queueReceipt(to = `resident${++counter}@example.com`, over: { trackingToken?: string; submissionId?: number } = {}) {
  await enqueueEmail(db, {
    template: 'receipt', to, language: 'ja', dedupeKey: `test-${counter}-${to}`, submissionId: over.submissionId,
    payload: { receiptNumber: `2026-9${String(counter).padStart(5, '0')}`, title: '歩道の段差', trackingToken: over.trackingToken ?? `token-${counter}` },
  });
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to));
  return row!;
}

async function outboxRow(id: number) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row!;
}

/** Runs a worker until nothing is due at the current clock. */
async function drain(options: OutboxWorkerOptions) {
  for (;;) {
    const report = await runOutboxOnce(options);
    if (report.claimed === 0) return;
  }
}

beforeAll(async () => {
  db = (await createTestDatabase()).db;
  await seedOrganisation(db);
  resend.server.listen({ onUnhandledRequest: 'error' });
});
afterAll(() => resend.server.close());
beforeEach(async () => {
  resend.reset();
  // Earlier tests' leftovers must not be sent by this one.
  await db.update(emailOutbox).set({ status: 'dead', lastError: 'test cleanup' }).where(sql`${emailOutbox.status} in ('pending', 'sending')`);
  clock = new Date(Date.now() + 1_000);
});

describe('sending through Resend', () => {
  it('sends subject, HTML and text to the resident with the outbox key as the Idempotency-Key', async () => {
    const row = await queueReceipt(undefined, { trackingToken: 'secret-tracking-token' });
    const report = await runOutboxOnce(worker());
    expect(report).toMatchObject({ claimed: 1, sent: 1 });
    expect(resend.requests).toHaveLength(1);
    const [request] = resend.requests;
    expect(request!.idempotencyKey).toBe(row.idempotencyKey);
    expect(request!.authorization).toBe('Bearer re_test_key');
    expect(request!.body.from).toBe('さくら台市 <noreply@sakuradai.example.jp>');
    expect(request!.body.subject).toContain(row.payload.receiptNumber as string);
    expect(request!.body.text).toContain('https://meyasu.example.jp/track/secret-tracking-token');
    const sent = await outboxRow(row.id);
    expect(sent.status).toBe('sent');
    expect(sent.providerMessageId).toBe(resend.deliveries[0]!.id);
    expect(sent.sentAt).not.toBeNull();
    // The tracking link opens the voice: once the provider has it, the outbox forgets it.
    expect(sent.payload.trackingToken).toBe(REMOVED_SECRET);
    expect(JSON.stringify(sent)).not.toContain('secret-tracking-token');
  });

  it('delivers exactly once after a provider that answered 500 for a while recovers', async () => {
    const row = await queueReceipt();
    resend.next(3, { kind: 'error', status: 500, name: 'internal_server_error' });
    expect(await runOutboxOnce(worker())).toMatchObject({ claimed: 1, retrying: 1 });
    const waiting = await outboxRow(row.id);
    expect(waiting.status).toBe('pending');
    expect(waiting.lastError).toMatch(/500/);
    // Backoff: nothing is due again until the clock passes next_attempt_at.
    expect(waiting.nextAttemptAt.getTime()).toBe(clock.getTime() + 1_000);
    expect(await runOutboxOnce(worker())).toMatchObject({ claimed: 0 });
    for (let i = 0; i < 5; i++) {
      later();
      await runOutboxOnce(worker());
    }
    const sent = await outboxRow(row.id);
    expect(sent.status).toBe('sent');
    expect(sent.attempts).toBe(4);
    expect(resend.requests.map((r) => r.idempotencyKey)).toEqual(Array(4).fill(row.idempotencyKey));
    expect(resend.deliveriesTo(row.toAddress)).toHaveLength(1);
  });

  it('waits twice as long after each failure, up to the cap', async () => {
    const row = await queueReceipt();
    resend.always({ kind: 'error', status: 503, name: 'application_error' });
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      await runOutboxOnce(worker({ backoffCapMs: 10_000 }));
      const r = await outboxRow(row.id);
      delays.push(r.nextAttemptAt.getTime() - clock.getTime());
      clock = r.nextAttemptAt;
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 10_000]);
  });

  it('delivers exactly once when the provider sent the mail but its answer came too late', async () => {
    const row = await queueReceipt();
    resend.next(2, { kind: 'slow', ms: 400 });
    await runOutboxOnce(worker());
    expect((await outboxRow(row.id)).lastError).toMatch(/no answer/);
    later();
    await runOutboxOnce(worker());
    later();
    await runOutboxOnce(worker());
    const sent = await outboxRow(row.id);
    expect(sent.status).toBe('sent');
    expect(resend.requests).toHaveLength(3);
    // The provider saw the same key three times and sent one mail.
    expect(resend.deliveriesTo(row.toAddress)).toHaveLength(1);
    expect(sent.providerMessageId).toBe(resend.deliveries[0]!.id);
  });

  it('retries a 429 (rate limit) but turns a permanent 4xx into a dead letter at once', async () => {
    const limited = await queueReceipt();
    resend.next(1, { kind: 'error', status: 429, name: 'rate_limit_exceeded' });
    await runOutboxOnce(worker());
    expect((await outboxRow(limited.id)).status).toBe('pending');
    later();
    await runOutboxOnce(worker());
    expect((await outboxRow(limited.id)).status).toBe('sent');

    const rejected = await queueReceipt('not-an-address@example.com');
    resend.next(1, { kind: 'error', status: 422, name: 'validation_error' });
    expect(await runOutboxOnce(worker())).toMatchObject({ claimed: 1, dead: 1 });
    const dead = await outboxRow(rejected.id);
    expect(dead.status).toBe('dead');
    expect(dead.attempts).toBe(1);
    expect(dead.lastError).toMatch(/422 validation_error/);
    later(3_600_000);
    expect(await runOutboxOnce(worker())).toMatchObject({ claimed: 0 });
    expect(resend.deliveriesTo(rejected.toAddress)).toHaveLength(0);
  });

  it('gives up after the last attempt and keeps the message as a dead letter', async () => {
    const row = await queueReceipt();
    resend.always({ kind: 'error', status: 500, name: 'internal_server_error' });
    for (let i = 0; i < 8; i++) {
      await runOutboxOnce(worker({ maxAttempts: 3 }));
      later();
    }
    const dead = await outboxRow(row.id);
    expect(dead.status).toBe('dead');
    expect(dead.attempts).toBe(3);
    expect(dead.lastError).toMatch(/gave up after 3 attempts/);
    expect(resend.requests).toHaveLength(3);
  });

  it('turns a payload that does not fit its template into a dead letter and sends the rest', async () => {
    await enqueueEmail(db, { template: 'receipt', to: 'broken@example.com', language: 'ja', dedupeKey: 'broken', payload: { receiptNumber: '2026-000001' } });
    await enqueueEmail(db, { template: 'no_such_template', to: 'unknown@example.com', language: 'ja', dedupeKey: 'unknown', payload: {} });
    const good = await queueReceipt();
    const report = await runOutboxOnce(worker());
    expect(report).toMatchObject({ claimed: 3, sent: 1, dead: 2 });
    const [broken] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'broken@example.com'));
    expect(broken!.lastError).toMatch(/payload does not fit template "receipt".*title.*trackingToken/);
    const [unknown] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'unknown@example.com'));
    expect(unknown!.lastError).toMatch(/unknown email template "no_such_template"/);
    expect((await outboxRow(good.id)).status).toBe('sent');
  });
});

describe('several workers', () => {
  it('send each message exactly once when two run at the same time', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 24; i++) ids.push((await queueReceipt(`crowd${i}@example.com`)).id);
    // On PostgreSQL each worker gets its own connection; open them first so both start at once.
    await Promise.all(Array.from({ length: 4 }, () => db.execute(sql`select 1`)));
    await Promise.all([drain(worker({ batchSize: 2 })), drain(worker({ batchSize: 2 }))]);
    const keys = resend.requests.map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(24);
    expect(new Set(keys).size).toBe(24);
    const rows = await db.select().from(emailOutbox).where(sql`${emailOutbox.id} in ${ids}`);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('take over a message whose worker died while sending, once its lease runs out', async () => {
    const row = await queueReceipt();
    // A worker claims the message and dies before settling it.
    const [claimed] = await claimDueMessages(db, { now: clock, batchSize: 10, leaseMs: 60_000 });
    expect(claimed!.id).toBe(row.id);
    expect(await runOutboxOnce(worker())).toMatchObject({ claimed: 0 });
    later(60_001);
    expect(await runOutboxOnce(worker())).toMatchObject({ claimed: 1, sent: 1 });
    const sent = await outboxRow(row.id);
    expect(sent.attempts).toBe(2);
    expect(resend.deliveriesTo(row.toAddress)).toHaveLength(1);
  });

  it('hand back the rest of a batch, unattempted, when a worker is told to stop', async () => {
    const rows = [await queueReceipt(), await queueReceipt(), await queueReceipt()];
    // Told to stop once the first message has gone out.
    const report = await runOutboxOnce(worker({ shouldStop: () => resend.requests.length >= 1 }));
    expect(report).toMatchObject({ claimed: 1, sent: 1 });
    const after = await Promise.all(rows.map((r) => outboxRow(r.id)));
    expect(after.map((r) => [r.status, r.attempts])).toEqual([['sent', 1], ['pending', 0], ['pending', 0]]);
    // Another worker takes them at once.
    expect(await runOutboxOnce(worker())).toMatchObject({ claimed: 2, sent: 2 });
  });
});

describe('without a mail provider', () => {
  it('keeps the message for the staff page, without its secret link, and sends nothing', async () => {
    const row = await queueReceipt(undefined, { trackingToken: 'kept-token' });
    const transport: MailTransport = createKeptTransport(logger);
    expect(await runOutboxOnce(worker({ transport }))).toMatchObject({ sent: 1 });
    const kept = await outboxRow(row.id);
    expect(kept.status).toBe('sent');
    expect(kept.providerMessageId).toMatch(/^kept:/);
    // Staff who read the outbox are not the addressee: the tracking link is not kept (issue #13).
    expect(kept.payload.trackingToken).toBe(REMOVED_SECRET);
    expect(JSON.stringify(kept)).not.toContain('kept-token');
    expect(resend.requests).toHaveLength(0);
  });
});

describe('residents who stopped notices', () => {
  it('get no non-essential mail queued before they stopped it, but still their replies', async () => {
    const voice = await createSubmission(db, {
      kind: 'request', channel: 'web', categoryId: null, title: '公園の照明', body: '暗いです。', language: 'ja',
      contact: { email: 'stopped@example.com' }, replyWanted: true, consentToPublish: false,
    }, { trackingToken: 'stopped-token', now: clock });
    await enqueueEmail(db, {
      template: 'status_change', to: 'stopped@example.com', language: 'ja', dedupeKey: 'closed', submissionId: voice.id,
      payload: { receiptNumber: voice.receiptNumber, title: '公園の照明', status: 'closed' },
    });
    await enqueueEmail(db, {
      template: 'reply', to: 'stopped@example.com', language: 'ja', dedupeKey: 'reply', submissionId: voice.id,
      payload: { receiptNumber: voice.receiptNumber, title: '公園の照明', replyBody: '照明を増やしました。' },
    });
    await db.update(submissions).set({ nonEssentialMailOptOut: true }).where(eq(submissions.id, voice.id));
    const report = await runOutboxOnce(worker());
    expect(report).toMatchObject({ claimed: 3, sent: 2, suppressed: 1 });
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.submissionId, voice.id));
    expect(mails.find((m) => m.template === 'status_change')!.providerMessageId).toBe(SUPPRESSED_OPT_OUT);
    expect(resend.deliveriesTo('stopped@example.com').map((d) => d.subject)).toHaveLength(2);
    // Every resident mail carries the stop link for this voice.
    const stopLink = new RegExp(`https://meyasu\\.example\\.jp/mail/stop/${voice.id}\\.[A-Za-z0-9_-]{43}`);
    for (const delivery of resend.deliveriesTo('stopped@example.com')) expect(delivery.text).toMatch(stopLink);
  });
});

describe('a business change that rolls back', () => {
  it('leaves no mail in the outbox', async () => {
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox);
    await expect(db.transaction(async (tx) => {
      await enqueueEmail(tx, { template: 'receipt', to: 'rollback@example.com', language: 'ja', dedupeKey: 'rollback', payload: { receiptNumber: '1', title: 't', trackingToken: 'x' } });
      throw new Error('the business change failed after queueing its mail');
    })).rejects.toThrow('business change failed');
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'rollback@example.com'))).toHaveLength(0);
  });
});
