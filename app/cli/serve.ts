// Production: `node build/node/serve.mjs` (`npm run build` compiles it; `npm run serve` runs it).
// Migrates at start and never seeds demo data. On PostgreSQL it runs WEB_CONCURRENCY server
// processes (default: one per core) that share the port; the primary process migrates, runs the
// background jobs (RUN_WORKER=true) and restarts a server process that dies. The embedded
// database belongs to one process, so PGlite always serves from one.
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { startEmbeddedWorker } from '~/jobs/embedded.server';
import { createLogger, loadConfigOrExit, openMigratedDatabase, serveBuiltApp } from '~/server/run';

const config = await loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL);
const processes = config.DATABASE_URL ? (config.WEB_CONCURRENCY ?? availableParallelism()) : 1;

if (processes <= 1) {
  const handle = await openMigratedDatabase(config, logger);
  await serveBuiltApp(config, handle, logger, { onListening: () => logger.info({ port: config.PORT }, 'listening') });
} else if (cluster.isPrimary) {
  const handle = await openMigratedDatabase(config, logger);
  const stopJobs = config.RUN_WORKER ? startEmbeddedWorker(handle, config, logger) : () => Promise.resolve();
  let stopping = false;
  // One server process per core already fills every core: V8's helper threads for garbage
  // collection would only take turns with the other processes' requests. Measured on 2 cores
  // (docs/decisions/production-start-processes.md): WEB_CONCURRENCY=2 served ~10 % more with it.
  cluster.setupPrimary({ execArgv: [...process.execArgv, '--single-threaded-gc'] });
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'a server process ended; starting another');
    cluster.fork();
  });
  logger.info({ port: config.PORT, processes }, 'listening');
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    // Each server process finishes its requests under way, then exits (serveBuiltApp).
    const exited = Object.values(cluster.workers ?? {}).map((worker) => new Promise<void>((resolve) => {
      if (!worker || worker.isDead()) return resolve();
      worker.once('exit', () => resolve());
      worker.process.kill('SIGTERM');
    }));
    await Promise.all(exited);
    await stopJobs();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} else {
  const { openDatabase, targetFromUrl } = await import('#db/client');
  const handle = await openDatabase(targetFromUrl(config.DATABASE_URL, config.DATA_DIR));
  // The primary ran the migrations and runs the jobs.
  await serveBuiltApp(config, handle, logger, { runJobs: false });
}
