import { and, lt, notLike } from 'drizzle-orm';
import type { Database } from '#db/client';
import { idempotencyKeys } from '#db/schema/index';
import { deleteExpiredSessions } from '~/auth/session-store.server';
import { sweepOrphanPhotos } from '~/domain/photo-sweep.server';
import type { Logger } from '~/logger.server';
import type { PhotoStorage } from '~/storage/photo-storage.server';
import { deleteExpiredLimits } from '~/security/rate-limit.server';

// Housekeeping that must happen even on a quiet site: expired sessions, spent rate-limit
// counters and old idempotency keys (a retry comes within minutes, not weeks).

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

/** Runs the housekeeping now and then every `intervalMs`; returns a stop function. */
export function startMaintenance(db: Database, logger: Logger, intervalMs = 3_600_000, storage?: PhotoStorage): () => void {
  const tick = () => {
    runMaintenance(db, new Date(), storage).then(
      (removed) => logger.debug({ removed }, 'maintenance'),
      (error: unknown) => logger.warn({ err: error }, 'maintenance failed; will retry'),
    );
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
