import { and, lt, notLike } from 'drizzle-orm';
import type { Database } from '#db/client';
import { idempotencyKeys } from '#db/schema/index';
import { deleteExpiredSessions } from '~/auth/session-store.server';
import type { JobDefinition } from '~/jobs/registry.server';
import { deleteExpiredLimits } from '~/security/rate-limit.server';

// Housekeeping that must happen even on a quiet site: expired sessions, spent rate-limit
// counters and old idempotency keys (a retry comes within minutes, not weeks).

const IDEMPOTENCY_KEEP_MS = 7 * 24 * 3_600_000;

export async function runMaintenance(db: Database, now = new Date()) {
  const sessions = await deleteExpiredSessions(db, now);
  await deleteExpiredLimits(db);
  // The demo seed finds its own voices by their `seed:` keys, so those stay.
  const keys = await db.delete(idempotencyKeys)
    .where(and(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEEP_MS)), notLike(idempotencyKeys.key, 'seed:%')))
    .returning({ key: idempotencyKeys.key });
  return { sessions, idempotencyKeys: keys.length };
}

/** The housekeeping as a background job, hourly (in the worker, not in every web instance). */
export function maintenanceJob(intervalMs = 3_600_000): JobDefinition {
  return {
    name: 'maintenance',
    intervalMs,
    singleton: true,
    async run({ db, logger, now }) {
      const removed = await runMaintenance(db, now());
      logger.debug({ removed }, 'maintenance');
    },
  };
}
