// npm run worker: the outbox worker as its own process, for deployments with several app
// instances (set RUN_WORKER=false on them, or keep both: claims never overlap). Runs until
// SIGTERM/SIGINT, finishing the pass under way.
import { startRetentionSchedule } from '~/domain/retention.server';
import { startOutboxLoop, workerOptionsFromConfig } from '~/email/outbox-loop.server';
import { photoStorageFor } from '~/storage/photo-storage.server';
import { createLogger, loadConfigOrExit, openMigratedDatabase } from '~/server/run';

const config = await loadConfigOrExit();
if (!config.DATABASE_URL) {
  console.error('npm run worker needs DATABASE_URL (PostgreSQL). With the embedded database the app sends mail itself (RUN_WORKER=true).');
  process.exit(1);
}
const logger = createLogger(config.LOG_LEVEL).child({ component: 'email-worker' });
const handle = await openMigratedDatabase(config, logger);
const loop = startOutboxLoop(workerOptionsFromConfig(config, handle.db, logger));
// The daily erasure job (retention periods), advisory-locked so several workers may run it.
const retention = startRetentionSchedule({ db: handle.db, storage: photoStorageFor(config), logger: logger.child({ component: 'retention' }) });
logger.info('email worker running');

const shutdown = async () => {
  logger.info('email worker stopping');
  await Promise.all([loop.stop(), retention.stop()]);
  await handle.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
