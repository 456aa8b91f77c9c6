import type { DatabaseHandle } from '#db/client';
import type { Config } from '~/config.server';
import type { Logger } from '~/logger.server';
import { startRetentionSchedule } from '~/domain/retention.server';
import { photoStorageFor } from '~/storage/photo-storage.server';
import { startOutboxLoop, workerOptionsFromConfig } from './outbox-loop.server';

/**
 * Runs the outbox worker inside the app process (RUN_WORKER=true, the default). With several
 * app instances it may run in each, or in `npm run worker` processes instead: claims never
 * overlap (docs/decisions/email-outbox.md). It also refreshes the analytics rollups (once at
 * start, then on their schedule; an advisory lock keeps it to one worker at a time —
 * docs/decisions/analytics-rollups.md). Returns a stop function for shutdown.
 */
export function startEmbeddedWorker(handle: DatabaseHandle, config: Config, logger: Logger): () => Promise<void> {
  const log = logger.child({ component: 'email-worker' });
  const loop = startOutboxLoop(workerOptionsFromConfig(config, handle.db, log));
  // The daily erasure job (retention periods) runs beside it.
  const retention = startRetentionSchedule({ db: handle.db, storage: photoStorageFor(config), logger: logger.child({ component: 'retention' }) });
  log.info('email worker started in the app');
  return async () => {
    await Promise.all([loop.stop(), retention.stop()]);
  };
}
