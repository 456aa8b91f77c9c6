// npm run worker: the background jobs (app/jobs/) as their own process, for deployments with
// several app instances (set RUN_WORKER=false on them, or keep both: claims never overlap and
// once-only jobs take a lock). Runs until SIGTERM/SIGINT, finishing the runs under way.
import { startBackgroundJobs } from '~/jobs/background-jobs.server';
import { createLogger, loadConfigOrExit, openMigratedDatabase } from '~/server/run';

const config = await loadConfigOrExit();
if (!config.DATABASE_URL) {
  console.error('npm run worker needs DATABASE_URL (PostgreSQL). With the embedded database the app sends mail itself (RUN_WORKER=true).');
  process.exit(1);
}
const logger = createLogger(config.LOG_LEVEL).child({ component: 'worker' });
const handle = await openMigratedDatabase(config, logger);
const jobs = startBackgroundJobs(config, handle.db, logger);
logger.info('worker running');

const shutdown = async () => {
  logger.info('worker stopping');
  await jobs.stop();
  await handle.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
