import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import { migrateDatabase, openDatabase, targetFromUrl, type DatabaseHandle } from '#db/client';
import { ConfigError, loadConfig, type Config } from '~/config.server';
import { createLogger, type Logger } from '~/logger.server';
import { createApp } from './app';

/** Loads .env (if any) and the config; a bad config ends the process with its one-line messages. */
export async function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** A random local secret kept in the data folder, so a demo needs no configuration. */
export function localSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Opens the configured database (PostgreSQL or embedded) and applies pending migrations. */
export async function openMigratedDatabase(config: Config, logger: Logger): Promise<DatabaseHandle> {
  const target = targetFromUrl(config.DATABASE_URL, config.DATA_DIR);
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase(target, { log: (message) => logger.warn(message) });
    await migrateDatabase(handle);
  } catch (error) {
    const where = target.driver === 'pglite' ? `the embedded database in ${target.dataDir}` : 'the PostgreSQL server in DATABASE_URL';
    console.error(`Database error: could not open or migrate ${where}: ${(error as Error).message}`);
    process.exit(1);
  }
  logger.info({ driver: handle.driver }, 'database ready');
  return handle;
}

/** How long a stopping server lets requests under way finish before it closes anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface ServeOptions {
  onListening?: () => void;
  /** Run the background jobs here (the embedded default); false in cluster workers (the primary runs them). */
  runJobs?: boolean;
}

/**
 * Serves the built app until SIGINT/SIGTERM. On a signal it stops taking connections, lets the
 * requests under way finish (up to SHUTDOWN_GRACE_MS: a voice being stored is acknowledged or
 * not, never cut), stops the background jobs, then closes the database.
 */
export async function serveBuiltApp(config: Config, handle: DatabaseHandle, logger: Logger, options: ServeOptions = {}) {
  const buildFile = path.resolve(config.BUILD_DIR, 'server/index.js');
  if (!existsSync(buildFile)) {
    console.error('Build missing: run `npm run build` first (npm start does it for you).');
    process.exit(1);
  }
  const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;
  const app = createApp({ database: handle, config, logger, getBuild: build });
  const { startEmbeddedWorker } = await import('~/jobs/embedded.server');
  const stopWorker = (options.runJobs ?? config.RUN_WORKER) ? startEmbeddedWorker(handle, config, logger) : () => Promise.resolve();
  const server = createServer(app).listen(config.PORT, config.HOST, options.onListening);
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `Port ${config.PORT} is already in use: set PORT to another port.` : error.message);
    process.exit(1);
  });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down: finishing requests under way');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections with no request in flight would hold close() open.
    server.closeIdleConnections();
    const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    await closed;
    clearTimeout(grace);
    await stopWorker();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return server;
}

export { createLogger };
