import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '#db/client';
import { emailOutbox, submissions } from '#db/schema/index';
import { emailTemplate } from '#emails/index';
import type { Logger } from '~/logger.server';
import { getCityInfo } from '~/domain/city.server';
import { renderEmail, UnsendableEmailError } from './render.server';
import { mailStopUrl } from './stop-link.server';
import type { SecretKeys } from '~/secret-keys.server';
import { MailSendError, type MailTransport } from './transport.server';

// The outbox worker (docs/decisions/email-outbox.md). Any number of these may run at once,
// in app instances or `npm run worker` processes: each claims due rows with
// FOR UPDATE SKIP LOCKED, marks them 'sending' with a lease, and settles each row only if it
// still holds the lease it took.

export interface OutboxWorkerOptions {
  db: Database;
  transport: MailTransport;
  logger: Logger;
  appUrl: string;
  mailFrom: string;
  /** Sign the stop links in resident mail. */
  keys: SecretKeys;
  now?: () => Date;
  batchSize?: number;
  /** How long a claim holds before another worker may take the row over (crashed worker). */
  leaseMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  maxAttempts?: number;
  random?: () => number;
  /** Asked between messages: on shutdown the rest of the batch is handed back at once. */
  shouldStop?: () => boolean;
}

export const OUTBOX_DEFAULTS = {
  batchSize: 10,
  leaseMs: 5 * 60_000,
  backoffBaseMs: 30_000,
  backoffCapMs: 60 * 60_000,
  // 30 s, 1, 2, 4, 8, 16, 32 min, then hourly: about three hours before a dead letter.
  maxAttempts: 10,
} as const;

/** What the provider id says when a message was deliberately not sent. */
export const SUPPRESSED_OPT_OUT = 'suppressed:opt-out';
/** Secret fields (tracking and sign-in links) are replaced by this once the provider has them. */
export const REMOVED_SECRET = '[removed after sending]';

export type ClaimedMessage = typeof emailOutbox.$inferSelect;

export interface OutboxRunReport {
  claimed: number;
  sent: number;
  retrying: number;
  dead: number;
  suppressed: number;
}

/** Delay before attempt n+1: base·2^(n−1), capped, plus up to 20 % jitter so retries spread. */
function retryDelayMs(attempts: number, base: number, cap: number, random: () => number = Math.random): number {
  const delay = Math.min(cap, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(delay + delay * 0.2 * random());
}

/** Takes up to `batchSize` due messages, and stale 'sending' rows whose worker died. */
export async function claimDueMessages(db: Database, options: { now: Date; batchSize: number; leaseMs: number }): Promise<ClaimedMessage[]> {
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(or(
      and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, options.now)),
      and(eq(emailOutbox.status, 'sending'), lt(emailOutbox.lockedUntil, options.now)),
    ))
    .orderBy(asc(emailOutbox.id))
    .limit(options.batchSize)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(emailOutbox)
    .set({
      status: 'sending',
      lockedUntil: new Date(options.now.getTime() + options.leaseMs),
      attempts: sql`${emailOutbox.attempts} + 1`,
    })
    .where(inArray(emailOutbox.id, due))
    .returning();
  return claimed.sort((a, b) => a.id - b.id);
}

type Settings = Required<Omit<OutboxWorkerOptions, 'db' | 'transport' | 'logger' | 'appUrl' | 'mailFrom' | 'keys' | 'shouldStop'>> & OutboxWorkerOptions;
type Outcome = 'sent' | 'retrying' | 'dead' | 'suppressed';

/** Writes the result only while this worker still holds the claim it took. */
async function settle(db: Database, message: ClaimedMessage, values: Partial<typeof emailOutbox.$inferInsert>): Promise<boolean> {
  const updated = await db
    .update(emailOutbox)
    .set({ lockedUntil: null, ...values })
    .where(and(eq(emailOutbox.id, message.id), eq(emailOutbox.status, 'sending'), eq(emailOutbox.attempts, message.attempts)))
    .returning({ id: emailOutbox.id });
  return updated.length === 1;
}

async function residentStoppedNotices(db: Database, submissionId: number): Promise<boolean> {
  const [row] = await db.select({ optOut: submissions.nonEssentialMailOptOut }).from(submissions).where(eq(submissions.id, submissionId));
  return row?.optOut ?? false;
}

/** The links of a rendered mail that carry one of its secrets (for the demo console). */
function secretLinksOf(html: string, payload: Record<string, unknown>, fields: readonly string[], stopUrl: string | undefined): string[] {
  const secrets = fields.map((f) => payload[f]).filter((v): v is string => typeof v === 'string' && v.length > 0 && v !== REMOVED_SECRET);
  if (stopUrl) secrets.push(stopUrl);
  const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  return [...new Set(links.filter((link) => secrets.some((secret) => link.includes(secret) || link.includes(encodeURIComponent(secret)))))];
}

function withoutSecrets(payload: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const kept = { ...payload };
  for (const field of fields) if (field in kept) kept[field] = REMOVED_SECRET;
  return kept;
}

async function deliver(message: ClaimedMessage, s: Settings, cityNames: Map<string, string>): Promise<Outcome> {
  const log = s.logger.child({ outboxId: message.id, template: message.template, attempt: message.attempts });
  const dead = async (reason: string): Promise<Outcome> => {
    await settle(s.db, message, { status: 'dead', lastError: reason });
    log.error({ reason }, 'email dead letter');
    return 'dead';
  };
  if (message.attempts > s.maxAttempts) return dead(`gave up after ${s.maxAttempts} attempts`);
  const template = emailTemplate(message.template);
  if (!template) return dead(`unknown email template "${message.template}"`);

  if (!template.essential && message.submissionId !== null && (await residentStoppedNotices(s.db, message.submissionId))) {
    await settle(s.db, message, { status: 'sent', sentAt: s.now(), providerMessageId: SUPPRESSED_OPT_OUT, lastError: null });
    log.info('email not sent: the resident stopped non-essential mail');
    return 'suppressed';
  }

  try {
    if (!cityNames.has(message.language)) cityNames.set(message.language, (await getCityInfo(s.db, message.language)).name);
    const stopUrl = template.audience === 'resident' && message.submissionId !== null ? mailStopUrl(s.appUrl, message.submissionId, s.keys) : undefined;
    const mail = await renderEmail(message.template, message.language, message.payload, { appUrl: s.appUrl, cityName: cityNames.get(message.language)!, stopUrl });
    if (mail.missingKeys.length > 0) log.warn({ missingKeys: mail.missingKeys }, 'email template lacks translations');
    // Mail clients offer a one-click "unsubscribe" for notices (RFC 8058); it posts to the stop link.
    const headers = stopUrl && !template.essential ? { 'List-Unsubscribe': `<${stopUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : undefined;
    const secretLinks = template.audience === 'staff' ? secretLinksOf(mail.html, message.payload, template.secretFields, stopUrl) : undefined;
    const { id } = await s.transport.send({
      from: s.mailFrom, to: message.toAddress, subject: mail.subject, html: mail.html, text: mail.text, idempotencyKey: message.idempotencyKey, headers, secretLinks,
    });
    // Once handed over (to the provider, or kept in the outbox, which staff read), the secrets
    // are forgotten: no staff page and no database reader may ever follow them.
    const payload = withoutSecrets(message.payload, template.secretFields);
    const settled = await settle(s.db, message, { status: 'sent', sentAt: s.now(), providerMessageId: id, lastError: null, payload });
    if (!settled) log.warn({ providerMessageId: id }, 'email sent after its claim expired; the provider drops the repeat by idempotency key');
    log.info({ providerMessageId: id }, 'email sent');
    return 'sent';
  } catch (error) {
    if (error instanceof UnsendableEmailError) return dead(error.message);
    const permanent = error instanceof MailSendError && !error.transient;
    const reason = error instanceof Error ? error.message : String(error);
    if (permanent) return dead(reason);
    if (message.attempts >= s.maxAttempts) return dead(`${reason} (gave up after ${message.attempts} attempts)`);
    const delay = retryDelayMs(message.attempts, s.backoffBaseMs, s.backoffCapMs, s.random);
    await settle(s.db, message, { status: 'pending', lastError: reason, nextAttemptAt: new Date(s.now().getTime() + delay) });
    log.warn({ reason, retryInMs: delay }, 'email send failed; will retry');
    return 'retrying';
  }
}

/** One pass: claim what is due and settle each message (sent, retry later, dead, suppressed). */
export async function runOutboxOnce(options: OutboxWorkerOptions): Promise<OutboxRunReport> {
  const s: Settings = { ...OUTBOX_DEFAULTS, now: () => new Date(), random: Math.random, ...options };
  const claimed = await claimDueMessages(s.db, { now: s.now(), batchSize: s.batchSize, leaseMs: s.leaseMs });
  const report: OutboxRunReport = { claimed: claimed.length, sent: 0, retrying: 0, dead: 0, suppressed: 0 };
  const cityNames = new Map<string, string>();
  for (const [i, message] of claimed.entries()) {
    if (s.shouldStop?.()) {
      // Not attempted: back to 'pending' without counting an attempt, for any worker to take.
      for (const untouched of claimed.slice(i)) {
        await settle(s.db, untouched, { status: 'pending', attempts: untouched.attempts - 1 });
      }
      report.claimed = i;
      break;
    }
    report[await deliver(message, s, cityNames)] += 1;
  }
  return report;
}
