import { and, lt, notLike } from 'drizzle-orm';
import type { Database } from '#db/client';
import { idempotencyKeys } from '#db/schema/index';
import { deleteExpiredSessions } from '~/auth/session-store.server';
import type { JobDefinition } from '~/jobs/registry.server';
import { sweepOrphanPhotos } from '~/domain/photo-sweep.server';
import type { PhotoStorage } from '~/storage/photo-storage.server';
import { deleteExpiredLimits } from '~/security/rate-limit.server';

// Housekeeping that must happen even on a quiet site: expired sessions, spent rate-limit
// counters, old idempotency keys (a retry comes within minutes, not weeks) and photo objects
// that no row refers to.

const IDEMPOTENCY_KEEP_MS = 7 * 24 * 3_600_000;

export async function runMaintenance(db: Database, now = new Date(), storage?: PhotoStorage) {
  const sessions = await deleteExpiredSessions(db, now);
  await deleteExpiredLimits(db);
  // The demo seed finds its own voices by their `seed:` keys, so those stay.
  const keys = await db.delete(idempotencyKeys)
    .where(and(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEEP_MS)), notLike(idempotencyKeys.key, 'seed:%')))
    .returning({ key: idempotencyKeys.key });
  // Photo objects a failed submission left behind (only objects: rows are never without one).
  const orphanPhotos = storage ? (await sweepOrphanPhotos(db, storage, now)).deleted.length : 0;
  return { sessions, idempotencyKeys: keys.length, orphanPhotos };
}

/** The housekeeping as a background job, hourly (in the worker, not in every web instance). */
export function maintenanceJob(storage?: PhotoStorage, intervalMs = 3_600_000): JobDefinition {
  return {
    name: 'maintenance',
    intervalMs,
    singleton: true,
    async run({ db, logger, now }) {
      const removed = await runMaintenance(db, now(), storage);
      logger.debug({ removed }, 'maintenance');
    },
  };
}
