import type { Config } from '~/config.server';
import { startRollupRefreshLoop } from '~/domain/analytics/refresh-loop.server';
import { queueDailyDigest } from '~/domain/notifications.server';
import { japanDate } from '~/domain/fiscal-year';
import type { Logger } from '~/logger.server';
import { createKeptTransport, createResendTransport, type MailTransport } from './transport.server';
import { OUTBOX_DEFAULTS, runOutboxOnce, type OutboxWorkerOptions } from './worker.server';

export interface OutboxLoopOptions extends OutboxWorkerOptions {
  /** Pause between passes when the outbox is empty. */
  intervalMs?: number;
  /** The morning digest is queued at the first pass from this hour (Japan time) on. */
  digestHour?: number;
  /** Also refresh the analytics rollups, on their own schedule (app/domain/analytics/refresh-plan.ts). */
  refreshAnalytics?: boolean;
}

export interface OutboxLoop {
  /** Finishes the pass under way (no message is left half-settled), then stops. */
  stop(): Promise<void>;
}

const DIGEST_HOUR = 7;
// A backlog is worked through in passes of `batchSize`, but a pass never runs forever.
const MAX_BATCHES_PER_PASS = 20;

function japanHour(instant: Date): number {
  return Number(new Intl.DateTimeFormat('en-US', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Asia/Tokyo' }).format(instant));
}

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
): OutboxLoopOptions {
  return {
    db, logger, transport: transportFromConfig(config, logger), appUrl: config.APP_URL, mailFrom: config.MAIL_FROM, secret: config.SESSION_SECRET,
    refreshAnalytics: true,
  };
}

/**
 * Sends due mail every `intervalMs` and queues the daily digest once a day. Errors are logged
 * and the loop goes on: the outbox keeps every message until it is settled. With
 * `refreshAnalytics`, the analytics rollups are refreshed beside it, in a loop of their own so
 * that a long refresh never holds up the mail.
 */
export function startOutboxLoop(options: OutboxLoopOptions): OutboxLoop {
  const { intervalMs = 2_000, digestHour = DIGEST_HOUR, refreshAnalytics = false, ...workerOptions } = options;
  const rollups = refreshAnalytics
    ? startRollupRefreshLoop({ db: workerOptions.db, logger: workerOptions.logger.child({ component: 'analytics-rollups' }), now: workerOptions.now })
    : null;
  let stopping = false;
  const worker: OutboxWorkerOptions = { ...workerOptions, shouldStop: () => stopping };
  const now = worker.now ?? (() => new Date());
  const batchSize = worker.batchSize ?? OUTBOX_DEFAULTS.batchSize;
  let lastDigestDay: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  async function maybeQueueDigest() {
    const instant = now();
    const today = japanDate(instant);
    if (today === lastDigestDay || japanHour(instant) < digestHour) return;
    // Several workers may all do this; the outbox key digest:<date>:<user> keeps one copy.
    const queued = await queueDailyDigest(worker.db, instant);
    lastDigestDay = today;
    if (queued > 0) worker.logger.info({ day: today, queued }, 'daily digest queued');
  }

  async function pass() {
    try {
      await maybeQueueDigest();
      for (let i = 0; i < MAX_BATCHES_PER_PASS && !stopping; i++) {
        const report = await runOutboxOnce(worker);
        if (report.claimed < batchSize) break;
      }
    } catch (error) {
      worker.logger.error({ err: error }, 'email worker pass failed; will try again');
    }
  }

  function schedule() {
    if (stopping) return;
    timer = setTimeout(() => {
      current = pass().then(schedule);
    }, intervalMs);
  }

  current = pass().then(schedule);
  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await Promise.all([current, rollups?.stop()]);
    },
  };
}
