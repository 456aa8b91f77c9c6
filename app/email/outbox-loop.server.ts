import type { Config } from '~/config.server';
import { queueDailyDigest } from '~/email/notifications.server';
import { japanDate, japanHour } from '~/japan-time';
import type { JobDefinition } from '~/jobs/registry.server';
import type { Logger } from '~/logger.server';
import { createKeptTransport, createResendTransport, type MailTransport } from './transport.server';
import { secretKeysFrom } from '~/secret-keys.server';
import { OUTBOX_DEFAULTS, runOutboxOnce, type OutboxWorkerOptions } from './worker.server';

const DIGEST_HOUR = 7;
// A backlog is worked through in passes of `batchSize`, but a pass never runs forever.
const MAX_BATCHES_PER_PASS = 20;

/**
 * The transport the configuration asks for: Resend with a key, else kept in the outbox. On the
 * embedded demo database (no DATABASE_URL) kept sign-in links are printed to the console.
 */
export function transportFromConfig(config: Pick<Config, 'RESEND_API_KEY' | 'NODE_ENV'> & Partial<Pick<Config, 'DATABASE_URL'>>, logger: Logger): MailTransport {
  if (config.RESEND_API_KEY) return createResendTransport({ apiKey: config.RESEND_API_KEY });
  const log = config.NODE_ENV === 'production' ? logger.warn.bind(logger) : logger.info.bind(logger);
  log('RESEND_API_KEY is not set: mail is kept in the outbox and shown on /staff/outbox without its secret links, not sent');
  return createKeptTransport(logger, { printSecretLinks: !config.DATABASE_URL });
}

export function workerOptionsFromConfig(
  config: Pick<Config, 'RESEND_API_KEY' | 'NODE_ENV' | 'APP_URL' | 'MAIL_FROM' | 'SESSION_SECRET'> & Partial<Pick<Config, 'DATABASE_URL'>>,
  db: OutboxWorkerOptions['db'],
  logger: Logger,
): OutboxWorkerOptions {
  return { db, logger, transport: transportFromConfig(config, logger), appUrl: config.APP_URL, mailFrom: config.MAIL_FROM, keys: secretKeysFrom(config.SESSION_SECRET) };
}

/** Sends due mail: claims what is due, a batch at a time, until the outbox is empty or a pass is long enough. */
export function outboxJob(options: OutboxWorkerOptions & { intervalMs?: number }): JobDefinition {
  const { intervalMs = 2_000, ...workerOptions } = options;
  const batchSize = workerOptions.batchSize ?? OUTBOX_DEFAULTS.batchSize;
  return {
    name: 'outbox',
    intervalMs,
    async run({ shouldStop }) {
      const worker: OutboxWorkerOptions = { ...workerOptions, shouldStop };
      for (let i = 0; i < MAX_BATCHES_PER_PASS && !shouldStop(); i++) {
        const report = await runOutboxOnce(worker);
        if (report.claimed < batchSize) break;
      }
    },
  };
}

/**
 * Queues the morning digest once a day from `digestHour` (Japan time). Several workers may all
 * do it; the outbox key digest:<date>:<user> keeps one copy.
 */
export function dailyDigestJob(options: { digestHour?: number; intervalMs?: number } = {}): JobDefinition {
  const { digestHour = DIGEST_HOUR, intervalMs = 60_000 } = options;
  let lastDigestDay: string | null = null;
  return {
    name: 'daily-digest',
    intervalMs,
    async run({ db, logger, now }) {
      const instant = now();
      const today = japanDate(instant);
      if (today === lastDigestDay || japanHour(instant) < digestHour) return;
      const queued = await queueDailyDigest(db, instant);
      lastDigestDay = today;
      if (queued > 0) logger.info({ day: today, queued }, 'daily digest queued');
    },
  };
}
