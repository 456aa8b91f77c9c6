import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { sql } from 'drizzle-orm';
import type { Database } from '#db/client';
import { rateLimits } from '#db/schema/index';

// Limits live in the database (rate-limiter-flexible's Drizzle store), so they hold across
// every app instance and on both drivers.

export interface LimitRule {
  /** Distinguishes limiters sharing the table, e.g. "submit-ip" or "login-account". */
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  /** Once exceeded, refuse for this long (lockout). */
  blockSeconds?: number;
}

/**
 * The library's Drizzle store reads then writes, so concurrent first requests in a window
 * each reset the count (tests/integration/rate-limit.test.ts caught it on PostgreSQL). This
 * store does the same upsert as one atomic statement.
 */
class AtomicRateLimiterDrizzle extends RateLimiterDrizzle {
  private readonly db: Database;

  constructor(options: ConstructorParameters<typeof RateLimiterDrizzle>[0] & { storeClient: Database }) {
    super(options);
    this.db = options.storeClient;
  }

  async _upsert(key: string, points: number, msDuration: number, forceExpire = false) {
    const now = new Date();
    const expire = msDuration > 0 ? new Date(now.getTime() + msDuration) : null;
    const restart = sql`(${forceExpire}::boolean or ${rateLimits.expire} is null or ${rateLimits.expire} <= ${now.toISOString()}::timestamptz)`;
    const [row] = await this.db
      .insert(rateLimits)
      .values({ key, points, expire })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          points: sql`case when ${restart} then excluded.points else ${rateLimits.points} + excluded.points end`,
          expire: sql`case when ${restart} then excluded.expire else ${rateLimits.expire} end`,
        },
      })
      .returning();
    return row;
  }
}

const limiters = new WeakMap<Database, Map<string, RateLimiterDrizzle>>();

function limiterFor(db: Database, rule: LimitRule): RateLimiterDrizzle {
  let byRule = limiters.get(db);
  if (!byRule) limiters.set(db, (byRule = new Map()));
  const id = `${rule.keyPrefix}:${rule.points}:${rule.durationSeconds}:${rule.blockSeconds ?? 0}`;
  let limiter = byRule.get(id);
  if (!limiter) {
    limiter = new AtomicRateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      keyPrefix: rule.keyPrefix,
      points: rule.points,
      duration: rule.durationSeconds,
      blockDuration: rule.blockSeconds ?? 0,
      clearExpiredByTimeout: false,
    });
    byRule.set(id, limiter);
  }
  return limiter;
}

export type LimitResult = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** Spends one point for `key`; refuses when the rule's budget is used up. */
export async function consumeLimit(db: Database, rule: LimitRule, key: string, points = 1): Promise<LimitResult> {
  try {
    const res = await limiterFor(db, rule).consume(key, points);
    return { allowed: true, remaining: res.remainingPoints };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
    throw rejection;
  }
}

/** Current state without spending, e.g. to check a lockout before verifying a password. */
export async function peekLimit(db: Database, rule: LimitRule, key: string): Promise<LimitResult> {
  const res = await limiterFor(db, rule).get(key);
  if (res && res.consumedPoints > rule.points) {
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
  }
  return { allowed: true, remaining: res ? Math.max(0, rule.points - res.consumedPoints) : rule.points };
}

/** Refuses `key` for the rule's block time (or `seconds`) from now, e.g. at the fifth failure. */
export async function blockLimit(db: Database, rule: LimitRule, key: string, seconds = rule.blockSeconds ?? rule.durationSeconds): Promise<void> {
  await limiterFor(db, rule).block(key, seconds);
}

/** Forgets a key, e.g. the account's failures after a successful login. */
export async function resetLimit(db: Database, rule: LimitRule, key: string): Promise<void> {
  await limiterFor(db, rule).delete(key);
}

/** Removes long-expired rows; run from a periodic job. */
export async function deleteExpiredLimits(db: Database): Promise<void> {
  const { lt } = await import('drizzle-orm');
  await db.delete(rateLimits).where(lt(rateLimits.expire, new Date(Date.now() - 3_600_000)));
}
