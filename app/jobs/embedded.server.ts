import type { DatabaseHandle } from '#db/client';
import type { Config } from '~/config.server';
import { startBackgroundJobs } from '~/jobs/background-jobs.server';
import type { Logger } from '~/logger.server';

/**
 * Runs the background jobs (mail, digest, analytics rollups, housekeeping) inside the app
 * process (RUN_WORKER=true, the default). With several app instances they may run in each,
 * or in `npm run worker` processes instead: the outbox's claims never overlap, and the jobs
 * that must run once take a lock (docs/decisions/background-jobs.md). Returns a stop function.
 */
export function startEmbeddedWorker(handle: DatabaseHandle, config: Config, logger: Logger): () => Promise<void> {
  const log = logger.child({ component: 'worker' });
  const jobs = startBackgroundJobs(config, handle.db, log);
  log.info('background jobs started in the app');
  return () => jobs.stop();
}
